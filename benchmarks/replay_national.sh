#!/bin/sh
# Reproduce benchmarks/results/replay-national/: sh benchmarks/replay_national.sh 1; sh benchmarks/replay_national.sh 2 3;
# NOTICE=14 sh benchmarks/replay_national.sh 1; POLICY=lookahead PROTECT=0 sh benchmarks/replay_national.sh 1
# One national-dated instance (25,000 households, 342 municipalities, homes free over 26 weeks),
# replayed under every policy with the given draw seeds, 600 s per solve so that the hindsight
# solve of the whole period has time; Dask tasks on a local cluster (one worker per core). Writes
# benchmarks/results/replay-national/seeds-S1-S2.../. About 8-9 minutes per seed on 2 cores.
cd "$(dirname "$0")/.." || exit 1
[ $# -gt 0 ] || set -- 1
AL=".venv/bin/allocation"
WORK="benchmarks/results/replay-national/instances"
OUT="benchmarks/results/replay-national/seeds-$(echo "$@" | tr ' ' '-')"
# NOTICE=D: lookahead only, travel dates known D days ahead (simulate --notice-days), into OUT-notice-D
ONLY=""
if [ -n "${NOTICE:-}" ]; then
    OUT="$OUT-notice-$NOTICE"
    ONLY="--policy lookahead --notice-days $NOTICE"
fi
# POLICY=P: that policy only, into OUT-P; PROTECT=N: lookahead keeps homes for families N persons
# larger (simulate --protect-gap; 0: never), into OUT-protect-N
if [ -n "${POLICY:-}" ]; then
    OUT="$OUT-$POLICY"
    ONLY="$ONLY --policy $POLICY"
fi
if [ -n "${PROTECT:-}" ]; then
    OUT="$OUT-protect-$PROTECT"
    ONLY="$ONLY --protect-gap $PROTECT"
fi
mkdir -p "$WORK"
$AL generate --family national-dated --households 25000 --seed 1 --out "$WORK/national-dated-25000-s1" || exit 1
# shellcheck disable=SC2086
$AL simulate "$WORK/national-dated-25000-s1" --out "$OUT" --weeks 26 --seeds "$@" --time-limit 600 $ONLY
status=$?
rm -rf "$WORK"
exit $status
