//! The rules of one 申报表.

use super::{Findings, blank, code};
use crate::date;
use crate::fields::{self, label as l};
use crate::label;
use crate::model::{
    ApplicantKind, Application, FundingCategory, Level, Mode, Schedule, TopicScope,
};
use crate::profile::{NationalRules, Profile, ProvincialRules};
use crate::validate::Finding;
use chrono::Datelike;

/// Checks one application; `prefix` is put before every path (e.g.
/// `applications[2]`), empty for a lone application.
pub fn validate_application(app: &Application, profile: &Profile, prefix: &str) -> Vec<Finding> {
    let mut f = Findings::new(prefix);
    required_texts(app, &mut f);
    topics(app, &mut f);
    funding(app, &mut f);
    level_rules(app, profile, &mut f);
    year_and_dates(app, profile, &mut f);
    mode(app, &mut f);
    featured(app, &mut f);
    enterprise(app, &mut f);
    audience(app, &mut f);
    if app
        .contact
        .as_ref()
        .is_none_or(|c| blank(&c.name) || blank(&c.phone))
    {
        f.push(
            code::CONTACT_MISSING,
            "contact",
            format!(
                "未填写{}{}及{}，汇总表的“联系人及电话”一栏将为空",
                label!("contact"),
                label!("contact.name"),
                label!("contact.phone")
            ),
        );
    }
    f.into_vec()
}

fn required_texts(app: &Application, f: &mut Findings) {
    if blank(&app.applicant.name) {
        let message = format!("未填写{}", label!("applicant"));
        f.push(code::APPLICANT_NAME, "applicant.name", message);
    }
    // The required fields of the table, reported in the form's order.
    for d in fields::required_texts() {
        let missing = match d.path {
            "schedule" => app.schedule.is_none(),
            path => app.text(path).is_none_or(blank),
        };
        if missing {
            f.push(
                code::REQUIRED_TEXT,
                d.path,
                format!("「{}」为必填项，不能为空", d.label),
            );
        }
    }
}

fn topics(app: &Application, f: &mut Findings) {
    let ticked = app.ticked_topics();
    if ticked.is_empty() {
        let scopes: Vec<&str> = TopicScope::ALL.iter().map(|t| t.label()).collect();
        let message = format!(
            "「{}」至少勾选一项（{}）",
            label!("topics"),
            scopes.join("、")
        );
        f.push(code::TOPIC_NONE, "topics", message);
    }
    for (t, text) in ticked {
        if blank(text) {
            f.push(
                code::TOPIC_UNEXPLAINED,
                &format!("topics.{}", t.key()),
                format!("勾选了「{}」，但未在横线处说明如何符合", t.label()),
            );
        }
    }
}

fn funding(app: &Application, f: &mut Findings) {
    if app.funding_categories().is_empty() {
        f.push(
            code::FUNDING_NONE,
            "funding",
            format!(
                "「{}」至少勾选一项（{}或{}）",
                label!("funding"),
                FundingCategory::Government.label(),
                FundingCategory::SelfFunded.label()
            ),
        );
    }
    if let Some(s) = &app.funding.self_funded
        && blank(&s.source)
    {
        f.push(
            code::SELF_FUNDED_SOURCE,
            "funding.self_funded.source",
            format!(
                "勾选了{}，须注明{}",
                FundingCategory::SelfFunded.label(),
                label!("funding.self_funded.source")
            ),
        );
    }
}

fn level_rules(app: &Application, p: &Profile, f: &mut Findings) {
    let days = app.schedule.as_ref().and_then(Schedule::days);
    match app.level {
        Level::Provincial => provincial(app, &p.provincial, days, f),
        Level::National => national(app, &p.national, days, f),
    }
}

/// 二（三）: a class's days within its level's range (nominal, fewest, most).
fn days_rule(
    f: &mut Findings,
    code: &'static str,
    level: &str,
    (nominal, min, max): (u32, u32, u32),
    days: Option<u32>,
) {
    if let Some(d) = days.filter(|d| !(min..=max).contains(d)) {
        f.push(
            code,
            "schedule",
            format!("{level}项目每期研修时间应为{nominal}天左右（{min}至{max}天），现为{d}天"),
        );
    }
}

/// 二（三）, provincial classes: their days and their fewest trainees.
fn provincial(app: &Application, r: &ProvincialRules, days: Option<u32>, f: &mut Findings) {
    let range = (r.days_nominal, r.days_min, r.days_max);
    days_rule(f, code::PROVINCIAL_DAYS, "省级", range, days);
    match app.participants {
        Some(n) if n < r.min_participants => f.push(
            code::PROVINCIAL_MIN_TRAINEES,
            "participants",
            format!("省级项目学员数量不少于{}人，现为{n}人", r.min_participants),
        ),
        None => f.push(
            code::TRAINEES_MISSING,
            "participants",
            format!(
                "未填写{}（省级项目不少于{}人）",
                label!("participants"),
                r.min_participants
            ),
        ),
        _ => {}
    }
}

