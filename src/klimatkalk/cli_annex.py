"""Command line: the indicator annex from the user's own tables (``report`` options, ``annex``).

``klimatkalk report`` and ``klimatkalk annex`` take the annex's small tables as files, the same
ones :func:`klimatkalk.io.annex_inputs.read_annex_inputs` reads: floor area, degree days, fleet,
transport-type rules, metrics, metric values, target groups (TOML) and denominators. Without an
activity file both run on the bundled example region, and a table given on the command line
replaces the example's table of that kind. With the user's own activity file the annex is
written when ``--annex`` or any table is given.

An input that would be left unused is refused rather than ignored (degree days without a
heating share or a floor area, metric values without metrics, ``--place`` without degree days),
and a bad cell is reported with its file, row, column and value (exit code 2), never a
traceback.
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from klimatkalk.cli import (
    _ACTIVITIES,
    _FILE,
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
    _year,
    exit_codes,
    list_rejected,
    output_option,
)
from klimatkalk.cli_text import say

if TYPE_CHECKING:
    from klimatkalk.activity_data import ActivityTable
    from klimatkalk.analysis.annex import Annex
    from klimatkalk.factors.library import FactorTable
    from klimatkalk.results import EmissionsResult

__all__ = ["TABLE_OPTIONS", "add_annex_command", "add_annex_options", "annex_from_args"]

TABLE_OPTIONS: Final = {
    "area": ("--area", "floor area per year (org unit, site): År, Yta (m2), Ytmått (BRA/Atemp)"),
    "degree_days": ("--degree-days", "degree days per year (and place): År, Graddagar, Normalår"),
    "fleet": (
        "--fleet",
        "vehicles and vehicle-km: År, Transportslag, Fordon, Miljöfordon, Fordonskm",
    ),
    "transport_types": (
        "--transport-types",
        "which activity rows are which transport type: Transportslag, Verksamhet, Aktivitet",
    ),
    "metrics": ("--metrics", "the metrics: Nyckel, Mätetal, Enhet, Riktning, Målvärde, Källa…"),
    "metric_values": (
        "--metric-values",
        "your own figures and method notes: Mätetal, År, Värde, Orsak, Anmärkning",
    ),
    "groups": ("--groups", "target groups, a TOML file with [[group]] tables"),
    "denominators": (
        "--denominators",
        "denominators of intensities: År, Nämnare (inhabitants…), Värde",
    ),
}
"""``build_annex`` input → (option, what the file holds) of the annex's tables."""

TABLE_OPTIONS_SV: Final = {
    "area": "golvyta per år (verksamhet, anläggning): År, Yta (m2), Ytmått (BRA/Atemp)",
    "degree_days": "graddagar per år (och ort): År, Graddagar, Normalår",
    "fleet": "fordon och fordonskilometer: År, Transportslag, Fordon, Miljöfordon, Fordonskm",
    "transport_types": "vilka aktivitetsrader som är vilket transportslag: Transportslag, "
    "Verksamhet, Aktivitet",
    "metrics": "mätetalen: Nyckel, Mätetal, Enhet, Riktning, Målvärde, Källa …",
    "metric_values": "egna värden och metodanteckningar: Mätetal, År, Värde, Orsak, Anmärkning",
    "groups": "målgrupper, en TOML-fil med [[group]]-tabeller",
    "denominators": "nämnare för intensiteter: År, Nämnare (invånare …), Värde",
}
"""What each table of :data:`TABLE_OPTIONS` holds, in Swedish (the help's default language)."""

_CARRIER_NAMES: Final = {
    "electricity": "electricity",
    "el": "electricity",
    "district_heating": "district_heating",
    "fjärrvärme": "district_heating",
    "district_cooling": "district_cooling",
    "fjärrkyla": "district_cooling",
    "fuels": "fuels",
    "bränslen": "fuels",
}


