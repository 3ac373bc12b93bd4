//! Reads an intake workbook into applications. Every problem names the
//! sheet, the row as Excel numbers it, and the column header; a bad row
//! does not stop the others.

use crate::columns::{
    APPLICATIONS_SHEET, CellKind, EXAMPLE_MARK, Field, INTAKE_COLUMNS, IntakeColumn,
    PREVIOUS_COLUMNS, PREVIOUS_SHEET, PreviousColumn, REPORTER_ROWS, REPORTER_SHEET, ReporterRow,
    SOURCE_HEADER, intake_column, normalise_header,
};
use crate::error::{CellError, SheetError};
use calamine::{Data, Range, Reader, open_workbook_auto_from_rs};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::io::Cursor;
use std::path::Path;
use yanxiu_core::limits::{MAX_APPLICATIONS, MAX_INPUT_BYTES};
use yanxiu_core::{
    ApplicantKind, Application, Contact, Featured, Level, Mode, PreviousClass, Reporter, Schedule,
    SelfFunded, date, labels,
};

/// One data row of the applications sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct IntakeRow {
    /// Row number as Excel shows it.
    pub row: u32,
    /// The 项目名称 cell as written (for reports, even when the row is bad).
    pub project_name: String,
    /// The application, or every problem found in the row.
    pub result: Result<Application, Vec<CellError>>,
}

/// What a workbook holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Intake {
    /// Data rows in order (empty rows and the example row skipped).
    pub rows: Vec<IntakeRow>,
    /// The sheet the rows were read from (「申报信息」, or the first sheet).
    pub sheet: String,
    /// The reporting body, when its sheet is filled.
    pub reporter: Option<Reporter>,
    /// 填报日期 from the reporting-body sheet.
    pub filled_on: Option<NaiveDate>,
    /// Problems that belong to no application row (an earlier class whose
    /// project is not in the applications sheet, a bad reporter cell).
    pub problems: Vec<CellError>,
    /// What was read otherwise than as laid out, and why: the header row
    /// found below title rows, columns the template does not know (ignored),
    /// 合计 and signature rows skipped. Nothing is dropped without one.
    pub warnings: Vec<CellError>,
}

impl Intake {
    /// The applications of the good rows.
    pub fn applications(&self) -> impl Iterator<Item = &Application> {
        self.rows.iter().filter_map(|r| r.result.as_ref().ok())
    }

    /// Every problem: those of bad rows, then the others.
    pub fn errors(&self) -> Vec<&CellError> {
        self.rows
            .iter()
            .filter_map(|r| r.result.as_ref().err())
            .flatten()
            .chain(&self.problems)
            .collect()
    }

    /// All applications, or every problem found.
    pub fn into_applications(self) -> Result<Vec<Application>, Vec<CellError>> {
        let errors: Vec<CellError> = self.errors().into_iter().cloned().collect();
        if errors.is_empty() {
            Ok(self
                .rows
                .into_iter()
                .filter_map(|r| r.result.ok())
                .collect())
        } else {
            Err(errors)
        }
    }
}

/// Reads a workbook file (.xlsx, .xls, .ods).
pub fn read_intake(path: &Path) -> Result<Intake, SheetError> {
    let io = |source| SheetError::Io {
        path: path.to_owned(),
        source,
    };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > MAX_INPUT_BYTES {
        return Err(SheetError::Io {
            path: path.to_owned(),
            source: std::io::Error::other(format!(
                "文件有 {len} 字节，超过上限 {MAX_INPUT_BYTES} 字节"
            )),
        });
    }
    read_intake_bytes(std::fs::read(path).map_err(io)?)
}

