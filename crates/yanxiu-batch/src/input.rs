//! What a batch reads: a workbook, a JSON list of applications, a summary
//! JSON, one application, or a folder of JSON files. Every record becomes an
//! item — good or with the reason it cannot be read — so one bad record
//! never hides the others.

use crate::error::BatchError;
use chrono::NaiveDate;
use serde_json::Value;
use std::path::{Path, PathBuf};
use yanxiu_core::limits::{MAX_APPLICATIONS, MAX_INPUT_BYTES};
use yanxiu_core::parse::{self, Kind};
use yanxiu_core::{Application, DataError, Reporter};

/// One record of the input.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Where it came from, e.g. `申报信息.xlsx 第5行` or `a.json`.
    pub source: String,
    /// The project name as written (also when unreadable), for names and reports.
    pub project_name: String,
    /// The application, or why it cannot be read (each problem one line).
    pub data: Result<Application, Vec<String>>,
}

/// Everything a batch reads.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Input {
    /// The records, in ranking order.
    pub items: Vec<Item>,
    /// The reporting body, from the summary or the workbook.
    pub reporter: Option<Reporter>,
    /// 填报日期.
    pub filled_on: Option<NaiveDate>,
    /// 年度 of a summary.
    pub year: Option<i32>,
    /// Problems that belong to no record (they fail the batch too).
    pub problems: Vec<String>,
}

impl Input {
    /// Items from applications already in memory (the Python binding).
    pub fn from_applications(apps: Vec<Application>, label: &str) -> Input {
        Input {
            items: apps
                .into_iter()
                .enumerate()
                .map(|(i, a)| Item {
                    source: format!("{label}[{i}]"),
                    project_name: a.project_name.clone(),
                    data: Ok(a),
                })
                .collect(),
            ..Input::default()
        }
    }
}

/// Reads a batch input from a path: a folder of `.json` files, a workbook
/// (`.xlsx`, `.xlsm`, `.xls`, `.ods`) or a JSON file.
pub fn read_input(path: &Path) -> Result<Input, BatchError> {
    let io = |e: std::io::Error| BatchError::Input {
        path: path.to_owned(),
        message: e.to_string(),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return read_folder(path);
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(BatchError::Input {
            path: path.to_owned(),
            message: format!(
                "文件有 {} 字节，超过上限 {MAX_INPUT_BYTES} 字节；请分成多个文件",
                meta.len()
            ),
        });
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let name = file_label(path);
    if matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods") {
        let intake = yanxiu_sheet::read_intake(path).map_err(|e| BatchError::Input {
            path: path.to_owned(),
            message: e.to_string(),
        })?;
        return Ok(from_intake(intake, &name));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    from_json_bytes(&bytes, &name).map_err(|message| BatchError::Input {
        path: path.to_owned(),
        message,
    })
}

fn file_label(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn from_intake(intake: yanxiu_sheet::Intake, name: &str) -> Input {
    Input {
        items: intake
            .rows
            .into_iter()
            .map(|r| Item {
                source: format!("{name} 第{}行", r.row),
                project_name: r.project_name,
                data: r
                    .result
                    .map_err(|errs| errs.iter().map(ToString::to_string).collect()),
            })
            .collect(),
        reporter: intake.reporter,
        filled_on: intake.filled_on,
        year: None,
        problems: intake.problems.iter().map(ToString::to_string).collect(),
    }
}

/// A JSON list is read element by element, so that one bad element is one
/// failed item; a summary or a single application as a whole.
fn from_json_bytes(bytes: &[u8], name: &str) -> Result<Input, String> {
    let text = parse::text_from_bytes(bytes).map_err(|e| e.to_string())?;
    let value: Value = match serde_json::from_str(text.trim_start_matches('\u{feff}')) {
        Ok(v) => v,
        // The model's reader words syntax errors in Chinese with line and column.
        Err(_) => {
            return Err(match parse::document_from_json(text, None) {
                Err(e) => e.to_string(),
                Ok(_) => "JSON 无法解析".to_owned(),
            });
        }
    };
    match value {
        Value::Array(list) => {
            if list.len() > MAX_APPLICATIONS {
                return Err(format!(
                    "列表有 {} 项，超过上限 {MAX_APPLICATIONS} 项；请分成多个文件",
                    list.len()
                ));
            }
            Ok(Input {
                items: list
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| item_from_value(v, format!("{name}[{i}]"), format!("[{i}]")))
                    .collect(),
                ..Input::default()
            })
        }
        v if parse::detect_kind(&v) == Kind::Summary => {
            let Value::Object(mut map) = v else {
                unreachable!("a summary is an object")
            };
            let apps = ["applications", "项目"]
                .iter()
                .find_map(|k| map.remove(*k))
                .unwrap_or(Value::Array(Vec::new()));
            let head: yanxiu_core::Summary =
                parse::from_value(Value::Object(map)).map_err(|e| e.to_string())?;
            let Value::Array(list) = apps else {
                return Err("字段「applications」：应为项目列表".into());
            };
            if list.len() > MAX_APPLICATIONS {
                return Err(format!(
                    "汇总表有 {} 个项目，超过上限 {MAX_APPLICATIONS} 个",
                    list.len()
                ));
            }
            Ok(Input {
                items: list
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| {
                        item_from_value(
                            v,
                            format!("{name} 项目[{i}]"),
                            format!("applications[{i}]"),
                        )
                    })
                    .collect(),
                reporter: Some(head.reporter),
                filled_on: head.filled_on,
                year: head.year,
                problems: Vec::new(),
            })
        }
        v => Ok(Input {
            items: vec![item_from_value(v, name.to_owned(), String::new())],
            ..Input::default()
        }),
    }
}

