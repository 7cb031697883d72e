#!/bin/sh
# Before/after phase table, both commits on the same instance, runs alternating so load hits both:
#   sh benchmarks/phases/side_by_side.sh OLD_CHECKOUT NEW_CHECKOUT SCENARIO SOLVER REPEATS
# e.g. git worktree add /tmp/old 56cd0f7; allocation generate --family national --households 25000
#   --seed 7 --out /tmp/nat25k-v2; sh benchmarks/phases/side_by_side.sh /tmp/old . /tmp/nat25k-v2 highs 3
# Besides the phases, the whole `allocation solve` process is timed with /usr/bin/time.
old=$1 new=$2 scenario=$3 solver=$4 repeats=${5:-3}
py=${PYTHON:-.venv/bin/python}
here="$(cd "$(dirname "$0")" && pwd)"
i=0
while [ "$i" -lt "$repeats" ]; do
    for side in old new; do
        dir=$old; [ "$side" = new ] && dir=$new
        printf '%s phases ' "$side"; PYTHONPATH="$dir/src" "$py" "$here/phases.py" "$scenario" "$solver"
        printf '%s process ' "$side"
        /usr/bin/time -f '{"wall": %e, "user": %U, "sys": %S, "max_rss_kb": %M}' env PYTHONPATH="$dir/src" "$py" -m allocation.cli \
            solve "$scenario" --out /tmp/phases-cli --quiet --solver "$solver" 2>&1 >/dev/null | tail -1
    done
    i=$((i + 1))
done
