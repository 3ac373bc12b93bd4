//! The Python module `yanxiu._native`: the model, validation and rendering
//! of yanxiu for Python. The public, typed API is `yanxiu/__init__.py`.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use yanxiu_core::{DataError, Finding, parse};
use yanxiu_render::{RenderError, RenderOptions, write_atomic};

mod batch;
mod sheets;

/// Raises one of the exceptions of `yanxiu._errors` (defined in Python so
/// that `DataError` can also be a `ValueError`).
fn raise(
    py: Python<'_>,
    class: &str,
    args: (String,),
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyErr {
    let made = (|| -> PyResult<PyErr> {
        let module = py.import("yanxiu._errors")?;
        let exc = module.getattr(class)?.call(args, kwargs)?;
        Ok(PyErr::from_value(exc))
    })();
    made.unwrap_or_else(|e| e)
}

fn data_error(py: Python<'_>, e: DataError) -> PyErr {
    let kw = PyDict::new(py);
    let set = || -> PyResult<()> {
        kw.set_item("path", &e.path)?;
        kw.set_item("line", e.line)?;
        kw.set_item("column", e.column)?;
        Ok(())
    };
    if let Err(err) = set() {
        return err;
    }
    raise(py, "DataError", (e.to_string(),), Some(&kw))
}

fn findings_to_py(py: Python<'_>, findings: &[Finding]) -> PyResult<Vec<Py<PyAny>>> {
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

fn render_error(py: Python<'_>, e: RenderError) -> PyErr {
    let message = e.to_string();
    match e {
        RenderError::Invalid(findings) => match findings_to_py(py, &findings) {
            Ok(list) => {
                let kw = PyDict::new(py);
                if let Err(err) = kw.set_item("findings", list) {
                    return err;
                }
                raise(py, "ValidationError", (message,), Some(&kw))
            }
            Err(err) => err,
        },
        RenderError::UncoveredChar {
            path,
            ch,
            code,
            font,
        } => {
            let kw = PyDict::new(py);
            let set = || -> PyResult<()> {
                kw.set_item("path", path)?;
                kw.set_item("char", ch.to_string())?;
                kw.set_item("codepoint", code)?;
                kw.set_item("font", font)?;
                Ok(())
            };
            if let Err(err) = set() {
                return err;
            }
            raise(py, "UncoveredCharError", (message,), Some(&kw))
        }
        RenderError::TooLong { path, .. } => {
            let kw = PyDict::new(py);
            if let Err(err) = kw.set_item("path", path) {
                return err;
            }
            raise(py, "DataError", (message,), Some(&kw))
        }
        _ => raise(py, "RenderError", (message,), None),
    }
}

/// Turns a Python object into JSON text: dicts, lists, str, numbers, bools,
/// None, and dates (written ISO).
fn to_json_text(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let json = py.import("json")?;
    let kw = PyDict::new(py);
    kw.set_item("ensure_ascii", false)?;
    kw.set_item(
        "default",
        py.import("yanxiu._errors")?.getattr("_json_default")?,
    )?;
    json.call_method("dumps", (obj,), Some(&kw))?.extract()
}

/// The JSON text of a dict handed to `from_dict`.
fn dict_to_json(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<String> {
    if !data.is_instance_of::<PyDict>() {
        return Err(PyTypeError::new_err(format!(
            "需要 dict，得到 {}",
            data.get_type().name()?
        )));
    }
    to_json_text(py, data)
        .map_err(|e| raise(py, "DataError", (format!("无法读取数据：{e}"),), None))
}

fn from_json_value(py: Python<'_>, text: &str) -> PyResult<Py<PyAny>> {
    py.import("json")?
        .call_method1("loads", (text,))
        .map(Bound::unbind)
}

/// The 2024 notice profile, parsed once.
fn profile() -> &'static yanxiu_core::Profile {
    static P: OnceLock<yanxiu_core::Profile> = OnceLock::new();
    P.get_or_init(yanxiu_core::Profile::fujian_2024)
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
            /// From a dict with English or Chinese keys.
            #[staticmethod]
            fn from_dict(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
                Self::from_json(py, &dict_to_json(py, data)?)
            }

            /// From JSON text.
            #[staticmethod]
            fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
                let model = $parse(text).map_err(|e| data_error(py, e))?;
                Ok($name { inner: Arc::new(model) })
            }

            /// JSON text with English keys.
            fn to_json(&self) -> String {
                serde_json::to_string(&*self.inner).expect("a model serialises")
            }

            /// A dict with English keys; dates as ISO strings.
            fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                from_json_value(py, &self.to_json())
            }

            /// Checks against the notice (the 2024 profile).
            fn validate(&self, py: Python<'_>) -> PyResult<Vec<Py<PyAny>>> {
                findings_to_py(py, &self.inner.validate(profile()))
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
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|p| {
            let what = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(RenderError::Typeset(format!(
                "内部错误（请报告此问题）：{what}"
            )))
        })
    })
}

