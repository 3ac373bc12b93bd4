//! The data the templates read from `/data.json`: the model turned into
//! what the form prints, plus labels, titles and resolved fonts. Every
//! string the form shows is listed with its field path, so that coverage
//! and length are checked before typesetting.

use crate::fonts::{FontSet, Role};
use chrono::{Datelike, NaiveDate};
use serde_json::{Value, json};
use yanxiu_core::labels::{self, SUMMARY_COLUMNS};
use yanxiu_core::{Application, Profile, Summary, TopicScope};

/// A string the form will print, with the field it comes from and the role
/// of the face that sets it.
pub(crate) struct Shown {
    pub path: String,
    pub text: String,
    pub role: Role,
}

/// A view and the strings it shows.
pub(crate) struct View {
    pub json: Value,
    pub shown: Vec<Shown>,
}

struct Builder {
    shown: Vec<Shown>,
}

impl Builder {
    /// Records a string the body face prints and returns it.
    fn s(&mut self, path: impl Into<String>, text: &str) -> String {
        self.shown.push(Shown {
            path: path.into(),
            text: text.to_owned(),
            role: Role::Body,
        });
        text.to_owned()
    }

    fn role(&mut self, path: &str, text: &str, role: Role) -> String {
        self.shown.push(Shown {
            path: path.into(),
            text: text.to_owned(),
            role,
        });
        text.to_owned()
    }
}

fn fonts_json(fonts: &FontSet) -> Value {
    // Each role is a chain of families: Typst sets every character in the
    // first family that has it.
    let r = |role| {
        let f = fonts.role(role);
        json!({"families": f.families(), "weight": f.weight})
    };
    json!({"title": r(Role::Title), "hei": r(Role::Hei), "body": r(Role::Body)})
}

fn ymd(d: NaiveDate) -> Value {
    json!([d.year(), d.month(), d.day()])
}

/// The view of one application, or of the blank form when `app` is `None`.
pub(crate) fn application(
    app: Option<&Application>,
    profile: &Profile,
    fonts: &FontSet,
    draft: bool,
) -> View {
    let mut b = Builder { shown: Vec::new() };
    let blank_app = Application::default();
    let a = app.unwrap_or(&blank_app);
    let year = a.year.unwrap_or(profile.year);
    let title = profile.application_title(year);
    let mut label_map = serde_json::Map::new();
    let mut hint_map = serde_json::Map::new();
    // The template knows each label by its field's path, `.` written `_`.
    for d in labels::form_labels() {
        let key = d.path.replace('.', "_");
        let label = b.s(format!("<label {}>", d.path), d.printed_label());
        label_map.insert(key.clone(), label.into());
        if let Some(h) = d.hint {
            hint_map.insert(key, b.s(format!("<hint {}>", d.path), h).into());
        }
    }
    let topics: Vec<Value> = TopicScope::ALL
        .iter()
        .map(|t| {
            let text = a.topics.get(*t);
            json!({
                "label": b.s(format!("<label topics.{}>", t.key()), t.label()),
                "ticked": text.is_some(),
                "text": b.s(format!("topics.{}", t.key()), text.unwrap_or("")),
            })
        })
        .collect();
    let featured = a.featured.as_ref().map(|f| {
        let previous: Vec<Value> = f
            .previous
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let p = format!("featured.previous[{i}]");
                json!({
                    "name": b.s(format!("{p}.name"), &c.name),
                    "held": b.s(format!("{p}.held"), &c.held),
                    "experts": b.s(format!("{p}.experts"), &c.experts),
                    "audience": b.s(format!("{p}.audience"), &c.audience),
                    "participants": c.participants,
                    "results": b.s(format!("{p}.results"), &c.results),
                })
            })
            .collect();
        json!({"previous": previous, "focus": b.s("featured.focus", &f.focus), "plan": b.s("featured.plan", &f.plan)})
    });
    let date = a.applied_on.unwrap_or(profile.deadline);
    let json = json!({
        "blank": app.is_none(),
        "draft": draft,
        "attachment": b.role("<attachment>", labels::APPLICATION_ATTACHMENT, Role::Hei),
        "title": b.role("<title>", &title, Role::Title),
        "fonts": fonts_json(fonts),
        "meta": {
            "title": if a.project_name.trim().is_empty() { Profile::one_line(&title) } else { a.project_name.clone() },
            "author": a.applicant.name,
            "date": ymd(date),
        },
        "labels": label_map,
        "hints": hint_map,
        "applicant": b.s("applicant.name", &a.applicant.name),
        "applied_on": a.applied_on.map(labels::date_zh),
        "project_name": b.s("project_name", &a.project_name),
        "schedule": b.s("schedule", &a.schedule.map(|s| s.display_zh()).unwrap_or_default()),
        "venue": b.s("venue", &a.venue),
        "industry": b.s("industry", &a.industry),
        "authority": b.s("authority", &a.authority),
        "funding": {
            "government": a.funding.government,
            "self_funded": a.funding.self_funded.is_some(),
            "source": b.s("funding.self_funded.source", a.funding.self_funded.as_ref().map(|s| s.source.as_str()).unwrap_or("")),
        },
        "topics": topics,
        "purpose": b.s("purpose", &a.purpose),
        "content": b.s("content", &a.content),
        "experts": b.s("experts", &a.experts),
        "audience": b.s("audience", &a.audience),
        "participants": a.participants,
        "featured": featured,
    });
    View {
        json,
        shown: b.shown,
    }
}