/// One record from a JSON value (a list element, a Python dict): read into
/// the model, or kept with its problem; `path` prefixes the field path.
pub fn item_from_value(v: Value, source: String, path: String) -> Item {
    let project_name = name_in(&v);
    let data = parse::from_value::<Application>(v).map_err(|mut e| {
        if !path.is_empty() {
            e.path = if e.path.is_empty() {
                path.clone()
            } else {
                format!("{path}.{}", e.path)
            };
        }
        vec![e.to_string()]
    });
    Item {
        source,
        project_name,
        data,
    }
}

fn read_folder(dir: &Path) -> Result<Input, BatchError> {
    let io = |e: std::io::Error| BatchError::Input {
        path: dir.to_owned(),
        message: e.to_string(),
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                // A report left by a batch writing into this folder is not a record.
                && p.file_name().is_some_and(|n| n != crate::report::REPORT_JSON)
                && p.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        })
        .collect();
    // Name order is the ranking order: 01-….json, 02-….json.
    files.sort();
    if files.is_empty() {
        return Err(BatchError::Input {
            path: dir.to_owned(),
            message: "文件夹中没有 .json 文件".into(),
        });
    }
    if files.len() > MAX_APPLICATIONS {
        return Err(BatchError::Input {
            path: dir.to_owned(),
            message: format!(
                "文件夹有 {} 个文件，超过上限 {MAX_APPLICATIONS} 个",
                files.len()
            ),
        });
    }
    let mut input = Input::default();
    for f in files {
        let name = file_label(&f);
        let bytes = std::fs::read(&f).map_err(|e| e.to_string());
        let item = match bytes.and_then(|b| {
            parse::text_from_bytes(&b)
                .map(str::to_owned)
                .map_err(|e| e.to_string())
        }) {
            Err(m) => Item {
                source: name.clone(),
                project_name: String::new(),
                data: Err(vec![m]),
            },
            Ok(text) => match parse::application_from_json(&text) {
                Ok(a) => Item {
                    source: name.clone(),
                    project_name: a.project_name.clone(),
                    data: Ok(a),
                },
                Err(e) => Item {
                    source: name.clone(),
                    project_name: serde_json::from_str::<Value>(&text)
                        .map(|v| name_in(&v))
                        .unwrap_or_default(),
                    data: Err(vec![e.to_string()]),
                },
            },
        };
        input.items.push(item);
    }
    Ok(input)
}

/// The project name of a record that may not read as an application.
fn name_in(v: &Value) -> String {
    ["project_name", "项目名称"]
        .iter()
        .find_map(|k| v.get(k).and_then(Value::as_str))
        .unwrap_or_default()
        .to_owned()
}

/// A reporting body from a file: `{"name", "contact", "phone"}` (or the
/// Chinese keys), or a summary head `{"报送单位": {…}, "填报日期": "…"}`.
pub fn read_reporter(path: &Path) -> Result<(Reporter, Option<NaiveDate>), BatchError> {
    let fail = |message: String| BatchError::Input {
        path: path.to_owned(),
        message,
    };
    let bytes = std::fs::read(path).map_err(|e| fail(e.to_string()))?;
    let text = parse::text_from_bytes(&bytes).map_err(|e| fail(e.to_string()))?;
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|_| {
        fail(
            parse::summary_from_json(text)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default(),
        )
    })?;
    reporter_from_value(value).map_err(|e| fail(e.to_string()))
}

/// A reporting body from a JSON value: `{"name", "contact", "phone"}` (or
/// the Chinese keys), or a summary head carrying `报送单位` and `填报日期`.
pub fn reporter_from_value(value: Value) -> Result<(Reporter, Option<NaiveDate>), DataError> {
    if parse::detect_kind(&value) == Kind::Summary {
        let s: yanxiu_core::Summary = parse::from_value(value)?;
        Ok((s.reporter, s.filled_on))
    } else {
        Ok((parse::from_value::<Reporter>(value)?, None))
    }
}
