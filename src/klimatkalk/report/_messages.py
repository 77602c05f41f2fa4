"""Swedish wording of the messages that explain a rejected row.

The library's messages (``result.rejected["message"]``, ``ActivityTable.problems``) are English,
and stay so for programs. Outputs written for people in Swedish (the rejected rows of
``klimatkalk calculate``) show them through :func:`message_text`: each known message shape is
matched by a pattern and said in Swedish, with the values it quotes (a unit, a year, the
suggested activities) kept as they are. A message of an unknown shape is returned unchanged, so
nothing is ever lost; ``tests/unit/test_readable.py`` checks that the messages of the usual
mistakes all read in Swedish.
"""

from __future__ import annotations

import re
from typing import Final

from klimatkalk.report._labels import Lang

__all__ = ["message_text", "note_text"]

_DIMENSIONS_SV: Final[dict[str, str]] = {
    "volume": "volym",
    "normal_volume": "normalvolym",
    "mass": "massa",
    "energy": "energi",
    "distance": "sträcka",
    "currency": "pengar",
    "time": "tid",
    "passenger_distance": "personkm",
    "vehicle_distance": "fordonskm",
}
_DISTANCE_KINDS_SV: Final[dict[str, str]] = {
    "person-km (pkm, personkm)": "personkm (pkm)",
    "vehicle-km (vkm, fordonskm)": "fordonskm (vkm)",
}
_BOUNDARIES_SV: Final[dict[str, str]] = {"lifecycle": "livscykel", "combustion": "förbränning"}
_PREFIXED_SV: Final[dict[str, str]] = {
    "megawatt-hours": "megawattimmar",
    "milliwatt-hours": "milliwattimmar",
    "megajoules": "megajoule",
    "millijoules": "millijoule",
    "megawatts": "megawatt",
    "milliwatts": "milliwatt",
}
"""The units named in the refusal of a prefix whose case decides (``mWh`` for ``MWh``)."""
_HINT: Final = 'pass decimal="," or decimal="." to say which is the decimal mark'
_HINT_SV: Final = "ange decimaltecknet (--decimal comma eller --decimal point)"

