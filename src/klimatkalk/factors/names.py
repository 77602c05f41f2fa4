"""Activity names as analysts write them: codes, and the catalogue's labels as aliases.

An activity is named by its code (``district_heating_vasteras``) or by its label in the catalogue
(``activities.csv``: ``label_sv``, also ``label_en``), with or without the label's closing
parenthesis: ``Fjärrvärme, Västerås (Mälarenergi)`` and ``Fjärrvärme, Västerås`` both name
``district_heating_vasteras``, ``Diesel`` names ``diesel``, ``Lustgas`` names ``nitrous_oxide``.
Case, runs of whitespace and separating punctuation (``fjärrvärme västerås``) do not matter.
A shortened label that would name two activities names neither. A name that is none of these
gets the closest codes and labels as a suggestion (:func:`unknown_activity_message`).

Names are resolved once per *distinct* value (:func:`resolve_activity_names`), never per row.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from klimatkalk.factors.activities import Activity

__all__ = [
    "FAMILY_WORDS",
    "activity_families",
    "activity_names",
    "normalise_name",
    "resolve_activity_names",
    "unknown_activity_message",
]

_SPACES: Final = re.compile(r"\s+")
_SEPARATORS: Final = re.compile(r"[,;:/\-\u2013\u2014]")
_TRAILING_PARENTHESIS: Final = re.compile(r"\s*\([^()]*\)\s*$")


def normalise_name(text: str) -> str:
    """Return a name as it is compared: case-folded, punctuation as spaces, spaces collapsed.

    Separating punctuation (``, ; : / -`` and dashes) counts as a space, whitespace runs as one
    space, and there are no spaces at the ends: ``Fjärrvärme, Malmö`` and ``fjärrvärme malmö``
    are one name.

    Examples
    --------
    >>> normalise_name("  Fjärrvärme,   VÄSTERÅS ")
    'fjärrvärme västerås'
    >>> normalise_name("Fjärrvärme – Malmö") == normalise_name("fjärrvärme malmö")
    True
    """
    return _SPACES.sub(" ", _SEPARATORS.sub(" ", str(text))).strip().casefold()


def activity_names(activities: Mapping[str, Activity]) -> dict[str, str]:
    """Every accepted name of an activity (normalised) → its code.

    Codes always name themselves; labels and labels without their closing parenthesis are
    added where they name one activity only.

    Examples
    --------
    >>> import klimatkalk as kk
    >>> names = activity_names(kk.load_factors().activities)
    >>> names["fjärrvärme västerås"], names["lustgas"], names["diesel"]
    ('district_heating_vasteras', 'nitrous_oxide', 'diesel')
    """
    candidates: dict[str, set[str]] = {}
    for code, activity in activities.items():
        for label in (activity.label_sv, activity.label_en):
            if not label:
                continue
            for name in {label, _TRAILING_PARENTHESIS.sub("", label)}:
                key = normalise_name(name)
                if key:
                    candidates.setdefault(key, set()).add(code)
    names = {key: next(iter(codes)) for key, codes in candidates.items() if len(codes) == 1}
    names.update({normalise_name(code): code for code in activities})
    return names


def resolve_activity_names(values: pd.Series, activities: Mapping[str, Activity]) -> pd.Series:
    """Activity codes for a categorical column of names; unknown names are kept as written.

    Each distinct value is looked up once; the result is categorical with the same index.
    When every value already is a code, ``values`` itself is returned.

    Examples
    --------
    >>> import klimatkalk as kk
    >>> names = pd.Series(["Lustgas", "diesel", "Fjärrvärme, Västerås", "okänt"], dtype="category")
    >>> resolve_activity_names(names, kk.load_factors().activities).tolist()
    ['nitrous_oxide', 'diesel', 'district_heating_vasteras', 'okänt']
    """
    categorical = (
        values if isinstance(values.dtype, pd.CategoricalDtype) else values.astype("category")
    )
    categories = [str(c) for c in categorical.cat.categories]
    if all(c in activities for c in categories):
        return values
    names = activity_names(activities)
    renamed = [c if c in activities else names.get(normalise_name(c), c) for c in categories]
    new_categories, new_codes = np.unique(np.asarray(renamed, dtype=object), return_inverse=True)
    old_codes = categorical.cat.codes.to_numpy()
    lookup = np.append(new_codes.astype(np.int32), np.int32(-1))  # code -1 (missing) stays -1
    codes = lookup[old_codes]
    resolved = pd.Categorical.from_codes(codes, categories=pd.Index(new_categories))
    return pd.Series(resolved, index=values.index, name=values.name)


FAMILY_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "electricity": ("el", "elektricitet", "elen", "elenergi", "ström", "electricity"),
    "district_heating": ("fjärrvärme", "fjärrvärmen", "fjv", "district heating", "district_heat"),
    "district_cooling": ("fjärrkyla", "fjärrkylan", "district cooling", "district_cold"),
}
"""The words a user writes for a family of activities that the catalogue splits (by mix, by
network): subcategory → names, normalised (:func:`normalise_name`)."""

_WORD_SPLIT: Final = re.compile(r"[\s,;:/()_-]+")


def activity_families(activities: Mapping[str, Activity]) -> dict[str, list[str]]:
    """Return the catalogue's activities of each family of :data:`FAMILY_WORDS`, in order.

    A family is a subcategory whose activities a user may name by one word (``el``,
    ``fjärrvärme``) although the catalogue holds one per electricity mix or heating network.

    Examples
    --------
    >>> import klimatkalk as kk
    >>> activity_families(kk.load_factors().activities)["electricity"]  # doctest: +ELLIPSIS
    ['electricity_nordic_mix', 'electricity_residual_mix', ...]
    """
    families: dict[str, list[str]] = {family: [] for family in FAMILY_WORDS}
    for code, activity in activities.items():
        if activity.subcategory in families:
            families[activity.subcategory].append(code)
    return {family: codes for family, codes in families.items() if codes}


def _family_of(name: str) -> str | None:
    """Return the family ``name`` stands for, by the whole name or its first word."""
    key = normalise_name(name)
    words = [w for w in _WORD_SPLIT.split(key) if w]
    for family, names in FAMILY_WORDS.items():
        if key in names or key.replace("_", " ") in names or (words and words[0] in names):
            return family
    return None


def unknown_activity_message(name: str, activities: Mapping[str, Activity]) -> str:
    """Why ``name`` is not an activity, with the closest codes and labels as a suggestion.

    A name that stands for a family of activities (``el``, ``elektricitet``, ``fjärrvärme``,
    see :data:`FAMILY_WORDS`) is answered with every activity of that family.

    Examples
    --------
    >>> import klimatkalk as kk
    >>> unknown_activity_message("disel", kk.load_factors().activities)  # doctest: +ELLIPSIS
    "not in the activity catalogue; did you mean 'diesel' (Diesel (pumpdiesel ...)..."
    >>> unknown_activity_message("el", kk.load_factors().activities)  # doctest: +ELLIPSIS
    "not in the activity catalogue; did you mean 'electricity_nordic_mix' (El, nordisk ...)..."
    """
    family = _family_of(name)
    codes = activity_families(activities).get(family, []) if family is not None else []
    if not codes:
        names = activity_names(activities)
        close = difflib.get_close_matches(normalise_name(name), list(names), n=6, cutoff=0.6)
        codes = list(dict.fromkeys(names[c] for c in close))[:3]
    text = "not in the activity catalogue"
    if codes:
        shown = ", ".join(f"{c!r} ({activities[c].label_sv})" for c in codes)
        text += f"; did you mean {shown}?"
    return text + " (see klimatkalk factors list)"
