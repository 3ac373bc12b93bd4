//! Rust errors as Python exceptions, in one place. The classes are defined
//! in `yanxiu/_errors.py` (so that `DataError` is also a `ValueError` and
//! `OutputError` an `OSError`); this module picks the class and its
//! attributes for every error the crates return.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::path::PathBuf;
use yanxiu_core::{DataError, Finding};
use yanxiu_render::RenderError;
use yanxiu_sheet::{CellError, SheetError};

/// Every failure the binding turns into an exception.
pub(crate) enum Failure {
    /// Input that does not read into the model.
    Data(DataError),
    /// Rendering refused or failed.
    Render(RenderError),
    /// A workbook that does not read or write.
    Sheet(SheetError),
    /// Several bad cells of a workbook, with a summary message.
    Cells(String, Vec<CellError>),
    /// A batch whose input or output folder is unusable.
    Batch(yanxiu_batch::BatchError),
    /// A file that could not be written.
    Write(PathBuf, std::io::Error),
    /// A Word document that could not be made.
    Word(yanxiu_word::WordError),
    /// A Word file that does not read as a 申报表.
    WordIn(PathBuf, yanxiu_word::ReadError),
    /// A file that could not be read.
    Read(PathBuf, std::io::Error),
    /// A row of flat columns that does not read: the sentence naming the
    /// row and every bad cell, and the first bad column.
    Row {
        /// `第3行（索引 7）「培训人数」：不是整数（现为“60.5”）`.
        message: String,
        /// The first bad column.
        column: Option<String>,
    },
    /// A notice profile that does not read.
    Profile(yanxiu_core::Error),
}

impl From<DataError> for Failure {
    fn from(e: DataError) -> Self {
        Failure::Data(e)
    }
}

impl From<RenderError> for Failure {
    fn from(e: RenderError) -> Self {
        Failure::Render(e)
    }
}

impl From<SheetError> for Failure {
    fn from(e: SheetError) -> Self {
        Failure::Sheet(e)
    }
}

impl From<yanxiu_batch::BatchError> for Failure {
    fn from(e: yanxiu_batch::BatchError) -> Self {
        Failure::Batch(e)
    }
}

impl From<yanxiu_core::Error> for Failure {
    fn from(e: yanxiu_core::Error) -> Self {
        Failure::Profile(e)
    }
}

/// The exception of a failure.
pub(crate) fn to_py(py: Python<'_>, failure: impl Into<Failure>) -> PyErr {
    build(py, failure.into()).unwrap_or_else(|e| e)
}

fn build(py: Python<'_>, failure: Failure) -> PyResult<PyErr> {
    let kw = PyDict::new(py);
    let (class, message) = match failure {
        Failure::Data(e) => {
            kw.set_item("path", &e.path)?;
            kw.set_item("line", e.line)?;
            kw.set_item("column", e.column)?;
            ("DataError", e.to_string())
        }
        Failure::Render(e) => render_class(py, &kw, e)?,
        Failure::Sheet(SheetError::Layout(c)) => {
            return build(py, Failure::Cells(c.to_string(), vec![c]));
        }
        Failure::Sheet(e @ SheetError::Write(_)) => ("OutputError", e.to_string()),
        Failure::Sheet(e) => ("DataError", e.to_string()),
        Failure::Cells(message, cells) => {
            cell_problems(py, &kw, &cells)?;
            ("SheetError", message)
        }
        Failure::Batch(e @ yanxiu_batch::BatchError::Output { .. }) => {
            ("OutputError", e.to_string())
        }
        Failure::Batch(e) => ("DataError", e.to_string()),
        Failure::Write(path, e) => {
            kw.set_item("filename", path.display().to_string())?;
            ("OutputError", format!("无法写入 {}：{e}", path.display()))
        }
        Failure::Profile(e) => ("DataError", e.to_string()),
        Failure::Word(e) => ("RenderError", e.to_string()),
        Failure::WordIn(path, e) => {
            kw.set_item("path", path.display().to_string())?;
            ("DataError", format!("{}：{e}", path.display()))
        }
        Failure::Row { message, column } => {
            kw.set_item("path", column.unwrap_or_default())?;
            ("DataError", message)
        }
        Failure::Read(path, e) => {
            kw.set_item("path", path.display().to_string())?;
            (
                "DataError",
                format!("{}：无法读取文件：{e}", path.display()),
            )
        }
    };
    let exc = py
        .import("yanxiu._errors")?
        .getattr(class)?
        .call((message,), Some(&kw))?;
    Ok(PyErr::from_value(exc))
}

/// A render error's class and message, its details as keywords.
fn render_class(
    py: Python<'_>,
    kw: &Bound<'_, PyDict>,
    e: RenderError,
) -> PyResult<(&'static str, String)> {
    let message = e.to_string();
    Ok(match e {
        RenderError::Invalid(findings) => {
            kw.set_item("findings", findings_to_py(py, &findings)?)?;
            ("ValidationError", message)
        }
        RenderError::UncoveredChar {
            path,
            ch,
            code,
            font,
        } => {
            kw.set_item("path", path)?;
            kw.set_item("char", ch.to_string())?;
            kw.set_item("codepoint", code)?;
            kw.set_item("font", font)?;
            ("UncoveredCharError", message)
        }
        // Too long a text is the data's fault: a DataError naming the field.
        RenderError::TooLong { path, .. } => {
            kw.set_item("path", path)?;
            ("DataError", message)
        }
        _ => ("RenderError", message),
    })
}

/// A workbook's bad cells as `yanxiu.CellProblem`s, the first one's place
/// as the path.
fn cell_problems(py: Python<'_>, kw: &Bound<'_, PyDict>, cells: &[CellError]) -> PyResult<()> {
    let class = py.import("yanxiu._errors")?.getattr("CellProblem")?;
    let list = PyList::empty(py);
    for c in cells {
        list.append(class.call1((&c.sheet, c.row, c.column.clone(), &c.message))?)?;
    }
    kw.set_item("problems", list)?;
    if let Some(first) = cells.first() {
        kw.set_item("path", first.location())?;
    }
    Ok(())
}

/// Findings as `yanxiu.Finding` tuples.
pub(crate) fn findings_to_py(py: Python<'_>, findings: &[Finding]) -> PyResult<Vec<Py<PyAny>>> {
    let class = py.import("yanxiu._errors")?.getattr("Finding")?;
    findings
        .iter()
        .map(|f| {
            Ok(class
                .call1((&f.code, f.severity.to_string(), &f.path, &f.message))?
                .unbind())
        })
        .collect()
}
