"""Command line: ``klimatkalk scenario`` — forecast, measures, uncertainty and organisation.

``klimatkalk scenario`` without activity files runs on the bundled example region with its
example measures and organisation tree. It prints the verdict for the target year, the effect
of each measure and the uncertainty of the change since the base year, writes the tables as CSV
for a Swedish Excel (``;``, decimal comma, UTF-8 with BOM) and, with ``--report``, the yearly
report with the outlook section.
"""

from __future__ import annotations

import argparse
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Final

from klimatkalk.cli import (
    _ACTIVITIES,
    _FILE,
    _SHARE,
    _YEAR,
    EXIT_OK,
    EXIT_REJECTED,
    UsageError,
    _calculate,
    _calculation_options,
    _factor_options,
    _input_options,
    _lang,
    _lang_option,
    _load,
    _must_exist,
    _read,
    _Subparsers,
    _target,
    _year,
    exit_codes,
    list_rejected,
    machine_csv_option,
    output_option,
)
from klimatkalk.cli_text import say

if TYPE_CHECKING:
    import pandas as pd

    from klimatkalk.report._labels import Lang
    from klimatkalk.report.outlook import OutlookTables

__all__ = ["add_scenario_command", "run_scenario"]


def add_scenario_command(sub: _Subparsers) -> None:
    """Add ``klimatkalk scenario`` to the command line's subcommands."""
    scen = sub.add_parser(
        "scenario",
        help=say(
            "prognos till målåret, planerade åtgärder, osäkerhet, organisationens nivåer",
            "forecast to the target year, planned measures, uncertainty, organisation levels",
        ),
        description=say(
            "Klarar vi målet? En robust prognos med bedömning, de planerade åtgärderna med "
            "effekt och kronor per ton, osäkerhet (Monte Carlo) och summor per nivå i "
            "organisationen.",
            "Will we make the target? A robust forecast with its verdict, the planned "
            "measures with their effect and SEK per tonne, Monte Carlo uncertainty and totals "
            "per level of the organisation.",
        ),
        epilog=exit_codes(),
    )
    scen.add_argument(
        "activities",
        type=Path,
        nargs="*",
        metavar=_ACTIVITIES(),
        help=say(
            "aktivitetsdata (.csv eller .xlsx; flera filer slås ihop); utan fil den "
            "medföljande exempelregionen med dess exempelåtgärder och organisation",
            "activity data (.csv or .xlsx; several files are combined); the bundled example "
            "region with its example measures and organisation if omitted",
        ),
    )
    _input_options(scen)
    scen.add_argument(
        "--measures",
        type=Path,
        metavar=_FILE(),
        help=say(
            "åtgärdstabell (.csv eller .xlsx, svenska rubriker)",
            "measure table (.csv or .xlsx, Swedish headers)",
        ),
    )
    scen.add_argument(
        "--org-tree",
        type=Path,
        metavar=_FILE(),
        help=say(
            "organisationstabell (enhet, överordnad, nivå)",
            "organisation table (enhet, överordnad, nivå)",
        ),
    )
    scen.add_argument(
        "--org-level",
        default="förvaltning",
        metavar=say("NIVÅ", "LEVEL"),
        help=say(
            "nivån som organisationen jämförs på, ett namn i kolumnen nivå (standard: förvaltning)",
            "level of the organisation comparison, a name of the nivå column (default: "
            "förvaltning)",
        ),
    )
    scen.add_argument(
        "--year",
        type=_year,
        metavar=_YEAR(),
        help=say(
            "senaste redovisade året som prognosen utgår från (standard: det senaste i data)",
            "latest reported year to forecast from (default: latest year in the data)",
        ),
    )
    scen.add_argument(
        "--base-year",
        type=_year,
        default=2019,
        metavar=_YEAR(),
        help=say("basår (standard: 2019)", "base year (default: 2019)"),
    )
    scen.add_argument(
        "--target",
        type=_target,
        default=0.5,
        metavar=_SHARE(),
        help=say(
            "minskning till målåret, som andel (0.5) eller i procent (50, '50 %%')",
            "reduction by the target year, as a fraction (0.5) or in percent (50, '50 %%')",
        ),
    )
    scen.add_argument(
        "--target-year",
        type=_year,
        default=2030,
        metavar=_YEAR(),
        help=say("målår (standard: 2030)", "target year (default: 2030)"),
    )
    scen.add_argument(
        "--baseline",
        choices=["forecast", "constant"],
        default="forecast",
        help=say(
            "åtgärdernas jämförelsebana: trenden (forecast, standard) eller det senaste året "
            "oförändrat (constant)",
            "baseline of the measures: the trend (forecast, default) or the latest year held "
            "constant",
        ),
    )
    scen.add_argument(
        "--method",
        choices=["theil_sen", "lad"],
        default="theil_sen",
        help=say(
            "trendskattning: Theil–Sen (standard) eller medianregression (lad)",
            "trend estimator: Theil-Sen (default) or median regression (lad)",
        ),
    )
    scen.add_argument(
        "--draws",
        type=int,
        default=10_000,
        metavar=say("ANTAL", "N"),
        help=say(
            "antal Monte Carlo-dragningar för osäkerheten (0 utelämnar den; standard 10000)",
            "Monte Carlo draws for the uncertainty (0 leaves it out; default 10000)",
        ),
    )
    scen.add_argument(
        "--seed",
        type=int,
        default=0,
        metavar=say("FRÖ", "SEED"),
        help=say("fröet för dragningarna (standard: 0)", "seed of the draws (default: 0)"),
    )
    _lang_option(scen, say("för utskriften och tabellerna", "of the output"))
    machine_csv_option(scen, ("tabellerna", "the tables"), "projected_t_co2e, energy")
    scen.add_argument(
        "--report",
        action="store_true",
        help=say(
            "skriv också årsrapporten med avsnittet om utsikterna i mappen",
            "also write the yearly report with the outlook section into the folder",
        ),
    )
    _calculation_options(scen)
    _factor_options(scen)
    output_option(scen, "scenario", say("mappen för tabellerna", "folder for the tables"))
    scen.set_defaults(run=run_scenario)


