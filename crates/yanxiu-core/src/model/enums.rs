//! The closed choices of the form. Each variant reads from its English name
//! and from the Chinese wording offices use.

use schemars::JsonSchema;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

/// Declares a closed choice of the form: its variants with their English
/// key, the Chinese wording the form prints and the other wordings offices
/// type. Reading accepts any of them; writing gives the English key.
macro_rules! choice {
    (
        $(#[$doc:meta])* $name:ident {
            $($(#[$vdoc:meta])* $variant:ident = $key:literal, $label:literal $(| $alias:literal)*;)*
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, JsonSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        impl $name {
            /// Every choice, in the form's order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];
            /// The wordings the form prints, in the form's order.
            pub const LABELS: &'static [&'static str] = &[$($label,)*];

            /// The Chinese wording.
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)*
                }
            }

            /// The choice a text names: its English key, its wording or
            /// another accepted wording (spaces around it ignored).
            pub fn from_text(text: &str) -> Option<$name> {
                match text.trim() {
                    $($key | $label $(| $alias)* => Some($name::$variant),)*
                    _ => None,
                }
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                $name::from_text(&text)
                    .ok_or_else(|| de::Error::unknown_variant(&text, $name::LABELS))
            }
        }
    };
}

choice! {
    /// 申报级别: the level the project applies for.
    Level {
        /// 省级高级研修项目.
        #[default]
        Provincial = "provincial", "省级";
        /// 国家级高级研修项目.
        National = "national", "国家级";
    }
}

choice! {
    /// 研修方式: how the class is held.
    Mode {
        /// 线下: on site.
        #[default]
        Onsite = "onsite", "线下";
        /// 线上线下结合: on site with online access for remote areas.
        Blended = "blended", "线上线下结合" | "线上线下混合";
        /// 线上: wholly online (refused by the notice).
        Online = "online", "线上";
    }
}

choice! {
    /// 申报单位类型: what kind of body applies.
    ApplicantKind {
        /// 事业单位或机关.
        #[default]
        Institution = "institution", "事业单位/机关" | "事业单位" | "机关";
        /// 高校.
        University = "university", "高校" | "高等院校";
        /// 学会协会.
        Association = "association", "学会协会" | "学会" | "协会";
        /// 企业: must declare training qualification and invoicing.
        Enterprise = "enterprise", "企业";
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
        let p = self.path();
        &p["topics.".len()..]
    }

    /// The path of its field in the model, e.g. `topics.digital`.
    pub fn path(self) -> &'static str {
        match self {
            TopicScope::MajorStrategy => "topics.major_strategy",
            TopicScope::KeyFields => "topics.key_fields",
            TopicScope::Industry => "topics.industry",
            TopicScope::Digital => "topics.digital",
        }
    }

    /// The label on the form (from the table of fields).
    pub fn label(self) -> &'static str {
        crate::fields::label(self.path())
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
    /// Both, in the form's order.
    pub const ALL: [FundingCategory; 2] =
        [FundingCategory::Government, FundingCategory::SelfFunded];

    /// The path of its field in the model.
    pub fn path(self) -> &'static str {
        match self {
            FundingCategory::Government => "funding.government",
            FundingCategory::SelfFunded => "funding.self_funded",
        }
    }

    /// The label on the form (from the table of fields).
    pub fn label(self) -> &'static str {
        crate::fields::label(self.path())
    }

    /// The short name used in the summary.
    pub fn short(self) -> &'static str {
        match self {
            FundingCategory::Government => "财政资助",
            FundingCategory::SelfFunded => "自筹经费",
        }
    }
}
