"""Command line: ``klimatkalk calculate``, ``factors …``, ``report``, ``template``, ``examples``.

The scenario command and the annex's options and command live in their own modules
(:mod:`klimatkalk.cli_scenario`, :mod:`klimatkalk.cli_annex`).

Exit codes: 0 every row calculated; 1 some rows rejected (the result is still written, and the
rejected rows are listed and written next to it); 2 the input or the factor data cannot be read,
or a usage error. A user's mistake (a bad argument, a file that does not exist or does not read)
is one line on stderr and exit code 2, never a Python traceback.

A new subcommand is a function ``_add_<name>(sub)`` that adds its parser (with a help text for
every option) and sets ``run``, called from :func:`_parser`.
"""

from __future__ import annotations

import argparse
import difflib
import io
import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TextIO, TypeAlias, cast

import pandas as pd

from klimatkalk.cli_text import Parser, choose_language, current_language, say, speaking
from klimatkalk.errors import FactorDataError, KlimatkalkError, Problem
from klimatkalk.formatting import LANGUAGES, Lang, format_significant

if TYPE_CHECKING:
    from klimatkalk.activity_data import ActivityTable
    from klimatkalk.factors.library import FactorTable
    from klimatkalk.results import EmissionsResult

__all__ = ["main"]

EXIT_OK, EXIT_REJECTED, EXIT_ERROR = 0, 1, 2

EXIT_CODES_SV = (
    "returkoder: 0 alla rader beräknade; 1 några rader avvisade (resultatet skrivs ändå); "
    "2 ett användningsfel, indata eller faktordata går inte att läsa, eller ingen rad kunde "
    "beräknas för en rapport"
)
EXIT_CODES_EN = (
    "exit codes: 0 every row calculated; 1 some rows rejected (the result is still written); "
    "2 a usage error, or the input or the factor data cannot be read, or no row could be "
    "calculated for a report"
)
EXIT_CODES = EXIT_CODES_EN
"""The exit codes in English; :func:`exit_codes` in the run's language (the epilog of --help)."""


def exit_codes() -> str:
    """Return the exit codes in the language the command line speaks."""
    return say(EXIT_CODES_SV, EXIT_CODES_EN)


def exit_codes_without_rows() -> str:
    """Return the exit codes of a command that reads no activity rows (template, factors…)."""
    return say(
        "returkoder: 0 klart; 2 ett användningsfel, eller en fil eller faktordata går inte att "
        "läsa",
        "exit codes: 0 done; 2 a usage error, or a file or the factor data cannot be read",
    )


OPTIONAL_PARTS = (
    "an optional part is not installed: pip install 'klimatkalk[excel]' reads xlsx, "
    "'klimatkalk[report]' writes reports, 'klimatkalk[outlook]' forecasts"
)
"""What the CLI says when an optional dependency is missing (in English)."""
OPTIONAL_PARTS_SV = (
    "en tillvalsdel är inte installerad: pip install 'klimatkalk[excel]' läser xlsx, "
    "'klimatkalk[report]' skriver rapporter, 'klimatkalk[outlook]' gör prognoser"
)

DECIMAL_MARKS: dict[str, str | None] = {"comma": ",", "point": ".", "auto": None}
"""``--decimal`` choices and the decimal mark each stands for (``auto``: inferred)."""


class UsageError(KlimatkalkError, ValueError):
    """Arguments that do not fit together (``--target-year`` before ``--base-year``…)."""


class NoRowsError(KlimatkalkError, ValueError):
    """Not one row of the input could be calculated, so there is nothing to report."""


NO_ROWS: dict[Lang, str] = {
    "sv": "Inga rader kunde beräknas.",
    "en": "No rows could be calculated.",
}
"""What the command line says when not one row could be calculated."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (see :data:`EXIT_CODES`).

    The run speaks Swedish, or English with ``--lang en`` or ``KLIMATKALK_LANG=en``
    (:func:`klimatkalk.cli_text.choose_language`): help, argparse's messages and error lines.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    with speaking(choose_language(arguments)):
        return _main(arguments)


def _error_line(message: str) -> str:
    return f"klimatkalk: {say('fel', 'error')}: {message}"


def _main(argv: list[str]) -> int:
    parser = _parser()
    try:
        args, extras = parser.parse_known_args(argv)
        if extras:  # said by the subcommand that got them, pointing to its own --help
            _command_parser(parser, argv).error(_unrecognized(argv, extras))
    except SystemExit as exc:  # --help (0) or a usage error (2), already printed
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    if not hasattr(args, "run"):
        parser.print_help()
        return EXIT_ERROR
    stdout = sys.stdout
    sys.stdout = cast("TextIO", _PipeSafe(stdout))  # | head: the run goes on, its code stays
    try:
        code: int = args.run(args)
        sys.stdout.flush()
    except BrokenPipeError:  # written past the wrapper: the code is unknown, no traceback
        _quiet_stdout()
        return EXIT_OK
    except (KlimatkalkError, OSError, ValueError) as exc:
        # ValueError: the library checks its arguments with ValueError (a target of 0…).
        print(_error_line(_one_line(exc)), file=sys.stderr)
        return EXIT_ERROR
    except ImportError as exc:  # an optional part (xlsx, plots, forecast) is not installed
        parts = say(OPTIONAL_PARTS_SV, OPTIONAL_PARTS)
        print(_error_line(f"{exc} ({parts})"), file=sys.stderr)
        return EXIT_ERROR
    finally:
        sys.stdout = stdout
    return code


class _PipeSafe(io.TextIOBase):
    """stdout that a reader may stop reading (``klimatkalk calculate … | head -3``).

    The first write or flush that meets a closed pipe points stdout at /dev/null
    (:func:`_quiet_stdout`), and the run goes on: the rejected rows are still listed on stderr,
    ``-o`` is still written, and the exit code is the run's own (1 with rejected rows), not 0.
    """

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream
        self._closed = False

    def write(self, text: str) -> int:
        if not self._closed:
            try:
                self._stream.write(text)
            except BrokenPipeError:
                self._close()
        return len(text)

    def flush(self) -> None:
        if not self._closed:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._close()

    def _close(self) -> None:
        self._closed = True
        _quiet_stdout()

    def isatty(self) -> bool:
        return self._stream.isatty()


def _unrecognized(argv: list[str], extras: list[str]) -> str:
    """Say the arguments no parser took; a name in words after an option: quote it."""
    from klimatkalk.cli_text import argparse_message, current_language

    message = argparse_message("unrecognized arguments: " + " ".join(extras), current_language())
    at = argv.index(extras[0]) if extras[0] in argv else -1
    if at >= 2 and argv[at - 2].startswith("--") and not argv[at - 1].startswith("-"):
        words = " ".join([argv[at - 1], *extras])
        quoted = f'{argv[at - 2]} "{words}"'
        message += say(
            f"; ett namn med mellanslag står inom citattecken: {quoted}",
            f"; a name with spaces goes in quotation marks: {quoted}",
        )
    return message


def _command_parser(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.ArgumentParser:
    """Return the (sub)command's parser that ``argv`` names, ``parser`` itself if none."""
    found = parser
    for arg in argv:
        subcommands = [a for a in found._actions if isinstance(a, argparse._SubParsersAction)]
        if subcommands and arg in subcommands[0].choices:
            found = subcommands[0].choices[arg]
    return found


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that Python's flush at exit does not fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout (a test's capture): nothing to flush
        pass


