"""Inputs of the indicator annex: floor area, degree days, fleet, transport types, metrics, groups.

Each is a small table (CSV or xlsx, read with :func:`klimatkalk.io.tables.read_table`: Swedish
headers and numbers, errors that name file, row, column and value) except the target groups,
a TOML file. :func:`read_annex_inputs` reads the files an analyst keeps;
:func:`load_example_annex_inputs` the bundled ones of the synthetic example region
(``klimatkalk/data/example_*.csv``, ``example_groups.toml``; SYNTETISKA DATA).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib.resources import as_file, files
from os import PathLike
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

import pandas as pd

from klimatkalk.errors import ActivityDataError, ErrorReason, Problem
from klimatkalk.io.tables import Column, read_table

__all__ = [
    "AREA_COLUMNS",
    "DEGREE_DAY_COLUMNS",
    "DENOMINATOR_COLUMNS",
    "EXAMPLE_HEATING_SHARE",
    "FLEET_COLUMNS",
    "METRIC_COLUMNS",
    "METRIC_VALUE_COLUMNS",
    "TRANSPORT_TYPE_COLUMNS",
    "AnnexInputs",
    "load_example_annex_inputs",
    "read_annex_inputs",
]

PathArg = str | PathLike[str]

AREA_COLUMNS: Final = (
    Column("year", ("år",), "year"),
    Column("area_m2", ("yta", "area", "lokalyta", "bra", "atemp", "yta_m2"), "number", minimum=0),
    Column("org_unit", ("verksamhet",), required=False),
    Column("site", ("plats", "byggnad", "fastighet"), required=False),
    Column("area_type", ("ytmått", "ytslag", "typ_av_yta"), required=False),
)
DEGREE_DAY_COLUMNS: Final = (
    Column("year", ("år",), "year"),
    Column("degree_days", ("graddagar",), "number", minimum=0),
    Column("normal_degree_days", ("graddagar_normalår", "normalår", "normal"), "number", minimum=0),
    Column("place", ("ort", "plats"), required=False),
)
FLEET_COLUMNS: Final = (
    Column("year", ("år",), "year"),
    Column("transport_type", ("transportslag", "fordonstyp", "typ")),
    Column("vehicles", ("fordon", "antal_fordon"), "number", required=False, minimum=0),
    Column(
        "environmental_vehicles", ("miljöfordon", "miljöbilar"), "number", required=False, minimum=0
    ),
    Column("vehicle_km", ("fordonskm", "fordonskilometer"), "number", required=False, minimum=0),
)
TRANSPORT_TYPE_COLUMNS: Final = (
    Column("transport_type", ("transportslag", "typ")),
    Column("org_unit", ("verksamhet",), required=False),
    Column("site", ("plats",), required=False),
    Column("activity", ("aktivitet",), required=False),
    Column("comment", ("kommentar",), required=False),
)
METRIC_COLUMNS: Final = (
    Column("key", ("nyckel", "id")),
    Column("label", ("mätetal", "benämning")),
    Column("unit", ("enhet",)),
    Column("direction", ("riktning",)),
    Column("base_year", ("basår",), "year", required=False),
    Column("target_value", ("målvärde",), "number", required=False),
    Column("target_change", ("målförändring",), "number", required=False),
    Column("target_year", ("målår",), "year", required=False),
    Column("threshold", ("tröskel", "gräns"), "number", required=False, minimum=0),
    Column("threshold_kind", ("tröskeltyp",), required=False),
    Column("path", ("bana",), required=False),
    Column("path_start_year", ("banans_startår",), "year", required=False),
    Column("decimals", ("decimaler",), "number", required=False, minimum=0),
    Column("goal", ("mål",), required=False),
    Column("source", ("källa",), required=False),
)
METRIC_VALUE_COLUMNS: Final = (
    Column("metric", ("mätetal", "nyckel")),
    Column("year", ("år",), "year"),
    Column("value", ("värde", "utfall"), "number", required=False),
    Column("gap_reason", ("orsak", "orsak_till_saknat_värde"), required=False),
    Column("note", ("anmärkning", "fotnot", "metodändring"), required=False),
)
DENOMINATOR_COLUMNS: Final = (
    Column("year", ("år",), "year"),
    Column("denominator", ("nämnare", "mått")),
    Column("value", ("värde", "antal"), "number", minimum=0),
)
"""Denominators of intensities (``intensity:<category>:<denominator>``): inhabitants,
employees, care days… per year."""

_WORDS: Final = MappingProxyType(
    {
        "direction": {"lägre": "lower", "lower": "lower", "högre": "higher", "higher": "higher"},
        "threshold_kind": {
            "relativ": "relative",
            "relative": "relative",
            "absolut": "absolute",
            "absolute": "absolute",
        },
        "path": {
            "linjär": "linear",
            "linear": "linear",
            "konstant_takt": "constant_rate",
            "constant_rate": "constant_rate",
        },
    }
)

EXAMPLE_HEATING_SHARE: Final = MappingProxyType({"district_heating": 0.75})
"""Temperature-dependent share of the example region's district heating: its generator puts
25 % of the heat into a flat hot-water share (``scripts/make_example_region.py``,
``HOT_WATER``); the same 25 % as in Älvsbyns Energi's worked example."""


