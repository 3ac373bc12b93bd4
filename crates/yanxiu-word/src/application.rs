//! 附件1 申报表 as a Word document: the form's description
//! ([`yanxiu_core::form`]) walked row by row, as the PDF's template walks it,
//! so that both print the same rows, widths, insets, rules and wording.

use crate::marks::{field, mark_end, mark_start, tick};
use crate::style::{BODY, XIAOSI, broken, heading, mm, page, para, rules, run};
use docx_rs::{
    AlignmentType, Docx, HeightRule, Paragraph, Run, Tab, TabValueType, Table, TableCell,
    TableCellMargins, TableRow, VAlignType, WidthType,
};
use yanxiu_core::form::{ApplicationForm, Field, LineKind, Piece, Row, Shape};
use yanxiu_core::{Application, FundingCategory, Profile, TopicScope, labels};

/// JSON text that XML can hold as is: docx-rs writes a custom property's
/// value unescaped, so `&`, `<` and `>` (only ever inside JSON strings) and
/// the characters XML forbids become `\uXXXX` escapes, which JSON reads back
/// as the same characters.
fn xml_safe_json(json: &str) -> String {
    json.chars()
        .map(|c| match c {
            '&' | '<' | '>' | '\u{fffe}' | '\u{ffff}' => format!("\\u{:04x}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

/// The pitch of the blank form's lines to write on (选题范围), in mm.
const BLANK_LINE_PITCH_MM: f64 = 8.0;

/// Points in twentieths of a point.
fn pt(v: f64) -> i32 {
    (v * 20.0).round() as i32
}

/// The text block's width: the sum of the columns.
fn block_width(form: &ApplicationForm) -> f64 {
    form.columns_mm.iter().sum()
}

fn label_cell(form: &ApplicationForm, field: Field) -> TableCell {
    TableCell::new()
        .vertical_align(VAlignType::Center)
        // A label's lines stay together (`特色班` / `相关情况` on one page).
        .add_paragraph(
            broken(form.label(field), BODY, XIAOSI)
                .align(AlignmentType::Center)
                .keep_lines(true),
        )
}

/// The first-line indent of free text: two characters, as in the PDF.
fn indented(p: Paragraph) -> Paragraph {
    p.indent(
        None,
        Some(docx_rs::SpecialIndentType::FirstLine(XIAOSI as i32 * 20)),
        None,
        None,
    )
}

/// The paragraphs of a value: each line of the text a paragraph, all of
/// them inside the bookmark of the field's path. On the blank form the hint
/// stands in the value's place (`placeholder`), flush left.
fn controlled(field: Field, text: &str, placeholder: bool, indent: bool) -> Vec<Paragraph> {
    let path = field.path();
    let lines: Vec<&str> = text.split('\n').filter(|l| !l.trim().is_empty()).collect();
    let lines = if lines.is_empty() { vec![""] } else { lines };
    let last = lines.len() - 1;
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let mut p = para();
            if i == 0 {
                p = mark_start(p, path);
            }
            p = p.add_run(run(l, BODY, XIAOSI));
            if i == last {
                p = mark_end(p, path);
            }
            if indent && !placeholder {
                indented(p)
            } else {
                p
            }
        })
        .collect()
}

/// Pieces of a line as runs: the form's wording plain, each value in the
/// bookmark of its path.
fn pieces(mut p: Paragraph, pieces: &[Piece]) -> Paragraph {
    for piece in pieces {
        p = match piece {
            Piece::Fixed(t) => p.add_run(run(t, BODY, XIAOSI)),
            Piece::Value { path, text } => field(p, path, crate::style::runs(text, BODY, XIAOSI)),
        };
    }
    p
}

/// A value cell of one field.
fn value_cell(
    form: &ApplicationForm,
    row: &Row,
    i: usize,
    a: &Application,
    blank: bool,
) -> TableCell {
    let c = &row.cells[i];
    let hint = c.hint.as_deref().filter(|_| blank);
    let shape = c.field.shape();
    let paras = match (shape, hint) {
        (Shape::Funding, _) => vec![funding(form, a)],
        (Shape::Topics, _) => topics(form, a, blank),
        (_, Some(h)) => controlled(c.field, h, true, false),
        (Shape::Featured, None) => featured(form, a),
        (Shape::Paragraphs, None) => {
            let mut v = controlled(c.field, &c.field.text(a).unwrap_or_default(), false, true);
            v.extend(
                c.then
                    .and_then(|t| form.then_pieces(t, a))
                    // One paragraph style in the cell: indented as the text above.
                    .map(|ps| pieces(indented(para()), &ps)),
            );
            v
        }
        (Shape::Line | Shape::Date, None) => {
            controlled(c.field, &c.field.text(a).unwrap_or_default(), false, false)
        }
    };
    let mut cell = TableCell::new();
    for p in paras {
        cell = cell.add_paragraph(p);
    }
    let span = form.value_span(row);
    let cell = if span > 1 { cell.grid_span(span) } else { cell };
    cell.vertical_align(if matches!(shape, Shape::Paragraphs | Shape::Featured) {
        VAlignType::Top
    } else {
        VAlignType::Center
    })
}

fn funding(form: &ApplicationForm, a: &Application) -> Paragraph {
    let source = a.funding.source();
    let w = &form.funding;
    let source_runs = if source.is_empty() {
        vec![run(&"　".repeat(w.blank_source_chars), BODY, XIAOSI).underline("single")]
    } else {
        vec![run(source, BODY, XIAOSI).underline("single")]
    };
    let ticked = [a.funding.government, a.funding.self_funded.is_some()];
    let mut p = para();
    for (f, on) in FundingCategory::ALL.iter().zip(ticked) {
        p = tick(p, f.path(), on, XIAOSI).add_run(run(f.label(), BODY, XIAOSI));
        if *f == FundingCategory::Government {
            p = p.add_run(run("　", BODY, XIAOSI));
        }
    }
    let p = p.add_run(run(&w.source.before, BODY, XIAOSI));
    field(p, "funding.self_funded.source", source_runs).add_run(run(&w.source.after, BODY, XIAOSI))
}

fn topics(form: &ApplicationForm, a: &Application, blank: bool) -> Vec<Paragraph> {
    TopicScope::ALL
        .iter()
        .map(|t| {
            let text = a.topics.get(*t);
            let path = format!("topics.{}", t.key());
            let runs = match text {
                Some(s) if !s.is_empty() => vec![run(s, BODY, XIAOSI)],
                // A line to the cell's edge, as in the PDF: a right tab with
                // an underline leader, after the empty value's bookmark.
                _ => vec![run("", BODY, XIAOSI)],
            };
            let blank_line = !matches!(text, Some(s) if !s.is_empty());
            // The explanation hangs under the label, not under the box.
            let p = para().indent(
                Some(280),
                Some(docx_rs::SpecialIndentType::Hanging(280)),
                None,
                None,
            );
            // On the blank form the lines to write on are 8 mm apart, as in the PDF.
            let p = if blank {
                p.line_spacing(
                    docx_rs::LineSpacing::new()
                        .before(0)
                        .after(0)
                        .line(mm(BLANK_LINE_PITCH_MM))
                        .line_rule(docx_rs::LineSpacingType::Exact),
                )
            } else {
                p
            };
            let p = tick(p, &path, text.is_some(), XIAOSI).add_run(run(
                &format!("{}{}", t.label(), form.topic_label_after),
                BODY,
                XIAOSI,
            ));
            let mut p = field(p, &path, runs);
            if blank_line {
                let width = mm(form.columns_mm[1..].iter().sum::<f64>()) - 2 * pt(form.inset_pt[0]);
                p = p
                    .add_tab(
                        Tab::new()
                            .val(TabValueType::Right)
                            .leader(docx_rs::TabLeaderType::Underscore)
                            .pos(width as usize),
                    )
                    .add_run(Run::new().add_tab());
            }
            p
        })
        .collect()
}

/// The 特色班 cell: `无`, or the lines of the form's wording, each value in
/// a bookmark of its own (`featured.previous[0].name`, `featured.focus`, …),
/// the whole cell in the bookmark `yx_featured`.
fn featured(form: &ApplicationForm, a: &Application) -> Vec<Paragraph> {
    let Some(f) = &a.featured else {
        return controlled(Field::Featured, &form.featured.none, false, false);
    };
    let lines = form.featured.lines(f);
    let last = lines.len() - 1;
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let p = match line.kind {
                // Never at a page's foot without its first class (as the PDF).
                LineKind::Lead => {
                    mark_start(indented(para()).keep_next(true), Field::Featured.path())
                        .add_run(run(&line.text(), BODY, XIAOSI))
                }
                // A list item: indented as the paragraphs, its lines hanging
                // after `1. ` (about one character), as in the PDF.
                LineKind::Class => pieces(
                    // (XIAOSI is in half-points: ×10 is one character in twips.)
                    para().indent(
                        Some(XIAOSI as i32 * 30),
                        Some(docx_rs::SpecialIndentType::Hanging(XIAOSI as i32 * 10)),
                        None,
                        None,
                    ),
                    &line.pieces,
                ),
                LineKind::Paragraph => pieces(indented(para()), &line.pieces),
            };
            if i == last {
                mark_end(p, Field::Featured.path())
            } else {
                p
            }
        })
        .collect()
}

