#!/usr/bin/env bash
# Every test of the project, on a fresh machine: installs what the tests
# need (poppler-utils to read PDFs back), checks format and lints, then runs
# the Rust tests of every crate.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v pdftotext >/dev/null || ! command -v pdffonts >/dev/null; then
  echo "==> installing poppler-utils (pdftotext, pdffonts, pdfinfo) for the PDF checks"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq poppler-utils >/dev/null
fi

echo "==> cargo fmt --check"
cargo fmt --all -- --check

echo "==> cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "==> cargo test"
cargo test --workspace --locked
