//! Reading JSON into the model, with errors that name the field path, the
//! line and the column, in Chinese.

use crate::error::DataError;
use crate::model::{Application, Summary};
use serde::de::DeserializeOwned;

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

/// Keys that only a summary has: a document with any of them is a summary.
const SUMMARY_KEYS: [&str; 6] = [
    "applications",
    "项目",
    "reporter",
    "报送单位",
    "filled_on",
    "填报日期",
];

/// Guesses the kind of a JSON document from its top-level keys.
pub fn detect_kind(value: &serde_json::Value) -> Kind {
    match value {
        serde_json::Value::Object(m) if SUMMARY_KEYS.iter().any(|k| m.contains_key(*k)) => {
            Kind::Summary
        }
        _ => Kind::Application,
    }
}

/// Parses one application from JSON text.
pub fn application_from_json(text: &str) -> Result<Application, DataError> {
    from_json(text, false)
}

/// Parses one summary from JSON text.
pub fn summary_from_json(text: &str) -> Result<Summary, DataError> {
    from_json(text, false)
}

/// Parses a document, taking its kind from `kind` or from its shape.
pub fn document_from_json(text: &str, kind: Option<Kind>) -> Result<Document, DataError> {
    let value: serde_json::Value = serde_json::from_str(strip_bom(text)).map_err(json_error)?;
    if kind.is_none() && value.is_array() {
        return from_json(text, true).map(Document::Applications);
    }
    match kind.unwrap_or_else(|| detect_kind(&value)) {
        Kind::Application => {
            application_from_json(text).map(|a| Document::Application(Box::new(a)))
        }
        Kind::Summary => summary_from_json(text).map(|s| Document::Summary(Box::new(s))),
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
        return Err(DataError::field(
            "",
            format!(
                "文件有 {} 字节，超过上限 {max} 字节；请分成多个文件",
                bytes.len()
            ),
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        DataError::field(
            "",
            format!(
                "文件不是 UTF-8 编码（第 {} 个字节起无效；若由 Excel/记事本保存为 GBK/ANSI，请另存为 UTF-8）",
                e.valid_up_to() + 1
            ),
        )
    })
}

/// Reads a model value from an already-parsed JSON value (as the Python
/// binding has), with the same error paths.
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, DataError> {
    misplaced_list(&value, "", false)?;
    serde_path_to_error::deserialize(value).map_err(path_error)
}

/// Keys whose value is a list; a list anywhere else is refused.
const LIST_KEYS: [&str; 5] = [
    "applications",
    "项目",
    "previous",
    "已办班次",
    "已办相关班次",
];

/// Serde reads a struct from a list by position, so `"选题范围": ["服务重大战略"]`
/// would silently fill the first box with the word. Lists are allowed only
/// where the model has one (and as the whole document, for a list of
/// applications).
fn misplaced_list(v: &serde_json::Value, path: &str, allowed: bool) -> Result<(), DataError> {
    use serde_json::Value;
    match v {
        Value::Array(_) if !allowed => Err(DataError::field(
            path,
            "这里应为对象或文字，不能是列表（[…]）；请按字段名分项填写",
        )),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, item)| misplaced_list(item, &format!("{path}[{i}]"), false)),
        Value::Object(map) => map.iter().try_for_each(|(k, item)| {
            let p = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            misplaced_list(item, &p, LIST_KEYS.contains(&k.as_str()))
        }),
        _ => Ok(()),
    }
}

fn from_json<T: DeserializeOwned>(text: &str, list: bool) -> Result<T, DataError> {
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(strip_bom(text)) {
        misplaced_list(&value, "", list)?;
    }
    let mut de = serde_json::Deserializer::from_str(strip_bom(text));
    let v = serde_path_to_error::deserialize(&mut de).map_err(path_error)?;
    de.end().map_err(json_error)?;
    Ok(v)
}

