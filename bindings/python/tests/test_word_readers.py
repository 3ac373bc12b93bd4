"""Our .docx as other office-script readers take it: mammoth's raw text and
docx2python's text see every value and every box of a filled 申报表, and
hostile text stays literal (python-docx is tested beside the Word tests)."""

import json
from pathlib import Path

import docx2python
import mammoth

import yanxiu

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def filled(tmp_path: Path, **changes: str) -> tuple[Path, dict]:
    data = json.loads((EXAMPLES / "application-zh.json").read_text(encoding="utf-8"))
    data.update(changes)
    path = tmp_path / "申报表.docx"
    yanxiu.render_application_docx(data, path)
    return path, yanxiu.Application.from_dict(data).to_dict()


def expected(app: dict) -> list[str]:
    """What a reader must find: the values, and each box with its option."""
    values = [app["project_name"], app["venue"], app["industry"], app["authority"]]
    values += [p for p in app["purpose"].split("\n") if p.strip()]
    values += [app["applicant"]["name"], f"计划培训人数：{app['participants']}人"]
    government = "☑" if app["funding"].get("government") else "☐"
    own = "☑" if app["funding"].get("self_funded") else "☐"
    values += [f"{government}财政资助项目", f"{own}自筹经费项目"]
    for key, label in [("major_strategy", "服务重大战略"), ("key_fields", "围绕重点领域"),
                       ("industry", "推进产业发展"), ("digital", "突出数字技术")]:
        mark = "☑" if key in app["topics"] else "☐"
        values.append(f"{mark}{label}")
        if app["topics"].get(key):
            values.append(app["topics"][key])
    return values


def test_mammoth_raw_text_has_every_value_and_box(tmp_path: Path) -> None:
    path, app = filled(tmp_path)
    with path.open("rb") as f:
        text = mammoth.extract_raw_text(f).value
    missing = [v for v in expected(app) if v not in text]
    assert not missing, (missing, text[:500])


def test_docx2python_text_has_every_value_and_box(tmp_path: Path) -> None:
    path, app = filled(tmp_path)
    with docx2python.docx2python(str(path)) as doc:
        text = doc.text
    missing = [v for v in expected(app) if v not in text]
    assert not missing, (missing, text[:500])


def test_hostile_text_stays_literal_to_both(tmp_path: Path) -> None:
    hostile = '<w:p>&amp;</w:p> ]]> "引号"'
    path, _ = filled(tmp_path, 项目名称=f"高级研修班{hostile}")
    with path.open("rb") as f:
        assert hostile in mammoth.extract_raw_text(f).value
    with docx2python.docx2python(str(path)) as doc:
        assert hostile in doc.text
