#!/bin/sh
# Reproduce benchmarks/results/ with one command: sh benchmarks/run.sh
# Instances are regenerated from (family, size, seed); every run is verified. Takes about 30 minutes
# on a 2-core machine. Each step appends to results.csv and redraws results.md and the plots.
set -e
cd "$(dirname "$0")/.."
BENCH=".venv/bin/allocation bench --configs benchmarks/configs --time-limit 60 --out benchmarks/results"
rm -f benchmarks/results/results.csv

# 1. Scaling on the national family, 100 to 25,000 households: every solver; the per-pair
#    reference up to its cap of 2,000 households.
$BENCH --family national --sizes 100 300 1000 3000 10000 25000 --pairwise-max-size 1000

# 2. Every family at 300 and 3,000 households: persons housed against greedy, per-pair at 300.
$BENCH --append --family regional province large-families tight-quota scarce-stock pinned \
    --sizes 300 3000 --solvers highs greedy pairwise --pairwise-max-size 300
