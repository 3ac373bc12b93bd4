//! The data a template reads from `/data.json`: the model walked through
//! the form's description ([`yanxiu_core::form`]) into typed structs of what
//! the form prints, plus titles and resolved fonts. Every string the form
//! shows is listed with its field path, so that coverage and length are
//! checked before typesetting.

use crate::fonts::{FontSet, Role};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use yanxiu_core::form::{
    Align, ApplicationForm, Column, Field, Line, LineKind, Piece, Row, Shape, SummaryForm,
};
use yanxiu_core::labels;
use yanxiu_core::{Application, FundingCategory, Profile, Summary, TopicScope};

/// Which form a document is: its template and its page limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Template {
    /// 附件1.
    Application,
    /// 附件2.
    Summary,
}

impl Template {
    /// The template's file among the embedded ones.
    pub fn file(self) -> &'static str {
        match self {
            Template::Application => "application.typ",
            Template::Summary => "summary.typ",
        }
    }
}

/// A string the form will print, with the field it comes from and the role
/// of the face that sets it.
pub(crate) struct Shown {
    pub path: String,
    pub text: String,
    pub role: Role,
}

/// A document's data and the strings it shows.
pub(crate) struct View {
    pub data: Data,
    pub shown: Vec<Shown>,
}

/// A document's data, by form.
pub(crate) enum Data {
    Application(Box<ApplicationView>),
    Summary(Box<SummaryView>),
}

impl View {
    pub fn template(&self) -> Template {
        match self.data {
            Data::Application(_) => Template::Application,
            Data::Summary(_) => Template::Summary,
        }
    }

    /// The data as the template reads it.
    pub fn json(&self) -> Vec<u8> {
        match &self.data {
            Data::Application(a) => serde_json::to_vec(a),
            Data::Summary(s) => serde_json::to_vec(s),
        }
        .expect("plain data serialises")
    }
}

/// Records every string handed to a template with its field path.
struct Shows {
    shown: Vec<Shown>,
}

impl Shows {
    /// Records a string set in the body face and returns it.
    fn body(&mut self, path: impl Into<String>, text: &str) -> String {
        self.role(path, text, Role::Body)
    }

    fn role(&mut self, path: impl Into<String>, text: &str, role: Role) -> String {
        self.shown.push(Shown {
            path: path.into(),
            text: text.to_owned(),
            role,
        });
        text.to_owned()
    }
}

/// What both forms carry besides their tables.
#[derive(Serialize, Clone)]
struct Common {
    blank: bool,
    draft: bool,
    attachment: String,
    title: String,
    fonts: FontsView,
    meta: Meta,
}

#[derive(Serialize, Clone)]
struct FontsView {
    title: RoleView,
    hei: RoleView,
    body: RoleView,
    song: RoleView,
}

/// A role's chain of families: Typst sets every character in the first
/// family that has it.
#[derive(Serialize, Clone)]
struct RoleView {
    families: Vec<String>,
    weight: u16,
}

#[derive(Serialize, Clone)]
struct Meta {
    title: String,
    author: String,
    /// Year, month, day.
    date: [u32; 3],
}

fn fonts_view(fonts: &FontSet) -> FontsView {
    let r = |role| {
        let f = fonts.role(role);
        RoleView {
            families: f.families().into_iter().map(str::to_owned).collect(),
            weight: f.weight,
        }
    };
    FontsView {
        title: r(Role::Title),
        hei: r(Role::Hei),
        body: r(Role::Body),
        song: r(Role::Song),
    }
}

fn ymd(d: NaiveDate) -> [u32; 3] {
    [d.year() as u32, d.month(), d.day()]
}

/// The 申报表 as the template lays it out.
#[derive(Serialize)]
pub(crate) struct ApplicationView {
    #[serde(flatten)]
    common: Common,
    table: TableView,
    unit: UnitView,
    rows: Vec<RowView>,
    /// The tight insets (set on a second typesetting, see `compile`).
    pub tight: bool,
}

/// The table's geometry, from the description.
#[derive(Serialize)]
struct TableView {
    columns_mm: [f64; 4],
    inset_pt: [f64; 2],
    tight_inset_pt: [f64; 2],
    rule_pt: f64,
    line_pitch_pt: f64,
}

/// `申报单位：……（盖章）  申报时间：……`.
#[derive(Serialize)]
struct UnitView {
    applicant_label: String,
    applicant: String,
    stamp: String,
    blank_name_chars: usize,
    date_label: String,
    /// The date, or the blank form's `年  月  日`.
    date: String,
}

#[derive(Serialize)]
struct RowView {
    /// Kept on one page.
    keep: bool,
    /// The blank form's room inside the cells, in mm.
    room_mm: Option<f64>,
    cells: Vec<CellView>,
}

