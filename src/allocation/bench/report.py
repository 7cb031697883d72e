"""The benchmark's outputs: results.csv, results.md with summary tables, PNG plots, growth fits."""

from __future__ import annotations

import csv
import math
import statistics
from collections import defaultdict
from pathlib import Path

from allocation.bench.harness import COLUMNS

SOLVED = ("optimal", "feasible")
CSV_NAME, MD_NAME = "results.csv", "results.md"
TIME_PLOT, HOUSED_PLOT = "time_vs_size.png", "housed_vs_greedy.png"
CACTUS_PLOT = "cactus.png"


def label(row: dict) -> str:
    """How a solver configuration is named in tables and legends: solver/config."""
    return f"{row['solver']}/{row['config']}"


def write_csv(rows: list[dict], path: Path) -> None:
    """One line per run, columns in COLUMNS order."""
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(COLUMNS))
        writer.writeheader()
        for row in rows:
            writer.writerow({c: _csv_value(row.get(c)) for c in COLUMNS})


def read_csv(path: Path) -> list[dict]:
    """Rows back from results.csv, numbers as numbers, so a report can be redrawn from a file."""
    numeric = {"size", "seed", "repeat", "persons_housed", "households_housed", "splits", "pins"}
    numeric |= {"shortfall", "away", "unused", "violations", "households", "dwellings", "municipalities"}
    floats = {"objective", "bound", "gap", "wall_s", "build_s", "peak_mb", "time_limit"}
    floats |= {"aggregate_s", "solve_s", "solver_s", "explain_s", "verify_s"}
    rows = []
    with path.open(newline="", encoding="utf-8") as f:
        for raw in csv.DictReader(f):
            row: dict = {}
            for k, v in raw.items():
                if v == "":
                    row[k] = None
                elif k in numeric:
                    row[k] = int(float(v))
                elif k in floats:
                    row[k] = float(v)
                elif k == "verified":
                    row[k] = v == "true"
                else:
                    row[k] = v
            rows.append(row)
    return rows


def merge_rows(earlier: list[dict], new: list[dict]) -> list[dict]:
    """Earlier rows followed by new ones; a new run replaces an earlier one of the same job."""

    def job(r: dict) -> tuple:
        return (r["instance"], r["solver"], r["config"], r.get("repeat"))

    fresh = {job(r) for r in new}
    return [r for r in earlier if job(r) not in fresh] + list(new)


def _csv_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.6g}"
    return "" if value is None else value


def median_times(
    rows: list[dict], statuses: tuple[str, ...] = SOLVED
) -> dict[tuple[str, str], dict[int, float]]:
    """Median wall seconds per (family, configuration) and size over seeds and repeats."""
    times: dict[tuple[str, str], dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        if r.get("status") in statuses and r.get("wall_s") is not None:
            times[(r["family"], label(r))][r["size"]].append(r["wall_s"])
    return {k: {n: statistics.median(v) for n, v in sorted(by.items())} for k, by in times.items()}


def finished(row: dict) -> bool:
    """The run ended on its own: proven optimal, or the greedy baseline (which has no limit to hit)."""
    return row.get("status") == "optimal" or (
        row.get("solver") == "greedy" and row.get("status") == "feasible"
    )


def fit_growth(rows: list[dict]) -> dict[tuple[str, str], tuple[float, int]]:
    """Least-squares slope of log(time) on log(size) per family and configuration: time ~ size^slope.

    Only finished runs count: a run stopped by the time limit measures the limit, not growth.
    """
    fits = {}
    for key, by_size in median_times([r for r in rows if finished(r)]).items():
        points = [(math.log(n), math.log(max(t, 1e-4))) for n, t in by_size.items()]
        if len(points) < 2:
            continue
        mx = statistics.fmean(x for x, _ in points)
        my = statistics.fmean(y for _, y in points)
        sxx = sum((x - mx) ** 2 for x, _ in points)
        sxy = sum((x - mx) * (y - my) for x, y in points)
        fits[key] = (sxy / sxx, len(points))
    return fits


def housed_ratios(rows: list[dict]) -> dict[str, dict[str, list[float]]]:
    """Persons housed divided by greedy's on the same instance, per family and configuration."""
    greedy = {
        r["instance"]: r["persons_housed"]
        for r in rows
        if r["solver"] == "greedy" and r.get("persons_housed") is not None and r.get("status") in SOLVED
    }
    ratios: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        base = greedy.get(r["instance"])
        if (
            r["solver"] == "greedy"
            or not base
            or r.get("persons_housed") is None
            or r["status"] not in SOLVED
        ):
            continue
        ratios[r["family"]][label(r)].append(r["persons_housed"] / base)
    return ratios


def _fmt(value, digits: int = 2) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if digits == 0:
            return f"{value:.0f}"
        return f"{value:.{digits}f}" if abs(value) < 1e6 else f"{value:.4g}"
    return str(value)


def markdown(rows: list[dict], meta: dict | None = None) -> str:
    """The results as markdown: context, every run, then time, speed, housed and growth summaries."""
    out: list[str] = ["# Benchmark results", ""]
    for key, value in (meta or {}).items():
        out.append(f"- {key}: {value}")
    if meta:
        out.append("")
    out += _runs_table(rows)
    out += _time_table(rows)
    out += _speed_table(rows)
    out += _housed_table(rows)
    out += _growth_table(rows)
    return "\n".join(out) + "\n"


def _table(header: list[str], body: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cells) + " |" for cells in body]
    return [*lines, ""]


