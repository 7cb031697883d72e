#!/bin/sh
# Reproduce benchmarks/results/replay/, replay-notice/ and replay-protect/: sh benchmarks/replay.sh
# Three regional-dated instances (500 households, 26 weeks), each replayed with draw seeds 1-3
# under every policy, then under lookahead with travel dates known 7, 14 and 28 days ahead
# (simulate --notice-days), then under lookahead keeping large homes for families 2, 3 and 4
# persons larger (simulate --protect-gap); the runs are Dask tasks on a local cluster (one
# worker per core).
cd "$(dirname "$0")/.." || exit 1
AL=".venv/bin/allocation"
WORK="benchmarks/results/replay/instances"
mkdir -p "$WORK"
for seed in 1 2 3; do
    $AL generate --family regional-dated --households 500 --seed "$seed" --out "$WORK/regional-dated-500-s$seed" || exit 1
done
set -- "$WORK/regional-dated-500-s1" "$WORK/regional-dated-500-s2" "$WORK/regional-dated-500-s3"
$AL simulate "$@" --out benchmarks/results/replay --weeks 26 --seeds 1 2 3 --time-limit 60
status=$?
for days in 7 14 28; do
    $AL simulate "$@" --out "benchmarks/results/replay-notice/notice-$days" --weeks 26 --seeds 1 2 3 \
        --time-limit 60 --policy lookahead --notice-days "$days" || status=1
done
for gap in 2 3 4; do
    $AL simulate "$@" --out "benchmarks/results/replay-protect/gap-$gap" --weeks 26 --seeds 1 2 3 \
        --time-limit 60 --policy lookahead --protect-gap "$gap" || status=1
done
rm -rf "$WORK"
exit $status