# (English pattern, Swedish template); groups are kept as they are unless a table names them.
_PATTERNS: Final[tuple[tuple[str, str], ...]] = (
    # the activity (klimatkalk.factors.names.unknown_activity_message)
    (
        r"not in the activity catalogue; did you mean (?P<codes>.+)\? "
        r"\(see klimatkalk factors list\)",
        "menade du {codes}? (se klimatkalk factors list)",
    ),
    (
        r"not in the activity catalogue \(see klimatkalk factors list\)",
        "se klimatkalk factors list",
    ),
    (r"the activity is empty", "aktiviteten saknas"),
    (
        r"abated_fraction is the share of a gas destroyed or captured \(nitrous oxide, "
        r"anaesthetic gases, refrigerants\); this activity's factor is in CO2e, not a gas "
        r"emitted as itself",
        "andel destruerad gäller en gas som destrueras eller fångas in (lustgas, anestesigaser, "
        "köldmedier); den här aktivitetens faktor är i CO2e, inte en gas som släpps ut som sig "
        "själv",
    ),
    (
        r"a date, not a year: write the year alone \(e\.g\. 2024\)",
        "ett datum, inte ett år: skriv bara året (t.ex. 2024)",
    ),
    # the factor set and the file (klimatkalk.factors.library, klimatkalk.io.reading)
    (
        r"no factors published up to edition (?P<e>\d+); the first edition with factors is "
        r"(?P<f>\d+)",
        "inga faktorer publicerade till och med utgåva {e}; den första utgåvan med faktorer är {f}",
    ),
    (
        r"no factors published up to edition (?P<e>\d+)",
        "inga faktorer publicerade till och med utgåva {e}",
    ),
    (r"no data rows", "inga datarader"),
    # files that cannot be read (klimatkalk.io.reading, csv_dialect, xlsx_safety, example_files)
    (r"the file is empty", "filen är tom"),
    (
        r"a folder, not a file: name the files in it \(folder/\*\.xlsx\)",
        "en mapp, inte en fil: ange filerna i den (mapp/*.xlsx)",
    ),
    (
        r"not an xlsx workbook \(not a zip archive: .*\)",
        "inte en xlsx-arbetsbok (inte ett zip-arkiv)",
    ),
    (
        r"an old binary \.xls workbook or a password-protected one; save it as \.xlsx",
        "en gammal binär .xls-arbetsbok eller en lösenordsskyddad; spara den som .xlsx",
    ),
    (
        r"an old binary Excel workbook; save it as \.xlsx",
        "en gammal binär Excel-arbetsbok (.xls); spara den som .xlsx",
    ),
    (
        r"a binary Excel workbook; save it as \.xlsx",
        "en binär Excel-arbetsbok (.xlsb); spara den som .xlsx",
    ),
    (
        r"an OpenDocument spreadsheet; save it as \.xlsx",
        "ett OpenDocument-kalkylark (.ods); spara det som .xlsx",
    ),
    (
        r"read \.csv, \.txt, \.tsv, \.xlsx or \.xlsm files",
        "klimatkalk läser filer av typerna .csv, .txt, .tsv, .xlsx och .xlsm",
    ),
    (
        r"the workbook has no sheet (?P<sheet>'.*'); the sheets are \[(?P<sheets>.*)\] "
        r"\(a position counts from 0\)",
        "arbetsboken har inget blad {sheet}; bladen är {sheets} (en position räknas från 0)",
    ),
    (
        r"no header row with the columns (?P<names>.+) in the first (?P<n>\d+) rows",
        "ingen rubrikrad med kolumnerna {names} bland de första {n} raderna",
    ),
    (
        r"exists already: (?P<files>.+) \(--overwrite replaces them\)",
        "finns redan: {files} (--overwrite ersätter dem)",
    ),
    (
        r"(?P<folder>.+) is a file; write_report needs a folder",
        "{folder} är en fil; rapporten skrivs i en mapp (-o MAPP)",
    ),
    (
        r"target year (?P<target>\d+) must be after the latest reported year (?P<latest>\d+) "
        r"and at most the horizon (?P<horizon>\d+)",
        "målåret {target} måste ligga efter det senaste redovisade året {latest} och högst vid "
        "prognosens slutår {horizon}",
    ),
    # cells of a workbook (klimatkalk.io.layout)
    (
        r"formula_without_value: the formula has no saved value and klimatkalk does not evaluate "
        r"formulas; open the file in Excel and save it, or paste the values",
        "formeln har inget sparat värde och klimatkalk räknar inte ut formler; öppna filen i "
        "Excel och spara den, eller klistra in värdena",
    ),
    (
        r"Excel error value (?P<value>#[A-Z0-9/!?]+): the formula fails in Excel",
        "Excel-felvärdet {value}: formeln ger fel i Excel",
    ),
    # a factor file (klimatkalk.factors.tables)
    (
        r"not UTF-8: save the file as 'CSV UTF-8 \(kommaavgränsad\)'",
        "inte UTF-8: spara filen som 'CSV UTF-8 (kommaavgränsad)'",
    ),
    (
        r"the columns are separated by ';': factor files are comma-separated; save the file as "
        r"'CSV UTF-8 \(kommaavgränsad\)' with a decimal point",
        "kolumnerna är avgränsade med ';': faktorfiler är kommaavgränsade; spara filen som "
        "'CSV UTF-8 (kommaavgränsad)' med decimalpunkt",
    ),
    (
        r"a number with a decimal point \(0\.045\), not a comma",
        "ett tal med decimalpunkt (0.045), inte komma",
    ),
    (r"Input should be a valid number.*", "värdet ska vara ett tal"),
    (r"Input should be a valid integer.*", "värdet ska vara ett heltal"),
    (r"Field required", "värdet saknas"),
    (r"required column missing", "en kolumn som krävs saknas"),
    (r"unknown column; expected (?P<names>.+)", "okänd kolumn; kolumnerna är {names}"),
    (r"duplicate column", "kolumnen finns två gånger"),
    # a factor folder of one's own (klimatkalk.factors.library)
    (
        r"no (?P<file>\w+\.csv) in (?P<where>.+); a folder of your own is loaded on top of the "
        r"bundled set: load_factors\(\[(?P<args>.+)\]\), or --factors bundled --factors <folder>",
        "{file} saknas i {where}; en egen mapp läses in ovanpå de medföljande faktorerna: "
        "--factors bundled --factors <mapp> (i Python: load_factors([{args}]))",
    ),
    (r"no (?P<file>\w+\.csv) in (?P<where>.+)", "{file} saknas i {where}"),
    (r"not a folder: (?P<folder>.+)", "inte en mapp: {folder}"),
    (r"activity not in activities\.csv", "aktiviteten finns inte i activities.csv"),
    (
        r"source_id not among the sources that load: sources\.csv has problems of its own "
        r"\(listed here\)",
        "source_id finns inte bland källorna som går att läsa in: sources.csv har egna problem "
        "(listade här)",
    ),
    (
        r"source_id not in sources\.csv: an unsourced factor does not load",
        "source_id finns inte i sources.csv: en faktor utan källa läses inte in",
    ),
    # what the commands need (klimatkalk.report.tables, klimatkalk.analysis, klimatkalk.io)
    (
        r"no calculated rows for (?P<year>\d+); the result has rows for (?P<years>.+)",
        "inga beräknade rader för {year}; resultatet har rader för {years}",
    ),
    (
        r"the (?P<what>\w+) result has no calculated rows for (?P<year>\d+); years present: "
        r"(?P<years>.+)",
        "resultatet ({what}) har inga beräknade rader för {year}; år som finns: {years}",
    ),
    (
        r"a forecast needs at least two reported years from (?P<start>\d+), got (?P<got>.+)",
        "en prognos behöver minst två redovisade år från och med {start}, här finns {got}",
    ),
    (
        r"a mapping is a \.toml, \.yaml, \.yml or \.json file",
        "en mappning är en fil av typen .toml, .yaml, .yml eller .json",
    ),
    (
        r"required column missing; the columns are (?P<columns>.+)",
        "en kolumn som krävs saknas; kolumnerna är {columns}",
    ),
    (r"required column missing", "en kolumn som krävs saknas"),
    (
        r"the calculated rows sum to more than a float can hold \(about 1\.8e308 kg CO2e\): "
        r"check the quantities and their units",
        "de beräknade raderna summerar till mer än ett flyttal rymmer (omkring 1,8e308 kg "
        "CO2e): kontrollera mängderna och deras enheter",
    ),
    # the unit (klimatkalk.units)
    (
        r"the unit is of another kind \((?P<unit_dim>\w+)\) than the activity is measured in "
        r"\((?P<activity_dim>\w+), e\.g\. (?P<example>[^)]+)\)",
        "enheten mäter {unit_dim}, men aktiviteten mäts i {activity_dim} (till exempel {example})",
    ),
    (
        r"the unit is of another kind than the activity is measured in",
        "enheten mäter något annat än det aktiviteten mäts i",
    ),
    (
        r"(?P<given>\S+ \([^)]*\)) given, but the activity is measured in "
        r"(?P<measured>\S+ \([^)]*\)): .*",
        "{given} angivet, men aktiviteten mäts i {measured}; omräkning kräver en beläggning "
        "(personer per fordon)",
    ),
    (
        r"unknown unit (?P<name>'[^']*'|\"[^\"]*\")(?: in (?P<whole>'[^']*'|\"[^\"]*\"))?; "
        r"known units include (?P<known>.+)",
        "okänd enhet {name}{whole}; kända enheter är bland andra {known}",
    ),
    # the unit grammar (klimatkalk.units._unit_expression): a closed grammar, so each refusal
    # says what the grammar allows
    (r"longer than (?P<n>\d+) characters", "längre än {n} tecken"),
    (
        r"does not parse at (?P<rest>'.*'): a unit is names such as kWh, m3 or kg, joined by "
        r"\* or /, with small integer powers",
        "kan inte tolkas från och med {rest}: en enhet är namn som kWh, m3 eller kg, förenade "
        "med * eller /, med små heltal som exponent",
    ),
    (r"(?P<op>'.') without a unit", "{op} utan en enhet före"),
    (r"two units without \* or / between", "två enheter utan * eller / mellan sig"),
    (
        r"power (?P<power>-?\d+) \(1 to (?P<max>\d+)\)",
        "exponenten {power} är inte tillåten (bara 1 till {max})",
    ),
    (r"more than (?P<n>\d+) units", "fler än {n} enheter"),
    (r"ends without a unit", "slutar utan en enhet"),
    (
        r"\S+(?: \* \S+)* is not a unit of any activity dimension \((?P<dims>[\w, ]+)\)",
        "enheten mäter inget som en aktivitet mäts i ({dims})",
    ),
    (r"unknown unit", "okänd enhet"),
    (r"the unit is empty", "enheten saknas"),
    (
        r"a unit may not contain a number; put it in quantity",
        "en enhet får inte innehålla ett tal; skriv talet i mängden",
    ),
    (
        r"(?P<name>'[^']*'): write (?P<right>\S+) for (?P<what>[\w-]+) "
        r"\((?P<wrong>\S+) would be (?P<other>[\w-]+)\)",
        "{name}: skriv {right} för {what} ({wrong} vore {other})",
    ),
    (
        r"(?P<name>'[^']*'): write Mt or Mton for megatonnes, or t for tonnes",
        "{name}: skriv Mt eller Mton för megaton, eller t för ton",
    ),
    (
        r"(?P<name>'[^']*'): write mg for milligrams \(Mg would be megagrams: write t\)",
        "{name}: skriv mg för milligram (Mg vore megagram: skriv t)",
    ),
    # the year and the factor set (klimatkalk.chunk)
    (r"a year is a whole number 1900–2100", "ett år är ett heltal 1900–2100"),
    (
        r"the factor set covers (?P<first>\d+)–(?P<last>\d+)",
        "faktoruppsättningen gäller {first}–{last}",
    ),
    (
        r"no emission factor for this activity, year and boundary "
        r"\(fallback='previous' uses an earlier year's\)",
        "ingen emissionsfaktor för aktiviteten, året och systemgränsen (--fallback previous "
        "använder ett tidigare års)",
    ),
    (
        r"the factor set has no (?P<boundary>\w+) factor for this activity in any year: add "
        r"one in your own factor folder \(or choose the other boundary\)",
        "faktoruppsättningen har ingen faktor med systemgränsen {boundary} för aktiviteten, "
        "inget år: lägg till en i en egen faktormapp (eller välj den andra systemgränsen)",
    ),
    (
        r"the factor's gas has no GWP in this GWP set",
        "faktorns gas har inget GWP-värde i den valda GWP-versionen",
    ),
    (
        r"no price index \(kpi\.csv\) for this year to deflate spend",
        "inget prisindex (kpi.csv) för året att räkna om utgifterna med",
    ),
    (
        r"the high-altitude multiplier applies to the combustion part of the factor, .*",
        "höghöjdsfaktorn räknar upp faktorns förbränningsdel, och faktoruppsättningen har "
        "ingen förbränningsfaktor för aktiviteten och året (eller välj --high-altitude no)",
    ),
    # the quantity (klimatkalk.activity_data, klimatkalk.numbers)
    (
        r"a quantity is 0 or more; enter returns as their own activity",
        "en mängd är 0 eller mer; för in returer som en egen aktivitet",
    ),
    (
        r"a quantity above 10\^307 leaves no room .*",
        "en mängd över 10^307 lämnar inget utrymme för en emissionsfaktor innan talet blir "
        "oändligt; kontrollera enheten och decimaltecknet",
    ),
    (r"a share between 0 and 1", "en andel mellan 0 och 1"),
    # the spend chain and own factors (klimatkalk.activity_data, klimatkalk.chunk)
    (
        r"write exkl or inkl \(moms\) for an amount excluding or including VAT",
        "skriv exkl eller inkl (moms) för ett belopp utan eller med moms",
    ),
    (
        r"the activity has no VAT rate \(activity_vat\.csv\) to take the VAT off an amount "
        r"entered incl\. VAT",
        "aktiviteten har ingen momssats (activity_vat.csv) att dra av momsen med från ett "
        "belopp inklusive moms",
    ),
    (r"an own factor is a number of 0 or more", "en egen faktor är ett tal, 0 eller mer"),
    (
        r"an own factor needs its unit \(kg CO2e / kg\) and its source",
        "en egen faktor behöver sin enhet (kg CO2e / kg) och sin källa",
    ),
    (
        r"the method of an own factor is leverantörsspecifik or hybrid",
        "en egen faktors metod är leverantörsspecifik eller hybrid",
    ),
    (
        r"write the own factor's unit as '<mass> CO2e / <unit>', e\.g\. kg CO2e / kg",
        "skriv den egna faktorns enhet som '<massa> CO2e / <enhet>', t.ex. kg CO2e / kg",
    ),
    (
        r"the own factor is per another kind of quantity than the row's unit",
        "den egna faktorn gäller en annan storhet än radens enhet",
    ),
    (r"not a number", "inte ett tal"),
    (r"value is (?:missing|empty)", "värde saknas"),
    (
        r"infinity and NaN are not accepted as numbers|infinite values are not accepted",
        "oändliga värden och NaN godtas inte",
    ),
    (
        r"only ASCII digits 0-9 are accepted, not (?P<char>.+)",
        "bara siffrorna 0–9 godtas, inte {char}",
    ),
    (
        r"(?P<char>.+) is not a minus sign; use '-' or '\u2212' \(U\+2212\)",
        "{char} är inget minustecken; skriv '-' eller '\u2212' (U+2212)",
    ),
    (
        r"the character (?P<char>.+) is not allowed in a number",
        "tecknet {char} får inte stå i ett tal",
    ),
    (r"there is more than one exponent marker 'e'", "det finns mer än en exponent 'e'"),
    (r"there are no digits before the exponent", "det finns inga siffror före exponenten"),
    (r"there are no digits", "det finns inga siffror"),
    (
        r"a sign may only appear once, at the start",
        "ett tecken (+ eller −) får bara stå en gång, först",
    ),
    (
        r"the exponent must be a whole number, as in '1\.5e3' or '2e-3'",
        "exponenten ska vara ett heltal, som i '1.5e3' eller '2e-3'",
    ),
    (r"a separator must be followed by a digit", "efter en avgränsare ska en siffra följa"),
    (r"there must be no space after the sign", "inget mellanslag efter tecknet"),
    (
        r"separators must stand between digits, one at a time",
        "avgränsare ska stå mellan siffror, en i taget",
    ),
    (
        r"there is more than one decimal mark (?P<mark>.+)",
        "det finns mer än ett decimaltecken {mark}",
    ),
    (
        r"thousands separators must not appear after the decimal mark",
        "tusentalsavgränsare får inte stå efter decimaltecknet",
    ),
    (
        r"thousands separators of different kinds are mixed",
        "olika slags tusentalsavgränsare blandas",
    ),
    (
        r"thousands separators must group exactly three digits",
        "tusentalsavgränsare ska stå mellan grupper om tre siffror",
    ),
    (r"(?P<sep>'.') is not allowed here", "{sep} får inte stå här"),
    (r"both '\.' and ',' are used; " + re.escape(_HINT), "både '.' och ',' används; " + _HINT_SV),
    (r"there are several commas; " + re.escape(_HINT), "det finns flera kommatecken; " + _HINT_SV),
    (
        r"there are several points, and '\.' is only read as a thousands separator when "
        r"decimal=\",\" is passed",
        "det finns flera punkter, och '.' läses som tusentalsavgränsare bara med --decimal comma",
    ),
    (
        r"the comma could be a decimal comma or a thousands separator; pass decimal=\",\" or "
        r"decimal=\"\.\"",
        "kommat kan vara decimalkomma eller tusentalsavgränsare; " + _HINT_SV,
    ),
    (
        r"the column has decimal commas as well as points, so the point could be a thousands "
        r"separator; " + re.escape(_HINT),
        "kolumnen har både decimalkomman och punkter, så punkten kan vara en "
        "tusentalsavgränsare; " + _HINT_SV,
    ),
    (
        r"the value is too large to be represented as a float",
        "värdet är för stort för att lagras som tal",
    ),
    (
        r"the value is too small to be represented as a float \(it would read as 0\)",
        "värdet är för litet för att lagras som tal (det skulle läsas som 0)",
    ),
    (r"a boolean is not a number", "ett sanningsvärde (sant/falskt) är inget tal"),
    (r"a value of type (?P<type>\w+) is not a number", "ett värde av typen {type} är inget tal"),
)
_COMPILED: Final = tuple((re.compile(p), sv) for p, sv in _PATTERNS)
_WORDS: Final[dict[str, dict[str, str]]] = {
    "unit_dim": _DIMENSIONS_SV,
    "activity_dim": _DIMENSIONS_SV,
    "given": _DISTANCE_KINDS_SV,
    "measured": _DISTANCE_KINDS_SV,
    "boundary": _BOUNDARIES_SV,
    "what": _PREFIXED_SV,
    "other": _PREFIXED_SV,
}


