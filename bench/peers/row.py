"""Formats a peer's JSON result line as a row of the BENCHMARKS.md table."""

import json
import sys

r = json.loads(sys.stdin.read())
print(
    f"| {r['peer']} | {r['documents_per_second']:.1f} | {r['ms_per_document']:.2f} "
    f"| {r['peak_rss_mb']} MB | {r['mean_pdf_kb']} KB |"
)
