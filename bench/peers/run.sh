#!/usr/bin/env bash
# yanxiu against its peers on the same N records, the same fonts, one run.
#   bench/peers/run.sh [N]        (default 300; ROUNDS=R, default 3)
# Installs what the peers need: LibreOffice (apt), a venv with typst 0.15,
# docxtpl and python-docx (pip) and yanxiu's own wheel (built here, for
# bench/python_host.py), and the bundled fonts for LibreOffice
# (~/.local/share/fonts/yanxiu-bench, removed afterwards).
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-300}
if ! command -v soffice >/dev/null; then
  sudo_=""; [ "$(id -u)" = 0 ] || sudo_=sudo
  $sudo_ apt-get install -y -q --no-install-recommends libreoffice-writer-nogui >/dev/null
fi
venv=target/bench-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check "typst==0.15.*" docxtpl python-docx
cargo build --profile dist -p yanxiu-cli --locked >/dev/null
# The Python binding too, as a wheel into the same venv (bench/python_host.py).
rm -rf target/bench-wheels
"$venv/bin/pip" install -q --disable-pip-version-check maturin
root=$(pwd)
(cd bindings/python && "$root/$venv/bin/maturin" build -q --profile dist -o "$root/target/bench-wheels" >/dev/null)
"$venv/bin/pip" install -q --disable-pip-version-check --force-reinstall --no-deps target/bench-wheels/*.whl
bin=target/dist/yanxiu
work=$(mktemp -d)
fontdir="$HOME/.local/share/fonts/yanxiu-bench"
trap 'rm -rf "$work" "$fontdir"; fc-cache -f >/dev/null 2>&1 || true' EXIT
"$bin" bench "$n" --no-system-fonts --export-peer-inputs "$work/inputs" >/dev/null
"$bin" fonts --export "$work/inputs/fonts" >/dev/null
mkdir -p "$fontdir" && cp "$work/inputs/fonts/"*.otf "$fontdir/" && fc-cache -f >/dev/null 2>&1 || true
rss() { /usr/bin/time -f '%M' "$@" 2>"$work/time" >"$work/out"; tail -1 "$work/time"; }

rounds=${ROUNDS:-3}
rows="$work/rows"
# Every tool once per round, the rounds one after another, so that all see
# the same moments of a shared machine; each row below is the tool's median
# round (by ms/document). The two far slower ways run once.
for round in $(seq "$rounds"); do
  for j in 2 1; do
    kb=$(rss "$bin" bench "$n" --no-system-fonts --batch -j "$j" --out "$work/yanxiu-$j")
    awk -v kb="$kb" -v j="$j" '
      /throughput/ {dps=$2} /per document/ {ms=$3} /mean PDF/ {size=$4}
      END {printf "| yanxiu batch (-j %s, files written) | %.1f | %.2f | %d MB | %s KB |\n", j, dps, ms, kb/1024, size}' "$work/out" >>"$rows"
  done
  kb=$(rss "$bin" bench "$n" --no-system-fonts)
  awk -v kb="$kb" '
    /throughput/ {dps=$2} /per document/ {ms=$3} /mean PDF/ {size=$4}
    END {printf "| yanxiu, one thread in memory | %.1f | %.2f | %d MB | %s KB |\n", dps, ms, kb/1024, size}' "$work/out" >>"$rows"
  "$venv/bin/python" bench/python_host.py "$work/inputs" "$work/python" >>"$rows"
  "$venv/bin/python" bench/peers/typst_py.py "$work/inputs" "$work/peer-typst" \
    | "$venv/bin/python" bench/peers/row.py >>"$rows"
done
for args in "typst_py.py --fresh" "docxtpl_lo.py"; do
  set -- $args
  "$venv/bin/python" "bench/peers/$1" "$work/inputs" "$work/peer-$1-${2:-}" ${2:-} \
    | "$venv/bin/python" bench/peers/row.py >>"$rows"
done

echo "| tool | documents/s | ms/document | peak RSS | mean PDF |"
echo "|---|---:|---:|---:|---:|"
# Per tool (in the order first seen), the round with the median ms/document.
cut -d'|' -f2 "$rows" | awk '!seen[$0]++' | while IFS= read -r tool; do
  awk -F'|' -v t="$tool" '$2 == t' "$rows" | sort -t'|' -k4 -g \
    | awk '{line[NR] = $0} END {print line[int((NR + 1) / 2)]}'
done
echo
echo "every round (ms/document, in round order):"
cut -d'|' -f2 "$rows" | awk '!seen[$0]++' | while IFS= read -r tool; do
  printf -- "- %s:" "$(sed 's/^ *//; s/ *$//' <<<"$tool")"
  awk -F'|' -v t="$tool" '$2 == t {printf " %s", $4}' "$rows" | tr -s ' ' | sed 's/ *$//'
  echo
done
echo
echo "$n records, $rounds rounds; $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)); $(date -u +%Y-%m-%d)"
