"""The Python package as office scripts use it."""

from __future__ import annotations

import datetime
import json
import pickle
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import yanxiu

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples"


def example(name: str = "application.json") -> dict:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def spreadsheet_rows() -> list[dict]:
    """Rows as openpyxl gives them: Chinese headers, real dates, ints."""
    headers = ["项目名称", "申报单位", "申报时间", "办班时间", "办班地点", "所属行业领域", "行业主管部门", "培训对象", "培训人数"]
    rows = [
        ["海洋经济高级研修班", "福建海洋研究院", datetime.date(2024, 1, 9), "2024年7月8日至11日", "厦门", "海洋高新", "省海洋与渔业局", "中高级职称人员", 40],
        ["绿色建材高级研修班", "福建建材协会", datetime.datetime(2024, 1, 10, 9, 30), "2024年8月5日至8日", "三明", "建材", "省住建厅", "中高级职称人员", 35],
    ]
    base = example()
    out = []
    for r in rows:
        d = dict(zip(headers, r))
        for k in ["purpose", "content", "experts", "topics", "funding", "contact"]:
            d[k] = base[k]
        out.append(d)
    return out


def test_chinese_keyed_rows_render(tmp_path: Path) -> None:
    for i, row in enumerate(spreadsheet_rows()):
        app = yanxiu.Application.from_dict(row)
        assert app.validate() == []
        out = tmp_path / f"{i}.pdf"
        pdf = yanxiu.render_application(row, out)
        assert pdf.startswith(b"%PDF-")
        assert out.read_bytes() == pdf
    assert yanxiu.Application.from_dict(spreadsheet_rows()[1]).to_dict()["applied_on"] == "2024-01-10"


def test_object_api() -> None:
    app = yanxiu.Application.from_dict(example())
    assert "数字经济与实体经济深度融合高级研修班" in repr(app)
    assert app == yanxiu.Application.from_dict(app.to_dict())
    assert app != yanxiu.Application.from_dict(example("application-zh.json"))
    s = yanxiu.Summary.from_dict(example("summary.json"))
    assert len(s) == 5 and s.applications[0] == app
    assert s.validate() == []
    assert yanxiu.render_summary(s).startswith(b"%PDF-")
    assert yanxiu.blank_application().startswith(b"%PDF-")
    assert yanxiu.blank_summary().startswith(b"%PDF-")


def test_pickle_round_trip() -> None:
    app = yanxiu.Application.from_dict(example("application-zh.json"))
    assert pickle.loads(pickle.dumps(app)) == app
    s = yanxiu.Summary.from_dict(example("summary.json"))
    assert pickle.loads(pickle.dumps(s)) == s


def test_data_error_names_the_field() -> None:
    d = example("summary.json")
    d["applications"][3]["projct_name"] = "x"
    with pytest.raises(yanxiu.DataError) as e:
        yanxiu.Summary.from_dict(d)
    assert e.value.path == "applications[3].projct_name"
    assert isinstance(e.value, ValueError) and isinstance(e.value, yanxiu.YanxiuError)
    with pytest.raises(yanxiu.DataError) as e:
        yanxiu.Application.from_dict({"培训人数": "四十"})
    assert e.value.path == "培训人数"
    with pytest.raises(yanxiu.DataError):
        yanxiu.Application.from_dict({"申报时间": "2024-02-30"})
    with pytest.raises(yanxiu.DataError):
        yanxiu.Application.from_dict({"venue": object()})
    with pytest.raises(TypeError):
        yanxiu.Application.from_dict([1, 2])  # type: ignore[arg-type]


def test_validation_error_carries_findings() -> None:
    bad = example("invalid-application.json")
    with pytest.raises(yanxiu.ValidationError) as e:
        yanxiu.render_application(bad)
    codes = {f.code for f in e.value.findings}
    assert {"YX050", "YX021"} <= codes
    f = next(f for f in e.value.findings if f.code == "YX021")
    assert (f.severity, f.path) == ("error", "funding.self_funded.source")
    assert yanxiu.render_application(bad, draft=True).startswith(b"%PDF-")


def test_uncovered_character(tmp_path: Path) -> None:
    d = example()
    d["audience"] = "中高级职称人员😀"
    out = tmp_path / "x.pdf"
    with pytest.raises(yanxiu.UncoveredCharError) as e:
        yanxiu.render_application(d, out)
    assert (e.value.path, e.value.char, e.value.codepoint) == ("audience", "😀", 0x1F600)
    assert isinstance(e.value, yanxiu.RenderError)
    assert not out.exists()


def test_renderer_instance_and_fonts() -> None:
    r = yanxiu.Renderer()
    assert all(not official for _, _, official in r.fonts())
    assert r.render_application(example()) == yanxiu.render_application(example())
    with pytest.raises(yanxiu.RenderError):
        yanxiu.Renderer(font_dirs=["/no/such/dir"])


def test_threads_render_concurrently() -> None:
    r = yanxiu.Renderer()
    # Distinct documents: identical ones would be answered from Typst's memo.
    apps = []
    for i in range(24):
        d = example()
        d["project_name"] = f"第{i}期数字经济高级研修班"
        d["purpose"] = d["purpose"] + f"（第{i}期）"
        apps.append(yanxiu.Application.from_dict(d))
    r.render_application(example())  # warm the memoised template work

    def work(chunk: list) -> None:
        for a in chunk:
            r.render_application(a)

    t0 = time.perf_counter()
    work(apps)
    serial = time.perf_counter() - t0
    threads = [threading.Thread(target=work, args=(apps[i::2],)) for i in range(2)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    parallel = time.perf_counter() - t0
    # The GIL is released while rendering: two threads on two cores beat one.
    assert parallel < serial * 0.9, (serial, parallel)


def test_stubs_match_the_runtime() -> None:
    r = subprocess.run([sys.executable, "-m", "mypy.stubtest", "yanxiu", "--ignore-missing-stub"], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_mypy_reports_wrong_types(tmp_path: Path) -> None:
    script = tmp_path / "user.py"
    script.write_text(
        "import yanxiu\n"
        "pdf: str = yanxiu.render_application({'项目名称': 'x'})\n"
        "yanxiu.render_summary({}, draft='yes')\n"
        "ok: bytes = yanxiu.blank_application()\n",
        encoding="utf-8",
    )
    r = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", str(script)], capture_output=True, text=True)
    assert r.returncode == 1, r.stdout
    assert "user.py:2" in r.stdout and "user.py:3" in r.stdout and "user.py:4" not in r.stdout, r.stdout
