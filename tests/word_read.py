"""Reads a .docx written by yanxiu as python-docx sees it, for tests/word.rs.

Prints JSON: the tables' shape, the label cells' text, and each content
control's tag with its text (paragraphs joined by newlines) or checkbox state.
"""
import json
import sys

import docx
from docx.oxml.ns import qn

W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"

doc = docx.Document(sys.argv[1])
out = {"tables": [], "controls": [], "sections": []}
for t in doc.tables:
    out["tables"].append([[c.text for c in row.cells] for row in t.rows])
for s in doc.sections:
    out["sections"].append({"width": s.page_width, "height": s.page_height, "landscape": s.orientation == 1})
for sdt in doc.element.body.iter(qn("w:sdt")):
    pr = sdt.find(qn("w:sdtPr"))
    tag = pr.find(qn("w:tag")).get(qn("w:val"))
    box = pr.find(W14 + "checkbox")
    content = sdt.find(qn("w:sdtContent"))
    paras = content.findall(qn("w:p"))
    if paras:
        text = "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in paras)
    else:
        text = "".join(t.text or "" for t in content.iter(qn("w:t")))
    entry = {"tag": tag, "text": text, "placeholder": pr.find(qn("w:showingPlcHdr")) is not None}
    if box is not None:
        entry["checked"] = box.find(W14 + "checked").get(W14 + "val") == "1"
    out["controls"].append(entry)
print(json.dumps(out, ensure_ascii=False))
