#!/usr/bin/env python3
"""Shrink the two display faces (title bold serif, 黑体 sans) to GB 2312.

They set only fixed wording (附件1, the titles from the notice profile, the
summary's headers), so the 6,763 GB 2312 hanzi plus ASCII and CJK
punctuation are plenty; the body face keeps full coverage. Run after
make-fonts.py. The renderer still checks every string against the face that
sets it, so a profile title outside GB 2312 is reported, not boxed.
"""
import sys
from fontTools import subset
from fontTools.ttLib import TTFont

def gb2312() -> set[int]:
    cps = set(range(0x20, 0x7F))
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                cps.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    cps.update(range(0x3000, 0x3040))  # CJK punctuation
    cps.update(range(0xFF00, 0xFF60))  # full-width forms
    return cps

def main(d: str) -> None:
    keep = gb2312()
    for name in ["NotoSerifSC-Bold.otf", "NotoSansSC-Regular.otf"]:
        font = TTFont(f"{d}/{name}")
        opts = subset.Options()
        opts.layout_features = ["*"]
        opts.hinting = False
        opts.name_IDs = ["*"]
        opts.notdef_outline = True
        s = subset.Subsetter(opts)
        s.populate(unicodes=keep & set(font.getBestCmap().keys()))
        s.subset(font)
        font.save(f"{d}/{name}")
        print(name, "shrunk")

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "crates/yanxiu-fonts/fonts")