/// Files saved by Windows Notepad start with a byte-order mark.
fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn path_error(e: serde_path_to_error::Error<serde_json::Error>) -> DataError {
    let mut path = String::new();
    for seg in e.path().iter() {
        use serde_path_to_error::Segment;
        match seg {
            Segment::Seq { index } => path.push_str(&format!("[{index}]")),
            Segment::Map { key } => push_key(&mut path, key),
            Segment::Enum { variant } => push_key(&mut path, variant),
            Segment::Unknown => push_key(&mut path, "?"),
        }
    }
    let mut err = json_error(e.into_inner());
    // Some deserializers report an unknown key at its parent: name the key itself.
    if let Some(key) = between(&err.detail, "unknown field `", "`")
        && !path.ends_with(key)
    {
        push_key(&mut path, key);
    }
    err.path = path;
    err
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
    let message = match e.classify() {
        serde_json::error::Category::Eof => {
            "JSON 文本不完整（文件被截断，或缺少结尾的 } 或 ]）".to_owned()
        }
        serde_json::error::Category::Syntax => format!("JSON 语法错误：{}", syntax_zh(&detail)),
        serde_json::error::Category::Io => format!("读取失败：{detail}"),
        serde_json::error::Category::Data => data_zh(&detail),
    };
    DataError {
        path: String::new(),
        message,
        line,
        column,
        detail,
    }
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let i = s.find(start)? + start.len();
    let j = s[i..].find(end)? + i;
    Some(&s[i..j])
}

fn syntax_zh(detail: &str) -> String {
    let zh = match detail {
        d if d.starts_with("expected `,` or `}`") => "此处应为逗号或 }",
        d if d.starts_with("expected `,` or `]`") => "此处应为逗号或 ]",
        d if d.starts_with("expected `:`") => "此处应为冒号",
        d if d.starts_with("key must be a string") => "键名须用双引号括起",
        d if d.starts_with("trailing comma") => "多余的逗号",
        d if d.starts_with("trailing characters") => "JSON 结束后还有多余内容",
        d if d.starts_with("control character") => "字符串中有未转义的控制字符（如换行须写作 \\n）",
        d if d.starts_with("invalid escape") => "无效的转义序列",
        d if d.starts_with("invalid number") => "无效的数字",
        d if d.starts_with("expected value") => "此处应为一个值",
        d if d.starts_with("invalid unicode") || d.starts_with("lone leading surrogate") => {
            "无效的 Unicode 转义"
        }
        _ => "",
    };
    if zh.is_empty() {
        detail.to_owned()
    } else {
        format!("{zh}（{detail}）")
    }
}

/// Turns serde's data errors into sentences a clerk understands.
fn data_zh(detail: &str) -> String {
    if let Some(key) = between(detail, "unknown field `", "`") {
        return format!("未知字段「{key}」（可能是拼写错误；字段名见 yanxiu schema）");
    }
    if let Some(key) = between(detail, "duplicate field `", "`") {
        return format!("字段「{key}」重复出现");
    }
    if let Some(v) = between(detail, "unknown variant `", "`") {
        let choices = detail
            .split("expected ")
            .nth(1)
            .unwrap_or("")
            .replace('`', "");
        return format!("取值「{v}」无效，可选：{choices}");
    }
    if detail.starts_with("invalid type:") || detail.starts_with("invalid value:") {
        let got = between(detail, ": ", ", expected").unwrap_or("").to_owned();
        let expected = detail.split(", expected ").nth(1).unwrap_or("");
        return format!(
            "类型或取值错误：应为{}，实际为{}",
            expected_zh(expected),
            got_zh(&got)
        );
    }
    if let Some(key) = between(detail, "missing field `", "`") {
        return format!("缺少字段「{key}」");
    }
    // Our own messages are already Chinese.
    detail.to_owned()
}

fn expected_zh(expected: &str) -> String {
    match expected {
        "u32" | "u64" | "u16" | "u8" | "usize" => "非负整数".to_owned(),
        "i32" | "i64" => "整数".to_owned(),
        "a boolean" => "true 或 false".to_owned(),
        "a string" => "文本".to_owned(),
        "a sequence" => "列表 [...]".to_owned(),
        e if e.starts_with("struct ") || e == "a map" => "对象 {...}".to_owned(),
        e => e.to_owned(),
    }
}

fn got_zh(got: &str) -> String {
    if let Some(s) = got.strip_prefix("string ") {
        return format!("文本 {s}");
    }
    if let Some(n) = got.strip_prefix("integer ") {
        return format!("数字 {}", n.trim_matches('`'));
    }
    if let Some(n) = got.strip_prefix("floating point ") {
        return format!("小数 {}", n.trim_matches('`'));
    }
    match got {
        "sequence" => "列表".to_owned(),
        "map" => "对象".to_owned(),
        "null" => "null".to_owned(),
        g if g.starts_with("boolean") => format!(
            "布尔值 {}",
            g.trim_start_matches("boolean ").trim_matches('`')
        ),
        g => g.to_owned(),
    }
}
