"""Peer: the `typst` package from PyPI (0.15) on the same records, template and fonts.

Our templates read `/data.json`; here the same file is handed in through
`sys.inputs` (the way typst-py users pass data), so the typesetting work is
identical and only the host differs. Writes every PDF to OUT like a batch.

    python typst_py.py INPUTS OUT [--fresh]

INPUTS is a folder from `yanxiu bench N --export-peer-inputs INPUTS`.
--fresh builds a new Compiler per document (what a naive loop does).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

import typst


def main() -> None:
    inputs, out = Path(sys.argv[1]), Path(sys.argv[2])
    fresh = "--fresh" in sys.argv
    fonts = str(inputs / "fonts")  # the bundled faces: `yanxiu fonts --export`
    out.mkdir(parents=True, exist_ok=True)
    root = out / "_templates"
    root.mkdir(exist_ok=True)
    for t in (inputs / "templates").iterdir():
        text = t.read_text(encoding="utf-8").replace('json("/data.json")', "json(bytes(sys.inputs.data))")
        (root / t.name).write_text(text, encoding="utf-8")
    main_file = root / "application.typ"
    data = sorted((inputs / "data").glob("*.json"))
    records = json.loads((inputs / "records.json").read_text(encoding="utf-8"))

    def compiler() -> typst.Compiler:
        return typst.Compiler(str(main_file), root=str(root), font_paths=[fonts], ignore_system_fonts=True)

    t0 = time.perf_counter()
    c = compiler()
    size = 0
    for i, path in enumerate(data):
        if fresh and i > 0:
            c = compiler()
        pdf = c.compile(sys_inputs={"data": path.read_text(encoding="utf-8")}, format="pdf", timestamp=0)
        assert isinstance(pdf, bytes)
        name = f"{i + 1:05}-{records[i]['project_name']}.pdf"
        (out / name).write_bytes(pdf)
        size += len(pdf)
    wall = time.perf_counter() - t0
    n = len(data)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    label = "typst-py, new Compiler per document" if fresh else "typst-py, reused Compiler"
    print(json.dumps({
        "peer": label,
        "documents": n,
        "seconds": round(wall, 3),
        "ms_per_document": round(wall * 1e3 / n, 2),
        "documents_per_second": round(n / wall, 1),
        "peak_rss_mb": round(rss),
        "mean_pdf_kb": round(size / n / 1024, 1),
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
