//! The rules of one 汇总表.

use super::{Findings, blank, code, validate_application};
use crate::model::Summary;
use crate::profile::Profile;
use crate::validate::Finding;
use std::collections::HashMap;

/// Checks a summary: its own rules, then each application with paths
/// prefixed `applications[i]`.
pub fn validate_summary(s: &Summary, profile: &Profile) -> Vec<Finding> {
    let mut f = Findings::new("");
    reporter_and_dates(s, profile, &mut f);
    let year = s.year.unwrap_or(profile.year);
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, app) in s.applications.iter().enumerate() {
        let key = project_key(&app.project_name);
        if !key.is_empty() {
            if let Some(first) = seen.get(&key) {
                f.push(
                    code::SUMMARY_DUPLICATE,
                    &format!("applications[{i}].project_name"),
                    format!(
                        "项目「{}」与第{}行重复（序号 {} 与 {}）",
                        app.project_name.trim(),
                        first + 1,
                        first + 1,
                        i + 1
                    ),
                );
            } else {
                seen.insert(key, i);
            }
        }
        if let Some(y) = app.year.filter(|y| *y != year) {
            f.push(
                code::SUMMARY_YEAR,
                &format!("applications[{i}].year"),
                format!("项目年度{y}与汇总表年度{year}不符"),
            );
        }
        f.extend(validate_application(
            app,
            profile,
            &format!("applications[{i}]"),
        ));
    }
    f.into_vec()
}

/// The summary's own fields: its year, the reporter, the date, a project at least.
fn reporter_and_dates(s: &Summary, profile: &Profile, f: &mut Findings) {
    let year = s.year.unwrap_or(profile.year);
    if year != profile.year {
        f.push(
            code::YEAR_MISMATCH,
            "year",
            format!(
                "年度为{year}，但本通知（{}）针对{}年度",
                profile.notice, profile.year
            ),
        );
    }
    if blank(&s.reporter.name) {
        f.push(code::REPORTER_NAME, "reporter.name", "未填写报送单位");
    }
    if blank(&s.reporter.contact) || blank(&s.reporter.phone) {
        let path = if blank(&s.reporter.contact) {
            "reporter.contact"
        } else {
            "reporter.phone"
        };
        f.push(
            code::REPORTER_CONTACT,
            path,
            "未填写报送单位的联系人或联系电话",
        );
    }
    if let Some(d) = s.filled_on.filter(|d| *d > profile.deadline) {
        f.push(
            code::FILLED_AFTER_DEADLINE,
            "filled_on",
            format!(
                "填报日期{}晚于报送截止日期{}",
                crate::date::zh(d),
                crate::date::zh(profile.deadline)
            ),
        );
    }
    if s.applications.is_empty() {
        f.push(
            code::SUMMARY_EMPTY,
            "applications",
            "汇总表中至少应有一个项目",
        );
    }
}

/// The key a project name is compared by: two names that differ only in
/// spacing, case or full-width/half-width forms are the same project (YX102).
pub fn project_key(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200b}')
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}
