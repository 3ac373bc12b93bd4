//! Workbooks from Python: the intake template, its reader, the summary workbook.

use crate::errors::{Failure, to_py};
use crate::{Application, Summary, write_file};
use pyo3::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;

/// Reads an intake workbook; every bad cell of every row in one exception.
#[pyfunction]
pub(crate) fn _read_xlsx(py: Python<'_>, path: PathBuf) -> PyResult<Vec<Application>> {
    let intake = py
        .detach(|| yanxiu_sheet::read_intake(&path))
        .map_err(|e| to_py(py, e))?;
    // What was read otherwise than laid out is a Python warning, never silent.
    let warn = py.import("warnings")?.getattr("warn")?;
    for w in &intake.warnings {
        warn.call1((format!("{}：{w}", path.display()),))?;
    }
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
            Err(to_py(py, Failure::Cells(message, errors)))
        }
    }
}

/// Writes the blank intake workbook (with its example row).
#[pyfunction]
pub(crate) fn _xlsx_template(py: Python<'_>, path: PathBuf) -> PyResult<()> {
    const EXAMPLE: &str = yanxiu_core::examples::APPLICATION_ZH;
    let example = yanxiu_core::parse::application_from_json(EXAMPLE).map_err(|e| to_py(py, e))?;
    let bytes =
        yanxiu_sheet::intake_template(&example, crate::profile()).map_err(|e| to_py(py, e))?;
    write_file(py, &path, &bytes)
}

/// Writes the 汇总表 workbook.
#[pyfunction]
pub(crate) fn _write_summary_xlsx(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    path: PathBuf,
) -> PyResult<()> {
    let s = Summary::coerce(py, data)?;
    let bytes = yanxiu_sheet::summary_workbook(&s, crate::profile()).map_err(|e| to_py(py, e))?;
    write_file(py, &path, &bytes)
}

/// Reads several workbooks (or folders of them) in order, as `yanxiu batch`
/// does; any record that cannot be read raises, listing every one.
#[pyfunction]
pub(crate) fn _read_inputs(py: Python<'_>, paths: Vec<PathBuf>) -> PyResult<Vec<Application>> {
    let input = py
        .detach(|| yanxiu_batch::read_inputs(&paths))
        .map_err(|e| to_py(py, e))?;
    let warn = py.import("warnings")?.getattr("warn")?;
    for n in &input.notes {
        warn.call1((n.clone(),))?;
    }
    let mut apps = Vec::new();
    let mut problems: Vec<String> = input.problems.clone();
    for item in input.items {
        match item.data {
            Ok(a) => apps.push(Application { inner: Arc::new(a) }),
            Err(ps) => problems.extend(ps.iter().map(|p| format!("{}：{p}", item.source))),
        }
    }
    if problems.is_empty() {
        Ok(apps)
    } else {
        let message = problems.join("\n");
        Err(to_py(py, yanxiu_core::DataError::field("", message)))
    }
}

/// One intake workbook of everything received, with a 来源 column.
#[pyfunction]
pub(crate) fn _merge_xlsx(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    out: PathBuf,
) -> PyResult<Vec<String>> {
    let input = py
        .detach(|| yanxiu_batch::read_inputs(&paths))
        .map_err(|e| to_py(py, e))?;
    let (bytes, unreadable) =
        yanxiu_batch::merged_workbook(&input, crate::profile()).map_err(|e| to_py(py, e))?;
    write_file(py, &out, &bytes)?;
    Ok(unreadable)
}
