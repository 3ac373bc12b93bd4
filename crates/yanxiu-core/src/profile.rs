//! The notice profile: every number of one year's notice, as data.
//!
//! The 2024 profile is embedded; another year's notice is a new TOML file
//! loaded with [`Profile::from_path`], not a code change.

use crate::date::serde_date;
use crate::error::Error;
use crate::form::{ApplicationForm, SummaryForm};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The embedded profile of notice 闽人社办〔2023〕216号.
pub const FUJIAN_2024: &str = include_str!("../profiles/fujian-2024.toml");

/// One year's notice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Short identifier, e.g. `fujian-2024`.
    pub id: String,
    /// The notice's document number.
    pub notice: String,
    /// Programme year.
    pub year: i32,
    /// Hand-in deadline (申报时间 after it is warned about).
    #[serde(with = "serde_date")]
    pub deadline: NaiveDate,
    /// Title of 附件1, `{year}` replaced by the year.
    pub application_title: String,
    /// Title of 附件2, `{year}` replaced by the year.
    pub summary_title: String,
    /// Rules for provincial classes.
    pub provincial: ProvincialRules,
    /// Rules for national classes.
    pub national: NationalRules,
    /// The 申报表 element by element.
    pub application_form: ApplicationForm,
    /// The 汇总表 element by element.
    pub summary_form: SummaryForm,
}

/// 省级 rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvincialRules {
    /// The notice's "about N days".
    pub days_nominal: u32,
    /// Fewest days accepted without a warning.
    pub days_min: u32,
    /// Most days accepted without a warning.
    pub days_max: u32,
    /// Fewest trainees.
    pub min_participants: u32,
    /// Subsidy cap per class, in yuan.
    pub subsidy_cap_yuan: u32,
}

/// 国家级 rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NationalRules {
    /// The notice's "about N days".
    pub days_nominal: u32,
    /// Fewest days accepted without a warning.
    pub days_min: u32,
    /// Most days accepted without a warning.
    pub days_max: u32,
    /// Most trainees.
    pub max_participants: u32,
    /// The class must be over by this day.
    #[serde(with = "serde_date")]
    pub finish_by: NaiveDate,
}

impl Profile {
    /// The embedded 2024 profile.
    pub fn fujian_2024() -> Profile {
        Profile::from_toml(FUJIAN_2024).expect("the embedded profile is valid")
    }

    /// The embedded 2024 profile, parsed once for the whole process (for
    /// callers that read many forms with it: the Word reader, a batch, the
    /// Python binding).
    pub fn fujian_2024_shared() -> &'static Profile {
        static PROFILE: std::sync::OnceLock<Profile> = std::sync::OnceLock::new();
        PROFILE.get_or_init(Profile::fujian_2024)
    }

    /// Parses a profile from TOML text.
    pub fn from_toml(text: &str) -> Result<Profile, Error> {
        let profile: Profile = toml::from_str(text).map_err(|e| Error::Profile(Box::new(e)))?;
        let invalid = |table: &str, m: String| {
            Error::Profile(Box::new(<toml::de::Error as serde::de::Error>::custom(
                format!("[{table}]：{m}"),
            )))
        };
        profile
            .application_form
            .check()
            .map_err(|m| invalid("application_form", m))?;
        profile
            .summary_form
            .check()
            .map_err(|m| invalid("summary_form", m))?;
        Ok(profile)
    }

    /// Loads a profile file.
    pub fn from_path(path: &Path) -> Result<Profile, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Io {
            path: path.to_path_buf(),
            source: e,
        })?;
        Profile::from_toml(&text)
    }

    /// The 申报表 title for a year, with `\n` where the form breaks it.
    pub fn application_title(&self, year: i32) -> String {
        self.application_title.replace("{year}", &year.to_string())
    }

    /// The year a 申报表 title names, as printed or as a unit typed it (spaces
    /// and line breaks anywhere): the inverse of [`Profile::application_title`],
    /// for a form read back without its stored record.
    pub fn year_in_application_title(&self, text: &str) -> Option<i32> {
        let squeeze = |s: &str| -> String {
            s.chars()
                .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
                .collect()
        };
        let (before, after) = self.application_title.split_once("{year}")?;
        let (text, before) = (squeeze(text), squeeze(before));
        let rest = &text[text.find(&before)? + before.len()..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        // The character after the year (`年`) must follow it too.
        let next = squeeze(after).chars().next()?;
        (digits.len() == 4 && rest[digits.len()..].starts_with(next))
            .then(|| digits.parse().ok())
            .flatten()
    }

    /// The 汇总表 title for a year, with `\n` where the form breaks it.
    pub fn summary_title(&self, year: i32) -> String {
        self.summary_title.replace("{year}", &year.to_string())
    }

    /// A title as one line, for metadata and file names.
    pub fn one_line(title: &str) -> String {
        title.replace('\n', "")
    }
}

impl Default for Profile {
    fn default() -> Self {
        Profile::fujian_2024()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_a_title_names() {
        let p = Profile::fujian_2024();
        assert_eq!(
            p.year_in_application_title(&p.application_title(2025)),
            Some(2025)
        );
        assert_eq!(
            p.year_in_application_title(
                "附件1 专业技术人员知识更新工程 2024 年\n高级研修项目申报表"
            ),
            Some(2024)
        );
        assert_eq!(p.year_in_application_title("高级研修项目申报表"), None);
        assert_eq!(
            p.year_in_application_title("专业技术人员知识更新工程年度"),
            None
        );
    }

    #[test]
    fn embedded_profile_carries_the_notice_numbers() {
        let p = Profile::fujian_2024();
        assert_eq!(p.year, 2024);
        assert_eq!(p.deadline, NaiveDate::from_ymd_opt(2024, 1, 15).unwrap());
        assert_eq!(p.provincial.min_participants, 25);
        assert_eq!(p.national.max_participants, 100);
        assert_eq!(
            p.national.finish_by,
            NaiveDate::from_ymd_opt(2024, 11, 30).unwrap()
        );
        assert_eq!(p.provincial.subsidy_cap_yuan, 40000);
        assert_eq!(
            Profile::one_line(&p.application_title(2024)),
            "专业技术人员知识更新工程2024年高级研修项目申报表"
        );
    }

    #[test]
    fn another_year_is_a_new_file() {
        let text = FUJIAN_2024
            .replace("year = 2024", "year = 2025")
            .replace("2024-01-15", "2025-01-15");
        let p = Profile::from_toml(&text).unwrap();
        assert_eq!(p.year, 2025);
        assert_eq!(
            p.summary_title(p.year),
            "福建省专业技术人员知识更新工程2025年高级研修项目汇总表"
        );
    }

    #[test]
    fn a_broken_profile_is_an_error() {
        assert!(matches!(
            Profile::from_toml("year = \"x\""),
            Err(Error::Profile(_))
        ));
    }
}
