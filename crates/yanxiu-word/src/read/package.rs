//! The parts of a .docx the reader needs, taken out of the zip within
//! named limits: a zip bomb, a huge document or an old binary .doc is a
//! clear refusal, never a hang or an allocation the machine cannot make.

use super::ReadError;
use std::io::{Cursor, Read};

/// The largest .docx file read (a filled 申报表 is under 1 MB).
pub const MAX_DOCX_BYTES: usize = 50 << 20;
/// The largest uncompressed XML part read.
pub const MAX_PART_BYTES: u64 = 20 << 20;
/// The most entries a .docx may hold.
const MAX_ENTRIES: usize = 10_000;

/// The XML the reader looks at.
pub(crate) struct Parts {
    /// `word/document.xml`.
    pub document: String,
    /// `docProps/custom.xml`, when there is one.
    pub custom: Option<String>,
}

pub(crate) fn open(bytes: &[u8]) -> Result<Parts, ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| ReadError::NotDocx)?;
    if zip.len() > MAX_ENTRIES {
        return Err(ReadError::TooLarge {
            what: "文件中的部件数".into(),
            limit: MAX_ENTRIES.to_string(),
        });
    }
    let document = part(&mut zip, "word/document.xml")?.ok_or(ReadError::NotDocx)?;
    let custom = part(&mut zip, "docProps/custom.xml")?;
    Ok(Parts { document, custom })
}

fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, ReadError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(ReadError::Corrupt(e.to_string())),
    };
    // Read at most one byte past the limit: the size in the header may lie.
    let mut buf = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| ReadError::Corrupt(e.to_string()))?;
    if buf.len() as u64 > MAX_PART_BYTES {
        return Err(ReadError::TooLarge {
            what: format!("{name}（解压后）"),
            limit: format!("{} MB", MAX_PART_BYTES >> 20),
        });
    }
    String::from_utf8(buf)
        .map(Some)
        .map_err(|_| ReadError::Corrupt(format!("{name} 不是 UTF-8 文本")))
}
