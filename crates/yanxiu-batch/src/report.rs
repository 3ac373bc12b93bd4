//! The report of a batch: one entry per record, written as `report.json`
//! (for scripts, and for resuming) and `report.txt` (for people).

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use yanxiu_core::{Finding, Severity};

/// File name of the machine-readable report.
pub const REPORT_JSON: &str = "report.json";
/// File name of the readable report.
pub const REPORT_TXT: &str = "report.txt";

/// What became of one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Its PDF was written.
    Written,
    /// Its PDF from an earlier run is up to date and was kept.
    Kept,
    /// It could not be read (bad cell, bad JSON).
    Unreadable,
    /// It breaks rules of the notice (errors) and no draft was asked.
    Refused,
    /// Rendering or writing failed.
    Failed,
    /// The batch stopped (interrupted, or the disk failed) before it.
    NotDone,
}

impl Status {
    /// Every status, in the report's order.
    pub const ALL: [Status; 6] = [
        Status::Written,
        Status::Kept,
        Status::Unreadable,
        Status::Refused,
        Status::Failed,
        Status::NotDone,
    ];

    /// The Chinese word for the report.
    pub fn label_zh(self) -> &'static str {
        match self {
            Status::Written => "已生成",
            Status::Kept => "已是最新，保留",
            Status::Unreadable => "无法读取",
            Status::Refused => "未通过校验",
            Status::Failed => "生成失败",
            Status::NotDone => "未完成",
        }
    }

    /// Whether the record has its PDF.
    pub fn is_done(self) -> bool {
        matches!(self, Status::Written | Status::Kept)
    }
}

/// One record's entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// 序号: 1-based position in the input (the ranking).
    pub index: usize,
    /// Where the record came from.
    pub source: String,
    /// 项目名称.
    pub project_name: String,
    /// What became of it.
    pub status: Status,
    /// The PDF's file name inside the output folder.
    pub file: String,
    /// Why it is not done (one problem per line).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
    /// Findings of the notice's rules (warnings, or the errors that refused it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Finding>,
    /// Fingerprint of the data and options that produced `file`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fingerprint: String,
}

/// The outcome of the summary files.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SummaryOutcome {
    /// `汇总表.pdf` and `汇总表.xlsx` when written.
    pub files: Vec<String>,
    /// Why they were not written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
    /// The rule errors that refused the summary (e.g. YX102, one project
    /// twice), with their codes and paths, so a script can say what to fix.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Finding>,
}

/// One of the files made of the others: the print file or the package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BundleOutcome {
    /// `print` or `package`.
    pub kind: String,
    /// Its path, as given.
    pub file: String,
    /// Its size in bytes, when written.
    #[serde(default)]
    pub bytes: u64,
    /// Pages of the print file (blank pages included).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<usize>,
    /// Why it was not written, or a warning (a package over 20 MB).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
    /// Whether it was written.
    pub written: bool,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Tool version.
    pub version: String,
    /// Whether the run reached its end (false when interrupted).
    pub complete: bool,
    /// One entry per record, in input order.
    pub entries: Vec<Entry>,
    /// The summary files.
    pub summary: SummaryOutcome,
    /// Problems that belong to no record, and a fatal error if one stopped the run.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
    /// What was read otherwise than laid out (title rows, ignored columns,
    /// 合计 rows): worth a look, not a failure.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The print file and the package, when asked for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bundles: Vec<BundleOutcome>,
    /// Wall time in seconds.
    pub seconds: f64,
}

impl Report {
    /// Entries whose PDF exists (written now or kept).
    pub fn done(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.status.is_done())
    }

    /// Entries without a PDF.
    pub fn not_done(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| !e.status.is_done())
    }

    /// Whether every record, the summary and the bundles asked for are done.
    pub fn success(&self) -> bool {
        self.complete
            && self.not_done().next().is_none()
            && self.summary.problems.is_empty()
            && self.problems.is_empty()
            && self.bundles.iter().all(|b| b.written)
    }

    /// Counts per status, for the closing line.
    fn counts(&self) -> HashMap<Status, usize> {
        let mut m = HashMap::new();
        for e in &self.entries {
            *m.entry(e.status).or_insert(0) += 1;
        }
        m
    }

    /// One line: `共 5 项：已生成 4，已是最新，保留 0，未通过校验 1 …`.
    pub fn headline(&self) -> String {
        let c = self.counts();
        let mut parts = Vec::new();
        for s in Status::ALL {
            if let Some(n) = c.get(&s) {
                parts.push(format!("{} {n}", s.label_zh()));
            }
        }
        let mut line = format!("共 {} 项：{}", self.entries.len(), parts.join("，"));
        if !self.complete {
            line.push_str("（已中断，重新运行同一命令可继续）");
        }
        line
    }

    /// The readable report.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "yanxiu {} 批量生成报告", self.version);
        let _ = writeln!(s, "{}", self.headline());
        let _ = writeln!(s, "用时 {:.1} 秒\n", self.seconds);
        for n in &self.notes {
            let _ = writeln!(s, "注意：{n}");
        }
        for e in &self.entries {
            let _ = writeln!(
                s,
                "{:>4}  {}  {}  [{}]",
                e.index,
                e.status.label_zh(),
                if e.status.is_done() {
                    &e.file
                } else {
                    &e.project_name
                },
                e.source
            );
            for p in &e.problems {
                let _ = writeln!(s, "        {p}");
            }
            for f in &e.findings {
                if e.status == Status::Refused || f.severity == Severity::Warning {
                    let _ = writeln!(s, "        {f}");
                }
            }
        }
        let _ = writeln!(s);
        if self.summary.files.is_empty() {
            let _ = writeln!(s, "汇总表：未生成");
        } else {
            let _ = writeln!(s, "汇总表：{}", self.summary.files.join("、"));
        }
        for p in self.summary.problems.iter().chain(&self.problems) {
            let _ = writeln!(s, "    {p}");
        }
        for b in &self.bundles {
            let what = if b.kind == "print" {
                "打印文件"
            } else {
                "报送压缩包"
            };
            if b.written {
                let pages = b.pages.map(|p| format!("，{p} 页")).unwrap_or_default();
                let _ = writeln!(
                    s,
                    "{what}：{}（{:.1} MB{pages}）",
                    b.file,
                    b.bytes as f64 / 1e6
                );
            } else {
                let _ = writeln!(s, "{what}：未生成");
            }
            for p in &b.problems {
                let _ = writeln!(s, "    {p}");
            }
        }
        s
    }

    /// Fingerprints of the PDFs an earlier run finished, by file name.
    pub fn finished(&self) -> HashMap<String, String> {
        self.done()
            .filter(|e| !e.fingerprint.is_empty())
            .map(|e| (e.file.clone(), e.fingerprint.clone()))
            .collect()
    }
}

/// The report an earlier run left in `dir`, if it reads.
pub fn previous_report(dir: &Path) -> Option<Report> {
    let bytes = std::fs::read(dir.join(REPORT_JSON)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// A stable 64-bit FNV-1a hash, printed in hex: enough to tell whether the
/// data behind a PDF changed between runs (not a security measure).
pub(crate) fn fingerprint(parts: &[&[u8]]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.iter().chain(&[0xff]) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}
