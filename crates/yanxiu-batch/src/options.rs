//! How a batch is run: what the command line and Python set.

use std::path::PathBuf;
use yanxiu_render::RenderOptions;

/// How to run a batch.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Worker threads; `None` means one per core.
    pub workers: Option<usize>,
    /// Draft and PDF/A, as for single documents.
    pub render: RenderOptions,
    /// Render every record again, even those an earlier run finished.
    pub force: bool,
    /// Leave out the summary files.
    pub no_summary: bool,
    /// Also write one PDF to print: the 汇总表, then every 申报表 in 序号
    /// order, each starting on a right-hand page, with bookmarks.
    pub print_file: Option<PathBuf>,
    /// Also write the 电子版 as one zip: 汇总表.xlsx, 汇总表.pdf and every 申报表.
    pub package: Option<PathBuf>,
    /// Also write each form as Word (`<序号>-<项目名称>.docx` beside each
    /// PDF, and `汇总表.docx`).
    pub docx: bool,
}
