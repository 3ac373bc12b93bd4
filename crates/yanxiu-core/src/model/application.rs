//! 申报表 (附件1): one record per project.

use super::enums::{ApplicantKind, FundingCategory, Level, Mode, TopicScope};
use super::schedule::Schedule;
use crate::date::serde_date;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// One application (申报表). Every field reads from its English name or
/// from the Chinese label of the form.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Application {
    /// 年度: programme year; absent means the notice profile's year.
    #[serde(default, alias = "年度", skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// 申报级别.
    #[serde(default, alias = "申报级别")]
    pub level: Level,
    /// 申报单位.
    #[serde(default, alias = "申报单位")]
    pub applicant: Applicant,
    /// 申报时间.
    #[serde(
        default,
        alias = "申报时间",
        with = "serde_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<String>")]
    pub applied_on: Option<NaiveDate>,
    /// 项目名称.
    #[serde(default, alias = "项目名称")]
    pub project_name: String,
    /// 办班时间.
    #[serde(default, alias = "办班时间", skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Schedule>,
    /// 办班地点.
    #[serde(default, alias = "办班地点")]
    pub venue: String,
    /// 所属行业领域.
    #[serde(default, alias = "所属行业领域")]
    pub industry: String,
    /// 行业主管部门.
    #[serde(default, alias = "行业主管部门")]
    pub authority: String,
    /// 申报项目类别.
    #[serde(default, alias = "申报项目类别")]
    pub funding: Funding,
    /// 选题范围.
    #[serde(default, alias = "选题范围", alias = "是否符合选题范围")]
    pub topics: Topics,
    /// 研修目的和作用.
    #[serde(default, alias = "研修目的和作用")]
    pub purpose: String,
    /// 研修内容和方式.
    #[serde(default, alias = "研修内容和方式")]
    pub content: String,
    /// 研修方式.
    #[serde(default, alias = "研修方式")]
    pub mode: Mode,
    /// 授课专家情况.
    #[serde(default, alias = "授课专家情况")]
    pub experts: String,
    /// 培训对象.
    #[serde(default, alias = "培训对象")]
    pub audience: String,
    /// 培训人数: planned trainees.
    #[serde(default, alias = "培训人数", skip_serializing_if = "Option::is_none")]
    pub participants: Option<u32>,
    /// 特色班相关情况: `None` for a first-time class (printed `无`).
    #[serde(
        default,
        alias = "特色班相关情况",
        deserialize_with = "featured_de",
        skip_serializing_if = "Option::is_none"
    )]
    pub featured: Option<Featured>,
    /// 联系人.
    #[serde(default, alias = "联系人", skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// 备注.
    #[serde(default, alias = "备注")]
    pub remark: String,
}

impl Application {
    /// The 选题范围 boxes that are ticked, in the form's order, with their text.
    pub fn ticked_topics(&self) -> Vec<(TopicScope, &str)> {
        TopicScope::ALL
            .into_iter()
            .filter_map(|t| self.topics.get(t).map(|s| (t, s)))
            .collect()
    }

    /// The 申报项目类别 boxes that are ticked.
    pub fn funding_categories(&self) -> Vec<FundingCategory> {
        let mut v = Vec::new();
        if self.funding.government {
            v.push(FundingCategory::Government);
        }
        if self.funding.self_funded.is_some() {
            v.push(FundingCategory::SelfFunded);
        }
        v
    }
}

/// 申报单位, written as a plain name or as an object with its kind.
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
pub struct Applicant {
    /// 单位名称.
    pub name: String,
    /// 单位类型.
    #[serde(default)]
    pub kind: ApplicantKind,
    /// 具有培训资质 (matters for enterprises).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training_qualified: Option<bool>,
    /// 能开具培训费发票 (matters for enterprises).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub can_invoice: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawApplicant {
    #[serde(default, alias = "名称", alias = "单位名称")]
    name: String,
    #[serde(default, alias = "类型", alias = "单位类型")]
    kind: ApplicantKind,
    #[serde(default, alias = "具有培训资质", alias = "培训资质")]
    training_qualified: Option<bool>,
    #[serde(default, alias = "能开具培训费发票", alias = "开具发票")]
    can_invoice: Option<bool>,
}

