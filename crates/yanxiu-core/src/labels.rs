//! The wording of the two forms, defined once: the templates, the
//! spreadsheet writer and the messages all take their labels from here.

use crate::model::{Application, FundingCategory, Summary, Totals};

/// `附件1`.
pub const APPLICATION_ATTACHMENT: &str = "附件1";
/// `附件2`.
pub const SUMMARY_ATTACHMENT: &str = "附件2";

/// What a column of the 汇总表 shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnKey {
    /// 序号.
    Index,
    /// 项目名称.
    ProjectName,
    /// 申报单位.
    Applicant,
    /// 办班时间.
    Schedule,
    /// 办班地点.
    Venue,
    /// 培训人数.
    Participants,
    /// 所属行业领域.
    Industry,
    /// 行业主管部门.
    Authority,
    /// 选题范围 (the ticked scopes, short names).
    Topics,
    /// 项目类别 (财政资助 / 自筹经费).
    Funding,
    /// 是否特色班.
    Featured,
    /// 联系人及电话.
    Contact,
    /// 备注.
    Remark,
}

impl ColumnKey {
    /// The name the template and the workbook writer know the column by.
    pub fn name(self) -> &'static str {
        match self {
            ColumnKey::Index => "index",
            ColumnKey::ProjectName => "project_name",
            ColumnKey::Applicant => "applicant",
            ColumnKey::Schedule => "schedule",
            ColumnKey::Venue => "venue",
            ColumnKey::Participants => "participants",
            ColumnKey::Industry => "industry",
            ColumnKey::Authority => "authority",
            ColumnKey::Topics => "topics",
            ColumnKey::Funding => "funding",
            ColumnKey::Featured => "featured",
            ColumnKey::Contact => "contact",
            ColumnKey::Remark => "remark",
        }
    }

    /// Whether the column holds a number (centred, stored as a number).
    pub fn numeric(self) -> bool {
        matches!(self, ColumnKey::Index | ColumnKey::Participants)
    }
}

/// One column of the 汇总表.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// What it shows.
    pub key: ColumnKey,
    /// Header text; `\n` where the narrow column breaks it.
    pub label: &'static str,
    /// Relative width in the PDF and the workbook (about points at 五号
    /// on landscape A4, whose text block is 638 pt wide).
    pub width: u8,
}

const fn c(key: ColumnKey, label: &'static str, width: u8) -> Column {
    Column { key, label, width }
}

/// The columns of the 汇总表, in order.
pub const SUMMARY_COLUMNS: &[Column] = &[
    // Narrow what is narrow (a two-digit number, 是/否, one value a line of
    // four characters, an 11-digit mobile number), the room to the long
    // texts: 8 characters of a project name a line, 6 of a unit, 5 of a
    // venue, 4 of a 厅/局 name; `2024年10月` on one line. Cells have 1.5 pt insets; the
    // sum stays a little under the 638 pt text block so that no column
    // shrinks below its header.
    c(ColumnKey::Index, "序号", 24),
    c(ColumnKey::ProjectName, "项目名称", 87),
    c(ColumnKey::Applicant, "申报单位", 66),
    c(ColumnKey::Schedule, "办班时间", 61),
    c(ColumnKey::Venue, "办班地点", 56),
    c(ColumnKey::Participants, "培训\n人数", 24),
    c(ColumnKey::Industry, "所属行业\n领域", 45),
    c(ColumnKey::Authority, "行业主管\n部门", 45),
    c(ColumnKey::Topics, "选题范围", 45),
    c(ColumnKey::Funding, "项目类别", 45),
    c(ColumnKey::Featured, "是否\n特色班", 35),
    c(ColumnKey::Contact, "联系人\n及电话", 68),
    c(ColumnKey::Remark, "备注", 35),
];

/// The cells of one summary row, in the order of [`SUMMARY_COLUMNS`];
/// `index` is the 1-based 序号.
pub fn summary_row(index: usize, app: &Application) -> Vec<String> {
    SUMMARY_COLUMNS
        .iter()
        .map(|col| summary_cell(col.key, index, app))
        .collect()
}