/// A row: each cell's label and value; kept on one page when its text is
/// short (as in the PDF); on the blank form as tall as the description says.
fn table_row(form: &ApplicationForm, row: &Row, a: &Application, blank: bool) -> TableRow {
    let cells = (0..row.cells.len())
        .flat_map(|i| {
            [
                label_cell(form, row.cells[i].field),
                value_cell(form, row, i, a, blank),
            ]
        })
        .collect();
    let mut r = TableRow::new(cells);
    if let Some(h) = row.blank_height_mm.filter(|_| blank) {
        r = r.row_height(mm(h) as f32).height_rule(HeightRule::AtLeast);
    }
    // Word (LibreOffice at least, which ignores keep-lines inside a cell)
    // breaks a row in mid-cell and parts a label's lines at the page's foot
    // (`特色班` / `相关情况`); a row under half a page goes whole to the next
    // page instead, as the PDF's does (at most half a page stays empty).
    let text = form.row_text(row, a);
    let half_page = (A4_TEXT_HEIGHT_MM * 72.0 / 25.4 / 2.0 / form.line_pitch_pt) as usize;
    if blank || form.keeps(&text) || form.line_count(&text) < half_page {
        r = r.cant_split();
    }
    r
}

/// The height of the portrait text block (A4 less GB/T 9704's 37 and 35 mm).
const A4_TEXT_HEIGHT_MM: f64 = 297.0 - 37.0 - 35.0;

