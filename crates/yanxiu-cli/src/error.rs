//! Every way a command can fail, and the one place that maps each to the
//! exit status the README promises.

use std::path::PathBuf;
use yanxiu_core::DataError;
use yanxiu_render::RenderError;

/// Why a command stopped.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CliError {
    /// Arguments that do not go together.
    #[error("{0}")]
    Usage(String),
    /// A notice profile that cannot be read.
    #[error(transparent)]
    Profile(#[from] yanxiu_core::Error),
    /// A data file that cannot be read.
    #[error("{}：无法读取文件：{source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// A data file that does not read into the model.
    #[error("{}：{source}", path.display())]
    Data {
        /// The file.
        path: PathBuf,
        /// What is wrong, naming the field.
        #[source]
        source: Box<DataError>,
    },
    /// Rendering refused or failed.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// A Word document could not be written.
    #[error(transparent)]
    WordOut(#[from] yanxiu_word::WordError),
    /// A Word file that does not read as a 申报表.
    #[error("{}：{source}", path.display())]
    Word {
        /// The file.
        path: PathBuf,
        /// Why, naming the form's label where there is one.
        #[source]
        source: Box<yanxiu_word::ReadError>,
    },
    /// A workbook could not be written.
    #[error(transparent)]
    Sheet(#[from] yanxiu_sheet::SheetError),
    /// An output file could not be written.
    #[error("无法写入 {}：{source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// A batch whose input or output folder is unusable.
    #[error(transparent)]
    Batch(#[from] yanxiu_batch::BatchError),
    /// A job that ran but did not finish every part (its report says which).
    #[error("{0}")]
    Unfinished(String),
}

impl CliError {
    /// The exit status: `2` for input, set-up and arguments the command
    /// cannot use; `1` for data refused by the rules and failed output.
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_)
            | CliError::Profile(_)
            | CliError::Io { .. }
            | CliError::Data { .. }
            | CliError::Word { .. }
            | CliError::Batch(_)
            | CliError::Render(RenderError::Load { .. }) => 2,
            CliError::Render(_)
            | CliError::Sheet(_)
            | CliError::WordOut(_)
            | CliError::Write { .. }
            | CliError::Unfinished(_) => 1,
        }
    }

    /// Prints the error, and the findings that refused a document.
    pub(crate) fn print(&self) {
        eprintln!("错误：{self}");
        if let CliError::Render(RenderError::Invalid(findings)) = self {
            for f in findings {
                eprintln!("  {f}");
            }
        }
    }
}