/// One cell of a summary row.
pub fn summary_cell(key: ColumnKey, index: usize, app: &Application) -> String {
    // One value a line: `重大战略` fits a narrow column, `重大战/略、数字` does not.
    let joined = |parts: Vec<&str>| parts.join("\n");
    match key {
        ColumnKey::Index => index.to_string(),
        ColumnKey::ProjectName => app.project_name.clone(),
        ColumnKey::Applicant => app.applicant.name.clone(),
        ColumnKey::Schedule => app.schedule.map(|s| s.display_zh()).unwrap_or_default(),
        ColumnKey::Venue => app.venue.clone(),
        ColumnKey::Participants => app.participants.map(|n| n.to_string()).unwrap_or_default(),
        ColumnKey::Industry => app.industry.clone(),
        ColumnKey::Authority => app.authority.clone(),
        ColumnKey::Topics => joined(app.ticked_topics().iter().map(|(t, _)| t.short()).collect()),
        ColumnKey::Funding => joined(app.funding_categories().iter().map(|f| f.short()).collect()),
        ColumnKey::Featured => if app.featured.is_some() { "是" } else { "否" }.to_owned(),
        ColumnKey::Contact => match &app.contact {
            Some(c) => [c.name.trim(), c.phone.trim()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join("\n"),
            None => String::new(),
        },
        ColumnKey::Remark => app.remark.clone(),
    }
}

/// The closing totals line of the summary's workbook, e.g.
/// `合计：项目5个，计划培训275人；财政资助项目4个，自筹经费项目2个（其中兼有1个），特色班1个。`
pub fn totals_line(s: &Summary) -> String {
    let t = s.totals();
    format!(
        "合计：项目{}个，计划培训{}人；{}{}个，{}{}个{}，特色班{}个。",
        t.projects,
        t.participants,
        FundingCategory::Government.label(),
        t.government,
        FundingCategory::SelfFunded.label(),
        t.self_funded,
        both(&t).map(|b| format!("（{b}）")).unwrap_or_default(),
        t.featured
    )
}

/// `其中兼有1个` when a project is both 财政资助 and 自筹经费, so that the
/// counts add up for a reader.
fn both(t: &Totals) -> Option<String> {
    (t.both > 0).then(|| format!("其中兼有{}个", t.both))
}

/// The cells of the summary table's last row, the totals, in the order of
/// [`SUMMARY_COLUMNS`] (the PDF merges the 序号 and 项目名称 cells); the
/// blank form's row (`None`) says only 合计.
pub fn totals_row(s: Option<&Summary>) -> Vec<String> {
    let t = s.map(Summary::totals);
    SUMMARY_COLUMNS
        .iter()
        .map(|col| match (col.key, &t) {
            (ColumnKey::Index, None) => "合计".to_owned(),
            (ColumnKey::Index, Some(t)) => format!("合计：{}个项目", t.projects),
            (ColumnKey::Participants, Some(t)) => t.participants.to_string(),
            (ColumnKey::Funding, Some(t)) => {
                let mut lines = vec![
                    format!("{}{}个", FundingCategory::Government.short(), t.government),
                    format!("{}{}个", FundingCategory::SelfFunded.short(), t.self_funded),
                ];
                lines.extend(both(t));
                lines.join("\n")
            }
            (ColumnKey::Featured, Some(t)) => format!("{}个", t.featured),
            _ => String::new(),
        })
        .collect()
}

pub use crate::date::zh as date_zh;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields;

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
        assert_eq!(row[8], "重大战略\n数字技术");
        assert_eq!(row[9], "财政资助\n自筹经费");
        assert_eq!(row[10], "否");
        assert_eq!(row[11], "王喆\n0591-1");
    }

    #[test]
    fn column_headers_are_the_field_labels() {
        for col in SUMMARY_COLUMNS {
            let field = fields::application(col.key.name());
            if !field.path.is_empty()
                && !matches!(
                    col.key,
                    ColumnKey::Applicant
                        | ColumnKey::Contact
                        | ColumnKey::Funding
                        | ColumnKey::Topics
                        | ColumnKey::Featured
                )
            {
                assert_eq!(col.label.replace('\n', ""), field.label, "{:?}", col.key);
            }
        }
    }
}
