//! The 汇总表 (附件2): the reporter lines above the table, its columns
//! (header, width, alignment, what the 合计 row merges), cell insets and
//! rules, and the blank form's rows.

use crate::labels::{ColumnKey, summary_cell, totals_cells};
use crate::model::{Application, Summary};
use serde::{Deserialize, Serialize};

/// The 汇总表.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryForm {
    /// Space between a cell's rules and its text, in points: at the sides,
    /// above and below.
    pub inset_pt: [f64; 2],
    /// The weight of the table's rules, in points.
    pub rule_pt: f64,
    /// From one line of a cell's text to the next, in points (as
    /// `ApplicationForm::line_pitch_pt`).
    pub line_pitch_pt: f64,
    /// The reporter's lines: the first item on a line of its own, the
    /// others side by side on the next.
    pub reporter: Vec<ReporterItem>,
    /// The date's place on the blank form.
    pub blank_date: String,
    /// The columns, left to right.
    pub columns: Vec<Column>,
    /// Rows to write in on the blank form.
    pub blank_rows: usize,
    /// Their height, in mm.
    pub blank_row_height_mm: f64,
}

/// A value of the reporter lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReporterField {
    /// 报送单位.
    #[serde(rename = "reporter.name")]
    Name,
    /// 联系人.
    #[serde(rename = "reporter.contact")]
    Contact,
    /// 联系电话.
    #[serde(rename = "reporter.phone")]
    Phone,
    /// 填报日期.
    #[serde(rename = "filled_on")]
    FilledOn,
}

impl ReporterField {
    /// The field's path in the model (for messages and coverage).
    pub fn path(self) -> &'static str {
        match self {
            ReporterField::Name => "reporter.name",
            ReporterField::Contact => "reporter.contact",
            ReporterField::Phone => "reporter.phone",
            ReporterField::FilledOn => "filled_on",
        }
    }

    /// The value in a summary (empty when not filled).
    pub fn text(self, s: &Summary) -> String {
        match self {
            ReporterField::Name => s.reporter.name.clone(),
            ReporterField::Contact => s.reporter.contact.clone(),
            ReporterField::Phone => s.reporter.phone.clone(),
            ReporterField::FilledOn => s.filled_on.map(crate::date::zh).unwrap_or_default(),
        }
    }
}

/// `报送单位（盖章）：……`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReporterItem {
    /// The value.
    pub field: ReporterField,
    /// The label before it (its colon is added).
    pub label: String,
    /// The length of the line to write on, in characters, on the blank form.
    pub blank_chars: usize,
}

/// How a column's text sits in its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    /// Flush left (texts).
    Left,
    /// Centred (numbers, short choices).
    Center,
}

/// One column of the 汇总表.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// What it shows.
    pub key: ColumnKey,
    /// Header text; `\n` where the narrow column breaks it.
    pub label: String,
    /// Relative width in the PDF, the .docx and the workbook (about points
    /// at 五号 on landscape A4, whose text block is 638 pt wide).
    pub width: u8,
    /// How its cells are aligned.
    pub align: Align,
    /// How many columns, from this one, the 合计 row merges into one cell
    /// (the merged cell shows the first total among them).
    #[serde(default = "one")]
    pub totals_span: usize,
}

fn one() -> usize {
    1
}

/// A cell of the 合计 row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotalsCell {
    /// Its text, `\n` between lines.
    pub text: String,
    /// The columns it spans.
    pub span: usize,
    /// Its alignment.
    pub align: Align,
}

impl SummaryForm {
    /// The cells of one project's row, a cell a column; `index` is the
    /// 1-based 序号, `year` the one the title names.
    pub fn row(&self, index: usize, app: &Application, year: i32) -> Vec<String> {
        self.columns
            .iter()
            .map(|c| summary_cell(c.key, index, app, year))
            .collect()
    }

    /// The 合计 row (on the blank form, `None`, it says only 合计), merged
    /// as the columns say.
    pub fn totals(&self, s: Option<&Summary>) -> Vec<TotalsCell> {
        let keys: Vec<ColumnKey> = self.columns.iter().map(|c| c.key).collect();
        let texts = totals_cells(&keys, s);
        let mut out = Vec::new();
        let mut x = 0;
        while x < self.columns.len() {
            let c = &self.columns[x];
            let span = c.totals_span.clamp(1, self.columns.len() - x);
            let text = texts[x..x + span]
                .iter()
                .find(|t| !t.is_empty())
                .cloned()
                .unwrap_or_default();
            let align = if span > 1 { Align::Center } else { c.align };
            out.push(TotalsCell { text, span, align });
            x += span;
        }
        out
    }

    /// The reporter's values with their labels, in order; a date not filled
    /// in is the blank form's `年  月  日`, any other value not filled in is
    /// empty (a line to write on).
    pub fn reporter_values(&self, s: &Summary) -> Vec<(&ReporterItem, String)> {
        self.reporter
            .iter()
            .map(|r| {
                let value = r.field.text(s);
                if value.is_empty() && r.field == ReporterField::FilledOn {
                    (r, self.blank_date.clone())
                } else {
                    (r, value)
                }
            })
            .collect()
    }

    /// Checks what serde cannot: columns and reporter items at most once each.
    pub fn check(&self) -> Result<(), String> {
        for (i, c) in self.columns.iter().enumerate() {
            if self.columns[..i].iter().any(|d| d.key == c.key) {
                return Err(format!("「{}」一栏出现了两次", c.label.replace('\n', "")));
            }
            if c.width == 0 {
                return Err(format!(
                    "「{}」一栏的宽度应大于零",
                    c.label.replace('\n', "")
                ));
            }
        }
        for (i, r) in self.reporter.iter().enumerate() {
            if self.reporter[..i].iter().any(|d| d.field == r.field) {
                return Err(format!("「{}」出现了两次", r.label));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;

    #[test]
    fn the_embedded_summary_is_whole() {
        let f = Profile::fujian_2024().summary_form;
        f.check().unwrap();
        assert_eq!(f.columns.len(), 13);
        // The 合计 row: 合计 over 序号 and 项目名称, the funding counts over
        // 选题范围 and 项目类别: eleven cells for thirteen columns.
        let blank = f.totals(None);
        assert_eq!(blank.len(), 11);
        assert_eq!(blank[0].text, "合计");
        assert_eq!(blank[0].span, 2);
        let s = crate::parse::summary_from_json(crate::examples::SUMMARY).unwrap();
        let t = f.totals(Some(&s));
        assert!(t[0].text.starts_with("合计："), "{t:?}");
        let funding = t.iter().find(|c| c.text.contains("财政资助")).unwrap();
        assert_eq!((funding.span, funding.align), (2, Align::Center));
    }
}