def _one_line(exc: BaseException) -> str:
    problems: tuple[object, ...] = tuple(getattr(exc, "problems", ()))
    swedish = current_language() == "sv"
    if len(problems) > 1 and swedish:  # a headline and a line per problem, in Swedish
        factor_data = isinstance(exc, FactorDataError)
        shown = [p for p in problems[:50] if isinstance(p, Problem)]
        lines = [f"{_headline_sv(str(getattr(exc, 'headline', '')))}: {len(problems)} problem"]
        lines += [f"  - {_problem_sv(p, factor_data=factor_data)}" for p in shown]
        if len(problems) > len(shown):
            lines.append(f"  … och {len(problems) - len(shown)} till")
        return "\n".join(lines)
    if len(problems) == 1:  # one problem: its own line says where and what
        problem = problems[0]
        return (
            _problem_sv(problem, factor_data=isinstance(exc, FactorDataError))
            if isinstance(problem, Problem) and swedish
            else str(problem)
        )
    if isinstance(exc, FileNotFoundError) and exc.filename is not None:
        return f"{exc.filename}: " + say("filen finns inte", "the file does not exist")
    if isinstance(exc, OSError) and exc.filename is not None and exc.strerror:
        return f"{exc.filename}: {exc.strerror}"
    if swedish and not problems:  # a library message of a known shape, in Swedish
        from klimatkalk.report._messages import message_text

        return str(message_text(str(exc), "sv"))
    return str(exc)


_HEADLINES_SV: dict[str, str] = {
    "invalid data": "ogiltiga data",
    "emission-factor data does not load": "emissionsfaktorerna går inte att läsa in",
    "activity rows rejected": "aktivitetsrader avvisade",
    "activity data cannot be read": "aktivitetsdata går inte att läsa",
    "activity file refused": "aktivitetsfilen avvisades",
    "measures cannot be applied": "åtgärderna går inte att tillämpa",
    "the organisation tree does not roll up": "organisationsträdet går inte att summera uppåt",
    "units in the data are missing from the organisation tree": (
        "enheter i data saknas i organisationsträdet"
    ),
    "groups file cannot be used": "målgruppsfilen går inte att använda",
    "groups file cannot be read": "målgruppsfilen går inte att läsa",
    "metric table cannot be read": "mätetalstabellen går inte att läsa",
    "table cannot be read": "tabellen går inte att läsa",
    "the mapping is invalid": "mappningen är ogiltig",
    "the mapping cannot be read": "mappningen går inte att läsa",
    "transport fuel rows cannot be counted": "transportbränslets rader går inte att räkna",
}
"""The headlines of the library's errors that list problems, in Swedish."""


def _headline_sv(headline: str) -> str:
    if headline in _HEADLINES_SV:
        return _HEADLINES_SV[headline]
    if headline.endswith(" cannot be read"):  # "<the table's name> cannot be read"
        return f"{headline.removesuffix(' cannot be read')}: går inte att läsa"
    if headline.endswith(" cannot be used"):
        return f"{headline.removesuffix(' cannot be used')}: går inte att använda"
    return headline


def _problem_sv(problem: Problem, *, factor_data: bool = False) -> str:
    """Say a problem of the input or the factor data in Swedish: where, what, why.

    A factor file's column is named as its header is (``unit``), an activity file's by the
    Swedish name of the input column (``enhet``).
    """
    from klimatkalk.report._labels import INPUT_COLUMNS, REASONS, translate
    from klimatkalk.report._messages import message_text

    where = problem.file + (f":{problem.row}" if problem.row is not None else "")
    name = problem.column if factor_data else translate(INPUT_COLUMNS, problem.column, "sv")
    column = f" kolumn {name!r}" if problem.column is not None else ""
    value = f", värdet {problem.value!r}" if problem.value is not None else ""
    reason = translate(REASONS, problem.reason.value, "sv")
    location = where + (f":{column}" if column else "") + value
    return f"{location}: {message_text(problem.message, 'sv')} ({reason})"


_Subparsers: TypeAlias = "argparse._SubParsersAction[Any]"


def _parser(lang: Lang | None = None) -> argparse.ArgumentParser:
    """Build the parser in ``lang`` (default: the language the command line speaks now)."""
    if lang is not None:
        with speaking(lang):
            return _parser()
    parser = Parser(
        prog="klimatkalk",
        description=say(
            "Klimatredovisning med emissionsfaktorer som har källor.",
            "Climate accounting (klimatredovisning) with sourced emission factors.",
        ),
        epilog=exit_codes(),
    )
    sub = parser.add_subparsers(title=say("kommandon", "commands"))
    _add_calculate(sub)
    _add_report(sub)
    _add_template(sub)
    _add_examples(sub)
    _add_factors(sub)
    from klimatkalk.cli_scenario import add_scenario_command  # its own module (issue 14)

    add_scenario_command(sub)
    from klimatkalk.cli_annex import add_annex_command

    add_annex_command(sub)
    return parser


def _add_calculate(sub: _Subparsers) -> None:
    calc = sub.add_parser(
        "calculate",
        help=say(
            "beräkna utsläppen för en aktivitetsfil", "calculate emissions of an activity file"
        ),
        epilog=exit_codes(),
    )
    calc.add_argument(
        "activities",
        type=Path,
        nargs="+",
        metavar=_ACTIVITIES(),
        help=say(
            "aktivitetsdata (.csv eller .xlsx; flera filer slås ihop)",
            "activity data (.csv or .xlsx; several files are combined)",
        ),
    )
    _input_options(calc)
    _factor_options(calc)
    _calculation_options(calc)
    calc.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar=_FILE(),
        help=say(
            "skriv de beräknade raderna hit: .csv (för ett svenskt Excel: ';' och "
            "decimalkomma) eller .xlsx, efter filändelsen; avvisade rader hamnar bredvid i "
            "samma format som <namn>_avvisade.csv (.xlsx)",
            "write the calculated rows here: .csv (for a Swedish Excel: ';' and decimal "
            "comma) or .xlsx, by the suffix; rejected rows go beside it in the same format as "
            "<name>_avvisade.csv (.xlsx; _rejected in English)",
        ),
    )
    machine_csv_option(calc, ("CSV-filerna", "the CSV files"), "emissions_kg_co2e, transport")
    _lang_option(
        calc,
        say(
            "för sammanfattningen och CSV-filernas rubriker och ord",
            "of the printed summary and of the CSV headings and labels",
        ),
    )
    calc.set_defaults(run=_run_calculate)


