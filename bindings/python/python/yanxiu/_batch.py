"""The report of ``render_batch``: one entry per record, as ``report.json`` holds it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Optional

from ._errors import Finding
from ._native import _DONE_STATUSES

Status = Literal["written", "kept", "unreadable", "refused", "failed", "not_done"]


@dataclass(frozen=True)
class BatchEntry:
    """What became of one record: ``status`` is ``written``, ``kept``,
    ``unreadable``, ``refused``, ``failed`` or ``not_done``."""

    index: int
    source: str
    project_name: str
    status: Status
    path: Path
    problems: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the record has its PDF."""
        return self.status in _DONE_STATUSES


@dataclass(frozen=True)
class Bundle:
    """The print file (``kind == "print"``) or the package (``"package"``) of a batch."""

    kind: str
    path: Path
    written: bool
    bytes: int
    pages: Optional[int]
    problems: list[str]


@dataclass(frozen=True)
class BatchReport:
    """The outcome of a batch; the same report is in ``out_dir/report.json``."""

    out_dir: Path
    entries: list[BatchEntry]
    summary_files: list[Path]
    summary_problems: list[str]
    summary_findings: list[Finding]
    problems: list[str]
    bundles: list[Bundle]
    complete: bool
    seconds: float

    @property
    def written(self) -> list[BatchEntry]:
        """Records whose PDF exists (written now, or kept from an earlier run)."""
        return [e for e in self.entries if e.ok]

    @property
    def failed(self) -> list[BatchEntry]:
        """Records without a PDF, with their problems and findings."""
        return [e for e in self.entries if not e.ok]

    @property
    def ok(self) -> bool:
        """Every record and the summary done."""
        return self.complete and not self.failed and not self.summary_problems and not self.problems and all(b.written for b in self.bundles)

    @classmethod
    def _from_json(cls, text: str, out_dir: Path) -> "BatchReport":
        raw: dict[str, Any] = json.loads(text)
        entries = [
            BatchEntry(
                index=e["index"],
                source=e["source"],
                project_name=e["project_name"],
                status=e["status"],
                path=out_dir / e["file"],
                problems=list(e.get("problems", [])),
                findings=[Finding(f["code"], f["severity"], f["path"], f["message"]) for f in e.get("findings", [])],
            )
            for e in raw["entries"]
        ]
        s = raw["summary"]
        return cls(
            out_dir=out_dir,
            entries=entries,
            summary_files=[out_dir / f for f in s["files"]],
            summary_problems=list(s.get("problems", [])),
            summary_findings=[Finding(f["code"], f["severity"], f["path"], f["message"]) for f in s.get("findings", [])],
            problems=list(raw.get("problems", [])),
            bundles=[
                Bundle(b["kind"], Path(b["file"]), b["written"], b.get("bytes", 0), b.get("pages"), list(b.get("problems", [])))
                for b in raw.get("bundles", [])
            ],
            complete=raw["complete"],
            seconds=raw["seconds"],
        )