def _heating_share(text: str) -> tuple[str, float]:
    """``district_heating=0.75``, ``fjärrvärme=75 %``: a carrier and its temperature share."""
    carrier, sep, share = text.partition("=")
    name = _CARRIER_NAMES.get(carrier.strip().casefold())
    if not sep or name is None:
        carriers = ", ".join(sorted(set(_CARRIER_NAMES)))
        msg = say(
            f"{text!r}: ange BÄRARE=ANDEL, t.ex. fjärrvärme=75% eller district_heating=0.75; "
            f"bärarna är {carriers}",
            f"{text!r}: give CARRIER=SHARE, e.g. district_heating=0.75 or fjärrvärme=75%; the "
            f"carriers are {carriers}",
        )
        raise argparse.ArgumentTypeError(msg)
    cleaned = share.strip().replace(",", ".").replace("\u00a0", " ")
    percent = cleaned.endswith("%")
    try:
        value = float(cleaned.removesuffix("%").strip())
    except ValueError:
        value = float("nan")
    fraction = value / 100 if percent or value > 1 else value
    if not 0 <= fraction <= 1:
        msg = say(
            f"{text!r}: andelen ligger mellan 0 och 1 (0.75) eller anges i procent (75%)",
            f"{text!r}: the share is between 0 and 1 (0.75) or in percent (75%)",
        )
        raise argparse.ArgumentTypeError(msg)
    return name, fraction


def add_annex_options(parser: argparse.ArgumentParser) -> None:
    """Add the annex's table options to ``parser`` (``report`` and ``annex``)."""
    group = parser.add_argument_group(
        say("indikatorbilaga", "indicator annex (bilaga)"),
        say(
            "bilagans egna tabeller (.csv eller .xlsx, svenska rubriker och tal); med "
            "exempelregionen ersätter en tabell som anges här exemplets",
            "the annex's own tables (.csv or .xlsx, Swedish headers and numbers); with the "
            "example region a table given here replaces the example's",
        ),
    )
    group.add_argument(
        "--annex",
        action="store_true",
        help=say(
            "skriv bilagan även när ingen tabell anges (energi, EED, fossilfria andelar och "
            "regionernas verktygsuppställning kommer då ur aktivitetsdata)",
            "write the annex also when no table is given (energy, EED, fossil-free shares "
            "and the regions' tool layout come from the activity data alone)",
        ),
    )
    for dest, (flag, what) in TABLE_OPTIONS.items():
        group.add_argument(
            flag,
            dest=dest,
            type=Path,
            metavar=_FILE(),
            help=say(TABLE_OPTIONS_SV[dest], what),
        )
    group.add_argument(
        "--heating-share",
        type=_heating_share,
        action="append",
        metavar=say("BÄRARE=ANDEL", "CARRIER=SHARE"),
        help=say(
            "temperaturberoende andel av en energibärare för normalårskorrigeringen, t.ex. "
            "fjärrvärme=75%% (upprepa per bärare; inget standardvärde, det är en egenskap hos "
            "byggnaderna)",
            "temperature-dependent share of a carrier for the normal-year correction, e.g. "
            "district_heating=0.75 (repeat per carrier; no default, it is a property of the "
            "buildings)",
        ),
    )
    group.add_argument(
        "--place",
        metavar=say("ORT", "PLACE"),
        help=say(
            "vilken orts graddagar som används (kolumnen Ort)",
            "which place's degree days to use (the Ort column)",
        ),
    )
    group.add_argument(
        "--eed-convention",
        choices=["compounded", "linear"],
        default="compounded",
        help=say(
            "tolkning av EED art. 5, −1,9 %% per år mot 2021: varje år 1,9 %% under året före "
            "(compounded, standard) eller 1,9 %% av 2021 års nivå per år (linear)",
            "reading of the EED art. 5 requirement of −1.9 %% a year against 2021: each year "
            "1.9 %% below the year before (compounded, default) or 1.9 %% of the 2021 level a "
            "year (linear)",
        ),
    )
    group.add_argument(
        "--public-transport",
        default="kollektivtrafik",
        metavar=say("TRANSPORTSLAG", "TYPE"),
        help=say(
            "kollektivtrafikens transportslag: hålls utanför EED-talet, och dess kWh per "
            "fordonskm visas (standard: kollektivtrafik)",
            "the transport type of public transport: left out of the EED figure, and its "
            "kWh per vehicle-km shown (default: kollektivtrafik)",
        ),
    )


