//! The wording of the two forms, defined once: the templates, the
//! spreadsheet writer and the messages all take their labels from here.

use crate::model::{Application, FundingCategory, Summary};
use chrono::{Datelike, NaiveDate};

/// `附件1`.
pub const APPLICATION_ATTACHMENT: &str = "附件1";
/// `附件2`.
pub const SUMMARY_ATTACHMENT: &str = "附件2";

/// One labelled row (or cell) of the 申报表: the field it shows, its label
/// with the notice's line breaks (`\n`), and the hint printed on the blank form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormLabel {
    /// Field name in the model.
    pub field: &'static str,
    /// Label on the form; `\n` where the notice breaks the line.
    pub label: &'static str,
    /// Hint shown on the blank form only.
    pub hint: Option<&'static str>,
}

const fn l(field: &'static str, label: &'static str, hint: Option<&'static str>) -> FormLabel {
    FormLabel { field, label, hint }
}

/// The labels of the 申报表, in the order of the form.
pub const APPLICATION_LABELS: &[FormLabel] = &[
    l("applicant", "申报单位", None),
    l("applied_on", "申报时间", None),
    l("project_name", "项目名称", None),
    l("schedule", "办班时间", None),
    l("venue", "办班地点", None),
    l("industry", "所属行业领域", None),
    l("authority", "行业主管部门", None),
    l("funding", "申报项目类别\n(可多选)", None),
    l("self_funded_source", "自筹经费来源", None),
    l("topics", "是否符合\n选题范围", None),
    l("purpose", "研修目的\n和作用", None),
    l(
        "content",
        "研修内容和方式",
        Some("(包括但不限于主题报告、专题研讨、学术交流、现场教学)"),
    ),
    l(
        "experts",
        "授课专家情况",
        Some("(如有院士或省部级领导出席, 请重点阐述)"),
    ),
    l("audience", "培训对象", None),
    l(
        "featured",
        "特色班相关情况",
        Some(
            "(首次举办该主题高级研修项目的请填“无”, 已多次举办该主题高级研修项目的请列已办相关班次的名称、时间、授课专家、培训对象及人数、取得成效等基本情况, 本次办班的侧重点和今后办系列班次的长期考虑, 相关班次的详细情况可另附页)",
        ),
    ),
];

/// The label of a field of the 申报表.
pub fn application_label(field: &str) -> Option<&'static FormLabel> {
    APPLICATION_LABELS.iter().find(|l| l.field == field)
}

/// One column of the 汇总表.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Stable key (used by the spreadsheet writer).
    pub key: &'static str,
    /// Header text; `\n` where the narrow column breaks it.
    pub label: &'static str,
    /// Relative width in the PDF and the workbook (about points at 五号
    /// on landscape A4, whose text block is 638 pt wide).
    pub width: u8,
}

const fn c(key: &'static str, label: &'static str, width: u8) -> Column {
    Column { key, label, width }
}

/// The columns of the 汇总表, in order.
pub const SUMMARY_COLUMNS: &[Column] = &[
    c("index", "序号", 27),
    c("project_name", "项目名称", 70),
    c("applicant", "申报单位", 52),
    c("schedule", "办班时间", 58),
    c("venue", "办班地点", 52),
    c("participants", "培训\n人数", 28),
    c("industry", "所属行业\n领域", 48),
    c("authority", "行业主管\n部门", 48),
    c("topics", "选题范围", 48),
    c("funding", "项目类别", 48),
    c("featured", "是否\n特色班", 38),
    c("contact", "联系人\n及电话", 84),
    c("remark", "备注", 40),
];

/// The cells of one summary row, in the order of [`SUMMARY_COLUMNS`];
/// `index` is the 1-based 序号.
pub fn summary_row(index: usize, app: &Application) -> Vec<String> {
    SUMMARY_COLUMNS
        .iter()
        .map(|col| match col.key {
            "index" => index.to_string(),
            "project_name" => app.project_name.clone(),
            "applicant" => app.applicant.name.clone(),
            "schedule" => app.schedule.map(|s| s.display_zh()).unwrap_or_default(),
            "venue" => app.venue.clone(),
            "participants" => app.participants.map(|n| n.to_string()).unwrap_or_default(),
            "industry" => app.industry.clone(),
            "authority" => app.authority.clone(),
            "topics" => app
                .ticked_topics()
                .iter()
                .map(|(t, _)| t.short())
                .collect::<Vec<_>>()
                .join("、"),
            "funding" => app
                .funding_categories()
                .iter()
                .map(|f| f.short())
                .collect::<Vec<_>>()
                .join("、"),
            "featured" => if app.featured.is_some() { "是" } else { "否" }.to_owned(),
            "contact" => match &app.contact {
                Some(c) => [c.name.trim(), c.phone.trim()]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join("\n"),
                None => String::new(),
            },
            "remark" => app.remark.clone(),
            other => unreachable!("column {other} has no value"),
        })
        .collect()
}

/// The closing totals line of the summary, e.g.
/// `合计：项目5个，计划培训275人；财政资助项目4个，自筹经费项目2个，特色班1个。`
pub fn totals_line(s: &Summary) -> String {
    let t = s.totals();
    format!(
        "合计：项目{}个，计划培训{}人；{}{}个，{}{}个，特色班{}个。",
        t.projects,
        t.participants,
        FundingCategory::Government.label(),
        t.government,
        FundingCategory::SelfFunded.label(),
        t.self_funded,
        t.featured
    )
}

/// A date as printed on the forms: `2024年1月10日`.
pub fn date_zh(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_row_follows_the_columns() {
        let app: Application = crate::parse::application_from_json(
            r#"{"项目名称":"甲","申报单位":"乙","办班时间":"2024年6月11日至14日","培训人数":30,
               "选题范围":{"服务重大战略":"x","突出数字技术":"y"},
               "申报项目类别":{"财政资助":true,"自筹经费":{"来源":"z"}},
               "联系人":{"姓名":"王喆","电话":"0591-1"}}"#,
        )
        .unwrap();
        let row = summary_row(3, &app);
        assert_eq!(row.len(), SUMMARY_COLUMNS.len());
        assert_eq!(row[0], "3");
        assert_eq!(row[3], "2024年6月11日至14日");
        assert_eq!(row[5], "30");
        assert_eq!(row[8], "重大战略、数字技术");
        assert_eq!(row[9], "财政资助、自筹经费");
        assert_eq!(row[10], "否");
        assert_eq!(row[11], "王喆\n0591-1");
    }

    #[test]
    fn every_required_field_has_a_label() {
        for f in [
            "project_name",
            "schedule",
            "venue",
            "industry",
            "authority",
            "purpose",
            "content",
            "experts",
            "audience",
        ] {
            assert!(application_label(f).is_some(), "{f}");
        }
    }
}
