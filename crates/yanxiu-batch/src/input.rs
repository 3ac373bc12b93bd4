//! What a batch reads: a workbook, a JSON list of applications, a summary
//! JSON, one application, or a folder of JSON files. Every record becomes an
//! item — good or with the reason it cannot be read — so one bad record
//! never hides the others.

use crate::error::{BatchError, InputError, RecordProblem};
use chrono::NaiveDate;
use serde_json::Value;
use std::path::{Path, PathBuf};
use yanxiu_core::limits::{MAX_APPLICATIONS, MAX_INPUT_BYTES};
use yanxiu_core::parse::{self, Kind};
use yanxiu_core::{Application, DataError, Reporter, fields};

/// One record of the input.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Where it came from: file, sheet and row (`单位甲.xlsx「申报信息」第5行`), or `a.json`.
    pub source: String,
    /// The project name as written (also when unreadable), for names and reports.
    pub project_name: String,
    /// The application, or every reason it cannot be read.
    pub data: Result<Application, Vec<RecordProblem>>,
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
    /// What was read otherwise than laid out (a title row skipped, a column
    /// ignored, a 合计 row skipped): reported, not failing.
    pub notes: Vec<String>,
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

/// Workbook file endings.
const WORKBOOKS: [&str; 4] = ["xlsx", "xlsm", "xls", "ods"];
/// Word file endings: .docx, Word 97–2003 .doc, and WPS's .wps (the same
/// binary); the reader tells them apart by their bytes.
const WORD: [&str; 3] = ["docx", "doc", "wps"];

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default()
}

impl Input {
    /// Appends another input's records (in order) and problems; the first
    /// reporting body given is kept.
    pub fn extend(&mut self, other: Input) {
        self.items.extend(other.items);
        self.reporter = self.reporter.take().or(other.reporter);
        self.filled_on = self.filled_on.or(other.filled_on);
        self.year = self.year.or(other.year);
        self.problems.extend(other.problems);
        self.notes.extend(other.notes);
    }
}

/// Reads several inputs (files and folders) into one batch, in the order
/// given; a folder's files in name order, a workbook's rows in order.
pub fn read_inputs(paths: &[PathBuf]) -> Result<Input, BatchError> {
    let mut all = Input::default();
    for p in paths {
        all.extend(read_input(p)?);
    }
    if all.items.len() > MAX_APPLICATIONS {
        return Err(BatchError::Input {
            path: paths.first().cloned().unwrap_or_default(),
            source: Box::new(InputError::TooMany {
                count: all.items.len(),
                max: MAX_APPLICATIONS,
            }),
        });
    }
    Ok(all)
}

/// Reads a batch input from a path: a folder (of `.json` files, one
/// application each, and workbooks, as each unit sends its own), a workbook
/// (`.xlsx`, `.xlsm`, `.xls`, `.ods`) or a JSON file.
pub fn read_input(path: &Path) -> Result<Input, BatchError> {
    read_path(path).map_err(|source| BatchError::Input {
        path: path.to_owned(),
        source: Box::new(source),
    })
}

fn read_path(path: &Path) -> Result<Input, InputError> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return read_folder(path);
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge {
            bytes: meta.len(),
            max: MAX_INPUT_BYTES,
        });
    }
    let name = file_label(path);
    if WORKBOOKS.contains(&extension(path).as_str()) {
        return Ok(from_intake(yanxiu_sheet::read_intake(path)?, &name));
    }
    if WORD.contains(&extension(path).as_str()) {
        return Ok(word_item(path));
    }
    from_json_bytes(&std::fs::read(path)?, &name)
}

