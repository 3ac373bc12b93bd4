//! A 申报表 typed in Word without our controls (the 人社厅's own download,
//! or ours with the controls deleted): the table found by its labels, each
//! value the cell to the right of its label, boxes ticked as people tick
//! them, the hints left in place not taken for data.

use super::symbols::UNREADABLE;
use super::xml::{block_text, inline_text, is};
use super::{ReadError, Visible, count, set_applied_on, text};
use roxmltree::Node;
use yanxiu_core::form::{ApplicationForm, Field, Shape};
use yanxiu_core::{Application, Funding, FundingCategory, SelfFunded, TopicScope};

/// A label as people type it: no whitespace or line breaks, brackets
/// half-width.
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            c => c,
        })
        .collect()
}

/// What a box before (or a tick after) an option's label says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tick {
    /// Ticked: a tick before the label, or typed right after it.
    Yes,
    /// An empty box.
    No,
    /// A box drawn with something the reader cannot read (a picture, an
    /// unknown symbol).
    Unreadable,
    /// No box at all before the label where the form has one (deleted, or
    /// lost by a program that could not keep it).
    Missing,
    /// The option itself is not in the cell (a unit kept only the options
    /// it ticked): nothing to read, nothing to warn about.
    Absent,
}

/// Whether the option named `label` in `s` is ticked: the mark just before
/// it, or a tick typed just after it — unless that tick is the box of the
/// next option (`□财政资助项目☑自筹经费项目`), one of `others`.
fn ticked(s: &str, label: &str, others: &[&str]) -> Tick {
    let Some(at) = s.find(label) else {
        return Tick::Absent;
    };
    let before = s[..at].trim_end().chars().next_back();
    let rest = s[at + label.len()..].trim_start_matches([' ', '\u{3000}', ':', '：']);
    let after = rest.chars().next().filter(|c| {
        let tail = rest[c.len_utf8()..].trim_start();
        !others.iter().any(|o| tail.starts_with(o))
    });
    let is = |m: Option<char>, f: fn(char) -> bool| m.is_some_and(f);
    if is(before, is_tick) || is(after, is_tick) {
        Tick::Yes
    } else if before == Some(UNREADABLE) || after == Some(UNREADABLE) {
        Tick::Unreadable
    } else if is(before, |c| yanxiu_core::ticks::CROSSES.contains(&c)) {
        Tick::No
    } else {
        Tick::Missing
    }
}

impl Tick {
    /// What to tell about the box of `label` in the cell `where_`: an
    /// unreadable or missing box is read as unticked, never silently.
    fn warning(self, where_: &str, label: &str) -> Option<String> {
        match self {
            Tick::Yes | Tick::No | Tick::Absent => None,
            Tick::Unreadable => Some(format!(
                "「{where_}」：「{label}」的方框无法识别（图片或不认识的符号），按未勾选读取，请核对原件"
            )),
            Tick::Missing => Some(format!(
                "「{where_}」：「{label}」前后找不到方框或勾，按未勾选读取，请核对原件"
            )),
        }
    }
}

fn is_tick(c: char) -> bool {
    yanxiu_core::ticks::is_tick(c)
}

/// The value cells, by the path of the label to their left.
fn cells(table: Node<'_, '_>, form: &ApplicationForm) -> Vec<(String, String)> {
    // The label as the form prints it, or the field's plain name.
    let labels: Vec<(String, &str)> = form
        .cells()
        .flat_map(|c| {
            let path = c.field.path();
            [
                (norm(form.label(c.field)), path),
                (norm(c.field.def().label), path),
            ]
        })
        .collect();
    let mut out = Vec::new();
    for row in table.children().filter(|n| is(*n, "tr")) {
        let texts: Vec<String> = row
            .children()
            .filter(|n| is(*n, "tc"))
            .map(block_text)
            .collect();
        for (i, t) in texts.iter().enumerate() {
            if let Some((_, path)) = labels.iter().find(|(l, _)| *l == norm(t))
                && let Some(value) = texts.get(i + 1)
            {
                out.push((path.to_string(), value.clone()));
            }
        }
    }
    out
}

/// A value without the blank form's hint left in place.
fn without_hint(form: &ApplicationForm, path: &str, value: &str) -> String {
    let Some(hint) = form
        .cells()
        .find(|c| c.field.path() == path)
        .and_then(|c| c.hint.as_deref())
    else {
        return value.to_owned();
    };
    let (h, v) = (norm(hint), value.trim());
    if norm(v) == h {
        return String::new();
    }
    // The hint kept as the first paragraph, the text typed below it.
    match v.split_once('\n') {
        Some((first, rest)) if norm(first) == h => rest.trim().to_owned(),
        _ => v.to_owned(),
    }
}

