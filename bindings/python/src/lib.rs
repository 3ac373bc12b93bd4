//! The Python module `yanxiu._native`: the model, validation and rendering
//! of yanxiu for Python. The public, typed API is `yanxiu/__init__.py`.

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use yanxiu_core::parse;
use yanxiu_render::{RenderError, RenderOptions};

mod batch;
mod errors;
mod rows;
mod sheets;
mod values;
mod word;

use errors::{Failure, findings_to_py, to_py};

fn from_json_value(py: Python<'_>, text: &str) -> PyResult<Py<PyAny>> {
    py.import("json")?
        .call_method1("loads", (text,))
        .map(Bound::unbind)
}

/// The 2024 notice profile, parsed once.
fn profile() -> &'static yanxiu_core::Profile {
    yanxiu_core::Profile::fujian_2024_shared()
}

/// The profile a caller names (a TOML file), else the 2024 one.
fn profile_at(py: Python<'_>, path: Option<PathBuf>) -> PyResult<yanxiu_core::Profile> {
    match path {
        Some(p) => yanxiu_core::Profile::from_path(&p).map_err(|e| to_py(py, e)),
        None => Ok(profile().clone()),
    }
}

/// Declares a Python class wrapping one model type, with the methods both
/// forms share (`from_dict`, `from_json`, `to_json`, `to_dict`, `validate`,
/// pickling) plus the class's own methods given in braces.
macro_rules! model_class {
    ($(#[$doc:meta])* $name:ident($model:ty, $parse:path) { $($own:tt)* }) => {
        $(#[$doc])*
        #[pyclass(module = "yanxiu._native", frozen, eq)]
        #[derive(Clone, PartialEq)]
        struct $name {
            inner: Arc<$model>,
        }

        #[pymethods]
        impl $name {
            /// From a dict (any Mapping) with English or Chinese keys.
            #[staticmethod]
            fn from_dict(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
                let value = values::mapping(data)?.map_err(|e| to_py(py, e))?;
                let model = parse::from_value::<$model>(value).map_err(|e| to_py(py, e))?;
                Ok($name { inner: Arc::new(model) })
            }

            /// From JSON text.
            #[staticmethod]
            fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
                let model = $parse(text).map_err(|e| to_py(py, e))?;
                Ok($name { inner: Arc::new(model) })
            }

            /// JSON text with English keys.
            fn to_json(&self) -> String {
                serde_json::to_string(&*self.inner).unwrap_or_default()
            }

            /// A dict with English keys; dates as ISO strings.
            fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                from_json_value(py, &self.to_json())
            }

            /// Checks against the notice: the 2024 profile, or the TOML file `profile`.
            #[pyo3(signature = (profile=None))]
            fn validate(&self, py: Python<'_>, profile: Option<PathBuf>) -> PyResult<Vec<Py<PyAny>>> {
                let p = profile_at(py, profile)?;
                findings_to_py(py, &self.inner.validate(&p))
            }

            /// Pickles as the JSON text, read back by `from_json`.
            fn __reduce__(&self, py: Python<'_>) -> PyResult<(Py<PyAny>, (String,))> {
                let f = py.get_type::<$name>().getattr("from_json")?;
                Ok((f.unbind(), (self.to_json(),)))
            }

            $($own)*
        }

        impl $name {
            /// The model of an instance of this class, or of a dict.
            fn coerce(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Arc<$model>> {
                match data.cast::<$name>() {
                    Ok(obj) => Ok(obj.get().inner.clone()),
                    Err(_) => Ok($name::from_dict(py, data)?.inner),
                }
            }
        }
    };
}

model_class! {
    /// One 申报表.
    Application(yanxiu_core::Application, parse::application_from_json) {
        #[getter]
        fn project_name(&self) -> String {
            self.inner.project_name.clone()
        }

        fn __repr__(&self) -> String {
            format!("Application(project_name={:?})", self.inner.project_name)
        }

        /// From one row of the intake workbook's flat columns as a script
        /// holds it (a DataFrame row's `to_dict()`, an openpyxl row zipped
        /// with the header, a csv dict), read by the workbook reader itself.
        #[staticmethod]
        fn from_row(py: Python<'_>, row: &Bound<'_, PyAny>) -> PyResult<Self> {
            rows::from_row(py, row, None, &mut None)?.ok_or_else(|| {
                rows::example_row_error(py)
            })
        }

        /// Every row of a DataFrame or an iterable of such rows; the first
        /// bad row raises `DataError` naming it (`第3行（索引 7）「培训人数」：…`).
        /// `previous`: the 已办班次 sheet's rows (a second DataFrame), each
        /// joined to its project by 项目名称; a row of no project raises.
        #[staticmethod]
        #[pyo3(signature = (rows, previous=None))]
        fn from_rows(
            py: Python<'_>,
            rows: &Bound<'_, PyAny>,
            previous: Option<&Bound<'_, PyAny>>,
        ) -> PyResult<Vec<Self>> {
            rows::from_rows(py, rows, previous)
        }
    }
}

model_class! {
    /// One 汇总表.
    Summary(yanxiu_core::Summary, parse::summary_from_json) {
        /// The applications, in ranking order.
        #[getter]
        fn applications(&self) -> Vec<Application> {
            let apps = &self.inner.applications;
            apps.iter().map(|a| Application { inner: Arc::new(a.clone()) }).collect()
        }

        fn __len__(&self) -> usize {
            self.inner.applications.len()
        }

        /// The 汇总表's rows as a pandas DataFrame, with its column names.
        fn to_dataframe(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
            let pandas = py.import("pandas").map_err(|_| {
                pyo3::exceptions::PyImportError::new_err("to_dataframe 需要 pandas：pip install yanxiu[pandas]")
            })?;
            // The 2024 form's columns (the summary carries no profile).
            let profile = profile();
            let form = &profile.summary_form;
            let year = self.inner.year.unwrap_or(profile.year);
            let columns: Vec<String> = form
                .columns
                .iter()
                .map(|c| c.label.replace('\n', ""))
                .collect();
            let rows: Vec<Vec<Py<PyAny>>> = self
                .inner
                .applications
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    form.row(i + 1, a, year)
                        .into_iter()
                        .zip(&form.columns)
                        .map(|(text, c)| -> PyResult<Py<PyAny>> {
                            // Numbers stay numbers, so that a script can sum them.
                            Ok(match text.parse::<i64>() {
                                Ok(n) if c.key.numeric() => n.into_pyobject(py)?.into_any().unbind(),
                                _ => text.into_pyobject(py)?.into_any().unbind(),
                            })
                        })
                        .collect::<PyResult<Vec<_>>>()
                })
                .collect::<PyResult<_>>()?;
            let kwargs = pyo3::types::PyDict::new(py);
            kwargs.set_item("columns", columns)?;
            Ok(pandas.getattr("DataFrame")?.call((rows,), Some(&kwargs))?.unbind())
        }

        fn __repr__(&self) -> String {
            let s = &self.inner;
            format!("Summary(reporter={:?}, applications={})", s.reporter.name, s.applications.len())
        }
    }
}

