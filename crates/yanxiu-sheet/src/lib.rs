//! Excel workbooks for the forms of notice 闽人社办〔2023〕216号: the intake
//! template offices fill in (one row per project, drop-downs for every
//! closed choice), its reader, and the 汇总表 as a workbook.
//!
//! ```
//! use yanxiu_sheet::{intake_template, read_intake_bytes};
//!
//! let example = yanxiu_core::Application { project_name: "示例研修班".into(), ..Default::default() };
//! let bytes = intake_template(&example, &yanxiu_core::Profile::fujian_2024())?;
//! // The example row is marked 示例 and skipped on reading.
//! assert!(read_intake_bytes(bytes)?.rows.is_empty());
//! # Ok::<(), yanxiu_sheet::SheetError>(())
//! ```

mod columns;
mod error;
mod hidden;
mod intake_read;
mod intake_write;
mod style;
mod summary_write;

pub use columns::{
    APPLICATIONS_SHEET, CellKind, EXAMPLE_MARK, Field, INSTRUCTIONS_SHEET, INTAKE_COLUMNS,
    IntakeColumn, PREVIOUS_COLUMNS, PREVIOUS_SHEET, PreviousColumn, REPORTER_ROWS, REPORTER_SHEET,
    ReporterRow, SOURCE_HEADER, intake_column,
};
pub use error::{CellError, SheetError};
pub use intake_read::{
    Intake, IntakeRow, PreviousRows, RowValue, application_from_row, application_from_row_with,
    read_intake, read_intake_bytes,
};
pub use intake_write::{example_workbook, intake_template, write_intake, write_merged};
pub use style::looks_like_formula;
pub use summary_write::{SUMMARY_SHEET, summary_workbook};
