#!/usr/bin/env bash
# Every test of the project, on a fresh machine: installs what the tests
# need (poppler-utils to read PDFs back, unzip, LibreOffice Calc; maturin, fontTools, pytest and mypy
# in a virtual environment it creates), checks format, runs the Rust tests of
# every crate (linted by clippy as they build), builds the Python extension
# once as a wheel (linted too), runs
# its tests against it, then installs it into a fresh environment and renders.
set -euo pipefail
cd "$(dirname "$0")/.."

# LibreOffice Writer is checked by its Word import filter's presence, since
# Calc alone also provides `soffice`.
if ! command -v pdftotext >/dev/null || ! command -v pdffonts >/dev/null || ! command -v unzip >/dev/null \
  || ! command -v qpdf >/dev/null \
  || ! command -v soffice >/dev/null || ! dpkg -s libreoffice-writer-nogui >/dev/null 2>&1; then
  echo "==> installing poppler-utils (PDF checks), qpdf (structure check), unzip (package check), LibreOffice Calc and Writer (workbooks re-saved as offices do, Word files converted)"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq poppler-utils qpdf unzip libreoffice-calc-nogui libreoffice-writer-nogui >/dev/null
fi

echo "==> Python environment (maturin; fontTools for the font-chain test fixtures, python-docx for the Word tests)"
venv="$PWD/bindings/python/.venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check maturin fonttools python-docx
# The Rust tests make GB 2312-only stand-ins of the official fonts with it,
# and read the Word files back with python-docx.
export YANXIU_PYTHON="$venv/bin/python"
# What maturin gives PyO3's build scripts, given to every cargo call here:
# otherwise each reruns them for the other and PyO3 is compiled again.
export PYO3_PYTHON="$venv/bin/python"
PYO3_ENVIRONMENT_SIGNATURE=$("$venv/bin/python" -c 'import sys; print(f"cpython-{sys.version_info[0]}.{sys.version_info[1]}-64bit")')
export PYO3_ENVIRONMENT_SIGNATURE

echo "==> cargo fmt --check"
cargo fmt --all -- --check

echo "==> one feature set per crate in every build (else Typst compiles once per build)"
python3 scripts/check-features.py

echo "==> cargo test, every crate of ours linted by clippy as it compiles"
# One build serves the tests and the lints: clippy-driver compiles the
# workspace's own crates (RUSTC_WORKSPACE_WRAPPER, which is how `cargo
# clippy` runs it) while the dependencies are compiled once, for the tests;
# `cargo clippy` checked all of Typst a second time (4-5 minutes of a cold
# run). Every target `cargo clippy --all-targets` lints is built here
# (libraries, tests, examples; no benches), and the extension below too.
clippy_driver=$(rustup which clippy-driver 2>/dev/null || command -v clippy-driver || true)
[ -x "$clippy_driver" ] || { echo "error: clippy-driver not found: rustup component add clippy" >&2; exit 1; }
export RUSTC_WORKSPACE_WRAPPER="$clippy_driver"
# `-- -D warnings`, passed to clippy-driver as `cargo clippy` passes it.
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
cargo test --workspace --exclude yanxiu-python --locked

echo "==> Python binding: one wheel, installed and tested"
# One build of the extension: the wheel that pytest tests is the one a
# fresh environment then installs (and check-dist's wheel step repackages).
wheels="$PWD/target/test-wheels"
rm -rf "$wheels"
(cd bindings/python && VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" maturin build -q -o "$wheels")
wheel=$(ls "$wheels"/yanxiu-*.whl)
# The test tools are the package's `test` extra (bindings/python/pyproject.toml);
# the version does not change between builds, so the wheel itself is forced in.
"$venv/bin/pip" install -q --disable-pip-version-check "$wheel[test]"
"$venv/bin/pip" install -q --disable-pip-version-check --force-reinstall --no-deps "$wheel"
(cd "$wheels" && "$venv/bin/python" -c 'import yanxiu; assert "site-packages" in yanxiu.__file__, yanxiu.__file__')
"$venv/bin/python" -m pytest -q bindings/python/tests

echo "==> Python wheel in a fresh environment, no system fonts"
env_dir=$(mktemp -d)
# Without a pip of its own (seconds saved): the test venv's pip installs into it.
python3 -m venv --without-pip "$env_dir/env"
"$venv/bin/pip" --python "$env_dir/env/bin/python" install -q --disable-pip-version-check "$wheel"
(cd "$env_dir" && FONTCONFIG_FILE=/dev/null HOME="$env_dir" "$env_dir/env/bin/python" - <<'PY'
import yanxiu
fonts = yanxiu.Renderer().fonts()
assert all(not official for _, _, official in fonts), fonts
pdf = yanxiu.render_application({"项目名称": "安装测试高级研修班"}, "wheel.pdf", draft=True)
assert pdf.startswith(b"%PDF-") and open("wheel.pdf", "rb").read() == pdf
print("wheel: import yanxiu and render OK with bundled fonts")
PY
)
rm -rf "$env_dir"
