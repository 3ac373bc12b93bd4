//! `render_batch` from Python: the same engine and files as `yanxiu batch`,
//! run without the GIL; Ctrl-C stops it cleanly (report written, files whole).

use crate::errors::to_py;
use crate::{Application, values};
use pyo3::prelude::*;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use yanxiu_batch::{
    Input, Item, Options, RecordProblem, Status, item_from_value, read_input, reporter_from_value,
    run_batch,
};
use yanxiu_render::RenderOptions;

/// The names of the statuses whose record has its PDF.
pub(crate) fn done_statuses() -> Vec<String> {
    Status::ALL
        .into_iter()
        .filter(|s| s.is_done())
        .filter_map(|s| serde_json::to_value(s).ok())
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

/// Items given as a list: each Application or mapping becomes one record;
/// a record that does not read is reported, not raised.
fn items_from_list(py: Python<'_>, list: &Bound<'_, PyAny>) -> PyResult<Input> {
    let mut input = Input::default();
    for (i, obj) in list.try_iter()?.enumerate() {
        let obj = obj?;
        let source = format!("items[{i}]");
        let item = match obj.cast::<Application>() {
            Ok(a) => {
                let app = (*a.get().inner).clone();
                Item {
                    source,
                    project_name: app.project_name.clone(),
                    data: Ok(app),
                }
            }
            Err(_) => match values::mapping(&obj) {
                Ok(Ok(value)) => item_from_value(value, source.clone(), source),
                Ok(Err(mut e)) => {
                    e.path = if e.path.is_empty() {
                        source.clone()
                    } else {
                        format!("{source}.{}", e.path)
                    };
                    Item {
                        project_name: String::new(),
                        data: Err(vec![RecordProblem::Data(e)]),
                        source,
                    }
                }
                Err(e) => Item {
                    project_name: String::new(),
                    data: Err(vec![RecordProblem::Io(format!(
                        "{source}：{}",
                        e.value(py)
                    ))]),
                    source,
                },
            },
        };
        input.items.push(item);
    }
    Ok(input)
}

/// Items given as a DataFrame: each row one record, read by the workbook
/// reader; a bad row is a failed record named by its index, the rest go on.
fn items_from_rows(
    rows: &Bound<'_, PyAny>,
    previous: Option<&Bound<'_, PyAny>>,
) -> PyResult<Input> {
    let mut input = Input::default();
    let mut previous = crate::rows::previous_rows(previous)?;
    for (label, row) in crate::rows::labelled_rows(rows)? {
        let item = match crate::rows::read_row(&row, &mut previous)? {
            // The template's example row: no project, as in the workbook.
            Ok(None) => continue,
            Ok(Some((app, ignored))) => {
                for c in ignored {
                    let note = format!("「{c}」不是申报表的栏目，已忽略（未读入）");
                    if !input.notes.contains(&note) {
                        input.notes.push(note);
                    }
                }
                Item {
                    source: label,
                    project_name: app.project_name.clone(),
                    data: Ok(app),
                }
            }
            Err((text, _)) => Item {
                source: label,
                project_name: String::new(),
                data: Err(vec![RecordProblem::Row(text)]),
            },
        };
        input.items.push(item);
    }
    // Earlier classes of no project fail the batch, named by row, as the
    // workbook's 已办班次 rows do.
    input.problems.extend(crate::rows::unclaimed(previous));
    Ok(input)
}

/// Runs a batch; returns the report as JSON text (wrapped by `yanxiu.BatchReport`).
#[pyfunction]
#[pyo3(signature = (items, out_dir, *, workers=None, reporter=None, draft=false, pdfa=false, force=false, summary=true, progress=None, print_file=None, package=None, docx=false, previous=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn _render_batch(
    py: Python<'_>,
    items: &Bound<'_, PyAny>,
    out_dir: PathBuf,
    workers: Option<usize>,
    reporter: Option<&Bound<'_, PyAny>>,
    draft: bool,
    pdfa: bool,
    force: bool,
    summary: bool,
    progress: Option<Py<PyAny>>,
    print_file: Option<PathBuf>,
    package: Option<PathBuf>,
    docx: bool,
    previous: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let mut input = match items.extract::<PathBuf>() {
        Ok(path) if !items.is_instance_of::<pyo3::types::PyList>() => {
            py.detach(|| read_input(&path)).map_err(|e| to_py(py, e))?
        }
        // A pandas DataFrame: rows of the workbook's flat columns.
        _ if items.hasattr("iterrows")? => items_from_rows(items, previous)?,
        _ => items_from_list(py, items)?,
    };
    if let Some(r) = reporter {
        let value = values::mapping(r)?.map_err(|e| to_py(py, e))?;
        let (rep, filled) = reporter_from_value(value).map_err(|mut e| {
            e.path = format!("reporter.{}", e.path)
                .trim_end_matches('.')
                .to_owned();
            to_py(py, e)
        })?;
        input.reporter = Some(rep);
        input.filled_on = filled.or(input.filled_on);
    }
    let renderer = crate::default_renderer(py)?.inner;
    let opts = Options {
        workers,
        render: RenderOptions { draft, pdfa },
        force,
        no_summary: !summary,
        print_file,
        package,
        docx,
    };
    let cancel = AtomicBool::new(false);
    let mut interrupted: Option<PyErr> = None;
    let result = py.detach(|| {
        let mut tick = |p: &yanxiu_batch::Progress| {
            Python::attach(|py| {
                // Ctrl-C is seen here, on the calling (main) thread.
                if let Err(e) = py.check_signals() {
                    cancel.store(true, Ordering::Relaxed);
                    interrupted.get_or_insert(e);
                    return;
                }
                if let Some(cb) = &progress
                    && let Err(e) = cb.call1(py, (p.done, p.total))
                {
                    cancel.store(true, Ordering::Relaxed);
                    interrupted.get_or_insert(e);
                }
            });
        };
        run_batch(&renderer, input, &out_dir, &opts, &cancel, &mut tick)
    });
    if let Some(e) = interrupted {
        return Err(e);
    }
    let report = result.map_err(|e| to_py(py, e))?;
    serde_json::to_string(&report)
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))
}
