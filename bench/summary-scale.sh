#!/usr/bin/env bash
# The 汇总表 at scale: time and peak memory of the summary alone for growing
# row counts, and of a whole batch with its summary (issue 14's targets: a
# 3,000-record batch with its 汇总表 under 300 MB, a 20,000-row summary under
# 500 MB, time linear in rows).
#   bench/summary-scale.sh [ROWS ...]      (default: 300 1000 3000 10000 20000)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=("$@")
[ ${#rows[@]} -gt 0 ] || rows=(300 1000 3000 10000 20000)
cargo build --profile dist -p yanxiu-cli --locked >/dev/null
bin=target/dist/yanxiu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "| rows | summary PDF | ms/row | PDF size | peak RSS (whole process) |"
echo "|---:|---:|---:|---:|---:|"
for n in "${rows[@]}"; do
  /usr/bin/time -f '%M' "$bin" bench "$n" --summary --no-system-fonts >"$work/out" 2>"$work/time"
  kb=$(tail -1 "$work/time")
  # "summary PDF      10924 ms, 8992 KB"
  awk -v n="$n" -v kb="$kb" '/summary PDF/ {
      ms=$3; size=$5
      printf "| %d | %.2f s | %.2f | %.1f MB | %d MB |\n", n, ms/1000, ms/n, size/1024, kb/1024 }' "$work/out"
done

echo
echo "| whole batch with its 汇总表 | wall | peak RSS |"
echo "|---|---:|---:|"
n=3000
/usr/bin/time -f '%e %M' "$bin" bench "$n" --batch --with-summary --no-system-fonts --out "$work/batch" \
  >"$work/out" 2>"$work/time"
read -r secs kb < <(tail -1 "$work/time")
printf "| %d records, 2 workers, files written | %.1f s | %d MB |\n" "$n" "$secs" "$((kb / 1024))"
echo
echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)); $(date -u +%Y-%m-%d)"
