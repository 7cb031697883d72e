"""`allocation generate`: write a synthetic scenario folder (or workbook) with realistic families."""

from __future__ import annotations

import argparse
import sys

from allocation.commands import at_least, folder_name
from allocation.generate import FAMILIES, generate, generate_family
from allocation.scenario import Scenario

DEFAULT_MUNICIPALITIES = 20
DEFAULT_REGIONS = 2
DEFAULT_SEED = 1


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `generate` subcommand."""
    parser = subparsers.add_parser(
        "generate",
        help="write a synthetic scenario with realistic family compositions",
        description=(
            "Write a synthetic scenario (a folder of four CSV files, or an .xlsx workbook when OUT "
            "ends in .xlsx). The same arguments always give byte-identical CSV files."
        ),
    )
    parser.add_argument("--households", type=at_least(1), required=True, metavar="N")
    parser.add_argument("--dwellings", type=at_least(1), metavar="N", help="default: as many as households")
    parser.add_argument(
        "--municipalities", type=at_least(1), metavar="N", help=f"default: {DEFAULT_MUNICIPALITIES}"
    )
    parser.add_argument("--regions", type=at_least(0), metavar="N", help=f"default: {DEFAULT_REGIONS}")
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, metavar="N", help=f"default: {DEFAULT_SEED}"
    )
    parser.add_argument(
        "--family",
        choices=list(FAMILIES),
        metavar="NAME",
        help="benchmark instance family; sizes not given default from it: " + ", ".join(FAMILIES),
    )
    parser.add_argument(
        "--dated",
        action="store_true",
        help="families at TVS steps with step dates, homes free over --weeks (for simulate)",
    )
    parser.add_argument(
        "--weeks",
        type=at_least(1),
        metavar="N",
        help="weeks over which the homes of a --dated scenario come free (default: 26)",
    )
    parser.add_argument(
        "--out", required=True, type=folder_name, metavar="DIR", help="scenario folder (or .xlsx) to write"
    )
    parser.set_defaults(run=run, parser=parser)


def build(args: argparse.Namespace) -> Scenario:
    """The scenario the arguments ask for; ValueError names a bad combination."""
    sizes = {
        key: getattr(args, key)
        for key in ("dwellings", "municipalities", "regions")
        if getattr(args, key) is not None
    }
    if args.weeks is not None and not args.dated:
        raise ValueError("--weeks needs --dated")
    params: dict[str, object] = {"dated": True} if args.dated else {}
    if args.weeks is not None:
        params["weeks"] = args.weeks
    if args.family:
        return generate_family(args.family, args.households, args.seed, **sizes, **params)
    municipalities = sizes.get("municipalities", DEFAULT_MUNICIPALITIES)
    return generate(
        households=args.households,
        dwellings=sizes.get("dwellings", args.households),
        municipalities=municipalities,
        regions=sizes.get("regions", min(DEFAULT_REGIONS, municipalities)),
        seed=args.seed,
        **params,
    )


def run(args: argparse.Namespace) -> int:
    """Generate, write, and print one summary line."""
    from allocation.io import write_scenario

    try:
        scenario = build(args)
    except ValueError as err:
        args.parser.error(str(err))
    try:
        write_scenario(scenario, args.out)
    except OSError as err:
        print(f"allocation generate: cannot write {args.out}: {err.strerror or err}", file=sys.stderr)
        return 1
    regions = len({m.region for m in scenario.municipalities if m.region})
    family = f"family {args.family}, " if args.family else ""
    if scenario.policy.planning_date is not None:
        family += f"dated from {scenario.policy.planning_date}, "
    print(
        f"wrote {args.out}: {_count(len(scenario.households), 'household')} "
        f"({_count(len(scenario.persons), 'person')}), {_count(len(scenario.dwellings), 'dwelling')}, "
        f"{_count(len(scenario.municipalities), 'municipality', 'municipalities')} "
        f"in {_count(regions, 'region')} ({family}seed {args.seed})"
    )
    return 0


def _count(n: int, one: str, many: str | None = None) -> str:
    """'1 region', '4 regions'."""
    return f"{n} {one if n == 1 else many or one + 's'}"
