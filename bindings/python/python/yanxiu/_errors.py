"""Exceptions and findings of yanxiu (raised by the native module too)."""

from __future__ import annotations

from typing import Literal, NamedTuple, Optional


Severity = Literal["error", "warning"]


class Finding(NamedTuple):
    """One rule of the notice broken by the data."""

    code: str
    severity: Severity
    path: str
    message: str


class YanxiuError(Exception):
    """Base of every yanxiu exception; ``message`` is the Chinese explanation."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DataError(YanxiuError, ValueError):
    """Input that cannot be read into the model; ``path`` names the field."""

    def __init__(self, message: str, path: str = "", line: Optional[int] = None, column: Optional[int] = None) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.column = column


class ValidationError(YanxiuError):
    """Data breaking the notice's rules, refused for a final PDF (use ``draft=True``)."""

    def __init__(self, message: str, findings: Optional[list[Finding]] = None) -> None:
        super().__init__(message)
        self.findings = list(findings or [])


class RenderError(YanxiuError):
    """Typesetting the document failed (a template or an internal error)."""


class UncoveredCharError(RenderError):
    """A character that no font setting it can show: ``path``, ``char``, ``codepoint``."""

    def __init__(self, message: str, path: str = "", char: str = "", codepoint: int = 0, font: str = "") -> None:
        super().__init__(message)
        self.path = path
        self.char = char
        self.codepoint = codepoint
        self.font = font


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
    """An output file or folder cannot be written (full disk, no permission);
    ``filename`` is the file when one is known."""

    def __init__(self, message: str, filename: Optional[str] = None) -> None:
        YanxiuError.__init__(self, message)
        self.filename = filename

    def __str__(self) -> str:
        # OSError would print "[Errno None] …" once a filename is set.
        return self.message
