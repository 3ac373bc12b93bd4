"""Reads a .docx written by yanxiu as an office script does, for tests/word.rs.

Prints JSON: each table's cells as python-docx's plain `cell.text` gives
them, the body's paragraphs as `paragraph.text`, the sections' orientation,
and each bookmark's text (paragraphs joined by newlines), which is how a
script finds a value by name.
"""
import json
import sys

import docx
from docx.oxml.ns import qn

doc = docx.Document(sys.argv[1])
out = {"tables": [], "paragraphs": [], "sections": [], "bookmarks": {}}
for t in doc.tables:
    out["tables"].append([[c.text for c in row.cells] for row in t.rows])
out["paragraphs"] = [p.text for p in doc.paragraphs]
for s in doc.sections:
    out["sections"].append({"width": s.page_width, "height": s.page_height, "landscape": s.orientation == 1})

# Bookmarks: the text of the runs between a start and its end, in document order.
open_marks = {}
for el in doc.element.body.iter():
    if el.tag == qn("w:bookmarkStart"):
        open_marks[el.get(qn("w:id"))] = [el.get(qn("w:name")), []]
    elif el.tag == qn("w:bookmarkEnd"):
        mark = open_marks.pop(el.get(qn("w:id")), None)
        if mark:
            out["bookmarks"][mark[0]] = "".join(mark[1]).strip("\n")
    elif el.tag == qn("w:t"):
        for mark in open_marks.values():
            mark[1].append(el.text or "")
    elif el.tag == qn("w:p"):
        for mark in open_marks.values():
            if mark[1]:
                mark[1].append("\n")
print(json.dumps(out, ensure_ascii=False))
