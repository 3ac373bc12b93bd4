//! The layout of the intake workbook, defined once: the template writer and
//! the reader both walk these tables, so a column cannot exist in one and
//! not the other.

use yanxiu_core::fields;
use yanxiu_core::{ApplicantKind, Level, Mode, TopicScope};

/// Name of the sheet with one row per project.
pub const APPLICATIONS_SHEET: &str = "申报信息";
/// Name of the sheet listing the earlier classes of 特色班 projects.
pub const PREVIOUS_SHEET: &str = "已办班次";
/// Name of the sheet with the reporting body (汇总表 header line).
pub const REPORTER_SHEET: &str = "报送单位";
/// Name of the instructions sheet.
pub const INSTRUCTIONS_SHEET: &str = "填表说明";
/// A 序号 cell with this text marks the example row, which the reader skips.
pub const EXAMPLE_MARK: &str = "示例";
/// Header of the column `yanxiu xlsx-merge` adds: where each row came from.
/// The reader passes over it without a warning.
pub const SOURCE_HEADER: &str = "来源";
/// The words a yes/no cell takes.
pub const YES_NO: [&str; 2] = ["是", "否"];

/// What a cell of a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// The row's 序号: informative, or [`EXAMPLE_MARK`].
    Index,
    /// Free text; line breaks are kept.
    Text,
    /// One of a closed list (a drop-down in the template).
    Choice(&'static [&'static str]),
    /// 是 / 否 (a drop-down).
    YesNo,
    /// A whole number ≥ 0.
    Count,
    /// A date: an Excel date or text such as `2024年1月8日` / `2024-01-08`.
    Date,
}

/// The field a column fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// 序号.
    Index,
    /// 申报级别.
    Level,
    /// 申报单位 (name).
    ApplicantName,
    /// 单位类型.
    ApplicantKind,
    /// 具有培训资质.
    TrainingQualified,
    /// 能开具培训费发票.
    CanInvoice,
    /// 申报时间.
    AppliedOn,
    /// 项目名称.
    ProjectName,
    /// 办班时间.
    Schedule,
    /// 办班地点.
    Venue,
    /// 所属行业领域.
    Industry,
    /// 行业主管部门.
    Authority,
    /// 财政资助项目 ticked.
    Government,
    /// 自筹经费项目 ticked.
    SelfFunded,
    /// 自筹经费来源.
    SelfFundedSource,
    /// A 选题范围 box ticked.
    Topic(TopicScope),
    /// The explanation of a 选题范围 box.
    TopicText(TopicScope),
    /// 研修目的和作用.
    Purpose,
    /// 研修内容和方式.
    Content,
    /// 研修方式.
    Mode,
    /// 授课专家情况.
    Experts,
    /// 培训对象.
    Audience,
    /// 培训人数.
    Participants,
    /// 是否特色班.
    Featured,
    /// 本次办班的侧重点.
    Focus,
    /// 今后办系列班次的长期考虑.
    Plan,
    /// 联系人.
    ContactName,
    /// 联系电话.
    ContactPhone,
    /// 备注.
    Remark,
}

/// One column of the intake sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IntakeColumn {
    /// Header text: the form's label.
    pub header: &'static str,
    /// What it fills.
    pub field: Field,
    /// What a cell holds.
    pub kind: CellKind,
    /// Column width in Excel character units.
    pub width: u8,
    /// The instruction shown on the instructions sheet.
    pub note: &'static str,
}

const LEVELS: &[&str] = Level::LABELS;
const KINDS: &[&str] = ApplicantKind::LABELS;
const MODES: &[&str] = Mode::LABELS;

/// A header that is the label of a field in the table of fields.
const fn h(path: &str) -> &'static str {
    fields::const_label(path)
}

const fn col(
    header: &'static str,
    field: Field,
    kind: CellKind,
    width: u8,
    note: &'static str,
) -> IntakeColumn {
    IntakeColumn {
        header,
        field,
        kind,
        width,
        note,
    }
}

use CellKind::*;

