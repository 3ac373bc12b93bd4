"""yanxiu: 福建省专业技术人员知识更新工程高级研修项目申报表、汇总表的校验与 PDF 生成.

>>> import yanxiu
>>> app = yanxiu.Application.from_dict({"项目名称": "数字经济高级研修班"})
>>> [f.code for f in app.validate()][:2]
['YX001', 'YX001']
"""

from __future__ import annotations

import os
from typing import Any, Mapping, Optional, Union

from ._errors import (
    DataError,
    Finding,
    RenderError,
    UncoveredCharError,
    ValidationError,
    YanxiuError,
)
from ._native import Application, Renderer, Summary, _default_renderer

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
    "render_application",
    "render_summary",
    "blank_application",
    "blank_summary",
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