def _runs_table(rows: list[dict]) -> list[str]:
    header = ["instance", "solver/config", "status", "persons housed", "splits", "gap", "wall s", "build s"]
    header += ["peak MB", "verified"]
    body = [
        [
            r["instance"],
            label(r),
            str(r.get("status")),
            _fmt(r.get("persons_housed")),
            _fmt(r.get("splits")),
            _fmt(r.get("gap"), 4),
            _fmt(r.get("wall_s")),
            _fmt(r.get("build_s")),
            _fmt(r.get("peak_mb"), 0),
            {True: "yes", False: f"no ({r.get('violations')})"}.get(r.get("verified"), ""),
        ]
        for r in rows
    ]
    return ["## Every run", "", *_table(header, body)]


def _time_table(rows: list[dict]) -> list[str]:
    """Median wall seconds by family and size, one column per configuration, with the worst status."""
    names = list(dict.fromkeys(label(r) for r in rows))
    cells: dict[tuple, list[dict]] = defaultdict(list)
    for r in rows:
        cells[(r["family"], r["size"], label(r))].append(r)
    keys = sorted({(r["family"], r["size"]) for r in rows})
    body = []
    for family, size in keys:
        line = [family, str(size)]
        for name in names:
            runs = cells.get((family, size, name), [])
            if not runs:
                line.append("")
                continue
            statuses = sorted({str(r["status"]) for r in runs}, key=_status_rank)
            times = [r["wall_s"] for r in runs if r.get("wall_s") is not None]
            line.append(f"{statistics.median(times):.2f} ({statuses[-1]})" if times else statuses[-1])
        body.append(line)
    intro = "Median wall seconds (model build included) and the worst status over seeds and repeats."
    return ["## Time by size", "", intro, "", *_table(["family", "size", *names], body)]


def _status_rank(status: str) -> int:
    order = ["optimal", "feasible", "unknown", "infeasible", "killed", "error"]
    return order.index(status) if status in order else len(order)


def _speed_table(rows: list[dict]) -> list[str]:
    """Per instance where the per-pair reference ran: its time and gap next to each class-based run."""
    pairwise = [r for r in rows if r["solver"] == "pairwise"]
    if not pairwise:
        return []
    by_instance: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        if r["solver"] not in ("pairwise", "greedy"):
            by_instance[r["instance"]].append(r)
    body = []
    for p in pairwise:
        for c in by_instance.get(p["instance"], []):
            ratio = (p["wall_s"] / c["wall_s"]) if p.get("wall_s") and c.get("wall_s") else None
            # A reference stopped by the limit would have needed longer: the ratio is a lower bound.
            at_least = "≥ " if p.get("status") != "optimal" and c.get("status") == "optimal" else ""
            body.append(
                [
                    p["instance"],
                    label(c),
                    f"{_fmt(c.get('wall_s'))} ({c.get('status')})",
                    f"{_fmt(p.get('wall_s'))} ({p.get('status')})",
                    _fmt(p.get("gap"), 4),
                    "" if ratio is None else f"{at_least}{ratio:.1f}x",
                    _fmt(c.get("persons_housed")),
                    _fmt(p.get("persons_housed")),
                ]
            )
    header = ["instance", "class-based", "class-based s", "per-pair s", "per-pair gap", "speed ratio"]
    header += ["persons (class)", "persons (per-pair)"]
    intro = (
        "Same instance, same time limit: the per-pair CP-SAT reference against the class-based model. "
        "Speed ratio = per-pair wall time / class-based wall time; '≥' where the reference stopped "
        "at the limit without proving its plan optimal."
    )
    return ["## Per-pair reference against the class-based model", "", intro, "", *_table(header, body)]


def _housed_table(rows: list[dict]) -> list[str]:
    """Persons housed against greedy per family: lowest and mean ratio over sizes and seeds."""
    ratios = housed_ratios(rows)
    if not ratios:
        return []
    body = []
    for family in sorted(ratios):
        for name, values in ratios[family].items():
            body.append(
                [
                    family,
                    name,
                    str(len(values)),
                    f"{min(values):.3f}",
                    f"{statistics.fmean(values):.3f}",
                    "yes" if min(values) >= 1.0 else "NO",
                ]
            )
    header = ["family", "solver/config", "runs", "lowest ratio", "mean ratio", "never below greedy"]
    intro = "Persons housed divided by the greedy baseline's on the same instance."
    return ["## Persons housed against greedy", "", intro, "", *_table(header, body)]