def _add_report(sub: _Subparsers) -> None:
    rep = sub.add_parser(
        "report",
        help=say(
            "skriv årsrapporten (xlsx, html, md, png)",
            "write the yearly report (xlsx, html, md, png)",
        ),
        epilog=exit_codes(),
    )
    rep.add_argument(
        "activities",
        type=Path,
        nargs="*",
        metavar=_ACTIVITIES(),
        help=say(
            "aktivitetsdata (.csv eller .xlsx; flera filer slås ihop); utan fil den medföljande "
            "exempelregionen",
            "activity data (.csv or .xlsx; several files are combined); the bundled example "
            "region if omitted",
        ),
    )
    _input_options(rep)
    rep.add_argument(
        "--year",
        type=_year,
        metavar=_YEAR(),
        help=say(
            "redovisningsår (standard: det senaste året i data)",
            "reporting year (default: latest year in the data)",
        ),
    )
    rep.add_argument(
        "--base-year",
        type=_year,
        default=2019,
        metavar=_YEAR(),
        help=say(
            "basår som förändringarna och målet räknas från (standard: 2019)",
            "base year the changes and the target are measured from (default: 2019)",
        ),
    )
    rep.add_argument(
        "--target",
        type=_target,
        default=0.5,
        metavar=_SHARE(),
        help=say(
            "minskning till målåret, som andel (0.5) eller i procent (50, '50 %%'); standard "
            "0.5, alltså −50 %%",
            "reduction by the target year, as a fraction (0.5) or in percent (50, '50 %%'); "
            "default 0.5, i.e. -50 %%",
        ),
    )
    rep.add_argument(
        "--target-year",
        type=_year,
        default=2030,
        metavar=_YEAR(),
        help=say(
            "året då målet ska nås, efter basåret (standard: 2030)",
            "year the target is to be met, after the base year (default: 2030)",
        ),
    )
    _lang_option(
        rep,
        say("för rapporten och det kommandot skriver ut", "of the report and of what it prints"),
    )
    rep.add_argument(
        "--organisation",
        metavar=say("ORGANISATION", "ORGANISATION"),
        help=say("organisationen som rapporten gäller", "organisation named in the report"),
    )
    rep.add_argument(
        "--title",
        metavar=say("TITEL", "TITLE"),
        help=say(
            "rapportens titel (standard: Klimatredovisning ÅR)",
            "title of the report (default: Klimatredovisning YEAR)",
        ),
    )
    rep.add_argument(
        "--compare-edition",
        type=_year,
        metavar=_YEAR(),
        help=say(
            "visa vad faktoruppdateringen sedan den här utgåvan gjorde (t.ex. 2024)",
            "show what the factor update since this edition did (e.g. 2024)",
        ),
    )
    _calculation_options(rep)
    _factor_options(rep)
    from klimatkalk.cli_annex import add_annex_options  # the annex's tables (issue 17)

    add_annex_options(rep)
    output_option(rep, "klimatredovisning", say("mappen för rapporten", "report folder"))
    rep.set_defaults(run=_run_report)


def _add_template(sub: _Subparsers) -> None:
    tmpl = sub.add_parser(
        "template",
        help=say(
            "skriv en xlsx-mall för indata med aktivitetskoderna",
            "write an xlsx input template with the activity codes",
        ),
        epilog=exit_codes_without_rows(),
    )
    tmpl.add_argument(
        "output",
        type=Path,
        nargs="?",
        metavar=_FILE(),
        default=Path("klimatkalk_indata.xlsx"),
        help=say(
            "mallen som ska skrivas, en .xlsx (standard: klimatkalk_indata.xlsx)",
            "the template to write, an .xlsx (default: klimatkalk_indata.xlsx)",
        ),
    )
    _factor_options(tmpl)
    tmpl.set_defaults(run=_run_template)


def _add_examples(sub: _Subparsers) -> None:
    examples = sub.add_parser(
        "examples",
        help=say(
            "skriv exempelfiler för indata (aktivitetsarbetsbok, drivmedelskortsexport, "
            "reskontror, mappningar, en egen faktormapp från en miljöspendanalys)",
            "write example input files (activity workbook, fuel-card export, ledgers, "
            "mappings, an own spend-analysis factor folder)",
        ),
        epilog=exit_codes_without_rows(),
    )
    examples.add_argument(
        "folder",
        type=Path,
        nargs="?",
        metavar=say("MAPP", "FOLDER"),
        default=Path("."),
        help=say("var de ska skrivas (standard: .)", "where to write them (default: .)"),
    )
    examples.add_argument(
        "--overwrite",
        action="store_true",
        help=say("ersätt filer som redan finns", "replace existing files"),
    )
    examples.set_defaults(run=_run_examples)


def _add_factors(sub: _Subparsers) -> None:
    factors = sub.add_parser(
        "factors",
        help=say(
            "lista, visa och jämför emissionsfaktorer", "list, show and compare emission factors"
        ),
        epilog=exit_codes_without_rows(),
    )
    fsub = factors.add_subparsers(title=say("faktorkommandon", "factor commands"))
    flist = fsub.add_parser(
        "list", help=say("lista faktorerna", "list the factors"), epilog=exit_codes_without_rows()
    )
    _factor_options(flist)
    flist.add_argument(
        "--category",
        metavar=say("KATEGORI", "CATEGORY"),
        help=say(
            "bara den här kategorin: dess kod (energy, transport …) eller svenska namn "
            "(Energi, Transporter …)",
            "only this category: its code (energy, transport, …) or Swedish name (Energi, "
            "Transporter, …)",
        ),
    )
    flist.add_argument(
        "--year",
        type=_year,
        metavar=_YEAR(),
        help=say("bara faktorer som gäller det här året", "only factors valid in this year"),
    )
    flist.add_argument(
        "--activity",
        metavar=say("AKTIVITET", "ACTIVITY"),
        help=say(
            "bara den här aktiviteten (en kod eller dess svenska namn)",
            "only this activity (a code or its Swedish name)",
        ),
    )
    _lang_option(flist, say("för tabellens rubriker och ord", "of the table's headings and words"))
    flist.set_defaults(run=_run_factors_list)
    fshow = fsub.add_parser(
        "show",
        help=say("visa en faktor med dess källa", "show one factor with its source"),
        epilog=exit_codes_without_rows(),
    )
    _factor_options(fshow)
    fshow.add_argument(
        "factor_id",
        metavar=say("FAKTOR_ID", "FACTOR_ID"),
        help=say(
            "faktorns id (en aktivitetskod listar id:na för dess faktorer)",
            "the factor id (an activity code lists the ids of its factors)",
        ),
    )
    _lang_option(fshow, say("för etiketterna", "of the labels"))
    fshow.set_defaults(run=_run_factors_show)
    fdiff = fsub.add_parser(
        "diff",
        help=say(
            "jämför två faktoruppsättningar (utgåvor eller mappar)",
            "compare two factor sets (editions or folders)",
        ),
        epilog=exit_codes_without_rows(),
    )
    fdiff.add_argument(
        "old",
        metavar=say("FÖRE", "OLD"),
        help=say(
            "ett utgåveår (t.ex. 2024) eller en faktormapp",
            "an edition year (e.g. 2024) or a factor folder",
        ),
    )
    fdiff.add_argument(
        "new",
        metavar=say("EFTER", "NEW"),
        help=say(
            "ett utgåveår, en faktormapp eller 'bundled' (den medföljande); en egen mapp utan "
            "gwp.csv jämförs lagd ovanpå den medföljande",
            "an edition year, a factor folder, or 'bundled'; a folder of one's own without "
            "gwp.csv is compared stacked on the shipped set",
        ),
    )
    fdiff.add_argument(
        "--gwp-set",
        default="AR5GWP100",
        choices=GWP_SETS,
        help=say(
            "GWP-version som faktorerna jämförs i (standard: AR5GWP100)",
            "GWP set the factors are compared in (default: AR5GWP100)",
        ),
    )
    _lang_option(fdiff, say("för tabellens rubriker och ord", "of the table's headings and words"))
    fdiff.set_defaults(run=_run_factors_diff)