def _wants_annex(args: argparse.Namespace, example: bool) -> bool:
    given = any(getattr(args, dest) is not None for dest in TABLE_OPTIONS)
    return example or bool(args.annex) or given or bool(args.heating_share)


def _check_combinations(kwargs: dict[str, Any]) -> None:
    """Refuse inputs the annex would leave unused."""
    if kwargs["degree_days"] is not None or kwargs["heating_share"]:
        needed = {
            say("--degree-days FIL", "--degree-days FILE"): kwargs["degree_days"] is not None,
            say("--heating-share BÄRARE=ANDEL", "--heating-share CARRIER=SHARE"): bool(
                kwargs["heating_share"]
            ),
            say("--area FIL", "--area FILE"): kwargs["area"] is not None,
        }
        missing = [flag for flag, present in needed.items() if not present]
        if missing:
            msg = say(
                "normalårskorrigeringen behöver graddagar, en uppvärmningsandel och golvytan; "
                f"ange även {' och '.join(missing)}",
                "the normal-year correction needs degree days, a heating share and the floor "
                f"area; give also {' and '.join(missing)}",
            )
            raise UsageError(msg)
    if kwargs["place"] is not None and kwargs["degree_days"] is None:
        raise UsageError(
            say(
                "--place väljer graddagarnas ort; ange --degree-days FIL",
                "--place chooses the degree days' place; give --degree-days FILE",
            )
        )
    if kwargs["metric_values"] is not None and kwargs["metrics"] is None:
        msg = say(
            "--metric-values hör till mätetal; ange --metrics FIL (mätetalstabellen)",
            "--metric-values belong to metrics; give --metrics FILE (the metric table)",
        )
        raise UsageError(msg)


def _groups(kwargs: dict[str, Any], path: Path | None) -> None:
    """Make the groups now, so that a bad groups file is named with its error."""
    from klimatkalk.analysis.groups import groups_from_mapping
    from klimatkalk.errors import ActivityDataError, ErrorReason, Problem

    if not kwargs["groups"]:
        return
    try:
        kwargs["groups"] = groups_from_mapping(kwargs["groups"])
    except (ValueError, TypeError) as error:
        where = str(path) if path is not None else "<groups>"
        raise ActivityDataError(
            [Problem(where, None, None, None, ErrorReason.INVALID_VALUE, str(error))],
            headline="groups file cannot be used",
        ) from None


def annex_from_args(
    args: argparse.Namespace,
    result: EmissionsResult,
    acts: ActivityTable,
    year: int,
    factors: FactorTable,
    *,
    example: bool,
) -> Annex | None:
    """Build the annex the command line asks for, or ``None`` when it asks for none."""
    if not _wants_annex(args, example):
        return None
    return _build(args, result, acts, year, factors, example=example)


def _build(
    args: argparse.Namespace,
    result: EmissionsResult,
    acts: ActivityTable,
    year: int,
    factors: FactorTable,
    *,
    example: bool,
) -> Annex:
    from klimatkalk.analysis.annex import build_annex
    from klimatkalk.io.annex_inputs import load_example_annex_inputs, read_annex_inputs

    for dest in TABLE_OPTIONS:
        path = getattr(args, dest)
        if path is not None:
            _must_exist(path)
    own = read_annex_inputs(
        **{dest: getattr(args, dest) for dest in TABLE_OPTIONS},
        heating_share=dict(args.heating_share or []),
        place=args.place,
    ).as_kwargs()
    if example:  # the example's tables, each replaced by the user's of its kind
        kwargs = load_example_annex_inputs().as_kwargs()
        for key, value in own.items():
            if value is not None and not (isinstance(value, dict) and not value):
                kwargs[key] = value
        if args.degree_days is not None and args.place is None:
            kwargs["place"] = None  # the example's place is not in the user's degree days
    else:
        kwargs = own
        _check_combinations(kwargs)
    _groups(kwargs, args.groups)
    return build_annex(
        result,
        acts,
        year,
        factors=factors,
        eed_convention=args.eed_convention,
        public_transport=args.public_transport,
        **kwargs,
    )