def message_text(message: object, lang: Lang) -> object:
    """Return a rejected row's message in ``lang``; an unknown shape (or not text) as it is.

    Examples
    --------
    >>> message_text("the factor set covers 2019–2025", "sv")
    'faktoruppsättningen gäller 2019–2025'
    >>> message_text("the unit is of another kind (energy) than the activity is measured in "
    ...     "(volume, e.g. l)", "sv")
    'enheten mäter energi, men aktiviteten mäts i volym (till exempel l)'
    >>> message_text("the factor set covers 2019–2025", "en")
    'the factor set covers 2019–2025'
    """
    if lang != "sv" or not isinstance(message, str):
        return message
    for pattern, template in _COMPILED:
        found = pattern.fullmatch(message.strip())
        if found is not None:
            values = {
                name: _WORDS.get(name, {}).get(value, value)
                for name, value in found.groupdict().items()
            }
            if "whole" in values:  # the unit's whole text, where the unknown name is a part
                values["whole"] = f" i {values['whole']}" if values["whole"] else ""
            if "known" in values:  # the list of known units names the tonne in English
                values["known"] = values["known"].replace("ton (tonne)", "ton (metriskt ton)")
            if "dims" in values:
                values["dims"] = ", ".join(
                    _DIMENSIONS_SV.get(d, d) for d in values["dims"].split(", ")
                )
            return template.format(**values)
    return message


