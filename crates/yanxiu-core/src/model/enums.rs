//! The closed choices of the form. Each variant reads from its English name
//! and from the Chinese wording offices use.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// 申报级别: the level the project applies for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 省级高级研修项目.
    #[default]
    #[serde(alias = "省级")]
    Provincial,
    /// 国家级高级研修项目.
    #[serde(alias = "国家级")]
    National,
}

impl Level {
    /// The Chinese wording.
    pub fn label(self) -> &'static str {
        match self {
            Level::Provincial => "省级",
            Level::National => "国家级",
        }
    }
}

/// 研修方式: how the class is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// 线下: on site.
    #[default]
    #[serde(alias = "线下")]
    Onsite,
    /// 线上线下结合: on site with online access for remote areas.
    #[serde(alias = "线上线下结合", alias = "线上线下混合")]
    Blended,
    /// 线上: wholly online (refused by the notice).
    #[serde(alias = "线上")]
    Online,
}

impl Mode {
    /// The Chinese wording.
    pub fn label(self) -> &'static str {
        match self {
            Mode::Onsite => "线下",
            Mode::Blended => "线上线下结合",
            Mode::Online => "线上",
        }
    }
}

/// 申报单位类型: what kind of body applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApplicantKind {
    /// 事业单位或机关.
    #[default]
    #[serde(alias = "事业单位", alias = "机关", alias = "事业单位/机关")]
    Institution,
    /// 高校.
    #[serde(alias = "高校", alias = "高等院校")]
    University,
    /// 学会协会.
    #[serde(alias = "学会协会", alias = "学会", alias = "协会")]
    Association,
    /// 企业: must declare training qualification and invoicing.
    #[serde(alias = "企业")]
    Enterprise,
}

impl ApplicantKind {
    /// The Chinese wording.
    pub fn label(self) -> &'static str {
        match self {
            ApplicantKind::Institution => "事业单位/机关",
            ApplicantKind::University => "高校",
            ApplicantKind::Association => "学会协会",
            ApplicantKind::Enterprise => "企业",
        }
    }
}

/// The four 选题范围 of the notice (section 一), in the form's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TopicScope {
    /// 服务重大战略.
    MajorStrategy,
    /// 围绕重点领域.
    KeyFields,
    /// 推进产业发展.
    Industry,
    /// 突出数字技术.
    Digital,
}

impl TopicScope {
    /// All four, in the form's order.
    pub const ALL: [TopicScope; 4] = [
        TopicScope::MajorStrategy,
        TopicScope::KeyFields,
        TopicScope::Industry,
        TopicScope::Digital,
    ];

    /// The field name inside `topics`.
    pub fn key(self) -> &'static str {
        match self {
            TopicScope::MajorStrategy => "major_strategy",
            TopicScope::KeyFields => "key_fields",
            TopicScope::Industry => "industry",
            TopicScope::Digital => "digital",
        }
    }

    /// The label on the form.
    pub fn label(self) -> &'static str {
        match self {
            TopicScope::MajorStrategy => "服务重大战略",
            TopicScope::KeyFields => "围绕重点领域",
            TopicScope::Industry => "推进产业发展",
            TopicScope::Digital => "突出数字技术",
        }
    }

    /// The short name used in the summary's 选题范围 column.
    pub fn short(self) -> &'static str {
        match self {
            TopicScope::MajorStrategy => "重大战略",
            TopicScope::KeyFields => "重点领域",
            TopicScope::Industry => "产业发展",
            TopicScope::Digital => "数字技术",
        }
    }
}

/// The two 申报项目类别 of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FundingCategory {
    /// 财政资助项目.
    Government,
    /// 自筹经费项目.
    SelfFunded,
}

impl FundingCategory {
    /// The label on the form.
    pub fn label(self) -> &'static str {
        match self {
            FundingCategory::Government => "财政资助项目",
            FundingCategory::SelfFunded => "自筹经费项目",
        }
    }

    /// The short name used in the summary.
    pub fn short(self) -> &'static str {
        match self {
            FundingCategory::Government => "财政资助",
            FundingCategory::SelfFunded => "自筹经费",
        }
    }
}
