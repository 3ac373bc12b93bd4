//! The one description of each form, as data of the notice profile: the
//! 申报表 (`[application_form]`, [`ApplicationForm`]) and the 汇总表
//! (`[summary_form]`, [`SummaryForm`]). Every writer (PDF, Word, workbook)
//! and the Word reader walk these; none lists a row, a column, a label or a
//! piece of wording of its own. See `docs/ARCHITECTURE.md`.

mod application;
mod summary;

pub use application::*;
pub use summary::*;
