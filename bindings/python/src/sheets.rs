//! Workbooks from Python: the intake template, its reader, the summary workbook.

use crate::{Application, Summary, raise};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::path::PathBuf;
use std::sync::Arc;
use yanxiu_render::write_atomic;
use yanxiu_sheet::{CellError, SheetError};

/// A `SheetError` (the `DataError` of workbooks) listing every bad cell.
pub(crate) fn sheet_problems(py: Python<'_>, message: String, errors: &[CellError]) -> PyErr {
    let made = (|| -> PyResult<PyErr> {
        let class = py.import("yanxiu._errors")?.getattr("CellProblem")?;
        let list = PyList::empty(py);
        for e in errors {
            list.append(class.call1((&e.sheet, e.row, e.column.clone(), &e.message))?)?;
        }
        let kw = PyDict::new(py);
        kw.set_item("problems", list)?;
        if let Some(first) = errors.first() {
            kw.set_item("path", first.location())?;
        }
        Ok(raise(py, "SheetError", (message,), Some(&kw)))
    })();
    made.unwrap_or_else(|e| e)
}

fn sheet_error(py: Python<'_>, e: SheetError) -> PyErr {
    match e {
        SheetError::Layout(c) => sheet_problems(py, c.to_string(), std::slice::from_ref(&c)),
        SheetError::Write(_) => raise(py, "RenderError", (e.to_string(),), None),
        other => raise(py, "DataError", (other.to_string(),), None),
    }
}

fn write(py: Python<'_>, path: &std::path::Path, bytes: &[u8]) -> PyResult<()> {
    py.detach(|| write_atomic(path, bytes)).map_err(|e| {
        raise(
            py,
            "RenderError",
            (format!("无法写入 {}：{e}", path.display()),),
            None,
        )
    })
}

/// Reads an intake workbook; every bad cell of every row in one exception.
#[pyfunction]
pub(crate) fn _read_xlsx(py: Python<'_>, path: PathBuf) -> PyResult<Vec<Application>> {
    let intake = py
        .detach(|| yanxiu_sheet::read_intake(&path))
        .map_err(|e| sheet_error(py, e))?;
    match intake.into_applications() {
        Ok(apps) => Ok(apps
            .into_iter()
            .map(|a| Application { inner: Arc::new(a) })
            .collect()),
        Err(errors) => {
            let mut lines: Vec<String> = errors.iter().take(20).map(ToString::to_string).collect();
            if errors.len() > 20 {
                lines.push(format!("……共 {} 处问题", errors.len()));
            }
            let message = format!("{}：\n{}", path.display(), lines.join("\n"));
            Err(sheet_problems(py, message, &errors))
        }
    }
}

/// Writes the blank intake workbook (with its example row).
#[pyfunction]
pub(crate) fn _xlsx_template(py: Python<'_>, path: PathBuf) -> PyResult<()> {
    const EXAMPLE: &str = include_str!("../../../examples/application-zh.json");
    let example =
        yanxiu_core::parse::application_from_json(EXAMPLE).expect("the bundled example parses");
    let bytes = yanxiu_sheet::intake_template(&example).map_err(|e| sheet_error(py, e))?;
    write(py, &path, &bytes)
}

/// Writes the 汇总表 workbook.
#[pyfunction]
pub(crate) fn _write_summary_xlsx(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    path: PathBuf,
) -> PyResult<()> {
    let s = Summary::coerce(py, data)?;
    let bytes =
        yanxiu_sheet::summary_workbook(&s, crate::profile()).map_err(|e| sheet_error(py, e))?;
    write(py, &path, &bytes)
}
