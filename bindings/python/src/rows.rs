//! Rows as office scripts hold them — a pandas DataFrame, openpyxl rows, csv
//! dicts — read by the workbook reader's own code (`yanxiu_sheet::
//! application_from_row`), not a Python copy of its column mapping.

use crate::Application;
use crate::errors::{Failure, to_py};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDate, PyDateTime, PyFloat, PyInt, PyMapping, PyString};
use std::sync::Arc;
use yanxiu_sheet::{PreviousRows, RowValue};

/// A cell value as the workbook reader takes it: `None`, `NaN`, `NaT` and
/// `""` are empty; numpy numbers are numbers; a `datetime`'s time is dropped.
fn row_value(v: &Bound<'_, PyAny>) -> RowValue {
    if v.is_none() {
        return RowValue::Empty;
    }
    // NaN and pandas' NaT are the only values unequal to themselves.
    if v.ne(v).unwrap_or(false) {
        return RowValue::Empty;
    }
    if let Ok(b) = v.cast::<PyBool>() {
        return RowValue::Bool(b.is_true());
    }
    if v.is_instance_of::<PyDateTime>() || v.is_instance_of::<PyDate>() {
        let date = v
            .call_method0("isoformat")
            .and_then(|s| s.extract::<String>())
            .ok()
            .and_then(|s| chrono::NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok());
        return date.map_or(RowValue::Empty, RowValue::Date);
    }
    if let Ok(s) = v.cast::<PyString>() {
        let t = s.to_string_lossy().trim().to_owned();
        return if t.is_empty() {
            RowValue::Empty
        } else {
            RowValue::Text(t)
        };
    }
    // numpy's bool_ is no Python bool.
    if v.get_type().name().is_ok_and(|n| n == "bool_") {
        return RowValue::Bool(v.is_truthy().unwrap_or(false));
    }
    if (v.is_instance_of::<PyInt>() || v.hasattr("__index__").unwrap_or(false))
        && let Ok(i) = v.call_method0("__index__").and_then(|i| i.extract::<i64>())
    {
        return RowValue::Int(i);
    }
    if (v.is_instance_of::<PyFloat>() || v.hasattr("__float__").unwrap_or(false))
        && let Ok(f) = v.extract::<f64>()
    {
        return RowValue::Float(f);
    }
    RowValue::Text(
        v.str()
            .map(|s| s.to_string_lossy().trim().to_owned())
            .unwrap_or_default(),
    )
}

/// What one row read as.
pub(crate) type RowRead =
    Result<Option<(yanxiu_core::Application, Vec<String>)>, (String, Option<String>)>;

/// One row: an Application (none for the template's example row), or the
/// sentence naming every bad cell and the first bad column.
pub(crate) fn read_row(
    row: &Bound<'_, PyAny>,
    previous: &mut Option<PreviousRows>,
) -> PyResult<RowRead> {
    let (columns, values) = cells(row)?;
    let read = match previous {
        Some(p) => yanxiu_sheet::application_from_row_with(&columns, values, p),
        None => yanxiu_sheet::application_from_row(&columns, values),
    };
    Ok(read.map_err(|errors| {
        let column = errors.first().and_then(|e| e.column.clone());
        let text = errors
            .iter()
            .map(|e| match &e.column {
                Some(c) => format!("「{c}」：{}", e.message),
                None => e.message.clone(),
            })
            .collect::<Vec<_>>()
            .join("；");
        (text, column)
    }))
}

/// A row's column names and values.
fn cells(row: &Bound<'_, PyAny>) -> PyResult<(Vec<String>, Vec<RowValue>)> {
    let mapping = row.cast::<PyMapping>().map_err(|_| {
        pyo3::exceptions::PyTypeError::new_err(
            "一行应为 dict（列名 → 值），例如 DataFrame 的一行 row.to_dict()",
        )
    })?;
    let mut columns = Vec::new();
    let mut values = Vec::new();
    for item in mapping.items()?.try_iter()? {
        let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item?.extract()?;
        columns.push(k.str()?.to_string_lossy().into_owned());
        values.push(row_value(&v));
    }
    Ok((columns, values))
}

