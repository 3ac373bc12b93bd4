//! 汇总表 (附件2): one per reporting body.

use super::application::Application;
use crate::date::serde_date;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One summary (汇总表): the reporting body and its applications in ranking order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// 年度; absent means the notice profile's year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// 报送单位.
    #[serde(default)]
    pub reporter: Reporter,
    /// 填报日期.
    #[serde(
        default,
        with = "serde_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<String>")]
    pub filled_on: Option<NaiveDate>,
    /// 项目: the applications, in the reporting body's ranking order.
    #[serde(default)]
    pub applications: Vec<Application>,
}

/// 报送单位 with its contact.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reporter {
    /// 单位名称.
    #[serde(default)]
    pub name: String,
    /// 联系人.
    #[serde(default)]
    pub contact: String,
    /// 联系电话.
    #[serde(default)]
    pub phone: String,
}

/// The closing line of the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Totals {
    /// Number of projects.
    pub projects: usize,
    /// Sum of planned trainees (rows without a number count 0).
    pub participants: u64,
    /// Projects with 财政资助 ticked.
    pub government: usize,
    /// Projects with 自筹经费 ticked.
    pub self_funded: usize,
    /// Projects with both ticked (counted in both of the above, so that the
    /// two add up to more than `projects` by this many).
    pub both: usize,
    /// 特色班 projects.
    pub featured: usize,
}

impl Summary {
    /// Counts the totals line.
    pub fn totals(&self) -> Totals {
        let apps = &self.applications;
        Totals {
            projects: apps.len(),
            participants: apps
                .iter()
                .filter_map(|a| a.participants)
                .map(u64::from)
                .sum(),
            government: apps.iter().filter(|a| a.funding.government).count(),
            self_funded: apps
                .iter()
                .filter(|a| a.funding.self_funded.is_some())
                .count(),
            both: apps
                .iter()
                .filter(|a| a.funding.government && a.funding.self_funded.is_some())
                .count(),
            featured: apps.iter().filter(|a| a.featured.is_some()).count(),
        }
    }
}