GWP_SETS = ["AR4GWP100", "AR5GWP100", "AR6GWP100"]


def _input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--mapping",
        type=Path,
        metavar=_FILE(),
        help=say(
            "en mappning (TOML/JSON) av blad, rubrikrader, kolumner och namn",
            "a TOML/JSON mapping of sheets, header rows, columns and labels",
        ),
    )
    parser.add_argument(
        "--sheet",
        metavar=say("BLAD", "SHEET"),
        help=say("läs bara det här bladet i arbetsboken", "read only this sheet of a workbook"),
    )


def output_option(parser: argparse.ArgumentParser, default: str, help_text: str) -> None:
    """Add ``-o/--output``: the folder a command writes to."""
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path(default),
        metavar=say("MAPP", "FOLDER"),
        help=help_text,
    )


def machine_csv_option(parser: argparse.ArgumentParser, files: tuple[str, str], codes: str) -> None:
    """Add ``--machine-csv``: write ``files`` for programs, with the API's codes (``codes``)."""
    parser.add_argument(
        "--machine-csv",
        action="store_true",
        help=say(
            f"skriv {files[0]} för program i stället: API:ets kolumn- och värdekoder ({codes} "
            "…), ',' som avgränsare, decimalpunkt, UTF-8 utan BOM, alla siffror",
            f"write {files[1]} for programs instead: the column and value codes of the API "
            f"({codes}…), ',' separator, decimal point, UTF-8 without BOM, every digit",
        ),
    )


def _lang_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--lang",
        choices=list(LANGUAGES),
        default=None,
        help=say(
            f"språk {what}: svenska (sv, standard) eller engelska (en); standardvalet går att "
            "ändra med miljövariabeln KLIMATKALK_LANG (gäller även hjälptexterna)",
            f"language {what}: Swedish (sv, the default) or English (en); the default can "
            "be set with the environment variable KLIMATKALK_LANG (also for the help texts)",
        ),
    )


def _lang(args: argparse.Namespace) -> Lang:
    """Return the language of this run: ``--lang``, else ``KLIMATKALK_LANG``, else Swedish."""
    from klimatkalk.formatting import language

    return language(getattr(args, "lang", None))


def _say(lang: Lang, sv: str, en: str) -> str:
    return sv if lang == "sv" else en


def _rows_sv(n: int) -> str:
    """Return "1 rad beräknad" or "1 329 rader beräknade"."""
    from klimatkalk.formatting import format_number

    return "1 rad beräknad" if n == 1 else f"{format_number(n, lang='sv')} rader beräknade"


def _calculation_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--gwp-set",
        default="AR5GWP100",
        choices=GWP_SETS,
        help=say(
            "GWP-värden som CO2e räknas med (standard: AR5GWP100)",
            "global warming potentials CO2e is computed with (default: AR5GWP100)",
        ),
    )
    parser.add_argument(
        "--boundary",
        default="lifecycle",
        choices=["lifecycle", "combustion"],
        help=say(
            "faktorernas systemgräns: livscykel (lifecycle, standard) eller bara förbränning "
            "(combustion)",
            "system boundary of the factors: life cycle (default) or combustion only",
        ),
    )
    parser.add_argument(
        "--strict-gwp",
        "--strikt-gwp",
        dest="strict_gwp",
        action="store_true",
        help=say(
            "blanda inte GWP-versioner: avvisa rader vars faktor bara finns som CO2e i en annan "
            "eller ej angiven GWP-version (utan flaggan används värdet som publicerat och raden "
            "märks i kolumnen GWP-grund)",
            "do not mix GWP sets: refuse rows whose factor is CO2e in another or an unstated "
            "GWP set (without it the value is used as published and the row is marked in "
            "gwp_basis)",
        ),
    )
    parser.add_argument(
        "--fallback",
        default="none",
        choices=["none", "previous"],
        help=say(
            "där ett år saknar faktor: none (standard) avvisar raden (ingen faktor gäller för "
            "året); previous använder det senaste tidigare årets faktor",
            "where a year has no factor: none (default) rejects the row (no factor for the "
            "year); previous uses the latest earlier year's factor",
        ),
    )
    parser.add_argument(
        "--high-altitude",
        type=_high_altitude,
        default=True,
        metavar=say("ja|nej|FAKTOR", "yes|no|MULTIPLIER"),
        help=say(
            "flygets höghöjdseffekt: faktoruppsättningens faktor (ja, standard), ingen (nej), "
            "eller den här faktorn på flygets CO2 från förbränning (t.ex. 1,9)",
            "aviation's high-altitude effect: the factor set's multiplier (yes, default), "
            "none (no), or this multiplier on flights' combustion CO2 (e.g. 1.9)",
        ),
    )
    parser.add_argument(
        "--moms",
        choices=["exkl", "inkl"],
        default=None,
        help=say(
            "om belopp i kronor är med eller utan moms, för rader vars momskolumn är tom: exkl "
            "(standard, som i en regions reskontra) eller inkl",
            "whether amounts in kronor include VAT (moms), for rows whose moms column is "
            "empty: exkl (default, as a region's ledger) or inkl",
        ),
    )
    parser.add_argument(
        "--decimal",
        type=_decimal,
        choices=list(DECIMAL_MARKS),
        default="auto",
        help=say(
            "decimaltecken i tal som står som text: comma (1,5), point (1.5) eller auto "
            "(utläses ur filen, standard)",
            "decimal mark of numbers written as text: comma (1,5), point (1.5) or auto "
            "(inferred from the file, default)",
        ),
    )


def _YEAR() -> str:  # a metavar, written in capitals
    return say("ÅR", "YEAR")


def _FILE() -> str:  # a metavar, written in capitals
    return say("FIL", "FILE")


def _ACTIVITIES() -> str:  # a metavar: the activity files of calculate, report, scenario…
    return say("AKTIVITETSFIL", "ACTIVITIES")


def _SHARE() -> str:  # a metavar: --target's reduction
    return say("ANDEL", "SHARE")


def _decimal(text: str) -> str:
    return {",": "comma", ".": "point"}.get(text.strip(), text.strip().lower())


def _year(text: str) -> int:
    try:
        year = int(text.strip())
    except ValueError:
        msg = say(f"{text!r} är inte ett årtal", f"{text!r} is not a year")
        raise argparse.ArgumentTypeError(msg) from None
    if not 1900 <= year <= 2200:
        msg = say(
            f"{text!r}: ett år mellan 1900 och 2200", f"{text!r}: a year between 1900 and 2200"
        )
        raise argparse.ArgumentTypeError(msg)
    return year