def run_scenario(args: argparse.Namespace) -> int:
    """Run ``klimatkalk scenario``; return the exit code."""
    from klimatkalk.io.planning import read_measures, read_org_tree
    from klimatkalk.report.outlook import build_outlook, word

    if args.draws < 0:
        msg = say(
            f"--draws ska vara 0 eller mer, inte {args.draws}",
            f"--draws must be 0 or more, got {args.draws}",
        )
        raise UsageError(msg)
    if args.target_year <= args.base_year:
        msg = say(
            f"--target-year {args.target_year} ska komma efter --base-year {args.base_year}",
            f"--target-year {args.target_year} must come after --base-year {args.base_year}",
        )
        raise UsageError(msg)
    for path in (args.measures, args.org_tree):
        if path is not None:
            _must_exist(path)
    factors = _load(args)
    organisation = None
    if args.activities:
        acts = _read(args)
        measures = (
            read_measures(args.measures, activities=factors.activities) if args.measures else []
        )
        tree = read_org_tree(args.org_tree) if args.org_tree else None
    else:
        from klimatkalk.io.example_plans import load_example_measures, load_example_org_tree
        from klimatkalk.io.examples import EXAMPLE_REGION_NAME, load_example_activities

        acts = load_example_activities()
        organisation = EXAMPLE_REGION_NAME
        measures = (
            read_measures(args.measures, activities=factors.activities)
            if args.measures
            else load_example_measures()
        )
        tree = read_org_tree(args.org_tree) if args.org_tree else load_example_org_tree()
    result = _calculate(acts, factors, args)
    if tree is not None and "org_unit" not in result.rows:
        msg = say(
            "--org-tree kräver en kolumn verksamhet (org_unit) i aktivitetsdata",
            "--org-tree needs an org_unit (verksamhet) column in the activity data",
        )
        raise UsageError(msg)
    outlook = build_outlook(
        result,
        year=args.year,
        base_year=args.base_year,
        target=args.target,
        target_year=args.target_year,
        activities=acts,
        factors=factors,
        measures=measures,
        baseline=args.baseline,
        method=args.method,
        org_tree=tree,
        org_level=args.org_level,
        draws=args.draws,
        seed=args.seed,
    )
    lang = _lang(args)
    _print_summary(outlook, lang, organisation)
    folder: Path = args.output
    folder.mkdir(parents=True, exist_ok=True)
    write = partial(
        _write,
        lang=lang,
        machine=args.machine_csv,
        years={"year": outlook.year, "base_year": args.base_year, "target_year": args.target_year},
    )
    written = [write(outlook.verdicts, folder / "prognos.csv")]
    if outlook.scenario is not None:
        written.append(write(outlook.scenario.gap, folder / "scenario_per_ar.csv", path_gap=True))
        written.append(write(outlook.scenario.effects, folder / "atgarder.csv"))
    if outlook.uncertainty is not None:
        written.append(write(outlook.uncertainty.totals, folder / "osakerhet_utslapp.csv"))
        written.append(write(outlook.uncertainty.changes, folder / "osakerhet_forandring.csv"))
    if outlook.organisation is not None:
        written.append(write(outlook.organisation, folder / "organisation.csv"))
    if args.report:
        from klimatkalk.report import write_report

        files = write_report(
            result,
            outlook.year,
            folder,
            base_year=args.base_year,
            target=args.target,
            target_year=args.target_year,
            lang=lang,
            organisation=organisation,
            outlook=outlook,
        )
        written += files.paths()
    for path in written:
        print(f"{word('wrote', lang)} {path}")
    list_rejected(acts, result, lang)
    return EXIT_REJECTED if len(result.rejected) else EXIT_OK