_SKIPPED_SV: Final[dict[str, str]] = {
    "blank row": "tomma rader",
    "repeated header": "upprepade rubrikrader",
    "total row": "summarader (räknas inte två gånger)",
    "subtotal row": "delsummor (räknas inte två gånger)",
    "note row": "anteckningar",
}
_NOTES: Final[tuple[tuple[str, str], ...]] = (
    (
        r"(?P<encoding>[\w-]+)(?P<bom> with BOM)?, (?P<sep>'.'|tab)-separated",
        "teckenkodning {encoding}{bom}, fälten avgränsade med {sep}",
    ),
    (
        r"header on row (?P<row>\d+); the rows above it are notes",
        "rubrikraden är rad {row}; raderna ovanför läses som anteckningar",
    ),
    (
        r"activity labels mapped with (?P<n>\d+) mapping label\(s\)",
        "aktivitetsnamn översatta med mappningens {n} namn",
    ),
    (
        r"unit (?P<unit>'[^']*') from the header (?P<header>'[^']*')",
        "enheten {unit} är tagen från rubriken {header}",
    ),
    (
        r"the unit column is used; the unit (?P<unit>'[^']*') in the quantity header is not",
        "enhetskolumnen används, inte enheten {unit} i mängdkolumnens rubrik",
    ),
    (
        r"(?P<n>\d+) formula\(s\) without a saved value in other columns read as empty",
        "{n} formler utan sparat värde i andra kolumner lästa som tomma",
    ),
    (
        r"(?P<n>\d+) hidden row\(s\) \((?P<rows>[^)]*)\) read like the others; delete them in "
        r"the file if they are not data",
        "{n} dolda rader ({rows}) lästa som de andra; ta bort dem i filen om de inte är data",
    ),
    (
        r"quantity texts read with the decimal (?P<mark>comma|point) that the column's other "
        r"values show \((?P<cells>.+); pass decimal=',' or '\.' to say otherwise\)",
        "mängder lästa med det decimaltecken ({mark}) som kolumnens övriga värden visar "
        "({cells}; --decimal comma eller --decimal point säger något annat)",
    ),
    (
        r"quantity texts like '1,234' read with the decimal (?P<mark>comma|point) that the "
        r"column's other values show \(pass decimal=',' or '\.' to say otherwise\)",
        "mängder som '1,234' lästa med det decimaltecken ({mark}) som kolumnens övriga värden "
        "visar (--decimal comma eller --decimal point säger något annat)",
    ),
    (r"hidden sheet, not read", "dolt blad, inte läst"),
    (
        r"the same rows as (?P<other>.+); read twice\? The totals count both",
        "samma rader som {other}; inläst två gånger? Summorna räknar båda",
    ),
    (r"not read, (?P<message>.+)", "inte läst: {message}"),
    (r"skipped (?P<skipped>.+)", "överhoppade rader: {skipped}"),
)
_COMPILED_NOTES: Final = tuple((re.compile(p), sv) for p, sv in _NOTES)
_WHERE: Final = re.compile(r"(?P<where>.*?(?:\[[^\]]*\])?): (?P<rest>.+)", re.S)
_SKIPPED_ITEM: Final = re.compile(r"(?P<n>\d+) (?P<name>[\w ]+?)\(s\)")


