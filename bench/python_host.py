"""yanxiu from Python: the same N records through the binding, as a script calls it.

    python bench/python_host.py INPUTS [OUT]

INPUTS is a folder from `yanxiu bench N --export-peer-inputs INPUTS` (its
`records.json`); OUT (default: a temporary folder) receives the batches' PDFs.
Prints one table row per way of calling: `Renderer.render_application` in a
loop on one thread (PDFs written by Python, as typst_py.py does), and
`render_batch` with one and with two workers (no 汇总表, as `yanxiu batch` in
bench/peers/run.sh). Rows are in the format of bench/peers/row.py.
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path

import yanxiu


def row(label: str, n: int, wall: float, size: int) -> None:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"| {label} | {n / wall:.1f} | {wall * 1e3 / n:.2f} | {rss:.0f} MB | {size / n / 1024:.1f} KB |",
        flush=True,
    )


def main() -> None:
    inputs = Path(sys.argv[1])
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp())
    records = json.loads((inputs / "records.json").read_text(encoding="utf-8"))
    apps = [yanxiu.Application.from_dict(r) for r in records]
    n = len(apps)

    loop_dir = out / "loop"
    loop_dir.mkdir(parents=True, exist_ok=True)
    renderer = yanxiu.Renderer()
    t0 = time.perf_counter()
    size = 0
    for i, app in enumerate(apps):
        pdf = renderer.render_application(app)
        (loop_dir / f"{i + 1:05}.pdf").write_bytes(pdf)
        size += len(pdf)
    row("yanxiu from Python, `Renderer.render_application` loop", n, time.perf_counter() - t0, size)

    for workers in (1, 2):
        d = out / f"batch-{workers}"
        t0 = time.perf_counter()
        report = yanxiu.render_batch(apps, d, workers=workers, summary=False, force=True)
        wall = time.perf_counter() - t0
        assert report.ok and len(report.written) == n, report.problems
        size = sum(e.path.stat().st_size for e in report.entries)
        row(f"yanxiu from Python, `render_batch(workers={workers})`", n, wall, size)


if __name__ == "__main__":
    main()
