#!/usr/bin/env python3
"""Make the bundled fonts from Debian's fonts-noto-cjk.

Run once by a developer (needs `apt-get install fonts-noto-cjk` and
`pip install fonttools`); the results are committed, so neither users nor
CI need this script. It takes the Simplified Chinese face out of each
OpenType collection (static CFF fonts: the notes warn that .ttc and
variable CJK fonts have had empty-box bugs) and drops what a Simplified
Chinese form never uses: vertical forms, hinting, and the glyphs reached
only through the Japanese, Korean and Traditional `locl` substitutions
(their language systems are removed first: the forms are set with
`lang: "zh", region: "cn"`, which selects ZHS, so no printed glyph changes).
Every code point the face maps is kept, so coverage is unchanged.

The Regular serif is then split by coverage into two real faces, since
crates.io takes at most 10 MB a crate:
- `NotoSerifSC-Regular.otf` (crate yanxiu-fonts-serif), family
  "Noto Serif CJK SC": everything but the rare blocks below;
- `NotoSerifSC-Rare.otf` (crate yanxiu-fonts-serif-rare), family
  "Noto Serif CJK SC Rare": CJK Extension A (U+3400–4DBF), Hangul
  syllables (U+AC00–D7AF) and every supplementary-plane character.
The renderer puts both at the end of the body chain, the rare one after
the common one, and counts them as one bundled face.

`make-fonts.py --split FILE` runs only the split, on a whole Regular serif
already made (how the committed faces were made from the earlier build).
"""
import os
import sys
from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

SRC = "/usr/share/fonts/opentype/noto"
FONTS = "crates/yanxiu-fonts/fonts"
FACES = [
    ("NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC", "NotoSerifSC-Regular.otf"),
    ("NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC Bold", "NotoSerifSC-Bold.otf"),
    ("NotoSansCJK-Regular.ttc", "Noto Sans CJK SC", "NotoSansSC-Regular.otf"),
]
# Off in Typst unless a document asks for them, and the forms never do;
# `locl` stays (ZHS's own substitutions), `vert`/`vrt2` go (no vertical text).
DROP_FEATURES = ["vert", "vrt2", "vkna", "vkrn", "vpal", "vhal"]
COMMON = ("crates/yanxiu-fonts-serif/fonts/NotoSerifSC-Regular.otf", None)
RARE = (
    "crates/yanxiu-fonts-serif-rare/fonts/NotoSerifSC-Rare.otf",
    ("Noto Serif CJK SC Rare", "NotoSerifCJKsc-Rare"),
)


def is_rare(cp: int) -> bool:
    return 0x3400 <= cp <= 0x4DBF or 0xAC00 <= cp <= 0xD7AF or cp >= 0x10000


def only_zhs(font: TTFont) -> None:
    """Keep each script's default and ZHS language systems only."""
    for tag in ("GSUB", "GPOS"):
        if tag not in font:
            continue
        for sr in font[tag].table.ScriptList.ScriptRecord:
            sr.Script.LangSysRecord = [r for r in sr.Script.LangSysRecord if r.LangSysTag == "ZHS "]
            sr.Script.LangSysCount = len(sr.Script.LangSysRecord)


def options() -> subset.Options:
    opts = subset.Options()
    opts.layout_features = ["*"]
    opts.layout_features_drop = DROP_FEATURES
    opts.drop_tables += ["vhea", "vmtx", "VORG"]
    opts.hinting = False
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    return opts


def keep(font: TTFont, unicodes) -> None:
    only_zhs(font)
    s = subset.Subsetter(options())
    s.populate(unicodes=unicodes)
    s.subset(font)


def rename(font: TTFont, family: str, postscript: str) -> None:
    """A face of its own for Typst's font book: family, full, unique and
    PostScript names carry the new family where they carried the old one."""
    names = font["name"]
    old_family = names.getDebugName(1)
    old_ps = names.getDebugName(6)
    for rec in names.names:
        if rec.nameID in (1, 3, 4, 6, 16):
            text = rec.toUnicode().replace(old_ps, postscript).replace(old_family, family)
            names.setName(text, rec.nameID, rec.platformID, rec.platEncID, rec.langID)
    font["CFF "].cff.fontNames = [postscript]


def main(out_dir: str) -> None:
    for ttc, full_name, out in FACES:
        coll = TTCollection(f"{SRC}/{ttc}")
        font = next(f for f in coll.fonts if f["name"].getDebugName(4) == full_name)
        keep(font, font.getBestCmap().keys())
        font.save(f"{out_dir}/{out}")
        print(out, "written")
    split_serif(f"{out_dir}/NotoSerifSC-Regular.otf")
    os.remove(f"{out_dir}/NotoSerifSC-Regular.otf")


def split_serif(whole: str) -> None:
    cps = set(TTFont(whole).getBestCmap())
    for (path, names), wanted in ((COMMON, lambda c: not is_rare(c)), (RARE, is_rare)):
        font = TTFont(whole)
        keep(font, {c for c in cps if wanted(c)})
        if names:
            rename(font, *names)
        font.save(path)
        print(path, "written:", len(font.getBestCmap()), "characters")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--split":
        split_serif(sys.argv[2])
    else:
        main(sys.argv[1] if len(sys.argv) > 1 else FONTS)