/// The number of trainees typed in the 培训对象 cell, and the cell without
/// that line when the line says only that.
fn trainees(audience: &str, form: &ApplicationForm) -> Result<(String, Option<u32>), ReadError> {
    let mut kept = Vec::new();
    let mut n = None;
    // Our form's own wording first, then what people write.
    let own = form.participants.before.trim_end_matches([':', '：']);
    for line in audience.lines() {
        let found = [own, "拟培训学员", "培训人数", "培训"]
            .iter()
            .find_map(|k| line.find(k).map(|at| &line[at + k.len()..]));
        let digits = found.map(|rest| {
            rest.trim_start_matches([':', '：', ' ', '\u{3000}'])
                .chars()
                .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
                .collect::<String>()
        });
        // Our form's own line says only the number: it is not 培训对象 text,
        // and what it says must be a number (`约六十` is an error naming
        // the label, not a number silently dropped).
        let label = form.label(Field::Participants);
        if let Some(rest) = line.trim_start().strip_prefix(own) {
            let value = rest
                .trim_start_matches([':', '：'])
                .trim()
                .trim_end_matches(form.participants.after.as_str());
            if n.is_none() {
                n = count(label, value)?;
            }
            continue;
        }
        match digits {
            Some(d) if !d.is_empty() && n.is_none() => n = count(label, &d)?,
            _ => {}
        }
        kept.push(line);
    }
    Ok((kept.join("\n"), n))
}

/// The form's values from a table found by its labels, and the line above it.
pub(crate) fn read(root: Node<'_, '_>, form: &ApplicationForm) -> Result<Visible, ReadError> {
    let project = norm(form.label(Field::ProjectName));
    let table = root
        .descendants()
        .filter(|n| is(*n, "tbl"))
        .find(|t| {
            t.descendants()
                .filter(|n| is(*n, "tc"))
                .any(|c| norm(&block_text(c)) == project)
        })
        .ok_or(ReadError::NotAForm)?;
    let found = cells(table, form);
    let get = |field: Field| -> Result<String, ReadError> {
        found
            .iter()
            .find(|(p, _)| *p == field.path())
            .map(|(p, v)| without_hint(form, p, v))
            .ok_or_else(|| ReadError::Missing(field.def().label.to_owned()))
    };
    let mut v = Visible::new();
    for c in form.cells() {
        match c.field.shape() {
            Shape::Line | Shape::Paragraphs if c.field != Field::Audience => {
                if let Some(slot) = c.field.slot(&mut v.app) {
                    *slot = text(&get(c.field)?);
                }
            }
            _ => {}
        }
    }
    let schedule = text(&get(Field::Schedule)?);
    v.schedule = (!schedule.is_empty()).then_some(schedule);
    let (audience, n) = trainees(&get(Field::Audience)?, form)?;
    v.app.audience = text(&audience);
    v.app.participants = n;
    v.app.funding = funding(&get(Field::Funding)?, form, &mut v.warnings);
    read_topics(&mut v.app, &get(Field::Topics)?, form, &mut v.warnings);
    v.app.featured = form.featured.parse(&get(Field::Featured)?);
    unit_line(root, form, &mut v.app)?;
    Ok(v)
}

/// The 申报项目类别 cell: the boxes ticked, the source written.
fn funding(cell: &str, form: &ApplicationForm, warnings: &mut Vec<String>) -> Funding {
    let gov = FundingCategory::Government.label();
    let own = FundingCategory::SelfFunded.label();
    let source = cell
        .split_once("来源")
        .map(|(_, rest)| {
            rest.trim_start_matches([':', '：'])
                .trim_end_matches([')', '）'])
                .trim_matches(|c: char| c == '_' || c.is_whitespace() || c == '\u{3000}')
                .to_owned()
        })
        .unwrap_or_default();
    let where_ = form.label(Field::Funding).replace('\n', "");
    let government = ticked(cell, gov, &[own]);
    let own_box = ticked(cell, own, &[gov]);
    warnings.extend(government.warning(&where_, gov));
    // A source written is the tick: no warning about its box then.
    if source.is_empty() {
        warnings.extend(own_box.warning(&where_, own));
    }
    Funding {
        government: government == Tick::Yes,
        self_funded: (own_box == Tick::Yes || !source.is_empty()).then_some(SelfFunded { source }),
    }
}

