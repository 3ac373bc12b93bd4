#!/usr/bin/env python3
"""Make the bundled fonts (crates/yanxiu-fonts) from Debian's fonts-noto-cjk.

Run once by a developer (needs `apt-get install fonts-noto-cjk` and
`pip install fonttools`); the results are committed, so neither users nor
CI need this script. It takes the Simplified Chinese face out of each
OpenType collection (static CFF fonts: the notes warn that .ttc and
variable CJK fonts have had empty-box bugs) and drops what a Simplified
Chinese form never uses: the glyphs reached only through the Japanese,
Korean and Traditional `locl` substitutions, vertical forms and hinting.
Every code point the face maps is kept, so coverage is unchanged.

The Regular serif (19.6 MB) is then cut in two halves, one for each of the
crates yanxiu-fonts-serif-1 and -2: crates.io takes at most 10 MB a crate,
and yanxiu-fonts joins them again.
"""
import os
import sys
from fontTools import subset
from fontTools.ttLib import TTCollection

SRC = "/usr/share/fonts/opentype/noto"
FACES = [
    ("NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC", "NotoSerifSC-Regular.otf"),
    ("NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC Bold", "NotoSerifSC-Bold.otf"),
    ("NotoSansCJK-Regular.ttc", "Noto Sans CJK SC", "NotoSansSC-Regular.otf"),
]

def main(out_dir: str) -> None:
    for ttc, full_name, out in FACES:
        coll = TTCollection(f"{SRC}/{ttc}")
        font = next(f for f in coll.fonts if f["name"].getDebugName(4) == full_name)
        opts = subset.Options()
        opts.layout_features = ["*"]
        opts.drop_tables += ["vhea", "vmtx", "VORG"]
        opts.layout_features_drop = ["locl", "vert", "vrt2", "vkna", "vkrn", "vpal", "vhal"]
        opts.hinting = False
        opts.name_IDs = ["*"]
        opts.notdef_outline = True
        s = subset.Subsetter(opts)
        s.populate(unicodes=font.getBestCmap().keys())
        s.subset(font)
        font.save(f"{out_dir}/{out}")
        print(out, "written")
    split_serif(out_dir)

def split_serif(out_dir: str) -> None:
    whole = f"{out_dir}/NotoSerifSC-Regular.otf"
    with open(whole, "rb") as f:
        data = f.read()
    half = len(data) // 2
    for n, part in ((1, data[:half]), (2, data[half:])):
        path = f"crates/yanxiu-fonts-serif-{n}/NotoSerifSC-Regular.otf.part{n}"
        with open(path, "wb") as f:
            f.write(part)
        print(path, "written")
    os.remove(whole)

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "crates/yanxiu-fonts/fonts")
