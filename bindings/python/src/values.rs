//! Python values read directly into JSON values for the model's reader: no
//! detour through JSON text, so an error names the key path the script
//! wrote, never a line and column of text it never saw.

use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyDate, PyDateTime, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple,
};
use serde_json::{Map, Number, Value};
use yanxiu_core::DataError;

/// Nesting deeper than any form has: refused instead of recursing.
const MAX_DEPTH: usize = 32;

/// A dict, list or scalar as a JSON value; a value of no JSON kind is a
/// `DataError` naming its path.
pub(crate) fn to_value(
    obj: &Bound<'_, PyAny>,
    path: &str,
    depth: usize,
) -> Result<Value, DataError> {
    let fail = |m: String| DataError::field(path, m);
    if depth > MAX_DEPTH {
        return Err(fail("嵌套层数过多".into()));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    // bool before int: True is an int in Python.
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(n) = obj.extract::<i64>() {
            return Ok(Value::from(n));
        }
        if let Ok(n) = obj.extract::<u64>() {
            return Ok(Value::from(n));
        }
        return Err(fail(format!("数字过大（{obj}）")));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        let x = f.value();
        return Ok(Number::from_f64(x).map_or(Value::Null, Value::Number));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_string()));
    }
    // datetime before date: a datetime is a date in Python.
    if obj.is_instance_of::<PyDateTime>() || obj.is_instance_of::<PyDate>() {
        let iso = obj
            .call_method0("isoformat")
            .and_then(|s| s.extract::<String>())
            .map_err(|e| fail(e.to_string()))?;
        return Ok(Value::String(iso.chars().take(10).collect()));
    }
    if let Ok(m) = obj.cast::<PyMapping>() {
        let mut out = Map::new();
        let items = m.items().map_err(|e| fail(e.to_string()))?;
        for item in items.iter() {
            let (k, v) = item
                .extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>()
                .map_err(|e: PyErr| fail(e.to_string()))?;
            let Ok(key) = k.extract::<String>() else {
                return Err(fail(format!(
                    "键名须为文字（现为 {}）",
                    k.repr().map_or_else(|_| "?".into(), |r| r.to_string())
                )));
            };
            let child = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            out.insert(key, to_value(&v, &child, depth + 1)?);
        }
        return Ok(Value::Object(out));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut out = Vec::new();
        for (i, v) in obj.try_iter().map_err(|e| fail(e.to_string()))?.enumerate() {
            let v = v.map_err(|e| fail(e.to_string()))?;
            out.push(to_value(&v, &format!("{path}[{i}]"), depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    let kind = obj
        .get_type()
        .name()
        .map_or_else(|_| "?".into(), |n| n.to_string());
    Err(fail(format!("无法识别的值类型 {kind}")))
}

/// A mapping as a JSON object; anything else is a `TypeError`.
pub(crate) fn mapping(obj: &Bound<'_, PyAny>) -> PyResult<Result<Value, DataError>> {
    if obj.cast::<PyMapping>().is_err() {
        let kind = obj.get_type().name()?;
        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "需要 dict 或其他 Mapping，得到 {kind}"
        )));
    }
    Ok(to_value(obj, "", 0))
}
