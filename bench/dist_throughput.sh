#!/usr/bin/env bash
# Throughput of train-images on this machine: one process with 2 intra-op threads against two
# data-parallel ranks (--nproc 2) with 1 thread each, the same global batch (docs/distributed.md).
# The two kinds of run alternate, ROUNDS times each; the script prints every run's images/s (the
# trainer's own figure: global images per second of training, data loading excluded) and the
# medians, and rank 0's share of time inside collectives for the --nproc runs.
#
#   bench/dist_throughput.sh [CLI] [ROUNDS] [ITERS] [BATCH]
set -euo pipefail
cli=${1:-build/dev/app/cli/diffusion-cli}
rounds=${2:-3}
iters=${3:-20}
batch=${4:-64}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
common=(train-images --device cpu --limit 2000 --iters "$iters" --batch "$batch" --seed 1 --checkpoint-every 0)
one=() two=() share=()
for ((i = 1; i <= rounds; i++)); do
  r=$("$cli" "${common[@]}" --threads 2 --out "$out/one.unet" 2>&1 | grep -o '[0-9.]* images/s' | cut -d' ' -f1)
  one+=("$r")
  log=$("$cli" "${common[@]}" --threads 1 --nproc 2 --out "$out/two.unet" 2>&1)
  r=$(grep -o '[0-9.]* images/s' <<<"$log" | cut -d' ' -f1)
  s=$(grep -o 'collectives ([0-9.]* %)' <<<"$log" | grep -o '[0-9.]*')
  two+=("$r") share+=("$s")
  echo "round $i: 1 process x 2 threads ${one[-1]} images/s; 2 processes x 1 thread ${two[-1]} images/s (all-reduce share ${share[-1]} %)"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "median: 1 process x 2 threads $(median "${one[@]}") images/s; 2 processes x 1 thread $(median "${two[@]}") images/s; all-reduce share $(median "${share[@]}") %"