/// The view of a summary, or of the blank form when `summary` is `None`.
pub(crate) fn summary(
    summary: Option<&Summary>,
    profile: &Profile,
    fonts: &FontSet,
    draft: bool,
) -> View {
    let mut b = Builder { shown: Vec::new() };
    let empty = Summary::default();
    let s = summary.unwrap_or(&empty);
    let year = s.year.unwrap_or(profile.year);
    let title = profile.summary_title(year);
    let columns: Vec<Value> = SUMMARY_COLUMNS
        .iter()
        .map(|c| json!({"key": c.key.name(), "label": b.role(&format!("<column {}>", c.key.name()), c.label, Role::Hei), "width": c.width}))
        .collect();
    let rows: Vec<Vec<String>> = s
        .applications
        .iter()
        .enumerate()
        .map(|(i, app)| {
            let cells = labels::summary_row(i + 1, app);
            cells
                .iter()
                .zip(SUMMARY_COLUMNS)
                .map(|(cell, col)| b.s(format!("applications[{i}].{}", col.key.name()), cell))
                .collect()
        })
        .collect();
    let totals: Vec<String> = labels::totals_row(summary)
        .iter()
        .zip(SUMMARY_COLUMNS)
        .map(|(cell, col)| b.s(format!("<totals {}>", col.key.name()), cell))
        .collect();
    let json = json!({
        "blank": summary.is_none(),
        "draft": draft,
        "attachment": b.role("<attachment>", labels::SUMMARY_ATTACHMENT, Role::Hei),
        "title": b.role("<title>", &title, Role::Title),
        "fonts": fonts_json(fonts),
        "meta": {"title": Profile::one_line(&title), "author": s.reporter.name, "date": ymd(s.filled_on.unwrap_or(profile.deadline))},
        "reporter": {
            "name": b.s("reporter.name", &s.reporter.name),
            "contact": b.s("reporter.contact", &s.reporter.contact),
            "phone": b.s("reporter.phone", &s.reporter.phone),
        },
        "filled_on": s.filled_on.map(labels::date_zh),
        "columns": columns,
        "long-rows": long_rows(&rows),
        "rows": rows,
        "totals": totals,
    });
    View {
        json,
        shown: b.shown,
    }
}

/// Lines of 五号 a 汇总表 row may take before it is allowed to break across
/// pages. A landscape page holds about 29 below the repeated header; a row
/// that could not fit one would be cut off at the page's foot, so such a
/// row breaks (the estimate below errs on the long side).
pub(crate) const SUMMARY_ROW_KEEP_LINES: usize = 20;

/// The rows (0-based) whose estimated height passes
/// [`SUMMARY_ROW_KEEP_LINES`]: the template lets them break across pages.
fn long_rows(rows: &[Vec<String>]) -> Vec<usize> {
    rows.iter()
        .enumerate()
        .filter(|(_, row)| {
            row.iter()
                .zip(SUMMARY_COLUMNS)
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
