//! Writes the intake workbook: the blank template offices fill in (with one
//! example row), or the same layout filled from applications.

use crate::columns::{
    APPLICATIONS_SHEET, CellKind, EXAMPLE_MARK, Field, INSTRUCTIONS_SHEET, INTAKE_COLUMNS,
    IntakeColumn, PREVIOUS_COLUMNS, PREVIOUS_SHEET, REPORTER_ROWS, REPORTER_SHEET, ReporterRow,
    SOURCE_HEADER, YES_NO,
};
use crate::error::SheetError;
use crate::style::{Formats, fitting_height, properties, write_text};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, ExcelDateTime, Workbook, Worksheet, XlsxError,
};
use yanxiu_core::{Application, PreviousClass, Profile, Reporter, Summary};

/// Rows of the template that carry drop-downs and number checks.
const VALIDATED_ROWS: u32 = 2000;

/// What one intake cell holds when written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

fn yes_no(b: bool) -> Cell {
    Cell::Text(YES_NO[usize::from(!b)].to_owned())
}

fn text(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_owned())
    }
}

/// The cell of one column for one application (the inverse of the reader).
pub(crate) fn cell(app: &Application, field: Field, index: Option<usize>) -> Cell {
    let a = &app.applicant;
    let contact = app.contact.as_ref();
    let featured = app.featured.as_ref();
    match field {
        Field::Index => index.map_or(Cell::Text(EXAMPLE_MARK.to_owned()), |i| {
            Cell::Number(i as f64)
        }),
        Field::Level => text(app.level.label()),
        Field::ApplicantName => text(&a.name),
        Field::ApplicantKind => text(a.kind.label()),
        Field::TrainingQualified => a.training_qualified.map_or(Cell::Empty, yes_no),
        Field::CanInvoice => a.can_invoice.map_or(Cell::Empty, yes_no),
        Field::AppliedOn => app.applied_on.map_or(Cell::Empty, Cell::Date),
        Field::ProjectName => text(&app.project_name),
        Field::Schedule => app
            .schedule
            .map_or(Cell::Empty, |s| Cell::Text(s.display_zh())),
        Field::Venue => text(&app.venue),
        Field::Industry => text(&app.industry),
        Field::Authority => text(&app.authority),
        Field::Government => yes_no(app.funding.government),
        Field::SelfFunded => yes_no(app.funding.self_funded.is_some()),
        Field::SelfFundedSource => app
            .funding
            .self_funded
            .as_ref()
            .map_or(Cell::Empty, |s| text(&s.source)),
        Field::Topic(t) => yes_no(app.topics.get(t).is_some()),
        Field::TopicText(t) => text(app.topics.get(t).unwrap_or("")),
        Field::Purpose => text(&app.purpose),
        Field::Content => text(&app.content),
        Field::Mode => text(app.mode.label()),
        Field::Experts => text(&app.experts),
        Field::Audience => text(&app.audience),
        Field::Participants => app
            .participants
            .map_or(Cell::Empty, |n| Cell::Number(f64::from(n))),
        Field::Featured => yes_no(featured.is_some()),
        Field::Focus => featured.map_or(Cell::Empty, |f| text(&f.focus)),
        Field::Plan => featured.map_or(Cell::Empty, |f| text(&f.plan)),
        Field::ContactName => contact.map_or(Cell::Empty, |c| text(&c.name)),
        Field::ContactPhone => contact.map_or(Cell::Empty, |c| text(&c.phone)),
        Field::Remark => text(&app.remark),
    }
}

fn put(ws: &mut Worksheet, row: u32, col: u16, c: &Cell, f: &Formats) -> Result<(), XlsxError> {
    match c {
        Cell::Empty => ws.write_blank(row, col, &f.text).map(drop),
        Cell::Text(s) => write_text(ws, row, col, s, f),
        Cell::Number(n) => ws
            .write_number_with_format(row, col, *n, &f.centred)
            .map(drop),
        Cell::Date(d) => {
            let x = excel_date(*d)?;
            ws.write_date_with_format(row, col, &x, &f.date).map(drop)
        }
    }
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let y = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8)
}

fn list(items: &[&str]) -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_list_strings(items)?
        .set_error_title("请从下拉列表中选择")?
        .set_error_message(format!("可选：{}", items.join(" / ")))
}

