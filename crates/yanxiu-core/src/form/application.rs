//! The one description of the 申报表 (附件1): its rows and cells, column
//! widths, insets and rules, the room the blank form leaves, the rule that
//! keeps a short row on one page, and every piece of fixed wording with how
//! a structured value (特色班, 计划培训人数) is printed and read back.
//!
//! It is data of the notice profile (`[application_form]` in
//! `profiles/fujian-2024.toml`), so another year's form is a change of data.
//! The PDF view (yanxiu-render), the Word writer and the Word reader
//! (yanxiu-word) walk it; none of them lists a row or a label of its own.

use crate::fields::{self, FieldDef};
use crate::model::{Application, Featured, PreviousClass};
use serde::{Deserialize, Serialize};

/// An element the 申报表 prints: the typed key of a field of the table in
/// [`crate::fields`]. A description naming anything else does not load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    /// 申报单位 (the line above the table).
    #[serde(rename = "applicant")]
    Applicant,
    /// 申报时间 (the line above the table).
    #[serde(rename = "applied_on")]
    AppliedOn,
    /// 项目名称.
    #[serde(rename = "project_name")]
    ProjectName,
    /// 办班时间.
    #[serde(rename = "schedule")]
    Schedule,
    /// 办班地点.
    #[serde(rename = "venue")]
    Venue,
    /// 所属行业领域.
    #[serde(rename = "industry")]
    Industry,
    /// 行业主管部门.
    #[serde(rename = "authority")]
    Authority,
    /// 申报项目类别: two boxes and the source of the second.
    #[serde(rename = "funding")]
    Funding,
    /// 是否符合选题范围: four boxes, each with its explanation.
    #[serde(rename = "topics")]
    Topics,
    /// 研修目的和作用.
    #[serde(rename = "purpose")]
    Purpose,
    /// 研修内容和方式.
    #[serde(rename = "content")]
    Content,
    /// 授课专家情况.
    #[serde(rename = "experts")]
    Experts,
    /// 培训对象.
    #[serde(rename = "audience")]
    Audience,
    /// 计划培训人数 (printed under 培训对象).
    #[serde(rename = "participants")]
    Participants,
    /// 特色班相关情况.
    #[serde(rename = "featured")]
    Featured,
}

/// How a field's value is laid out in its cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A short value on a line or two, centred vertically.
    Line,
    /// A date or period: its numbers never part from their 年/月/日.
    Date,
    /// Paragraphs of free text with a first-line indent, from the top.
    Paragraphs,
    /// The 申报项目类别 boxes.
    Funding,
    /// The 选题范围 boxes.
    Topics,
    /// The 特色班 lines.
    Featured,
}

impl Field {
    /// Every element, in the form's order.
    pub const ALL: [Field; 15] = [
        Field::Applicant,
        Field::AppliedOn,
        Field::ProjectName,
        Field::Schedule,
        Field::Venue,
        Field::Industry,
        Field::Authority,
        Field::Funding,
        Field::Topics,
        Field::Purpose,
        Field::Content,
        Field::Experts,
        Field::Audience,
        Field::Participants,
        Field::Featured,
    ];

    /// The element at a model path (`applicant.name` is the 申报单位's).
    pub fn from_path(path: &str) -> Option<Field> {
        let path = if path == "applicant.name" {
            "applicant"
        } else {
            path
        };
        Field::ALL.into_iter().find(|f| f.path() == path)
    }

    /// The model's text of a field that is plain text, to fill in.
    pub fn slot(self, app: &mut Application) -> Option<&mut String> {
        Some(match self {
            Field::Applicant => &mut app.applicant.name,
            Field::ProjectName => &mut app.project_name,
            Field::Venue => &mut app.venue,
            Field::Industry => &mut app.industry,
            Field::Authority => &mut app.authority,
            Field::Purpose => &mut app.purpose,
            Field::Content => &mut app.content,
            Field::Experts => &mut app.experts,
            Field::Audience => &mut app.audience,
            _ => return None,
        })
    }

