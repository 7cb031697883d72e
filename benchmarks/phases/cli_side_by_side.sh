#!/bin/sh
# Whole `allocation solve` processes of two checkouts, alternating, with each run's own phase times:
#   sh benchmarks/phases/cli_side_by_side.sh OLD_CHECKOUT NEW_CHECKOUT SCENARIO REPEATS [SOLVE ARGS...]
# e.g. sh benchmarks/phases/cli_side_by_side.sh /tmp/old . /tmp/natd 3 --deterministic
# Prints per run one line: side, wall/user/sys/peak (/usr/bin/time), then status (and, in a re-plan,
# the households changed) and phase_seconds
# from the plan's summary.json. Unlike side_by_side.sh this goes through the command as a user runs
# it (a dated scenario is planned with time, up to the horizon).
old=$1 new=$2 scenario=$3 repeats=${4:-3}
shift 4
py=${PYTHON:-.venv/bin/python}
out=$(mktemp -d)
i=0
while [ "$i" -lt "$repeats" ]; do
    for side in old new; do
        dir=$old; [ "$side" = new ] && dir=$new
        rm -rf "$out/plan"
        printf '%s ' "$side"
        /usr/bin/time -f '{"wall": %e, "user": %U, "sys": %S, "max_rss_kb": %M}' env PYTHONPATH="$dir/src" "$py" \
            -m allocation.cli solve "$scenario" --out "$out/plan" --quiet "$@" 2>&1 >/dev/null | tail -1 | tr '\n' ' '
        "$py" -c 'import json, sys; s = json.load(open(sys.argv[1]))
changed = {"changed": s["households_changed"]} if "households_changed" in s else {}
print(json.dumps({"status": s["status"], "persons": s["persons_housed"], **changed, **s.get("phase_seconds", {})}))' \
            "$out/plan/summary.json"
    done
    i=$((i + 1))
done
rm -rf "$out"
