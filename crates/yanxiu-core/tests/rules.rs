//! Every rule of the notice, violated and satisfied.

use chrono::NaiveDate;
use yanxiu_core::validate::code;
use yanxiu_core::*;

fn valid() -> Application {
    parse::application_from_json(include_str!("../../../examples/application.json")).unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn codes(app: &Application) -> Vec<(String, Severity, String)> {
    app.validate(&Profile::fujian_2024())
        .into_iter()
        .map(|f| (f.code, f.severity, f.path))
        .collect()
}

/// Asserts that `bad` raises exactly the finding `code` at `path` with the
/// rule's severity, and that `good` does not raise it.
fn both_ways(
    code: &str,
    path: &str,
    bad: impl Fn(&mut Application),
    good: impl Fn(&mut Application),
) {
    let mut a = valid();
    bad(&mut a);
    let found = codes(&a);
    let sev = rule_severity(code);
    assert!(
        found
            .iter()
            .any(|(c, s, p)| c == code && *s == sev && p == path),
        "{code} at {path} expected, got {found:?}"
    );
    let mut g = valid();
    good(&mut g);
    let found = codes(&g);
    assert!(
        !found.iter().any(|(c, _, _)| c == code),
        "{code} not expected, got {found:?}"
    );
}

fn rule_severity(code: &str) -> Severity {
    validate::rule(code).expect("known code").severity
}

#[test]
fn the_example_is_clean() {
    assert_eq!(codes(&valid()), vec![]);
}

#[test]
fn required_texts() {
    for (path, clear) in [
        (
            "project_name",
            (|a: &mut Application| a.project_name.clear()) as fn(&mut Application),
        ),
        ("venue", |a| a.venue = "  ".into()),
        ("industry", |a| a.industry.clear()),
        ("authority", |a| a.authority.clear()),
        ("purpose", |a| a.purpose.clear()),
        ("content", |a| a.content = "\u{200b}".into()),
        ("experts", |a| a.experts.clear()),
        ("audience", |a| a.audience.clear()),
        ("schedule", |a| a.schedule = None),
    ] {
        both_ways(code::REQUIRED_TEXT, path, clear, |_| {});
    }
    both_ways(
        code::APPLICANT_NAME,
        "applicant.name",
        |a| a.applicant.name.clear(),
        |_| {},
    );
}

#[test]
fn topics() {
    both_ways(
        code::TOPIC_NONE,
        "topics",
        |a| a.topics = Topics::default(),
        |a| {
            a.topics = Topics {
                industry: Some("推进产业发展".into()),
                ..Topics::default()
            }
        },
    );
    both_ways(
        code::TOPIC_UNEXPLAINED,
        "topics.key_fields",
        |a| a.topics.set(TopicScope::KeyFields, Some(" ".into())),
        |a| a.topics.set(TopicScope::KeyFields, Some("说明".into())),
    );
}

#[test]
fn funding() {
    both_ways(
        code::FUNDING_NONE,
        "funding",
        |a| a.funding = Funding::default(),
        |a| {
            a.funding = Funding {
                government: false,
                self_funded: Some(SelfFunded {
                    source: "单位自有资金".into(),
                }),
            }
        },
    );
    both_ways(
        code::SELF_FUNDED_SOURCE,
        "funding.self_funded.source",
        |a| a.funding.self_funded = Some(SelfFunded::default()),
        |a| {
            a.funding.self_funded = Some(SelfFunded {
                source: "会员单位分担".into(),
            })
        },
    );
}

#[test]
fn provincial_days_and_trainees() {
    both_ways(
        code::PROVINCIAL_DAYS,
        "schedule",
        |a| a.schedule = Some(Schedule::dates(d(2024, 6, 1), d(2024, 6, 6)).unwrap()),
        |a| a.schedule = Some(Schedule::dates(d(2024, 6, 1), d(2024, 6, 3)).unwrap()),
    );
    both_ways(
        code::PROVINCIAL_MIN_TRAINEES,
        "participants",
        |a| a.participants = Some(24),
        |a| a.participants = Some(25),
    );
    both_ways(
        code::TRAINEES_MISSING,
        "participants",
        |a| a.participants = None,
        |a| a.participants = Some(30),
    );
}

#[test]
fn national_days_trainees_and_finish() {
    let national = |a: &mut Application| {
        a.level = Level::National;
        a.schedule = Some(Schedule::dates(d(2024, 9, 2), d(2024, 9, 6)).unwrap());
    };
    both_ways(
        code::NATIONAL_DAYS,
        "schedule",
        |a| {
            national(a);
            a.schedule = Some(Schedule::dates(d(2024, 9, 2), d(2024, 9, 4)).unwrap());
        },
        national,
    );
    both_ways(
        code::NATIONAL_MAX_TRAINEES,
        "participants",
        |a| {
            national(a);
            a.participants = Some(101);
        },
        |a| {
            national(a);
            a.participants = Some(100);
        },
    );
    both_ways(
        code::NATIONAL_FINISH_BY,
        "schedule",
        |a| {
            national(a);
            a.schedule = Some(Schedule::dates(d(2024, 11, 27), d(2024, 12, 1)).unwrap());
        },
        |a| {
            national(a);
            a.schedule = Some(Schedule::dates(d(2024, 11, 26), d(2024, 11, 30)).unwrap());
        },
    );
    // A month-only schedule counts its last day.
    both_ways(
        code::NATIONAL_FINISH_BY,
        "schedule",
        |a| {
            national(a);
            a.schedule = Some(Schedule::Month {
                month: date::YearMonth::new(2024, 12).unwrap(),
                days: Some(5),
            });
        },
        |a| {
            national(a);
            a.schedule = Some(Schedule::Month {
                month: date::YearMonth::new(2024, 10).unwrap(),
                days: Some(5),
            });
        },
    );
}

#[test]
fn year_and_deadline() {
    both_ways(
        code::HELD_IN_YEAR,
        "schedule",
        |a| a.schedule = Some(Schedule::dates(d(2025, 3, 4), d(2025, 3, 7)).unwrap()),
        |_| {},
    );
    both_ways(
        code::YEAR_MISMATCH,
        "year",
        |a| a.year = Some(2023),
        |a| a.year = None,
    );
    both_ways(
        code::APPLIED_AFTER_DEADLINE,
        "applied_on",
        |a| a.applied_on = Some(d(2024, 1, 16)),
        |a| a.applied_on = Some(d(2024, 1, 15)),
    );
    both_ways(
        code::APPLIED_ON_MISSING,
        "applied_on",
        |a| a.applied_on = None,
        |_| {},
    );
}

#[test]
fn mode() {
    both_ways(
        code::WHOLLY_ONLINE,
        "mode",
        |a| a.mode = Mode::Online,
        |a| a.mode = Mode::Onsite,
    );
    both_ways(
        code::BLENDED,
        "mode",
        |a| a.mode = Mode::Blended,
        |a| a.mode = Mode::Onsite,
    );
}

#[test]
fn featured_class() {
    let full = || Featured {
        previous: vec![PreviousClass {
            name: "第一期".into(),
            held: "2023年5月".into(),
            ..PreviousClass::default()
        }],
        focus: "侧重点".into(),
        plan: "长期考虑".into(),
    };
    both_ways(
        code::FEATURED_NO_PREVIOUS,
        "featured.previous",
        move |a| {
            a.featured = Some(Featured {
                previous: vec![],
                ..full()
            })
        },
        move |a| a.featured = Some(full()),
    );
    both_ways(
        code::FEATURED_PREVIOUS_INCOMPLETE,
        "featured.previous[0]",
        move |a| {
            let mut f = full();
            f.previous[0].held.clear();
            a.featured = Some(f);
        },
        move |a| a.featured = Some(full()),
    );
    both_ways(
        code::FEATURED_FOCUS_PLAN,
        "featured.plan",
        move |a| {
            a.featured = Some(Featured {
                plan: String::new(),
                ..full()
            })
        },
        move |a| a.featured = Some(full()),
    );
}

#[test]
fn enterprise_applicant() {
    let ent = |q: Option<bool>, inv: Option<bool>| {
        move |a: &mut Application| {
            a.applicant.kind = ApplicantKind::Enterprise;
            a.applicant.training_qualified = q;
            a.applicant.can_invoice = inv;
        }
    };
    both_ways(
        code::ENTERPRISE_QUALIFIED,
        "applicant.training_qualified",
        ent(None, Some(true)),
        ent(Some(true), Some(true)),
    );
    both_ways(
        code::ENTERPRISE_INVOICE,
        "applicant.can_invoice",
        ent(Some(true), Some(false)),
        ent(Some(true), Some(true)),
    );
    // A university is not asked for either.
    both_ways(
        code::ENTERPRISE_INVOICE,
        "applicant.can_invoice",
        ent(Some(true), None),
        |a| a.applicant.kind = ApplicantKind::University,
    );
}

#[test]
fn audience_and_contact() {
    both_ways(
        code::AUDIENCE,
        "audience",
        |a| a.audience = "高校在读学生".into(),
        |a| a.audience = "中级以上职称人员".into(),
    );
    both_ways(
        code::CONTACT_MISSING,
        "contact",
        |a| a.contact = None,
        |_| {},
    );
}

fn summary() -> Summary {
    parse::summary_from_json(include_str!("../../../examples/summary.json")).unwrap()
}

fn summary_codes(s: &Summary) -> Vec<(String, String)> {
    s.validate(&Profile::fujian_2024())
        .into_iter()
        .map(|f| (f.code, f.path))
        .collect()
}

#[test]
fn the_summary_example_is_clean() {
    assert_eq!(summary_codes(&summary()), vec![]);
}

#[test]
fn summary_rules() {
    let mut s = summary();
    s.applications.clear();
    assert!(summary_codes(&s).contains(&(code::SUMMARY_EMPTY.into(), "applications".into())));

    let mut s = summary();
    let mut dup = s.applications[1].clone();
    dup.project_name = format!(" {} ", dup.project_name.replace("与", "与 "));
    s.applications.push(dup);
    let found = summary_codes(&s);
    assert!(
        found.contains(&(
            code::SUMMARY_DUPLICATE.into(),
            "applications[5].project_name".into()
        )),
        "{found:?}"
    );

    let mut s = summary();
    s.applications[2].year = Some(2023);
    let found = summary_codes(&s);
    assert!(
        found.contains(&(code::SUMMARY_YEAR.into(), "applications[2].year".into())),
        "{found:?}"
    );

    let mut s = summary();
    s.reporter.name.clear();
    s.reporter.phone.clear();
    s.filled_on = Some(d(2024, 1, 20));
    let found = summary_codes(&s);
    for (c, p) in [
        (code::REPORTER_NAME, "reporter.name"),
        (code::REPORTER_CONTACT, "reporter.phone"),
        (code::FILLED_AFTER_DEADLINE, "filled_on"),
    ] {
        assert!(found.contains(&(c.into(), p.into())), "{c} {found:?}");
    }
}

#[test]
fn summary_prefixes_application_paths() {
    let mut s = summary();
    s.applications[2].participants = Some(3);
    let found = summary_codes(&s);
    assert!(
        found.contains(&(
            code::PROVINCIAL_MIN_TRAINEES.into(),
            "applications[2].participants".into()
        )),
        "{found:?}"
    );
}

#[test]
fn totals_count_what_the_rows_say() {
    let t = summary().totals();
    assert_eq!(t.projects, 5);
    assert_eq!(t.participants, 60 + 50 + 45 + 40 + 80);
    assert_eq!(t.government, 4);
    assert_eq!(t.self_funded, 2);
    assert_eq!(t.featured, 1);
}