/// Reads a workbook from its bytes.
pub fn read_intake_bytes(bytes: Vec<u8>) -> Result<Intake, SheetError> {
    let hidden_of = |sheet: &str| crate::hidden::hidden_rows(&bytes, sheet);
    let hidden_rows = hidden_of(APPLICATIONS_SHEET);
    let mut wb =
        open_workbook_auto_from_rs(Cursor::new(bytes.clone())).map_err(SheetError::NotAWorkbook)?;
    let names = wb.sheet_names();
    let main = names
        .iter()
        .find(|n| n.as_str() == APPLICATIONS_SHEET)
        .or_else(|| names.first())
        .cloned()
        .ok_or(SheetError::NoSheets)?;
    let range = |wb: &mut calamine::Sheets<_>, name: &str| {
        wb.worksheet_range(name)
            .map_err(|source| SheetError::Sheet {
                sheet: name.to_owned(),
                source,
            })
    };
    let mut main_range = range(&mut wb, &main)?;
    // A merged range gives its value to every cell it covers, as people read it.
    let merged = match &mut wb {
        calamine::Sheets::Xlsx(x) => x.worksheet_merge_cells(&main).and_then(Result::ok),
        calamine::Sheets::Xls(x) => x.worksheet_merge_cells(&main),
        _ => None,
    };
    fill_merged(&mut main_range, &merged.unwrap_or_default());
    let mut intake = Intake::default();
    let mut previous = HashMap::new();
    if names.iter().any(|n| n == PREVIOUS_SHEET) {
        previous = read_previous(&range(&mut wb, PREVIOUS_SHEET)?, &mut intake.problems)?;
    }
    if names.iter().any(|n| n == REPORTER_SHEET) {
        read_reporter(&range(&mut wb, REPORTER_SHEET)?, &mut intake)?;
    }
    // Rows an office hid (a withdrawn project, say) are not read, and said so.
    let hidden = if main == APPLICATIONS_SHEET {
        hidden_rows
    } else {
        hidden_of(&main)
    };
    for row in &hidden {
        if rows(&main_range).any(|(r, c)| r == *row && !is_blank(c)) {
            intake.warnings.push(CellError::new(
                &main,
                *row,
                None,
                "这一行已隐藏，未读入（如需申报请取消隐藏）",
            ));
        }
    }
    main_range = without_rows(main_range, &hidden);
    intake.sheet = main.clone();
    read_applications(&main, &main_range, &mut previous, &mut intake)?;
    // Classes of a duplicated name were reported on its rows.
    previous.retain(|name, _| !intake.rows.iter().any(|r| &r.project_name == name));
    // Earlier classes whose project is not in the sheet would be lost silently.
    let mut orphans: Vec<_> = previous.into_values().flatten().collect();
    orphans.sort_by_key(|o| o.row);
    for o in orphans {
        intake.problems.push(CellError::new(
            PREVIOUS_SHEET,
            o.row,
            Some("项目名称"),
            format!(
                "「{APPLICATIONS_SHEET}」表中没有名为“{}”的项目，这一已办班次无处归属",
                o.project
            ),
        ));
    }
    Ok(intake)
}

/// The range with the given (1-based, as Excel numbers them) rows emptied.
fn without_rows(mut range: Range<Data>, hidden: &[u32]) -> Range<Data> {
    let Some((_, c0)) = range.start() else {
        return range;
    };
    let width = range.width() as u32;
    for row in hidden {
        let r = row.saturating_sub(1);
        for c in c0..c0 + width {
            if range.get_value((r, c)).is_some() {
                range.set_value((r, c), Data::Empty);
            }
        }
    }
    range
}

/// Copies the value of each merged range's first cell into the others.
fn fill_merged(range: &mut Range<Data>, regions: &[calamine::Dimensions]) {
    for d in regions {
        let Some(value) = range.get_value(d.start).cloned() else {
            continue;
        };
        // A merge over a whole title row is one cell of text: nothing to copy.
        let cells = u64::from(d.end.0 - d.start.0 + 1) * u64::from(d.end.1 - d.start.1 + 1);
        if cells > 100_000 {
            continue;
        }
        for r in d.start.0..=d.end.0 {
            for c in d.start.1..=d.end.1 {
                if (r, c) != d.start && range.get_value((r, c)).is_some() {
                    range.set_value((r, c), value.clone());
                }
            }
        }
    }
}

/// Rows of a sheet with their Excel row numbers (1-based).
fn rows(range: &Range<Data>) -> impl Iterator<Item = (u32, &[Data])> {
    let (r0, _) = range.start().unwrap_or((0, 0));
    range
        .rows()
        .enumerate()
        .map(move |(i, r)| (r0 + i as u32 + 1, r))
}

fn col_offset(range: &Range<Data>) -> usize {
    range.start().map_or(0, |(_, c)| c as usize)
}

