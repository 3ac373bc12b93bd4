//! 附件2 汇总表 as a Word document: landscape, the header row repeated on
//! every page, rows never split, the totals as the table's last row.

use crate::style::{BODY, HEI, WU, XIAOSI, heading, mm, page, para, run};
use docx_rs::{
    AlignmentType, Docx, HeightRule, Paragraph, Run, Tab, TabValueType, Table, TableCell,
    TableCellMargins, TableRow, VAlignType, WidthType,
};
use yanxiu_core::labels::{self, ColumnKey, SUMMARY_COLUMNS};
use yanxiu_core::{Profile, Summary};

/// The landscape text block: 297 − 35 − 37 mm.
const BLOCK_MM: f64 = 225.0;

/// The PDF's relative widths, in twips of the text block.
fn grid() -> Vec<usize> {
    let total: f64 = SUMMARY_COLUMNS.iter().map(|c| f64::from(c.width)).sum();
    let block = f64::from(mm(BLOCK_MM));
    SUMMARY_COLUMNS
        .iter()
        .map(|c| (f64::from(c.width) / total * block).floor() as usize)
        .collect()
}

fn centred(key: ColumnKey) -> bool {
    matches!(
        key,
        ColumnKey::Index
            | ColumnKey::Participants
            | ColumnKey::Featured
            | ColumnKey::Funding
            | ColumnKey::Topics
    )
}

/// A cell: each line of the text a paragraph.
fn cell(text: &str, face: &str, align: AlignmentType) -> TableCell {
    let mut c = TableCell::new().vertical_align(VAlignType::Center);
    let mut any = false;
    for line in text.split('\n') {
        c = c.add_paragraph(para().align(align).add_run(run(line, face, WU)));
        any = true;
    }
    if !any {
        c = c.add_paragraph(para());
    }
    c
}

fn align(key: ColumnKey) -> AlignmentType {
    if centred(key) {
        AlignmentType::Center
    } else {
        AlignmentType::Left
    }
}

fn totals_row(summary: Option<&Summary>) -> TableRow {
    let t = labels::totals_row(summary);
    let mut cells = Vec::new();
    let mut x = 0;
    while x < SUMMARY_COLUMNS.len() {
        let key = SUMMARY_COLUMNS[x].key;
        // 合计 across 序号 and 项目名称, the funding counts across 选题范围
        // and 项目类别, as in the PDF.
        if matches!(key, ColumnKey::Index | ColumnKey::Topics) {
            let text = if key == ColumnKey::Index {
                &t[x]
            } else {
                &t[x + 1]
            };
            cells.push(cell(text, BODY, AlignmentType::Center).grid_span(2));
            x += 2;
        } else {
            cells.push(cell(&t[x], BODY, align(key)));
            x += 1;
        }
    }
    TableRow::new(cells).cant_split()
}

pub(crate) fn document(summary: Option<&Summary>, profile: &Profile) -> Docx {
    let empty = Summary::default();
    let s = summary.unwrap_or(&empty);
    let title = profile.summary_title(s.year.unwrap_or(profile.year));
    let mut docx = page(
        Docx::new()
            .default_fonts(crate::style::fonts(BODY))
            .default_size(WU),
        true,
    );
    docx = heading(docx, labels::SUMMARY_ATTACHMENT, &title);

    let fill = |v: &str, blank_width: usize| -> Run {
        if v.is_empty() {
            run(&"　".repeat(blank_width), BODY, XIAOSI).underline("single")
        } else {
            run(v, BODY, XIAOSI)
        }
    };
    let r = &s.reporter;
    let date = s
        .filled_on
        .map(labels::date_zh)
        .unwrap_or_else(|| "　　　年　　月　　日".to_owned());
    docx = docx
        .add_paragraph(para().add_run(run("", BODY, XIAOSI)))
        .add_paragraph(
            para()
                .add_run(run("报送单位（盖章）：", BODY, XIAOSI))
                .add_run(fill(&r.name, 16)),
        )
        .add_paragraph(
            para()
                .add_tab(Tab::new().val(TabValueType::Left).pos(mm(60.0) as usize))
                .add_tab(Tab::new().val(TabValueType::Left).pos(mm(130.0) as usize))
                .add_run(run("联系人：", BODY, XIAOSI))
                .add_run(fill(&r.contact, 5))
                .add_run(Run::new().add_tab())
                .add_run(run("联系电话：", BODY, XIAOSI))
                .add_run(fill(&r.phone, 7))
                .add_run(Run::new().add_tab())
                .add_run(run(&format!("填报日期：{date}"), BODY, XIAOSI)),
        )
        .add_paragraph(para().add_run(run("", BODY, WU)));

    let header = TableRow::new(
        SUMMARY_COLUMNS
            .iter()
            .map(|c| cell(c.label, HEI, AlignmentType::Center))
            .collect(),
    )
    .cant_split();
    let mut rows = vec![header];
    for (i, app) in s.applications.iter().enumerate() {
        let cells = labels::summary_row(i + 1, app)
            .iter()
            .zip(SUMMARY_COLUMNS)
            .map(|(text, c)| cell(text, BODY, align(c.key)))
            .collect();
        rows.push(TableRow::new(cells).cant_split());
    }
    if summary.is_none() {
        // Rows tall enough for two handwritten lines: five, one fewer than the
        // PDF's, as Word's taller header lines would push the 合计 row onto a
        // second page.
        for _ in 0..5 {
            let cells = SUMMARY_COLUMNS
                .iter()
                .map(|_| cell("", BODY, AlignmentType::Left))
                .collect();
            rows.push(
                TableRow::new(cells)
                    .row_height(mm(15.0) as f32)
                    .height_rule(HeightRule::AtLeast)
                    .cant_split(),
            );
        }
    }
    rows.push(totals_row(summary));
    let table = Table::new(rows)
        .set_grid(grid())
        .width(mm(BLOCK_MM) as usize, WidthType::Dxa)
        .layout(docx_rs::TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(60, 30, 60, 30));
    docx.add_table(table).add_paragraph(Paragraph::new())
}