def add_annex_command(sub: _Subparsers) -> None:
    """Add ``klimatkalk annex`` to the command line's subcommands."""
    cmd = sub.add_parser(
        "annex",
        help=say(
            "skriv indikatorbilagan (indikatorer med mätetal) för sig",
            "write the indicator annex (bilaga: indikatorer med mätetal) alone",
        ),
        description=say(
            "Ett års indikatorbilaga ur aktivitetsdata och bilagans egna tabeller: energi per "
            "bärare och m², normalårskorrigering, EED-kravet, fossilfria andelar, målgrupper "
            "och mätetal med bedömning. Skriver klimatredovisning_<år>_bilaga.md, .html och "
            ".xlsx.",
            "The indicator annex of one year from the activity data and the annex's "
            "own tables: energy per carrier and m², normal-year correction, the EED "
            "requirement, fossil-free shares, target groups and metrics with verdicts. Writes "
            "klimatredovisning_<year>_bilaga.md, .html and .xlsx.",
        ),
        epilog=exit_codes(),
    )
    cmd.add_argument(
        "activities",
        type=Path,
        nargs="*",
        metavar=_ACTIVITIES(),
        help=say(
            "aktivitetsdata (.csv eller .xlsx; flera filer slås ihop); utan fil den "
            "medföljande exempelregionen med dess bilagetabeller",
            "activity data (.csv or .xlsx; several files are combined); the bundled example "
            "region with its annex tables if omitted",
        ),
    )
    _input_options(cmd)
    cmd.add_argument(
        "--year",
        type=_year,
        metavar=_YEAR(),
        help=say(
            "redovisningsår (standard: det senaste i data)",
            "reporting year (default: latest in the data)",
        ),
    )
    _lang_option(cmd, say("för bilagan", "of the annex"))
    add_annex_options(cmd)
    _calculation_options(cmd)
    _factor_options(cmd)
    output_option(cmd, "bilaga", say("mappen att skriva till", "output folder"))
    cmd.set_defaults(run=run_annex)


def run_annex(args: argparse.Namespace) -> int:
    """Run ``klimatkalk annex``: print each metric's verdict, write the annex files."""
    from klimatkalk.formatting import format_number
    from klimatkalk.report.annex import write_annex

    factors = _load(args)
    example = not args.activities
    if example:
        from klimatkalk.io.examples import load_example_activities

        acts = load_example_activities()
    else:
        acts = _read(args)
    result = _calculate(acts, factors, args)
    years = result.rows["year"].dropna()
    year = args.year if args.year is not None else (int(years.max()) if len(years) else 0)
    annex = _build(args, result, acts, year, factors, example=example)
    if annex.metrics is not None:
        for label, unit, value, decimals, verdict in annex.metrics[
            ["label", "unit", "outcome", "decimals", "verdict"]
        ].itertuples(index=False):
            outcome = float(value)
            number = format_number(outcome, int(decimals)) if math.isfinite(outcome) else ""
            shown = f"{number} {unit}, " if number else ""
            print(f"{label}: {shown}{verdict}")
    if annex.eed is not None and (annex.eed["year"] == year).any():
        eed = annex.eed[annex.eed["year"] == year].iloc[0]
        print(f"EED {year}: {eed['verdict']} ({eed['rule']})")
    args.output.mkdir(parents=True, exist_ok=True)
    names = write_annex(annex, args.output, f"klimatredovisning_{year}", lang=_lang(args))
    for name in names.values():
        print("skrev" if _lang(args) == "sv" else "wrote", args.output / name)
    list_rejected(acts, result, _lang(args))  # the annex leaves them out, as the calculation
    return EXIT_REJECTED if len(result.rejected) else EXIT_OK
