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
# mypy keeps what it learnt of the standard library and pandas-stubs between
# runs (it rechecks whatever changed: the installed package, a new script),
# out of the source tree: 12 s of the suite without it.
MYPY_CACHE = [f"--cache-dir={ROOT / 'target' / 'mypy-cache'}"]
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


def test_rendering_releases_the_gil() -> None:
    """Python threads run while a document renders: proven by overlap, not by speed
    (a timing comparison fails on a busy two-core machine)."""
    r = yanxiu.Renderer()
    apps = []
    for i in range(6):
        d = example()
        d["project_name"] = f"第{i}期数字经济高级研修班"
        apps.append(yanxiu.Application.from_dict(d))
    ticks: list[float] = []
    stop = threading.Event()

    def tick() -> None:
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0)

    # No forced GIL hand-over: the ticker runs only while this thread gives the
    # GIL up itself, which it does only inside a render (or it never would).
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1000.0)
    ticker = threading.Thread(target=tick)
    ticker.start()
    spans = []
    try:
        for a in apps:
            t0 = time.perf_counter()
            r.render_application(a)
            spans.append((t0, time.perf_counter()))
    finally:
        stop.set()
        ticker.join()
        sys.setswitchinterval(interval)
    # With the GIL held for the whole call, no Python code could run inside a span.
    inside = sum(1 for t in ticks for (a, b) in spans if a < t < b)
    assert inside > 0, (len(ticks), spans)


def test_stubs_match_the_runtime() -> None:
    # The native module against its stub, every name; the pure-Python modules
    # carry their own annotations, checked by mypy below.
    r = subprocess.run([sys.executable, "-m", "mypy.stubtest", "yanxiu._native"], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    r = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", *MYPY_CACHE, "-p", "yanxiu"],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_application_dict_keys_are_the_models() -> None:
    # The typed dict of the stubs against what the model writes: every key
    # the examples and an empty application give, and no other.
    from yanxiu._types import ApplicationDict

    seen: set[str] = set(yanxiu.Application.from_dict({}).to_dict())
    for name in ["application.json", "application-zh.json"]:
        seen |= set(yanxiu.Application.from_dict(example(name)).to_dict())
    declared = set(ApplicationDict.__annotations__)
    assert seen <= declared, seen - declared
    # The optional keys no example fills.
    assert declared - seen <= {"year", "contact", "participants", "applied_on", "schedule", "featured"}, declared - seen


def test_mypy_reports_wrong_types(tmp_path: Path) -> None:
    script = tmp_path / "user.py"
    script.write_text(
        "import yanxiu\n"
        "pdf: str = yanxiu.render_application({'项目名称': 'x'})\n"
        "yanxiu.render_summary({}, draft='yes')\n"
        "ok: bytes = yanxiu.blank_application()\n"
        "name: str = yanxiu.Application.from_dict({}).to_dict()['projct_name']\n",
        encoding="utf-8",
    )
    r = subprocess.run([sys.executable, "-m", "mypy", *MYPY_CACHE, str(script)], capture_output=True, text=True)
    assert r.returncode == 1, r.stdout
    assert "user.py:2" in r.stdout and "user.py:3" in r.stdout and "user.py:4" not in r.stdout, r.stdout
    assert "user.py:5" in r.stdout and "projct_name" in r.stdout, r.stdout


def test_workbook_round_trip_and_batch(tmp_path: Path) -> None:
    template = tmp_path / "申报信息.xlsx"
    yanxiu.xlsx_template(template)
    assert yanxiu.read_xlsx(template) == []  # the example row is skipped
    apps = yanxiu.read_xlsx(EXAMPLES / "申报信息.xlsx")
    summary = yanxiu.Summary.from_dict(example("summary.json"))
    assert [a.project_name for a in apps] == [a.project_name for a in summary.applications]

    seen: list[tuple[int, int]] = []
    report = yanxiu.render_batch(
        apps,
        tmp_path / "out",
        workers=2,
        reporter={"name": "福州市人力资源和社会保障局", "contact": "王喆", "phone": "0591-87654321"},
        progress=lambda done, total: seen.append((done, total)),
    )
    assert report.ok, report
    assert len(report.written) == 5 and report.failed == []
    assert seen[-1] == (5, 5)
    for e in report.written:
        assert e.path.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in report.summary_files) == ["汇总表.pdf", "汇总表.xlsx"]
    assert json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["complete"] is True

    # A path works too; a second run keeps the finished PDFs.
    again = yanxiu.render_batch(EXAMPLES / "申报信息.xlsx", tmp_path / "out")
    assert {e.status for e in again.entries} == {"kept"}