def note_text(note: str, lang: Lang) -> str:
    """Return a reader's note (``ActivityTable.notes``) in ``lang``; an unknown shape as it is.

    Examples
    --------
    >>> note_text("aktiviteter.csv: utf-8, ';'-separated", "sv")
    "aktiviteter.csv: teckenkodning utf-8, fälten avgränsade med ';'"
    >>> note_text("a.xlsx[Blad1]: skipped 2 blank row(s), 1 total row(s)", "sv")
    'a.xlsx[Blad1]: överhoppade rader: tomma rader 2 st, summarader (räknas inte två gånger) 1 st'
    """
    where = _WHERE.fullmatch(note)
    if lang != "sv" or where is None:
        return note
    rest = where["rest"]
    for pattern, template in _COMPILED_NOTES:
        found = pattern.fullmatch(rest)
        if found is None:
            continue
        values = {k: v or "" for k, v in found.groupdict().items()}
        if values.get("bom"):
            values["bom"] = " med BOM"
        if "mark" in values:
            values["mark"] = "komma" if values["mark"] == "comma" else "punkt"
        if "cells" in values:  # "row 2 '1.234', row 5 '15,976'"
            values["cells"] = re.sub(r"\brow (\d+) '", r"rad \1 '", values["cells"])
        if values.get("sep") == "tab":
            values["sep"] = "tabbtecken"
        if "message" in values:
            values["message"] = str(message_text(values["message"], lang))
        if "skipped" in values:
            values["skipped"] = _SKIPPED_ITEM.sub(
                lambda m: f"{_SKIPPED_SV.get(m['name'], m['name'])} {m['n']} st", values["skipped"]
            )
        return f"{where['where']}: {template.format(**values)}"
    return note
