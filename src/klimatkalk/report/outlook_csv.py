"""The outlook's tables as CSV for people: the headings and words of the report, in Swedish.

``klimatkalk scenario`` writes its tables (forecast, scenario per year, measures, uncertainty,
organisation) for a Swedish Excel: each column gets a heading that says what it holds and in
which unit, category codes become their names and yes/no columns *Ja*/*Nej*. ``--machine-csv``
keeps the API's codes instead.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from klimatkalk.report._labels import Lang, category_label, column_label, text, translate

__all__ = ["HEADINGS", "readable_outlook_table"]

HEADINGS: Final[dict[str, tuple[str, str]]] = {
    "measure": ("Åtgärd", "Measure"),
    "kind": ("Typ av åtgärd", "Kind of measure"),
    "from_year": ("Från år", "From year"),
    "in_order_t_co2e": (
        "Effekt i ordning {target_year} (t CO2e)",
        "Effect in order {target_year} (t CO2e)",
    ),
    "alone_t_co2e": ("Effekt ensam {target_year} (t CO2e)", "Effect alone {target_year} (t CO2e)"),
    "alone_cumulative_t_co2e": (
        "Effekt ensam, summa till {target_year} (t CO2e)",
        "Effect alone, summed to {target_year} (t CO2e)",
    ),
    "cost_sek": ("Kostnad per år (kr)", "Cost a year (SEK)"),
    "cost_total_sek": ("Kostnad totalt (kr)", "Total cost (SEK)"),
    "sek_per_t_co2e": ("Kostnad per t CO2e (kr)", "Cost per t CO2e (SEK)"),
    "org_level_unit": ("Enhet", "Unit"),
    "base_t_co2e": ("Basår {base_year} (t CO2e)", "Base year {base_year} (t CO2e)"),
    "year_t_co2e": ("{year} (t CO2e)", "{year} (t CO2e)"),
    "change": ("Förändring mot {base_year} (andel)", "Change against {base_year} (fraction)"),
    "change_low": ("Förändring, nedre gräns (andel)", "Change, lower bound (fraction)"),
    "change_high": ("Förändring, övre gräns (andel)", "Change, upper bound (fraction)"),
    "within_noise": ("Oförändrad inom osäkerheten", "Unchanged within the uncertainty"),
    "mean_t_co2e": ("Medel av dragningarna (t CO2e)", "Mean of the draws (t CO2e)"),
    "low_t_co2e": ("Nedre gräns (t CO2e)", "Lower bound (t CO2e)"),
    "high_t_co2e": ("Övre gräns (t CO2e)", "Upper bound (t CO2e)"),
    "rsd": ("Relativ standardavvikelse", "Relative standard deviation"),
    "target_t_co2e": ("Mål {target_year} (t CO2e)", "Target {target_year} (t CO2e)"),
    "projected_t_co2e": ("Prognos {target_year} (t CO2e)", "Forecast {target_year} (t CO2e)"),
    "meets": ("Klarar målet", "Meets the target"),
    "crossing_year": ("Når målnivån år", "Reaches the target level in"),
    "gap_t_co2e": ("Gap mot målet (t CO2e)", "Gap to the target (t CO2e)"),
    "target_reduction": ("Målets minskning (andel)", "Target reduction (fraction)"),
    "baseline_t_co2e": ("Utan åtgärder (t CO2e)", "Without measures (t CO2e)"),
    "scenario_t_co2e": ("Med åtgärder (t CO2e)", "With measures (t CO2e)"),
}
"""Column code → (Swedish, English) heading where the report's own label (``column_label``)
does not say it; ``{year}``-style fields are filled in."""

_PATH_GAP: Final = ("Gap mot målbanan (t CO2e)", "Gap to the path (t CO2e)")
_KINDS: Final[dict[str, tuple[str, str]]] = {
    "change_pct": ("förändring i procent", "change in percent"),
    "change_abs": ("förändring i mängd", "change in quantity"),
    "switch": ("byte av aktivitet", "switch of activity"),
    "abatement": ("rening", "abatement"),
}


def readable_outlook_table(
    frame: pd.DataFrame,
    lang: Lang,
    *,
    year: int,
    base_year: int,
    target_year: int,
    gap_to_path: bool = False,
) -> pd.DataFrame:
    """Return an outlook table with headings and words for people (``lang``).

    ``gap_to_path``: the table's ``gap_t_co2e`` is the gap to the path (the scenario per year),
    not to the target value.

    Examples
    --------
    >>> frame = pd.DataFrame({"category": ["total", "energy"], "meets": [False, True]})
    >>> readable_outlook_table(frame, "sv", year=2024, base_year=2019, target_year=2030)
      Kategori Klarar målet
    0   Totalt          Nej
    1   Energi           Ja
    """
    out = frame.copy()
    if "category" in out:
        out["category"] = [category_label(c, lang) for c in out["category"].astype(object)]
    if "org_level_unit" in out:
        out["org_level_unit"] = [
            text("total", lang) if u == "total" else u for u in out["org_level_unit"].astype(object)
        ]
    if "kind" in out:
        out["kind"] = [str(translate(_KINDS, k, lang)) for k in out["kind"].astype(object)]
    for column in ("meets", "within_noise"):
        if column in out:
            out[column] = [
                text("yes" if v else "no", lang) if isinstance(v, bool) or v in (0, 1) else v
                for v in out[column].astype(object)
            ]
    fields = {"year": year, "base_year": base_year, "target_year": target_year}
    headings = {}
    for column in out.columns:
        pair = _PATH_GAP if gap_to_path and column == "gap_t_co2e" else HEADINGS.get(str(column))
        if pair is None:
            headings[column] = column_label(str(column), lang, **fields)
        else:
            headings[column] = pair[0 if lang == "sv" else 1].format(**fields)
    return out.rename(columns=headings)