fn header_row(ws: &mut Worksheet, headers: &[(&str, u8)], f: &Formats) -> Result<(), XlsxError> {
    for (i, (h, w)) in headers.iter().enumerate() {
        let c = i as u16;
        ws.write_string_with_format(0, c, *h, &f.header)?;
        ws.set_column_width(c, f64::from(*w))?;
    }
    ws.set_row_height(0, 32)?;
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn validations(ws: &mut Worksheet, col: u16, kind: CellKind, note: &str) -> Result<(), XlsxError> {
    let dv = match kind {
        CellKind::Choice(items) => Some(list(items)?),
        CellKind::YesNo => Some(list(&YES_NO)?),
        CellKind::Count => Some(
            DataValidation::new()
                .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
                .set_error_title("请填写整数")?
                .set_error_message("培训人数、人数须为不小于0的整数。")?,
        ),
        _ => None,
    };
    let dv = match (dv, note.is_empty()) {
        (Some(dv), true) => dv,
        (Some(dv), false) => dv.set_input_message(note)?,
        (None, true) => return Ok(()),
        (None, false) => DataValidation::new()
            .allow_any_value()
            .set_input_message(note)?,
    };
    ws.add_data_validation(1, col, VALIDATED_ROWS, col, &dv)?;
    Ok(())
}

/// The intake workbook filled with `apps` (in ranking order) and, when
/// given, the reporting body. With no applications it is the blank
/// template; `example` adds the example row (序号 `示例`, skipped on reading).
pub fn write_intake(
    apps: &[Application],
    reporter: Option<(&Reporter, Option<NaiveDate>)>,
    example: Option<&Application>,
    profile: &Profile,
) -> Result<Vec<u8>, SheetError> {
    write_book(apps, None, reporter, example, profile)
}

/// `examples/申报信息.xlsx`: a summary's projects in the intake workbook
/// with its reporting body, and its last project as the example row (no
/// 年度: the workbook has no such column). The demo writes it from the
/// bundled summary, so nothing installed carries a copy.
pub fn example_workbook(summary: &Summary, profile: &Profile) -> Result<Vec<u8>, SheetError> {
    let mut example = summary.applications.last().cloned();
    if let Some(e) = &mut example {
        e.year = None;
    }
    write_intake(
        &summary.applications,
        Some((&summary.reporter, summary.filled_on)),
        example.as_ref(),
        profile,
    )
}

/// One intake workbook of everything received from many units: `apps` in
/// ranking order, each with where it came from in a last column `来源`
/// (the reader passes over it). The 主管部门 checks and ranks it (the row
/// order is the 汇总表's order), then runs the batch on it.
pub fn write_merged(
    apps: &[Application],
    sources: &[String],
    reporter: Option<(&Reporter, Option<NaiveDate>)>,
    profile: &Profile,
) -> Result<Vec<u8>, SheetError> {
    write_book(apps, Some(sources), reporter, None, profile)
}

fn write_book(
    apps: &[Application],
    sources: Option<&[String]>,
    reporter: Option<(&Reporter, Option<NaiveDate>)>,
    example: Option<&Application>,
    profile: &Profile,
) -> Result<Vec<u8>, SheetError> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    wb.set_properties(&properties("高级研修项目申报信息")?);
    let ws = wb.add_worksheet().set_name(APPLICATIONS_SHEET)?;
    let previous = applications_sheet(ws, apps, sources, example, profile, &f)?;
    ws.set_active(true);
    previous_sheet(wb.add_worksheet().set_name(PREVIOUS_SHEET)?, &previous, &f)?;
    reporter_sheet(wb.add_worksheet().set_name(REPORTER_SHEET)?, reporter, &f)?;
    let ws = wb.add_worksheet().set_name(INSTRUCTIONS_SHEET)?;
    instructions(ws, &f, profile)?;
    Ok(wb.save_to_buffer()?)
}

/// The applications, a row each (the example first, when given), with
/// their source files; returns their earlier classes for the second sheet.
fn applications_sheet<'a>(
    ws: &mut Worksheet,
    apps: &'a [Application],
    sources: Option<&[String]>,
    example: Option<&'a Application>,
    profile: &Profile,
    f: &Formats,
) -> Result<Vec<(&'a str, &'a PreviousClass)>, SheetError> {
    let mut headers: Vec<_> = INTAKE_COLUMNS.iter().map(|c| (c.header, c.width)).collect();
    if sources.is_some() {
        headers.push((SOURCE_HEADER, 24));
    }
    header_row(ws, &headers, f)?;
    for (i, c) in INTAKE_COLUMNS.iter().enumerate() {
        validations(ws, i as u16, c.kind, &note(c, profile))?;
    }
    let rows = example
        .map(|e| (None, e))
        .into_iter()
        .chain(apps.iter().enumerate().map(|(i, a)| (Some(i + 1), a)));
    let mut previous = Vec::new();
    for (r, (index, app)) in rows.enumerate() {
        let row = r as u32 + 1;
        let cells: Vec<Cell> = INTAKE_COLUMNS
            .iter()
            .map(|c| cell(app, c.field, index))
            .collect();
        let sized: Vec<(&str, f64)> = cells
            .iter()
            .zip(INTAKE_COLUMNS)
            .filter_map(|(c, col)| match c {
                Cell::Text(s) => Some((s.as_str(), f64::from(col.width))),
                _ => None,
            })
            .collect();
        ws.set_row_height(row, fitting_height(&sized))?;
        for (i, c) in cells.iter().enumerate() {
            put(ws, row, i as u16, c, f)?;
        }
        if let Some(source) = index.and_then(|i| sources?.get(i - 1)) {
            put(ws, row, cells.len() as u16, &text(source), f)?;
        }
        // The example's classes would be read as those of a real row of its name.
        let shadowed = index.is_none() && apps.iter().any(|a| a.project_name == app.project_name);
        if let Some(feat) = app.featured.as_ref().filter(|_| !shadowed) {
            for p in &feat.previous {
                previous.push((app.project_name.as_str(), p));
            }
        }
    }
    Ok(previous)
}

