#!/bin/sh
# Reproduce benchmarks/results/replay/ with one command: sh benchmarks/replay.sh
# Three regional-dated instances (500 households, 26 weeks), each replayed with draw seeds 1-3
# under every policy; the runs are Dask tasks on a local cluster (one worker per core).
cd "$(dirname "$0")/.." || exit 1
AL=".venv/bin/allocation"
WORK="benchmarks/results/replay/instances"
mkdir -p "$WORK"
for seed in 1 2 3; do
    $AL generate --family regional-dated --households 500 --seed "$seed" --out "$WORK/regional-dated-500-s$seed" || exit 1
done
$AL simulate "$WORK/regional-dated-500-s1" "$WORK/regional-dated-500-s2" "$WORK/regional-dated-500-s3" \
    --out benchmarks/results/replay --weeks 26 --seeds 1 2 3 --time-limit 60
status=$?
rm -rf "$WORK"
exit $status