def _target(text: str) -> float:
    """Read a reduction as a fraction: ``0.5``, ``50`` and ``50 %`` are all -50 %."""
    cleaned = text.strip().replace(",", ".").replace("\u00a0", " ")
    percent = cleaned.endswith("%")
    try:
        value = float(cleaned.removesuffix("%").strip())
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        msg = say(
            f"{text!r}: ange minskningen som andel (0.5) eller i procent (50 eller '50 %')",
            f"{text!r}: give the reduction as a fraction (0.5) or in percent (50 or '50 %')",
        )
        raise argparse.ArgumentTypeError(msg)
    fraction = value / 100 if percent or value > 1 else value
    if not 0 < fraction < 1:
        msg = say(
            f"{text!r}: en minskning mellan 0 och 100 %",
            f"{text!r}: a reduction between 0 and 100 %",
        )
        raise argparse.ArgumentTypeError(msg)
    return fraction


def _high_altitude(text: str) -> bool | float:
    if text.lower() in {"yes", "ja", "true"}:
        return True
    if text.lower() in {"no", "nej", "false"}:
        return False
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        msg = say(
            f"{text!r}: ange ja, nej eller en faktor som 1,7",
            f"{text!r}: give yes, no or a multiplier such as 1.7",
        )
        raise argparse.ArgumentTypeError(msg) from None
    if not 1.0 <= value <= 5.0:
        msg = say(f"{text!r}: en faktor mellan 1 och 5", f"{text!r}: a multiplier between 1 and 5")
        raise argparse.ArgumentTypeError(msg)
    return value


def _factor_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--factors",
        action="append",
        metavar=say("MAPP", "FOLDER"),
        help=say(
            "faktormapp (upprepa för att lägga flera på varandra; 'bundled' är den medföljande)",
            "factor folder (repeat to stack; 'bundled' is the shipped set)",
        ),
    )
    parser.add_argument(
        "--edition",
        type=_year,
        metavar=_YEAR(),
        help=say(
            "faktoruppsättningen som den var publicerad till och med det här året (standard: "
            "den senaste)",
            "factor set as published up to this year (default: the latest)",
        ),
    )


def _load(args: argparse.Namespace) -> FactorTable:
    from klimatkalk.factors.library import load_factors

    for folder in args.factors or ():
        _must_be_folder(folder)
    return _published(load_factors(args.factors, edition=args.edition), args.edition)


def _published(table: FactorTable, edition: int | None) -> FactorTable:
    """Return ``table``, or refuse an edition after the newest one its factor set has.

    Such an edition is the newest set under another name: a comparison with it would say "no
    differences" and a result would claim an edition that was never published.
    """
    if edition is None:
        return table
    years = [table.factors["source_year"], table.high_altitude["source_year"]]
    years.append(table.withdrawn["withdrawn_year"])
    newest = max((int(y.max()) for y in years if len(y.dropna())), default=edition)
    if edition > newest:
        msg = say(
            f"utgåva {edition}: ingen sådan utgåva ännu; den senaste i faktoruppsättningen är "
            f"{newest} (utan --edition, eller 'bundled' i factors diff, används den senaste)",
            f"edition {edition}: no such edition yet; the newest in the factor set is {newest} "
            "(without --edition, or with 'bundled' in factors diff, the newest is used)",
        )
        raise UsageError(msg)
    return table


def _must_be_folder(folder: str) -> None:
    """Refuse a factor folder that does not exist or holds no factor set (no sources.csv)."""
    from klimatkalk.factors.library import BUNDLED

    if folder == BUNDLED:
        return
    if not Path(folder).is_dir():
        msg = f"{folder}: " + say("faktormappen finns inte", "the factor folder does not exist")
        raise UsageError(msg)
    if not (Path(folder) / "sources.csv").is_file():
        msg = f"{folder}: " + say(
            "mappen är ingen faktormapp: sources.csv saknas (en faktormapp har sources.csv och "
            "factors/*.csv; klimatkalk examples skriver en)",
            "the folder is not a factor folder: it has no sources.csv (a factor folder has "
            "sources.csv and factors/*.csv; klimatkalk examples writes one)",
        )
        raise UsageError(msg)


def _read(args: argparse.Namespace) -> ActivityTable:
    """Read the activity files named on the command line."""
    from klimatkalk.io.reading import read_activities

    for path in [*args.activities, *([args.mapping] if args.mapping else [])]:
        _must_exist(path)
    return read_activities(
        args.activities,
        mapping=args.mapping,
        sheet=args.sheet,
        decimal=DECIMAL_MARKS[args.decimal],  # type: ignore[arg-type]
        vat_basis=_VAT_BASIS[args.moms],
    )


_VAT_BASIS: dict[str | None, Literal["excl", "incl"] | None] = {
    "exkl": "excl",
    "inkl": "incl",
    None: None,
}


def _must_exist(path: Path) -> None:
    if not path.exists():
        raise FileNotFoundError(2, say("filen finns inte", "the file does not exist"), str(path))


def _calculate(
    acts: ActivityTable,
    factors: FactorTable,
    args: argparse.Namespace,
    *,
    require_rows: bool = True,
) -> EmissionsResult:
    """Calculate with the options of :func:`_calculation_options`.

    With ``require_rows`` (every command but ``calculate``, which writes the rejected rows
    anyway), a result without a single calculated row lists the rejected rows on stderr and
    raises :class:`NoRowsError`: there is nothing to report on.
    """
    from klimatkalk.calculate import calculate_emissions

    result = calculate_emissions(
        acts,
        factors,
        gwp_set=args.gwp_set,
        boundary=args.boundary,
        fallback=args.fallback,
        high_altitude=args.high_altitude,
        strict_gwp=args.strict_gwp,
    )
    if require_rows and result.rows.empty:
        lang = _lang(args)
        report = acts.error_report(result.rejected)
        if len(report):
            _print_rejected(report[report["status"] == "rejected"], lang)
        raise NoRowsError(NO_ROWS[lang])
    return result


def _run_calculate(args: argparse.Namespace) -> int:
    from klimatkalk.formatting import format_number
    from klimatkalk.report._labels import text
    from klimatkalk.report._messages import note_text

    lang = _lang(args)
    if args.output is not None:  # a name of a format we do not write: refuse before the work
        if args.machine_csv:
            when = ("med --machine-csv", "with --machine-csv")
            _check_output_suffix(args.output, (".csv",), "-o", when=when)
        else:
            _check_output_suffix(args.output, (".csv", ".xlsx"), "-o")
    factors = _load(args)
    acts = _read(args)
    result = _calculate(acts, factors, args, require_rows=False)
    names = ", ".join(str(p) for p in args.activities)
    n, rejected, skipped = (
        format_number(len(x), lang=lang) for x in (result.rows, result.rejected, acts.skipped)
    )
    boundary = text(result.boundary, lang) if result.boundary in ("lifecycle", "combustion") else ""
    print(
        _say(
            lang,
            f"{names}: {_rows_sv(len(result.rows))}, {rejected} avvisade, {skipped} överhoppade "
            f"({result.gwp_set}, {boundary or result.boundary})",
            f"{names}: {n} rows calculated, {rejected} rejected, {skipped} skipped "
            f"({result.gwp_set}, {boundary or result.boundary})",
        )
    )
    for note in acts.notes:
        print(f"{_say(lang, 'obs', 'note')}: {note_text(note, lang)}")
    report = acts.error_report(result.rejected)
    if not result.rows.empty:
        _print_totals(result, lang)
    if args.output is not None:
        _write_calculated(result, report, args, lang)
    if len(result.rejected):
        _print_rejected(report[report["status"] == "rejected"], lang)
    if result.rows.empty:  # nothing to sum: say so rather than print an empty table
        print(f"klimatkalk: {NO_ROWS[lang]}", file=sys.stderr)
        return EXIT_REJECTED if len(result.rejected) else EXIT_ERROR
    return EXIT_REJECTED if len(result.rejected) else EXIT_OK