/// The columns of the intake sheet, in order.
pub const INTAKE_COLUMNS: &[IntakeColumn] = &[
    col(
        "序号",
        Field::Index,
        Index,
        6,
        "排序号，仅供查看；行的先后即推荐排序。填“示例”的行不读入。",
    ),
    col(
        h("level"),
        Field::Level,
        Choice(LEVELS),
        10,
        "下拉选择：省级 / 国家级。",
    ),
    col(
        h("applicant"),
        Field::ApplicantName,
        Text,
        28,
        "单位全称，须与公章一致。",
    ),
    col(
        h("applicant.kind"),
        Field::ApplicantKind,
        Choice(KINDS),
        14,
        "下拉选择。企业须填写后两列。",
    ),
    col(
        h("applicant.training_qualified"),
        Field::TrainingQualified,
        YesNo,
        12,
        "企业填写：是 / 否。",
    ),
    col(
        h("applicant.can_invoice"),
        Field::CanInvoice,
        YesNo,
        14,
        "企业填写：是 / 否。",
    ),
    col(
        h("applied_on"),
        Field::AppliedOn,
        Date,
        14,
        "日期，如 2024年1月8日。",
    ),
    col(
        h("project_name"),
        Field::ProjectName,
        Text,
        30,
        "如“××高级研修班”。",
    ),
    col(
        h("schedule"),
        Field::Schedule,
        Text,
        22,
        "如 2024年6月11日至14日；日期未定可填 2024年6月。",
    ),
    col(h("venue"), Field::Venue, Text, 22, ""),
    col(h("industry"), Field::Industry, Text, 14, ""),
    col(h("authority"), Field::Authority, Text, 18, ""),
    col(
        h("funding.government"),
        Field::Government,
        YesNo,
        12,
        "申报项目类别，可多选：是 / 否。",
    ),
    col(
        h("funding.self_funded"),
        Field::SelfFunded,
        YesNo,
        12,
        "申报项目类别，可多选：是 / 否。",
    ),
    col(
        h("funding.self_funded.source"),
        Field::SelfFundedSource,
        Text,
        20,
        "自筹经费项目须注明。",
    ),
    col(
        h("topics.major_strategy"),
        Field::Topic(TopicScope::MajorStrategy),
        YesNo,
        12,
        "选题范围，勾选填“是”并在右列说明。",
    ),
    col(
        "服务重大战略说明",
        Field::TopicText(TopicScope::MajorStrategy),
        Text,
        30,
        "",
    ),
    col(
        h("topics.key_fields"),
        Field::Topic(TopicScope::KeyFields),
        YesNo,
        12,
        "选题范围，勾选填“是”并在右列说明。",
    ),
    col(
        "围绕重点领域说明",
        Field::TopicText(TopicScope::KeyFields),
        Text,
        30,
        "",
    ),
    col(
        h("topics.industry"),
        Field::Topic(TopicScope::Industry),
        YesNo,
        12,
        "选题范围，勾选填“是”并在右列说明。",
    ),
    col(
        "推进产业发展说明",
        Field::TopicText(TopicScope::Industry),
        Text,
        30,
        "",
    ),
    col(
        h("topics.digital"),
        Field::Topic(TopicScope::Digital),
        YesNo,
        12,
        "选题范围，勾选填“是”并在右列说明。",
    ),
    col(
        "突出数字技术说明",
        Field::TopicText(TopicScope::Digital),
        Text,
        30,
        "",
    ),
    col(
        h("purpose"),
        Field::Purpose,
        Text,
        40,
        "单元格内可换行（Alt+Enter），换行会保留。",
    ),
    col(
        h("content"),
        Field::Content,
        Text,
        40,
        "包括但不限于主题报告、专题研讨、学术交流、现场教学。",
    ),
    col(
        h("mode"),
        Field::Mode,
        Choice(MODES),
        14,
        "下拉选择。不得全程线上。",
    ),
    col(
        h("experts"),
        Field::Experts,
        Text,
        40,
        "如有院士或省部级领导出席，请重点阐述。",
    ),
    col(h("audience"), Field::Audience, Text, 30, ""),
    col(h("participants"), Field::Participants, Count, 10, "整数。"),
    col(
        "是否特色班",
        Field::Featured,
        YesNo,
        10,
        "首次举办填“否”；填“是”的须在「已办班次」表列出已办班次。",
    ),
    col(h("featured.focus"), Field::Focus, Text, 30, "特色班填写。"),
    col(h("featured.plan"), Field::Plan, Text, 30, "特色班填写。"),
    col(h("contact"), Field::ContactName, Text, 10, ""),
    col(
        h("contact.phone"),
        Field::ContactPhone,
        Text,
        16,
        "请按文本填写，以免丢失区号的0。",
    ),
    col(h("remark"), Field::Remark, Text, 20, ""),
];