pub(crate) fn document(app: Option<&Application>, profile: &Profile) -> Docx {
    let form = &profile.application_form;
    let blank = app.is_none();
    let empty = Application::default();
    let a = app.unwrap_or(&empty);
    let title = profile.application_title(a.year.unwrap_or(profile.year));
    let mut docx = page(
        Docx::new()
            .default_fonts(crate::style::fonts(BODY))
            .default_size(XIAOSI),
        false,
    );
    if let Some(a) = app {
        // The whole record, for the fields the form does not print (联系人,
        // 备注, …) and the exact text behind what it prints (see `read`).
        let record = xml_safe_json(&serde_json::to_string(a).unwrap_or_default());
        docx = docx.custom_property(crate::CARRIER, record);
    }
    docx = heading(docx, labels::APPLICATION_ATTACHMENT, &title);
    docx = unit_line(docx, form, a, blank);
    let rows = form
        .rows
        .iter()
        .map(|r| table_row(form, r, a, blank))
        .collect();
    // Above and below, the inset less half the space an exact line adds to
    // the text size, less half a rule (Word's rows hold their rules; the
    // PDF's rules take no room): a row is then as tall as the PDF's. The blank PDF is
    // always typeset with the tight insets (at its rows' heights its last
    // row would stand alone otherwise), so the blank .docx takes them too.
    let inset = if blank {
        form.tight_inset_pt
    } else {
        form.inset_pt
    };
    let y = inset[1] - (form.line_pitch_pt - XIAOSI as f64 / 2.0) / 2.0 - form.rule_pt / 2.0;
    let (x, y) = (pt(inset[0]), pt(y.max(0.0)));
    let table = Table::new(rows)
        .set_grid(form.columns_mm.iter().map(|w| mm(*w) as usize).collect())
        .width(mm(block_width(form)) as usize, WidthType::Dxa)
        .layout(docx_rs::TableLayoutType::Fixed)
        .set_borders(rules(form.rule_pt))
        .margins(TableCellMargins::new().margin(y as usize, x as usize, y as usize, x as usize));
    docx.add_table(table)
}