    /// Copies this field's value (only the unit's name, for 申报单位) from
    /// one application to another: how a form read back is laid over the
    /// record it was written from.
    pub fn copy(self, from: &Application, to: &mut Application) {
        match self {
            Field::AppliedOn => to.applied_on = from.applied_on,
            Field::Schedule => to.schedule = from.schedule,
            Field::Funding => to.funding = from.funding.clone(),
            Field::Topics => to.topics = from.topics.clone(),
            Field::Participants => to.participants = from.participants,
            Field::Featured => to.featured = from.featured.clone(),
            f => {
                if let (Some(text), Some(slot)) = (f.text(from), f.slot(to)) {
                    *slot = text;
                }
            }
        }
    }

    /// The field's path in the table of fields and in the model.
    pub fn path(self) -> &'static str {
        match self {
            Field::Applicant => "applicant",
            Field::AppliedOn => "applied_on",
            Field::ProjectName => "project_name",
            Field::Schedule => "schedule",
            Field::Venue => "venue",
            Field::Industry => "industry",
            Field::Authority => "authority",
            Field::Funding => "funding",
            Field::Topics => "topics",
            Field::Purpose => "purpose",
            Field::Content => "content",
            Field::Experts => "experts",
            Field::Audience => "audience",
            Field::Participants => "participants",
            Field::Featured => "featured",
        }
    }

    /// The field's entry in the table (its name, keys, whether required).
    pub fn def(self) -> &'static FieldDef {
        fields::application(self.path())
    }

    /// How the value sits in its cell.
    pub fn shape(self) -> Shape {
        match self {
            Field::Purpose | Field::Content | Field::Experts | Field::Audience => Shape::Paragraphs,
            Field::Funding => Shape::Funding,
            Field::Topics => Shape::Topics,
            Field::Featured => Shape::Featured,
            Field::Schedule | Field::AppliedOn => Shape::Date,
            _ => Shape::Line,
        }
    }

    /// The text the form prints for a field holding text (empty when not
    /// filled); `None` for the boxes and the 特色班, which have their own
    /// wording.
    pub fn text(self, app: &Application) -> Option<String> {
        Some(match self {
            Field::Applicant => app.applicant.name.clone(),
            Field::AppliedOn => app.applied_on.map(crate::date::zh).unwrap_or_default(),
            Field::ProjectName => app.project_name.clone(),
            Field::Schedule => app.schedule.map(|s| s.display_zh()).unwrap_or_default(),
            Field::Venue => app.venue.clone(),
            Field::Industry => app.industry.clone(),
            Field::Authority => app.authority.clone(),
            Field::Purpose => app.purpose.clone(),
            Field::Content => app.content.clone(),
            Field::Experts => app.experts.clone(),
            Field::Audience => app.audience.clone(),
            Field::Participants => app.participants.map(|n| n.to_string()).unwrap_or_default(),
            Field::Funding | Field::Topics | Field::Featured => return None,
        })
    }
}

/// The 申报表.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicationForm {
    /// The width of each of the table's four columns in mm; together the
    /// 156 mm text block of an A4 page with GB/T 9704's margins.
    pub columns_mm: [f64; 4],
    /// Space between a cell's rules and its text, in points: at the sides,
    /// then above and below.
    pub inset_pt: [f64; 2],
    /// The insets when a filled form would otherwise leave its last, short
    /// row alone on a page: row insets give way, not the text's size.
    pub tight_inset_pt: [f64; 2],
    /// The weight of the table's rules, in points.
    pub rule_pt: f64,
    /// From one line of a cell's text to the next, in points (the PDF's
    /// leading is this less the text size; Word sets it exactly, so that both
    /// give a row the same height whatever the fonts' line boxes).
    pub line_pitch_pt: f64,
    /// A text cell is kept on one page while its text takes fewer than
    /// `keep_lines` lines of `keep_chars_per_line` characters; a longer one
    /// may break so that no page is left three-quarters empty.
    pub keep_chars_per_line: usize,
    /// See `keep_chars_per_line`.
    pub keep_lines: usize,
    /// After a 选题范围 box's label, before its explanation.
    pub topic_label_after: String,
    /// The line above the table.
    pub unit_line: UnitLine,
    /// The rows of the table, top to bottom.
    pub rows: Vec<Row>,
    /// The wording of the 申报项目类别 cell.
    pub funding: FundingWording,
    /// How 计划培训人数 is printed.
    pub participants: Pieces,
    /// How a 特色班 is printed.
    pub featured: FeaturedWording,
}

