//! The landscape 汇总表's page numbers where GB/T 9704 §8 puts them, as the
//! PDF does: in the left (binding) margin, turned 90° clockwise, their top
//! 7 mm from the text block, odd pages one character above its lower edge
//! and even pages one below its upper edge. Word has no turned footer text,
//! so the footer's number moves into a text box anchored to the page with
//! vertical text flow (VML, which Word, WPS and LibreOffice all lay out).

/// The landscape page's height and the margins that matter, in points.
const PAGE_HEIGHT_PT: f64 = 210.0 * MM;
const LEFT_MM: f64 = 35.0;
const TOP_MM: f64 = 28.0;
const BOTTOM_MM: f64 = 26.0;
const MM: f64 = 72.0 / 25.4;
/// The number's distance from the text block, as a portrait footer's.
const GAP_MM: f64 = 7.0;
/// One character of 四号 (14 pt): the inset from the block's edge.
const ONE_CHAR_PT: f64 = 14.0;
/// The box: across the line (a 四号 line) and along it (`— 999 —`).
const BOX_WIDTH_PT: f64 = 20.0;
const BOX_LENGTH_PT: f64 = 80.0;

/// A footer whose one paragraph holds the page number, turned: the same
/// runs in a text box at the page's left edge; `None` when the footer is
/// not ours (left as it is).
pub(crate) fn turned_footer(footer: &str) -> Option<String> {
    let p_start = footer.find("<w:p ")?;
    let runs_start = footer[p_start..].find("</w:pPr>")? + p_start + "</w:pPr>".len();
    let p_end = footer.rfind("</w:p>")?;
    let runs = &footer[runs_start..p_end];
    let odd = footer[p_start..runs_start].contains("w:val=\"right\"");
    let x = (LEFT_MM - GAP_MM) * MM - BOX_WIDTH_PT;
    let y = if odd {
        PAGE_HEIGHT_PT - BOTTOM_MM * MM - ONE_CHAR_PT - BOX_LENGTH_PT
    } else {
        TOP_MM * MM + ONE_CHAR_PT
    };
    // In vertical flow the line's end is its bottom: odd pages' numbers
    // end there, even pages' begin at the top.
    let jc = if odd { "right" } else { "left" };
    let boxed = format!(
        concat!(
            "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" /></w:pPr><w:r><w:pict>",
            "<v:rect style=\"position:absolute;margin-left:{x:.1}pt;margin-top:{y:.1}pt;",
            "width:{w:.1}pt;height:{h:.1}pt;z-index:1;mso-position-horizontal-relative:page;",
            "mso-position-vertical-relative:page;layout-flow:vertical\" filled=\"f\" stroked=\"f\">",
            "<v:textbox style=\"layout-flow:vertical\" inset=\"0,0,0,0\"><w:txbxContent>",
            "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" /><w:jc w:val=\"{jc}\" /></w:pPr>",
            "{runs}</w:p></w:txbxContent></v:textbox></v:rect></w:pict></w:r></w:p>"
        ),
        x = x,
        y = y,
        w = BOX_WIDTH_PT,
        h = BOX_LENGTH_PT,
        jc = jc,
        runs = runs,
    );
    Some(format!(
        "{}{}{}",
        &footer[..p_start],
        boxed,
        &footer[p_end + "</w:p>".len()..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_number_moves_into_a_turned_box_at_the_binding_edge() {
        let footer = r#"<w:ftr xmlns:w="w" xmlns:v="v"><w:p w14:paraId="1"><w:pPr><w:jc w:val="right" /></w:pPr><w:r><w:t>— 1 —</w:t></w:r></w:p></w:ftr>"#;
        let turned = turned_footer(footer).unwrap();
        assert!(turned.contains("layout-flow:vertical"), "{turned}");
        assert!(turned.contains("<w:txbxContent><w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" /><w:jc w:val=\"right\" /></w:pPr><w:r><w:t>— 1 —</w:t></w:r></w:p>"), "{turned}");
        assert!(turned.starts_with("<w:ftr") && turned.ends_with("</w:ftr>"));
        // Odd: low on the page; even: high.
        let top = |s: &str| -> f64 {
            let at = s.find("margin-top:").unwrap() + "margin-top:".len();
            s[at..].split("pt").next().unwrap().parse().unwrap()
        };
        let even = turned_footer(&footer.replace("\"right\"", "\"left\"")).unwrap();
        assert!(top(&turned) > 300.0 && top(&even) < 100.0);
    }
}