fn finish(
    py: Python<'_>,
    result: Result<Vec<u8>, RenderError>,
    path: Option<PathBuf>,
) -> PyResult<Py<PyBytes>> {
    // Ctrl-C pressed while rendering is honoured as soon as the GIL is back.
    py.check_signals()?;
    let pdf = result.map_err(|e| render_error(py, e))?;
    if let Some(p) = path {
        py.detach(|| write_atomic(&p, &pdf)).map_err(|e| {
            raise(
                py,
                "RenderError",
                (format!("无法写入 {}：{e}", p.display()),),
                None,
            )
        })?;
    }
    Ok(PyBytes::new(py, &pdf).unbind())
}

#[pymethods]
impl Renderer {
    #[new]
    #[pyo3(signature = (font_dirs=None, template_dir=None, system_fonts=false))]
    fn new(
        py: Python<'_>,
        font_dirs: Option<Vec<PathBuf>>,
        template_dir: Option<PathBuf>,
        system_fonts: bool,
    ) -> PyResult<Self> {
        let mut b = yanxiu_render::Renderer::builder().system_fonts(system_fonts);
        for d in font_dirs.unwrap_or_default() {
            b = b.font_dir(d);
        }
        if let Some(t) = template_dir {
            b = b.template_dir(t);
        }
        let r = py.detach(|| b.build()).map_err(|e| render_error(py, e))?;
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
        let opts = RenderOptions { draft, pdfa };
        let r = self.inner.clone();
        let result = detached(py, move || r.render_application(&app, &opts));
        finish(py, result, path)
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
        let opts = RenderOptions { draft, pdfa };
        let r = self.inner.clone();
        let result = detached(py, move || r.render_summary(&s, &opts));
        finish(py, result, path)
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

    /// Which face each role resolved to: (role, family, official).
    fn fonts(&self) -> Vec<(String, String, bool)> {
        self.inner
            .fonts()
            .iter()
            .map(|r| {
                (
                    format!("{:?}", r.role).to_lowercase(),
                    r.family.clone(),
                    r.official,
                )
            })
            .collect()
    }
}

fn default_renderer(py: Python<'_>) -> PyResult<Renderer> {
    static DEFAULT: OnceLock<Arc<yanxiu_render::Renderer>> = OnceLock::new();
    if let Some(r) = DEFAULT.get() {
        return Ok(Renderer { inner: r.clone() });
    }
    let built = py
        .detach(yanxiu_render::Renderer::new)
        .map_err(|e| render_error(py, e))?;
    Ok(Renderer {
        inner: DEFAULT.get_or_init(|| Arc::new(built)).clone(),
    })
}

/// The shared renderer used by the module-level functions.
#[pyfunction]
fn _default_renderer(py: Python<'_>) -> PyResult<Renderer> {
    default_renderer(py)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Application>()?;
    m.add_class::<Summary>()?;
    m.add_class::<Renderer>()?;
    m.add_function(wrap_pyfunction!(_default_renderer, m)?)?;
    m.add_function(wrap_pyfunction!(sheets::_read_xlsx, m)?)?;
    m.add_function(wrap_pyfunction!(sheets::_xlsx_template, m)?)?;
    m.add_function(wrap_pyfunction!(sheets::_write_summary_xlsx, m)?)?;
    m.add_function(wrap_pyfunction!(batch::_render_batch, m)?)?;
    Ok(())
}
