//! 附件1 申报表 as a Word document: the PDF's table in Word's own terms.

use crate::controls::{checkbox, inline};
use crate::style::{BODY, XIAOSI, broken, heading, mm, page, para, run, runs};
use docx_rs::{
    AlignmentType, Docx, HeightRule, Paragraph, Run, Tab, TabValueType, Table, TableCell,
    TableCellMargins, TableRow, VAlignType, WidthType,
};
use yanxiu_core::{Application, FundingCategory, Profile, TopicScope, fields, labels};

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

/// Column widths: those of the PDF, `(30mm, 48.5mm, 29.5mm, 1fr)` of a
/// 156 mm text block.
fn grid() -> Vec<usize> {
    [30.0, 48.5, 29.5, 48.0]
        .iter()
        .map(|w| mm(*w) as usize)
        .collect()
}

fn label(path: &str) -> &'static str {
    fields::application(path).printed_label()
}

fn label_cell(path: &str) -> TableCell {
    TableCell::new()
        .vertical_align(VAlignType::Center)
        .add_paragraph(broken(label(path), BODY, XIAOSI).align(AlignmentType::Center))
}

/// The paragraphs of a value: each line of the text a paragraph holding an
/// inline control tagged with the field's path (a reader joins them). Inline,
/// not around the paragraphs: LibreOffice rewrites a block-level control in
/// a table cell into garbled copies, an inline one it keeps.
fn controlled(path: &str, text: &str, placeholder: bool, indent: bool) -> Vec<Paragraph> {
    let label = fields::application(path).label;
    let lines: Vec<&str> = text.split('\n').filter(|l| !l.trim().is_empty()).collect();
    let lines = if lines.is_empty() { vec![""] } else { lines };
    lines
        .into_iter()
        .map(|l| {
            let p = para().add_structured_data_tag(inline(
                path,
                label,
                vec![run(l, BODY, XIAOSI)],
                placeholder,
            ));
            if indent && !placeholder {
                p.indent(
                    None,
                    Some(docx_rs::SpecialIndentType::FirstLine(XIAOSI as i32 * 20)),
                    None,
                    None,
                )
            } else {
                p
            }
        })
        .collect()
}

/// A value cell: the field's controls; on the blank form, the hint as
/// placeholder (or an empty control to type in).
fn value_cell(path: &str, text: &str, blank: bool, indent: bool, span: usize) -> TableCell {
    let field = fields::application(path);
    let paras = match (blank, field.hint) {
        (true, Some(h)) => controlled(path, h, true, indent),
        _ => controlled(path, text, false, indent),
    };
    let mut cell = TableCell::new();
    for p in paras {
        cell = cell.add_paragraph(p);
    }
    let cell = if span > 1 { cell.grid_span(span) } else { cell };
    cell.vertical_align(if indent {
        VAlignType::Top
    } else {
        VAlignType::Center
    })
}

/// Lines a text takes in the wide cells, roughly (28 characters of 小四):
/// rows under ten lines are not split across pages, as in the PDF.
fn short(text: &str) -> bool {
    let lines: usize = text
        .split('\n')
        .map(|l| l.chars().count().div_ceil(28).max(1))
        .sum();
    lines < 10
}

fn funding_cell(a: &Application) -> TableCell {
    let source = a
        .funding
        .self_funded
        .as_ref()
        .map(|s| s.source.as_str())
        .unwrap_or("");
    let source_runs = if source.is_empty() {
        vec![run("　　　　", BODY, XIAOSI).underline("single")]
    } else {
        vec![run(source, BODY, XIAOSI).underline("single")]
    };
    let gov = FundingCategory::Government.label();
    let own = FundingCategory::SelfFunded.label();
    let p = para()
        .add_structured_data_tag(checkbox(
            "funding.government",
            gov,
            a.funding.government,
            XIAOSI,
        ))
        .add_run(run(&format!("{gov}　"), BODY, XIAOSI))
        .add_structured_data_tag(checkbox(
            "funding.self_funded",
            own,
            a.funding.self_funded.is_some(),
            XIAOSI,
        ))
        .add_run(run(
            &format!("{own}（{}：", label("funding.self_funded.source")),
            BODY,
            XIAOSI,
        ))
        .add_structured_data_tag(inline(
            "funding.self_funded.source",
            fields::application("funding.self_funded.source").label,
            source_runs,
            false,
        ))
        .add_run(run("）", BODY, XIAOSI));
    TableCell::new()
        .grid_span(3)
        .vertical_align(VAlignType::Center)
        .add_paragraph(p)
}

