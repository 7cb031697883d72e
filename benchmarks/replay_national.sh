#!/bin/sh
# Reproduce benchmarks/results/replay-national/: sh benchmarks/replay_national.sh [SEEDS...]
# One national-dated instance (25,000 households, 342 municipalities, homes free over 26 weeks),
# replayed under every policy with the given draw seeds (default: 1), 600 s per solve so that the
# hindsight solve of the whole period has time; Dask tasks on a local cluster (one worker per core).
# About 9 minutes for one seed on a 2-core machine.
cd "$(dirname "$0")/.." || exit 1
AL=".venv/bin/allocation"
WORK="benchmarks/results/replay-national/instances"
mkdir -p "$WORK"
$AL generate --family national-dated --households 25000 --seed 1 --out "$WORK/national-dated-25000-s1" || exit 1
# shellcheck disable=SC2068
$AL simulate "$WORK/national-dated-25000-s1" --out benchmarks/results/replay-national --weeks 26 \
    --seeds ${@:-1} --time-limit 600
status=$?
rm -rf "$WORK"
exit $status