/// `申报单位：……（盖章）    申报时间：……`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitLine {
    /// After the unit's name, where the stamp goes.
    pub stamp: String,
    /// The date's place on the blank form.
    pub blank_date: String,
    /// The length of the line to write the unit's name on, in characters.
    pub blank_name_chars: usize,
}

/// One row of the table: label and value cells, side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// One cell (its value spans the three columns after the label) or two.
    pub cells: Vec<Cell>,
    /// The row's height on the blank form, rules included, in mm: room to
    /// write by hand. A filled row is as tall as its text.
    #[serde(default)]
    pub blank_height_mm: Option<f64>,
}

/// A label and its value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cell {
    /// The field shown.
    pub field: Field,
    /// The label as printed, with `\n` where the notice breaks it; the
    /// field's name when not given.
    #[serde(default)]
    pub label: Option<String>,
    /// What the blank form prints in place of the value.
    #[serde(default)]
    pub hint: Option<String>,
    /// A field printed below the value, in the same cell (计划培训人数
    /// under 培训对象).
    #[serde(default)]
    pub then: Option<Field>,
}

/// Fixed wording before and after a value.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pieces {
    /// Printed before the value.
    pub before: String,
    /// Printed after the value.
    pub after: String,
}

/// `☐ 财政资助项目  ☐ 自筹经费项目（自筹经费来源：____）`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundingWording {
    /// Around the source of a self-funded project.
    pub source: Pieces,
    /// The length of the line to write the source on, in characters.
    pub blank_source_chars: usize,
}

/// A 特色班 as printed: `无`, or the lead, a numbered line for each earlier
/// class, then the focus and the plan, each after its lead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeaturedWording {
    /// The cell of a project that is no 特色班.
    pub none: String,
    /// The first line of a 特色班.
    pub lead: String,
    /// Around an earlier class's time.
    pub held: Pieces,
    /// Around its experts.
    pub experts: Pieces,
    /// Around its trainees.
    pub audience: Pieces,
    /// Around its number of trainees.
    pub participants: Pieces,
    /// Around its results.
    pub results: Pieces,
    /// Before the focus of this class.
    pub focus: String,
    /// Before the long-term plan.
    pub plan: String,
}

/// A piece of a printed line: fixed wording, or a value and the path of its
/// field (`featured.previous[0].name`), so that a writer can mark it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Wording of the form.
    Fixed(String),
    /// A value.
    Value {
        /// The model path, list indexes included.
        path: String,
        /// The text.
        text: String,
    },
}

impl Piece {
    /// The printed text.
    pub fn text(&self) -> &str {
        match self {
            Piece::Fixed(t) | Piece::Value { text: t, .. } => t,
        }
    }
}

/// A printed line of the 特色班 cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// What the line is.
    pub kind: LineKind,
    /// Its pieces, in order.
    pub pieces: Vec<Piece>,
}

impl Line {
    /// The line as printed.
    pub fn text(&self) -> String {
        self.pieces.iter().map(Piece::text).collect()
    }
}

/// What a line of the 特色班 cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// `已办相关班次：`.
    Lead,
    /// One earlier class, numbered.
    Class,
    /// The focus or the plan: a paragraph.
    Paragraph,
}

impl ApplicationForm {
    /// Every cell of the table, top to bottom, left to right.
    pub fn cells(&self) -> impl Iterator<Item = &Cell> {
        self.rows.iter().flat_map(|r| r.cells.iter())
    }

    /// The cell of a field, if the table has one.
    pub fn cell(&self, field: Field) -> Option<&Cell> {
        self.cells().find(|c| c.field == field)
    }

    /// The label the form prints for a field (the line above the table's
    /// included): the cell's, else the field's name.
    pub fn label(&self, field: Field) -> &str {
        self.cell(field)
            .and_then(|c| c.label.as_deref())
            .unwrap_or(field.def().label)
    }

    /// The labelled elements in the form's order: the line above the table,
    /// then the table's cells; each with its printed label.
    pub fn labelled(&self) -> Vec<(Field, &str)> {
        [Field::Applicant, Field::AppliedOn]
            .into_iter()
            .chain(self.cells().map(|c| c.field))
            .map(|f| (f, self.label(f)))
            .collect()
    }

    /// The blank form's hints, with their fields.
    pub fn hints(&self) -> impl Iterator<Item = (Field, &str)> {
        self.cells()
            .filter_map(|c| Some((c.field, c.hint.as_deref()?)))
    }

