//! Any application serialises and parses back equal, with English keys and
//! with the Chinese labels as keys.

use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::{Map, Value};
use yanxiu_core::*;

/// English key → Chinese label, by the object the key sits in.
fn zh_key(context: &str, key: &str) -> Option<&'static str> {
    Some(match (context, key) {
        ("app", "year") => "年度",
        ("app", "level") => "申报级别",
        ("app", "applicant") => "申报单位",
        ("app", "applied_on") => "申报时间",
        ("app", "project_name") => "项目名称",
        ("app", "schedule") => "办班时间",
        ("app", "venue") => "办班地点",
        ("app", "industry") => "所属行业领域",
        ("app", "authority") => "行业主管部门",
        ("app", "funding") => "申报项目类别",
        ("app", "topics") => "选题范围",
        ("app", "purpose") => "研修目的和作用",
        ("app", "content") => "研修内容和方式",
        ("app", "mode") => "研修方式",
        ("app", "experts") => "授课专家情况",
        ("app", "audience") => "培训对象",
        ("app", "participants") => "培训人数",
        ("app", "featured") => "特色班相关情况",
        ("app", "contact") => "联系人",
        ("app", "remark") => "备注",
        ("applicant", "name") => "名称",
        ("applicant", "kind") => "单位类型",
        ("applicant", "training_qualified") => "具有培训资质",
        ("applicant", "can_invoice") => "能开具培训费发票",
        ("funding", "government") => "财政资助",
        ("funding", "self_funded") => "自筹经费",
        ("self_funded", "source") => "自筹经费来源",
        ("topics", "major_strategy") => "服务重大战略",
        ("topics", "key_fields") => "围绕重点领域",
        ("topics", "industry") => "推进产业发展",
        ("topics", "digital") => "突出数字技术",
        ("featured", "previous") => "已办班次",
        ("featured", "focus") => "侧重点",
        ("featured", "plan") => "长期考虑",
        ("previous", "name") => "班次名称",
        ("previous", "held") => "时间",
        ("previous", "experts") => "授课专家",
        ("previous", "audience") => "培训对象",
        ("previous", "participants") => "人数",
        ("previous", "results") => "取得成效",
        ("contact", "name") => "姓名",
        ("contact", "phone") => "联系电话",
        ("schedule", "start") => "开始日期",
        ("schedule", "end") => "结束日期",
        ("schedule", "month") => "月份",
        ("schedule", "days") => "天数",
        ("summary", "year") => "年度",
        ("summary", "reporter") => "报送单位",
        ("summary", "filled_on") => "填报日期",
        ("summary", "applications") => "项目",
        ("reporter", "name") => "名称",
        ("reporter", "contact") => "联系人",
        ("reporter", "phone") => "联系电话",
        _ => return None,
    })
}

fn zh_value(key: &str, v: &Value) -> Option<Value> {
    let s = v.as_str()?;
    let zh = match (key, s) {
        ("level", "provincial") => "省级",
        ("level", "national") => "国家级",
        ("mode", "onsite") => "线下",
        ("mode", "blended") => "线上线下结合",
        ("mode", "online") => "线上",
        ("kind", "institution") => "事业单位",
        ("kind", "university") => "高校",
        ("kind", "association") => "学会协会",
        ("kind", "enterprise") => "企业",
        _ => return None,
    };
    Some(Value::String(zh.into()))
}

