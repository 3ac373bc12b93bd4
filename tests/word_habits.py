"""Writes 申报表 .docx files ticked as units tick boxes, for tests/word.rs.

Usage: word_habits.py BLANK.docx OUT_DIR

Starts from the blank 申报表 and, with python-docx, fills the project name
and marks the boxes of 申报项目类别 and 是否符合选题范围 one habit per file:
财政资助项目 and 突出数字技术 ticked, 自筹经费项目 and 服务重大战略 left unticked
(with the habit's own empty box where it has one). Each file is named after
its habit; the test then has LibreOffice re-save each as .docx and as Word
97 .doc and reads all three. Prints the habit names as JSON.
"""
import copy
import json
import sys

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

W = nsdecls("w")
W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'


def run(inner, fonts=None):
    rpr = ""
    if fonts:
        rpr = f'<w:rPr><w:rFonts w:ascii="{fonts}" w:hAnsi="{fonts}"/></w:rPr>'
    return [parse_xml(f"<w:r {W}>{rpr}{inner}</w:r>")]


def text(t, fonts=None):
    return run(f'<w:t xml:space="preserve">{t}</w:t>', fonts)


def sym(font, char):
    return run(f'<w:sym w:font="{font}" w:char="{char}"/>')


def field(code, ffdata=""):
    return [
        parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="begin">{ffdata}</w:fldChar></w:r>'),
        parse_xml(f'<w:r {W}><w:instrText xml:space="preserve">{code}</w:instrText></w:r>'),
        parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>'),
    ]


def formcheckbox(default, checked=None):
    state = "" if checked is None else f'<w:checked w:val="{int(checked)}"/>'
    ffdata = (
        '<w:ffData><w:name w:val=""/><w:enabled/><w:calcOnExit w:val="0"/>'
        f'<w:checkBox><w:sizeAuto/><w:default w:val="{int(default)}"/>{state}</w:checkBox></w:ffData>'
    )
    return field(" FORMCHECKBOX ", ffdata)


def w14_checkbox(on):
    mark = "☒" if on else "☐"
    return [
        parse_xml(
            f"<w:sdt {W} {W14}><w:sdtPr><w14:checkbox>"
            f'<w14:checked w14:val="{int(on)}"/>'
            '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
            '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>'
            "</w14:checkbox></w:sdtPr><w:sdtContent>"
            '<w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic"/></w:rPr>'
            f"<w:t>{mark}</w:t></w:r></w:sdtContent></w:sdt>"
        )
    ]


def tracked(on):
    if not on:
        return text("☐")
    return [
        parse_xml(
            f'<w:del {W} w:id="901" w:author="单位" w:date="2024-01-05T10:00:00Z">'
            '<w:r><w:delText>☐</w:delText></w:r></w:del>'
        ),
        parse_xml(
            f'<w:ins {W} w:id="902" w:author="单位" w:date="2024-01-05T10:00:00Z">'
            "<w:r><w:t>☑</w:t></w:r></w:ins>"
        ),
    ]


# Each habit: what replaces the box run, ticked or not; and what goes after
# the label (a tick typed after it).
HABITS = {
    "typed": lambda on: text("☑" if on else "☐"),
    "typed-after": lambda on: text("☐"),
    "sym-wingdings": lambda on: sym("Wingdings", "F0FE" if on else "F0A8"),
    "sym-wingdings2": lambda on: sym("Wingdings 2", "F052" if on else "F0A3"),
    "sym-webdings": lambda on: sym("Webdings", "F061") if on else text("☐"),
    "font-wingdings2": lambda on: text("R" if on else "£", "Wingdings 2"),
    "font-wingdings": lambda on: text("þ" if on else "¨", "Wingdings"),
    "eq-field": lambda on: field(r" EQ \o\ac(□,√) ") if on else text("□"),
    "formcheckbox": lambda on: formcheckbox(False, on),
    "formcheckbox-default": lambda on: formcheckbox(on),
    "w14-checkbox": w14_checkbox,
    "tracked": tracked,
    # A symbol no table knows: read as unticked, with a warning naming the cell.
    "sym-unknown": lambda on: sym("Wingdings", "F0A5") if on else text("☐"),
}
AFTER = {"typed-after": "√"}


def boxes(cell):
    """The runs holding the cell's ☐ boxes, in order."""
    return [r for r in cell._tc.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t"))) == "☐"]


def mark(box, on, habit):
    new = HABITS[habit](on)
    parent = box.getparent()
    at = parent.index(box)
    parent.remove(box)
    for i, el in enumerate(new):
        parent.insert(at + i, copy.deepcopy(el))
    if on and habit in AFTER:
        # The label is the run after the box (and its bookmark end).
        label = [el for el in parent[at + len(new):] if el.tag == qn("w:r")][0]
        label.addnext(copy.deepcopy(text(AFTER[habit])[0]))


def main():
    blank, out = sys.argv[1], sys.argv[2]
    for habit in HABITS:
        d = docx.Document(blank)
        t = d.tables[0]
        t.cell(0, 1).text = f"{habit}习惯测试高级研修班"
        funding = next(r.cells[1] for r in t.rows if r.cells[0].text.startswith("申报项目类别"))
        topics = next(r.cells[1] for r in t.rows if r.cells[0].text.startswith("是否符合"))
        gov, own = boxes(funding)
        strategy, _, _, digital = boxes(topics)
        mark(gov, True, habit)
        mark(own, False, habit)
        mark(digital, True, habit)
        mark(strategy, False, habit)
        d.save(f"{out}/{habit}.docx")
    print(json.dumps(list(HABITS)))


main()