def _print_totals(result: EmissionsResult, lang: Lang) -> None:
    """Print the totals per year and category, and per year, in ``lang``."""
    from klimatkalk.formatting import format_number
    from klimatkalk.report.readable import localise_frame

    totals = result.totals(["year", "category"], unit="t")
    shown = localise_frame(
        totals.assign(
            emissions_t_co2e=totals["emissions_t_co2e"].map(
                lambda v: format_number(v, decimals=3, lang=lang)
            )
        ),
        lang,
    )
    print(shown.to_string(index=False))
    for year, t in result.totals("year", unit="t").itertuples(index=False):  # never one sum
        total = f"{format_number(t, decimals=3, lang=lang)} t CO2e"
        print(_say(lang, f"Totalt {int(year)}: {total}", f"Total {int(year)}: {total}"))


def _check_output_suffix(
    path: Path, suffixes: tuple[str, ...], option: str, *, when: tuple[str, str] = ("här", "here")
) -> None:
    """Refuse an output file whose suffix names a format the command does not write.

    Called before any work is done, so that a wrong name costs nothing (exit code 2).
    """
    if path.suffix.lower() in suffixes:
        return
    given = (
        say(f"ändelsen {path.suffix!r}", f"the suffix {path.suffix!r}")
        if path.suffix
        else say("ingen filändelse", "no suffix")
    )
    names = say(" eller ", " or ").join(suffixes)
    example = path.with_suffix(suffixes[0]).name
    msg = say(
        f"{option} {path}: filen har {given}, men klimatkalk skriver {when[0]} bara {names} "
        f"(t.ex. {example})",
        f"{option} {path}: the file has {given}, but klimatkalk writes only {names} {when[1]} "
        f"(e.g. {example})",
    )
    raise UsageError(msg)


def _write_calculated(
    result: EmissionsResult, report: pd.DataFrame, args: argparse.Namespace, lang: Lang
) -> None:
    """Write ``calculate -o``: the rows, and the rejected rows beside them.

    The suffix of ``-o`` chooses the format (``.csv`` or ``.xlsx``, checked by
    :func:`_check_output_suffix` before the run); the rejected rows get the same format.
    """
    from klimatkalk.csv_writer import write_csv
    from klimatkalk.report.readable import readable_rejected, readable_rows

    args.output.parent.mkdir(parents=True, exist_ok=True)
    suffix = "_rejected" if args.machine_csv or lang == "en" else "_avvisade"
    extension = args.output.suffix.lower()
    rejected_path = args.output.with_name(args.output.stem + suffix + extension)
    if args.machine_csv:  # the API's codes, for programs
        write_csv(result.rows, args.output, style="machine", index=True, index_label="row")
        write_csv(report, rejected_path, style="machine")
    else:
        rows = readable_rows(result.rows, lang, result.factors.activities)
        rejected = readable_rejected(report, lang)
        if extension == ".xlsx":
            _write_xlsx(rows, args.output, _say(lang, "Beräknade rader", "Calculated rows"))
            _write_xlsx(rejected, rejected_path, _say(lang, "Avvisade rader", "Rejected rows"))
        else:
            write_csv(rows, args.output, style="excel")
            write_csv(rejected, rejected_path, style="excel")
    print(_say(lang, "skrev", "wrote"), args.output, _say(lang, "och", "and"), rejected_path)


def _write_xlsx(frame: pd.DataFrame, path: Path, sheet: str) -> None:
    """Write ``frame`` as one sheet of an xlsx workbook, as the report writes its tables.

    Numbers stay numbers, text that a spreadsheet would run as a formula is neutralised, the
    header row is frozen and filtered, and the bytes are the same for the same table
    (:mod:`klimatkalk.report._xlsx`). openpyxl is imported here, only when an xlsx is written.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from klimatkalk.report._xlsx import _FIXED_TIME, _cell, _save_deterministic, neutralise

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append([neutralise(str(c)) for c in frame.columns])
    for values in frame.itertuples(index=False):
        ws.append([_cell(v) for v in values])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    if len(frame.columns):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{len(frame) + 1}"
    wb.properties.creator = "klimatkalk"
    wb.properties.created = wb.properties.modified = _FIXED_TIME
    path.write_bytes(_save_deterministic(wb))


def _print_rejected(report: pd.DataFrame, lang: Lang, first: int = 20) -> None:
    """List rejected rows on stderr, one line each: where, what, why (in ``lang``)."""
    from klimatkalk.formatting import format_number
    from klimatkalk.report._labels import INPUT_COLUMNS, REASONS, translate
    from klimatkalk.report._messages import message_text

    n = format_number(len(report), lang=lang)
    head = _say(
        lang,
        f"{n} avvisad rad" if len(report) == 1 else f"{n} avvisade rader",
        f"{n} rejected rows",
    )
    more = _say(lang, f", de första {first}", f", the first {first}") if len(report) > first else ""
    print(f"\n{head}{more}:", file=sys.stderr)
    row_word, column_word = _say(lang, "rad", "row"), _say(lang, "kolumn", "column")
    records: list[dict[Any, Any]] = report.head(first).to_dict("records")
    for r in records:  # at most `first` lines
        where = str(r["origin_file"])
        if isinstance(r["origin_sheet"], str) and r["origin_sheet"]:
            where += f"[{r['origin_sheet']}]"
        if not _missing(r["origin_row"]):
            where += f" {row_word} {r['origin_row']}"
        value = "" if _missing(r["value"]) else f" {str(r['value'])!r}"
        reason = translate(REASONS, r["reason"], lang)
        said = message_text(r["message"], lang)
        why = reason if not isinstance(said, str) or said == reason else f"{reason}: {said}"
        column = translate(INPUT_COLUMNS, r["column"], lang)
        print(f"  {where}, {column_word} {column}{value}: {why}", file=sys.stderr)


def _decimal_marks(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Return ``frame`` with its float columns as text with every digit, a decimal comma in sv."""
    if lang != "sv":
        return frame
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column].dtype):
            out[column] = out[column].map(lambda v: "" if pd.isna(v) else repr(v).replace(".", ","))
    return out


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _run_report(args: argparse.Namespace) -> int:
    from klimatkalk.formatting import format_number
    from klimatkalk.report import write_report

    lang = _lang(args)
    if args.target_year <= args.base_year:
        msg = say(
            f"--target-year {args.target_year} ska komma efter --base-year {args.base_year} "
            "(t.ex. --base-year 2019 --target-year 2030)",
            f"--target-year {args.target_year} must come after --base-year {args.base_year} "
            "(e.g. --base-year 2019 --target-year 2030)",
        )
        raise UsageError(msg)
    factors = _load(args)
    organisation = args.organisation
    example = not args.activities
    if example:
        from klimatkalk.io.examples import EXAMPLE_REGION_NAME, load_example_activities

        acts = load_example_activities()
        organisation = organisation or EXAMPLE_REGION_NAME  # says the data is synthetic
    else:
        acts = _read(args)
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
    from klimatkalk.cli_annex import annex_from_args  # the example region carries its tables

    annex = annex_from_args(args, result, acts, year, factors, example=example)
    files = write_report(
        result,
        year,
        args.output,
        base_year=args.base_year,
        target=args.target,
        target_year=args.target_year,
        lang=lang,
        title=args.title,
        organisation=organisation,
        factor_update=factor_update,
        factor_update_edition=args.compare_edition,
        annex=annex,
    )
    in_year = (result.rows["year"] == year).to_numpy(dtype=bool)
    total = result.rows.loc[in_year, "emissions_kg_co2e"].sum() / 1000
    n, rejected = (format_number(len(x), lang=lang) for x in (result.rows, result.rejected))
    n_year = int(in_year.sum())
    year_rows = format_number(n_year, lang=lang)
    head = f"{year}: {format_number(total, 1, lang=lang)} t CO2e "
    print(  # the year's own rows, then every year's: the input may hold later years
        head
        + _say(
            lang,
            f"från {'1 rad' if n_year == 1 else year_rows + ' rader'}; alla år: "
            f"{_rows_sv(len(result.rows))}, {rejected} avvisade",
            f"from {year_rows} row{'' if n_year == 1 else 's'}; all years: {n} rows "
            f"calculated, {rejected} rejected",
        )
    )
    for path in files.paths():
        print(_say(lang, "skrev", "wrote"), path)
    list_rejected(acts, result, lang)
    return EXIT_REJECTED if len(result.rejected) else EXIT_OK