/// 二（三）, national classes: their days, their most trainees, their last day.
fn national(app: &Application, r: &NationalRules, days: Option<u32>, f: &mut Findings) {
    let range = (r.days_nominal, r.days_min, r.days_max);
    days_rule(f, code::NATIONAL_DAYS, "国家级", range, days);
    match app.participants {
        Some(n) if n > r.max_participants => f.push(
            code::NATIONAL_MAX_TRAINEES,
            "participants",
            format!(
                "国家级项目学员数量一般不超过{}人，现为{n}人",
                r.max_participants
            ),
        ),
        None => f.push(
            code::TRAINEES_MISSING,
            "participants",
            format!(
                "未填写{}（国家级项目一般不超过{}人）",
                label!("participants"),
                r.max_participants
            ),
        ),
        _ => {}
    }
    if let Some(s) = &app.schedule
        && s.latest() > r.finish_by
    {
        f.push(
            code::NATIONAL_FINISH_BY,
            "schedule",
            format!(
                "国家级项目应在{}之前完成办班，{}为{}",
                date::zh(r.finish_by),
                label!("schedule"),
                s.display_zh()
            ),
        );
    }
}

fn year_and_dates(app: &Application, p: &Profile, f: &mut Findings) {
    let year = app.year.unwrap_or(p.year);
    if year != p.year {
        f.push(
            code::YEAR_MISMATCH,
            "year",
            format!("年度为{year}，但本通知（{}）针对{}年度", p.notice, p.year),
        );
    }
    if let Some(s) = &app.schedule
        && (s.earliest().year() != year || s.latest().year() != year)
    {
        f.push(
            code::HELD_IN_YEAR,
            "schedule",
            format!(
                "{}「{}」不在{year}年度内",
                label!("schedule"),
                s.display_zh()
            ),
        );
    }
    match app.applied_on {
        Some(d) if d > p.deadline => f.push(
            code::APPLIED_AFTER_DEADLINE,
            "applied_on",
            format!(
                "{}{}晚于报送截止日期{}",
                label!("applied_on"),
                date::zh(d),
                date::zh(p.deadline)
            ),
        ),
        None => f.push(
            code::APPLIED_ON_MISSING,
            "applied_on",
            format!("未填写{}，表上将留空待手写", label!("applied_on")),
        ),
        _ => {}
    }
}

fn mode(app: &Application, f: &mut Findings) {
    match app.mode {
        Mode::Online => f.push(
            code::WHOLLY_ONLINE,
            "mode",
            "高级研修项目应以线下研修为主，一般不全程全员线上办班",
        ),
        Mode::Blended => f.push(
            code::BLENDED,
            "mode",
            "线上教学仅可适当面向艰苦边远地区学员开放，请在研修内容和方式中说明",
        ),
        Mode::Onsite => {}
    }
}

fn featured(app: &Application, f: &mut Findings) {
    let Some(ft) = &app.featured else { return };
    if ft.previous.is_empty() {
        f.push(
            code::FEATURED_NO_PREVIOUS,
            "featured.previous",
            format!(
                "{}须列出{}（{}）；首次举办请填“无”",
                label!("featured"),
                label!("featured.previous"),
                [
                    "name",
                    "held",
                    "experts",
                    "audience",
                    "participants",
                    "results"
                ]
                .map(|k| l(&format!("featured.previous[].{k}")))
                .join("、")
            ),
        );
    }
    for (i, c) in ft.previous.iter().enumerate() {
        if blank(&c.name) || blank(&c.held) {
            f.push(
                code::FEATURED_PREVIOUS_INCOMPLETE,
                &format!("featured.previous[{i}]"),
                format!(
                    "第{}个{}缺少{}或{}",
                    i + 1,
                    label!("featured.previous"),
                    label!("featured.previous[].name"),
                    label!("featured.previous[].held")
                ),
            );
        }
    }
    if blank(&ft.focus) || blank(&ft.plan) {
        let path = if blank(&ft.focus) {
            "featured.focus"
        } else {
            "featured.plan"
        };
        f.push(
            code::FEATURED_FOCUS_PLAN,
            path,
            format!(
                "{}应简要说明{}和{}",
                label!("featured"),
                label!("featured.focus"),
                label!("featured.plan")
            ),
        );
    }
}

fn enterprise(app: &Application, f: &mut Findings) {
    if app.applicant.kind != ApplicantKind::Enterprise {
        return;
    }
    if app.applicant.training_qualified != Some(true) {
        f.push(
            code::ENTERPRISE_QUALIFIED,
            "applicant.training_qualified",
            format!(
                "企业申报须{}（training_qualified 应为 true）",
                label!("applicant.training_qualified")
            ),
        );
    }
    if app.applicant.can_invoice != Some(true) {
        f.push(
            code::ENTERPRISE_INVOICE,
            "applicant.can_invoice",
            format!(
                "企业申报须{}（can_invoice 应为 true）",
                label!("applicant.can_invoice")
            ),
        );
    }
}

/// Words in 培训对象 that say the trainees are not what the notice asks for.
const NON_QUALIFYING: [&str; 5] = ["初级", "学生", "无职称", "见习", "实习"];

fn audience(app: &Application, f: &mut Findings) {
    if let Some(w) = NON_QUALIFYING.iter().find(|w| app.audience.contains(**w)) {
        f.push(
            code::AUDIENCE,
            "audience",
            format!(
                "{}提到“{w}”：研修学员一般应为具有中高级职称的专业技术人员或经营管理人员",
                label!("audience")
            ),
        );
    }
}
