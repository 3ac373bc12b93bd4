//! The 汇总表 as a workbook: the PDF's columns in the PDF's order, header
//! repeated on every printed page, the totals line, landscape A4.

use crate::error::SheetError;
use crate::style::{Formats, fitting_height, properties, write_text};
use rust_xlsxwriter::Workbook;
use yanxiu_core::labels::{self, SUMMARY_ATTACHMENT};
use yanxiu_core::{Profile, Summary};

/// Name of the summary's sheet.
pub const SUMMARY_SHEET: &str = "汇总表";

/// The summary workbook's bytes.
pub fn summary_workbook(summary: &Summary, profile: &Profile) -> Result<Vec<u8>, SheetError> {
    let f = Formats::new();
    let form = &profile.summary_form;
    let year = summary.year.unwrap_or(profile.year);
    let title = Profile::one_line(&profile.summary_title(year));
    let mut wb = Workbook::new();
    wb.set_properties(&properties(&title)?);
    let ws = wb.add_worksheet().set_name(SUMMARY_SHEET)?;
    let last = (form.columns.len() - 1) as u16;

    ws.write_string(0, 0, SUMMARY_ATTACHMENT)?;
    ws.merge_range(1, 0, 1, last, &title, &f.title)?;
    ws.set_row_height(1, 30)?;
    // The reporter's items on one line.
    let line = form
        .reporter_values(summary)
        .into_iter()
        .map(|(r, value)| format!("{}：{value}", r.label))
        .collect::<Vec<_>>()
        .join("    ");
    ws.merge_range(2, 0, 2, last, &line, &f.plain)?;
    ws.set_row_height(2, 20)?;

    const HEAD: u32 = 3;
    for (i, c) in form.columns.iter().enumerate() {
        let col = i as u16;
        ws.write_string_with_format(HEAD, col, &c.label, &f.header)?;
        ws.set_column_width(col, width(c.width))?;
    }
    ws.set_row_height(HEAD, 30)?;

    for (i, app) in summary.applications.iter().enumerate() {
        let row = HEAD + 1 + i as u32;
        let cells = form.row(i + 1, app, year);
        let sized: Vec<(&str, f64)> = cells
            .iter()
            .zip(&form.columns)
            .map(|(c, col)| (c.as_str(), width(col.width)))
            .collect();
        ws.set_row_height(row, fitting_height(&sized))?;
        for (j, (cell, col)) in cells.iter().zip(&form.columns).enumerate() {
            let c = j as u16;
            match cell.parse::<f64>() {
                // Numbers stay numbers, so that the office can sum them.
                Ok(n) if col.key.numeric() => {
                    ws.write_number_with_format(row, c, n, &f.centred)?;
                }
                _ => write_text(ws, row, c, cell, &f)?,
            }
        }
    }
    let totals = HEAD + 1 + summary.applications.len() as u32;
    ws.set_row_height(totals, 20)?;
    ws.merge_range(
        totals,
        0,
        totals,
        last,
        &labels::totals_line(summary),
        &f.plain,
    )?;

    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0)
        .set_footer("&C第 &P 页，共 &N 页");
    ws.set_repeat_rows(HEAD, HEAD)?;
    ws.set_freeze_panes(HEAD + 1, 0)?;
    Ok(wb.save_to_buffer()?)
}

/// Excel column width for a summary column: the PDF's widths are points at
/// 10.5 pt; Excel counts characters of about 5 pt.
fn width(points: u8) -> f64 {
    f64::from(points) / 5.2
}