    /// The blank form's hint of a field.
    pub fn hint(&self, field: Field) -> Option<&str> {
        self.cell(field).and_then(|c| c.hint.as_deref())
    }

    /// How many columns a row's value cells span each: one cell takes the
    /// three columns after its label, two take one each.
    pub fn value_span(&self, row: &Row) -> usize {
        (self.columns_mm.len() - row.cells.len()).div_ceil(row.cells.len())
    }

    /// The lines a text takes in the wide cells, roughly.
    pub fn line_count(&self, text: &str) -> usize {
        text.split('\n')
            .map(|l| l.chars().count().div_ceil(self.keep_chars_per_line).max(1))
            .sum()
    }

    /// Whether a cell holding `text` stays on one page.
    pub fn keeps(&self, text: &str) -> bool {
        self.line_count(text) < self.keep_lines
    }

    /// The text of a row's cells, for [`ApplicationForm::keeps`].
    pub fn row_text(&self, row: &Row, app: &Application) -> String {
        let mut parts = Vec::new();
        for c in &row.cells {
            match c.field {
                Field::Featured => {
                    if let Some(f) = &app.featured {
                        parts.push(self.featured.text(f));
                    }
                }
                Field::Topics => {
                    parts.extend(app.ticked_topics().iter().map(|(_, t)| t.to_string()))
                }
                Field::Funding => parts.push(app.funding.source().to_owned()),
                f => parts.extend(f.text(app)),
            }
            if let Some(t) = c.then.and_then(|t| t.text(app)) {
                parts.push(t);
            }
        }
        parts.join("\n")
    }

    /// The pieces of a field printed after another (`计划培训人数：45人`),
    /// `None` when it has no value.
    pub fn then_pieces(&self, field: Field, app: &Application) -> Option<Vec<Piece>> {
        let text = field.text(app).filter(|t| !t.is_empty())?;
        let w = match field {
            Field::Participants => &self.participants,
            _ => return Some(vec![value(field.path(), text)]),
        };
        Some(pieces(&w.before, field.path(), text, &w.after))
    }

    /// Checks what serde cannot: every value field at most once, rows of one
    /// or two cells, positive sizes.
    pub fn check(&self) -> Result<(), String> {
        let mut seen = Vec::new();
        for (i, row) in self.rows.iter().enumerate() {
            if !(1..=2).contains(&row.cells.len()) {
                return Err(format!("第{}行应有一或两栏", i + 1));
            }
            for c in &row.cells {
                for f in std::iter::once(c.field).chain(c.then) {
                    if seen.contains(&f) || matches!(f, Field::Applicant | Field::AppliedOn) {
                        return Err(format!("「{}」在表中出现了两次或不应在表中", f.def().label));
                    }
                    seen.push(f);
                }
            }
        }
        if self.columns_mm.iter().any(|w| *w <= 0.0) || self.keep_chars_per_line == 0 {
            return Err("栏宽和每行字数应大于零".into());
        }
        Ok(())
    }
}

fn value(path: &str, text: String) -> Piece {
    Piece::Value {
        path: path.to_owned(),
        text,
    }
}

fn pieces(before: &str, path: &str, text: String, after: &str) -> Vec<Piece> {
    let mut v = Vec::new();
    if !before.is_empty() {
        v.push(Piece::Fixed(before.to_owned()));
    }
    v.push(value(path, text));
    if !after.is_empty() {
        v.push(Piece::Fixed(after.to_owned()));
    }
    v
}

impl FeaturedWording {
    /// The lines of a 特色班 cell.
    pub fn lines(&self, f: &Featured) -> Vec<Line> {
        let mut lines = vec![Line {
            kind: LineKind::Lead,
            pieces: vec![Piece::Fixed(self.lead.clone())],
        }];
        for (i, c) in f.previous.iter().enumerate() {
            let p = |k: &str| format!("featured.previous[{i}].{k}");
            let mut pieces_ = vec![
                Piece::Fixed(format!("{}. ", i + 1)),
                value(&p("name"), c.name.clone()),
            ];
            for (key, w, text) in self.class_parts(c) {
                pieces_.extend(pieces(&w.before, &p(key), text, &w.after));
            }
            lines.push(Line {
                kind: LineKind::Class,
                pieces: pieces_,
            });
        }
        for (key, lead, text) in [
            ("focus", &self.focus, &f.focus),
            ("plan", &self.plan, &f.plan),
        ] {
            if !text.is_empty() {
                lines.push(Line {
                    kind: LineKind::Paragraph,
                    pieces: pieces(lead, &format!("featured.{key}"), text.clone(), ""),
                });
            }
        }
        lines
    }

