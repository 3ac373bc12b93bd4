"""Types of the native module; the pure-Python modules carry their own."""

import os
from typing import Any, Callable, Iterable, Literal, Mapping, Optional, Sequence, Union, final

from ._errors import Finding
from ._types import ApplicationDict, _Rows

_PathLike = Union[str, os.PathLike[str]]

__all__ = [
    "Application",
    "Summary",
    "Renderer",
    "_default_renderer",
    "_read_xlsx",
    "_xlsx_template",
    "_write_summary_xlsx",
    "_read_inputs",
    "_merge_xlsx",
    "_render_batch",
    "_application_docx",
    "_summary_docx",
    "_read_docx",
    "_DONE_STATUSES",
]

_DONE_STATUSES: list[str]


@final
class Application:
    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> Application: ...
    @staticmethod
    def from_json(text: str) -> Application: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> ApplicationDict: ...
    def validate(self, profile: Optional[_PathLike] = None) -> list[Finding]: ...
    @property
    def project_name(self) -> str: ...
    @staticmethod
    def from_row(row: Mapping[Any, Any]) -> Application: ...
    @staticmethod
    def from_rows(
        rows: Union[_Rows, Iterable[Mapping[Any, Any]]],
        previous: Optional[Union[_Rows, Iterable[Mapping[Any, Any]]]] = None,
    ) -> list[Application]: ...

@final
class Summary:
    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> Summary: ...
    @staticmethod
    def from_json(text: str) -> Summary: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def validate(self, profile: Optional[_PathLike] = None) -> list[Finding]: ...
    @property
    def applications(self) -> list[Application]: ...
    def __len__(self) -> int: ...
    def to_dataframe(self) -> Any: ...

@final
class Renderer:
    def __new__(
        cls,
        font_dirs: Optional[Sequence[_PathLike]] = None,
        template_dir: Optional[_PathLike] = None,
        system_fonts: bool = False,
        profile: Optional[_PathLike] = None,
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
    def fonts(self) -> list[tuple[Literal["title", "hei", "body"], str, bool]]: ...
    def font_usage(
        self, data: Union[Application, Summary, Mapping[str, Any]]
    ) -> tuple[list[tuple[Literal["title", "hei", "body"], str, bool, str]], list[Finding]]: ...

def _default_renderer() -> Renderer: ...
def _read_xlsx(path: _PathLike) -> list[Application]: ...
def _xlsx_template(path: _PathLike) -> None: ...
def _write_summary_xlsx(data: Union[Summary, Mapping[str, Any]], path: _PathLike) -> None: ...
def _read_inputs(paths: list[_PathLike]) -> list[Application]: ...
def _merge_xlsx(paths: list[_PathLike], out: _PathLike) -> list[str]: ...
def _application_docx(
    data: Union[Application, Mapping[str, Any], None] = None, path: Optional[_PathLike] = None
) -> bytes: ...
def _read_docx(path: _PathLike) -> Application: ...
def _summary_docx(
    data: Union[Summary, Mapping[str, Any], None] = None, path: Optional[_PathLike] = None
) -> bytes: ...
def _render_batch(
    items: Any,
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
    previous: Any = None,
) -> str: ...
