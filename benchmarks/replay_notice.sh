#!/bin/sh
# Reproduce benchmarks/results/replay-notice/: sh benchmarks/replay_notice.sh
# What earlier notice of travel is worth: the three regional-dated instances of replay.sh, replayed
# with draw seeds 1-3 under lookahead with each family's travel date known 7, 14 and 28 days before
# it arrives (simulate --notice-days); hindsight and lookahead without notice are in results/replay/.
cd "$(dirname "$0")/.." || exit 1
AL=".venv/bin/allocation"
WORK="benchmarks/results/replay-notice/instances"
mkdir -p "$WORK"
for seed in 1 2 3; do
    $AL generate --family regional-dated --households 500 --seed "$seed" --out "$WORK/regional-dated-500-s$seed" || exit 1
done
status=0
for days in 7 14 28; do
    $AL simulate "$WORK/regional-dated-500-s1" "$WORK/regional-dated-500-s2" "$WORK/regional-dated-500-s3" \
        --out "benchmarks/results/replay-notice/notice-$days" --weeks 26 --seeds 1 2 3 --time-limit 60 \
        --policy lookahead --notice-days "$days" || status=1
done
rm -rf "$WORK"
exit $status
