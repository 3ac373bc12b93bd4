//! The look both forms share, in Word's terms: page set-up, fonts named as
//! an official document names them, text runs made safe, page numbers.

use docx_rs::{
    AlignmentType, Docx, FieldCharType, Footer, InstrPAGE, InstrText, LineSpacing, PageMargin,
    PageOrientationType, Paragraph, Run, RunFonts,
};

/// 方正小标宋简体: the title.
pub(crate) const TITLE: &str = "方正小标宋简体";
/// 黑体: `附件1`, the summary's header row.
pub(crate) const HEI: &str = "黑体";
/// 仿宋_GB2312: the text.
pub(crate) const BODY: &str = "仿宋_GB2312";
/// 宋体: the page numbers (GB/T 9704: 4号半角宋体阿拉伯数字).
const SONG: &str = "宋体";

/// Sizes in half-points, by their Chinese names.
pub(crate) const ER: usize = 44; // 二号
pub(crate) const SAN: usize = 32; // 三号
const SI: usize = 28; // 四号
pub(crate) const XIAOSI: usize = 24; // 小四
pub(crate) const WU: usize = 21; // 五号

/// Every rule of a table, `pt` points heavy (Word counts eighths of a point).
pub(crate) fn rules(pt: f64) -> docx_rs::TableBorders {
    use docx_rs::{TableBorder, TableBorderPosition as P};
    let size = (pt * 8.0).round() as usize;
    [P::Top, P::Left, P::Bottom, P::Right, P::InsideH, P::InsideV]
        .into_iter()
        .fold(docx_rs::TableBorders::new(), |b, p| {
            b.set(TableBorder::new(p).size(size))
        })
}

/// Millimetres in twentieths of a point.
pub(crate) fn mm(v: f64) -> i32 {
    (v * 72.0 / 25.4 * 20.0).round() as i32
}

/// The same face for every script, with the East Asian hint, so that Word
/// and WPS both pick it for Chinese text and digits alike.
pub(crate) fn fonts(face: &str) -> RunFonts {
    RunFonts::new()
        .ascii(face)
        .hi_ansi(face)
        .east_asia(face)
        .cs(face)
        .hint("eastAsia")
}

/// Text as a Word run can hold it: characters XML 1.0 forbids are dropped
/// (they cannot be stored, and a .docx holding one does not open), a tab
/// becomes a space. Everything else is a text node, escaped by the writer.
pub(crate) fn clean(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' => None,
            '\u{fffe}' | '\u{ffff}' => None,
            c => Some(c),
        })
        .collect()
}

/// A run of text in a face and size.
pub(crate) fn run(text: &str, face: &str, size: usize) -> Run {
    Run::new()
        .add_text(clean(text))
        .fonts(fonts(face))
        .size(size)
}

/// Text as runs of one paragraph: each `\n` a line break (for a control
/// inside a sentence, which cannot hold paragraphs).
pub(crate) fn runs(text: &str, face: &str, size: usize) -> Vec<Run> {
    text.split('\n')
        .enumerate()
        .map(|(i, line)| {
            let r = if i > 0 {
                Run::new().add_break(docx_rs::BreakType::TextWrapping)
            } else {
                Run::new()
            };
            r.add_text(clean(line)).fonts(fonts(face)).size(size)
        })
        .collect()
}

/// A paragraph without space before or after, single spacing.
pub(crate) fn para() -> Paragraph {
    Paragraph::new().line_spacing(LineSpacing::new().before(0).after(0))
}

/// A label or title with `\n` where the form breaks it: one paragraph, the
/// lines separated by line breaks.
pub(crate) fn broken(text: &str, face: &str, size: usize) -> Paragraph {
    let mut p = para();
    for (i, line) in text.split('\n').enumerate() {
        let mut r = run(line, face, size);
        if i > 0 {
            r = Run::new()
                .add_break(docx_rs::BreakType::TextWrapping)
                .fonts(fonts(face))
                .size(size)
                .add_text(clean(line));
        }
        p = p.add_run(r);
    }
    p
}

/// `附件N` flush left, one blank 三号 line, the centred title.
pub(crate) fn heading(mut docx: Docx, attachment: &str, title: &str) -> Docx {
    docx = docx.add_paragraph(para().add_run(run(attachment, HEI, SAN)));
    docx = docx.add_paragraph(para().add_run(run("", HEI, SAN)));
    docx.add_paragraph(broken(title, TITLE, ER).align(AlignmentType::Center))
}

/// A4 with the margins of GB/T 9704 (turned with the page for the
/// landscape summary, the wider margin toward the binding edge), the page
/// number `— N —` 7 mm below the text block, odd pages right and even
/// pages left one character in.
pub(crate) fn page(docx: Docx, landscape: bool) -> Docx {
    let (w, h) = (mm(210.0) as u32, mm(297.0) as u32);
    let (top, bottom, left, right) = if landscape {
        (28.0, 26.0, 35.0, 37.0)
    } else {
        (37.0, 35.0, 28.0, 26.0)
    };
    let margin = PageMargin {
        top: mm(top),
        bottom: mm(bottom),
        left: mm(left),
        right: mm(right),
        header: mm(15.0),
        // The number's line (四号, about 5 mm) starts 7 mm below the block.
        footer: mm(bottom - 7.0 - 5.0),
        gutter: 0,
    };
    let docx = if landscape {
        docx.page_size(h, w)
            .page_orient(PageOrientationType::Landscape)
    } else {
        docx.page_size(w, h)
    };
    docx.page_margin(margin)
        .footer(Footer::new().add_paragraph(page_number(true)))
        .even_footer(Footer::new().add_paragraph(page_number(false)))
}

fn page_number(odd: bool) -> Paragraph {
    let one_char = (SI * 10) as i32;
    let field = |r: Run| r.fonts(fonts(SONG)).size(SI);
    let p = para()
        .add_run(run("— ", SONG, SI))
        .add_run(field(
            Run::new().add_field_char(FieldCharType::Begin, false),
        ))
        .add_run(field(
            Run::new().add_instr_text(InstrText::PAGE(InstrPAGE::new())),
        ))
        .add_run(field(
            Run::new().add_field_char(FieldCharType::Separate, false),
        ))
        .add_run(run("1", SONG, SI))
        .add_run(field(Run::new().add_field_char(FieldCharType::End, false)))
        .add_run(run(" —", SONG, SI));
    if odd {
        p.align(AlignmentType::Right)
            .indent(None, None, Some(one_char), None)
    } else {
        p.align(AlignmentType::Left)
            .indent(Some(one_char), None, None, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_xml_cannot_hold_are_dropped() {
        assert_eq!(clean("a\u{1}b\u{b}c\td\u{fffe}"), "abc d");
        assert_eq!(clean("<w:p>&amp;</w:p>"), "<w:p>&amp;</w:p>");
    }

    #[test]
    fn millimetres_become_twips() {
        assert_eq!(mm(25.4), 1440);
        assert_eq!(mm(210.0), 11906);
    }
}
