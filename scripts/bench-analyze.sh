#!/usr/bin/env bash
# Throughput and memory of offline analysis: 100,000 short texts (corpus rows of at most 80 characters, drawn
# with a fixed seed) through `jf analyze` built in Release. Prints texts/s, CPU time per text and peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build services/Cli -c Release -v quiet -nologo >/dev/null
awk -F'\t' 'FNR > 1 && length($1) <= 80 { print $1 }' data/corpus/*/*.tsv > "$work/pool"
{ echo text; awk -v n="$count" 'BEGIN { srand(20261122) } { pool[NR] = $0 } END { for (i = 0; i < n; i++) print pool[int(rand() * NR) + 1] }' "$work/pool"; } > "$work/bench.tsv"

/usr/bin/time -f "%U %S %M" -o "$work/time" \
  dotnet services/Cli/bin/Release/net10.0/jf.dll analyze --input "$work/bench.tsv" --models models -o "$work/out.jsonl" 2> "$work/log"
read -r user sys rss < "$work/time"
grep analyzed "$work/log"
awk -v u="$user" -v s="$sys" -v n="$count" -v r="$rss" -v cores="$(nproc)" \
  'BEGIN { printf "cpu per text: %.0f us; %d cores; peak RSS %.0f MB\n", (u + s) * 1e6 / n, cores, r / 1024 }'