/// `申报单位：……（盖章）` on the left, `申报时间：……` at the right edge, then
/// space before the table (as the PDF's).
fn unit_line(docx: Docx, form: &ApplicationForm, a: &Application, blank: bool) -> Docx {
    let u = &form.unit_line;
    // On the blank form the name's line takes the width the date leaves: a
    // tab with an underline leader to where （盖章）, the gap and the date
    // begin (their characters at 小四, as the PDF measures them).
    let applicant = if blank {
        vec![Run::new().add_tab()]
    } else {
        vec![run(&a.applicant.name, BODY, XIAOSI)]
    };
    let after_name = u.stamp.chars().count() as f64
        + 1.5
        + form.label(Field::AppliedOn).chars().count() as f64
        + 1.0
        + u.blank_date.chars().count() as f64;
    let name_end = mm(block_width(form)) - pt(after_name * XIAOSI as f64 / 2.0);
    let date = Field::AppliedOn
        .text(a)
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| u.blank_date.clone());
    let unit = para().add_run(run(
        &format!("{}：", form.label(Field::Applicant)),
        BODY,
        XIAOSI,
    ));
    let unit = if blank {
        unit.add_tab(
            Tab::new()
                .val(TabValueType::Left)
                .leader(docx_rs::TabLeaderType::Underscore)
                .pos(name_end.max(0) as usize),
        )
    } else {
        unit
    };
    let unit = field(unit, "applicant.name", applicant).add_run(run(&u.stamp, BODY, XIAOSI));
    let date_runs = |p: Paragraph| {
        let p = p.add_run(run(
            &format!("{}：", form.label(Field::AppliedOn)),
            BODY,
            XIAOSI,
        ));
        field(p, Field::AppliedOn.path(), vec![run(&date, BODY, XIAOSI)])
    };
    let docx = docx.add_paragraph(para().add_run(run("", BODY, XIAOSI)));
    // A Word line with a tab cannot wrap the name beside the date as the PDF
    // does: a long name puts 申报时间 on a line of its own, at the right.
    let spaced = |p: Paragraph| {
        p.line_spacing(docx_rs::LineSpacing::new().after(pt(XIAOSI as f64 / 2.0 * 0.4) as u32))
    };
    if a.applicant.name.chars().count() > 16 {
        docx.add_paragraph(unit)
            .add_paragraph(spaced(date_runs(para().align(AlignmentType::Right))))
    } else {
        let tab = Tab::new()
            .val(TabValueType::Right)
            .pos(mm(block_width(form)) as usize);
        docx.add_paragraph(spaced(date_runs(
            unit.add_tab(tab).add_run(Run::new().add_tab()),
        )))
    }
}
