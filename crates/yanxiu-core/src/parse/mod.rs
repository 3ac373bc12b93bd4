//! Reading JSON into the model, with errors that name the field path, the
//! line and the column, in Chinese.

mod keys;
mod locate;
mod strict;
mod value_de;

use crate::error::{DataError, DataErrorKind};
use crate::fields::{self, Form};
use crate::model::{Application, Reporter, Summary};
use serde::de::DeserializeOwned;
use value_de::Problem;

/// Which form a JSON document describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// One 申报表.
    Application,
    /// One 汇总表.
    Summary,
}

/// A parsed input document.
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    /// One application.
    Application(Box<Application>),
    /// One summary.
    Summary(Box<Summary>),
    /// A JSON list of applications.
    Applications(Vec<Application>),
}

/// Guesses the kind of a JSON document from its top-level keys: one that
/// only a summary has makes it a summary.
pub fn detect_kind(value: &serde_json::Value) -> Kind {
    match value {
        serde_json::Value::Object(m) if is_summary(m) => Kind::Summary,
        _ => Kind::Application,
    }
}

/// Whether a JSON object has a key that only a summary has.
pub fn is_summary(object: &serde_json::Map<String, serde_json::Value>) -> bool {
    fields::summary_only_keys().any(|k| object.contains_key(k))
}

/// Parses one application from JSON text.
pub fn application_from_json(text: &str) -> Result<Application, DataError> {
    from_text(text)
}

/// Parses one summary from JSON text.
pub fn summary_from_json(text: &str) -> Result<Summary, DataError> {
    from_text(text)
}

/// Parses a document, taking its kind from `kind` or from its shape.
pub fn document_from_json(text: &str, kind: Option<Kind>) -> Result<Document, DataError> {
    let value = json_value(text)?;
    let at = |e: DataError| with_position(e, text);
    if kind.is_none() && value.is_array() {
        return read::<Vec<Application>>(value, "")
            .map(Document::Applications)
            .map_err(at);
    }
    match kind.unwrap_or_else(|| detect_kind(&value)) {
        Kind::Application => read(value, "")
            .map(|a| Document::Application(Box::new(a)))
            .map_err(at),
        Kind::Summary => read(value, "")
            .map(|s| Document::Summary(Box::new(s)))
            .map_err(at),
    }
}

/// Parses a document from the bytes of a file: refuses text that is not
/// UTF-8 (naming the first bad byte, as GBK files from Notepad or Excel are
/// common) and files over [`MAX_INPUT_BYTES`](crate::limits::MAX_INPUT_BYTES).
pub fn document_from_bytes(bytes: &[u8], kind: Option<Kind>) -> Result<Document, DataError> {
    document_from_json(text_from_bytes(bytes)?, kind)
}