impl<'de> Deserialize<'de> for Applicant {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Applicant;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("申报单位名称，或对象 {name, kind, training_qualified, can_invoice}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Applicant, E> {
                Ok(Applicant {
                    name: v.to_owned(),
                    ..Applicant::default()
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Applicant, A::Error> {
                let r = RawApplicant::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Applicant {
                    name: r.name,
                    kind: r.kind,
                    training_qualified: r.training_qualified,
                    can_invoice: r.can_invoice,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// 申报项目类别 (可多选).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    /// 财政资助项目 ticked.
    #[serde(default, alias = "财政资助", alias = "财政资助项目")]
    pub government: bool,
    /// 自筹经费项目 ticked, with its source.
    #[serde(
        default,
        alias = "自筹经费",
        alias = "自筹经费项目",
        skip_serializing_if = "Option::is_none"
    )]
    pub self_funded: Option<SelfFunded>,
}

/// 自筹经费项目 and its 自筹经费来源.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SelfFunded {
    /// 自筹经费来源.
    #[serde(default, alias = "自筹经费来源", alias = "来源")]
    pub source: String,
}

/// 是否符合选题范围: a present key is a ticked box, its value the explanation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Topics {
    /// 服务重大战略.
    #[serde(
        default,
        alias = "服务重大战略",
        skip_serializing_if = "Option::is_none"
    )]
    pub major_strategy: Option<String>,
    /// 围绕重点领域.
    #[serde(
        default,
        alias = "围绕重点领域",
        skip_serializing_if = "Option::is_none"
    )]
    pub key_fields: Option<String>,
    /// 推进产业发展.
    #[serde(
        default,
        alias = "推进产业发展",
        skip_serializing_if = "Option::is_none"
    )]
    pub industry: Option<String>,
    /// 突出数字技术.
    #[serde(
        default,
        alias = "突出数字技术",
        skip_serializing_if = "Option::is_none"
    )]
    pub digital: Option<String>,
}

impl Topics {
    /// The explanation of one scope, if ticked.
    pub fn get(&self, t: TopicScope) -> Option<&str> {
        match t {
            TopicScope::MajorStrategy => self.major_strategy.as_deref(),
            TopicScope::KeyFields => self.key_fields.as_deref(),
            TopicScope::Industry => self.industry.as_deref(),
            TopicScope::Digital => self.digital.as_deref(),
        }
    }

    /// Ticks a scope with its explanation (or unticks it with `None`).
    pub fn set(&mut self, t: TopicScope, text: Option<String>) {
        let slot = match t {
            TopicScope::MajorStrategy => &mut self.major_strategy,
            TopicScope::KeyFields => &mut self.key_fields,
            TopicScope::Industry => &mut self.industry,
            TopicScope::Digital => &mut self.digital,
        };
        *slot = text;
    }
}

/// 特色班相关情况 of a class held before.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Featured {
    /// 已办相关班次.
    #[serde(default, alias = "已办班次", alias = "已办相关班次")]
    pub previous: Vec<PreviousClass>,
    /// 本次办班的侧重点.
    #[serde(default, alias = "侧重点", alias = "本次办班的侧重点")]
    pub focus: String,
    /// 今后办系列班次的长期考虑.
    #[serde(default, alias = "长期考虑", alias = "今后办系列班次的长期考虑")]
    pub plan: String,
}

/// One earlier class of a 特色班.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviousClass {
    /// 班次名称.
    #[serde(default, alias = "名称", alias = "班次名称")]
    pub name: String,
    /// 时间 (free text, e.g. `2023年5月`).
    #[serde(default, alias = "时间", alias = "办班时间")]
    pub held: String,
    /// 授课专家.
    #[serde(default, alias = "授课专家")]
    pub experts: String,
    /// 培训对象.
    #[serde(default, alias = "培训对象")]
    pub audience: String,
    /// 人数.
    #[serde(
        default,
        alias = "人数",
        alias = "培训人数",
        skip_serializing_if = "Option::is_none"
    )]
    pub participants: Option<u32>,
    /// 取得成效.
    #[serde(default, alias = "成效", alias = "取得成效")]
    pub results: String,
}

/// 联系人 and phone.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// 姓名.
    #[serde(default, alias = "姓名")]
    pub name: String,
    /// 联系电话.
    #[serde(default, alias = "电话", alias = "联系电话")]
    pub phone: String,
}

/// `null`, `""` and `"无"` all mean a first-time class.
fn featured_de<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Featured>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<Featured>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("“无”、null，或对象 {previous, focus, plan}")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_any(V)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            match v.trim() {
                "" | "无" => Ok(None),
                _ => Err(E::custom(
                    "特色班相关情况只能写“无”（首次举办），或按已办班次（previous）、侧重点（focus）、长期考虑（plan）分项填写",
                )),
            }
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            Featured::deserialize(de::value::MapAccessDeserializer::new(map)).map(Some)
        }
    }
    d.deserialize_any(V)
}