fn file_label(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn from_intake(intake: yanxiu_sheet::Intake, name: &str) -> Input {
    let sheet = intake.sheet.clone();
    Input {
        items: intake
            .rows
            .into_iter()
            .map(|r| Item {
                source: format!("{name}「{sheet}」第{}行", r.row),
                project_name: r.project_name,
                data: r
                    .result
                    .map_err(|errs| errs.into_iter().map(RecordProblem::Cell).collect()),
            })
            .collect(),
        reporter: intake.reporter,
        filled_on: intake.filled_on,
        year: None,
        problems: intake.problems.iter().map(ToString::to_string).collect(),
        notes: intake
            .warnings
            .iter()
            .map(|w| format!("{name}：{w}"))
            .collect(),
    }
}

/// A JSON list is read element by element, so that one bad element is one
/// failed item; a summary or a single application as a whole.
fn from_json_bytes(bytes: &[u8], name: &str) -> Result<Input, InputError> {
    let text = parse::text_from_bytes(bytes)?;
    match parse::json_value(text)? {
        Value::Array(list) => Ok(Input {
            items: items_of(list, |i| (format!("{name}[{i}]"), format!("[{i}]")))?,
            ..Input::default()
        }),
        Value::Object(mut map) if parse::is_summary(&map) => {
            // The list is read element by element; the head as a summary.
            let list_keys = fields::summary("applications");
            let (written, apps) = [list_keys.key(), list_keys.label]
                .iter()
                .find_map(|k| map.remove(*k).map(|v| (*k, v)))
                .unwrap_or(("applications", Value::Array(Vec::new())));
            let head: yanxiu_core::Summary = parse::from_value(Value::Object(map))?;
            let Value::Array(list) = apps else {
                return Err(DataError::field(written, "应为项目列表 [...]").into());
            };
            Ok(Input {
                items: items_of(list, |i| {
                    (format!("{name} 项目[{i}]"), format!("{written}[{i}]"))
                })?,
                reporter: Some(head.reporter),
                filled_on: head.filled_on,
                year: head.year,
                ..Input::default()
            })
        }
        v => Ok(Input {
            items: vec![item_from_value(v, name.to_owned(), String::new())],
            ..Input::default()
        }),
    }
}

/// The records of a JSON list, each read on its own; `at(i)` names the
/// i-th one's source and path.
fn items_of(
    list: Vec<Value>,
    at: impl Fn(usize) -> (String, String),
) -> Result<Vec<Item>, InputError> {
    if list.len() > MAX_APPLICATIONS {
        return Err(InputError::TooMany {
            count: list.len(),
            max: MAX_APPLICATIONS,
        });
    }
    Ok(list
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            let (source, path) = at(i);
            item_from_value(v, source, path)
        })
        .collect())
}

/// One record from a JSON value (a list element, a Python dict): read into
/// the model, or kept with its problem; `path` prefixes the field path.
pub fn item_from_value(v: Value, source: String, path: String) -> Item {
    let project_name = name_in(&v);
    let data =
        parse::from_value_at::<Application>(v, &path).map_err(|e| vec![RecordProblem::Data(e)]);
    Item {
        source,
        project_name,
        data,
    }
}

fn read_folder(dir: &Path) -> Result<Input, InputError> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            let ext = extension(p);
            p.is_file()
                // A report left by a batch here is not a record; `~$…` is
                // Excel's lock file of a workbook open on this machine.
                && name.as_deref().is_some_and(|n| {
                    n != crate::report::REPORT_JSON && !n.starts_with("~$") && !n.starts_with('.')
                })
                && (ext == "json"
                    || WORD.contains(&ext.as_str())
                    || WORKBOOKS.contains(&ext.as_str()))
        })
        .collect();
    // Name order is the ranking order: 01-….json, 02-….xlsx.
    files.sort();
    if files.is_empty() {
        return Err(InputError::EmptyFolder);
    }
    if files.len() > MAX_APPLICATIONS {
        return Err(InputError::TooMany {
            count: files.len(),
            max: MAX_APPLICATIONS,
        });
    }
    let mut input = Input::default();
    for f in &files {
        if extension(f) == "json" {
            input.items.push(file_item(f));
            continue;
        }
        if WORD.contains(&extension(f).as_str()) {
            input.extend(word_item(f));
            continue;
        }
        // Each unit's workbook: its rows; one that cannot be read is one
        // failed record naming the file, and the others go on.
        let name = file_label(f);
        match yanxiu_sheet::read_intake(f) {
            Ok(intake) => input.extend(from_intake(intake, &name)),
            Err(e) => input.items.push(Item {
                source: name,
                project_name: String::new(),
                data: Err(vec![RecordProblem::Io(e.to_string())]),
            }),
        }
    }
    Ok(input)
}