/// The text of a JSON file, checked as [`document_from_bytes`] does.
pub fn text_from_bytes(bytes: &[u8]) -> Result<&str, DataError> {
    let max = crate::limits::MAX_INPUT_BYTES;
    if bytes.len() as u64 > max {
        return Err(DataError::new(
            DataErrorKind::TooLarge,
            "",
            format!(
                "文件有 {} 字节，超过上限 {max} 字节；请分成多个文件",
                bytes.len()
            ),
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        DataError::new(
            DataErrorKind::Encoding,
            "",
            format!(
                "文件不是 UTF-8 编码（第 {} 个字节起无效；若由 Excel/记事本保存为 GBK/ANSI，请另存为 UTF-8）",
                e.valid_up_to() + 1
            ),
        )
    })
}

/// JSON text as a value; syntax errors in Chinese with line and column. A
/// key given twice in one object is refused (JSON parsers keep the last one,
/// silently dropping the first).
pub fn json_value(text: &str) -> Result<serde_json::Value, DataError> {
    serde_json::from_str::<strict::Strict>(strip_bom(text))
        .map(|s| s.0)
        .map_err(json_error)
}

/// What the JSON reader can read: the two forms, and the parts a caller may
/// hold alone. Each knows where it stands in the table of fields.
pub trait Readable: DeserializeOwned {
    /// The form whose table names its keys.
    const FORM: Form;
    /// Its path in that form (`""` for a whole form).
    const ROOT: &'static str;
    /// A list of applications rather than one object.
    const LIST: bool = false;
}

impl Readable for Application {
    const FORM: Form = Form::Application;
    const ROOT: &'static str = "";
}

impl Readable for Summary {
    const FORM: Form = Form::Summary;
    const ROOT: &'static str = "";
}

impl Readable for Reporter {
    const FORM: Form = Form::Summary;
    const ROOT: &'static str = "reporter";
}

impl Readable for Vec<Application> {
    const FORM: Form = Form::Application;
    const ROOT: &'static str = "";
    const LIST: bool = true;
}

/// Reads a model value from an already-parsed JSON value (a list element, a
/// Python dict, a workbook row): Chinese or English keys, errors naming the
/// field path as written.
pub fn from_value<T: Readable>(value: serde_json::Value) -> Result<T, DataError> {
    read(value, "")
}

/// The same, for a value that stands at `path` of a larger document (the
/// path is put before every error's path), e.g. `applications[3]`.
pub fn from_value_at<T: Readable>(value: serde_json::Value, path: &str) -> Result<T, DataError> {
    read(value, path)
}

fn read<T: Readable>(value: serde_json::Value, path: &str) -> Result<T, DataError> {
    let (value, renames) = keys::canonical(value, T::FORM, T::ROOT, path, T::LIST)?;
    serde_path_to_error::deserialize(value_de::De(value)).map_err(|e| {
        let mut canonical = String::new();
        for seg in e.path().iter() {
            use serde_path_to_error::Segment;
            match seg {
                Segment::Seq { index } => canonical.push_str(&format!("[{index}]")),
                Segment::Map { key } => push_key(&mut canonical, key),
                Segment::Enum { variant } => push_key(&mut canonical, variant),
                Segment::Unknown => push_key(&mut canonical, "?"),
            }
        }
        let problem = e.into_inner().0;
        if let Problem::UnknownField { key } = &problem
            && !canonical.ends_with(key.as_str())
        {
            push_key(&mut canonical, key);
        }
        let written = renames.written(&canonical);
        let full = match (path.is_empty(), written.is_empty()) {
            (true, _) => written,
            (false, true) => path.to_owned(),
            (false, false) if written.starts_with('[') => format!("{path}{written}"),
            (false, false) => format!("{path}.{written}"),
        };
        problem_error(problem, full)
    })
}

/// The error of one problem at a path, in Chinese.
fn problem_error(problem: Problem, path: String) -> DataError {
    let detail = format!("{problem:?}");
    let (kind, message) = match problem {
        Problem::Custom(m) => (DataErrorKind::Invalid, m),
        Problem::WrongType { found, expected } => (
            DataErrorKind::WrongType,
            format!("类型或取值错误：应为{expected}，实际为{found}"),
        ),
        Problem::WrongValue { found, expected } => (
            DataErrorKind::WrongValue,
            format!("类型或取值错误：应为{expected}，实际为{found}"),
        ),
        Problem::UnknownChoice { value, choices } => (
            DataErrorKind::UnknownChoice,
            format!("取值「{value}」无效，可选：{choices}"),
        ),
        Problem::UnknownField { key } => (
            DataErrorKind::UnknownField,
            format!("未知字段「{key}」（可能是拼写错误；字段名见 yanxiu schema）"),
        ),
        Problem::DuplicateField { key } => (
            DataErrorKind::DuplicateField,
            format!("字段「{key}」重复出现"),
        ),
        Problem::MissingField { key } => (DataErrorKind::Invalid, format!("缺少字段「{key}」")),
    };
    DataError {
        detail,
        ..DataError::new(kind, path, message)
    }
}

/// Parses JSON text into a model value, naming line and column of errors.
fn from_text<T: Readable>(text: &str) -> Result<T, DataError> {
    let value = json_value(text)?;
    read(value, "").map_err(|e| with_position(e, text))
}

/// Adds where in the text the field of an error stands.
fn with_position(mut e: DataError, text: &str) -> DataError {
    if e.line.is_none()
        && let Some((line, column)) = locate::locate(strip_bom(text), &e.path)
    {
        e.line = Some(line);
        e.column = Some(column);
    }
    e
}

/// Files saved by Windows Notepad start with a byte-order mark.
fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn push_key(path: &mut String, key: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
}

fn json_error(e: serde_json::Error) -> DataError {
    let (line, column) = if e.line() > 0 {
        (Some(e.line()), Some(e.column()))
    } else {
        (None, None)
    };
    let full = e.to_string();
    let detail = match full.rfind(" at line ") {
        Some(i) => full[..i].to_owned(),
        None => full,
    };
    let (kind, message) = match e.classify() {
        serde_json::error::Category::Eof => (
            DataErrorKind::Incomplete,
            "JSON 文本不完整（文件被截断，或缺少结尾的 } 或 ]）".to_owned(),
        ),
        serde_json::error::Category::Io => (DataErrorKind::Syntax, format!("读取失败：{detail}")),
        serde_json::error::Category::Syntax => (
            DataErrorKind::Syntax,
            format!("JSON 语法错误：{}", syntax_zh(&detail)),
        ),
        // Reading text into a value refuses only a key given twice.
        serde_json::error::Category::Data => (DataErrorKind::DuplicateField, detail.clone()),
    };
    DataError {
        line,
        column,
        detail,
        ..DataError::new(kind, "", message)
    }
}

/// Serde_json names a syntax error only in words; the common ones are
/// said again in Chinese, the English kept beside them.
fn syntax_zh(detail: &str) -> String {
    const ZH: [(&str, &str); 12] = [
        ("expected `,` or `}`", "此处应为逗号或 }"),
        ("expected `,` or `]`", "此处应为逗号或 ]"),
        ("expected `:`", "此处应为冒号"),
        ("key must be a string", "键名须用双引号括起"),
        ("trailing comma", "多余的逗号"),
        ("trailing characters", "JSON 结束后还有多余内容"),
        (
            "control character",
            "字符串中有未转义的控制字符（如换行须写作 \\n）",
        ),
        ("invalid escape", "无效的转义序列"),
        ("invalid number", "无效的数字"),
        ("expected value", "此处应为一个值"),
        ("invalid unicode", "无效的 Unicode 转义"),
        ("lone leading surrogate", "无效的 Unicode 转义"),
    ];
    match ZH.iter().find(|(en, _)| detail.starts_with(en)) {
        Some((_, zh)) => format!("{zh}（{detail}）"),
        None => detail.to_owned(),
    }
}

/// A count as offices type it: `60`, `６０`, `60人`, `60 名`; an empty text
/// is no count. The error is the sentence a person can act on
/// (`不是整数（现为“约六十”）`).
pub fn count_text(text: &str) -> Result<Option<u32>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let ascii: String = t
        .trim_end_matches(['人', '名'])
        .trim()
        .chars()
        .map(|ch| match ch {
            '０'..='９' => char::from(b'0' + (ch as u32 - '０' as u32) as u8),
            _ => ch,
        })
        .collect();
    let bad = || format!("不是整数（现为“{t}”）");
    if !ascii.is_empty() && ascii.chars().all(|ch| ch.is_ascii_digit()) {
        ascii.parse().map(Some).map_err(|_| bad())
    } else {
        Err(bad())
    }
}

