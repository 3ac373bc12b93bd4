//! Property elements in the order the OOXML schema requires. docx-rs writes
//! some children of `w:pPr`, `w:rPr`, `w:tcPr` … out of their `xsd:sequence`
//! order (`w:sz` before `w:rFonts`, `w:rPr` first in a `w:pPr`); LibreOffice
//! does not mind, Word's strict parser and validators may refuse the file
//! ("unreadable content"). Each part is rewritten once, as it is packed:
//! the children of these elements sorted by the schema's order, the text of
//! every element copied byte for byte.

use crate::wml::W;
use roxmltree::Node;

/// The sequences of ECMA-376 (transitional) for the property elements we
/// write, by element name.
const ORDER: &[(&str, &[&str])] = &[
    (
        "pPr",
        &[
            "pStyle",
            "keepNext",
            "keepLines",
            "pageBreakBefore",
            "framePr",
            "widowControl",
            "numPr",
            "suppressLineNumbers",
            "pBdr",
            "shd",
            "tabs",
            "suppressAutoHyphens",
            "kinsoku",
            "wordWrap",
            "overflowPunct",
            "topLinePunct",
            "autoSpaceDE",
            "autoSpaceDN",
            "bidi",
            "adjustRightInd",
            "snapToGrid",
            "spacing",
            "ind",
            "contextualSpacing",
            "mirrorIndents",
            "suppressOverlap",
            "jc",
            "textDirection",
            "textAlignment",
            "textboxTightWrap",
            "outlineLvl",
            "divId",
            "cnfStyle",
            "rPr",
            "sectPr",
            "pPrChange",
        ],
    ),
    (
        "rPr",
        &[
            "ins",
            "del",
            "moveFrom",
            "moveTo",
            "rStyle",
            "rFonts",
            "b",
            "bCs",
            "i",
            "iCs",
            "caps",
            "smallCaps",
            "strike",
            "dstrike",
            "outline",
            "shadow",
            "emboss",
            "imprint",
            "noProof",
            "snapToGrid",
            "vanish",
            "webHidden",
            "color",
            "spacing",
            "w",
            "kern",
            "position",
            "sz",
            "szCs",
            "highlight",
            "u",
            "effect",
            "bdr",
            "shd",
            "fitText",
            "vertAlign",
            "rtl",
            "cs",
            "em",
            "lang",
            "eastAsianLayout",
            "specVanish",
            "oMath",
            "rPrChange",
        ],
    ),
    (
        "tblPr",
        &[
            "tblStyle",
            "tblpPr",
            "tblOverlap",
            "bidiVisual",
            "tblStyleRowBandSize",
            "tblStyleColBandSize",
            "tblW",
            "jc",
            "tblCellSpacing",
            "tblInd",
            "tblBorders",
            "shd",
            "tblLayout",
            "tblCellMar",
            "tblLook",
            "tblCaption",
            "tblDescription",
            "tblPrChange",
        ],
    ),
    (
        "tcPr",
        &[
            "cnfStyle",
            "tcW",
            "gridSpan",
            "hMerge",
            "vMerge",
            "tcBorders",
            "shd",
            "noWrap",
            "tcMar",
            "textDirection",
            "tcFitText",
            "vAlign",
            "hideMark",
            "headers",
            "cellIns",
            "cellDel",
            "cellMerge",
            "tcPrChange",
        ],
    ),
    (
        "sectPr",
        &[
            "headerReference",
            "footerReference",
            "footnotePr",
            "endnotePr",
            "type",
            "pgSz",
            "pgMar",
            "paperSrc",
            "pgBorders",
            "lnNumType",
            "pgNumType",
            "cols",
            "formProt",
            "vAlign",
            "noEndnote",
            "titlePg",
            "textDirection",
            "bidi",
            "rtlGutter",
            "docGrid",
            "printerSettings",
            "sectPrChange",
        ],
    ),
    (
        "tblBorders",
        &[
            "top", "start", "left", "bottom", "end", "right", "insideH", "insideV",
        ],
    ),
    (
        "tcBorders",
        &[
            "top", "start", "left", "bottom", "end", "right", "insideH", "insideV", "tl2br",
            "tr2bl",
        ],
    ),
    (
        "tblCellMar",
        &["top", "start", "left", "bottom", "end", "right"],
    ),
    ("tcMar", &["top", "start", "left", "bottom", "end", "right"]),
];

/// The schema's sequence for an element, if it has one we keep.
pub(crate) fn sequence(n: Node<'_, '_>) -> Option<&'static [&'static str]> {
    if n.tag_name().namespace() != Some(W) {
        return None;
    }
    ORDER
        .iter()
        .find(|(name, _)| *name == n.tag_name().name())
        .map(|(_, seq)| *seq)
}

/// A part with its property elements' children in schema order; `None` when
/// it is no XML (left as it is).
pub(crate) fn in_schema_order(xml: &str) -> Option<String> {
    let doc = roxmltree::Document::parse(xml).ok()?;
    let root = doc.root_element();
    let mut out = String::with_capacity(xml.len());
    out.push_str(&xml[..root.range().start]);
    emit(xml, root, &mut out);
    out.push_str(&xml[root.range().end..]);
    Some(out)
}

fn emit(src: &str, n: Node<'_, '_>, out: &mut String) {
    let range = n.range();
    let (Some(first), Some(last)) = (n.first_child(), n.last_child()) else {
        out.push_str(&src[range]);
        return;
    };
    out.push_str(&src[range.start..first.range().start]);
    let mut children: Vec<Node<'_, '_>> = n.children().collect();
    if let Some(seq) = sequence(n)
        && children
            .iter()
            .all(|c| c.is_element() || c.text().is_some_and(|t| t.trim().is_empty()))
    {
        // Whitespace between properties carries nothing; unknown children
        // keep their place after the known ones.
        children.retain(Node::is_element);
        children.sort_by_key(|c| {
            seq.iter()
                .position(|s| *s == c.tag_name().name())
                .unwrap_or(seq.len())
        });
    }
    for c in children {
        emit(src, c, out);
    }
    out.push_str(&src[last.range().end..range.end]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_are_sorted_and_everything_else_kept() {
        let w = format!(r#"xmlns:w="{W}""#);
        let xml = format!(
            r#"<?xml version="1.0"?><w:p {w}><w:pPr><w:rPr/><w:jc w:val="center" /><w:spacing w:after="0"/></w:pPr><w:r><w:rPr><w:sz w:val="24"/><w:rFonts w:ascii="A&amp;B"/></w:rPr><w:t xml:space="preserve"> a &lt; b </w:t></w:r></w:p>"#
        );
        let sorted = in_schema_order(&xml).unwrap();
        assert_eq!(
            sorted,
            format!(
                r#"<?xml version="1.0"?><w:p {w}><w:pPr><w:spacing w:after="0"/><w:jc w:val="center" /><w:rPr/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="A&amp;B"/><w:sz w:val="24"/></w:rPr><w:t xml:space="preserve"> a &lt; b </w:t></w:r></w:p>"#
            )
        );
    }
}