/// One record from a filled 申报表 Word file (a unit's .docx, .doc or .wps);
/// one that cannot be read is a failed record naming the file and the
/// reason. What was read with doubt (a box that could not be read) is a
/// note naming the file and the cell.
fn word_item(f: &Path) -> Input {
    let source = file_label(f);
    let read = std::fs::read(f)
        .map_err(|e| RecordProblem::Io(crate::error::io_reason(&e)))
        .and_then(|b| {
            yanxiu_word::read_word(&b, yanxiu_core::Profile::fujian_2024_shared())
                .map_err(RecordProblem::from)
        });
    let (item, notes) = match read {
        Ok(r) => (
            Item {
                source: source.clone(),
                project_name: r.application.project_name.clone(),
                data: Ok(r.application),
            },
            r.warnings
                .into_iter()
                .map(|w| format!("{source}：{w}"))
                .collect(),
        ),
        Err(p) => (
            Item {
                source,
                project_name: String::new(),
                data: Err(vec![p]),
            },
            Vec::new(),
        ),
    };
    Input {
        items: vec![item],
        notes,
        ..Input::default()
    }
}

/// One record from one JSON file of a folder.
fn file_item(f: &Path) -> Item {
    let source = file_label(f);
    let text = std::fs::read(f)
        .map_err(|e| RecordProblem::Io(crate::error::io_reason(&e)))
        .and_then(|b| {
            parse::text_from_bytes(&b)
                .map(str::to_owned)
                .map_err(RecordProblem::Data)
        });
    match text {
        Err(p) => Item {
            source,
            project_name: String::new(),
            data: Err(vec![p]),
        },
        Ok(text) => match parse::application_from_json(&text) {
            Ok(a) => Item {
                source,
                project_name: a.project_name.clone(),
                data: Ok(a),
            },
            Err(e) => Item {
                source,
                project_name: parse::json_value(&text)
                    .map(|v| name_in(&v))
                    .unwrap_or_default(),
                data: Err(vec![RecordProblem::Data(e)]),
            },
        },
    }
}

/// The project name of a record that may not read as an application.
fn name_in(v: &Value) -> String {
    let field = fields::application("project_name");
    std::iter::once(field.key())
        .chain(std::iter::once(field.label))
        .chain(field.aliases.iter().copied())
        .find_map(|k| v.get(k).and_then(Value::as_str))
        .unwrap_or_default()
        .to_owned()
}

/// A reporting body from a file: `{"name", "contact", "phone"}` (or the
/// Chinese keys), or a summary head `{"报送单位": {…}, "填报日期": "…"}`.
pub fn read_reporter(path: &Path) -> Result<(Reporter, Option<NaiveDate>), BatchError> {
    let read = || -> Result<_, InputError> {
        let bytes = std::fs::read(path)?;
        let text = parse::text_from_bytes(&bytes)?;
        Ok(reporter_from_value(parse::json_value(text)?)?)
    };
    read().map_err(|source| BatchError::Input {
        path: path.to_owned(),
        source: Box::new(source),
    })
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

/// One intake workbook of everything an input holds (`yanxiu xlsx-merge`):
/// the readable records in order with their origin in a `来源` column, and
/// the records that could not be read, each as `origin：reason` lines.
pub fn merged_workbook(
    input: &Input,
    profile: &yanxiu_core::Profile,
) -> Result<(Vec<u8>, Vec<String>), yanxiu_sheet::SheetError> {
    let mut apps = Vec::new();
    let mut sources = Vec::new();
    let mut unreadable = Vec::new();
    for item in &input.items {
        match &item.data {
            Ok(a) => {
                apps.push(a.clone());
                sources.push(item.source.clone());
            }
            Err(problems) => {
                unreadable.extend(problems.iter().map(|p| format!("{}：{p}", item.source)))
            }
        }
    }
    let reporter = input.reporter.as_ref().map(|r| (r, input.filled_on));
    let bytes = yanxiu_sheet::write_merged(&apps, &sources, reporter, profile)?;
    Ok((bytes, unreadable))
}