#[derive(Serialize)]
struct CellView {
    label: String,
    span: usize,
    /// The blank form's hint, printed in place of the value.
    hint: Option<String>,
    value: ValueView,
}

/// A cell's value, by its shape.
#[derive(Serialize)]
#[serde(tag = "shape", rename_all = "kebab-case")]
enum ValueView {
    Line {
        text: String,
    },
    Date {
        text: String,
    },
    Paragraphs {
        text: String,
        /// Lines printed after the text (`计划培训人数：45人`).
        then: Vec<String>,
    },
    Funding {
        options: [String; 2],
        ticked: [bool; 2],
        source: String,
        source_before: String,
        source_after: String,
        blank_source_chars: usize,
    },
    Topics {
        items: Vec<TopicView>,
    },
    Featured {
        lines: Vec<LineView>,
    },
}

#[derive(Serialize)]
struct TopicView {
    label: String,
    ticked: bool,
    text: String,
}

#[derive(Serialize)]
struct LineView {
    /// `lead`, `class` or `paragraph`.
    kind: &'static str,
    text: String,
}

/// The view of one application, or of the blank form when `app` is `None`.
pub(crate) fn application(
    app: Option<&Application>,
    profile: &Profile,
    fonts: &FontSet,
    draft: bool,
) -> View {
    let mut s = Shows { shown: Vec::new() };
    let form = &profile.application_form;
    let blank_app = Application::default();
    let a = app.unwrap_or(&blank_app);
    let blank = app.is_none();
    let year = a.year.unwrap_or(profile.year);
    let title = profile.application_title(year);
    let date = a.applied_on.unwrap_or(profile.deadline);
    let common = Common {
        blank,
        draft,
        attachment: s.role("<attachment>", labels::APPLICATION_ATTACHMENT, Role::Hei),
        title: s.role("<title>", &title, Role::Title),
        fonts: fonts_view(fonts),
        meta: Meta {
            title: if a.project_name.trim().is_empty() {
                Profile::one_line(&title)
            } else {
                a.project_name.clone()
            },
            author: a.applicant.name.clone(),
            date: ymd(date),
        },
    };
    let applied_on = Field::AppliedOn.text(a).unwrap_or_default();
    let unit = UnitView {
        applicant_label: s.body("<label applicant>", form.label(Field::Applicant)),
        applicant: s.body("applicant.name", &a.applicant.name),
        stamp: s.body("<wording stamp>", &form.unit_line.stamp),
        blank_name_chars: form.unit_line.blank_name_chars,
        date_label: s.body("<label applied_on>", form.label(Field::AppliedOn)),
        date: if applied_on.is_empty() {
            s.body("<wording blank_date>", &form.unit_line.blank_date)
        } else {
            applied_on
        },
    };
    let rows = form
        .rows
        .iter()
        .map(|row| row_view(form, row, a, blank, &mut s))
        .collect();
    View {
        data: Data::Application(Box::new(ApplicationView {
            common,
            table: TableView {
                columns_mm: form.columns_mm,
                inset_pt: form.inset_pt,
                tight_inset_pt: form.tight_inset_pt,
                rule_pt: form.rule_pt,
                line_pitch_pt: form.line_pitch_pt,
            },
            unit,
            rows,
            tight: false,
        })),
        shown: s.shown,
    }
}

fn row_view(
    form: &ApplicationForm,
    row: &Row,
    a: &Application,
    blank: bool,
    s: &mut Shows,
) -> RowView {
    let cells = row
        .cells
        .iter()
        .map(|c| {
            let path = c.field.path();
            CellView {
                label: s.body(format!("<label {path}>"), form.label(c.field)),
                span: form.value_span(row),
                hint: c
                    .hint
                    .as_deref()
                    .filter(|_| blank)
                    .map(|h| s.body(format!("<hint {path}>"), h)),
                value: value_view(form, c.field, c.then, a, s),
            }
        })
        .collect();
    RowView {
        keep: blank || form.keeps(&form.row_text(row, a)),
        room_mm: row
            .blank_height_mm
            .filter(|_| blank)
            .map(|h| h - 2.0 * form.inset_pt[1] * 25.4 / 72.0),
        cells,
    }
}