FEW_YEARS: Final = 5
"""Below this many reported years a trend says little: the printout says so."""


def _few_years_caution(outlook: OutlookTables, lang: str) -> None:
    """Say that the forecast rests on few reported years, naming them."""
    total = outlook.forecast[
        (outlook.forecast["category"].astype(str) == "total")
        & outlook.forecast["actual_t_co2e"].notna()
    ]
    years = sorted(int(y) for y in total["year"])
    if len(years) >= FEW_YEARS:
        return
    listed = ", ".join(str(y) for y in years)
    print(
        f"Obs: prognosen bygger på {len(years)} redovisade år ({listed}); med färre än "
        f"{FEW_YEARS} år säger trenden lite"
        if lang == "sv"
        else f"Note: the forecast rests on {len(years)} reported years ({listed}); with fewer "
        f"than {FEW_YEARS} years the trend says little"
    )


def _print_summary(outlook: object, lang: str, organisation: str | None) -> None:
    from klimatkalk.analysis.baseline import TOTAL
    from klimatkalk.formatting import format_number
    from klimatkalk.report.outlook import OutlookTables, crossing_text, total_verdict, word

    assert isinstance(outlook, OutlookTables)
    o = outlook
    v = total_verdict(o)

    def num(x: object) -> str:
        return format_number(float(x), 0, lang=lang).replace("\u00a0", " ")  # type: ignore[arg-type]

    if organisation:
        print(organisation)
    crossing = crossing_text(o, v["crossing_year"], lang)  # type: ignore[arg-type]
    verdict = word("meets" if v["meets"] else "misses", lang)  # type: ignore[arg-type]
    print(
        f"{word('s_projected', lang, target_year=o.target_year)}: "  # type: ignore[arg-type]
        f"{num(v['projected_t_co2e'])} t CO2e ({verdict}; "
        f"{word('s_target', lang)} {num(v['target_t_co2e'])} t)"  # type: ignore[arg-type]
    )
    print(f"{word('c_crossing', lang)}: {crossing}")  # type: ignore[arg-type]
    _few_years_caution(o, lang)
    gap = num(v["gap_t_co2e"])
    print(
        f"Gap mot målet {o.target_year}: {gap} t CO2e"
        if lang == "sv"
        else f"Gap to the {o.target_year} target: {gap} t CO2e"
    )
    if o.scenario is not None:
        for _, r in o.scenario.effects.iterrows():
            per_t = (
                "" if str(r["sek_per_t_co2e"]) == "nan" else f", {num(r['sek_per_t_co2e'])} kr/t"
            )
            print(f"  {r['measure']}: −{num(r['alone_t_co2e'])} t{per_t}")
    if o.uncertainty is not None:
        u = o.uncertainty
        level = format_number(u.level * 100, 0, lang=lang)
        label = (
            f"Förändring {o.year} mot {u.base_year} (Monte Carlo, {num(u.draws)} dragningar, "
            f"{level} %-intervall)"
            if lang == "sv"
            else f"Change {o.year} against {u.base_year} (Monte Carlo, {num(u.draws)} draws, "
            f"{level}% interval)"
        )
        change = u.change_text(o.year, TOTAL, lang=lang).replace("\u00a0", " ")
        print(f"{label}: {change}".replace("\u00a0", " "))


def _write(
    frame: pd.DataFrame,
    path: Path,
    *,
    lang: Lang,
    machine: bool,
    years: dict[str, int],
    path_gap: bool = False,
) -> Path:
    """Write a table for a Swedish Excel, or with ``machine`` for programs.

    For Excel: ``;``, decimal comma, UTF-8 with BOM, the report's headings and words. For
    programs: the API's codes.
    """
    from klimatkalk.csv_writer import write_csv
    from klimatkalk.report.outlook_csv import readable_outlook_table

    if machine:
        return write_csv(frame, path, style="machine")
    shown = readable_outlook_table(frame, lang, gap_to_path=path_gap, **years)
    return write_csv(shown, path, style="excel")
