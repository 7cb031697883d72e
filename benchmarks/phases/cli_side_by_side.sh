#!/bin/sh
# Whole `allocation solve` processes of two checkouts, alternating, with each run's own phase times:
#   sh benchmarks/phases/cli_side_by_side.sh OLD_CHECKOUT NEW_CHECKOUT SCENARIO REPEATS [SOLVE ARGS...]
# e.g. sh benchmarks/phases/cli_side_by_side.sh /tmp/old . /tmp/natd 3 --deterministic
# Prints per run one line: side, wall/user/sys/peak (/usr/bin/time), then status (and, in a re-plan,
# the households changed) and phase_seconds
# from the plan's summary.json. Unlike side_by_side.sh this goes through the command as a user runs
# it (a dated scenario is planned with time, up to the horizon).
# PAIRED=1 runs the two sides at the same time, one per core, so that both see the same machine:
# on a noisy machine the pairs compare where alternating runs do not (both run slower than alone).
old=$1 new=$2 scenario=$3 repeats=${4:-3}
shift 4
py=${PYTHON:-.venv/bin/python}
out=$(mktemp -d)

one() { # SIDE CHECKOUT [SOLVE ARGS...]: one solve, its line written to $out/SIDE.line
    side=$1 dir=$2
    shift 2
    rm -rf "$out/$side"
    {
        printf '%s ' "$side"
        /usr/bin/time -f '{"wall": %e, "user": %U, "sys": %S, "max_rss_kb": %M}' env PYTHONPATH="$dir/src" "$py" \
            -m allocation.cli solve "$scenario" --out "$out/$side" --quiet "$@" 2>&1 >/dev/null | tail -1 | tr '\n' ' '
        "$py" -c 'import json, sys; s = json.load(open(sys.argv[1]))
changed = {"changed": s["households_changed"]} if "households_changed" in s else {}
print(json.dumps({"status": s["status"], "persons": s["persons_housed"], **changed, **s.get("phase_seconds", {})}))' \
            "$out/$side/summary.json"
    } >"$out/$side.line"
}

i=0
while [ "$i" -lt "$repeats" ]; do
    if [ -n "$PAIRED" ]; then
        one old "$old" "$@" &
        one new "$new" "$@"
        wait
    else
        one old "$old" "$@"
        one new "$new" "$@"
    fi
    cat "$out/old.line" "$out/new.line"
    i=$((i + 1))
done
rm -rf "$out"
