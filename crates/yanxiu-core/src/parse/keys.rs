//! Chinese keys to the model's English keys, through the table of fields.
//!
//! The model is declared with its English keys only; every Chinese label
//! and alias a form accepts comes from [`crate::fields`]. The walk also
//! refuses, naming the key as written, what serde would get wrong: the
//! same field given twice (`项目名称` and `project_name`), and a list where
//! the model has none (serde would read a struct from a list by position).

use crate::error::{DataError, DataErrorKind};
use crate::fields::{self, Form};
use serde_json::{Map, Value};

/// Where each renamed key was written: (path in English keys, path as written).
#[derive(Debug, Default)]
pub(crate) struct Renames(Vec<(String, String)>);

impl Renames {
    /// A path in English keys, as the user wrote it.
    pub(crate) fn written(&self, canonical: &str) -> String {
        let best = self
            .0
            .iter()
            .filter(|(c, _)| {
                canonical == c
                    || canonical
                        .strip_prefix(c.as_str())
                        .is_some_and(|rest| rest.starts_with(['.', '[']))
            })
            .max_by_key(|(c, _)| c.len());
        match best {
            Some((c, w)) => format!("{w}{}", &canonical[c.len()..]),
            None => canonical.to_owned(),
        }
    }
}

/// Where a walk stands: the form's table, the path in the table (`[]` for
/// list elements) and the paths in English and as written (`[i]`).
#[derive(Clone)]
struct At {
    form: Form,
    table: String,
    canonical: String,
    written: String,
}

impl At {
    fn child(&self, key: &str, written_key: &str) -> At {
        let join = |p: &str, k: &str| {
            if p.is_empty() {
                k.to_owned()
            } else {
                format!("{p}.{k}")
            }
        };
        At {
            form: self.form,
            table: join(&self.table, key),
            canonical: join(&self.canonical, key),
            written: join(&self.written, written_key),
        }
    }

    fn element(&self, i: usize) -> At {
        At {
            form: self.form,
            table: format!("{}[]", self.table),
            canonical: format!("{}[{i}]", self.canonical),
            written: format!("{}[{i}]", self.written),
        }
    }

    /// The field of `key` in the object here. A summary's applications are
    /// applications: their keys come from the application table.
    fn field(&self, key: &str) -> Option<&'static fields::FieldDef> {
        match (self.form, self.table.strip_prefix("applications[]")) {
            (Form::Summary, Some(rest)) => {
                fields::find(Form::Application, rest.trim_start_matches('.'), key)
            }
            _ => fields::find(self.form, &self.table, key),
        }
    }
}

/// Renames the keys of `value`, the object at `root` of `form` (or a list
/// of such objects when `list`), whose path as the user knows it is
/// `written` (empty for a whole document).
pub(crate) fn canonical(
    value: Value,
    form: Form,
    root: &str,
    written: &str,
    list: bool,
) -> Result<(Value, Renames), DataError> {
    let at = At {
        form,
        table: root.to_owned(),
        canonical: String::new(),
        written: written.to_owned(),
    };
    let mut renames = Renames::default();
    let value = match value {
        Value::Array(items) if list => Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, v)| walk(v, &at.element(i), &mut renames, false))
                .collect::<Result<_, _>>()?,
        ),
        v => walk(v, &at, &mut renames, false)?,
    };
    Ok((value, renames))
}

fn walk(v: Value, at: &At, renames: &mut Renames, list: bool) -> Result<Value, DataError> {
    match v {
        Value::Array(items) if list => Ok(Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, v)| walk(v, &at.element(i), renames, false))
                .collect::<Result<_, _>>()?,
        )),
        Value::Array(_) => Err(DataError::new(
            DataErrorKind::MisplacedList,
            at.written.clone(),
            "这里应为对象或文字，不能是列表（[…]）；请按字段名分项填写",
        )),
        Value::Object(map) => {
            let mut out = Map::with_capacity(map.len());
            let mut given: Vec<(String, String)> = Vec::new();
            for (key, child) in map {
                let Some(def) = at.field(&key) else {
                    // Unknown keys stay as written: serde names them.
                    out.insert(key, child);
                    continue;
                };
                let english = def.key();
                if let Some((_, first)) = given.iter().find(|(e, _)| e == english) {
                    let path = at.child(english, &key).written;
                    return Err(DataError::new(
                        DataErrorKind::DuplicateField,
                        path,
                        format!("字段「{key}」与「{first}」是同一项，只能填写一次"),
                    ));
                }
                given.push((english.to_owned(), key.clone()));
                let next = at.child(english, &key);
                if key != english {
                    renames
                        .0
                        .push((next.canonical.clone(), next.written.clone()));
                }
                let child = walk(child, &next, renames, def.list)?;
                out.insert(english.to_owned(), child);
            }
            Ok(Value::Object(out))
        }
        other => Ok(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn chinese_keys_become_english_and_are_remembered() {
        let (v, r) = canonical(
            json!({"项目": [{"培训人数": 5, "特色班相关情况": {"已办班次": [{"名称": "a"}]}}]}),
            Form::Summary,
            "",
            "",
            false,
        )
        .unwrap();
        assert_eq!(
            v,
            json!({"applications": [{"participants": 5, "featured": {"previous": [{"name": "a"}]}}]})
        );
        assert_eq!(
            r.written("applications[0].featured.previous[0].name"),
            "项目[0].特色班相关情况.已办班次[0].名称"
        );
        assert_eq!(r.written("applications[0].projct"), "项目[0].projct");
    }

    #[test]
    fn the_same_field_twice_is_refused() {
        let e = canonical(
            json!({"项目名称": "a", "project_name": "b"}),
            Form::Application,
            "",
            "",
            false,
        )
        .unwrap_err();
        assert_eq!(e.kind, DataErrorKind::DuplicateField);
        assert!(e.message.contains("项目名称"), "{e}");
    }

    #[test]
    fn lists_only_where_the_model_has_them() {
        let e = canonical(
            json!({"选题范围": ["服务重大战略"]}),
            Form::Application,
            "",
            "",
            false,
        )
        .unwrap_err();
        assert_eq!(e.path, "选题范围");
        assert_eq!(e.kind, DataErrorKind::MisplacedList);
    }
}