fn topics_cell(a: &Application) -> TableCell {
    let mut cell = TableCell::new()
        .grid_span(3)
        .vertical_align(VAlignType::Center);
    for t in TopicScope::ALL {
        let text = a.topics.get(t);
        let path = format!("topics.{}", t.key());
        let runs = match text {
            Some(s) if !s.is_empty() => vec![run(s, BODY, XIAOSI)],
            _ => vec![run("　　　　　　　　　　", BODY, XIAOSI).underline("single")],
        };
        // The explanation hangs under the label, not under the box.
        let p = para()
            .indent(
                Some(280),
                Some(docx_rs::SpecialIndentType::Hanging(280)),
                None,
                None,
            )
            .add_structured_data_tag(checkbox(&path, t.label(), text.is_some(), XIAOSI))
            .add_run(run(&format!("{}：", t.label()), BODY, XIAOSI))
            .add_structured_data_tag(inline(&path, t.label(), runs, false));
        cell = cell.add_paragraph(p);
    }
    cell
}

/// The 特色班 cell: `无`, or the earlier classes and the plans, each part a
/// control of its own (`featured.previous[0].name`, `featured.focus`, …)
/// so that a reader gets the structure back.
fn featured_cell(a: &Application, blank: bool) -> TableCell {
    let path = "featured";
    let paras = match (&a.featured, blank) {
        (_, true) => return value_cell(path, "", true, true, 3),
        (None, false) => controlled(path, "无", false, false),
        (Some(f), false) => {
            let ctl = |key: String, text: &str| {
                // `featured.previous[0].name` is the table's `featured.previous[].name`.
                let label =
                    fields::application(&key.replace(|c: char| c.is_ascii_digit(), "")).label;
                inline(&key, label, runs(text, BODY, XIAOSI), false)
            };
            // The lead is the cell's own control, so that a 特色班 with nothing
            // filled in yet still reads as one.
            let lead = inline(
                "featured",
                fields::application("featured").label,
                vec![run(FEATURED_LEAD, BODY, XIAOSI)],
                false,
            );
            let mut paras = vec![para().add_structured_data_tag(lead)];
            for (i, c) in f.previous.iter().enumerate() {
                let key = |k: &str| format!("featured.previous[{i}].{k}");
                let mut p = para().add_run(run(&format!("{}. ", i + 1), BODY, XIAOSI));
                for (k, before, text, after) in class_parts(c) {
                    p = p
                        .add_run(run(before, BODY, XIAOSI))
                        .add_structured_data_tag(ctl(key(k), &text))
                        .add_run(run(after, BODY, XIAOSI));
                }
                paras.push(p);
            }
            for (k, lead, text) in plan_parts(f) {
                paras.push(
                    para()
                        .add_run(run(lead, BODY, XIAOSI))
                        .add_structured_data_tag(ctl(format!("featured.{k}"), text)),
                );
            }
            paras
        }
    };
    let mut cell = TableCell::new()
        .grid_span(3)
        .vertical_align(VAlignType::Top);
    for p in paras {
        cell = cell.add_paragraph(p);
    }
    cell
}

/// The lead of a filled 特色班 cell.
pub(crate) const FEATURED_LEAD: &str = "已办相关班次：";

/// The printed parts of an earlier class: (key, before, text, after).
fn class_parts(
    c: &yanxiu_core::PreviousClass,
) -> Vec<(&'static str, &'static str, String, &'static str)> {
    let mut parts = vec![("name", "", c.name.clone(), "")];
    if !c.held.is_empty() {
        parts.push(("held", "（", c.held.clone(), "）"));
    }
    if !c.experts.is_empty() {
        parts.push(("experts", "；授课专家：", c.experts.clone(), ""));
    }
    if !c.audience.is_empty() {
        parts.push(("audience", "；培训对象：", c.audience.clone(), ""));
    }
    if let Some(n) = c.participants {
        parts.push(("participants", "（", n.to_string(), "人）"));
    }
    if !c.results.is_empty() {
        parts.push(("results", "；取得成效：", c.results.clone(), ""));
    }
    parts
}

fn plan_parts(f: &yanxiu_core::Featured) -> Vec<(&'static str, &'static str, &String)> {
    [
        ("focus", "本次办班的侧重点：", &f.focus),
        ("plan", "今后办系列班次的长期考虑：", &f.plan),
    ]
    .into_iter()
    .filter(|(_, _, t)| !t.is_empty())
    .collect()
}

/// The 特色班 cell's text as it prints (for a reader comparing a form
/// typed over with the record it was written from).
pub(crate) fn featured_text(f: &yanxiu_core::Featured) -> String {
    let mut lines = vec![FEATURED_LEAD.to_owned()];
    for (i, c) in f.previous.iter().enumerate() {
        let mut l = format!("{}. ", i + 1);
        for (_, before, text, after) in class_parts(c) {
            l.push_str(before);
            l.push_str(&text);
            l.push_str(after);
        }
        lines.push(l);
    }
    for (_, lead, text) in plan_parts(f) {
        lines.push(format!("{lead}{text}"));
    }
    lines.join("\n")
}