def test_batch_goes_on_past_bad_records(tmp_path: Path) -> None:
    good = example()
    bad = dict(good, projct_name="拼错")
    refused = dict(good, 项目名称="人数不足高级研修班")
    refused.pop("project_name", None)
    refused["participants"] = 3
    report = yanxiu.render_batch([good, bad, refused, 42], tmp_path / "out")
    assert [e.status for e in report.entries] == ["written", "unreadable", "refused", "unreadable"]
    assert "items[1].projct_name" in report.entries[1].problems[0]
    assert any(f.code == "YX031" for f in report.entries[2].findings)
    assert not report.ok and report.summary_files == []
    assert len(report.failed) == 3


def test_bad_workbook_names_sheet_row_and_column(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "申报信息"
    ws.append(["项目名称", "培训人数", "申报级别"])
    ws.append(["甲班", "八十", "省级"])
    ws.append(["乙班", 30, "市级"])
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    with pytest.raises(yanxiu.SheetError) as e:
        yanxiu.read_xlsx(path)
    assert isinstance(e.value, yanxiu.DataError) and isinstance(e.value, ValueError)
    problems = e.value.problems
    assert [(p.row, p.column) for p in problems] == [(2, "培训人数"), (3, "申报级别")]
    assert e.value.path == "「申报信息」表第2行「培训人数」"
    assert "第2行「培训人数」：不是整数" in str(e.value)
    with pytest.raises(yanxiu.DataError):
        yanxiu.read_xlsx(EXAMPLES / "summary.json")


def test_summary_workbook(tmp_path: Path) -> None:
    out = tmp_path / "汇总表.xlsx"
    yanxiu.write_summary_xlsx(example("summary.json"), out)
    assert out.read_bytes()[:2] == b"PK"
    openpyxl = pytest.importorskip("openpyxl")
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "附件2"
    assert ws["A4"].value == "序号" and ws["B5"].value == "数字经济与实体经济深度融合高级研修班"


def _readme_python() -> str:
    """The README's Python blocks, in order, as one script."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return "\n".join(part.split("```", 1)[0] for part in readme.split("```python\n")[1:])


def test_readme_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's Python blocks are real code: run them on the bundled workbook."""
    (tmp_path / "申报信息.xlsx").write_bytes((EXAMPLES / "申报信息.xlsx").read_bytes())
    monkeypatch.chdir(tmp_path)
    exec(compile(_readme_python(), "README.md", "exec"), {})
    assert len(list((tmp_path / "输出").glob("*.pdf"))) == 6  # five forms and the summary
    assert (tmp_path / "海洋经济高级研修班.pdf").read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "汇总表.xlsx").is_file()


def test_readme_python_examples_pass_mypy_strict(tmp_path: Path) -> None:
    script = tmp_path / "readme.py"
    script.write_text(_readme_python(), encoding="utf-8")
    r = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", *MYPY_CACHE, str(script)],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stdout + r.stderr


# The robustness catalogue (docs/robustness.md) through the binding: each bad
# input is a YanxiuError naming the field, never a crash of the interpreter.
BAD_DICTS = [
    ({"培训人数": "八十"}, "培训人数"),
    ({"培训人数": -1}, "培训人数"),
    ({"培训人数": 10**12}, "培训人数"),
    ({"项目名称": 123}, "项目名称"),
    ({"申报时间": "2024-02-30"}, "申报时间"),
    ({"办班时间": "2024年13月"}, "办班时间"),
    ({"办班时间": "2024年6月14日至11日"}, "办班时间"),
    ({"选题范围": ["服务重大战略"]}, "选题范围"),
    ({"申报单位": ["甲", "乙"]}, "申报单位"),
    ({"projct_name": "x"}, "projct_name"),
    ({"申报级别": "市级"}, "申报级别"),
    ({"联系人": {"姓名": "王喆", "邮箱": "x@y"}}, "联系人.邮箱"),
]


@pytest.mark.parametrize("data,path", BAD_DICTS)
def test_bad_values_name_the_field(data: dict, path: str) -> None:
    with pytest.raises(yanxiu.DataError) as e:
        yanxiu.Application.from_dict(data)
    assert e.value.path == path, str(e.value)