/// Holds fonts and templates for many documents.
#[pyclass(module = "yanxiu._native", frozen)]
struct Renderer {
    inner: Arc<yanxiu_render::Renderer>,
}

/// Runs a render without the GIL; a panic inside becomes a `RenderError`
/// instead of unwinding into the interpreter.
fn detached(
    py: Python<'_>,
    f: impl FnOnce() -> Result<Vec<u8>, RenderError> + Send,
) -> Result<Vec<u8>, RenderError> {
    py.detach(|| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
            .unwrap_or_else(|p| Err(RenderError::from_panic(&*p)))
    })
}

/// Writes an output file atomically; a failure is an `OutputError` (an `OSError`).
fn write_file(py: Python<'_>, path: &std::path::Path, bytes: &[u8]) -> PyResult<()> {
    py.detach(|| yanxiu_batch::write_atomic(path, bytes))
        .map_err(|e| to_py(py, Failure::Write(path.to_owned(), e)))
}

fn finish(
    py: Python<'_>,
    result: Result<Vec<u8>, RenderError>,
    path: Option<PathBuf>,
) -> PyResult<Py<PyBytes>> {
    // Ctrl-C pressed while rendering is honoured as soon as the GIL is back.
    py.check_signals()?;
    let pdf = result.map_err(|e| to_py(py, e))?;
    if let Some(p) = path {
        write_file(py, &p, &pdf)?;
    }
    Ok(PyBytes::new(py, &pdf).unbind())
}

#[pymethods]
impl Renderer {
    #[new]
    #[pyo3(signature = (font_dirs=None, template_dir=None, system_fonts=false, profile=None))]
    fn new(
        py: Python<'_>,
        font_dirs: Option<Vec<PathBuf>>,
        template_dir: Option<PathBuf>,
        system_fonts: bool,
        profile: Option<PathBuf>,
    ) -> PyResult<Self> {
        let mut b = yanxiu_render::Renderer::builder()
            .system_fonts(system_fonts)
            .profile(profile_at(py, profile)?);
        for d in font_dirs.unwrap_or_default() {
            b = b.font_dir(d);
        }
        if let Some(t) = template_dir {
            b = b.template_dir(t);
        }
        let r = py.detach(|| b.build()).map_err(|e| to_py(py, e))?;
        Ok(Renderer { inner: Arc::new(r) })
    }

    #[pyo3(signature = (data, path=None, *, draft=false, pdfa=false))]
    fn render_application(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        path: Option<PathBuf>,
        draft: bool,
        pdfa: bool,
    ) -> PyResult<Py<PyBytes>> {
        let app = Application::coerce(py, data)?;
        self.render(py, path, draft, pdfa, move |r, o| {
            r.render_application(&app, o)
        })
    }

