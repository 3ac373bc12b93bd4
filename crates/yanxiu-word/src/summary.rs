//! 附件2 汇总表 as a Word document: landscape, the header row repeated on
//! every page, rows never split, the totals as the table's last row.

use crate::style::{BODY, HEI, WU, XIAOSI, heading, mm, page, para, rules, run};
use docx_rs::{
    AlignmentType, Docx, HeightRule, Paragraph, Run, Tab, TabValueType, Table, TableCell,
    TableCellMargins, TableRow, VAlignType, WidthType,
};
use yanxiu_core::form::{Align, SummaryForm};
use yanxiu_core::labels;
use yanxiu_core::{Profile, Summary};

/// The landscape text block: 297 − 35 − 37 mm.
const BLOCK_MM: f64 = 225.0;

/// The columns' relative widths, in twips of the text block.
fn grid(form: &SummaryForm) -> Vec<usize> {
    let total: f64 = form.columns.iter().map(|c| f64::from(c.width)).sum();
    let block = f64::from(mm(BLOCK_MM));
    form.columns
        .iter()
        .map(|c| (f64::from(c.width) / total * block).floor() as usize)
        .collect()
}

/// A cell: each line of the text a paragraph.
fn cell(text: &str, face: &str, align: AlignmentType) -> TableCell {
    kept_cell(text, face, align, false)
}

/// A cell whose paragraphs keep with the next row when `keep` (Word keeps a
/// row with the next when its paragraphs say so).
fn kept_cell(text: &str, face: &str, align: AlignmentType, keep: bool) -> TableCell {
    let mut c = TableCell::new().vertical_align(VAlignType::Center);
    for line in text.split('\n') {
        c = c.add_paragraph(
            para()
                .align(align)
                .keep_next(keep)
                .add_run(run(line, face, WU)),
        );
    }
    c
}

fn align(a: Align) -> AlignmentType {
    match a {
        Align::Center => AlignmentType::Center,
        Align::Left => AlignmentType::Left,
    }
}

/// The 合计 row, merged as the description says.
fn totals_row(form: &SummaryForm, summary: Option<&Summary>) -> TableRow {
    let cells = form
        .totals(summary)
        .into_iter()
        .map(|t| {
            let c = cell(&t.text, BODY, align(t.align));
            if t.span > 1 { c.grid_span(t.span) } else { c }
        })
        .collect();
    // The last project's row keeps with it: never alone on a page. On the
    // blank form it is as tall as the rows to write in, as in the PDF.
    let row = TableRow::new(cells).cant_split();
    if summary.is_none() {
        row.row_height(mm(form.blank_row_height_mm) as f32)
            .height_rule(HeightRule::AtLeast)
    } else {
        row
    }
}

/// The reporter's lines: the first item on a line of its own, the others
/// side by side at tab stops.
fn reporter(docx: Docx, form: &SummaryForm, s: &Summary) -> Docx {
    let item = |p: Paragraph, label: &str, value: &str, blank: usize| -> Paragraph {
        let p = p.add_run(run(&format!("{label}："), BODY, XIAOSI));
        if value.is_empty() {
            p.add_run(run(&"　".repeat(blank), BODY, XIAOSI).underline("single"))
        } else {
            p.add_run(run(value, BODY, XIAOSI))
        }
    };
    let values = form.reporter_values(s);
    let mut docx = docx.add_paragraph(para().add_run(run("", BODY, XIAOSI)));
    let mut rest = para();
    for (i, (r, value)) in values.iter().enumerate() {
        if i == 0 {
            docx = docx.add_paragraph(item(para(), &r.label, value, r.blank_chars));
            continue;
        }
        if i > 1 {
            rest = rest
                .add_tab(
                    Tab::new()
                        .val(TabValueType::Left)
                        .pos(mm(60.0 + 70.0 * (i - 2) as f64) as usize),
                )
                .add_run(Run::new().add_tab());
        }
        rest = item(rest, &r.label, value, r.blank_chars);
    }
    docx.add_paragraph(rest)
}

pub(crate) fn document(summary: Option<&Summary>, profile: &Profile) -> Docx {
    let form = &profile.summary_form;
    let empty = Summary::default();
    let s = summary.unwrap_or(&empty);
    let year = s.year.unwrap_or(profile.year);
    let title = profile.summary_title(year);
    let mut docx = page(
        Docx::new()
            .default_fonts(crate::style::fonts(BODY))
            .default_size(WU),
        true,
    );
    docx = heading(docx, labels::SUMMARY_ATTACHMENT, &title);
    // The space between the reporter's lines and the table: one exact 12 pt
    // line, about the PDF's (an empty line's height would follow the font).
    let gap = para()
        .line_spacing(
            docx_rs::LineSpacing::new()
                .before(0)
                .after(0)
                .line(240)
                .line_rule(docx_rs::LineSpacingType::Exact),
        )
        .add_run(run("", BODY, WU));
    docx = reporter(docx, form, s).add_paragraph(gap);

    let header = TableRow::new(
        form.columns
            .iter()
            .map(|c| cell(&c.label, HEI, AlignmentType::Center))
            .collect(),
    )
    .cant_split();
    let mut rows = vec![header];
    for (i, app) in s.applications.iter().enumerate() {
        // The last project keeps with the 合计 row: 合计 never opens a page alone.
        let keep = i + 1 == s.applications.len();
        let cells = form
            .row(i + 1, app, year)
            .iter()
            .zip(&form.columns)
            .map(|(text, c)| kept_cell(text, BODY, align(c.align), keep))
            .collect();
        rows.push(TableRow::new(cells).cant_split());
    }
    if summary.is_none() {
        for _ in 0..form.blank_rows {
            let cells = form
                .columns
                .iter()
                .map(|_| cell("", BODY, AlignmentType::Left))
                .collect();
            rows.push(
                TableRow::new(cells)
                    .row_height(mm(form.blank_row_height_mm) as f32)
                    .height_rule(HeightRule::AtLeast)
                    .cant_split(),
            );
        }
    }
    rows.push(totals_row(form, summary));
    // Above and below, the inset less half the space an exact line adds to
    // the text size, less half a rule (Word's rows hold their rules; the
    // PDF's rules take no room): a row is then as tall as the PDF's.
    let y = (form.inset_pt[1] - (form.line_pitch_pt - WU as f64 / 2.0) / 2.0 - form.rule_pt / 2.0)
        .max(0.0);
    let (x, y) = (
        (form.inset_pt[0] * 20.0).round() as usize,
        (y * 20.0).round() as usize,
    );
    let table = Table::new(rows)
        .set_grid(grid(form))
        .width(mm(BLOCK_MM) as usize, WidthType::Dxa)
        .layout(docx_rs::TableLayoutType::Fixed)
        .set_borders(rules(form.rule_pt))
        .margins(TableCellMargins::new().margin(y, x, y, x));
    // Word ends a document with a paragraph after a table: hidden and one
    // point high (Word's own remedy), so that a table that fills its page
    // does not push an empty page after it.
    let end = Paragraph::new()
        .run_property(docx_rs::RunProperty::new().size(2).vanish())
        .line_spacing(
            docx_rs::LineSpacing::new()
                .before(0)
                .after(0)
                .line(20)
                .line_rule(docx_rs::LineSpacingType::Exact),
        );
    docx.add_table(table).add_paragraph(end)
}
