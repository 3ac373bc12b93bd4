"""Peer: docxtpl + LibreOffice headless, as office scripts do it today.

One .docx per record from a Word template shaped like the 申报表 (label
cells and value cells, the same fonts), then all files converted to PDF in
one `soffice --convert-to pdf` call. The template is built here with
python-docx, so the benchmark needs no binary file.

    python docxtpl_lo.py INPUTS OUT

INPUTS is a folder from `yanxiu bench N --export-peer-inputs INPUTS`; the
bundled fonts must be visible to LibreOffice (bench/peers/run.sh installs
them into ~/.local/share/fonts for the run).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from docxtpl import DocxTemplate

ROWS = [
    ("申报单位", "{{ applicant }}"),
    ("申报时间", "{{ applied_on }}"),
    ("项目名称", "{{ project_name }}"),
    ("办班时间", "{{ schedule }}"),
    ("办班地点", "{{ venue }}"),
    ("所属行业领域", "{{ industry }}"),
    ("行业主管部门", "{{ authority }}"),
    ("申报项目类别", "{{ funding }}"),
    ("是否符合选题范围", "{% for t in topics %}{{ t }}\n{% endfor %}"),
    ("研修目的和作用", "{{ purpose }}"),
    ("研修内容和方式", "{{ content }}"),
    ("授课专家情况", "{{ experts }}"),
    ("培训对象", "{{ audience }}"),
    ("特色班相关情况", "{{ featured }}"),
]


def set_font(run, name: str, size: float) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run._element.rPr.rFonts.set(qn("w:eastAsia"), name)


def build_template(path: Path) -> None:
    doc = Document()
    p = doc.add_paragraph()
    set_font(p.add_run("附件1"), "Noto Sans SC", 16)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(title.add_run("专业技术人员知识更新工程2024年\n高级研修项目申报表"), "Noto Serif SC", 22)
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in ROWS:
        cells = table.add_row().cells
        set_font(cells[0].paragraphs[0].add_run(label), "Noto Serif SC", 14)
        set_font(cells[1].paragraphs[0].add_run(value), "Noto Serif SC", 14)
    doc.save(str(path))


def context(r: dict) -> dict:
    a = r["applicant"]
    s = r.get("schedule") or {}
    f = r["funding"]
    return {
        "applicant": a["name"] if isinstance(a, dict) else a,
        "applied_on": r.get("applied_on", ""),
        "project_name": r["project_name"],
        "schedule": f"{s.get('start', '')}至{s.get('end', '')}",
        "venue": r["venue"],
        "industry": r["industry"],
        "authority": r["authority"],
        "funding": "、".join(k for k, v in (("财政资助项目", f.get("government")), ("自筹经费项目", f.get("self_funded"))) if v),
        "topics": [f"{k}：{v}" for k, v in r["topics"].items()],
        "purpose": r["purpose"],
        "content": r["content"],
        "experts": r["experts"],
        "audience": r["audience"],
        "featured": "无" if not r.get("featured") else json.dumps(r["featured"], ensure_ascii=False),
    }


def main() -> None:
    inputs, out = Path(sys.argv[1]), Path(sys.argv[2])
    records = json.loads((inputs / "records.json").read_text(encoding="utf-8"))
    docx_dir = out / "_docx"
    docx_dir.mkdir(parents=True, exist_ok=True)
    template = out / "_template.docx"
    build_template(template)
    t0 = time.perf_counter()
    for i, r in enumerate(records):
        tpl = DocxTemplate(str(template))
        tpl.render(context(r))
        tpl.save(str(docx_dir / f"{i + 1:05}.docx"))
    t1 = time.perf_counter()
    files = sorted(docx_dir.glob("*.docx"))
    lo = None
    # LibreOffice sometimes drops files of a long list ("source file could
    # not be loaded"); a user converts the missing ones again, and so do we.
    for _attempt in range(3):
        missing = [str(f) for f in files if not (out / f"{f.stem}.pdf").exists()]
        if not missing:
            break
        lo = subprocess.run(
            ["soffice", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(out), *missing],
            capture_output=True,
            text=True,
        )
    wall = time.perf_counter() - t0
    pdfs = list(out.glob("*.pdf"))
    if len(pdfs) != len(records):
        tail = (lo.stdout + lo.stderr)[-800:] if lo else ""
        sys.exit(f"LibreOffice failed ({len(pdfs)} of {len(records)} PDFs): {tail}")
    n = len(records)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lo_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    size = sum(p.stat().st_size for p in pdfs)
    print(json.dumps({
        "peer": "docxtpl + LibreOffice (one conversion call)",
        "documents": n,
        "seconds": round(wall, 3),
        "docx_seconds": round(t1 - t0, 3),
        "ms_per_document": round(wall * 1e3 / n, 2),
        "documents_per_second": round(n / wall, 1),
        "peak_rss_mb": round(max(own, lo_rss)),
        "mean_pdf_kb": round(size / n / 1024, 1),
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