/// Lines the 特色班 cell takes, for keeping a short row whole.
fn featured_len(a: &Application) -> String {
    a.featured
        .as_ref()
        .map(|f| {
            let mut parts: Vec<String> = f
                .previous
                .iter()
                .map(|c| {
                    format!(
                        "{}{}{}{}{}",
                        c.name, c.held, c.experts, c.audience, c.results
                    )
                })
                .collect();
            parts.push(f.focus.clone());
            parts.push(f.plan.clone());
            parts.join("\n")
        })
        .unwrap_or_default()
}

/// A free-text row; `room` is the blank form's height to write in.
fn free_row(path: &str, text: &str, blank: bool, room: f64, extra: Option<Paragraph>) -> TableRow {
    let mut cell = value_cell(path, text, blank, true, 3);
    if let Some(p) = extra {
        cell = cell.add_paragraph(p);
    }
    let row = TableRow::new(vec![label_cell(path), cell]);
    let row = if blank {
        row.row_height(mm(room) as f32)
            .height_rule(HeightRule::AtLeast)
    } else {
        row
    };
    if blank || short(text) {
        row.cant_split()
    } else {
        row
    }
}

pub(crate) fn document(app: Option<&Application>, profile: &Profile) -> Docx {
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

    // 申报单位（盖章） on the left, 申报时间 at the right edge.
    let applicant = if blank {
        vec![run("　　　　　　　　　　　", BODY, XIAOSI).underline("single")]
    } else {
        vec![run(&a.applicant.name, BODY, XIAOSI)]
    };
    let date = a
        .applied_on
        .map(labels::date_zh)
        .unwrap_or_else(|| "　　　年　　月　　日".to_owned());
    let unit = para()
        .add_run(run(&format!("{}：", label("applicant")), BODY, XIAOSI))
        .add_structured_data_tag(inline(
            "applicant.name",
            label("applicant"),
            applicant,
            false,
        ))
        .add_run(run("（盖章）", BODY, XIAOSI));
    let date_runs = |p: Paragraph| {
        p.add_run(run(&format!("{}：", label("applied_on")), BODY, XIAOSI))
            .add_structured_data_tag(inline(
                "applied_on",
                label("applied_on"),
                vec![run(&date, BODY, XIAOSI)],
                false,
            ))
    };
    docx = docx.add_paragraph(para().add_run(run("", BODY, XIAOSI)));
    // A Word line with a tab cannot wrap the name beside the date as the PDF
    // does: a long name puts 申报时间 on a line of its own, at the right.
    docx = if a.applicant.name.chars().count() > 16 {
        docx.add_paragraph(unit)
            .add_paragraph(date_runs(para().align(AlignmentType::Right)))
    } else {
        let tab = Tab::new().val(TabValueType::Right).pos(mm(156.0) as usize);
        docx.add_paragraph(date_runs(unit.add_tab(tab).add_run(Run::new().add_tab())))
    };

    let schedule = a.schedule.map(|s| s.display_zh()).unwrap_or_default();
    let participants = Paragraph::new()
        .add_run(run("计划培训人数：", BODY, XIAOSI))
        .add_structured_data_tag(inline(
            "participants",
            "计划培训人数",
            vec![run(
                &a.participants.map(|n| n.to_string()).unwrap_or_default(),
                BODY,
                XIAOSI,
            )],
            false,
        ))
        .add_run(run("人", BODY, XIAOSI));
    let featured = featured_len(a);
    let rows = vec![
        TableRow::new(vec![
            label_cell("project_name"),
            value_cell("project_name", &a.project_name, blank, false, 3),
        ])
        .cant_split(),
        TableRow::new(vec![
            label_cell("schedule"),
            value_cell("schedule", &schedule, blank, false, 1),
            label_cell("venue"),
            value_cell("venue", &a.venue, blank, false, 1),
        ])
        .cant_split(),
        TableRow::new(vec![
            label_cell("industry"),
            value_cell("industry", &a.industry, blank, false, 1),
            label_cell("authority"),
            value_cell("authority", &a.authority, blank, false, 1),
        ])
        .cant_split(),
        TableRow::new(vec![label_cell("funding"), funding_cell(a)]).cant_split(),
        TableRow::new(vec![label_cell("topics"), topics_cell(a)]).cant_split(),
        free_row("purpose", &a.purpose, blank, 36.0, None),
        free_row("content", &a.content, blank, 50.0, None),
        free_row("experts", &a.experts, blank, 56.0, None),
        free_row("audience", &a.audience, blank, 32.0, Some(participants)),
        {
            let row = TableRow::new(vec![label_cell("featured"), featured_cell(a, blank)]);
            if blank {
                row.row_height(mm(95.0) as f32)
                    .height_rule(HeightRule::AtLeast)
                    .cant_split()
            } else if short(&featured) {
                row.cant_split()
            } else {
                row
            }
        },
    ];
    let table = Table::new(rows)
        .set_grid(grid())
        .width(mm(156.0) as usize, WidthType::Dxa)
        .layout(docx_rs::TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(140, 100, 140, 100));
    docx.add_table(table)
}