def _growth_table(rows: list[dict]) -> list[str]:
    fits = fit_growth(rows)
    if not fits:
        return []
    body = [[family, name, f"{slope:.2f}", str(n)] for (family, name), (slope, n) in sorted(fits.items())]
    intro = (
        "Least-squares fit of log(median wall time) on log(size) over runs that finished "
        "(proven optimal; greedy always finishes): time grows as size^exponent."
    )
    header = ["family", "solver/config", "exponent", "sizes"]
    return ["## Growth of time with size", "", intro, "", *_table(header, body)]


def plot_time(rows: list[dict], path: Path) -> None:
    """Log-log plots of median wall time against households: one panel per family, a line per config."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fits = fit_growth(rows)
    medians = median_times(rows)
    proven = median_times([r for r in rows if finished(r)])
    names = sorted({name for _, name in medians})
    colours = {name: f"C{i % 10}" for i, name in enumerate(names)}
    families = list(dict.fromkeys(f for f, _ in medians))
    cols = min(len(families), 3)
    rows_n = math.ceil(len(families) / cols)
    fig, axes = plt.subplots(rows_n, cols, figsize=(6 * cols, 4 * rows_n), squeeze=False)
    for ax, family in zip(axes.flat, families, strict=False):
        for (fam, name), by_size in medians.items():
            if fam != family:
                continue
            slope = fits.get((fam, name))
            legend = name + (f" (~size^{slope[0]:.2f})" if slope else "")
            colour = colours[name]
            ax.plot(list(by_size), list(by_size.values()), color=colour, label=legend)
            done = proven.get((fam, name), {})
            stopped = {n: t for n, t in by_size.items() if n not in done}
            ax.plot(list(done), list(done.values()), "o", color=colour)
            ax.plot(list(stopped), list(stopped.values()), "o", mfc="none", color=colour)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("households")
        ax.set_ylabel("wall seconds (median, build included)")
        ax.set_title(f"{family}: time against size (open: stopped by the limit)", fontsize=9)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7)
    for ax in list(axes.flat)[len(families) :]:
        ax.set_visible(False)
    fig.tight_layout()
    fig.savefig(path, dpi=80)
    plt.close(fig)


def plot_housed(rows: list[dict], path: Path) -> None:
    """Bars per family: lowest persons-housed ratio against greedy for each configuration."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ratios = housed_ratios(rows)
    families = sorted(ratios)
    names = list(dict.fromkeys(n for f in families for n in ratios[f]))
    fig, ax = plt.subplots(figsize=(9, 4.5))
    width = 0.8 / max(len(names), 1)
    for i, name in enumerate(names):
        xs = [j + i * width for j in range(len(families))]
        ys = [min(ratios[f][name]) if ratios[f].get(name) else 0 for f in families]
        bars = ax.bar(xs, ys, width=width, label=name)
        ax.bar_label(bars, labels=[f"{y:.2f}" if y else "" for y in ys], fontsize=6, rotation=90, padding=2)
    ax.axhline(1.0, color="black", linewidth=1)
    ax.set_xticks([j + width * (len(names) - 1) / 2 for j in range(len(families))])
    ax.set_xticklabels(families, rotation=20)
    ax.set_ylabel("persons housed / greedy (lowest)")
    low = min((min(v) for f in families for v in ratios[f].values()), default=1.0)
    high = max((max(v) for f in families for v in ratios[f].values()), default=1.0)
    ax.set_ylim(min(0.95, low - 0.02), high + 0.08)
    ax.set_title("Persons housed against the greedy baseline (lowest ratio over the family's instances)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def cactus_series(rows: list[dict]) -> dict[str, list[float]]:
    """Per solver/config, the wall times of its finished runs in ascending order (a cactus line)."""
    series: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        if finished(r) and r.get("wall_s") is not None:
            series[label(r)].append(float(r["wall_s"]))
    return {name: sorted(times) for name, times in sorted(series.items())}


def plot_cactus(rows: list[dict], path: Path) -> None:
    """Cactus plot: runs finished (y) within a given wall time (x), one line per solver/config."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.5))
    for name, times in cactus_series(rows).items():
        ax.step(times, range(1, len(times) + 1), where="post", label=f"{name} ({len(times)})")
    ax.set_xscale("log")
    ax.set_xlabel("wall seconds per run (build included)")
    ax.set_ylabel("runs finished within that time")
    ax.set_title("Cactus plot: every finished run of results.csv (further right and lower is slower)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)


def write_report(rows: list[dict], out_dir: Path, meta: dict | None = None) -> list[Path]:
    """results.csv, results.md and the plots into out_dir; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [out_dir / CSV_NAME, out_dir / MD_NAME]
    write_csv(rows, written[0])
    written[1].write_text(markdown(rows, meta), encoding="utf-8")
    if median_times(rows):
        plot_time(rows, out_dir / TIME_PLOT)
        written.append(out_dir / TIME_PLOT)
    if housed_ratios(rows):
        plot_housed(rows, out_dir / HOUSED_PLOT)
        written.append(out_dir / HOUSED_PLOT)
    if cactus_series(rows):
        plot_cactus(rows, out_dir / CACTUS_PLOT)
        written.append(out_dir / CACTUS_PLOT)
    return written
