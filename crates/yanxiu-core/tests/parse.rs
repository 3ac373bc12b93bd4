//! Reading JSON: aliases, Chinese values and dates, and errors that name the field.

use yanxiu_core::parse::{self, Document, Kind};
use yanxiu_core::*;

fn err(json: &str) -> DataError {
    parse::application_from_json(json).unwrap_err()
}

#[test]
fn chinese_keys_values_and_dates() {
    let a = parse::application_from_json(include_str!("../../../examples/application-zh.json"))
        .unwrap();
    assert_eq!(a.level, Level::National);
    assert_eq!(a.applicant.kind, ApplicantKind::Enterprise);
    assert_eq!(a.applicant.training_qualified, Some(true));
    assert_eq!(a.applied_on, chrono::NaiveDate::from_ymd_opt(2024, 1, 8));
    assert_eq!(a.schedule.unwrap().days(), Some(5));
    assert_eq!(
        a.funding.self_funded.as_ref().unwrap().source,
        "承办单位配套经费"
    );
    assert!(a.topics.key_fields.is_some() && a.topics.major_strategy.is_none());
    assert_eq!(a.featured.as_ref().unwrap().previous.len(), 2);
    assert_eq!(a.contact.as_ref().unwrap().name, "林志堃");
    assert_eq!(a.mode, Mode::Onsite);
}

