//! How the values of a filled form sit in the .docx: as plain runs in the
//! cells, so that every reader sees them — python-docx's `cell.text` and
//! `paragraph.text` skip the content of content controls, which is where
//! they sat before (0 of 21 values and 0 of 6 ticks; see
//! `../shared/reviews/word-interop-2026-12-01.md`). Each value is marked by
//! a bookmark named after its model path (`yx_project_name`,
//! `yx_featured_previous_0_name`) for scripts that look values up by name;
//! bookmarks survive a LibreOffice re-save. A box is the glyph ☑ or ☐ as
//! text: a unit ticks it by typing or pasting ☑ (or √) over ☐, and the
//! reader reads the form by its labels.

use crate::WordError;
use crate::style::fonts;
use docx_rs::{Paragraph, Run};

/// The face Word itself uses for its checkbox glyphs.
const BOX_FACE: &str = "MS Gothic";

/// The bookmark of a model path: `yx_` and the path with every character
/// that is not a letter or digit as `_` (Word allows letters, digits and
/// underscores, at most 40 characters).
pub(crate) fn bookmark_name(path: &str) -> String {
    let mut name: String = std::iter::once("yx_".to_owned())
        .chain(path.chars().map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_string()
            } else {
                "_".to_owned()
            }
        }))
        .collect();
    while name.contains("__") {
        name = name.replace("__", "_");
    }
    name.trim_end_matches('_').chars().take(40).collect()
}

/// A bookmark's id: the same for the same name, so that the same form gives
/// the same bytes (FNV-1a; the names of one form are checked distinct in
/// the tests).
fn bookmark_id(name: &str) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for b in name.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    (h & 0x3fff_ffff) as usize
}

/// Opens the bookmark of `path` in a paragraph.
pub(crate) fn mark_start(p: Paragraph, path: &str) -> Paragraph {
    let name = bookmark_name(path);
    p.add_bookmark_start(bookmark_id(&name), name)
}

/// Closes the bookmark of `path` in a paragraph.
pub(crate) fn mark_end(p: Paragraph, path: &str) -> Paragraph {
    p.add_bookmark_end(bookmark_id(&bookmark_name(path)))
}

/// A value's runs in a paragraph, inside the bookmark of its path.
pub(crate) fn field(p: Paragraph, path: &str, runs: Vec<Run>) -> Paragraph {
    let mut p = mark_start(p, path);
    for r in runs {
        p = p.add_run(r);
    }
    mark_end(p, path)
}

/// A box, ticked as the data says: ☑ or ☐ as text, in the face Word uses
/// for its own boxes, inside the bookmark of its path.
pub(crate) fn tick(p: Paragraph, path: &str, checked: bool, size: usize) -> Paragraph {
    let glyph = if checked { "☑" } else { "☐" };
    let run = Run::new().add_text(glyph).fonts(fonts(BOX_FACE)).size(size);
    field(p, &format!("{path}.box"), vec![run])
}

/// What docx-rs cannot say: the summary's first row repeats on every page
/// (`w:tblHeader`; it is the document's first table row).
pub(crate) fn finish(document: &[u8], header_row: bool) -> Result<Vec<u8>, WordError> {
    let mut out =
        String::from_utf8(document.to_vec()).map_err(|e| WordError::Internal(e.to_string()))?;
    if header_row && let Some(at) = out.find("<w:trPr>") {
        out.insert_str(at + "<w:trPr>".len(), "<w:tblHeader/>");
    }
    Ok(out.into_bytes())
}

/// No extra space between Chinese and Latin letters or digits, as in the
/// PDF (`2024年6月`, not `2024 年 6 月`): set once, in the paragraph
/// defaults (docx-rs has no setter for `w:autoSpaceDE`/`w:autoSpaceDN`).
pub(crate) fn styles(styles: &[u8]) -> Result<Vec<u8>, WordError> {
    let xml = std::str::from_utf8(styles).map_err(|e| WordError::Internal(e.to_string()))?;
    let at = "<w:pPrDefault><w:pPr>";
    if !xml.contains(at) {
        return Err(WordError::Internal(
            "styles without paragraph defaults".into(),
        ));
    }
    Ok(xml
        .replacen(
            at,
            &format!("{at}<w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/>"),
            1,
        )
        .into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bookmark_names_are_what_word_allows() {
        assert_eq!(bookmark_name("project_name"), "yx_project_name");
        assert_eq!(
            bookmark_name("featured.previous[12].participants"),
            "yx_featured_previous_12_participants"
        );
        assert!(bookmark_name(&"x".repeat(80)).len() <= 40);
    }
}
