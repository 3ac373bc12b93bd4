//! The wording of the two forms, defined once: the templates, the
//! spreadsheet writer and the messages all take their labels from here.

use crate::model::{Application, FundingCategory, Summary, Totals};

/// `附件1`.
pub const APPLICATION_ATTACHMENT: &str = "附件1";
/// `附件2`.
pub const SUMMARY_ATTACHMENT: &str = "附件2";

/// What a column of the 汇总表 shows; its name is the key the profile's
/// `[[summary_form.columns]]` use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
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

    /// Whether the column holds a number (stored as a number in a workbook).
    pub fn numeric(self) -> bool {
        matches!(self, ColumnKey::Index | ColumnKey::Participants)
    }

    /// How its text is set: `date` (numbers kept with their 年/月/日),
    /// `phone` (a landline may break after its area code) or `text`.
    pub fn shape(self) -> &'static str {
        match self {
            ColumnKey::Schedule => "date",
            ColumnKey::Contact => "phone",
            _ => "text",
        }
    }
}

/// One cell of a summary row, under a title that names `year`.
pub fn summary_cell(key: ColumnKey, index: usize, app: &Application, year: i32) -> String {
    // One value a line: `重大战略` fits a narrow column, `重大战/略、数字` does not.
    let joined = |parts: Vec<&str>| parts.join("\n");
    match key {
        ColumnKey::Index => index.to_string(),
        ColumnKey::ProjectName => app.project_name.clone(),
        ColumnKey::Applicant => app.applicant.name.clone(),
        // The title names the year: `6月11日至14日` fits a narrow column.
        ColumnKey::Schedule => app
            .schedule
            .map(|s| s.display_zh_in(year))
            .unwrap_or_default(),
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

/// The totals under each of `keys` (the 汇总表's columns), before the
/// form merges any: 合计 and the project count under 序号, the trainees,
/// the funding counts, the 特色班 count; the blank form's row (`None`) says
/// only 合计.
pub(crate) fn totals_cells(keys: &[ColumnKey], s: Option<&Summary>) -> Vec<String> {
    let t = s.map(Summary::totals);
    keys.iter()
        .map(|key| match (key, &t) {
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
        let form = crate::Profile::fujian_2024().summary_form;
        let row = form.row(3, &app, 2024);
        assert_eq!(row.len(), form.columns.len());
        assert_eq!(row[0], "3");
        // The title names the year; another year is never hidden.
        assert_eq!(row[3], "6月11日至14日");
        assert_eq!(form.row(3, &app, 2025)[3], "2024年6月11日至14日");
        assert_eq!(row[5], "30");
        assert_eq!(row[8], "重大战略\n数字技术");
        assert_eq!(row[9], "财政资助\n自筹经费");
        assert_eq!(row[10], "否");
        assert_eq!(row[11], "王喆\n0591-1");
    }

    #[test]
    fn column_headers_are_the_field_labels() {
        for col in crate::Profile::fujian_2024().summary_form.columns {
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