/// Rewrites a serialised model with Chinese keys and enum values.
pub fn to_chinese(context: &str, v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut out = Map::new();
            for (k, val) in m {
                let child = match (context, k.as_str()) {
                    ("summary", "applications") => "app",
                    ("app", "applicant")
                    | ("app", "funding")
                    | ("app", "topics")
                    | ("app", "featured") => k,
                    ("app", "contact") | ("app", "schedule") | ("summary", "reporter") => k,
                    ("funding", "self_funded") | ("featured", "previous") => k,
                    _ => "leaf",
                };
                let new_val = zh_value(k, val).unwrap_or_else(|| to_chinese(child, val));
                let key = zh_key(context, k)
                    .unwrap_or_else(|| panic!("no Chinese key for {context}.{k}"));
                out.insert(key.to_owned(), new_val);
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(|x| to_chinese(context, x)).collect()),
        other => other.clone(),
    }
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ]{0,12}",
        "[\u{4e00}-\u{9fa5}，。、：；（）“”]{0,30}",
        any::<String>(),
        Just("#panic(\"x\") ]#set page(width: 1pt)[".to_owned()),
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    // Up to 2099, so that a schedule of up to 40 days from it stays within
    // the years the reader accepts (2000–2100).
    (2000i32..=2099, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn schedule() -> impl Strategy<Value = Schedule> {
    prop_oneof![
        (date(), 0i64..40)
            .prop_map(|(s, n)| Schedule::dates(s, s + chrono::Duration::days(n)).unwrap()),
        (2000i32..=2100, 1u32..=12, proptest::option::of(0u32..30)).prop_map(|(y, m, days)| {
            Schedule::Month {
                month: date::YearMonth::new(y, m).unwrap(),
                days,
            }
        }),
    ]
}

fn previous() -> impl Strategy<Value = PreviousClass> {
    (
        text(),
        text(),
        text(),
        text(),
        proptest::option::of(0u32..500),
        text(),
    )
        .prop_map(
            |(name, held, experts, audience, participants, results)| PreviousClass {
                name,
                held,
                experts,
                audience,
                participants,
                results,
            },
        )
}

prop_compose! {
    fn application()(
        year in proptest::option::of(2000i32..2100),
        national in any::<bool>(),
        (name, kind, tq, ci) in (text(), 0u8..4, proptest::option::of(any::<bool>()), proptest::option::of(any::<bool>())),
        applied_on in proptest::option::of(date()),
        project_name in text(),
        schedule in proptest::option::of(schedule()),
        (venue, industry, authority) in (text(), text(), text()),
        (gov, source) in (any::<bool>(), proptest::option::of(text())),
        topics in proptest::collection::vec(proptest::option::of(text()), 4),
        (purpose, content, experts, audience) in (text(), text(), text(), text()),
        mode in 0u8..3,
        participants in proptest::option::of(any::<u32>()),
        featured in proptest::option::of((proptest::collection::vec(previous(), 0..3), text(), text())),
        contact in proptest::option::of((text(), text())),
        remark in text(),
    ) -> Application {
        Application {
            year,
            level: if national { Level::National } else { Level::Provincial },
            applicant: Applicant {
                name,
                kind: [ApplicantKind::Institution, ApplicantKind::University, ApplicantKind::Association, ApplicantKind::Enterprise][kind as usize],
                training_qualified: tq,
                can_invoice: ci,
            },
            applied_on,
            project_name,
            schedule,
            venue,
            industry,
            authority,
            funding: Funding { government: gov, self_funded: source.map(|source| SelfFunded { source }) },
            topics: Topics {
                major_strategy: topics[0].clone(),
                key_fields: topics[1].clone(),
                industry: topics[2].clone(),
                digital: topics[3].clone(),
            },
            purpose,
            content,
            mode: [Mode::Onsite, Mode::Blended, Mode::Online][mode as usize],
            experts,
            audience,
            participants,
            featured: featured.map(|(previous, focus, plan)| Featured { previous, focus, plan }),
            contact: contact.map(|(name, phone)| Contact { name, phone }),
            remark,
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn english_keys_round_trip(app in application()) {
        let json = serde_json::to_string(&app).unwrap();
        prop_assert_eq!(parse::application_from_json(&json).unwrap(), app);
    }

    #[test]
    fn chinese_keys_round_trip(app in application()) {
        let zh = to_chinese("app", &serde_json::to_value(&app).unwrap());
        let json = serde_json::to_string(&zh).unwrap();
        prop_assert_eq!(parse::application_from_json(&json).unwrap(), app);
    }

    #[test]
    fn summaries_round_trip(apps in proptest::collection::vec(application(), 0..4), name in text(), filled in proptest::option::of(date())) {
        let s = Summary { year: Some(2024), reporter: Reporter { name, contact: "刘敏".into(), phone: "1".into() }, filled_on: filled, applications: apps };
        let en = serde_json::to_value(&s).unwrap();
        prop_assert_eq!(&parse::summary_from_json(&en.to_string()).unwrap(), &s);
        let zh = to_chinese("summary", &en);
        prop_assert_eq!(parse::summary_from_json(&zh.to_string()).unwrap(), s);
    }
}