    /// The parts of an earlier class after its name, as printed: those
    /// filled in, in order.
    fn class_parts(&self, c: &PreviousClass) -> Vec<(&'static str, &Pieces, String)> {
        let n = c.participants.map(|n| n.to_string()).unwrap_or_default();
        [
            ("held", &self.held, c.held.clone()),
            ("experts", &self.experts, c.experts.clone()),
            ("audience", &self.audience, c.audience.clone()),
            ("participants", &self.participants, n),
            ("results", &self.results, c.results.clone()),
        ]
        .into_iter()
        .filter(|(_, _, t)| !t.is_empty())
        .collect()
    }

    /// The cell's text as printed, a line each.
    pub fn text(&self, f: &Featured) -> String {
        self.lines(f)
            .iter()
            .map(Line::text)
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Reads a 特色班 cell back: `None` for `无` or an empty cell; the lines
    /// this wording prints give their structure back, other lines are kept
    /// as the focus, so nothing typed is lost.
    pub fn parse(&self, text: &str) -> Option<Featured> {
        let lines: Vec<&str> = text
            .lines()
            .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}'))
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() || (lines.len() == 1 && lines[0] == self.none) {
            return None;
        }
        // Each printed part with the lines that continue it (a value may
        // hold line breaks); lines before any part are kept as the focus.
        enum Part {
            Focus,
            Plan,
            Class,
        }
        let mut parts: Vec<(Part, String)> = Vec::new();
        let mut other: Vec<&str> = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            if i == 0 && *line == self.lead.trim() {
                continue;
            }
            let part = if let Some(rest) = line.strip_prefix(self.focus.trim()) {
                Some((Part::Focus, rest))
            } else if let Some(rest) = line.strip_prefix(self.plan.trim()) {
                Some((Part::Plan, rest))
            } else {
                numbered(line).map(|rest| (Part::Class, rest))
            };
            match (part, parts.last_mut()) {
                (Some((kind, rest)), _) => parts.push((kind, rest.to_owned())),
                (None, Some((_, text))) => {
                    text.push('\n');
                    text.push_str(line);
                }
                (None, None) => other.push(line),
            }
        }
        let mut f = Featured::default();
        for (kind, text) in parts {
            match kind {
                Part::Focus => f.focus = text.trim().to_owned(),
                Part::Plan => f.plan = text.trim().to_owned(),
                Part::Class => f.previous.push(self.parse_class(&text)),
            }
        }
        if !other.is_empty() {
            let other = other.join("\n");
            f.focus = if f.focus.is_empty() {
                other
            } else {
                format!("{other}\n{}", f.focus)
            };
        }
        Some(f)
    }

    /// An earlier class from its line after the number. Read from the end,
    /// in the reverse of the printing order, so that a name may hold
    /// brackets of its own (`海洋经济（第二期）研修班`).
    fn parse_class(&self, line: &str) -> PreviousClass {
        let mut rest = line;
        let mut c = PreviousClass::default();
        let take = |w: &Pieces, rest: &mut &str| -> Option<String> {
            let body = rest.strip_suffix(w.after.as_str())?;
            let at = if w.before.is_empty() {
                return None;
            } else {
                body.rfind(w.before.as_str())?
            };
            let text = body[at + w.before.len()..].to_owned();
            // An empty part is never printed: this is the name's own bracket.
            if text.trim().is_empty() {
                return None;
            }
            *rest = &body[..at];
            Some(text)
        };
        if let Some(t) = take(&self.results, &mut rest) {
            c.results = t;
        }
        // `（30人）` only when it is a number: `（2023年5月）` is the time.
        let before = rest;
        if let Some(t) = take(&self.participants, &mut rest) {
            match t.parse::<u32>() {
                Ok(n) => c.participants = Some(n),
                Err(_) => rest = before,
            }
        }
        if let Some(t) = take(&self.audience, &mut rest) {
            c.audience = t;
        }
        if let Some(t) = take(&self.experts, &mut rest) {
            c.experts = t;
        }
        if let Some(t) = take(&self.held, &mut rest) {
            c.held = t;
        }
        c.name = rest.to_owned();
        c
    }
}