fn value_view(
    form: &ApplicationForm,
    field: Field,
    then: Option<Field>,
    a: &Application,
    s: &mut Shows,
) -> ValueView {
    let path = field.path();
    let text = || field.text(a).unwrap_or_default();
    match field.shape() {
        Shape::Line => ValueView::Line {
            text: s.body(path, &text()),
        },
        Shape::Date => ValueView::Date {
            text: s.body(path, &text()),
        },
        Shape::Paragraphs => ValueView::Paragraphs {
            text: s.body(path, &text()),
            then: then
                .and_then(|t| form.then_pieces(t, a))
                .map(|pieces| pieces_text(&pieces, s))
                .into_iter()
                .collect(),
        },
        Shape::Funding => {
            let source = a.funding.source();
            let w = &form.funding;
            ValueView::Funding {
                options: FundingCategory::ALL
                    .map(|f| s.body(format!("<label funding {}>", f.label()), f.label())),
                ticked: [a.funding.government, a.funding.self_funded.is_some()],
                source: s.body("funding.self_funded.source", source),
                source_before: s.body("<wording funding>", &w.source.before),
                source_after: s.body("<wording funding>", &w.source.after),
                blank_source_chars: w.blank_source_chars,
            }
        }
        Shape::Topics => ValueView::Topics {
            items: TopicScope::ALL
                .iter()
                .map(|t| {
                    let text = a.topics.get(*t);
                    let label = format!("{}{}", t.label(), form.topic_label_after);
                    TopicView {
                        label: s.body(format!("<label topics.{}>", t.key()), &label),
                        ticked: text.is_some(),
                        text: s.body(format!("topics.{}", t.key()), text.unwrap_or("")),
                    }
                })
                .collect(),
        },
        Shape::Featured => ValueView::Featured {
            lines: match &a.featured {
                None => vec![LineView {
                    kind: "paragraph",
                    text: s.body("<wording featured>", &form.featured.none),
                }],
                Some(f) => form
                    .featured
                    .lines(f)
                    .iter()
                    .map(|l| line_view(l, s))
                    .collect(),
            },
        },
    }
}

fn line_view(line: &Line, s: &mut Shows) -> LineView {
    LineView {
        kind: match line.kind {
            LineKind::Lead => "lead",
            LineKind::Class => "class",
            LineKind::Paragraph => "paragraph",
        },
        text: pieces_text(&line.pieces, s),
    }
}

/// A line of pieces as one string, each piece recorded under its path.
fn pieces_text(pieces: &[Piece], s: &mut Shows) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Fixed(t) => s.body("<wording>", t),
            Piece::Value { path, text } => s.body(path.as_str(), text),
        })
        .collect()
}

/// The 汇总表 as the template lays it out.
#[derive(Serialize, Clone)]
pub(crate) struct SummaryView {
    #[serde(flatten)]
    pub(crate) common: CommonSummary,
    /// The projects' rows, a cell a column.
    pub rows: Vec<Vec<String>>,
    /// The rows (0-based) that may break across pages.
    #[serde(rename = "long-rows")]
    pub long_rows: Vec<usize>,
    /// Set when the summary is typeset in runs of rows (`runs`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<Part>,
    /// The last project's row goes to the next page with the 合计 row, which
    /// would otherwise open that page alone (set on a second typesetting).
    #[serde(rename = "keep-last")]
    pub keep_last: bool,
}

/// What every run of a long summary shares.
#[derive(Serialize, Clone)]
pub(crate) struct CommonSummary {
    #[serde(flatten)]
    common: Common,
    table: SummaryTable,
    /// The reporter's lines: the first on its own line.
    reporter: Vec<ReporterView>,
    columns: Vec<ColumnView>,
    totals: Vec<TotalsView>,
}

#[derive(Serialize, Clone)]
struct SummaryTable {
    inset_pt: [f64; 2],
    rule_pt: f64,
    line_pitch_pt: f64,
    blank_rows: usize,
    blank_row_height_mm: f64,
}

#[derive(Serialize, Clone)]
struct ReporterView {
    label: String,
    /// The value, or on the blank form the date's `年  月  日`.
    value: String,
    /// The line to write on when there is no value, in characters.
    blank_chars: usize,
}

#[derive(Serialize, Clone)]
struct ColumnView {
    key: &'static str,
    label: String,
    width: u8,
    align: Align,
    /// `text`, `date` or `phone`.
    shape: &'static str,
}

#[derive(Serialize, Clone)]
struct TotalsView {
    text: String,
    span: usize,
    align: Align,
}

/// Which run of a long summary a document is.
#[derive(Serialize, Clone, Copy)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Part {
    /// The first run: it has the heading.
    pub first: bool,
    /// The last: it has the totals.
    pub last: bool,
    /// Pages before this run.
    pub page_offset: usize,
    /// Whether rows are marked where they start (all runs but the last).
    pub mark_rows: bool,
}