/// One column of the sheet of earlier classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PreviousColumn {
    /// Header text.
    pub header: &'static str,
    /// The key of `PreviousClass` it fills (`project` links the row to its project).
    pub key: &'static str,
    /// What a cell holds.
    pub kind: CellKind,
    /// Width in Excel character units.
    pub width: u8,
}

const fn pcol(
    header: &'static str,
    key: &'static str,
    kind: CellKind,
    width: u8,
) -> PreviousColumn {
    PreviousColumn {
        header,
        key,
        kind,
        width,
    }
}

/// The columns of the sheet of earlier classes, in order.
pub const PREVIOUS_COLUMNS: &[PreviousColumn] = &[
    pcol(h("project_name"), "project", Text, 30),
    pcol(
        fields::const_label("featured.previous[].name"),
        "name",
        Text,
        30,
    ),
    pcol(
        fields::const_label("featured.previous[].held"),
        "held",
        Text,
        14,
    ),
    pcol(
        fields::const_label("featured.previous[].experts"),
        "experts",
        Text,
        30,
    ),
    pcol(
        fields::const_label("featured.previous[].audience"),
        "audience",
        Text,
        24,
    ),
    pcol(
        fields::const_label("featured.previous[].participants"),
        "participants",
        Count,
        8,
    ),
    pcol(
        fields::const_label("featured.previous[].results"),
        "results",
        Text,
        40,
    ),
];

/// A labelled row of the reporting-body sheet (label in column A, value in B).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReporterRow {
    /// 报送单位.
    Name,
    /// 联系人.
    Contact,
    /// 联系电话.
    Phone,
    /// 填报日期.
    FilledOn,
}

impl ReporterRow {
    /// The label in column A: the summary field's label.
    pub fn label(self) -> &'static str {
        let path = match self {
            ReporterRow::Name => "reporter",
            ReporterRow::Contact => "reporter.contact",
            ReporterRow::Phone => "reporter.phone",
            ReporterRow::FilledOn => "filled_on",
        };
        fields::summary(path).label
    }
}

/// The rows of the reporting-body sheet, in order.
pub const REPORTER_ROWS: [ReporterRow; 4] = [
    ReporterRow::Name,
    ReporterRow::Contact,
    ReporterRow::Phone,
    ReporterRow::FilledOn,
];

/// Finds a column by its header, forgiving spaces, line breaks and
/// full-width brackets that Word and WPS put in copied headers.
pub fn intake_column(header: &str) -> Option<&'static IntakeColumn> {
    let h = normalise_header(header);
    INTAKE_COLUMNS.iter().find(|c| c.header == h)
}

/// A header with blanks removed and the optional `（可多选）`-style suffix dropped.
pub(crate) fn normalise_header(header: &str) -> String {
    let compact: String = header
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}' && *c != '*')
        .collect();
    match compact.find(['(', '（']) {
        Some(i) if i > 0 => compact[..i].to_owned(),
        _ => compact,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn headers_are_unique_and_found_again() {
        let mut seen = HashSet::new();
        for c in INTAKE_COLUMNS {
            assert!(seen.insert(c.header), "duplicate header {}", c.header);
            assert_eq!(intake_column(c.header), Some(c));
        }
        assert_eq!(
            intake_column(" 培训\n人数（人）").unwrap().header,
            "培训人数"
        );
        assert!(intake_column("培训天数").is_none());
    }
}
