#!/bin/sh
# A weekly re-plan of the national dated instance: sh benchmarks/replan.sh [TIME_LIMIT]
# Week 1 (planning date 2026-01-01) is solved without a previous plan; week 2 (2026-01-08, the same
# families and homes a week on) is re-planned with --previous week 1. Prints both summaries.
cd "$(dirname "$0")/.." || exit 1
AL=".venv/bin/allocation"
LIMIT="${1:-300}"
WORK="$(mktemp -d)"
$AL generate --family national-dated --households 25000 --seed 7 --out "$WORK/week1" || exit 1
cp -r "$WORK/week1" "$WORK/week2"
echo 'planning_date = 2026-01-08' > "$WORK/week2/policy.toml"
for week in 1 2; do
    previous=""
    [ "$week" = 2 ] && previous="--previous $WORK/plan1"
    start=$(date +%s.%N)
    # shellcheck disable=SC2086
    $AL solve "$WORK/week$week" --out "$WORK/plan$week" --time-limit "$LIMIT" --json --quiet $previous \
        > "$WORK/summary$week.json" 2>/dev/null || exit 1
    end=$(date +%s.%N)
    echo "week $week: $(echo "$end - $start" | bc) s wall"
    cat "$WORK/summary$week.json"
done
rm -rf "$WORK"
