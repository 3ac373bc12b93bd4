#!/usr/bin/env bash
# Time to render one application in a fresh process (release CLI, bundled
# fonts), averaged over RUNS runs after one warm-up run.
# Usage: bench/fresh-process.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
cargo build --profile dist -p yanxiu-cli --locked >/dev/null
bin=target/dist/yanxiu
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" render examples/application.json -o "$out/warm.pdf" --no-system-fonts >/dev/null
start=$(date +%s%N)
for i in $(seq "$runs"); do
  "$bin" render examples/application.json -o "$out/$i.pdf" --no-system-fonts >/dev/null
done
end=$(date +%s%N)
echo "fresh process, one application: $(( (end - start) / runs / 1000000 )) ms (mean of $runs runs)"
