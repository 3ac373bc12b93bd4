//! The typed model of the two forms of notice 闽人社办〔2023〕216号 — the
//! 申报表 (附件1) and the 汇总表 (附件2) — the notice's numbers as a
//! [`Profile`], and validation against the notice's rules.
//!
//! ```
//! use yanxiu_core::{Profile, parse};
//!
//! let app = parse::application_from_json(r#"{"项目名称": "数字经济高级研修班", "申报级别": "省级"}"#)?;
//! let findings = app_findings(&app);
//! assert!(findings.iter().any(|f| f.code == "YX010")); // no 选题范围 ticked
//! # fn app_findings(a: &yanxiu_core::Application) -> Vec<yanxiu_core::Finding> {
//! #     yanxiu_core::validate_application(a, &Profile::fujian_2024(), "")
//! # }
//! # Ok::<(), yanxiu_core::DataError>(())
//! ```
//!
//! # Rule codes
//!
//! Every finding carries one of these stable codes (the same table is
//! [`RULES`]; a test keeps the two equal).
//!
//! | code | severity | notice | rule |
//! |---|---|---|---|
//! | YX001 | error | 附件1 | 必填内容缺失（项目名称、办班时间、办班地点、所属行业领域、行业主管部门、研修目的和作用、研修内容和方式、授课专家情况、培训对象） |
//! | YX002 | error | 附件1 | 未填写申报单位 |
//! | YX010 | error | 一、附件1 | 未勾选任何选题范围 |
//! | YX011 | error | 一、附件1 | 勾选的选题范围未填写说明 |
//! | YX020 | error | 三（三）、附件1 | 未勾选申报项目类别 |
//! | YX021 | error | 三（三）、附件1 | 自筹经费项目未注明自筹经费来源 |
//! | YX030 | warning | 二（三） | 省级项目研修时间应为4天左右（3至5天） |
//! | YX031 | error | 二（三） | 省级项目学员不少于25人 |
//! | YX032 | warning | 二（三） | 国家级项目研修时间应为5天左右（4至6天） |
//! | YX033 | error | 二（三） | 国家级项目学员一般不超过100人 |
//! | YX034 | error | 二（三） | 国家级项目须在2024年11月30日之前完成办班 |
//! | YX035 | warning | 二（三） | 未填写培训人数，无法核对人数要求 |
//! | YX040 | error | 标题、二（三） | 办班时间须在项目年度内 |
//! | YX041 | error | 标题 | 年度与通知年度不符 |
//! | YX042 | warning | 三（四） | 申报时间晚于报送截止日期 |
//! | YX043 | warning | 附件1 | 未填写申报时间 |
//! | YX050 | error | 二（二） | 不得全程全员线上办班 |
//! | YX051 | warning | 二（二） | 线上教学仅可适当面向艰苦边远地区学员开放 |
//! | YX060 | error | 三（一）、附件1 | 特色班须列出已办相关班次 |
//! | YX061 | warning | 三（一）、附件1 | 已办班次缺少名称或时间 |
//! | YX062 | warning | 三（一）、附件1 | 特色班应说明本次侧重点和长期考虑 |
//! | YX070 | error | 三（二） | 企业申报须具有培训资质 |
//! | YX071 | error | 三（二） | 企业申报须能开具培训费发票 |
//! | YX080 | warning | 二（二） | 学员一般应为中高级职称专业技术人员或经营管理人员 |
//! | YX090 | warning | 三（四） | 未填写联系人及电话（汇总表需要） |
//! | YX101 | error | 三（四） | 汇总表中没有项目 |
//! | YX102 | error | 三（四） | 同一项目在汇总表中出现两次 |
//! | YX103 | error | 三（四） | 项目年度与汇总表年度不符 |
//! | YX104 | error | 三（四） | 未填写报送单位 |
//! | YX105 | warning | 三（四） | 未填写报送单位联系人或联系电话 |
//! | YX106 | warning | 三（四） | 填报日期晚于报送截止日期 |
//! | YX110 | warning | 附件1、附件2 | 有字符由后备字体显示（正式字体无此字） |
//! | YX111 | error | 附件1、附件2 | 有字符任何字体都无法显示 |
//!
//! The numbers in these rules (25, 100, 4 and 5 days, the dates) come from
//! the [`Profile`]; the table shows the 2024 ones.

pub mod date;
mod error;
pub mod examples;
pub mod fields;
pub mod form;
pub mod labels;
pub mod limits;
pub mod model;
pub mod parse;
mod profile;
pub mod ticks;
pub mod validate;

pub use error::{DataError, DataErrorKind, Error};
pub use model::*;
pub use profile::{FUJIAN_2024, NationalRules, Profile, ProvincialRules};
pub use validate::{
    Finding, RULES, Rule, Severity, has_errors, validate_application, validate_summary,
};

impl Application {
    /// Checks this application against a notice profile.
    pub fn validate(&self, profile: &Profile) -> Vec<Finding> {
        validate_application(self, profile, "")
    }
}

impl Summary {
    /// Checks this summary and each of its applications.
    pub fn validate(&self, profile: &Profile) -> Vec<Finding> {
        validate_summary(self, profile)
    }
}

#[cfg(test)]
mod doc_table_tests {
    /// The rule tables of the crate docs and of the README, with the 2024 numbers.
    #[test]
    fn crate_docs_and_readme_list_every_rule() {
        let docs = include_str!("lib.rs");
        let readme = include_str!("../../../README.md");
        let p = super::Profile::fujian_2024();
        for r in super::RULES {
            let row = format!(
                "| {} | {} | {} | {} |",
                r.code,
                r.severity,
                r.source,
                r.describe(&p)
            );
            assert!(
                docs.contains(&format!("//! {row}")),
                "crate docs lack the row: {row}"
            );
            assert!(readme.contains(&row), "README lacks the row: {row}");
        }
    }

    #[test]
    fn rule_summaries_take_their_numbers_from_the_profile() {
        let mut p = super::Profile::fujian_2024();
        p.provincial.min_participants = 30;
        let r = super::validate::rule("YX031").map(|r| r.describe(&p));
        assert_eq!(r.as_deref(), Some("省级项目学员不少于30人"));
        assert!(super::RULES.iter().all(|r| !r.describe(&p).contains('{')));
    }
}
