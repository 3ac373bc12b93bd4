//! A table's lines at the description's pitch: every paragraph of a cell
//! gets exact line spacing (`w:lineRule="exact"`), so that a row is as tall
//! in Word as in the PDF whatever line boxes the fonts at hand have (the
//! bundled faces' are about 1.45 em; 仿宋_GB2312's less). Paragraphs that set
//! their own exact spacing (the blank form's lines to write on) keep it.

use crate::wml::{W, is};

/// The document with every cell paragraph's `w:spacing` set to an exact
/// `line_twips`; `None` when it is no XML (left as it is).
pub(crate) fn exact_in_cells(xml: &str, line_twips: u32) -> Option<String> {
    let doc = roxmltree::Document::parse(xml).ok()?;
    let mut out = String::with_capacity(xml.len() + xml.len() / 8);
    let mut at = 0;
    for n in doc.descendants().filter(|n| is(*n, "spacing")) {
        let in_cell =
            n.parent().is_some_and(|p| is(p, "pPr")) && n.ancestors().any(|a| is(a, "tc"));
        if !in_cell || n.attribute((W, "lineRule")).is_some() {
            continue;
        }
        let r = n.range();
        out.push_str(&xml[at..r.start]);
        out.push_str("<w:spacing");
        for a in n.attributes().filter(|a| a.name() != "line") {
            out.push_str(&format!(" w:{}=\"{}\"", a.name(), a.value()));
        }
        out.push_str(&format!(" w:line=\"{line_twips}\" w:lineRule=\"exact\" />"));
        at = r.end;
    }
    out.push_str(&xml[at..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_paragraphs_get_the_pitch_others_keep_theirs() {
        let w = format!(r#"xmlns:w="{W}""#);
        let xml = format!(
            r#"<w:body {w}><w:p><w:pPr><w:spacing w:before="0" w:after="0" /></w:pPr></w:p><w:tbl><w:tr><w:tc><w:p><w:pPr><w:spacing w:before="0" w:after="0" /></w:pPr></w:p><w:p><w:pPr><w:spacing w:line="453" w:lineRule="exact" /></w:pPr></w:p></w:tc></w:tr></w:tbl></w:body>"#
        );
        let done = exact_in_cells(&xml, 360).unwrap();
        assert_eq!(
            done,
            format!(
                r#"<w:body {w}><w:p><w:pPr><w:spacing w:before="0" w:after="0" /></w:pPr></w:p><w:tbl><w:tr><w:tc><w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="360" w:lineRule="exact" /></w:pPr></w:p><w:p><w:pPr><w:spacing w:line="453" w:lineRule="exact" /></w:pPr></w:p></w:tc></w:tr></w:tbl></w:body>"#
            )
        );
    }
}