@dataclass(frozen=True)
class AnnexInputs:
    """The inputs of the indicator annex besides the activity data (plain tables).

    Attributes
    ----------
    area, degree_days, fleet, transport_types, metrics, metric_values : DataFrame or None
        The tables, with the column names of ``*_COLUMNS`` (``origin_row`` added).
    groups : dict
        The parsed groups TOML (``{"group": [...]}``); empty without groups.
    groups_source : str or None
        The groups file's name (not its folder), which the annex names as where the groups
        are defined.
    denominators : DataFrame or None
        For intensities: ``year``, ``denominator``, ``value``.
    heating_share : mapping of str to float
        Carrier → temperature-dependent share, for the normal-year correction.
    place : str or None
        Which place's degree days to use.
    """

    area: pd.DataFrame | None = None
    degree_days: pd.DataFrame | None = None
    fleet: pd.DataFrame | None = None
    transport_types: pd.DataFrame | None = None
    metrics: pd.DataFrame | None = None
    metric_values: pd.DataFrame | None = None
    groups: dict[str, Any] = field(default_factory=dict)
    denominators: pd.DataFrame | None = None
    heating_share: dict[str, float] = field(default_factory=dict)
    place: str | None = None
    groups_source: str | None = None

    def as_kwargs(self) -> dict[str, Any]:
        """Return the inputs as keyword arguments of ``build_annex``."""
        return {
            "area": self.area,
            "degree_days": self.degree_days,
            "fleet": self.fleet,
            "transport_types": self.transport_types,
            "metrics": self.metrics,
            "metric_values": self.metric_values,
            "groups": self.groups,
            "groups_source": self.groups_source,
            "denominators": self.denominators,
            "heating_share": self.heating_share,
            "place": self.place,
        }


def read_annex_inputs(
    *,
    area: PathArg | None = None,
    degree_days: PathArg | None = None,
    fleet: PathArg | None = None,
    transport_types: PathArg | None = None,
    metrics: PathArg | None = None,
    metric_values: PathArg | None = None,
    groups: PathArg | None = None,
    denominators: PathArg | pd.DataFrame | None = None,
    heating_share: dict[str, float] | None = None,
    place: str | None = None,
) -> AnnexInputs:
    r"""Read the annex inputs from files; every file is optional.

    Each table read from a file carries its path in ``frame.attrs["origin_file"]`` (and the
    row as the file shows it in ``origin_row``), so that later checks, such as a metric value
    for a metric the metric table does not define, name the file and row.

    Raises
    ------
    ActivityDataError
        If a table cannot be read (file, row, column and value named) or a word in the
        metric table is not understood.
    FileNotFoundError
        If a file does not exist.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "graddagar.csv").write_text(
    ...     "År;Ort;Graddagar;Normalår\n2024;Västerås;3 640;4 000\n", encoding="utf-8")
    >>> read_annex_inputs(degree_days=folder / "graddagar.csv").degree_days[
    ...     ["year", "place", "degree_days", "normal_degree_days"]].to_dict("records")
    [{'year': 2024, 'place': 'Västerås', 'degree_days': 3640.0, 'normal_degree_days': 4000.0}]
    """

    def table(path: PathArg | None, columns: tuple[Column, ...], what: str) -> pd.DataFrame | None:
        if path is None:
            return None
        frame = read_table(path, columns, what=what)
        frame.attrs["origin_file"] = str(path)
        return frame

    metric_table = table(metrics, METRIC_COLUMNS, "metric table")
    if metric_table is not None:
        metric_table = _translate(metric_table, str(metrics))
        metric_table.attrs["origin_file"] = str(metrics)
    denominator_table = (
        denominators
        if denominators is None or isinstance(denominators, pd.DataFrame)
        else table(denominators, DENOMINATOR_COLUMNS, "denominator table")
    )
    return AnnexInputs(
        area=table(area, AREA_COLUMNS, "floor-area table"),
        degree_days=table(degree_days, DEGREE_DAY_COLUMNS, "degree-day table"),
        fleet=table(fleet, FLEET_COLUMNS, "fleet table"),
        transport_types=table(transport_types, TRANSPORT_TYPE_COLUMNS, "transport-type table"),
        metrics=metric_table,
        metric_values=table(metric_values, METRIC_VALUE_COLUMNS, "metric-value table"),
        groups={} if groups is None else _read_toml(Path(groups)),
        denominators=denominator_table,
        heating_share=dict(heating_share or {}),
        place=place,
        groups_source=None if groups is None else Path(groups).name,
    )