def test_hostile_and_odd_text(tmp_path: Path) -> None:
    base = example()
    for hostile in ['#panic("x")', "]#set page(width:1pt)[", "$(rm -rf ~);|&", "=HYPERLINK(\"x\")", "全角２０２４"]:
        pdf = yanxiu.render_application(dict(base, project_name=hostile, remark=hostile), draft=True)
        assert pdf.startswith(b"%PDF-")
    for odd, char in [("表情😀", "😀"), ("零宽\u200b空格", "\u200b"), ("控制\x07字符", "\x07"), ("مرحبا", "م")]:
        with pytest.raises(yanxiu.UncoveredCharError) as e:
            yanxiu.render_application(dict(base, audience=odd), draft=True)
        assert e.value.path == "audience" and e.value.char == char
    with pytest.raises(yanxiu.DataError) as e:
        yanxiu.render_application(dict(base, content="研" * (1 << 20)), draft=True)
    assert e.value.path == "content" and "过长" in str(e.value)


def test_bad_files(tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes((EXAMPLES / "申报信息.xlsx").read_bytes()[:3000])
    with pytest.raises(yanxiu.DataError) as e:
        yanxiu.read_xlsx(truncated)
    assert "工作簿" in str(e.value)
    gbk = tmp_path / "gbk.xlsx"
    gbk.write_bytes("项目名称,培训人数\n甲班,30\n".encode("gbk"))
    with pytest.raises(yanxiu.DataError):
        yanxiu.read_xlsx(gbk)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.json").write_bytes('{"项目名称": "甲"}'.encode("gbk"))
    report = yanxiu.render_batch(folder, tmp_path / "out")
    assert report.entries[0].status == "unreadable"
    assert "UTF-8" in report.entries[0].problems[0]


def test_unwritable_output_is_one_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(yanxiu.OutputError) as e:
        yanxiu.render_batch([example()], blocker / "out")
    assert isinstance(e.value, OSError) and "无法写入输出文件夹" in str(e.value)


def test_from_dict_reads_any_mapping_and_names_the_key_not_json_text() -> None:
    import types

    app = yanxiu.Application.from_dict(types.MappingProxyType(example()))
    assert app == yanxiu.Application.from_dict(example())
    with pytest.raises(yanxiu.DataError) as e:
        yanxiu.Application.from_dict(dict(example(), participants="60"))
    assert e.value.path == "participants" and e.value.line is None, e.value
    assert "第1行" not in str(e.value)
    with pytest.raises(yanxiu.DataError) as e:
        yanxiu.Application.from_dict({"特色班相关情况": {"已办班次": [{"人数": -1}]}})
    assert e.value.path == "特色班相关情况.已办班次[0].人数"
    with pytest.raises(yanxiu.DataError) as e:
        yanxiu.Application.from_dict({"项目名称": object()})
    assert e.value.path == "项目名称"
    with pytest.raises(TypeError):
        yanxiu.Application.from_dict([("项目名称", "x")])  # type: ignore[arg-type]


def test_a_year_far_out_of_range_is_a_data_error_not_a_panic(tmp_path: Path) -> None:
    with pytest.raises(yanxiu.DataError) as e:
        yanxiu.Application.from_dict(dict(example(), schedule="300000年6月"))
    assert e.value.path == "schedule" and "超出范围" in e.value.message
    bad = dict(example(), project_name="坏记录", schedule="300000年6月")
    report = yanxiu.render_batch([example(), bad], tmp_path / "out", summary=False)
    assert [x.status for x in report.entries] == ["written", "unreadable"]
    assert "超出范围" in report.entries[1].problems[0]


def test_every_error_has_its_message_and_a_failed_write_is_an_oserror(tmp_path: Path) -> None:
    with pytest.raises(yanxiu.OutputError) as e:
        yanxiu.render_application(example(), tmp_path / "no-such-dir" / "a.pdf")
    assert isinstance(e.value, OSError) and e.value.message.startswith("无法写入")
    assert e.value.filename and e.value.filename.endswith("a.pdf")
    with pytest.raises(yanxiu.RenderError) as r:
        yanxiu.Renderer(template_dir=tmp_path / "none")
    assert isinstance(r.value, yanxiu.YanxiuError)


def test_a_profile_can_be_passed(tmp_path: Path) -> None:
    text = (ROOT / "crates/yanxiu-core/profiles/fujian-2024.toml").read_text(encoding="utf-8")
    profile = tmp_path / "fujian-2025.toml"
    profile.write_text(text.replace("year = 2024", "year = 2025").replace('id = "fujian-2024"', 'id = "fujian-2025"'), encoding="utf-8")
    app = yanxiu.Application.from_dict(example())
    assert not any(f.code == "YX041" for f in app.validate())
    assert any(f.code == "YX041" for f in app.validate(profile))
    with pytest.raises(yanxiu.DataError):
        app.validate(tmp_path / "missing.toml")
    r = yanxiu.Renderer(profile=profile)
    with pytest.raises(yanxiu.ValidationError):
        r.render_application(app)


def test_a_refused_summary_reports_its_findings(tmp_path: Path) -> None:
    twice = [example(), example()]
    report = yanxiu.render_batch(twice, tmp_path / "out", reporter={"name": "某市人社局", "contact": "张三", "phone": "1"})
    assert report.summary_files == []
    assert any(f.code == "YX102" and f.severity == "error" for f in report.summary_findings), report
    assert any("YX102" in p for p in report.summary_problems)
    assert all(e.ok for e in report.entries)


@pytest.fixture(scope="session")
def gb2312_fonts() -> Path:
    """Stand-ins of the official fonts covering GB 2312 only (scripts/make-test-fonts.py)."""
    out = ROOT / "target" / "test-fonts"
    if not (out / "FangSong_GB2312.otf").is_file():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "make-test-fonts.py"), str(out)], check=True)
    return out