/// The view of a summary, or of the blank form when `summary` is `None`.
pub(crate) fn summary(
    summary: Option<&Summary>,
    profile: &Profile,
    fonts: &FontSet,
    draft: bool,
) -> View {
    let mut s = Shows { shown: Vec::new() };
    let form = &profile.summary_form;
    let empty = Summary::default();
    let sm = summary.unwrap_or(&empty);
    let year = sm.year.unwrap_or(profile.year);
    let title = profile.summary_title(year);
    let columns = columns_view(form, &mut s);
    let rows = rows_view(form, sm, year, &mut s);
    let totals = form
        .totals(summary)
        .into_iter()
        .map(|t| TotalsView {
            text: s.body("<totals>", &t.text),
            span: t.span,
            align: t.align,
        })
        .collect();
    let reporter = reporter_view(form, sm, &mut s);
    let common = Common {
        blank: summary.is_none(),
        draft,
        attachment: s.role("<attachment>", labels::SUMMARY_ATTACHMENT, Role::Hei),
        title: s.role("<title>", &title, Role::Title),
        fonts: fonts_view(fonts),
        meta: Meta {
            title: Profile::one_line(&title),
            author: sm.reporter.name.clone(),
            date: ymd(sm.filled_on.unwrap_or(profile.deadline)),
        },
    };
    View {
        data: Data::Summary(Box::new(SummaryView {
            common: CommonSummary {
                common,
                table: SummaryTable {
                    inset_pt: form.inset_pt,
                    rule_pt: form.rule_pt,
                    line_pitch_pt: form.line_pitch_pt,
                    blank_rows: form.blank_rows,
                    blank_row_height_mm: form.blank_row_height_mm,
                },
                reporter,
                columns,
                totals,
            },
            long_rows: long_rows(&rows, &form.columns),
            rows,
            part: None,
            keep_last: false,
        })),
        shown: s.shown,
    }
}

fn columns_view(form: &SummaryForm, s: &mut Shows) -> Vec<ColumnView> {
    form.columns
        .iter()
        .map(|c| ColumnView {
            key: c.key.name(),
            label: s.role(format!("<column {}>", c.key.name()), &c.label, Role::Hei),
            width: c.width,
            align: c.align,
            shape: c.key.shape(),
        })
        .collect()
}

/// Each project's row, a cell a column.
fn rows_view(form: &SummaryForm, sm: &Summary, year: i32, s: &mut Shows) -> Vec<Vec<String>> {
    sm.applications
        .iter()
        .enumerate()
        .map(|(i, app)| {
            form.row(i + 1, app, year)
                .iter()
                .zip(&form.columns)
                .map(|(cell, col)| s.body(format!("applications[{i}].{}", col.key.name()), cell))
                .collect()
        })
        .collect()
}

/// The reporter's items.
fn reporter_view(form: &SummaryForm, sm: &Summary, s: &mut Shows) -> Vec<ReporterView> {
    form.reporter_values(sm)
        .into_iter()
        .map(|(item, value)| ReporterView {
            label: s.body(format!("<label {}>", item.field.path()), &item.label),
            value: s.body(item.field.path(), &value),
            blank_chars: item.blank_chars,
        })
        .collect()
}

/// Lines of 五号 a 汇总表 row may take before it is allowed to break across
/// pages. A landscape page holds about 29 below the repeated header; a row
/// that could not fit one would be cut off at the page's foot, so such a
/// row breaks (the estimate below errs on the long side).
pub(crate) const SUMMARY_ROW_KEEP_LINES: usize = 20;

/// The rows (0-based) whose estimated height passes
/// [`SUMMARY_ROW_KEEP_LINES`]: the template lets them break across pages.
fn long_rows(rows: &[Vec<String>], columns: &[Column]) -> Vec<usize> {
    rows.iter()
        .enumerate()
        .filter(|(_, row)| {
            row.iter()
                .zip(columns)
                .map(|(text, col)| cell_lines(text, col.width))
                .max()
                .unwrap_or(0)
                > SUMMARY_ROW_KEEP_LINES
        })
        .map(|(i, _)| i)
        .collect()
}

/// Lines a cell's text takes in a column `width` points wide (1.5 pt insets
/// each side, every character counted full-width at 10.5 pt: never fewer
/// than it takes).
fn cell_lines(text: &str, width: u8) -> usize {
    let per_line = ((f64::from(width) - 3.0) / 10.5).floor().max(1.0) as usize;
    text.split('\n')
        .map(|l| l.chars().count().div_ceil(per_line).max(1))
        .sum()
}

/// The first shown string longer than `max` characters.
pub(crate) fn check_lengths(view: &View, max: usize) -> Result<(), crate::RenderError> {
    for s in &view.shown {
        let len = s.text.chars().count();
        if len > max {
            return Err(crate::RenderError::TooLong {
                path: s.path.clone(),
                len,
                max,
            });
        }
    }
    Ok(())
}
