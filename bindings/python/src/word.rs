//! The Word 电子版 of both forms. A .docx stays editable, so it is written
//! from data with findings too; `validate()` says what to finish.

use crate::errors::{Failure, to_py};
use crate::{Application, Summary, write_file};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use std::path::PathBuf;

fn finish(
    py: Python<'_>,
    bytes: Result<Vec<u8>, yanxiu_word::WordError>,
    path: Option<PathBuf>,
) -> PyResult<Py<PyBytes>> {
    let bytes = bytes.map_err(|e| to_py(py, Failure::Word(e)))?;
    if let Some(p) = path {
        write_file(py, &p, &bytes)?;
    }
    Ok(PyBytes::new(py, &bytes).unbind())
}

/// The 申报表 as .docx (the blank form when `data` is None).
#[pyfunction]
#[pyo3(signature = (data=None, path=None))]
pub(crate) fn _application_docx(
    py: Python<'_>,
    data: Option<&Bound<'_, PyAny>>,
    path: Option<PathBuf>,
) -> PyResult<Py<PyBytes>> {
    let app = data.map(|d| Application::coerce(py, d)).transpose()?;
    let bytes = py.detach(|| yanxiu_word::application_docx(app.as_deref(), crate::profile()));
    finish(py, bytes, path)
}

/// The 汇总表 as .docx (the blank form when `data` is None).
#[pyfunction]
#[pyo3(signature = (data=None, path=None))]
pub(crate) fn _summary_docx(
    py: Python<'_>,
    data: Option<&Bound<'_, PyAny>>,
    path: Option<PathBuf>,
) -> PyResult<Py<PyBytes>> {
    let s = data.map(|d| Summary::coerce(py, d)).transpose()?;
    let bytes = py.detach(|| yanxiu_word::summary_docx(s.as_deref(), crate::profile()));
    finish(py, bytes, path)
}

/// A filled 申报表 (.docx, .doc, .wps) read back; a file that is not one
/// raises `DataError` naming the file and the form's label; a box read with
/// doubt is a `UserWarning` naming the file and the cell.
#[pyfunction]
pub(crate) fn _read_docx(py: Python<'_>, path: PathBuf) -> PyResult<Application> {
    let bytes = py
        .detach(|| std::fs::read(&path))
        .map_err(|e| to_py(py, Failure::Read(path.clone(), e)))?;
    let read = py
        .detach(|| yanxiu_word::read_word(&bytes, crate::profile()))
        .map_err(|e| to_py(py, Failure::WordIn(path.clone(), e)))?;
    // Stack level 2: the warning points at the caller of `yanxiu.read_docx`,
    // not at the package's own wrapper.
    for w in &read.warnings {
        let message =
            std::ffi::CString::new(format!("{}：{w}", path.display())).unwrap_or_default();
        PyErr::warn(
            py,
            &py.get_type::<pyo3::exceptions::PyUserWarning>(),
            &message,
            2,
        )?;
    }
    Ok(Application {
        inner: std::sync::Arc::new(read.application),
    })
}