def test_font_chains_and_fallback_warnings(gb2312_fonts: Path, tmp_path: Path) -> None:
    r = yanxiu.Renderer(font_dirs=[gb2312_fonts])
    body = [(family, official) for role, family, official in r.fonts() if role == "body"]
    assert body == [("FangSong_GB2312", True), ("Noto Serif CJK SC", False), ("Noto Serif CJK SC Rare", False)]
    app = dict(example(), applicant={"name": "福建省堃喆研究院"})
    faces, warnings = r.font_usage(app)
    fallback = [chars for role, family, official, chars in faces if role == "body" and not official]
    assert fallback == ["堃喆", ""]  # the rare-character file sets none of these
    assert [(w.code, w.severity, w.path) for w in warnings] == [("YX110", "warning", "applicant.name")]
    pdf = r.render_application(app, tmp_path / "a.pdf")
    assert pdf.startswith(b"%PDF-")
    with pytest.raises(yanxiu.UncoveredCharError) as e:
        r.render_application(dict(app, venue="福州\U00030000"))
    assert e.value.font == "FangSong_GB2312、Noto Serif CJK SC、Noto Serif CJK SC Rare" and e.value.path == "venue"


def test_print_file_and_package(tmp_path: Path) -> None:
    import zipfile

    summary = example("summary.json")
    report = yanxiu.render_batch(
        summary["applications"],
        tmp_path / "out",
        reporter=summary["reporter"],
        print_file=tmp_path / "打印.pdf",
        package=tmp_path / "报送材料.zip",
    )
    assert report.ok, report
    kinds = {b.kind: b for b in report.bundles}
    assert kinds["print"].written and kinds["print"].pages and kinds["print"].pages % 2 == 0
    assert (tmp_path / "打印.pdf").read_bytes().startswith(b"%PDF-")
    with zipfile.ZipFile(tmp_path / "报送材料.zip") as z:
        names = z.namelist()
        assert all(info.flag_bits & 0x800 for info in z.infolist())
    assert names == ["汇总表.xlsx", "汇总表.pdf"] + [e.path.name for e in report.written]