def load_example_annex_inputs() -> AnnexInputs:
    """Load the annex inputs of the synthetic example region (SYNTETISKA DATA).

    Floor area per site (the sites of ``example_region.csv``), degree days of a fictional
    place, the fleet (bus vehicle-km as in the activity data's generator), transport-type rules,
    metrics with targets, user metric values, two target groups, inhabitants as the
    denominator, and a heating share of 0.75 for district heating
    (:data:`EXAMPLE_HEATING_SHARE`).

    Examples
    --------
    >>> inputs = load_example_annex_inputs()
    >>> float(inputs.area.loc[inputs.area["year"] == 2024, "area_m2"].sum())
    357910.0
    >>> [g["key"] for g in inputs.groups["group"]]
    ['energianvandning', 'inkop']
    """
    from klimatkalk.io.examples import EXAMPLE_REGION_INHABITANTS

    root = files("klimatkalk").joinpath("data")
    names = {
        "area": "example_area.csv",
        "degree_days": "example_degree_days.csv",
        "fleet": "example_fleet.csv",
        "transport_types": "example_transport_types.csv",
        "metrics": "example_metrics.csv",
        "metric_values": "example_metric_values.csv",
        "groups": "example_groups.toml",
    }
    paths: dict[str, Path] = {}
    for key, name in names.items():
        with as_file(root.joinpath(name)) as path:
            paths[key] = Path(path)
    denominators = pd.DataFrame(
        {
            "year": list(EXAMPLE_REGION_INHABITANTS),
            "denominator": "inhabitants",
            "value": [float(v) for v in EXAMPLE_REGION_INHABITANTS.values()],
        }
    )
    return read_annex_inputs(
        **paths,
        denominators=denominators,
        heating_share=dict(EXAMPLE_HEATING_SHARE),
        place="Exempelstad",
    )


def _translate(frame: pd.DataFrame, file: str) -> pd.DataFrame:
    """Swedish words of the metric table (``lägre``, ``absolut``) to the codes."""
    out = frame.copy()
    problems: list[Problem] = []
    for column, words in _WORDS.items():
        values: list[str | None] = []
        for raw, row in zip(out[column], out["origin_row"], strict=True):
            if raw is None:
                values.append(None)
                continue
            key = "_".join(str(raw).split()).casefold()
            if key not in words:
                problems.append(
                    Problem(
                        file,
                        int(row),
                        column,
                        raw,
                        ErrorReason.INVALID_VALUE,
                        f"one of {sorted(set(words))}",
                    )
                )
            values.append(words.get(key))
        out[column] = values
    if problems:
        raise ActivityDataError(problems, headline="metric table cannot be read")
    return out


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise FileNotFoundError(path)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ActivityDataError(
            [Problem(str(path), None, None, None, ErrorReason.INVALID_VALUE, str(exc))],
            headline="groups file cannot be read",
        ) from None
