//! Bulk rendering for notice 闽人社办〔2023〕216号: a workbook, a JSON list,
//! a summary or a folder of JSON files in; one 申报表 PDF per record, the
//! 汇总表 as PDF and workbook, and a report out. Records render in parallel;
//! a bad record is reported and the others go on; every file is written
//! atomically; an interrupted run resumes without redoing finished PDFs.
//!
//! ```no_run
//! use std::sync::atomic::AtomicBool;
//! use yanxiu_batch::{Options, read_input, run_batch};
//!
//! let renderer = yanxiu_render::Renderer::new()?;
//! let input = read_input("申报信息.xlsx".as_ref())?;
//! let report = run_batch(&renderer, input, "输出".as_ref(), &Options::default(),
//!                        &AtomicBool::new(false), &mut |_| {})?;
//! println!("{}", report.headline());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#[cfg(feature = "mimalloc")]
pub mod allocator;
mod bundle;
mod error;
mod input;
mod names;
mod options;
mod output;
mod report;
mod run;
mod submission;

pub use bundle::{BundleError, Entry as PackageEntry, Part, PrintError, package, print_file};
pub use error::{BatchError, InputError, RecordProblem};
pub use input::{
    Input, Item, item_from_value, merged_workbook, read_input, read_inputs, read_reporter,
    reporter_from_value,
};
pub use names::{SUMMARY_DOCX, SUMMARY_PDF, SUMMARY_XLSX, docx_name, pdf_name, safe_stem};
pub use options::Options;
pub use output::{is_partial, write_atomic, write_atomic_with};
pub use report::{
    BundleOutcome, Entry, REPORT_JSON, REPORT_TXT, Report, Status, SummaryOutcome, previous_report,
};
pub use run::{Progress, run_batch};