def test_a_workbook_made_with_openpyxl_as_offices_fill_it(tmp_path: Path) -> None:
    """Title row, an office's own column, a unit merged over two projects, a 合计 row."""
    import warnings

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "申报信息"
    ws["A1"] = "2024年高级研修项目申报信息汇总"
    ws.merge_cells("A1:E1")
    ws.append([])
    ws.append(["序号", "项目名称", "申报单位", "培训人数（人）", "排序"])
    ws.append([1, "甲班", "福建省海洋研究院", 40, 2])
    ws.append([2, "乙班", None, 30, 1])
    ws.merge_cells("C4:C5")
    ws.append(["合计", None, None, 70, None])
    ws.append([3, "丙班（撤回）", "福建省海洋研究院", 20, None])
    ws.row_dimensions[7].hidden = True
    path = tmp_path / "单位甲.xlsx"
    wb.save(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        apps = yanxiu.read_xlsx(path)
    assert [(a.project_name, a.to_dict()["applicant"]["name"]) for a in apps] == [
        ("甲班", "福建省海洋研究院"),
        ("乙班", "福建省海洋研究院"),
    ]
    said = "\n".join(str(w.message) for w in caught)
    assert "表头在第3行" in said and "“排序”不是申报表的栏目" in said and "合计" in said, said
    assert "第7行：这一行已隐藏" in said, said


def test_units_workbooks_read_and_merged(tmp_path: Path) -> None:
    inbox = tmp_path / "收到的表"
    inbox.mkdir()
    import shutil

    shutil.copy(EXAMPLES / "申报信息.xlsx", inbox / "01-单位甲.xlsx")
    yanxiu.xlsx_template(inbox / "02-单位乙.xlsx")  # a unit that sent the blank template back
    apps = yanxiu.read_xlsx(inbox)
    assert len(apps) == 5
    assert [a.project_name for a in yanxiu.read_xlsx([inbox / "01-单位甲.xlsx"])] == [a.project_name for a in apps]
    assert yanxiu.merge_xlsx(inbox, tmp_path / "合并.xlsx") == []
    assert [a.project_name for a in yanxiu.read_xlsx(tmp_path / "合并.xlsx")] == [a.project_name for a in apps]


def test_workbooks_resaved_by_libreoffice_read_the_same(tmp_path: Path) -> None:
    """LibreOffice rewrites a workbook as another office suite does (and writes .xls and
    .ods): the same projects, merged cells and notes come back from each."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "申报信息"
    ws["A1"] = "2024年高级研修项目申报信息汇总"
    ws.merge_cells("A1:E1")
    ws.append(["序号", "项目名称", "申报单位", "培训人数（人）", "审核意见"])
    ws.append([1, "甲班", "福建省海洋研究院", 40, "同意"])
    ws.append([2, "乙班", None, 30, None])
    ws.merge_cells("C3:C4")
    ws.append(["合计", None, None, 70, None])
    source = tmp_path / "单位甲.xlsx"
    wb.save(source)
    expected = [("甲班", "福建省海洋研究院", 40), ("乙班", "福建省海洋研究院", 30)]
    for ext in ["xlsx", "xls", "ods"]:
        out = tmp_path / ext
        out.mkdir()
        # The first start of a fresh LibreOffice profile now and then aborts
        # (WrappedTargetRuntimeException): a fault of the start, tried again.
        for _ in range(3):
            r = subprocess.run(
                ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", ext, "--outdir", str(out), str(source)],
                capture_output=True,
                text=True,
                timeout=180,
            )
            if r.returncode == 0:
                break
        assert r.returncode == 0, r.stderr
        resaved = out / f"单位甲.{ext}"
        assert resaved.is_file(), (ext, r.stdout, r.stderr)
        import warnings

        with warnings.catch_warnings(record=True):
            warnings.simplefilter("always")
            apps = yanxiu.read_xlsx(resaved)
        got = [(a.project_name, a.to_dict()["applicant"]["name"], a.to_dict().get("participants")) for a in apps]
        if ext == "ods":
            # calamine reports no merged ranges for .ods: the second row's unit stays empty.
            assert [g[0] for g in got] == ["甲班", "乙班"], got
        else:
            assert got == expected, (ext, got)


def _ticked(cell_text: str, label: str) -> bool:
    """Whether the box just before `label` in a cell's text is ticked (☑)."""
    before = cell_text[: cell_text.index(label)].rstrip()
    assert before[-1] in "☑☐", cell_text
    return before[-1] == "☑"


def test_word_forms_read_back_with_python_docx(tmp_path: Path) -> None:
    """An office script's plain python-docx sees every value and every box."""
    import docx

    data = example("application.json")
    app = yanxiu.Application.from_dict(data)
    path = tmp_path / "申报表.docx"
    written = yanxiu.render_application_docx(data, path)
    assert written == path.read_bytes() and written.startswith(b"PK")
    assert yanxiu.read_docx(path) == app, "what we write reads back whole"
    document = docx.Document(str(path))
    assert len(document.tables) == 1
    rows = document.tables[0].rows
    assert rows[0].cells[0].text == "项目名称"
    assert rows[0].cells[1].text == app.project_name
    funding = rows[3].cells[1].text
    assert _ticked(funding, "财政资助项目") and not _ticked(funding, "自筹经费项目")
    topics = rows[4].cells[1].text
    assert _ticked(topics, "突出数字技术") and not _ticked(topics, "围绕重点领域")
    assert data["topics"]["digital"] in topics
    assert any(data["applicant"]["name"] in p.text for p in document.paragraphs)

    blank = tmp_path / "空白.docx"
    blank.write_bytes(yanxiu.blank_application_docx())
    rows = docx.Document(str(blank)).tables[0].rows
    assert "☑" not in rows[3].cells[1].text + rows[4].cells[1].text

    summary = example("summary.json")
    out = tmp_path / "汇总表.docx"
    yanxiu.render_summary_docx(summary, out)
    table = docx.Document(str(out)).tables[0]
    assert len(table.rows) == len(summary["applications"]) + 2
    assert yanxiu.blank_summary_docx().startswith(b"PK")


def test_word_is_written_even_when_validation_finds_fault(tmp_path: Path) -> None:
    bad = json.loads((EXAMPLES / "invalid-application.json").read_text(encoding="utf-8"))
    assert any(f.severity == "error" for f in yanxiu.Application.from_dict(bad).validate())
    assert yanxiu.render_application_docx(bad).startswith(b"PK")


def test_render_batch_writes_word_beside_each_pdf(tmp_path: Path) -> None:
    import zipfile

    summary = example("summary.json")
    report = yanxiu.render_batch(
        summary["applications"],
        tmp_path / "out",
        reporter=summary["reporter"],
        docx=True,
        package=tmp_path / "报送材料.zip",
    )
    assert report.ok, report
    for e in report.written:
        assert e.path.with_suffix(".docx").read_bytes().startswith(b"PK")
    assert (tmp_path / "out" / "汇总表.docx").is_file()
    with zipfile.ZipFile(tmp_path / "报送材料.zip") as z:
        names = z.namelist()
    assert "汇总表.docx" in names and all(e.path.with_suffix(".docx").name in names for e in report.written)


def test_a_blank_form_filled_with_python_docx_reads_back(tmp_path: Path) -> None:
    """A unit fills our blank form the way a person would: types into the cells, ticks a
    box by typing ☑ over ☐, leaves a hint in place and types below it, adds an empty
    paragraph."""
    import docx

    blank = tmp_path / "空白.docx"
    blank.write_bytes(yanxiu.blank_application_docx())
    d = docx.Document(str(blank))
    rows = d.tables[0].rows
    rows[0].cells[1].text = "海洋经济高级研修班"
    rows[1].cells[1].text = "2024年6月11日至14日"
    rows[1].cells[3].text = "厦门市思明区"
    rows[2].cells[1].text = "海洋经济"
    rows[2].cells[3].text = "福建省海洋与渔业局"
    # The box before 财政资助项目: a ☐ typed over with ☑.
    for t in rows[3].cells[1]._tc.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"):
        if t.text == "☐":
            t.text = "☑"
            break
    rows[5].cells[1].text = "提升海洋经济领域专业技术人员能力。"
    # 研修内容: the hint left in place, the text typed in a paragraph below it.
    content = rows[6].cells[1]
    content.add_paragraph("主题报告与现场教学相结合。")
    content.add_paragraph("")
    rows[7].cells[1].text = "厦门大学教授3名。"
    rows[8].cells[1].text = "海洋领域高级职称人员。\n计划培训人数：45人"
    rows[9].cells[1].text = "无"
    filled = tmp_path / "已填.docx"
    d.save(str(filled))

    app = yanxiu.read_docx(filled)
    data = app.to_dict()
    assert data["project_name"] == "海洋经济高级研修班"
    assert data["venue"] == "厦门市思明区" and data["authority"] == "福建省海洋与渔业局"
    assert data["funding"]["government"] is True and data["funding"].get("self_funded") is None
    assert data["content"] == "主题报告与现场教学相结合。", data["content"]
    assert data["audience"] == "海洋领域高级职称人员。" and data["participants"] == 45
    assert data.get("featured") is None
    assert data["schedule"] == {"start": "2024-06-11", "end": "2024-06-14"}


def test_a_plain_form_typed_in_word_is_read_by_its_labels(tmp_path: Path) -> None:
    """The notice's own download has no content controls: a table with its labels."""
    import docx

    d = docx.Document()
    d.add_paragraph("附件1")
    d.add_paragraph("申报单位：厦门大学（盖章）      申报时间：2024年1月5日")
    t = d.add_table(rows=0, cols=4)
    def row(*cells: str) -> None:
        r = t.add_row().cells
        for i, c in enumerate(cells):
            r[i].text = c
    row("项目名称", "集成电路设计高级研修班", "", "")
    row("办班时间", "2024年10月15日至18日", "办班地点", "厦门市思明区厦门大学")
    row("所属行业领域", "电子信息", "行业主管部门", "福建省科学技术厅")
    row("申报项目类别\n(可多选)", "□财政资助项目  √自筹经费项目（自筹经费来源：学校自筹）", "", "")
    row("是否符合\n选题范围", "■突出数字技术：集成电路人才培养\n□服务重大战略：", "", "")
    row("研修目的\n和作用", "培养集成电路设计人才。", "", "")
    row("研修内容\n和方式", "专题讲座。", "", "")
    row("授课专家情况", "厦门大学教授。", "", "")
    row("培训对象", "集成电路企业工程师，拟培训学员40名。", "", "")
    row("特色班\n相关情况", "无", "", "")
    path = tmp_path / "申报表-厦门大学.docx"
    d.save(str(path))
    data = yanxiu.read_docx(path).to_dict()
    assert data["applicant"]["name"] == "厦门大学"
    assert data["applied_on"] == "2024-01-05"
    assert data["funding"]["government"] is False
    assert data["funding"]["self_funded"] == {"source": "学校自筹"}
    assert data["topics"] == {"digital": "集成电路人才培养"}
    assert data["participants"] == 40

    # A box ticked with a picture (a scanned tick pasted in) cannot be read: it is
    # read as unticked with a warning naming the cell and the option, never silently.
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b"")
    (tmp_path / "tick.png").write_bytes(png)
    cell = t.rows[3].cells[1]
    cell.text = ""
    p = cell.paragraphs[0]
    p.add_run().add_picture(str(tmp_path / "tick.png"))
    p.add_run("财政资助项目  □自筹经费项目（自筹经费来源：　　）")
    d.save(str(path))
    with pytest.warns(UserWarning, match="「申报项目类别（可多选）」：「财政资助项目」的方框无法识别"):
        again = yanxiu.read_docx(path).to_dict()
    assert again.get("funding", {}).get("government", False) is False