/// The 已办班次 rows given beside the projects (`previous=df2`: a second
/// DataFrame, or any iterable of mappings), filed by project name.
pub(crate) fn previous_rows(previous: Option<&Bound<'_, PyAny>>) -> PyResult<Option<PreviousRows>> {
    let Some(previous) = previous.filter(|p| !p.is_none()) else {
        return Ok(None);
    };
    let mut rows = Vec::new();
    for (_, row) in labelled_rows(previous)? {
        rows.push(cells(&row)?);
    }
    Ok(Some(PreviousRows::from_rows(rows)))
}

/// The 已办班次 rows no project took, as sentences (`「已办班次」第3行…`).
pub(crate) fn unclaimed(previous: Option<PreviousRows>) -> Vec<String> {
    previous
        .map(PreviousRows::unclaimed)
        .unwrap_or_default()
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// The rows of a DataFrame (`iterrows`, labelled `第3行（索引 7）`) or of any
/// iterable of mappings (`第3行`).
pub(crate) fn labelled_rows<'py>(
    rows: &Bound<'py, PyAny>,
) -> PyResult<Vec<(String, Bound<'py, PyAny>)>> {
    let mut out = Vec::new();
    if rows.hasattr("iterrows")? {
        for (i, pair) in rows.call_method0("iterrows")?.try_iter()?.enumerate() {
            let (index, series): (Bound<'py, PyAny>, Bound<'py, PyAny>) = pair?.extract()?;
            out.push((
                format!("第{}行（索引 {}）", i + 1, index.str()?),
                series.call_method0("to_dict")?,
            ));
        }
    } else {
        for (i, row) in rows.try_iter()?.enumerate() {
            out.push((format!("第{}行", i + 1), row?));
        }
    }
    Ok(out)
}

fn warn_ignored(py: Python<'_>, ignored: &[String]) -> PyResult<()> {
    if !ignored.is_empty() {
        py.import("warnings")?.getattr("warn")?.call1((format!(
            "不是申报表的栏目，已忽略（未读入）：{}",
            ignored.join("、")
        ),))?;
    }
    Ok(())
}

pub(crate) fn from_row(
    py: Python<'_>,
    row: &Bound<'_, PyAny>,
    label: Option<&str>,
    previous: &mut Option<PreviousRows>,
) -> PyResult<Option<Application>> {
    match read_row(row, previous)? {
        Ok(None) => Ok(None),
        Ok(Some((app, ignored))) => {
            warn_ignored(py, &ignored)?;
            Ok(Some(Application {
                inner: Arc::new(app),
            }))
        }
        Err((text, column)) => {
            let message = match label {
                Some(l) => format!("{l}{text}"),
                None => text,
            };
            Err(to_py(py, Failure::Row { message, column }))
        }
    }
}

/// `Application.from_rows`: every row (the template's example row left
/// out, as the workbook reader leaves it), or the first bad one raised; the
/// 特色班's earlier classes from `previous`, where a row no project takes is
/// an error too (it would be lost silently).
pub(crate) fn from_rows(
    py: Python<'_>,
    rows: &Bound<'_, PyAny>,
    previous: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<Application>> {
    let mut previous = previous_rows(previous)?;
    let mut out = Vec::new();
    for (label, row) in labelled_rows(rows)? {
        out.extend(from_row(py, &row, Some(&label), &mut previous)?);
    }
    let left = unclaimed(previous);
    if !left.is_empty() {
        return Err(to_py(
            py,
            Failure::Row {
                message: left.join("；"),
                column: Some("项目名称".into()),
            },
        ));
    }
    Ok(out)
}

/// `from_row` on the template's example row: it is no project.
pub(crate) fn example_row_error(py: Python<'_>) -> PyErr {
    to_py(
        py,
        Failure::Row {
            message: "这一行是模板中的示例行（序号为“示例”），不是项目".into(),
            column: Some("序号".into()),
        },
    )
}
