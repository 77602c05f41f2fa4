"""Command line: ``klimatkalk calculate``, ``klimatkalk factors …`` and ``klimatkalk report``.

Exit codes: 0 every row calculated; 1 some rows rejected (the result is still written, and the
rejected rows are listed and written next to it); 2 the input or the factor data cannot be read,
or a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from klimatkalk.errors import KlimatkalkError

if TYPE_CHECKING:
    from klimatkalk.activity_data import ActivityTable
    from klimatkalk.factors.library import FactorTable
    from klimatkalk.results import EmissionsResult

__all__ = ["main"]

EXIT_OK, EXIT_REJECTED, EXIT_ERROR = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return EXIT_ERROR
    try:
        code: int = args.run(args)
    except (KlimatkalkError, OSError) as exc:
        print(f"klimatkalk: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="klimatkalk",
        description="Climate accounting (klimatredovisning) with sourced emission factors.",
    )
    sub = parser.add_subparsers(title="commands")

    calc = sub.add_parser("calculate", help="calculate emissions of an activity file")
    calc.add_argument(
        "activities",
        type=Path,
        nargs="+",
        help="activity data (.csv or .xlsx; several files are combined)",
    )
    _input_options(calc)
    _factor_options(calc)
    _calculation_options(calc)
    calc.add_argument(
        "-o",
        "--output",
        type=Path,
        help="write the calculated rows here (.csv); rejected rows go beside it",
    )
    calc.set_defaults(run=_run_calculate)

    rep = sub.add_parser("report", help="write the yearly report (xlsx, html, md, png)")
    rep.add_argument(
        "activities",
        type=Path,
        nargs="*",
        help="activity data (.csv or .xlsx; several files are combined); the bundled example "
        "region if omitted",
    )
    _input_options(rep)
    rep.add_argument("--year", type=int, help="reporting year (default: latest year in the data)")
    rep.add_argument("--base-year", type=int, default=2019)
    rep.add_argument(
        "--target", type=float, default=0.5, help="reduction by the target year (0.5 = -50 %%)"
    )
    rep.add_argument("--target-year", type=int, default=2030)
    rep.add_argument("--lang", choices=["sv", "en"], default="sv")
    rep.add_argument("--organisation")
    rep.add_argument("--title")
    rep.add_argument(
        "--compare-edition",
        type=int,
        metavar="YEAR",
        help="show what the factor update since this edition did (e.g. 2024)",
    )
    _calculation_options(rep)
    _factor_options(rep)
    rep.add_argument(
        "-o", "--output", type=Path, default=Path("klimatredovisning"), help="report folder"
    )
    rep.set_defaults(run=_run_report)

    tmpl = sub.add_parser("template", help="write an xlsx input template with the activity codes")
    tmpl.add_argument("output", type=Path, nargs="?", default=Path("klimatkalk_indata.xlsx"))
    _factor_options(tmpl)
    tmpl.set_defaults(run=_run_template)

    factors = sub.add_parser("factors", help="list, show and compare emission factors")
    fsub = factors.add_subparsers(title="factor commands")
    flist = fsub.add_parser("list", help="list the factors")
    _factor_options(flist)
    flist.add_argument("--category", help="only this category (energy, transport, …)")
    flist.add_argument("--year", type=int, help="only factors valid in this year")
    flist.add_argument("--activity", help="only this activity")
    flist.set_defaults(run=_run_factors_list)
    fshow = fsub.add_parser("show", help="show one factor with its source")
    _factor_options(fshow)
    fshow.add_argument("factor_id")
    fshow.set_defaults(run=_run_factors_show)
    fdiff = fsub.add_parser("diff", help="compare two factor sets (editions or folders)")
    fdiff.add_argument("old", help="an edition year (e.g. 2024) or a factor folder")
    fdiff.add_argument("new", help="an edition year, a factor folder, or 'bundled'")
    fdiff.add_argument("--gwp-set", default="AR5GWP100")
    fdiff.set_defaults(run=_run_factors_diff)
    return parser


def _input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--mapping",
        type=Path,
        help="a TOML/JSON mapping of sheets, header rows, columns and labels",
    )
    parser.add_argument("--sheet", help="read only this sheet of a workbook")


def _calculation_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--gwp-set", default="AR5GWP100", choices=["AR4GWP100", "AR5GWP100", "AR6GWP100"]
    )
    parser.add_argument("--boundary", default="lifecycle", choices=["lifecycle", "combustion"])
    parser.add_argument(
        "--fallback",
        default="none",
        choices=["none", "previous"],
        help="use the latest earlier year's factor where a year has none",
    )
    parser.add_argument(
        "--high-altitude",
        type=_high_altitude,
        default=True,
        metavar="yes|no|MULTIPLIER",
        help="aviation's high-altitude effect: the factor set's multiplier (yes, default), "
        "none (no), or this multiplier on flights' combustion CO2 (e.g. 1.9)",
    )
    parser.add_argument(
        "--decimal",
        choices=[",", "."],
        default=None,
        help="decimal mark of text numbers (inferred by default)",
    )


def _high_altitude(text: str) -> bool | float:
    if text.lower() in {"yes", "ja", "true"}:
        return True
    if text.lower() in {"no", "nej", "false"}:
        return False
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        msg = f"{text!r}: give yes, no or a multiplier such as 1.7"
        raise argparse.ArgumentTypeError(msg) from None
    if not 1.0 <= value <= 5.0:
        msg = f"{text!r}: a multiplier between 1 and 5"
        raise argparse.ArgumentTypeError(msg)
    return value


def _factor_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--factors",
        action="append",
        metavar="FOLDER",
        help="factor folder (repeat to stack; 'bundled' is the shipped set)",
    )
    parser.add_argument("--edition", type=int, help="factor set as published up to this year")


def _load(args: argparse.Namespace) -> FactorTable:
    from klimatkalk.factors.library import load_factors

    return load_factors(args.factors, edition=args.edition)


def _calculate(
    acts: ActivityTable, factors: FactorTable, args: argparse.Namespace
) -> EmissionsResult:
    """Calculate with the options of :func:`_calculation_options`."""
    from klimatkalk.calculate import calculate_emissions

    return calculate_emissions(
        acts,
        factors,
        gwp_set=args.gwp_set,
        boundary=args.boundary,
        fallback=args.fallback,
        high_altitude=args.high_altitude,
    )


def _run_calculate(args: argparse.Namespace) -> int:
    from klimatkalk.formatting import format_number
    from klimatkalk.io.reading import read_activities

    factors = _load(args)
    acts = read_activities(
        args.activities, mapping=args.mapping, sheet=args.sheet, decimal=args.decimal
    )
    result = _calculate(acts, factors, args)
    totals = result.totals(["year", "category"], unit="t")
    names = ", ".join(str(p) for p in args.activities)
    print(
        f"{names}: {len(result.rows)} rows calculated, {len(result.rejected)} rejected, "
        f"{len(acts.skipped)} skipped ({result.gwp_set}, {result.boundary})"
    )
    for note in acts.notes:
        print(f"note: {note}")
    shown = totals.assign(
        emissions_t_co2e=totals["emissions_t_co2e"].map(lambda v: format_number(v, decimals=3))
    )
    print(shown.to_string(index=False))
    for year, t in result.totals("year", unit="t").itertuples(index=False):  # never one sum
        print(f"total {int(year)}: {format_number(t, decimals=3)} t CO2e")
    if args.output is not None:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        result.rows.to_csv(args.output, index_label="row")
        rejected_path = args.output.with_name(args.output.stem + "_rejected.csv")
        acts.error_report(result.rejected).to_csv(rejected_path, index=False)
        print(f"wrote {args.output} and {rejected_path}")
    if len(result.rejected):
        print(f"\n{len(result.rejected)} rejected rows:", file=sys.stderr)
        report = acts.error_report(result.rejected)
        report = report[report["status"] == "rejected"]
        columns = ["origin_file", "origin_sheet", "origin_row", "column", "value", "reason"]
        print(report[columns].head(20).to_string(index=False), file=sys.stderr)
        return EXIT_REJECTED
    return EXIT_OK


def _run_report(args: argparse.Namespace) -> int:
    from klimatkalk.formatting import format_number
    from klimatkalk.report import write_report

    factors = _load(args)
    organisation = args.organisation
    if not args.activities:
        from klimatkalk.io.examples import EXAMPLE_REGION_NAME, load_example_activities

        acts = load_example_activities()
        organisation = organisation or EXAMPLE_REGION_NAME  # says the data is synthetic
    else:
        from klimatkalk.io.reading import read_activities

        acts = read_activities(
            args.activities, mapping=args.mapping, sheet=args.sheet, decimal=args.decimal
        )
    result = _calculate(acts, factors, args)
    factor_update = None
    if args.compare_edition is not None:  # what this year's factor update did, in the report
        from klimatkalk.analysis.factor_impact import factor_update_impact
        from klimatkalk.factors.library import load_factors

        old = load_factors(args.factors, edition=args.compare_edition)
        factor_update = factor_update_impact(
            acts,
            old,
            factors,
            gwp_set_old=args.gwp_set,
            boundary=args.boundary,
            fallback=args.fallback,
            high_altitude=args.high_altitude,
        )
    years = result.rows["year"].dropna()
    year = args.year if args.year is not None else (int(years.max()) if len(years) else 0)
    files = write_report(
        result,
        year,
        args.output,
        base_year=args.base_year,
        target=args.target,
        target_year=args.target_year,
        lang=args.lang,
        title=args.title,
        organisation=organisation,
        factor_update=factor_update,
    )
    total = result.rows.loc[result.rows["year"] == year, "emissions_kg_co2e"].sum() / 1000
    print(
        f"{year}: {format_number(total, 1)} t CO2e; {len(result.rows)} rows calculated, "
        f"{len(result.rejected)} rejected"
    )
    for path in files.paths():
        print(f"wrote {path}")
    return EXIT_REJECTED if len(result.rejected) else EXIT_OK


def _run_template(args: argparse.Namespace) -> int:
    from klimatkalk.io.template import write_template

    print(f"wrote {write_template(args.output, _load(args))}")
    return EXIT_OK


def _run_factors_list(args: argparse.Namespace) -> int:
    factors = _load(args)
    frame = factors.factors
    if args.category:
        keep = [a for a, act in factors.activities.items() if act.category == args.category]
        frame = frame[frame["activity"].isin(keep)]
    if args.year:
        frame = frame[(frame["valid_from"] <= args.year) & (frame["valid_to"] >= args.year)]
    if args.activity:
        frame = frame[frame["activity"] == args.activity]
    columns = [
        "factor_id",
        "activity",
        "value",
        "unit",
        "gas",
        "boundary",
        "valid_from",
        "valid_to",
        "source_id",
    ]
    with pd.option_context("display.width", 200, "display.max_rows", 10_000):
        print(frame[columns].to_string(index=False))
    return EXIT_OK


def _run_factors_show(args: argparse.Namespace) -> int:
    factors = _load(args)
    rows = factors.factors[factors.factors["factor_id"] == args.factor_id]
    if rows.empty:
        print(f"klimatkalk: no factor {args.factor_id!r}", file=sys.stderr)
        return EXIT_ERROR
    for row in rows.itertuples(index=False):
        source = factors.sources[str(row.source_id)]
        print(f"{row.factor_id}  ({row.activity})")
        print(
            f"  value:     {row.value} {row.unit}  gas {row.gas}"
            + (f", {row.gwp_set}" if isinstance(row.gwp_set, str) else "")
        )
        print(f"  boundary:  {row.boundary if isinstance(row.boundary, str) else '—'}")
        print(f"  valid:     {row.valid_from}–{row.valid_to}")
        print(f"  source:    {source.citation()}")
        print(f"  locator:   {row.source_locator}")
        if isinstance(row.note, str):
            print(f"  note:      {row.note}")
        print(f"  file:      {row.file}:{row.line}")
        multipliers = factors.high_altitude
        for m in multipliers[multipliers["activity"] == row.activity].itertuples(index=False):
            if m.valid_from <= row.valid_to and m.valid_to >= row.valid_from:
                print(
                    f"  high-altitude multiplier {m.multiplier:g} on the combustion part, "
                    f"{m.valid_from}–{m.valid_to}: {factors.sources[str(m.source_id)].citation()}"
                )
    return EXIT_OK


def _run_factors_diff(args: argparse.Namespace) -> int:
    from klimatkalk.factors.diff import diff_factors
    from klimatkalk.factors.library import load_factors

    def load(spec: str) -> FactorTable:
        if spec.isdigit():
            return load_factors(edition=int(spec))
        return load_factors(spec)

    old, new = load(args.old), load(args.new)
    diff = diff_factors(old, new, gwp_set=args.gwp_set)
    if diff.empty:
        print("no differences")
        return EXIT_OK
    shown = diff.assign(
        relative_change=diff["relative_change"].map(lambda v: "" if pd.isna(v) else f"{v:+.1%}")
    )
    with pd.option_context("display.width", 250, "display.max_rows", 10_000):
        print(shown.to_string(index=False))
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