/// The 选题范围 cell: a box ticked, or an explanation written, is the topic.
fn read_topics(
    app: &mut Application,
    cell: &str,
    form: &ApplicationForm,
    warnings: &mut Vec<String>,
) {
    let where_ = form.label(Field::Topics).replace('\n', "");
    for t in TopicScope::ALL {
        let line = cell.lines().find(|l| l.contains(t.label())).unwrap_or("");
        let explanation = line
            .split_once(t.label())
            .map(|(_, rest)| {
                // A tick typed after the label is no explanation.
                let rest = rest.trim_start_matches(|c: char| {
                    c == ':' || c == '：' || c.is_whitespace() || is_tick(c)
                });
                text(rest.trim_matches('_'))
            })
            .unwrap_or_default();
        let tick = ticked(line, t.label(), &[]);
        // An explanation written is the tick: no warning about its box then.
        if explanation.is_empty() {
            warnings.extend(tick.warning(&where_, t.label()));
        }
        if tick == Tick::Yes || !explanation.is_empty() {
            app.topics.set(t, Some(explanation));
        }
    }
}

/// 申报单位 and 申报时间 from the lines above the table.
fn unit_line(
    root: Node<'_, '_>,
    form: &ApplicationForm,
    app: &mut Application,
) -> Result<(), ReadError> {
    let unit = form.label(Field::Applicant).replace('\n', "");
    let date = form.label(Field::AppliedOn).replace('\n', "");
    for p in root.descendants().filter(|n| is(*n, "p")) {
        if p.ancestors().any(|a| is(a, "tbl")) {
            continue;
        }
        let line = inline_text(p);
        if let Some((_, rest)) = line.split_once(unit.as_str()) {
            let name = rest.trim_start_matches([':', '：']);
            // Up to the （盖章） after it: a name may hold brackets of its own
            // (`厦门大学（思明校区）`); the date, when on the same line, goes too.
            let name = name.split(date.as_str()).next().unwrap_or("");
            let stamp = form.unit_line.stamp.trim_matches(['（', '）', '(', ')']);
            let name = match name.rfind(stamp) {
                Some(i) => name[..i].trim_end().trim_end_matches(['（', '(']),
                None => name,
            };
            app.applicant.name = text(name.trim_matches('_'));
        }
        if let Some((_, rest)) = line.split_once(date.as_str()) {
            set_applied_on(app, &text(rest.trim_start_matches([':', '：'])), form)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ApplicationForm {
        yanxiu_core::Profile::fujian_2024().application_form
    }

    #[test]
    fn ticks_as_people_type_them() {
        let (gov, own) = ("财政资助项目", "自筹经费项目");
        let t = |s: &str, l: &str| ticked(s, l, &[gov, own]);
        assert_eq!(t("☑财政资助项目 □自筹经费项目", gov), Tick::Yes);
        assert_eq!(t("☑财政资助项目 □自筹经费项目", own), Tick::No);
        assert_eq!(t("□财政资助项目 √ 自筹经费项目", own), Tick::Yes);
        assert_eq!(t("□财政资助项目 √ 自筹经费项目", gov), Tick::No);
        // A tick typed after the label, the box left in place.
        assert_eq!(t("☐财政资助项目√　☐自筹经费项目", gov), Tick::Yes);
        assert_eq!(t("☐财政资助项目√　☐自筹经费项目", own), Tick::No);
        assert_eq!(t("□财政资助项目☑自筹经费项目", gov), Tick::No);
        assert_eq!(t("\u{FFFC}财政资助项目", gov), Tick::Unreadable);
        assert_eq!(t("财政资助项目　□自筹经费项目", gov), Tick::Missing);
        assert_eq!(t("□自筹经费项目", gov), Tick::Absent);
    }

    #[test]
    fn trainees_as_people_type_them() {
        assert_eq!(
            trainees("高级职称人员。\n计划培训人数：45人", &form()).unwrap(),
            ("高级职称人员。".into(), Some(45))
        );
        assert_eq!(trainees("培训45人，面向企业", &form()).unwrap().1, Some(45));
        assert_eq!(trainees("拟培训学员４５名", &form()).unwrap().1, Some(45));
        assert!(trainees("计划培训人数：约六十", &form()).is_err());
    }

    #[test]
    fn labels_as_people_type_them() {
        assert_eq!(
            norm("申报项目类别\n(可多选)"),
            norm("申报项目类别（可多选）")
        );
        assert_eq!(norm(" 项目 名称 "), "项目名称");
    }
}
