#!/usr/bin/env python3
"""Makes stand-ins of the official fonts for the tests: the bundled Noto Serif
subset to the GB 2312 repertoire and renamed, as the real 仿宋_GB2312 and
方正小标宋简体 cover GB 2312 only (6,763 hanzi) and lack characters such as 堃.

    make-test-fonts.py OUT_DIR [--with-hei]

writes OUT_DIR/FangSong_GB2312.otf (family "FangSong_GB2312") and
OUT_DIR/FZXBSJW.otf (family "方正小标宋简体"), with --with-hei also
OUT_DIR/SimHei.otf (family "SimHei", from the bundled sans). Needs fontTools.
"""

import os
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "crates/yanxiu-fonts/fonts"


def serif_regular() -> Path:
    """The bundled Regular serif's common face: all of GB 2312 is in it."""
    return ROOT / "crates/yanxiu-fonts-serif/fonts/NotoSerifSC-Regular.otf"


def gb2312() -> list[int]:
    """Every code point GB 2312 encodes (ASCII included)."""
    out = []
    for cp in range(0x20, 0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        try:
            chr(cp).encode("gb2312")
        except UnicodeEncodeError:
            continue
        out.append(cp)
    return out


def make(source: Path, family: str, postscript: str, out: Path, unicodes: list[int]) -> None:
    font = TTFont(source)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.layout_features = ["*"]
    options.notdef_outline = True
    sub = subset.Subsetter(options)
    sub.populate(unicodes=unicodes)
    sub.subset(font)
    names = font["name"]
    for rec in list(names.names):
        if rec.nameID in (1, 4, 16):
            names.setName(family, rec.nameID, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID in (6,):
            names.setName(postscript, rec.nameID, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID == 17:
            names.setName("Regular", rec.nameID, rec.platformID, rec.platEncID, rec.langID)
    # The OS/2 weight of a regular face, whatever the source was.
    font["OS/2"].usWeightClass = 400
    out.parent.mkdir(parents=True, exist_ok=True)
    # Unique per process: two test runs making the fonts at once never share a file.
    tmp = out.with_name(f".{out.name}.{os.getpid()}.part")
    font.save(tmp)
    tmp.replace(out)


def main() -> None:
    out = Path(sys.argv[1])
    unicodes = gb2312()
    assert len([c for c in unicodes if 0x4E00 <= c <= 0x9FFF]) == 6763, "GB 2312 has 6,763 hanzi"
    make(serif_regular(), "FangSong_GB2312", "FangSongGB2312-TestStandIn", out / "FangSong_GB2312.otf", unicodes)
    make(FONTS / "NotoSerifSC-Bold.otf", "方正小标宋简体", "FZXBSJW-TestStandIn", out / "FZXBSJW.otf", unicodes)
    if "--with-hei" in sys.argv[2:]:
        make(FONTS / "NotoSansSC-Regular.otf", "SimHei", "SimHei-TestStandIn", out / "SimHei.otf", unicodes)
    print(out)


if __name__ == "__main__":
    main()