/// The earlier classes of the 特色班, a row each under its project's name.
fn previous_sheet(
    ws: &mut Worksheet,
    previous: &[(&str, &PreviousClass)],
    f: &Formats,
) -> Result<(), SheetError> {
    let headers: Vec<_> = PREVIOUS_COLUMNS
        .iter()
        .map(|c| (c.header, c.width))
        .collect();
    header_row(ws, &headers, f)?;
    validations(ws, 5, CellKind::Count, "")?;
    for (r, (project, p)) in previous.iter().enumerate() {
        let row = r as u32 + 1;
        let cells = [
            text(project),
            text(&p.name),
            text(&p.held),
            text(&p.experts),
            text(&p.audience),
            p.participants
                .map_or(Cell::Empty, |n| Cell::Number(f64::from(n))),
            text(&p.results),
        ];
        for (i, c) in cells.iter().enumerate() {
            put(ws, row, i as u16, c, f)?;
        }
    }
    Ok(())
}

/// The reporting body's name, contact, phone and date.
fn reporter_sheet(
    ws: &mut Worksheet,
    reporter: Option<(&Reporter, Option<NaiveDate>)>,
    f: &Formats,
) -> Result<(), SheetError> {
    ws.set_column_width(0, 12)?;
    ws.set_column_width(1, 40)?;
    for (i, which) in REPORTER_ROWS.into_iter().enumerate() {
        let row = i as u32;
        ws.write_string_with_format(row, 0, which.label(), &f.header)?;
        let value = match (reporter, which) {
            (Some((r, _)), ReporterRow::Name) => text(&r.name),
            (Some((r, _)), ReporterRow::Contact) => text(&r.contact),
            (Some((r, _)), ReporterRow::Phone) => text(&r.phone),
            (Some((_, Some(d))), ReporterRow::FilledOn) => Cell::Date(d),
            _ => Cell::Empty,
        };
        put(ws, row, 1, &value, f)?;
    }
    Ok(())
}

/// The blank template with its example row.
pub fn intake_template(example: &Application, profile: &Profile) -> Result<Vec<u8>, SheetError> {
    write_intake(&[], None, Some(example), profile)
}

/// A column's instruction (the cell's prompt and its line in the
/// instructions); the notice's numbers come from the profile.
fn note(c: &IntakeColumn, profile: &Profile) -> String {
    let mut note = c.note.to_owned();
    if c.field == Field::Participants {
        note.push_str(&format!(
            "省级不少于{}人，国家级一般不超过{}人。",
            profile.provincial.min_participants, profile.national.max_participants
        ));
    }
    note
}

fn instructions(ws: &mut Worksheet, f: &Formats, profile: &Profile) -> Result<(), XlsxError> {
    ws.set_column_width(0, 26)?;
    ws.set_column_width(1, 80)?;
    ws.merge_range(0, 0, 0, 1, "高级研修项目申报信息填表说明", &f.title)?;
    ws.set_row_height(0, 30)?;
    let general = [
        format!(
            "1. 「{APPLICATIONS_SHEET}」表每行一个项目，行的先后即本单位的推荐排序；表头请勿改动。"
        ),
        format!("2. 序号填“{EXAMPLE_MARK}”的行是示例，不会读入，可删除或覆盖。"),
        "3. 下拉列表列请从列表中选择；单元格内换行（Alt+Enter）会原样保留到申报表。".to_owned(),
        format!(
            "4. 特色班在「{PREVIOUS_SHEET}」表逐行列出已办班次，「项目名称」须与「{APPLICATIONS_SHEET}」表一致。"
        ),
        format!("5. 「{REPORTER_SHEET}」表填写汇总表表头的报送单位、联系人、联系电话和填报日期。"),
        "6. 生成：yanxiu batch 申报信息.xlsx -o 输出目录（每个项目一份申报表PDF，另生成汇总表PDF与xlsx）。"
            .to_owned(),
    ];
    for (i, line) in general.iter().enumerate() {
        ws.merge_range(i as u32 + 1, 0, i as u32 + 1, 1, line, &f.plain)?;
    }
    let start = general.len() as u32 + 2;
    ws.write_string_with_format(start, 0, "列", &f.header)?;
    ws.write_string_with_format(start, 1, "填写要求", &f.header)?;
    for (i, c) in INTAKE_COLUMNS.iter().enumerate() {
        let row = start + 1 + i as u32;
        ws.write_string_with_format(row, 0, c.header, &f.text)?;
        let note = match note(c, profile) {
            n if n.is_empty() => format!("照申报表「{}」栏填写。", c.header),
            n => n,
        };
        write_text(ws, row, 1, &note, f)?;
    }
    Ok(())
}
