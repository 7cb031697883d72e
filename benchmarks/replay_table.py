"""Print the replay table of benchmarks/README.md from simulate's results.csv files.

    python benchmarks/replay_table.py HINDSIGHT_CSV [CSV ...]

Rows are means over the runs of each policy (and notice, and gap of kept homes); "% of hindsight"
and "x hindsight" are taken per run against the hindsight run of HINDSIGHT_CSV with the same
instance and seed, and given with their range over the runs.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path
from statistics import mean

HEADER = (
    "| policy | persons housed | % of hindsight's persons | mean wait (days) | x hindsight | p50 wait "
    "| p90 wait | mean wait, 7+ persons | vacancy days | quota fulfilment at end | re-plan changes "
    "| verifier violations |"
)
ORDER = ("greedy", "snapshot", "lookahead", "hindsight")


def read(path: Path) -> list[dict[str, str]]:
    """The rows of one results.csv."""
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def variant(row: dict[str, str]) -> tuple[int, int]:
    """The run's notice of travel dates and gap of kept homes (0 in files from before either)."""
    return int(row.get("notice_days") or 0), int(row.get("protect_gap") or 0)


def label(row: dict[str, str]) -> str:
    """The policy, with the notice of travel dates and the kept homes when the run had them."""
    notice, gap = variant(row)
    return (
        row["policy"]
        + (f", travel dates known {notice} days ahead" if notice else "")
        + (f", homes kept for families {gap} persons larger" if gap else "")
    )


def spread(values: list[float], digits: int) -> str:
    """Mean (min-max)."""
    return f"{mean(values):.{digits}f} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def table(hindsight_csv: Path, paths: list[Path]) -> str:
    """The markdown table: one line per policy and variant, in ORDER then by notice and gap."""
    bound = {(r["instance"], r["seed"]): r for r in read(hindsight_csv) if r["policy"] == "hindsight"}
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    seen: set[tuple[str, ...]] = set()
    for path in paths:
        for row in read(path):
            key = (row["instance"], row["policy"], row["seed"], *map(str, variant(row)))
            if key not in seen:  # the same run read twice counts once
                seen.add(key)
                groups[label(row)].append(row)
    lines = [HEADER, "|---|" + "---:|" * 11]
    ordered = sorted(
        groups.items(),
        key=lambda item: (ORDER.index(item[1][0]["policy"]), variant(item[1][0])),
    )
    for name, rows in ordered:
        against = [bound[(r["instance"], r["seed"])] for r in rows]
        share = [
            100 * int(r["persons_housed"]) / int(h["persons_housed"])
            for r, h in zip(rows, against, strict=True)
        ]
        times = [float(r["wait_mean"]) / float(h["wait_mean"]) for r, h in zip(rows, against, strict=True)]

        def avg(column: str, digits: int = 1, rows: list[dict[str, str]] = rows) -> str:
            return f"{mean(float(r[column]) for r in rows):.{digits}f}"

        cells = [
            name,
            avg("persons_housed", 0),
            "100.0" if name == "hindsight" else spread(share, 1),
            avg("wait_mean"),
            "1.00" if name == "hindsight" else spread(times, 2),
            avg("wait_p50", 0),
            avg("wait_p90", 0),
            avg("wait_mean_7+"),
            avg("vacancy_days", 0),
            avg("quota_fulfilment_end", 3),
            avg("replan_changes", 0),
            str(sum(int(r["violations"]) for r in rows)),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    first = Path(sys.argv[1])
    print(table(first, [first, *map(Path, sys.argv[2:])]))
