import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, NamedTuple, Optional, Sequence, Union, final


_PathLike = Union[str, os.PathLike[str]]

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
    "BatchReport",
    "BatchEntry",
    "read_xlsx",
    "xlsx_template",
    "write_summary_xlsx",
    "render_batch",
    "render_application",
    "render_summary",
    "blank_application",
    "blank_summary",
]

class Finding(NamedTuple):
    code: str
    severity: str
    path: str
    message: str

class YanxiuError(Exception): ...

class DataError(YanxiuError, ValueError):
    message: str
    path: str
    line: Optional[int]
    column: Optional[int]
    def __init__(self, message: str, path: str = ..., line: Optional[int] = ..., column: Optional[int] = ...) -> None: ...

class ValidationError(YanxiuError):
    message: str
    findings: list[Finding]
    def __init__(self, message: str, findings: Optional[list[Finding]] = ...) -> None: ...

class RenderError(YanxiuError): ...

class UncoveredCharError(RenderError):
    message: str
    path: str
    char: str
    codepoint: int
    font: str
    def __init__(self, message: str, path: str = ..., char: str = ..., codepoint: int = ..., font: str = ...) -> None: ...

class CellProblem(NamedTuple):
    sheet: str
    row: int
    column: Optional[str]
    message: str

class SheetError(DataError):
    problems: list[CellProblem]
    def __init__(self, message: str, path: str = ..., problems: Optional[list[CellProblem]] = ...) -> None: ...

class OutputError(YanxiuError, OSError): ...

@dataclass(frozen=True)
class BatchEntry:
    index: int
    source: str
    project_name: str
    status: str
    path: Path
    problems: list[str] = ...
    findings: list[Finding] = ...
    @property
    def ok(self) -> bool: ...

@dataclass(frozen=True)
class BatchReport:
    out_dir: Path
    entries: list[BatchEntry]
    summary_files: list[Path]
    summary_problems: list[str]
    problems: list[str]
    complete: bool
    seconds: float
    @property
    def written(self) -> list[BatchEntry]: ...
    @property
    def failed(self) -> list[BatchEntry]: ...
    @property
    def ok(self) -> bool: ...

@final
class Application:
    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> Application: ...
    @staticmethod
    def from_json(text: str) -> Application: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def validate(self) -> list[Finding]: ...
    @property
    def project_name(self) -> str: ...

@final
class Summary:
    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> Summary: ...
    @staticmethod
    def from_json(text: str) -> Summary: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def validate(self) -> list[Finding]: ...
    @property
    def applications(self) -> list[Application]: ...
    def __len__(self) -> int: ...

@final
class Renderer:
    def __new__(
        cls,
        font_dirs: Optional[Sequence[_PathLike]] = None,
        template_dir: Optional[_PathLike] = None,
        system_fonts: bool = False,
    ) -> Renderer: ...
    def render_application(
        self,
        data: Union[Application, Mapping[str, Any]],
        path: Optional[_PathLike] = None,
        *,
        draft: bool = False,
        pdfa: bool = False,
    ) -> bytes: ...
    def render_summary(
        self,
        data: Union[Summary, Mapping[str, Any]],
        path: Optional[_PathLike] = None,
        *,
        draft: bool = False,
        pdfa: bool = False,
    ) -> bytes: ...
    def blank_application(self) -> bytes: ...
    def blank_summary(self) -> bytes: ...
    def fonts(self) -> list[tuple[str, str, bool]]: ...

def render_application(
    data: Union[Application, Mapping[str, Any]],
    path: Optional[_PathLike] = None,
    *,
    draft: bool = False,
    pdfa: bool = False,
) -> bytes: ...
def render_summary(
    data: Union[Summary, Mapping[str, Any]],
    path: Optional[_PathLike] = None,
    *,
    draft: bool = False,
    pdfa: bool = False,
) -> bytes: ...
def blank_application() -> bytes: ...
def blank_summary() -> bytes: ...
def read_xlsx(path: _PathLike) -> list[Application]: ...
def xlsx_template(path: _PathLike) -> None: ...
def write_summary_xlsx(data: Union[Summary, Mapping[str, Any]], path: _PathLike) -> None: ...
def render_batch(
    items: Union[_PathLike, Iterable[Union[Application, Mapping[str, Any]]]],
    out_dir: _PathLike,
    *,
    workers: Optional[int] = None,
    reporter: Optional[Mapping[str, Any]] = None,
    draft: bool = False,
    pdfa: bool = False,
    force: bool = False,
    summary: bool = True,
    progress: Optional[Callable[[int, int], None]] = None,
) -> BatchReport: ...