#[test]
fn shorthand_forms() {
    let a = parse::application_from_json(
        r#"{"申报单位":"福州大学","办班时间":"2024年6月","特色班相关情况":"无","研修方式":"线上线下结合","申报级别":"省级"}"#,
    )
    .unwrap();
    assert_eq!(a.applicant.name, "福州大学");
    assert_eq!(a.featured, None);
    assert_eq!(a.mode, Mode::Blended);
    assert!(matches!(
        a.schedule,
        Some(Schedule::Month { days: None, .. })
    ));
    let a = parse::application_from_json(r#"{"schedule":{"month":"2024-06","days":4}}"#).unwrap();
    assert_eq!(a.schedule.unwrap().days(), Some(4));
    let a = parse::application_from_json("\u{feff}{\"featured\":null}").unwrap();
    assert_eq!(a.featured, None);
}

#[test]
fn misspelt_key_names_its_full_path() {
    let mut s: serde_json::Value =
        serde_json::from_str(include_str!("../../../examples/summary.json")).unwrap();
    s["applications"][3]["projct_name"] = "x".into();
    let e = parse::summary_from_json(&serde_json::to_string_pretty(&s).unwrap()).unwrap_err();
    assert_eq!(e.path, "applications[3].projct_name");
    assert!(
        e.message.contains("未知字段「projct_name」"),
        "{}",
        e.message
    );
    assert!(e.line.is_some() && e.column.is_some());
    let e = err(r#"{"funding": {"government": true, "self": 1}}"#);
    assert_eq!(e.path, "funding.self");
}

#[test]
fn wrong_types_and_values() {
    let e = err(r#"{"participants": "四十"}"#);
    assert_eq!(e.path, "participants");
    assert!(e.message.contains("非负整数"), "{}", e.message);
    let e = err(r#"{"participants": -5}"#);
    assert_eq!(e.path, "participants");
    assert!(e.message.contains("-5"), "{}", e.message);
    let e = err(r#"{"level": "市级"}"#);
    assert_eq!(e.path, "level");
    assert!(e.message.contains("市级"), "{}", e.message);
    let e = err(r#"{"funding": {"government": "是"}}"#);
    assert_eq!(e.path, "funding.government");
    assert!(e.message.contains("true 或 false"), "{}", e.message);
}

#[test]
fn impossible_dates() {
    let e = err(r#"{"applied_on": "2024-02-30"}"#);
    assert_eq!(e.path, "applied_on");
    assert!(e.message.contains("不存在"), "{}", e.message);
    let e = err(r#"{"schedule": "2024年6月14日至11日"}"#);
    assert_eq!(e.path, "schedule");
    assert!(e.message.contains("早于"), "{}", e.message);
    let e = err(r#"{"schedule": {"start": "2024-06-11", "end": "2024-06-14", "days": 3}}"#);
    assert!(e.message.contains("不符"), "{}", e.message);
    let e = err(r#"{"schedule": {"start": "2024-06-11"}}"#);
    assert_eq!(e.path, "schedule");
}

#[test]
fn truncated_json_gives_line_and_column() {
    let text = include_str!("../../../examples/application.json");
    let e = err(&text[..300]);
    assert!(e.message.contains("不完整"), "{}", e.message);
    assert!(e.line.unwrap() > 1);
    let e = err("{\"venue\": \"a\",\n}");
    assert_eq!(e.line, Some(2));
    assert!(e.message.contains("逗号"), "{}", e.message);
}

#[test]
fn featured_free_text_is_refused_not_dropped() {
    let e = err(r#"{"featured": "第三次举办"}"#);
    assert_eq!(e.path, "featured");
}

#[test]
fn kind_is_detected_from_shape() {
    let s = include_str!("../../../examples/summary.json");
    assert!(matches!(
        parse::document_from_json(s, None).unwrap(),
        Document::Summary(_)
    ));
    let a = include_str!("../../../examples/application.json");
    assert!(matches!(
        parse::document_from_json(a, None).unwrap(),
        Document::Application(_)
    ));
    assert!(
        matches!(parse::document_from_json(&format!("[{a}]"), None).unwrap(), Document::Applications(v) if v.len() == 1)
    );
    assert!(parse::document_from_json(s, Some(Kind::Application)).is_err());
}

#[test]
fn a_year_far_outside_the_range_is_an_error_naming_the_field() {
    // Once a panic in validation (`300000年6月` parsed, then had no last day).
    let e = err(r#"{"项目名称": "甲", "办班时间": "300000年6月"}"#);
    assert_eq!(e.path, "办班时间");
    assert_eq!(e.kind, DataErrorKind::Invalid);
    let e = err(r#"{"申报时间": "20244年1月8日"}"#);
    assert_eq!(e.path, "申报时间");
    assert!(e.message.contains("超出范围"), "{}", e.message);
    let e = err(r#"{"schedule": {"month": "99999-01"}}"#);
    assert_eq!(e.path, "schedule");
}

#[test]
fn errors_name_the_key_as_written_with_its_line() {
    let e = err("{\n  \"项目名称\": \"甲\",\n  \"培训人数\": \"四十\"\n}");
    assert_eq!(e.path, "培训人数");
    assert_eq!(e.kind, DataErrorKind::WrongType);
    assert_eq!((e.line, e.column), (Some(3), Some(3)));
    let e = err(r#"{"特色班相关情况": {"已办班次": [{"名称": "a", "人数": -1}]}}"#);
    assert_eq!(e.path, "特色班相关情况.已办班次[0].人数");
    let e = err(r#"{"项目名称": "甲", "project_name": "乙"}"#);
    assert_eq!(e.kind, DataErrorKind::DuplicateField);
    let e = err(r#"{"申报级别": "市级"}"#);
    assert_eq!(e.kind, DataErrorKind::UnknownChoice);
    assert!(e.message.contains("省级 / 国家级"), "{}", e.message);
}

#[test]
fn every_label_and_alias_of_the_table_reads_its_field() {
    use yanxiu_core::fields::{self, Form};
    // A top-level text field given under each of its keys lands in the same place.
    for d in fields::APPLICATION.iter().filter(|d| d.parent().is_empty()) {
        let Some(_) = Application::default().text(d.path) else {
            continue;
        };
        for key in std::iter::once(d.label).chain(d.aliases.iter().copied()) {
            let a = parse::application_from_json(&format!(r#"{{"{key}": "值"}}"#)).unwrap();
            assert_eq!(a.text(d.path), Some("值"), "{key}");
        }
    }
    assert!(fields::find(Form::Application, "", "培训人数").is_some());
}
