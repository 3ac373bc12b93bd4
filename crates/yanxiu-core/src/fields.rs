//! Every field of the two forms, defined once: its key in the model, the
//! Chinese name offices know it by and the other Chinese keys accepted on
//! input. How the 申报表 prints a field (its label with the notice's line
//! breaks, its hint, its row) is the form's description, [`crate::form`].
//!
//! The JSON reader ([`crate::parse`]) takes its Chinese keys from this table,
//! the validator its labels, the workbook its headers.

/// One field of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldDef {
    /// Path in the model with its English keys; `[]` stands for every
    /// element of a list, e.g. `featured.previous[].name`.
    pub path: &'static str,
    /// The Chinese name: the form's wording, on one line. Accepted as a key.
    pub label: &'static str,
    /// Further Chinese keys accepted on input (short forms offices use).
    pub aliases: &'static [&'static str],
    /// A text the notice requires on every application (rule YX001).
    pub required: bool,
    /// A list in the model (of earlier classes, of applications); a list
    /// anywhere else is refused.
    pub list: bool,
}

impl FieldDef {
    /// The key of the field inside its object (the last segment of `path`).
    pub fn key(&self) -> &'static str {
        let p = self.path;
        p.rfind('.').map_or(p, |i| &p[i + 1..])
    }

    /// The path of the object that holds the field (`""` at the top).
    pub fn parent(&self) -> &'static str {
        let p = self.path;
        p.rfind('.').map_or("", |i| &p[..i])
    }

    /// Whether `key` names this field: the English key, the label or an alias.
    pub fn accepts(&self, key: &str) -> bool {
        key == self.key() || key == self.label || self.aliases.contains(&key)
    }
}

const fn f(path: &'static str, label: &'static str, aliases: &'static [&'static str]) -> FieldDef {
    FieldDef {
        path,
        label,
        aliases,
        required: false,
        list: false,
    }
}

const fn listed(mut d: FieldDef) -> FieldDef {
    d.list = true;
    d
}

const fn required(mut d: FieldDef) -> FieldDef {
    d.required = true;
    d
}

/// The fields of the 申报表 (附件1), in the order of the form.
pub const APPLICATION: &[FieldDef] = &[
    f("year", "年度", &[]),
    f("level", "申报级别", &[]),
    f("applicant", "申报单位", &[]),
    f("applicant.name", "单位名称", &["名称"]),
    f("applicant.kind", "单位类型", &["类型"]),
    f(
        "applicant.training_qualified",
        "具有培训资质",
        &["培训资质"],
    ),
    f("applicant.can_invoice", "能开具培训费发票", &["开具发票"]),
    f("applied_on", "申报时间", &[]),
    required(f("project_name", "项目名称", &[])),
    required(f("schedule", "办班时间", &[])),
    f("schedule.start", "开始日期", &["开始"]),
    f("schedule.end", "结束日期", &["结束"]),
    f("schedule.month", "月份", &[]),
    f("schedule.days", "天数", &[]),
    required(f("venue", "办班地点", &[])),
    required(f("industry", "所属行业领域", &[])),
    required(f("authority", "行业主管部门", &[])),
    f("funding", "申报项目类别", &[]),
    f("funding.government", "财政资助项目", &["财政资助"]),
    f("funding.self_funded", "自筹经费项目", &["自筹经费"]),
    f("funding.self_funded.source", "自筹经费来源", &["来源"]),
    f("topics", "选题范围", &["是否符合选题范围"]),
    f("topics.major_strategy", "服务重大战略", &[]),
    f("topics.key_fields", "围绕重点领域", &[]),
    f("topics.industry", "推进产业发展", &[]),
    f("topics.digital", "突出数字技术", &[]),
    required(f("purpose", "研修目的和作用", &[])),
    required(f("content", "研修内容和方式", &[])),
    f("mode", "研修方式", &[]),
    required(f("experts", "授课专家情况", &[])),
    required(f("audience", "培训对象", &[])),
    f("participants", "培训人数", &[]),
    f("featured", "特色班相关情况", &[]),
    listed(f("featured.previous", "已办相关班次", &["已办班次"])),
    f("featured.previous[].name", "班次名称", &["名称"]),
    f("featured.previous[].held", "时间", &["办班时间"]),
    f("featured.previous[].experts", "授课专家", &[]),
    f("featured.previous[].audience", "培训对象", &[]),
    f("featured.previous[].participants", "人数", &["培训人数"]),
    f("featured.previous[].results", "取得成效", &["成效"]),
    f("featured.focus", "本次办班的侧重点", &["侧重点"]),
    f("featured.plan", "今后办系列班次的长期考虑", &["长期考虑"]),
    f("contact", "联系人", &[]),
    f("contact.name", "姓名", &[]),
    f("contact.phone", "联系电话", &["电话"]),
    f("remark", "备注", &[]),
];