fn is_blank(cells: &[Data]) -> bool {
    cells.iter().all(|c| match c {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    })
}

/// Rows looked at for the header: title lines and blank rows above it are skipped.
const HEADER_SEARCH_ROWS: usize = 10;

/// The header of the applications sheet: among the first rows, the first
/// with a 项目名称 column (offices put a title above it). Columns the
/// template does not know are ignored, each named in a warning.
fn intake_header(
    sheet: &str,
    range: &Range<Data>,
    warnings: &mut Vec<CellError>,
) -> Result<(u32, Vec<Option<&'static IntakeColumn>>), SheetError> {
    let candidates: Vec<(u32, &[Data])> = rows(range)
        .filter(|(_, c)| !is_blank(c))
        .take(HEADER_SEARCH_ROWS)
        .collect();
    let Some(&(first, _)) = candidates.first() else {
        return Err(SheetError::Layout(CellError::new(
            sheet,
            0,
            None,
            "工作表是空的，缺少表头行",
        )));
    };
    let is_name =
        |c: &Data| intake_column(&display(c)).is_some_and(|c| c.field == Field::ProjectName);
    let (row, cells) = candidates
        .iter()
        .find(|(_, cells)| cells.iter().any(is_name))
        .copied()
        .unwrap_or(candidates[0]);
    if row != first {
        warnings.push(CellError::new(
            sheet,
            row,
            None,
            format!("表头在第{row}行：其上的标题行已跳过"),
        ));
    }
    let off = col_offset(range);
    let mut cols = Vec::with_capacity(cells.len());
    for (i, c) in cells.iter().enumerate() {
        let text = display(c);
        let col = intake_column(&text);
        if col.is_none() && !text.trim().is_empty() && text.trim() != SOURCE_HEADER {
            warnings.push(CellError::new(
                sheet,
                row,
                Some(text.trim()),
                format!(
                    "第{}列“{}”不是申报表的栏目，已忽略（未读入）",
                    column_letter(off + i),
                    text.trim()
                ),
            ));
        }
        cols.push(col);
    }
    Ok((row, cols))
}

/// A row that closes a table rather than holding a project: a 合计 line, a
/// signature line (`填表人：…`).
fn closing_row(cells: &[Data]) -> Option<String> {
    let first = cells.iter().map(display).find(|t| !t.trim().is_empty())?;
    let t: String = first.chars().filter(|c| !c.is_whitespace()).collect();
    const CLOSING: [&str; 9] = [
        "合计",
        "总计",
        "小计",
        "填表人",
        "填报人",
        "审核人",
        "制表人",
        "负责人",
        "联系人：",
    ];
    CLOSING.iter().any(|k| t.starts_with(k)).then_some(first)
}

/// The header row: the first non-blank row, each cell matched to a column.
fn header<T>(
    sheet: &str,
    range: &Range<Data>,
    find: impl Fn(&str) -> Option<T>,
) -> Result<(u32, Vec<Option<T>>), SheetError> {
    let Some((row, cells)) = rows(range).find(|(_, c)| !is_blank(c)) else {
        return Err(SheetError::Layout(CellError::new(
            sheet,
            0,
            None,
            "工作表是空的，缺少表头行",
        )));
    };
    let off = col_offset(range);
    let mut cols = Vec::with_capacity(cells.len());
    for (i, c) in cells.iter().enumerate() {
        let text = display(c);
        if text.trim().is_empty() {
            cols.push(None);
            continue;
        }
        match find(&text) {
            Some(t) => cols.push(Some(t)),
            None => {
                return Err(SheetError::Layout(CellError::new(
                    sheet,
                    row,
                    None,
                    format!(
                        "第{}列的表头“{}”无法识别；请使用 yanxiu xlsx-template 生成的模板，表头不要改动",
                        column_letter(off + i),
                        text.trim()
                    ),
                )));
            }
        }
    }
    Ok((row, cols))
}

