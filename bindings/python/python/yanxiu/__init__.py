"""yanxiu: 福建省专业技术人员知识更新工程高级研修项目申报表、汇总表的校验与 PDF 生成.

>>> import yanxiu
>>> app = yanxiu.Application.from_dict({"项目名称": "数字经济高级研修班"})
>>> [f.code for f in app.validate()][:2]
['YX001', 'YX001']
"""

from __future__ import annotations

import os
from typing import Any, Mapping, Optional, Union

from pathlib import Path
from typing import Callable, Iterable

from ._batch import BatchEntry, BatchReport, Bundle, Status
from ._errors import (
    CellProblem,
    Severity,
    DataError,
    Finding,
    OutputError,
    RenderError,
    SheetError,
    UncoveredCharError,
    ValidationError,
    YanxiuError,
)
from ._types import _Rows
from ._native import (
    Application,
    Renderer,
    Summary,
    _application_docx,
    _default_renderer,
    _merge_xlsx,
    _read_docx,
    _read_inputs,
    _read_xlsx,
    _render_batch,
    _summary_docx,
    _write_summary_xlsx,
    _xlsx_template,
)

__all__ = [
    "Application",
    "Summary",
    "Renderer",
    "Finding",
    "YanxiuError",
    "DataError",
    "ValidationError",
    "RenderError",
    "UncoveredCharError",
    "SheetError",
    "CellProblem",
    "OutputError",
    "Severity",
    "Status",
    "BatchReport",
    "BatchEntry",
    "Bundle",
    "read_xlsx",
    "merge_xlsx",
    "xlsx_template",
    "write_summary_xlsx",
    "render_batch",
    "render_application",
    "render_summary",
    "blank_application",
    "blank_summary",
    "render_application_docx",
    "render_summary_docx",
    "blank_application_docx",
    "blank_summary_docx",
    "read_docx",
]

_PathLike = Union[str, "os.PathLike[str]"]


def render_application(
    data: Union[Application, Mapping[str, Any]],
    path: Optional[_PathLike] = None,
    *,
    draft: bool = False,
    pdfa: bool = False,
) -> bytes:
    """Renders one 申报表; with ``path`` the file is written too (atomically)."""
    return _default_renderer().render_application(data, path, draft=draft, pdfa=pdfa)


def render_summary(
    data: Union[Summary, Mapping[str, Any]],
    path: Optional[_PathLike] = None,
    *,
    draft: bool = False,
    pdfa: bool = False,
) -> bytes:
    """Renders one 汇总表; with ``path`` the file is written too (atomically)."""
    return _default_renderer().render_summary(data, path, draft=draft, pdfa=pdfa)


def blank_application() -> bytes:
    """The blank 申报表, for filling in by hand."""
    return _default_renderer().blank_application()


def blank_summary() -> bytes:
    """The blank 汇总表."""
    return _default_renderer().blank_summary()


def render_application_docx(
    data: Union[Application, Mapping[str, Any]], path: Optional[_PathLike] = None
) -> bytes:
    """The 申报表 as an editable Word document (the 电子版); with ``path`` the file is
    written too (atomically). Written even when ``validate()`` finds fault: the unit
    finishes it in Word. Every field is a content control tagged with its path."""
    return _application_docx(data, None if path is None else os.fspath(path))


def render_summary_docx(
    data: Union[Summary, Mapping[str, Any]], path: Optional[_PathLike] = None
) -> bytes:
    """The 汇总表 as an editable Word document; with ``path`` the file is written too."""
    return _summary_docx(data, None if path is None else os.fspath(path))


def blank_application_docx() -> bytes:
    """The blank 申报表 a unit downloads and fills in Word: clickable boxes, the
    notice's hints as placeholder text."""
    return _application_docx(None)


def blank_summary_docx() -> bytes:
    """The blank 汇总表 as a Word document."""
    return _summary_docx(None)


def read_docx(path: _PathLike) -> Application:
    """Reads a filled 申报表 back — .docx, or Word 97–2003 .doc / WPS .wps — ours, or a form
    typed in Word from the notice's download, found by its labels. A file that is not one
    raises ``DataError`` naming the file and the form's label (``找不到「办班时间」一栏``);
    a box that could not be read is a ``UserWarning`` naming the cell; ``validate()`` says
    what to fix."""
    return _read_docx(os.fspath(path))


