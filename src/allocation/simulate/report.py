"""simulate's output: results.csv, quota.csv, weekly.csv, results.md and two PNG plots."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from allocation.simulate.metrics import COLUMNS, QUOTA_COLUMNS, SIZE_CLASSES
from allocation.simulate.replay import POLICIES

FILES = ("results.csv", "quota.csv", "weekly.csv", "results.md", "wait_days.png", "quota_fulfilment.png")


def sort_key(row: dict) -> tuple:
    """Rows in a fixed order (instance, policy as listed in POLICIES, seed), whatever ran first."""
    order = POLICIES.index(row["policy"]) if row["policy"] in POLICIES else len(POLICIES)
    return (row["instance"], order, row["seed"])


def write_csv(rows: list[dict], columns: tuple[str, ...], path: Path) -> None:
    """One CSV file with these columns; empty cells for missing values."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: "" if row.get(c) is None else row[c] for c in columns})


def _fmt(value: object, digits: int = 1) -> str:
    if value is None or value == "":
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _mean(values: list[float]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def markdown(rows: list[dict], meta: dict[str, str]) -> str:
    """results.md: how it ran, a per-policy summary against hindsight, and every run."""
    lines = ["# Replay results", ""]
    lines += [f"- {key}: {value}" for key, value in meta.items()]
    lines += ["", "## Per policy (mean over seeds)", ""]
    header = ["instance", "policy", "persons housed", "% of hindsight", "mean wait", "x hindsight"]
    header += ["p90 wait", "vacancy days", "quota end", "re-plan changes", "violations"]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        groups[(row["instance"], row["policy"])].append(row)
    for (instance, policy), runs in sorted(groups.items(), key=lambda item: sort_key(item[1][0])):
        best = groups.get((instance, "hindsight"), [])
        persons = _mean([r["persons_housed"] for r in runs])
        wait = _mean([r["wait_mean"] for r in runs])
        best_persons = _mean([r["persons_housed"] for r in best])
        best_wait = _mean([r["wait_mean"] for r in best])
        share = 100 * persons / best_persons if persons is not None and best_persons else None
        ratio = wait / best_wait if wait is not None and best_wait else None
        cells = [instance, policy, _fmt(persons), _fmt(share), _fmt(wait), _fmt(ratio, 2)]
        cells += [_fmt(_mean([r["wait_p90"] for r in runs]))]
        cells += [_fmt(_mean([r["vacancy_days"] for r in runs]), 0)]
        cells += [_fmt(_mean([r["quota_fulfilment_end"] for r in runs]), 3)]
        cells += [
            _fmt(_mean([r["replan_changes"] for r in runs]), 0),
            str(sum(r["violations"] for r in runs)),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "## Every run", ""]
    header = ["instance", "policy", "seed", "arrived", "housed", "persons", "waiting at end"]
    header += ["wait mean", "p50", "p90", *(f"wait {name}" for name, _, _ in SIZE_CLASSES)]
    header += ["vacancy days", "quota end", "status", "solve s"]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in rows:
        cells = [r["instance"], r["policy"], str(r["seed"]), str(r["arrived"]), str(r["households_housed"])]
        cells += [str(r["persons_housed"]), str(r["waiting_at_end"])]
        cells += [_fmt(r["wait_mean"]), _fmt(r["wait_p50"], 0), _fmt(r["wait_p90"], 0)]
        cells += [_fmt(r[f"wait_mean_{name}"]) for name, _, _ in SIZE_CLASSES]
        cells += [str(r["vacancy_days"]), _fmt(r["quota_fulfilment_end"], 3), r["status"], _fmt(r["solve_s"])]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "Wait: days from arrival to moving in, over the families housed; vacancy: days the homes "
        "they moved into stood empty first. announced_changes is 0 in every run: the replay "
        "announces a home only in the week the family moves in; re-plan changes counts families "
        "whose planned home differed from the week before.",
        "",
    ]
    return "\n".join(lines)


def plot_waits(results: list[dict], path: Path) -> None:
    """Wait-days distribution per policy (all seeds and instances together)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    waits: dict[str, list[int]] = defaultdict(list)
    for result in results:
        waits[result["row"]["policy"]].extend(result["waits"])
    policies = [p for p in POLICIES if p in waits]
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.boxplot([waits[p] or [0] for p in policies], showmeans=True)
    ax.set_xticks(range(1, len(policies) + 1), policies)
    ax.set_ylabel("days from arrival to moving in")
    ax.set_title("Reception wait per policy")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def plot_quota(results: list[dict], path: Path) -> None:
    """Summed taakstelling fulfilment at each week's date, mean over seeds, one line per policy."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    series: dict[str, list[list[float]]] = defaultdict(list)
    for result in results:
        series[result["row"]["policy"]].append(result["weekly"])
    fig, ax = plt.subplots(figsize=(7, 4))
    for policy in [p for p in POLICIES if p in series]:
        runs = series[policy]
        weeks = min(len(r) for r in runs)
        ax.plot(range(weeks), [sum(r[w] for r in runs) / len(runs) for w in range(weeks)], label=policy)
    ax.set_xlabel("week")
    ax.set_ylabel("share of the taakstelling housed")
    ax.set_title("Quota fulfilment over the weeks")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def write_report(results: list[dict], out: Path, meta: dict[str, str]) -> list[Path]:
    """Write every output file into `out`; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    results = sorted(results, key=lambda r: sort_key(r["row"]))
    rows = [r["row"] for r in results]
    write_csv(rows, COLUMNS, out / "results.csv")
    write_csv([q for r in results for q in r["quota"]], QUOTA_COLUMNS, out / "quota.csv")
    weekly = [
        {"instance": r["row"]["instance"], "policy": r["row"]["policy"], "seed": r["row"]["seed"]}
        | {"week": w, "fulfilment": value}
        for r in results
        for w, value in enumerate(r["weekly"])
    ]
    write_csv(weekly, ("instance", "policy", "seed", "week", "fulfilment"), out / "weekly.csv")
    (out / "results.md").write_text(markdown(rows, meta), encoding="utf-8")
    plot_waits(results, out / "wait_days.png")
    plot_quota(results, out / "quota_fulfilment.png")
    return [out / name for name in FILES]