/// The rest of a line numbered `1. ` (or `1.`, `1、`, `（1）`), else `None`.
fn numbered(line: &str) -> Option<&str> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let rest = &line[digits..];
    rest.strip_prefix('.')
        .or_else(|| rest.strip_prefix('、'))
        .or_else(|| rest.strip_prefix('．'))
        .map(str::trim_start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;
    use proptest::prelude::*;

    fn form() -> ApplicationForm {
        Profile::fujian_2024().application_form
    }

    #[test]
    fn the_embedded_form_is_whole() {
        let f = form();
        f.check().unwrap();
        // Every text the notice requires has its cell.
        for d in fields::required_texts() {
            assert!(f.cells().any(|c| c.field.path() == d.path), "{}", d.path);
        }
        assert!((f.columns_mm.iter().sum::<f64>() - 156.0).abs() < 0.01);
        assert_eq!(f.label(Field::Funding), "申报项目类别\n（可多选）");
        assert_eq!(f.label(Field::Venue), "办班地点");
    }

    #[test]
    fn every_field_is_listed_once_and_found_by_its_path() {
        for f in Field::ALL {
            assert_eq!(Field::from_path(f.path()), Some(f));
            assert!(!f.def().label.is_empty(), "{f:?} is in the table of fields");
        }
        assert_eq!(Field::from_path("applicant.name"), Some(Field::Applicant));
    }

    #[test]
    fn hints_use_full_width_punctuation_as_the_form_does() {
        for c in form().cells() {
            for t in c.hint.iter().chain(c.label.iter()) {
                assert!(!t.contains([',', '(', ')', ':']), "{:?}: {t}", c.field);
            }
        }
    }

    #[test]
    fn a_featured_cell_reads_back_as_printed() {
        let w = form().featured;
        let f = Featured {
            previous: vec![
                PreviousClass {
                    name: "海洋经济（第二期）研修班".into(),
                    held: "2023年5月".into(),
                    experts: "王教授".into(),
                    audience: "高级职称人员".into(),
                    participants: Some(48),
                    results: "形成报告3份".into(),
                },
                PreviousClass {
                    name: "海洋经济研修班".into(),
                    ..PreviousClass::default()
                },
            ],
            focus: "数字化".into(),
            plan: "每年一期".into(),
        };
        let text = w.text(&f);
        assert_eq!(
            text,
            "已办相关班次：\n1. 海洋经济（第二期）研修班（2023年5月）；授课专家：王教授；培训对象：高级职称人员（48人）；取得成效：形成报告3份\n2. 海洋经济研修班\n本次办班的侧重点：数字化\n今后办系列班次的长期考虑：每年一期"
        );
        assert_eq!(w.parse(&text), Some(f));
        assert_eq!(w.parse("无"), None);
        assert_eq!(w.parse(" \n"), None);
    }

    #[test]
    fn a_featured_cell_typed_freely_keeps_its_text() {
        let w = form().featured;
        let f = w
            .parse("2022年办过一期，反响很好。\n本次办班的侧重点：实操")
            .unwrap();
        assert!(f.previous.is_empty());
        assert_eq!(f.focus, "2022年办过一期，反响很好。\n实操");
    }

    fn text_part() -> impl Strategy<Value = String> {
        // Names and texts as units type them, brackets and colons included,
        // but no line breaks (a line is one class).
        proptest::string::string_regex("[海洋经济研修班（）()：；第二期0-9a-z ]{0,12}")
            .unwrap()
            .prop_map(|s| s.trim().to_owned())
    }

    proptest! {
        #[test]
        fn every_printed_class_reads_back(
            name in text_part(), held in text_part(), experts in text_part(),
            audience in text_part(), results in text_part(), n in proptest::option::of(1u32..1000),
        ) {
            let w = form().featured;
            let f = Featured {
                previous: vec![PreviousClass {
                    name: if name.is_empty() { "研修班".into() } else { name },
                    held, experts, audience, participants: n, results,
                }],
                ..Featured::default()
            };
            let back = w.parse(&w.text(&f)).unwrap();
            // What a reader cannot tell apart is only what prints the same.
            prop_assert_eq!(w.text(&back), w.text(&f));
        }
    }
}
