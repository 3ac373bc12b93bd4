//! Errors of the workbook reader and writers.

use std::fmt;
use std::path::PathBuf;

/// A problem with one cell (or one row) of a workbook, named the way an
/// office clerk finds it: sheet, row number as Excel shows it, column header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    /// Sheet name.
    pub sheet: String,
    /// 1-based row number as shown by Excel; 0 for the sheet as a whole.
    pub row: u32,
    /// Column header, when the problem is in one column.
    pub column: Option<String>,
    /// What is wrong, in Chinese.
    pub message: String,
}

impl CellError {
    pub(crate) fn new(
        sheet: &str,
        row: u32,
        column: Option<&str>,
        message: impl Into<String>,
    ) -> Self {
        CellError {
            sheet: sheet.to_owned(),
            row,
            column: column.map(str::to_owned),
            message: message.into(),
        }
    }

    /// Where the problem is, e.g. `「申报信息」表第5行「培训人数」`.
    pub fn location(&self) -> String {
        let mut s = format!("「{}」表", self.sheet);
        if self.row > 0 {
            s.push_str(&format!("第{}行", self.row));
        }
        if let Some(c) = &self.column {
            s.push_str(&format!("「{c}」"));
        }
        s
    }
}

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}：{}", self.location(), self.message)
    }
}

impl std::error::Error for CellError {}

/// Anything that stops a workbook from being read or written as a whole.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    /// The file could not be read.
    #[error("无法读取文件 {path}：{source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// The bytes are not a workbook calamine can open.
    #[error("不是可读取的 Excel 工作簿（.xlsx/.xls/.ods），文件可能已损坏或被截断：{0}")]
    NotAWorkbook(#[source] calamine::Error),
    /// A workbook without a sheet.
    #[error("工作簿中没有工作表")]
    NoSheets,
    /// One sheet of the workbook cannot be read.
    #[error("「{sheet}」表无法读取：{source}")]
    Sheet {
        /// Sheet name.
        sheet: String,
        /// The reader's reason.
        #[source]
        source: calamine::Error,
    },
    /// The workbook's layout is not the intake layout.
    #[error("{0}")]
    Layout(CellError),
    /// The workbook has more rows than a batch takes.
    #[error("「{sheet}」表有 {rows} 行，超过上限 {max} 行；请分成多个文件")]
    TooManyRows {
        /// Sheet name.
        sheet: String,
        /// Rows found.
        rows: usize,
        /// The limit.
        max: usize,
    },
    /// The spreadsheet writer refused (a text over Excel's 32,767 characters, say).
    #[error("无法生成 Excel 文件：{0}")]
    Write(#[from] rust_xlsxwriter::XlsxError),
}
