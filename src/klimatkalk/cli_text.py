"""The command line's own words in Swedish (the default) or English: argparse's, and ours.

argparse writes ``usage:``, ``options:``, ``error:`` and its messages (``the following arguments
are required``, ``invalid choice``, ``unrecognized arguments``, ``expected one argument``) in
English. :class:`Parser` says them in the run's language instead, and :func:`say` picks the
Swedish or English text of a help text or a message.

The language of a run is chosen before the arguments are parsed (:func:`choose_language`):
``--lang sv|en`` anywhere on the command line, else the environment variable
``KLIMATKALK_LANG``, else Swedish. :func:`speaking` sets it while the parser is built and the
command runs, so the help texts, argparse's messages and the error lines agree.

What stays English: the option names and the codes a user types (``--gwp-set``, ``lifecycle``,
``comma``), which are the same in both languages.
"""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Final, Literal, NoReturn

__all__ = [
    "Parser",
    "argparse_message",
    "choose_language",
    "current_language",
    "say",
    "speaking",
]

CliLang = Literal["sv", "en"]

_LANG: ContextVar[CliLang] = ContextVar("klimatkalk_cli_lang", default="sv")


def choose_language(argv: Sequence[str]) -> CliLang:
    """Return the run's language: ``--lang`` in ``argv``, else ``KLIMATKALK_LANG``, else Swedish.

    An unknown value is left to the parser to refuse; the run then speaks Swedish.

    Examples
    --------
    >>> choose_language(["calculate", "a.csv", "--lang", "en"])
    'en'
    >>> choose_language(["report", "--lang=sv"])
    'sv'
    """
    given: str | None = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            given = argv[i + 1]
        elif arg.startswith("--lang="):
            given = arg.removeprefix("--lang=")
    if given is None:
        given = os.environ.get("KLIMATKALK_LANG", "sv")
    return "en" if given.strip().lower() == "en" else "sv"


def current_language() -> CliLang:
    """Return the language the command line speaks now (Swedish unless :func:`speaking` says)."""
    return _LANG.get()


@contextmanager
def speaking(lang: CliLang) -> Iterator[None]:
    """Speak ``lang`` while the block runs (the parser's texts, its messages, our messages)."""
    token = _LANG.set(lang)
    try:
        yield
    finally:
        _LANG.reset(token)


def say(sv: str, en: str) -> str:
    """Return ``sv`` or ``en``, in the language the command line speaks now."""
    return sv if _LANG.get() == "sv" else en


# argparse's messages (Python 3.11's wording) → Swedish. The groups keep what the user typed.
_ARGPARSE_SV: Final[tuple[tuple[str, str], ...]] = (
    (r"the following arguments are required: (?P<a>.+)", "följande argument krävs: {a}"),
    (r"unrecognized arguments: (?P<a>.+)", "okända argument: {a}"),
    (r"expected one argument", "ett värde krävs"),
    (r"expected at most one argument", "högst ett värde är tillåtet"),
    (r"expected at least one argument", "minst ett värde krävs"),
    (r"expected (?P<n>\d+) arguments?", "{n} värden krävs"),
    (
        r"invalid choice: (?P<v>.+) \(choose from (?P<c>.+)\)",
        "ogiltigt val: {v} (välj ett av {c})",
    ),
    (r"invalid (?P<t>\w+) value: (?P<v>.+)", "ogiltigt värde: {v}"),
    (r"ambiguous option: (?P<o>\S+) could match (?P<m>.+)", "flertydig flagga: {o} kan vara {m}"),
    (r"one of the arguments (?P<a>.+) is required", "ett av argumenten {a} krävs"),
    (r"not allowed with argument (?P<a>.+)", "kan inte kombineras med {a}"),
    (r"ignored explicit argument (?P<a>.+)", "värdet {a} tas inte emot"),
)
_ARGPARSE_COMPILED: Final = tuple((re.compile(p), sv) for p, sv in _ARGPARSE_SV)
_COMMAND_CHOICE: Final = re.compile(
    r"argument \{[^}]*\}: invalid choice: (?P<v>.+) \(choose from (?P<c>.+)\)", re.S
)
_ARGUMENT: Final = re.compile(r"argument (?P<name>\S+(?:/\S+)?): (?P<rest>.+)", re.S)


def argparse_message(message: str, lang: CliLang) -> str:
    """Return an argparse error message in ``lang``; a message of another shape as it is.

    Examples
    --------
    >>> argparse_message("the following arguments are required: activities", "sv")
    'följande argument krävs: activities'
    >>> argparse_message("argument --sheet: expected one argument", "sv")
    'argumentet --sheet: ett värde krävs'
    """
    if lang != "sv":
        return message
    found = _ARGUMENT.fullmatch(message)
    command = _COMMAND_CHOICE.fullmatch(message)
    if command is not None:  # argparse names the subcommands' choices as "argument {a,b}"
        return f"okänt kommando {command['v']} (välj ett av {command['c']})"
    if found is not None:
        return f"argumentet {found['name']}: {_translated(found['rest'])}"
    return _translated(message)


def _translated(message: str) -> str:
    for pattern, template in _ARGPARSE_COMPILED:
        found = pattern.fullmatch(message)
        if found is not None:
            return template.format(**found.groupdict())
    return message


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter with ``användning:`` for ``usage:`` in Swedish."""

    def add_usage(
        self,
        usage: str | None,
        actions: object,
        groups: object,
        prefix: str | None = None,
    ) -> None:
        if prefix is None:
            prefix = say("användning: ", "usage: ")
        super().add_usage(usage, actions, groups, prefix)  # type: ignore[arg-type]


class Parser(argparse.ArgumentParser):
    """An argument parser that speaks the run's language, its errors one line (exit code 2).

    Its subcommands' parsers are of the same class (argparse makes them with ``type(self)``).
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = say("argument", "positional arguments")
        self._optionals.title = say("flaggor", "options")
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = say("visa den här hjälpen och avsluta", "show this help and exit")

    def error(self, message: str) -> NoReturn:
        """Print the usage error as one line on stderr and exit with code 2."""
        said = argparse_message(message, current_language())
        self.exit(
            2,
            f"{self.prog}: {say('fel', 'error')}: {said} ({say('se', 'see')} {self.prog} --help)\n",
        )
