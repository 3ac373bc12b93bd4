//! Errors that stop a batch as a whole (a bad record never does), and the
//! problems of one record.

use std::io::ErrorKind;
use std::path::PathBuf;
use yanxiu_core::DataError;
use yanxiu_sheet::{CellError, SheetError};

/// Why a batch could not run or finish.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// The input cannot be read at all (missing file, not a workbook, bad JSON).
    #[error("无法读取输入 {}：{source}", path.display())]
    Input {
        /// The input path.
        path: PathBuf,
        /// Why.
        #[source]
        source: Box<InputError>,
    },
    /// The output folder cannot be written (full disk, no permission).
    #[error("无法写入输出文件夹 {}：{}", dir.display(), io_reason(source))]
    Output {
        /// The output folder.
        dir: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
}

/// Why an input cannot be read as a whole.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file or folder could not be read.
    #[error("{}", io_reason(.0))]
    Io(#[from] std::io::Error),
    /// JSON that does not read into the model.
    #[error(transparent)]
    Data(#[from] DataError),
    /// A workbook that does not read.
    #[error(transparent)]
    Sheet(#[from] SheetError),
    /// A folder without a record in it.
    #[error("文件夹中没有可读取的文件（.json、.xlsx、.xlsm、.xls、.ods）")]
    EmptyFolder,
    /// More records or files than [`yanxiu_core::limits::MAX_APPLICATIONS`].
    #[error("有 {count} 项，超过上限 {max} 项；请分成多个文件")]
    TooMany {
        /// How many were given.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// A file over [`yanxiu_core::limits::MAX_INPUT_BYTES`].
    #[error("文件有 {bytes} 字节，超过上限 {max} 字节；请分成多个文件")]
    TooLarge {
        /// Its size.
        bytes: u64,
        /// The limit.
        max: u64,
    },
}

/// Why one record has no PDF: the reason with its cause, named for the report.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RecordProblem {
    /// The record's data does not read (JSON).
    #[error(transparent)]
    Data(#[from] DataError),
    /// A cell of its workbook row does not read.
    #[error(transparent)]
    Cell(#[from] CellError),
    /// Its Word file is not a 申报表 that reads.
    #[error(transparent)]
    Word(#[from] yanxiu_word::ReadError),
    /// Its file could not be read.
    #[error("无法读取文件：{0}")]
    Io(String),
    /// A row a script handed over (a DataFrame's) does not read: every bad
    /// cell, by column.
    #[error("{0}")]
    Row(String),
}

/// The operating system's reason for a failed read or write, in Chinese
/// where it is one a clerk can act on.
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "磁盘空间已满".to_owned(),
        ErrorKind::FileTooLarge => "文件大小超出系统限制（磁盘配额或 ulimit -f）".to_owned(),
        ErrorKind::PermissionDenied => "没有权限".to_owned(),
        ErrorKind::ReadOnlyFilesystem => "磁盘是只读的".to_owned(),
        ErrorKind::NotFound => "文件或文件夹不存在".to_owned(),
        _ => e.to_string(),
    }
}

/// Errors of the output folder that no other record would escape.
pub(crate) fn is_fatal(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::StorageFull
            | ErrorKind::PermissionDenied
            | ErrorKind::ReadOnlyFilesystem
            | ErrorKind::QuotaExceeded
            | ErrorKind::FileTooLarge
            | ErrorKind::NotFound
    )
}