    #[pyo3(signature = (data, path=None, *, draft=false, pdfa=false))]
    fn render_summary(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        path: Option<PathBuf>,
        draft: bool,
        pdfa: bool,
    ) -> PyResult<Py<PyBytes>> {
        let s = Summary::coerce(py, data)?;
        self.render(py, path, draft, pdfa, move |r, o| r.render_summary(&s, o))
    }

    fn blank_application(&self, py: Python<'_>) -> PyResult<Py<PyBytes>> {
        let r = self.inner.clone();
        let result = detached(py, move || r.blank_application(&RenderOptions::default()));
        finish(py, result, None)
    }

    fn blank_summary(&self, py: Python<'_>) -> PyResult<Py<PyBytes>> {
        let r = self.inner.clone();
        let result = detached(py, move || r.blank_summary(&RenderOptions::default()));
        finish(py, result, None)
    }

    /// Each role's chain of faces, first choice first: (role, family, official).
    fn fonts(&self) -> Vec<(&'static str, String, bool)> {
        self.inner
            .fonts()
            .iter()
            .flat_map(|r| {
                r.faces
                    .iter()
                    .map(move |f| (r.role.key(), f.family.clone(), f.official))
            })
            .collect()
    }

    /// Which characters of an application (or summary) each face sets:
    /// (role, family, official, characters), and the warnings (YX110) for
    /// characters a fallback face sets. A character no face has raises
    /// `UncoveredCharError`.
    #[allow(clippy::type_complexity)]
    fn font_usage(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
    ) -> PyResult<(Vec<(&'static str, String, bool, String)>, Vec<Py<PyAny>>)> {
        let usage = match data.cast::<Summary>() {
            Ok(s) => self.inner.font_usage_summary(Some(&s.get().inner)),
            Err(_) => {
                let app = Application::coerce(py, data)?;
                self.inner.font_usage_application(Some(&app))
            }
        }
        .map_err(|e| to_py(py, e))?;
        let faces = usage
            .faces
            .iter()
            .map(|f| (f.role.key(), f.family.clone(), f.official, f.chars.clone()))
            .collect();
        Ok((faces, findings_to_py(py, &usage.findings())?))
    }
}

impl Renderer {
    /// Renders without the GIL, then writes `path` when given.
    fn render(
        &self,
        py: Python<'_>,
        path: Option<PathBuf>,
        draft: bool,
        pdfa: bool,
        f: impl FnOnce(&yanxiu_render::Renderer, &RenderOptions) -> Result<Vec<u8>, RenderError> + Send,
    ) -> PyResult<Py<PyBytes>> {
        let opts = RenderOptions { draft, pdfa };
        let r = self.inner.clone();
        let result = detached(py, move || f(&r, &opts));
        finish(py, result, path)
    }
}

fn default_renderer(py: Python<'_>) -> PyResult<Renderer> {
    static DEFAULT: OnceLock<Arc<yanxiu_render::Renderer>> = OnceLock::new();
    if let Some(r) = DEFAULT.get() {
        return Ok(Renderer { inner: r.clone() });
    }
    let built = py
        .detach(yanxiu_render::Renderer::new)
        .map_err(|e| to_py(py, e))?;
    Ok(Renderer {
        inner: DEFAULT.get_or_init(|| Arc::new(built)).clone(),
    })
}

/// The shared renderer used by the module-level functions.
#[pyfunction]
fn _default_renderer(py: Python<'_>) -> PyResult<Renderer> {
    default_renderer(py)
}

/// mimalloc for the module's own allocations (Python's are its own): a
/// batch renders faster, as in the `yanxiu` program.
#[global_allocator]
static ALLOCATOR: yanxiu_batch::allocator::Allocator = yanxiu_batch::allocator::Allocator;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Application>()?;
    m.add_class::<Summary>()?;
    m.add_class::<Renderer>()?;
    m.add_function(wrap_pyfunction!(_default_renderer, m)?)?;
    m.add_function(wrap_pyfunction!(sheets::_read_xlsx, m)?)?;
    m.add_function(wrap_pyfunction!(sheets::_xlsx_template, m)?)?;
    m.add_function(wrap_pyfunction!(sheets::_write_summary_xlsx, m)?)?;
    m.add_function(wrap_pyfunction!(sheets::_read_inputs, m)?)?;
    m.add_function(wrap_pyfunction!(sheets::_merge_xlsx, m)?)?;
    m.add_function(wrap_pyfunction!(batch::_render_batch, m)?)?;
    m.add_function(wrap_pyfunction!(word::_application_docx, m)?)?;
    m.add_function(wrap_pyfunction!(word::_summary_docx, m)?)?;
    m.add_function(wrap_pyfunction!(word::_read_docx, m)?)?;
    // The statuses whose record has its PDF, for BatchEntry.ok (one home: Status::is_done).
    m.add("_DONE_STATUSES", batch::done_statuses())?;
    Ok(())
}