def test_reading_what_is_not_a_form_names_the_file(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("会议通知")
    path = tmp_path / "通知.docx"
    d.save(str(path))
    with pytest.raises(yanxiu.DataError) as e:
        yanxiu.read_docx(path)
    assert "通知.docx" in e.value.message and "不是申报表" in e.value.message


def test_a_dataframe_of_the_workbook_reads_as_the_workbook_does() -> None:
    pd = pytest.importorskip("pandas")
    df = pd.read_excel(EXAMPLES / "申报信息.xlsx", sheet_name="申报信息")
    from_pandas = yanxiu.Application.from_rows(df)
    from_workbook = yanxiu.read_xlsx(EXAMPLES / "申报信息.xlsx")
    # The template's example row is left out by both. A 特色班's earlier classes live
    # on the workbook's second sheet, which a row of the first does not carry...
    assert len(from_pandas) == len(from_workbook)
    for a, b in zip(from_pandas, from_workbook):
        want = b.to_dict()
        if "featured" in want:
            want["featured"]["previous"] = []
        assert a.to_dict() == want
    # ... unless that sheet comes too, as a second DataFrame: then every field is the same.
    df2 = pd.read_excel(EXAMPLES / "申报信息.xlsx", sheet_name="已办班次")
    joined = yanxiu.Application.from_rows(df, previous=df2)
    assert [a.to_dict() for a in joined] == [b.to_dict() for b in from_workbook]
    assert any(a.to_dict().get("featured", {}).get("previous") for a in joined)
    # A class whose project was renamed on one sheet only is never dropped silently.
    renamed = df2.copy()
    renamed.loc[renamed.index[-1], "项目名称"] = "改了名的高级研修班"
    with pytest.raises(yanxiu.DataError, match=f"第{len(df2)}行.*改了名的高级研修班.*无处归属"):
        yanxiu.Application.from_rows(df, previous=renamed)
    # One row: what pd.read_excel gives (Timestamp, NaN, numpy numbers).
    assert yanxiu.Application.from_row(df.iloc[1].to_dict()) == from_pandas[0]
    with pytest.raises(yanxiu.DataError, match="示例行"):
        yanxiu.Application.from_row(df.iloc[0].to_dict())


def test_rows_with_every_odd_value_read_or_name_the_row_and_column() -> None:
    import datetime

    pd = pytest.importorskip("pandas")
    np = pytest.importorskip("numpy")
    good = {
        "项目名称": "  海洋经济高级研修班 ",
        "申报单位": "厦门大学",
        "办班时间": "2024.6.11-6.14",
        "申报时间": pd.Timestamp("2024-01-05 09:30"),
        "培训人数": np.int64(60),
        "服务重大战略": 1.0,
        "服务重大战略说明": "服务海洋强国战略",
        "突出数字技术": float("nan"),
        "备注": None,
        "财政资助项目": True,
    }
    a = yanxiu.Application.from_row(good).to_dict()
    assert a["project_name"] == "海洋经济高级研修班" and a["participants"] == 60
    assert a["applied_on"] == "2024-01-05"
    assert a["schedule"] == {"start": "2024-06-11", "end": "2024-06-14"}
    assert a["topics"] == {"major_strategy": "服务海洋强国战略"}
    assert a["funding"]["government"] is True
    for odd in [60.0, np.float64(60.0), "60人"]:
        assert yanxiu.Application.from_row(dict(good, 培训人数=odd)).to_dict()["participants"] == 60
    assert yanxiu.Application.from_row(dict(good, 申报时间=datetime.date(2024, 1, 5))).to_dict()["applied_on"] == "2024-01-05"
    assert "applied_on" not in yanxiu.Application.from_row(dict(good, 申报时间=pd.NaT)).to_dict()

    df = pd.DataFrame([good, dict(good, 培训人数=60.5)], index=[3, 7])
    with pytest.raises(yanxiu.DataError) as e:
        yanxiu.Application.from_rows(df)
    assert e.value.message == "第2行（索引 7）「培训人数」：不是整数（现为“60.5”）", e.value.message
    assert e.value.path == "培训人数"
    with pytest.warns(UserWarning, match="审核意见"):
        yanxiu.Application.from_row(dict(good, 审核意见="同意"))


def test_csv_and_openpyxl_rows(tmp_path: Path) -> None:
    import csv

    openpyxl = pytest.importorskip("openpyxl")
    ws = openpyxl.load_workbook(EXAMPLES / "申报信息.xlsx").worksheets[0]
    header, *rows = list(ws.iter_rows(values_only=True))
    dicts = [dict(zip(header, r)) for r in rows if any(v is not None for v in r)]
    apps = yanxiu.Application.from_rows(dicts)
    names = {a.project_name for a in yanxiu.read_xlsx(EXAMPLES / "申报信息.xlsx")}
    assert names <= {a.project_name for a in apps}
    path = tmp_path / "rows.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["项目名称", "培训人数", "申报时间"])
        w.writeheader()
        w.writerow({"项目名称": "甲研修班", "培训人数": "45", "申报时间": "2024-01-05"})
    with path.open(encoding="utf-8") as f:
        (app,) = yanxiu.Application.from_rows(csv.DictReader(f))
    assert app.to_dict()["participants"] == 45


def test_a_dataframe_batch_makes_the_workbook_batch_pdfs(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    workbook = EXAMPLES / "申报信息.xlsx"
    df = pd.read_excel(workbook, sheet_name="申报信息")
    names = {a.project_name for a in yanxiu.read_xlsx(workbook)}
    # A 特色班 needs its earlier classes, on the workbook's second sheet: left out here.
    df = df[df["项目名称"].isin(names) & (df["是否特色班"] != "是")]
    plain = [a for a in yanxiu.read_xlsx(workbook) if "featured" not in a.to_dict()]
    assert len(df) == len(plain) == 4
    bad = df.iloc[[0]].copy()
    bad["培训人数"] = 60.5
    bad.index = [99]
    a = yanxiu.render_batch(df, tmp_path / "df", summary=False)
    b = yanxiu.render_batch(plain, tmp_path / "wb", summary=False)
    assert len(a.written) == 4
    assert [e.path.read_bytes() for e in a.written] == [e.path.read_bytes() for e in b.written]
    report = yanxiu.render_batch(pd.concat([df, bad]), tmp_path / "mixed", summary=False)
    assert len(report.written) == len(df)
    (failed,) = report.failed
    assert failed.source == f"第{len(df) + 1}行（索引 99）" and "培训人数" in failed.problems[0]
    # The 特色班 rows too, with the second sheet as a second DataFrame: the same PDFs
    # as the workbook's batch; an earlier class of no project fails the batch, named.
    full = pd.read_excel(workbook, sheet_name="申报信息")
    df2 = pd.read_excel(workbook, sheet_name="已办班次")
    c = yanxiu.render_batch(full, tmp_path / "full", summary=False, previous=df2)
    d = yanxiu.render_batch(workbook, tmp_path / "book", summary=False)
    assert len(c.written) == len(d.written) > 4 and not c.failed
    assert [e.path.read_bytes() for e in c.written] == [e.path.read_bytes() for e in d.written]
    orphan = pd.concat([df2, df2.iloc[[0]].assign(项目名称="别的项目")], ignore_index=True)
    e = yanxiu.render_batch(full, tmp_path / "orphan", summary=False, previous=orphan)
    assert any(f"第{len(orphan)}行" in p and "别的项目" in p for p in e.problems), e.problems
    assert not e.ok
    s = yanxiu.Summary.from_dict(example("summary.json"))
    out = s.to_dataframe()
    assert list(out.columns)[:3] == ["序号", "项目名称", "申报单位"] and len(out) == len(s)
