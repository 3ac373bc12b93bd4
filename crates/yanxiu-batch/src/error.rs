//! Errors that stop a batch as a whole (a bad record never does).

use std::path::PathBuf;

/// Why a batch could not run or finish.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// The input cannot be read at all (missing file, not a workbook, bad JSON).
    #[error("无法读取输入 {path}：{message}", path = .path.display())]
    Input {
        /// The input path.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// The output folder cannot be written (full disk, no permission).
    #[error("{0}")]
    Output(String),
}