def read_xlsx(path: Union[_PathLike, Iterable[_PathLike]]) -> list[Application]:
    """Reads an intake workbook (from ``xlsx_template``): one Application per row.

    Raises ``SheetError`` listing every bad cell (``.problems``: sheet, row, column, message).
    A folder, or a list of workbooks (each unit's own), is read in order as ``yanxiu batch``
    reads it; a record that does not read raises ``DataError`` listing every one. What was
    read otherwise than laid out (title rows, columns ignored) is a Python warning.
    """
    if isinstance(path, (str, os.PathLike)) and not os.path.isdir(path):
        return _read_xlsx(os.fspath(path))
    paths = [path] if isinstance(path, (str, os.PathLike)) else list(path)
    return _read_inputs([os.fspath(p) for p in paths])


def merge_xlsx(inputs: Union[_PathLike, Iterable[_PathLike]], path: _PathLike) -> list[str]:
    """Writes one intake workbook of every unit's workbook (a folder or a list), with a
    ``来源`` column, to check and rank before ``render_batch``; returns the records that
    could not be read (``origin：reason``), which are left out."""
    paths = [inputs] if isinstance(inputs, (str, os.PathLike)) else list(inputs)
    return _merge_xlsx([os.fspath(p) for p in paths], os.fspath(path))


def xlsx_template(path: _PathLike) -> None:
    """Writes the intake workbook offices fill in: drop-downs, instructions, one example row."""
    _xlsx_template(os.fspath(path))


def write_summary_xlsx(data: Union[Summary, Mapping[str, Any]], path: _PathLike) -> None:
    """Writes the 汇总表 as a workbook with the PDF's columns, totals and print setup."""
    _write_summary_xlsx(data, os.fspath(path))


def render_batch(
    items: Union[_PathLike, Iterable[Union[Application, Mapping[str, Any]]], _Rows],
    out_dir: _PathLike,
    *,
    workers: Optional[int] = None,
    reporter: Optional[Mapping[str, Any]] = None,
    draft: bool = False,
    pdfa: bool = False,
    force: bool = False,
    summary: bool = True,
    progress: Optional[Callable[[int, int], None]] = None,
    print_file: Optional[_PathLike] = None,
    package: Optional[_PathLike] = None,
    docx: bool = False,
    previous: Optional[_Rows] = None,
) -> BatchReport:
    """Renders every record into ``out_dir``: ``<序号>-<项目名称>.pdf`` each, then
    ``汇总表.pdf`` and ``汇总表.xlsx`` (when every record is good), and ``report.json``.

    ``items`` is a list of Applications or dicts, a pandas DataFrame of the intake
    workbook's columns (a bad row is a failed record named by its index; ``previous`` a
    second DataFrame of the 已办班次 sheet's columns, joined by 项目名称 — a row of no
    project fails the batch, named by its row), or the path of
    a workbook, a JSON file, a .docx or a folder of them. Bad records are reported, not raised; the GIL is
    released while rendering; Ctrl-C stops cleanly (rerun to resume: finished PDFs
    are kept unless ``force``). ``progress(done, total)`` is called a few times a second.

    ``print_file`` also writes one PDF to print and stamp (the 汇总表, then every 申报表 in
    序号 order, each starting on a right-hand page, with bookmarks); ``package`` the 电子版 as
    one zip (汇总表.xlsx, 汇总表.pdf, every 申报表). Both are listed in ``BatchReport.bundles``.
    ``docx`` also writes each form as Word beside its PDF (``<序号>-<项目名称>.docx``,
    ``汇总表.docx``), and into the package.
    """
    if isinstance(items, (str, os.PathLike)):
        source: Any = os.fspath(items)
    elif hasattr(items, "iterrows"):
        source = items  # a DataFrame: read row by row by the workbook reader
    else:
        source = list(items)
    text = _render_batch(
        source,
        os.fspath(out_dir),
        workers=workers,
        reporter=reporter,
        draft=draft,
        pdfa=pdfa,
        force=force,
        summary=summary,
        progress=progress,
        print_file=None if print_file is None else os.fspath(print_file),
        package=None if package is None else os.fspath(package),
        docx=docx,
        previous=previous,
    )
    return BatchReport._from_json(text, Path(out_dir))
