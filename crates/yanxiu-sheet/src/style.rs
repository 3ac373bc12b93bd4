//! Cell formats shared by both workbooks, and the one way text reaches a
//! cell: formula-looking text is stored as text and flagged as such.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Worksheet, XlsxError,
};

/// The formats of a workbook: built once, shared by every cell.
pub(crate) struct Formats {
    pub header: Format,
    pub text: Format,
    /// Text that a spreadsheet could take for a formula (`=`, `+`, `-`, `@`
    /// first): written as a string with Excel's quote prefix, so editing
    /// the cell later does not turn it into a live formula either.
    pub quoted: Format,
    pub centred: Format,
    pub date: Format,
    pub title: Format,
    pub plain: Format,
}

impl Formats {
    pub fn new() -> Formats {
        let base = Format::new().set_font_name("宋体").set_font_size(11);
        let bordered = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter);
        Formats {
            header: bordered
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xE7E6E6)),
            text: bordered.clone().set_align(FormatAlign::Left),
            quoted: bordered
                .clone()
                .set_align(FormatAlign::Left)
                .set_quote_prefix(),
            centred: bordered.clone().set_align(FormatAlign::Center),
            date: bordered
                .set_align(FormatAlign::Center)
                .set_num_format("yyyy\"年\"m\"月\"d\"日\""),
            title: base
                .clone()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            plain: base.set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

/// Whether a spreadsheet program would read this text as a formula or a
/// DDE command if it were typed or exported to CSV.
pub fn looks_like_formula(text: &str) -> bool {
    matches!(
        text.trim_start().chars().next(),
        Some('=' | '+' | '-' | '@' | '\u{FF1D}' | '\u{FF0B}')
    ) || text.starts_with(['\t', '\r'])
}

/// Writes text as a string cell; formula-looking text gets the quote prefix.
pub(crate) fn write_text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    f: &Formats,
) -> Result<(), XlsxError> {
    if text.is_empty() {
        ws.write_blank(row, col, &f.text)?;
    } else if looks_like_formula(text) {
        ws.write_string_with_format(row, col, text, &f.quoted)?;
    } else {
        ws.write_string_with_format(row, col, text, &f.text)?;
    }
    Ok(())
}

/// Properties with a fixed creation time: the same data gives the same bytes.
pub(crate) fn properties(title: &str) -> Result<DocProperties, XlsxError> {
    Ok(DocProperties::new()
        .set_title(title)
        .set_author("yanxiu")
        .set_creation_datetime(&ExcelDateTime::from_ymd(2024, 1, 1)?))
}

/// A row height (points) that shows every wrapped line of its cells:
/// spreadsheet programs do not all grow rows to fit text written by a
/// program (LibreOffice keeps the default and text overlaps the next row).
/// `cells` pairs each text with its column width in Excel units, where a
/// CJK character takes two.
pub(crate) fn fitting_height(cells: &[(&str, f64)]) -> f64 {
    const LINE: f64 = 14.5;
    let lines = cells
        .iter()
        .map(|(text, width)| {
            let per_line = (width - 1.0).max(2.0);
            text.split('\n')
                .map(|para| {
                    let units: f64 = para
                        .chars()
                        .map(|c| if c.is_ascii() { 1.1 } else { 2.1 })
                        .sum();
                    (units / per_line).ceil().max(1.0)
                })
                .sum::<f64>()
        })
        .fold(1.0, f64::max);
    // Excel's maximum row height is 409 points.
    (lines * LINE + 4.0).min(409.0)
}