def list_rejected(acts: ActivityTable, result: EmissionsResult, lang: Lang) -> None:
    """List the rows the calculation rejected on stderr (nothing when there are none)."""
    if len(result.rejected):
        report = acts.error_report(result.rejected)
        _print_rejected(report[report["status"] == "rejected"], lang)


def _run_template(args: argparse.Namespace) -> int:
    from klimatkalk.io.template import write_template

    _check_output_suffix(args.output, (".xlsx",), say("mallen", "the template"))
    print(_say(_lang(args), "skrev", "wrote"), write_template(args.output, _load(args)))
    return EXIT_OK


def _run_examples(args: argparse.Namespace) -> int:
    from klimatkalk.io.example_files import write_examples

    try:
        paths = write_examples(args.folder, overwrite=args.overwrite)
    except FileExistsError as error:
        print(_error_line(_one_line(error)), file=sys.stderr)
        return EXIT_ERROR
    for path in paths:
        print(_say(_lang(args), "skrev", "wrote"), path)
    return EXIT_OK


def _run_factors_list(args: argparse.Namespace) -> int:
    factors = _load(args)
    frame = factors.factors
    filters = []
    if args.category:
        category = _category(args.category, factors)
        keep = [a for a, act in factors.activities.items() if act.category == category]
        frame = frame[frame["activity"].isin(keep)]
        filters.append(f"--category {args.category}")
    if args.year:
        frame = frame[(frame["valid_from"] <= args.year) & (frame["valid_to"] >= args.year)]
        filters.append(f"--year {args.year}")
    if args.activity:
        frame = frame[frame["activity"] == _activity(args.activity, factors)]
        filters.append(f"--activity {args.activity}")
    if frame.empty:
        what = " ".join(filters)
        print(
            _say(
                _lang(args),
                f"inga faktorer motsvarar {what or 'den här faktoruppsättningen'}",
                f"no factors match {what or 'this factor set'}",
            )
        )
        return EXIT_OK
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
    from klimatkalk.report.readable import localise_frame

    # a factor for every boundary (a gas emitted as itself) has none: a dash, as in show
    listed = frame[columns].assign(boundary=frame["boundary"].where(frame["boundary"].notna(), "—"))
    shown = _decimal_marks(localise_frame(listed, _lang(args)), _lang(args))
    with pd.option_context("display.width", 200, "display.max_rows", 10_000):
        print(shown.to_string(index=False))
    return EXIT_OK


def _category(text: str, factors: FactorTable) -> str:
    """Return a category code from its code or Swedish or English name (any case)."""
    from klimatkalk.report._labels import CATEGORY_LABELS

    present = list(dict.fromkeys(a.category for a in factors.activities.values()))
    names = {c.casefold(): c for c in present}
    for code, labels in CATEGORY_LABELS.items():
        names.update({label.casefold(): code for label in labels if code in present})
    found = names.get(text.strip().casefold())
    if found is None:
        valid = ", ".join(
            f"{c} ({CATEGORY_LABELS[c][0]})" if c in CATEGORY_LABELS else c for c in present
        )
        msg = say(
            f"--category {text!r}: ingen sådan kategori; välj en av {valid}",
            f"--category {text!r}: no such category; choose one of {valid}",
        )
        raise UsageError(msg)
    return found


def _activity(text: str, factors: FactorTable) -> str:
    """Return an activity code from its code or label, or a usage error with suggestions."""
    from klimatkalk.factors.names import activity_names, normalise_name, unknown_activity_message

    code = activity_names(factors.activities).get(normalise_name(text))
    if code is None:
        said = _activity_message(unknown_activity_message(text, factors.activities))
        raise UsageError(f"{say('aktivitet', 'activity')} {text!r}: {said}")
    return code


def _activity_message(message: str) -> str:
    """Return an unknown activity's message in the language the command line speaks."""
    from klimatkalk.report._messages import message_text

    said = message_text(message, "sv") if say("sv", "en") == "sv" else message
    return str(said)


