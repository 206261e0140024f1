#!/bin/sh
# The learned-denoiser figures of issue 4, pinned to two CPU cores:
#   bench/bench_mlp.sh [BUILD_DIR]      (default build/release; CORES=0,1 to choose the cores)
# C++ (bench_mlp) and Python PyTorch eager (bench_mlp.py) run on the same cores, same LibTorch.
set -u
B=${1:-build/release}
CORES=${CORES:-0,1}
pin() { taskset -c "$CORES" "$@"; }
echo "machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)), pinned to $CORES;" \
     "load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "## (a) time to train two moons to SW2 < 0.1"
pin "$B/bench/bench_mlp" train --threads 1
for th in 1 2; do
  echo "## (b) sampling, $th thread(s)"
  pin "$B/bench/bench_mlp" sample --threads "$th" --reps 2
  DS_MLP_BLOCKED=0 pin "$B/bench/bench_mlp" sample --threads "$th" --reps 1 | sed 's/^RESULT/RESULT (unblocked)/'
  pin /usr/bin/python3 "$(dirname "$0")/bench_mlp.py" --threads "$th" --reps 2
  OPENBLAS_NUM_THREADS=$th pin /usr/bin/python3 "$(dirname "$0")/bench_mlp.py" --threads "$th" --reps 1 |
    sed 's/^RESULT python/RESULT python (OPENBLAS_NUM_THREADS='"$th"')/'
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
