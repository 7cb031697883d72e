#!/bin/sh
# Reproduce benchmarks/results/ with one command: sh benchmarks/run.sh
# Instances are regenerated from (family, size, seed); every plan is verified. Takes about 30
# minutes on a 2-core machine. Each step appends to results.csv and redraws results.md and plots.
# --serial: one run at a time, so no two solves share the cores while they are timed.
cd "$(dirname "$0")/.." || exit 1
BENCH=".venv/bin/allocation bench --serial --configs benchmarks/configs --time-limit 60 --kill-after 600 --out benchmarks/results"
rm -f benchmarks/results/results.csv benchmarks/results/results.md
status=0

# 1. Scaling on the national family, 100 to 10,000 households, every solver; the per-pair
#    reference up to 1,000 households (beyond that it only reaches the time limit).
$BENCH --family national --sizes 100 300 1000 3000 10000 --pairwise-max-size 1000 || status=1

# 2. The national family at 25,000 households, every solver, three repetitions.
$BENCH --append --family national --sizes 25000 --repeat 3 || status=1

# 3. Every other family at 300 and 3,000 households, seeds 1 and 2: persons housed against
#    greedy; the per-pair reference at 300.
$BENCH --append --family regional province large-families tight-quota scarce-stock pinned \
    --sizes 300 3000 --seeds 1 2 --solvers highs greedy pairwise --pairwise-max-size 300 || status=1

# 4. The per-pair reference at its cap, 2,000 households, against HiGHS.
$BENCH --append --family regional national --sizes 2000 --solvers highs pairwise || status=1

# 5. Tuning variants on the national family (configs/tuning), 20 s limit.
.venv/bin/allocation bench --serial --configs benchmarks/configs/tuning --family national --sizes 3000 10000 \
    --solvers highs cpsat --time-limit 20 --out benchmarks/results/tuning || status=1

# 6. Rules v2 against the v1 objective order and split rule (configs/orders), and against greedy.
.venv/bin/allocation bench --serial --configs benchmarks/configs/orders --family national --sizes 25000 \
    --solvers highs greedy --time-limit 120 --out benchmarks/results/orders/national || status=1
.venv/bin/allocation bench --serial --configs benchmarks/configs/orders --family regional province \
    large-families tight-quota scarce-stock pinned --sizes 3000 --solvers highs greedy --time-limit 120 \
    --out benchmarks/results/orders/families || status=1

exit $status