fn column_letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A cell as text: numbers without a spurious `.0`, dates in Chinese.
fn display(c: &Data) -> String {
    match c {
        Data::Empty => String::new(),
        Data::String(s) => s
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .trim()
            .to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(dt) => labels::date_zh(dt.date()),
            None => d.to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

type CellResult<T> = Result<T, String>;

fn text_of(c: &Data) -> CellResult<String> {
    match c {
        Data::Error(e) => Err(format!("单元格是错误值（{e}），请改为文字")),
        _ => Ok(display(c)),
    }
}

fn yes_no(c: &Data) -> CellResult<Option<bool>> {
    if let Data::Bool(b) = c {
        return Ok(Some(*b));
    }
    let t = text_of(c)?;
    yanxiu_core::ticks::answer(&t).ok_or_else(|| format!("只能填“是”或“否”（现为“{t}”）"))
}

fn count(c: &Data) -> CellResult<Option<u32>> {
    let bad = |t: &str| format!("不是整数（现为“{t}”）");
    match c {
        Data::Empty => Ok(None),
        Data::Int(i) => u32::try_from(*i).map(Some).map_err(|_| bad(&i.to_string())),
        Data::Float(f) if f.fract() == 0.0 && *f >= 0.0 && *f <= f64::from(u32::MAX) => {
            Ok(Some(*f as u32))
        }
        _ => {
            let t = text_of(c)?;
            // Full-width digits and a trailing 人 are how many offices type counts.
            yanxiu_core::parse::count_text(&t)
        }
    }
}

fn date_of(c: &Data) -> CellResult<Option<NaiveDate>> {
    match c {
        Data::Empty => Ok(None),
        Data::DateTime(d) => d
            .as_datetime()
            .map(|dt| Some(dt.date()))
            .ok_or_else(|| format!("不是有效日期（{d}）")),
        Data::Int(_) | Data::Float(_) => Err(format!(
            "是数字“{}”而不是日期；请填写如 2024年1月8日",
            display(c)
        )),
        _ => {
            let t = text_of(c)?;
            if t.is_empty() {
                return Ok(None);
            }
            let t = t.get(..10).filter(|_| t.contains('T')).unwrap_or(&t);
            date::parse_date(t).map(Some)
        }
    }
}

/// A cell of a row, or Empty past the row's end.
fn at(cells: &[Data], i: usize) -> &Data {
    cells.get(i).unwrap_or(&Data::Empty)
}

#[derive(Debug)]
struct PreviousRow {
    row: u32,
    project: String,
    value: Result<PreviousClass, CellError>,
}

fn read_previous(
    range: &Range<Data>,
    problems: &mut Vec<CellError>,
) -> Result<HashMap<String, Vec<PreviousRow>>, SheetError> {
    let sheet = PREVIOUS_SHEET;
    let (hrow, cols) = header(sheet, range, |h| {
        let h = normalise_header(h);
        PREVIOUS_COLUMNS.iter().find(|c| c.header == h)
    })?;
    let mut out: HashMap<String, Vec<PreviousRow>> = HashMap::new();
    for (row, cells) in rows(range).filter(|(r, _)| *r > hrow) {
        previous_row(&cols, cells, row, problems, &mut out);
    }
    Ok(out)
}

/// One earlier class, filed under its project's name; a row naming no
/// project is a problem (it would belong nowhere).
fn previous_row(
    cols: &[Option<&PreviousColumn>],
    cells: &[Data],
    row: u32,
    problems: &mut Vec<CellError>,
    out: &mut HashMap<String, Vec<PreviousRow>>,
) {
    let sheet = PREVIOUS_SHEET;
    if is_blank(cells) {
        return;
    }
    let mut class = PreviousClass::default();
    let mut project = String::new();
    let mut err = None;
    for (i, col) in cols.iter().enumerate() {
        let Some(col) = col else { continue };
        let cell = at(cells, i);
        let filled = match col.kind {
            CellKind::Count => count(cell).map(|n| class.participants = n),
            _ => text_of(cell).map(|t| match col.key {
                "project" => project = t,
                "name" => class.name = t,
                "held" => class.held = t,
                "experts" => class.experts = t,
                "audience" => class.audience = t,
                _ => class.results = t,
            }),
        };
        if let Err(m) = filled {
            err.get_or_insert(CellError::new(sheet, row, Some(col.header), m));
        }
    }
    if project.is_empty() {
        problems.push(CellError::new(
            sheet,
            row,
            Some("项目名称"),
            "未填写所属项目名称，这一已办班次无处归属",
        ));
        return;
    }
    out.entry(project.clone()).or_default().push(PreviousRow {
        row,
        project,
        value: err.map_or(Ok(class), Err),
    });
}

/// Earlier classes given as rows of the 已办班次 sheet's columns (a second
/// pandas DataFrame, openpyxl rows), filed by project name for
/// [`application_from_row_with`]. Rows are numbered from 1 in the order
/// given.
#[derive(Debug, Default)]
pub struct PreviousRows {
    by_project: HashMap<String, Vec<PreviousRow>>,
    problems: Vec<CellError>,
}

impl PreviousRows {
    /// Reads the rows; columns that are not the sheet's are left out.
    pub fn from_rows(rows: Vec<(Vec<String>, Vec<RowValue>)>) -> PreviousRows {
        let mut p = PreviousRows::default();
        for (i, (columns, values)) in rows.into_iter().enumerate() {
            let cols: Vec<Option<&PreviousColumn>> = columns
                .iter()
                .map(|c| {
                    let h = normalise_header(c);
                    PREVIOUS_COLUMNS.iter().find(|col| col.header == h)
                })
                .collect();
            let cells: Vec<Data> = values.into_iter().map(Data::from).collect();
            let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
            previous_row(&cols, &cells, row, &mut p.problems, &mut p.by_project);
        }
        p
    }

    /// What is left over once every project took its classes: rows that name
    /// no project, or a project no row of the first table has (renamed on one
    /// table only) — each would be lost silently; and the rows naming none.
    pub fn unclaimed(self) -> Vec<CellError> {
        let mut out = self.problems;
        let mut rows: Vec<PreviousRow> = self.by_project.into_values().flatten().collect();
        rows.sort_by_key(|o| o.row);
        out.extend(rows.into_iter().map(|o| {
            CellError::new(
                PREVIOUS_SHEET,
                o.row,
                Some("项目名称"),
                format!(
                    "申报信息中没有名为“{}”的项目，这一已办班次无处归属",
                    o.project
                ),
            )
        }));
        out
    }
}

fn read_reporter(range: &Range<Data>, intake: &mut Intake) -> Result<(), SheetError> {
    let mut reporter = Reporter::default();
    let mut any = false;
    for (row, cells) in rows(range) {
        let label = normalise_header(&display(at(cells, 0)));
        let value = at(cells, 1);
        let Some(which) = REPORTER_ROWS.into_iter().find(|r| r.label() == label) else {
            continue;
        };
        let problem = |m: String| CellError::new(REPORTER_SHEET, row, Some(which.label()), m);
        let read = match which {
            ReporterRow::FilledOn => date_of(value).map(|d| intake.filled_on = d),
            _ => text_of(value).map(|t| {
                any |= !t.is_empty();
                match which {
                    ReporterRow::Name => reporter.name = t,
                    ReporterRow::Contact => reporter.contact = t,
                    _ => reporter.phone = t,
                }
            }),
        };
        if let Err(m) = read {
            intake.problems.push(problem(m));
        }
    }
    if any {
        intake.reporter = Some(reporter);
    }
    Ok(())
}

/// A header row the reader can work with: a 项目名称 column, no column twice.
fn check_columns(
    sheet: &str,
    hrow: u32,
    cols: &[Option<&'static IntakeColumn>],
) -> Result<(), SheetError> {
    if !cols.iter().flatten().any(|c| c.field == Field::ProjectName) {
        return Err(SheetError::Layout(CellError::new(
            sheet,
            hrow,
            None,
            "缺少「项目名称」列；请使用 yanxiu xlsx-template 生成的模板",
        )));
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, c) in cols.iter().enumerate() {
        if let Some(c) = c
            && let Some(first) = seen.insert(c.header, i)
        {
            return Err(SheetError::Layout(CellError::new(
                sheet,
                hrow,
                Some(c.header),
                format!(
                    "这一列出现了两次（第{}列和第{}列）",
                    column_letter(first),
                    column_letter(i)
                ),
            )));
        }
    }
    Ok(())
}

/// The rows below the header that hold a project: blank rows and closing
/// rows (合计, signatures) left out, the latter with a warning.
fn data_rows<'a>(
    sheet: &str,
    range: &'a Range<Data>,
    hrow: u32,
    warnings: &mut Vec<CellError>,
) -> Result<Vec<(u32, &'a [Data])>, SheetError> {
    let mut data = Vec::new();
    for (r, c) in rows(range).filter(|(r, c)| *r > hrow && !is_blank(c)) {
        match closing_row(c) {
            Some(text) => warnings.push(CellError::new(
                sheet,
                r,
                None,
                format!("“{text}”一行不是项目（合计或签名行），已跳过"),
            )),
            None => data.push((r, c)),
        }
    }
    if data.len() > MAX_APPLICATIONS + 1 {
        return Err(SheetError::TooManyRows {
            sheet: sheet.to_owned(),
            rows: data.len(),
            max: MAX_APPLICATIONS,
        });
    }
    Ok(data)
}

fn read_applications(
    sheet: &str,
    range: &Range<Data>,
    previous: &mut HashMap<String, Vec<PreviousRow>>,
    intake: &mut Intake,
) -> Result<(), SheetError> {
    let (hrow, cols) = intake_header(sheet, range, &mut intake.warnings)?;
    check_columns(sheet, hrow, &cols)?;
    let data = data_rows(sheet, range, hrow, &mut intake.warnings)?;
    let cell_of = |cells: &[Data], f: Field| {
        cols.iter()
            .position(|c| c.is_some_and(|c| c.field == f))
            .map_or(String::new(), |i| display(at(cells, i)))
    };
    let is_example = |cells: &[Data]| cell_of(cells, Field::Index) == EXAMPLE_MARK;
    let mut names: HashMap<String, usize> = HashMap::new();
    for (_, cells) in data.iter().filter(|(_, c)| !is_example(c)) {
        *names.entry(cell_of(cells, Field::ProjectName)).or_default() += 1;
    }
    for (row, cells) in data {
        let name = cell_of(cells, Field::ProjectName);
        let shared = names.get(&name).copied().unwrap_or(0);
        if is_example(cells) {
            // The example's earlier classes go with it, unless a real row has its name.
            if shared == 0 {
                previous.remove(&name);
            }
            continue;
        }
        let result = if shared > 1 && previous.contains_key(&name) {
            // Earlier classes are linked by name: two rows with one name cannot share them.
            let rows: Vec<String> = previous[&name].iter().map(|p| p.row.to_string()).collect();
            Err(vec![CellError::new(
                sheet,
                row,
                Some("项目名称"),
                format!(
                    "项目名称“{name}”出现了{shared}次，「{PREVIOUS_SHEET}」表第{}行无法确定属于哪一个；请使项目名称互不相同",
                    rows.join("、")
                ),
            )])
        } else {
            let prev = previous.remove(&name).unwrap_or_default();
            application(sheet, row, &cols, cells, prev)
        };
        intake.rows.push(IntakeRow {
            row,
            project_name: name,
            result,
        });
    }
    Ok(())
}

/// One row's cells read by column: texts and yes/no flags by field, and
/// every bad cell found so far.
struct RowCells<'a> {
    sheet: &'a str,
    row: u32,
    texts: HashMap<Field, String>,
    flags: HashMap<Field, Option<bool>>,
    errors: Vec<CellError>,
}

impl RowCells<'_> {
    /// A text cell's value (empty when absent), taken out.
    fn take(&mut self, f: Field) -> String {
        self.texts.remove(&f).unwrap_or_default()
    }

    fn flag(&self, f: Field) -> Option<bool> {
        self.flags.get(&f).copied().flatten()
    }

    fn error(&mut self, f: Field, message: String) {
        let e = CellError::new(self.sheet, self.row, Some(column_header(f)), message);
        self.errors.push(e);
    }

    /// A box is ticked by 是, or by its text when the box is left empty;
    /// 否 with text is a contradiction the clerk must settle.
    fn ticked(&mut self, tick: Field, text: &str, what: Field) -> bool {
        match self.flag(tick) {
            Some(true) => true,
            None => !text.is_empty(),
            Some(false) if text.is_empty() => false,
            Some(false) => {
                let m = format!(
                    "填了“否”，但「{}」有内容；请改为“是”或清空该内容",
                    column_header(what)
                );
                self.error(tick, m);
                false
            }
        }
    }
}

