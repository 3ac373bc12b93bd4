"""Exceptions and findings of yanxiu (raised by the native module too)."""

from __future__ import annotations

import datetime
from typing import Any, NamedTuple, Optional


class Finding(NamedTuple):
    """One rule of the notice broken by the data."""

    code: str
    severity: str  # "error" or "warning"
    path: str
    message: str


class YanxiuError(Exception):
    """Base of every yanxiu exception."""


class DataError(YanxiuError, ValueError):
    """Input that cannot be read into the model; ``path`` names the field."""

    def __init__(self, message: str, path: str = "", line: Optional[int] = None, column: Optional[int] = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column


class ValidationError(YanxiuError):
    """Data breaking the notice's rules, refused for a final PDF (use ``draft=True``)."""

    def __init__(self, message: str, findings: Optional[list[Finding]] = None) -> None:
        super().__init__(message)
        self.message = message
        self.findings = list(findings or [])


class RenderError(YanxiuError):
    """Typesetting or writing the PDF failed."""


class UncoveredCharError(RenderError):
    """A character that no font setting it can show: ``path``, ``char``, ``codepoint``."""

    def __init__(self, message: str, path: str = "", char: str = "", codepoint: int = 0, font: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.char = char
        self.codepoint = codepoint
        self.font = font


def _json_default(o: Any) -> Any:
    """Lets dates and datetimes from spreadsheets reach the model as ISO text."""
    if isinstance(o, datetime.datetime):
        return o.date().isoformat()
    if isinstance(o, datetime.date):
        return o.isoformat()
    raise DataError(f"无法识别的值类型 {type(o).__name__}：{o!r}")


class CellProblem(NamedTuple):
    """One bad cell of a workbook: sheet, row as Excel numbers it, column header."""

    sheet: str
    row: int
    column: Optional[str]
    message: str


class SheetError(DataError):
    """A workbook that does not read; ``problems`` lists every bad cell, ``path`` names the first."""

    def __init__(self, message: str, path: str = "", problems: Optional[list[CellProblem]] = None) -> None:
        super().__init__(message, path)
        self.problems = list(problems or [])


class OutputError(YanxiuError, OSError):
    """The output folder cannot be written (full disk, no permission)."""
