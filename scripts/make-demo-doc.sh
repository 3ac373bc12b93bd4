#!/usr/bin/env bash
# Regenerates the Word 97–2003 .doc that `yanxiu demo` puts in its 收表
# folder in place of the fourth unit's .docx (as an older office would send
# it): that form of examples/summary.json, written by yanxiu as .docx and
# saved by LibreOffice's "MS Word 97" export. Run after the examples change;
# tests/word_intake.rs fails until then.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
python3 -c 'import json,sys; json.dump(json.load(open("examples/summary.json"))["applications"][3], open(sys.argv[1], "w"), ensure_ascii=False)' "$tmp/form.json"
cargo run -q -p yanxiu-cli -- render "$tmp/form.json" -o "$tmp/form.docx"
soffice -env:UserInstallation="file://$tmp/lo" --headless --convert-to "doc:MS Word 97" --outdir "$tmp" "$tmp/form.docx" >/dev/null 2>&1
cp "$tmp/form.doc" crates/yanxiu-cli/assets/demo-form-word97.doc
rm -rf "$tmp"
echo "crates/yanxiu-cli/assets/demo-form-word97.doc"
