"""Types shared by the stubs and the package, without importing pandas."""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Optional, Protocol, TypedDict, Union


class _Rows(Protocol):
    """A pandas DataFrame, as far as yanxiu uses one (pandas stays optional)."""

    def iterrows(self) -> Iterable[tuple[Any, Any]]: ...


class ApplicantDict(TypedDict, total=False):
    """申报单位 as `Application.to_dict()` gives it."""

    name: str
    kind: str
    training_qualified: bool
    can_invoice: bool


class ApplicationDict(TypedDict, total=False):
    """One 申报表 as `Application.to_dict()` gives it: the model's English keys
    (the table of fields in yanxiu-core; a test checks the keys against the
    model's own output, so a misspelt key is a type error in user code)."""

    year: int
    level: str
    applicant: ApplicantDict
    applied_on: str
    project_name: str
    schedule: Union[str, Mapping[str, Any]]
    venue: str
    industry: str
    authority: str
    funding: Mapping[str, Any]
    topics: Mapping[str, Optional[str]]
    purpose: str
    content: str
    mode: str
    experts: str
    audience: str
    participants: int
    featured: Mapping[str, Any]
    contact: Mapping[str, str]
    remark: str