#[cfg(test)]
mod count_tests {
    use super::count_text;

    #[test]
    fn counts_as_offices_type_them() {
        assert_eq!(count_text("60"), Ok(Some(60)));
        assert_eq!(count_text(" ６０人 "), Ok(Some(60)));
        assert_eq!(count_text("45名"), Ok(Some(45)));
        assert_eq!(count_text(""), Ok(None));
        assert_eq!(count_text("约六十"), Err("不是整数（现为“约六十”）".into()));
        assert!(count_text("99999999999").is_err());
    }
}

/// An application as JSON with the form's Chinese keys and values (`项目名称`,
/// `申报级别: 国家级`, `办班时间: 2024年6月11日至14日`), as offices write it;
/// it reads back into the same application.
pub fn to_chinese(app: &Application) -> serde_json::Value {
    use serde_json::Value;
    fn walk(v: Value, table: &str) -> Value {
        match v {
            Value::Object(m) => Value::Object(
                m.into_iter()
                    .map(|(k, v)| {
                        let path = if table.is_empty() {
                            k.clone()
                        } else {
                            format!("{table}.{k}")
                        };
                        let label = crate::fields::application(&path).label;
                        let key = if label.is_empty() {
                            k
                        } else {
                            label.to_owned()
                        };
                        (key, walk(v, &path))
                    })
                    .collect(),
            ),
            Value::Array(items) => Value::Array(
                items
                    .into_iter()
                    .map(|v| walk(v, &format!("{table}[]")))
                    .collect(),
            ),
            other => other,
        }
    }
    let Ok(mut v) = serde_json::to_value(app) else {
        return Value::Null;
    };
    // Values in words where the form has words for them.
    if let Value::Object(m) = &mut v {
        m.insert("level".into(), app.level.label().into());
        m.insert("mode".into(), app.mode.label().into());
        if let Some(Value::Object(a)) = m.get_mut("applicant") {
            a.insert("kind".into(), app.applicant.kind.label().into());
        }
        // In words when the words read back the same (`2024年6月（4天）` does not).
        if let Some(s) = &app.schedule
            && crate::Schedule::parse(&s.display_zh()).ok().as_ref() == Some(s)
        {
            m.insert("schedule".into(), s.display_zh().into());
        }
        if let Some(d) = app.applied_on {
            m.insert("applied_on".into(), crate::date::zh(d).into());
        }
    }
    walk(v, "")
}

#[cfg(test)]
mod chinese_tests {
    #[test]
    fn chinese_json_reads_back_the_same() {
        for text in [
            include_str!("../../../../examples/application.json"),
            include_str!("../../../../examples/application-zh.json"),
        ] {
            let app = super::application_from_json(text).unwrap();
            let zh = super::to_chinese(&app);
            assert!(zh.get("项目名称").is_some(), "{zh}");
            let back = super::application_from_json(&zh.to_string()).unwrap();
            assert_eq!(back, app);
        }
    }
}
