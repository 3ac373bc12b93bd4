//! Reading input files into documents, with errors that name the file.

use std::path::Path;
use yanxiu_core::DataError;
use yanxiu_core::parse::{self, Document, Kind};

/// Why a file could not be turned into a document.
pub(crate) enum InputError {
    /// The file could not be read at all.
    Io(String),
    /// The file is not valid data.
    Data(DataError),
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputError::Io(m) => f.write_str(m),
            InputError::Data(e) => e.fmt(f),
        }
    }
}

/// Reads and parses one JSON file.
pub(crate) fn read_document(path: &Path, kind: Option<Kind>) -> Result<Document, InputError> {
    let bytes = std::fs::read(path).map_err(|e| InputError::Io(format!("无法读取文件：{e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        InputError::Data(DataError::field(
            "",
            format!(
                "文件不是 UTF-8 编码（第 {} 个字节起无效；若由 Excel/记事本保存为 GBK/ANSI，请另存为 UTF-8）",
                e.utf8_error().valid_up_to() + 1
            ),
        ))
    })?;
    parse::document_from_json(&text, kind).map_err(InputError::Data)
}
