//! Errors of the core crate.

use std::fmt;
use std::path::PathBuf;

/// Anything that stops the core crate from giving an answer.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input data that cannot be read into the model.
    #[error(transparent)]
    Data(#[from] DataError),
    /// A file could not be read.
    #[error("无法读取文件 {path}：{source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// A notice profile that does not parse.
    #[error("通知配置（profile）无效：{0}")]
    Profile(#[source] Box<toml::de::Error>),
}

/// What kind of problem a [`DataError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DataErrorKind {
    /// Not JSON: a syntax error.
    Syntax,
    /// JSON text that ends too early (a truncated file).
    Incomplete,
    /// Text that is not UTF-8.
    Encoding,
    /// An input over a limit of [`crate::limits`].
    TooLarge,
    /// A key the model does not have (often a typo).
    UnknownField,
    /// The same field given twice (e.g. under its English and Chinese key).
    DuplicateField,
    /// A list where the model has none.
    MisplacedList,
    /// A value of the wrong type (text for a number, …).
    WrongType,
    /// A value of the right type out of range (a negative count, …).
    WrongValue,
    /// A value that is not one of a closed choice (申报级别 `市级`).
    UnknownChoice,
    /// A value the model's own reader refuses (an impossible date, …).
    Invalid,
}

/// Input that cannot be read into the model: names the field, and for JSON
/// text the line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    /// JSON path of the field, e.g. `applications[3].projct_name`; empty for
    /// the document as a whole.
    pub path: String,
    /// What is wrong, in Chinese.
    pub message: String,
    /// 1-based line in the JSON text, when known.
    pub line: Option<usize>,
    /// 1-based column in the JSON text, when known.
    pub column: Option<usize>,
    /// The parser's own words (English), kept for bug reports.
    pub detail: String,
    /// What kind of problem it is.
    pub kind: DataErrorKind,
}

impl DataError {
    /// An error of a kind about one field.
    pub fn new(kind: DataErrorKind, path: impl Into<String>, message: impl Into<String>) -> Self {
        DataError {
            path: path.into(),
            message: message.into(),
            line: None,
            column: None,
            detail: String::new(),
            kind,
        }
    }

    /// A value the model refuses, about one field.
    pub fn field(path: impl Into<String>, message: impl Into<String>) -> Self {
        DataError::new(DataErrorKind::Invalid, path, message)
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, "第{l}行第{c}列：")?;
        }
        if !self.path.is_empty() {
            write!(f, "字段「{}」：", self.path)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for DataError {}
