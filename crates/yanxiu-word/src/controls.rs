//! Content controls: every field a unit fills is a control tagged with the
//! field's path, the boxes are clickable checkboxes, the blank form's hints
//! are placeholder text. docx-rs writes a control with an alias only; the
//! alias carries a marker that [`finish`] turns into the elements docx-rs
//! lacks (`w:tag`, `w:showingPlcHdr`, `w14:checkbox`) — those elements
//! alone are written here, everything else is docx-rs's.

use crate::WordError;
use crate::style::{clean, fonts};
use docx_rs::{Run, StructuredDataTag};

const MARK: &str = "yx|";
/// The face Word itself uses for its checkbox glyphs.
const BOX_FACE: &str = "MS Gothic";

fn marker(kind: &str, key: &str, label: &str, flag: bool) -> String {
    // The label is our own text (the field table), never data.
    format!("{MARK}{kind}|{key}|{}|{label}", u8::from(flag))
}

/// An inline control around runs of a paragraph.
pub(crate) fn inline(
    key: &str,
    label: &str,
    runs: Vec<Run>,
    placeholder: bool,
) -> StructuredDataTag {
    let mut sdt = StructuredDataTag::new().alias(marker("text", key, label, placeholder));
    for r in runs {
        sdt = sdt.add_run(r);
    }
    sdt
}

/// A checkbox a person can click, ticked as the data says.
pub(crate) fn checkbox(key: &str, label: &str, checked: bool, size: usize) -> StructuredDataTag {
    let glyph = if checked { "☑" } else { "☐" };
    StructuredDataTag::new()
        .alias(marker("check", key, label, checked))
        .add_run(Run::new().add_text(glyph).fonts(fonts(BOX_FACE)).size(size))
}

fn escape(s: &str) -> String {
    clean(s)
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Replaces each marker alias in the document part with the control's
/// real properties.
pub(crate) fn finish(document: &[u8], header_row: bool) -> Result<Vec<u8>, WordError> {
    let xml = std::str::from_utf8(document).map_err(|e| WordError::Internal(e.to_string()))?;
    let open = format!("<w:alias w:val=\"{MARK}");
    let mut out = String::with_capacity(xml.len() + xml.len() / 8);
    let mut rest = xml;
    while let Some(at) = rest.find(&open) {
        out.push_str(&rest[..at]);
        let after = &rest[at + open.len()..];
        let end = after
            .find('"')
            .ok_or_else(|| WordError::Internal("unterminated control marker".into()))?;
        let close = after[end..]
            .find("/>")
            .ok_or_else(|| WordError::Internal("unterminated control alias".into()))?;
        let fields: Vec<&str> = after[..end].splitn(4, '|').collect();
        let [kind, key, flag, label] = fields[..] else {
            return Err(WordError::Internal(format!(
                "bad control marker {}",
                &after[..end]
            )));
        };
        let flag = flag == "1";
        out.push_str(&format!(
            "<w:alias w:val=\"{}\"/><w:tag w:val=\"{}\"/>",
            escape(label),
            escape(key)
        ));
        match kind {
            "check" => out.push_str(&format!(
                "<w14:checkbox><w14:checked w14:val=\"{}\"/>\
                 <w14:checkedState w14:val=\"2611\" w14:font=\"{BOX_FACE}\"/>\
                 <w14:uncheckedState w14:val=\"2610\" w14:font=\"{BOX_FACE}\"/></w14:checkbox>",
                u8::from(flag)
            )),
            _ if flag => out.push_str("<w:showingPlcHdr/>"),
            _ => {}
        }
        rest = &after[end + close + 2..];
    }
    out.push_str(rest);
    if header_row {
        // The summary's first row repeats on every page (docx-rs has no
        // `w:tblHeader`); it is the document's first table row.
        if let Some(at) = out.find("<w:trPr>") {
            out.insert_str(at + "<w:trPr>".len(), "<w:tblHeader/>");
        }
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
    use docx_rs::BuildXML;

    #[test]
    fn markers_become_tags_checkboxes_and_placeholders() {
        let check = checkbox("funding.government", "财政资助项目", true, 24).build();
        let text = inline("purpose", "研修目的和作用", vec![Run::new()], true).build();
        let mut doc = check.clone();
        doc.extend_from_slice(&text);
        let out = String::from_utf8(finish(&doc, false).unwrap()).unwrap();
        assert!(!out.contains(MARK), "{out}");
        assert!(
            out.contains(
                "<w:tag w:val=\"funding.government\"/><w14:checkbox><w14:checked w14:val=\"1\"/>"
            ),
            "{out}"
        );
        assert!(
            out.contains(
                "<w:alias w:val=\"研修目的和作用\"/><w:tag w:val=\"purpose\"/><w:showingPlcHdr/>"
            ),
            "{out}"
        );
    }
}