/// The header of a field's column.
fn column_header(f: Field) -> &'static str {
    INTAKE_COLUMNS
        .iter()
        .find(|c| c.field == f)
        .map_or("", |c| c.header)
}

/// Assembles one row into an application; every bad cell of the row is
/// reported, not only the first.
fn application(
    sheet: &str,
    row: u32,
    cols: &[Option<&'static IntakeColumn>],
    cells: &[Data],
    previous: Vec<PreviousRow>,
) -> Result<Application, Vec<CellError>> {
    let mut app = Application::default();
    let mut r = RowCells {
        sheet,
        row,
        texts: HashMap::new(),
        flags: HashMap::new(),
        errors: Vec::new(),
    };
    for (i, col) in cols.iter().enumerate() {
        let Some(col) = col else { continue };
        if let Err(m) = read_cell(col, at(cells, i), &mut app, &mut r) {
            r.errors
                .push(CellError::new(sheet, row, Some(col.header), m));
        }
    }
    app.applicant.name = r.take(Field::ApplicantName);
    app.applicant.training_qualified = r.flag(Field::TrainingQualified);
    app.applicant.can_invoice = r.flag(Field::CanInvoice);
    app.project_name = r.take(Field::ProjectName);
    app.venue = r.take(Field::Venue);
    app.industry = r.take(Field::Industry);
    app.authority = r.take(Field::Authority);
    app.purpose = r.take(Field::Purpose);
    app.content = r.take(Field::Content);
    app.experts = r.take(Field::Experts);
    app.audience = r.take(Field::Audience);
    app.remark = r.take(Field::Remark);
    let schedule = r.take(Field::Schedule);
    if !schedule.is_empty() {
        match Schedule::parse(&schedule) {
            Ok(s) => app.schedule = Some(s),
            Err(m) => r.error(Field::Schedule, m),
        }
    }
    boxes(&mut app, &mut r);
    app.featured = featured(&mut r, &previous);
    let name = r.take(Field::ContactName);
    let phone = r.take(Field::ContactPhone);
    if !name.is_empty() || !phone.is_empty() {
        app.contact = Some(Contact { name, phone });
    }
    if r.errors.is_empty() {
        Ok(app)
    } else {
        Err(r.errors)
    }
}

/// One cell into the model (numbers, dates, choices) or into the row's
/// texts and flags, assembled after.
fn read_cell(
    col: &IntakeColumn,
    cell: &Data,
    app: &mut Application,
    r: &mut RowCells<'_>,
) -> Result<(), String> {
    match col.kind {
        CellKind::Index => Ok(()),
        CellKind::YesNo => yes_no(cell).map(|b| {
            r.flags.insert(col.field, b);
        }),
        CellKind::Count => count(cell).map(|n| app.participants = n),
        CellKind::Date => date_of(cell).map(|d| app.applied_on = d),
        CellKind::Choice(items) => text_of(cell).and_then(|t| {
            let refused = || format!("只能填：{}（现为“{t}”）", items.join(" / "));
            if t.is_empty() {
                return Ok(());
            }
            match col.field {
                Field::Level => Level::from_text(&t).map(|v| app.level = v),
                Field::ApplicantKind => {
                    ApplicantKind::from_text(&t).map(|v| app.applicant.kind = v)
                }
                _ => Mode::from_text(&t).map(|v| app.mode = v),
            }
            .ok_or_else(refused)
        }),
        CellKind::Text => text_of(cell).map(|t| {
            r.texts.insert(col.field, t);
        }),
    }
}

/// The 申报项目类别 and 选题范围 boxes.
fn boxes(app: &mut Application, r: &mut RowCells<'_>) {
    let source = r.take(Field::SelfFundedSource);
    app.funding.government = r.flag(Field::Government).unwrap_or(false);
    if r.ticked(Field::SelfFunded, &source, Field::SelfFundedSource) {
        app.funding.self_funded = Some(SelfFunded { source });
    }
    for t in yanxiu_core::TopicScope::ALL {
        let text = r.take(Field::TopicText(t));
        if r.ticked(Field::Topic(t), &text, Field::TopicText(t)) {
            app.topics.set(t, Some(text));
        }
    }
}

/// The 特色班: its box, focus and plan on the row, its earlier classes on
/// the second sheet.
fn featured(r: &mut RowCells<'_>, previous: &[PreviousRow]) -> Option<Featured> {
    let focus = r.take(Field::Focus);
    let plan = r.take(Field::Plan);
    let mut classes = Vec::new();
    for p in previous {
        match &p.value {
            Ok(c) => classes.push(c.clone()),
            Err(e) => r.errors.push(e.clone()),
        }
    }
    let content = if !focus.is_empty() {
        focus.clone()
    } else if !plan.is_empty() {
        plan.clone()
    } else if let Some(p) = previous.first() {
        format!("「{PREVIOUS_SHEET}」表第{}行", p.row)
    } else {
        String::new()
    };
    r.ticked(Field::Featured, &content, Field::Focus)
        .then_some(Featured {
            previous: classes,
            focus,
            plan,
        })
}

/// A cell as a script holds it (pandas, openpyxl, csv), for
/// [`application_from_row`].
#[derive(Debug, Clone, PartialEq)]
pub enum RowValue {
    /// No value: `None`, `NaN`, `NaT`, `""`.
    Empty,
    /// Text.
    Text(String),
    /// A whole number.
    Int(i64),
    /// A number (`60.0` is 60; `60.5` is refused where a count belongs).
    Float(f64),
    /// A yes-no value.
    Bool(bool),
    /// A day (a `datetime`'s time is dropped).
    Date(NaiveDate),
}

impl From<RowValue> for Data {
    fn from(v: RowValue) -> Data {
        match v {
            RowValue::Empty => Data::Empty,
            RowValue::Text(s) => Data::String(s),
            RowValue::Int(i) => Data::Int(i),
            RowValue::Float(f) => Data::Float(f),
            RowValue::Bool(b) => Data::Bool(b),
            RowValue::Date(d) => Data::DateTimeIso(d.format("%Y-%m-%d").to_string()),
        }
    }
}

/// One row of the intake workbook's flat columns (`项目名称`, `单位类型`,
/// `服务重大战略说明`, …) as a script holds it, read by the same code that
/// reads the workbook. Columns that are not the workbook's are returned,
/// not read; every bad cell is reported (`CellError::column` names it). The
/// template's example row (序号 `示例`) is no project: `Ok(None)`, as the
/// workbook reader skips it.
pub fn application_from_row(
    columns: &[String],
    values: Vec<RowValue>,
) -> Result<Option<(Application, Vec<String>)>, Vec<CellError>> {
    row_application(columns, values, None)
}

fn row_application(
    columns: &[String],
    values: Vec<RowValue>,
    previous: Option<&mut PreviousRows>,
) -> Result<Option<(Application, Vec<String>)>, Vec<CellError>> {
    let mut cols = Vec::with_capacity(columns.len());
    let mut ignored = Vec::new();
    for c in columns {
        let col = intake_column(c);
        if col.is_none() && !c.trim().is_empty() && c.trim() != SOURCE_HEADER {
            ignored.push(c.trim().to_owned());
        }
        cols.push(col);
    }
    let cells: Vec<Data> = values.into_iter().map(Data::from).collect();
    let example = cols
        .iter()
        .position(|c| c.is_some_and(|c| c.field == Field::Index))
        .is_some_and(|i| display(at(&cells, i)) == EXAMPLE_MARK);
    if example {
        return Ok(None);
    }
    // The earlier classes filed under this row's project name, taken.
    let name = cols
        .iter()
        .position(|c| c.is_some_and(|c| c.field == Field::ProjectName))
        .map(|i| display(at(&cells, i)).trim().to_owned())
        .unwrap_or_default();
    let classes = previous
        .and_then(|p| p.by_project.remove(&name))
        .unwrap_or_default();
    application("", 0, &cols, &cells, classes).map(|a| Some((a, ignored)))
}

/// [`application_from_row`] with the row's 特色班 earlier classes taken from
/// `previous` (by project name, as the workbook's two sheets are joined).
pub fn application_from_row_with(
    columns: &[String],
    values: Vec<RowValue>,
    previous: &mut PreviousRows,
) -> Result<Option<(Application, Vec<String>)>, Vec<CellError>> {
    row_application(columns, values, Some(previous))
}
