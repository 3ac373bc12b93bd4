//! Findings and the table of rule codes.

use crate::profile::Profile;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a finding is: errors block a final PDF, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks a final PDF.
    Error,
    /// Worth a look; does not block.
    Warning,
}

impl Severity {
    /// `错误` or `警告`.
    pub fn label_zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One rule broken by the data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable code, e.g. `YX010`; see [`RULES`].
    pub code: String,
    /// Error or warning.
    pub severity: Severity,
    /// JSON path of the field in English names, e.g. `funding.self_funded.source`.
    pub path: String,
    /// What is wrong, in Chinese.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The one wording of a finding: reports, the command line, messages.
        write!(
            f,
            "{} {} {}：{}",
            self.severity.label_zh(),
            self.code,
            self.path,
            self.message
        )
    }
}

/// A rule of the notice that data is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable code.
    pub code: &'static str,
    /// Severity of its findings.
    pub severity: Severity,
    /// Section of the notice it comes from.
    pub source: &'static str,
    /// What it checks, in Chinese; the notice's numbers are named in braces
    /// (`{provincial.min_participants}`) and come from the profile, see
    /// [`Rule::describe`].
    pub summary: &'static str,
}

impl Rule {
    /// What the rule checks, with the numbers of a notice profile.
    pub fn describe(&self, p: &Profile) -> String {
        let numbers = [
            (
                "{provincial.days_nominal}",
                p.provincial.days_nominal.to_string(),
            ),
            ("{provincial.days_min}", p.provincial.days_min.to_string()),
            ("{provincial.days_max}", p.provincial.days_max.to_string()),
            (
                "{provincial.min_participants}",
                p.provincial.min_participants.to_string(),
            ),
            (
                "{national.days_nominal}",
                p.national.days_nominal.to_string(),
            ),
            ("{national.days_min}", p.national.days_min.to_string()),
            ("{national.days_max}", p.national.days_max.to_string()),
            (
                "{national.max_participants}",
                p.national.max_participants.to_string(),
            ),
            (
                "{national.finish_by}",
                crate::date::zh(p.national.finish_by),
            ),
        ];
        numbers
            .iter()
            .fold(self.summary.to_owned(), |s, (k, v)| s.replace(k, v))
    }
}

macro_rules! rules {
    ($($name:ident = $code:literal, $sev:ident, $src:literal, $sum:literal;)*) => {
        /// Rule codes as constants, so the checks and the table cannot drift apart.
        pub mod code {
            $(#[doc = $sum] pub const $name: &str = $code;)*
        }
        /// Every rule, in code order. The crate docs print this table.
        pub const RULES: &[Rule] = &[
            $(Rule { code: $code, severity: Severity::$sev, source: $src, summary: $sum },)*
        ];
    };
}

rules! {
    REQUIRED_TEXT = "YX001", Error, "附件1", "必填内容缺失（项目名称、办班时间、办班地点、所属行业领域、行业主管部门、研修目的和作用、研修内容和方式、授课专家情况、培训对象）";
    APPLICANT_NAME = "YX002", Error, "附件1", "未填写申报单位";
    TOPIC_NONE = "YX010", Error, "一、附件1", "未勾选任何选题范围";
    TOPIC_UNEXPLAINED = "YX011", Error, "一、附件1", "勾选的选题范围未填写说明";
    FUNDING_NONE = "YX020", Error, "三（三）、附件1", "未勾选申报项目类别";
    SELF_FUNDED_SOURCE = "YX021", Error, "三（三）、附件1", "自筹经费项目未注明自筹经费来源";
    PROVINCIAL_DAYS = "YX030", Warning, "二（三）", "省级项目研修时间应为{provincial.days_nominal}天左右（{provincial.days_min}至{provincial.days_max}天）";
    PROVINCIAL_MIN_TRAINEES = "YX031", Error, "二（三）", "省级项目学员不少于{provincial.min_participants}人";
    NATIONAL_DAYS = "YX032", Warning, "二（三）", "国家级项目研修时间应为{national.days_nominal}天左右（{national.days_min}至{national.days_max}天）";
    NATIONAL_MAX_TRAINEES = "YX033", Error, "二（三）", "国家级项目学员一般不超过{national.max_participants}人";
    NATIONAL_FINISH_BY = "YX034", Error, "二（三）", "国家级项目须在{national.finish_by}之前完成办班";
    TRAINEES_MISSING = "YX035", Warning, "二（三）", "未填写培训人数，无法核对人数要求";
    HELD_IN_YEAR = "YX040", Error, "标题、二（三）", "办班时间须在项目年度内";
    YEAR_MISMATCH = "YX041", Error, "标题", "年度与通知年度不符";
    APPLIED_AFTER_DEADLINE = "YX042", Warning, "三（四）", "申报时间晚于报送截止日期";
    APPLIED_ON_MISSING = "YX043", Warning, "附件1", "未填写申报时间";
    WHOLLY_ONLINE = "YX050", Error, "二（二）", "不得全程全员线上办班";
    BLENDED = "YX051", Warning, "二（二）", "线上教学仅可适当面向艰苦边远地区学员开放";
    FEATURED_NO_PREVIOUS = "YX060", Error, "三（一）、附件1", "特色班须列出已办相关班次";
    FEATURED_PREVIOUS_INCOMPLETE = "YX061", Warning, "三（一）、附件1", "已办班次缺少名称或时间";
    FEATURED_FOCUS_PLAN = "YX062", Warning, "三（一）、附件1", "特色班应说明本次侧重点和长期考虑";
    ENTERPRISE_QUALIFIED = "YX070", Error, "三（二）", "企业申报须具有培训资质";
    ENTERPRISE_INVOICE = "YX071", Error, "三（二）", "企业申报须能开具培训费发票";
    AUDIENCE = "YX080", Warning, "二（二）", "学员一般应为中高级职称专业技术人员或经营管理人员";
    CONTACT_MISSING = "YX090", Warning, "三（四）", "未填写联系人及电话（汇总表需要）";
    SUMMARY_EMPTY = "YX101", Error, "三（四）", "汇总表中没有项目";
    SUMMARY_DUPLICATE = "YX102", Error, "三（四）", "同一项目在汇总表中出现两次";
    SUMMARY_YEAR = "YX103", Error, "三（四）", "项目年度与汇总表年度不符";
    REPORTER_NAME = "YX104", Error, "三（四）", "未填写报送单位";
    REPORTER_CONTACT = "YX105", Warning, "三（四）", "未填写报送单位联系人或联系电话";
    FILLED_AFTER_DEADLINE = "YX106", Warning, "三（四）", "填报日期晚于报送截止日期";
    FONT_FALLBACK = "YX110", Warning, "附件1、附件2", "有字符由后备字体显示（正式字体无此字）";
    FONT_MISSING = "YX111", Error, "附件1、附件2", "有字符任何字体都无法显示";
}

/// The rule of a code.
pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}
