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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// 申报级别.
    #[serde(default)]
    pub level: Level,
    /// 申报单位.
    #[serde(default)]
    pub applicant: Applicant,
    /// 申报时间.
    #[serde(
        default,
        with = "serde_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<String>")]
    pub applied_on: Option<NaiveDate>,
    /// 项目名称.
    #[serde(default)]
    pub project_name: String,
    /// 办班时间.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Schedule>,
    /// 办班地点.
    #[serde(default)]
    pub venue: String,
    /// 所属行业领域.
    #[serde(default)]
    pub industry: String,
    /// 行业主管部门.
    #[serde(default)]
    pub authority: String,
    /// 申报项目类别.
    #[serde(default)]
    pub funding: Funding,
    /// 选题范围.
    #[serde(default)]
    pub topics: Topics,
    /// 研修目的和作用.
    #[serde(default)]
    pub purpose: String,
    /// 研修内容和方式.
    #[serde(default)]
    pub content: String,
    /// 研修方式.
    #[serde(default)]
    pub mode: Mode,
    /// 授课专家情况.
    #[serde(default)]
    pub experts: String,
    /// 培训对象.
    #[serde(default)]
    pub audience: String,
    /// 培训人数: planned trainees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participants: Option<u32>,
    /// 特色班相关情况: `None` for a first-time class (printed `无`).
    #[serde(
        default,
        deserialize_with = "featured_de",
        skip_serializing_if = "Option::is_none"
    )]
    pub featured: Option<Featured>,
    /// 联系人.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// 备注.
    #[serde(default)]
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

    /// The text of a text field by its path in the table of fields
    /// ([`crate::fields`]); `None` for a path that is not a text field.
    pub fn text(&self, path: &str) -> Option<&str> {
        Some(match path {
            "applicant.name" => &self.applicant.name,
            "project_name" => &self.project_name,
            "venue" => &self.venue,
            "industry" => &self.industry,
            "authority" => &self.authority,
            "purpose" => &self.purpose,
            "content" => &self.content,
            "experts" => &self.experts,
            "audience" => &self.audience,
            "remark" => &self.remark,
            _ => return None,
        })
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
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: ApplicantKind,
    #[serde(default)]
    training_qualified: Option<bool>,
    #[serde(default)]
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
    #[serde(default)]
    pub government: bool,
    /// 自筹经费项目 ticked, with its source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_funded: Option<SelfFunded>,
}

impl Funding {
    /// The 自筹经费来源 as written (empty when 自筹经费 is not ticked).
    pub fn source(&self) -> &str {
        self.self_funded.as_ref().map_or("", |s| s.source.as_str())
    }
}

/// 自筹经费项目 and its 自筹经费来源.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SelfFunded {
    /// 自筹经费来源.
    #[serde(default)]
    pub source: String,
}

/// 是否符合选题范围: a present key is a ticked box, its value the explanation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Topics {
    /// 服务重大战略.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub major_strategy: Option<String>,
    /// 围绕重点领域.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_fields: Option<String>,
    /// 推进产业发展.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry: Option<String>,
    /// 突出数字技术.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
    #[serde(default)]
    pub previous: Vec<PreviousClass>,
    /// 本次办班的侧重点.
    #[serde(default)]
    pub focus: String,
    /// 今后办系列班次的长期考虑.
    #[serde(default)]
    pub plan: String,
}

/// One earlier class of a 特色班.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviousClass {
    /// 班次名称.
    #[serde(default)]
    pub name: String,
    /// 时间 (free text, e.g. `2023年5月`).
    #[serde(default)]
    pub held: String,
    /// 授课专家.
    #[serde(default)]
    pub experts: String,
    /// 培训对象.
    #[serde(default)]
    pub audience: String,
    /// 人数.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participants: Option<u32>,
    /// 取得成效.
    #[serde(default)]
    pub results: String,
}

/// 联系人 and phone.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// 姓名.
    #[serde(default)]
    pub name: String,
    /// 联系电话.
    #[serde(default)]
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