/// The fields of the 汇总表 (附件2) itself; each element of `applications`
/// is an application with the fields of [`APPLICATION`].
pub const SUMMARY: &[FieldDef] = &[
    f("year", "年度", &[]),
    f("reporter", "报送单位", &[]),
    f("reporter.name", "单位名称", &["名称"]),
    f("reporter.contact", "联系人", &[]),
    f("reporter.phone", "联系电话", &["电话"]),
    f("filled_on", "填报日期", &[]),
    listed(f("applications", "项目", &[])),
];

/// Which table a path belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// 申报表 (附件1).
    Application,
    /// 汇总表 (附件2).
    Summary,
}

impl Form {
    /// The table of the form.
    pub fn fields(self) -> &'static [FieldDef] {
        match self {
            Form::Application => APPLICATION,
            Form::Summary => SUMMARY,
        }
    }
}

/// The label of a field of the 申报表, for tables built at compile time
/// (the workbook's headers): a path that is not in the table does not
/// compile where it is used in a constant.
pub const fn const_label(path: &str) -> &'static str {
    let mut i = 0;
    while i < APPLICATION.len() {
        if str_eq(APPLICATION[i].path, path) {
            return APPLICATION[i].label;
        }
        i += 1;
    }
    panic!("not a field of the 申报表")
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The Chinese name of a field of the 申报表, looked up when compiled: a
/// path that is not in the table does not build.
///
/// ```
/// assert_eq!(yanxiu_core::label!("venue"), "办班地点");
/// ```
///
/// ```compile_fail
/// let misspelt = yanxiu_core::label!("venu");
/// ```
#[macro_export]
macro_rules! label {
    ($path:literal) => {
        const { $crate::fields::const_label($path) }
    };
}

/// The field of the 申报表 at a model path (`[]` for list elements).
///
/// A path not in the table answers with an empty entry (path and label
/// empty): the JSON reader probes with the keys it is given. For messages use
/// [`label`] or, with a literal path checked when compiled, `label!`.
pub fn application(path: &str) -> &'static FieldDef {
    lookup(APPLICATION, path)
}

/// The field of the 汇总表 at a path.
pub fn summary(path: &str) -> &'static FieldDef {
    lookup(SUMMARY, path)
}

fn lookup(table: &'static [FieldDef], path: &str) -> &'static FieldDef {
    const UNKNOWN: FieldDef = f("", "", &[]);
    table.iter().find(|d| d.path == path).unwrap_or(&UNKNOWN)
}

/// The Chinese label of an application field, for messages.
pub fn label(path: &str) -> &'static str {
    let label = application(path).label;
    // A path built at run time that is not in the table is a bug: the tests
    // (debug builds) stop on it; a release build prints an empty label.
    debug_assert!(!label.is_empty(), "not a field of the 申报表: {path}");
    label
}

/// The field of `form` under the object at `parent` (a model path, `[]` for
/// list elements) whose English key, label or alias is `key`.
pub fn find(form: Form, parent: &str, key: &str) -> Option<&'static FieldDef> {
    form.fields()
        .iter()
        .find(|d| d.parent() == parent && d.accepts(key))
}

/// The texts every application must fill (rule YX001), in the form's order.
pub fn required_texts() -> impl Iterator<Item = &'static FieldDef> {
    APPLICATION.iter().filter(|d| d.required)
}

/// Top-level keys that only a summary has: a document with any of them is
/// a summary.
pub fn summary_only_keys() -> impl Iterator<Item = &'static str> {
    SUMMARY
        .iter()
        .filter(|d| d.parent().is_empty() && d.path != "year")
        .flat_map(|d| std::iter::once(d.key()).chain(std::iter::once(d.label)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn keys_are_unambiguous_within_each_object() {
        for form in [Form::Application, Form::Summary] {
            let mut seen = HashSet::new();
            for d in form.fields() {
                for k in std::iter::once(d.key())
                    .chain(std::iter::once(d.label))
                    .chain(d.aliases.iter().copied())
                {
                    assert!(
                        seen.insert((d.parent(), k)),
                        "{form:?}: key {k} twice under {}",
                        d.parent()
                    );
                }
            }
        }
    }

    #[test]
    fn every_nested_field_has_its_parent() {
        for form in [Form::Application, Form::Summary] {
            for d in form.fields() {
                let parent = d.parent().trim_end_matches("[]");
                assert!(
                    parent.is_empty() || form.fields().iter().any(|p| p.path == parent),
                    "{} has no parent entry",
                    d.path
                );
            }
        }
    }
}
