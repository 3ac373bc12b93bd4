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
    parse::document_from_bytes(&bytes, kind).map_err(InputError::Data)
}