def _run_factors_show(args: argparse.Namespace) -> int:
    from klimatkalk.factors.names import (
        activity_names,
        normalise_name,
        unknown_activity_message,
    )

    factors = _load(args)
    table = factors.factors
    rows = table[table["factor_id"] == args.factor_id]
    if rows.empty:
        activity = activity_names(factors.activities).get(normalise_name(args.factor_id))
        if activity is not None:
            ids = list(dict.fromkeys(table.loc[table["activity"] == activity, "factor_id"]))
            listed = ", ".join(ids) if ids else say("inga här", "none in this factor set")
            msg = say(
                f"{args.factor_id!r} är en aktivitet, inte ett faktor-id; dess faktorer: {listed} "
                "(klimatkalk factors show FAKTOR_ID)",
                f"{args.factor_id!r} is an activity, not a factor id; its factors: {listed} "
                "(klimatkalk factors show FACTOR_ID)",
            )
            raise UsageError(msg)
        close = difflib.get_close_matches(args.factor_id, list(dict.fromkeys(table["factor_id"])))
        if close:
            hint = say(f"; menade du {', '.join(close)}?", f"; did you mean {', '.join(close)}?")
        else:  # perhaps a misspelt activity: its suggestions
            said = unknown_activity_message(args.factor_id, factors.activities)
            hint = "; " + say(
                "inte heller en aktivitet; " + _activity_message(said),
                said.replace("not in the activity catalogue", "nor an activity", 1),
            )
        raise UsageError(say("ingen faktor", "no factor") + f" {args.factor_id!r}{hint}")
    from klimatkalk.report._labels import QUALITY_LABELS, text, translate
    from klimatkalk.report._sources import locator

    lang = _lang(args)
    labels = {
        "value": ("värde", "value"),
        "boundary": ("systemgräns", "boundary"),
        "valid": ("giltig", "valid"),
        "quality": ("kvalitet", "quality"),
        "source": ("källa", "source"),
        "locator": ("plats", "locator"),
        "note": ("anmärkning", "note"),
        "file": ("fil", "file"),
        "gases": ("gaser", "gases"),
    }
    width = max(len(label[0 if lang == "sv" else 1]) for label in labels.values()) + 2

    def line(key: str, value: object) -> None:
        sv, en = labels[key]
        print(f"  {_say(lang, sv, en) + ':':<{width}}{value}")

    for row in rows.itertuples(index=False):
        source = factors.sources[str(row.source_id)]
        value = str(row.value).replace(".", ",") if lang == "sv" else str(row.value)
        gwp = f", {row.gwp_set}" if isinstance(row.gwp_set, str) else ""
        boundary = row.boundary if isinstance(row.boundary, str) else "—"
        print(f"{row.factor_id}  ({row.activity})")
        line("value", f"{value} {row.unit}  {_say(lang, 'gas', 'gas')} {row.gas}{gwp}")
        line(
            "boundary",
            text(boundary, lang) if boundary in ("lifecycle", "combustion") else boundary,
        )
        line("valid", f"{row.valid_from}–{row.valid_to}")
        if isinstance(row.quality, str):
            line("quality", translate(QUALITY_LABELS, row.quality, lang))
        line("source", source.citation())
        line("locator", locator(str(row.source_locator), lang))
        if isinstance(row.note, str):
            line("note", row.note + _say(lang, " (originaltext)", ""))
        line("file", f"{row.file}:{row.line}")
        components = factors.components
        parts = components[
            (components["factor_id"] == row.factor_id) & (components["source_id"] == row.source_id)
        ]
        if len(parts):
            masses = ", ".join(
                f"{p.gas} {format_significant(float(p.value), lang=lang)} {p.unit}"
                for p in parts.itertuples(index=False)
            )
            line(
                "gases",
                masses
                + _say(
                    lang,
                    " (components.csv; CO2e räknas om med körningens GWP-version)",
                    " (components.csv; CO2e is recomputed with the run's GWP set)",
                ),
            )
        multipliers = factors.high_altitude
        for m in multipliers[multipliers["activity"] == row.activity].itertuples(index=False):
            if m.valid_from <= row.valid_to and m.valid_to >= row.valid_from:
                cited = factors.sources[str(m.source_id)].citation()
                factor = f"{m.multiplier:g}".replace(".", "," if lang == "sv" else ".")
                print(
                    "  "
                    + _say(
                        lang,
                        f"höghöjdsfaktor {factor} på förbränningens CO2, "
                        f"{m.valid_from}–{m.valid_to}: {cited}",
                        f"high-altitude multiplier {factor} on the combustion CO2, "
                        f"{m.valid_from}–{m.valid_to}: {cited}",
                    )
                )
    return EXIT_OK


def _run_factors_diff(args: argparse.Namespace) -> int:
    from klimatkalk.factors.diff import diff_factors
    from klimatkalk.factors.library import BUNDLED, load_factors

    lang = _lang(args)

    def load(spec: str) -> FactorTable:
        if spec.isdigit():
            return _published(load_factors(edition=int(spec)), int(spec))
        _must_be_folder(spec)
        if spec != BUNDLED and not (Path(spec) / "gwp.csv").is_file():
            # a folder of one's own factors is a layer on the shipped set, as with --factors
            print(
                _say(
                    lang,
                    f"{spec}: mappen har ingen gwp.csv och jämförs lagd ovanpå den medföljande "
                    "uppsättningen (som --factors bundled --factors " + spec + ")",
                    f"{spec}: the folder has no gwp.csv and is compared stacked on the shipped "
                    "set (as --factors bundled --factors " + spec + ")",
                )
            )
            return load_factors([BUNDLED, spec])
        return load_factors(spec)

    old, new = load(args.old), load(args.new)
    diff = diff_factors(old, new, gwp_set=args.gwp_set)
    if diff.empty:
        print(_say(lang, "inga skillnader", "no differences"))
        return EXIT_OK
    print(_diff_table(diff, lang))
    if ((diff["old_high_altitude"] > 1) | (diff["new_high_altitude"] > 1)).any():
        print(
            _say(
                lang,
                "Värdena är faktorerna som publicerade (som i factors list). Höghöjdsfaktorn "
                "läggs på flygets CO2 från förbränning i beräkningen; kolumnen Nytt med "
                "höghöjdsfaktor visar värdet som beräkningen använder, och den relativa "
                "ändringen gäller det värdet.",
                "The values are the factors as published (as in factors list). The high-altitude "
                "multiplier is applied to flights' combustion CO2 in a calculation; the column "
                "New with the multiplier shows the value the calculation uses, and the relative "
                "change is of that value.",
            )
        )
    return EXIT_OK


def _diff_table(diff: pd.DataFrame, lang: Lang) -> str:
    """Return ``factors diff``'s table: the factors as published, the multiplier on its own."""
    from klimatkalk.formatting import format_percent
    from klimatkalk.report.readable import localise_frame

    def published(value: object, unit: object) -> str:
        if _missing(value):
            return ""
        number = repr(float(str(value)))
        return f"{number.replace('.', ',') if lang == 'sv' else number} {unit}"

    def multiplier(value: object) -> str:
        return "" if _missing(value) else format_significant(float(str(value)), lang=lang)

    codes = ["activity", "boundary", "valid_from", "valid_to", "change"]
    codes += ["old_factor_id", "old_source_id", "new_factor_id", "new_source_id"]
    shown = localise_frame(diff[codes].fillna(""), lang)
    rows = diff.to_dict("records")
    old = [published(r["old_value"], r["old_unit"]) for r in rows]
    new = [published(r["new_value"], r["new_unit"]) for r in rows]
    shown.insert(7, _say(lang, "Tidigare värde", "Old value"), old)
    shown[_say(lang, "Nytt värde", "New value")] = new
    shown[_say(lang, "Relativ ändring", "Relative change")] = [
        "" if _missing(v) else format_percent(v, 1, lang=lang, sign=True)
        for v in diff["relative_change"]
    ]
    high = (diff["old_high_altitude"] > 1) | (diff["new_high_altitude"] > 1)
    if high.any():  # flights: the multiplier and the value a calculation uses, labelled
        factors, applied = [], []
        for r, shows in zip(rows, high, strict=True):
            before, after = multiplier(r["old_high_altitude"]), multiplier(r["new_high_altitude"])
            factors.append(
                "" if not shows else after if before in ("", after) else f"{before} → {after}"
            )
            value = r["new_kg_co2e_per_unit"]
            applied.append(
                f"{format_significant(float(value), lang=lang)} {r['unit']}"
                if shows and not _missing(value) and r["new_high_altitude"] > 1
                else ""
            )
        shown[_say(lang, "Höghöjdsfaktor", "High-altitude multiplier")] = factors
        shown[_say(lang, "Nytt med höghöjdsfaktor", "New with the multiplier")] = applied
    with pd.option_context("display.width", 250, "display.max_rows", 10_000):
        return str(shown.to_string(index=False))


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
