"""Report labels: every Swedish and English text of the yearly report, in one place.

``TEXT`` holds sheet names, headings, sentences and chart titles; ``COLUMNS`` the column headers
with their units; ``CATEGORY_LABELS`` the category names. Each entry is ``(Swedish, English)``
and may hold ``str.format`` fields (``{year}``, ``{base_year}`` …).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal

__all__ = [
    "CATEGORY_LABELS",
    "COLUMNS",
    "FACTOR_SETS",
    "GWP_BASIS_LABELS",
    "INPUT_COLUMNS",
    "QUALITY_LABELS",
    "REASONS",
    "STATUS",
    "SUBCATEGORY_LABELS",
    "TEXT",
    "Lang",
    "category_label",
    "column_label",
    "gwp_set_label",
    "text",
    "translate",
]

Lang = Literal["sv", "en"]
"""Report language."""

CATEGORY_LABELS: dict[str, tuple[str, str]] = {
    "energy": ("Energi", "Energy"),
    "transport": ("Transporter", "Transport"),
    "medical_gases": ("Medicinska gaser", "Medical gases"),
    "refrigerants": ("Köldmedier", "Refrigerants"),
    "purchases": ("Inköp", "Purchases"),
}
"""Category code → (Swedish, English) report name, in report order."""

TEXT: dict[str, tuple[str, str]] = {
    # sheets
    "sheet_summary": ("Sammanfattning", "Summary"),
    "sheet_categories": ("Kategorier", "Categories"),
    "sheet_series": ("Tidsserie", "Time series"),
    "sheet_org_units": ("Verksamheter", "Organisational units"),
    "sheet_base_year": ("Basår", "Base year"),
    "sheet_path": ("Målbana", "Reduction path"),
    "sheet_factor_update": ("Faktoruppdatering", "Factor update"),
    "sheet_scope2": ("El scope 2", "Scope 2 electricity"),
    "t_scope2": (
        "El redovisad på två sätt (GHG-protokollet, scope 2): marknadsbaserat (det som köpts: "
        "residualmix, ursprungsgarantier eller leverantörens värde; el angiven som nordisk elmix "
        "visar inget avtal och räknas där som residualmix) och platsbaserat (nordisk elmix för "
        "samma kWh).",
        "Electricity reported both ways (GHG Protocol, scope 2): market-based (what was bought: "
        "residual mix, guarantees of origin or the supplier's value; electricity given as the "
        "Nordic mix shows no contract and is taken there at the residual mix) and location-based "
        "(the Nordic mix for the same kWh).",
    ),
    "sheet_rejected": ("Avvisade rader", "Rejected rows"),
    "sheet_rows": ("Beräknade rader", "Calculated rows"),
    "t_rows_elsewhere": (
        "Raderna för {year} och basåret {base_year} är fler än 50 000 och listas inte här: "
        "klimatkalk calculate -o rader.csv skriver varje beräknad rad med faktor och källa.",
        "The rows of {year} and of the base year {base_year} are more than 50 000 and are not "
        "listed here: klimatkalk calculate -o rows.csv writes every calculated row with its "
        "factor and source.",
    ),
    "t_rows_sheet": (
        "Varje beräknad rad för {year} och basåret {base_year}: mängd, faktorns värde och "
        "enhet, GWP-värde, höghöjdsfaktor och inköpens prisindex, växelkurs och baspris, så att "
        "varje summa i rapporten kan räknas om här.",
        "Every calculated row of {year} and of the base year {base_year}: quantity, the "
        "factor's value and unit, GWP value, high-altitude multiplier and, for purchases, "
        "price index, exchange rate and basic-price factor, so that every sum in the report "
        "can be recomputed here.",
    ),
    "sheet_factors": ("Emissionsfaktorer", "Emission factors"),
    # titles and headings
    "title": ("Klimatredovisning {year}", "Climate report {year}"),
    "h_summary": ("Sammanfattning", "Summary"),
    "h_categories": ("Utsläpp per kategori {year}", "Emissions by category {year}"),
    "h_org_units": ("Utsläpp per verksamhet {year}", "Emissions by organisational unit {year}"),
    "h_base_year": ("Jämförelse med basåret {base_year}", "Comparison with base year {base_year}"),
    "h_path": ("Målbana", "Reduction path"),
    "h_figures": ("Diagram", "Charts"),
    "h_factor_update": ("Effekt av uppdaterade emissionsfaktorer", "Effect of updated factors"),
    "h_method": ("Metod", "Method"),
    "h_factors": (
        "Bilaga: emissionsfaktorer och källor",
        "Appendix: emission factors and sources",
    ),
    "total": ("Totalt", "Total"),
    "missing": ("(saknas)", "(missing)"),
    "yes": ("Ja", "Yes"),
    "no": ("Nej", "No"),
    # summary sheet
    "item": ("Uppgift", "Item"),
    "value": ("Värde", "Value"),
    "unit": ("Enhet", "Unit"),
    "s_organisation": ("Organisation", "Organisation"),
    "s_year": ("Redovisningsår", "Reporting year"),
    "s_total": ("Utsläpp {year}", "Emissions {year}"),
    "s_base_year": ("Basår", "Base year"),
    "s_base_total": ("Utsläpp basåret {base_year}", "Emissions in base year {base_year}"),
    "s_change": ("Förändring mot basåret", "Change against the base year"),
    "s_change_pct": ("Förändring mot basåret (%)", "Change against the base year (%)"),
    "s_convention": ("Målbana", "Reduction path"),
    "s_path_value": ("Målbanans värde {year}", "Path value {year}"),
    "s_gap": ("Avvikelse från målbanan", "Gap to the path"),
    "s_verdict": ("Bedömning {year}", "Verdict {year}"),
    "s_required": ("Nödvändig årlig minskning från {year}", "Annual cut needed from {year}"),
    "s_gwp": ("GWP-version", "GWP set"),
    "s_boundary": ("Systemgräns", "Boundary"),
    "s_fallback": ("Regel för år utan faktor", "Rule for years without a factor"),
    "s_gwp_outside": (
        "Utsläpp med faktor i annan eller ej angiven GWP-version (t CO2e)",
        "Emissions with a factor in another or an unstated GWP set (t CO2e)",
    ),
    "s_gwp_outside_share": (
        "Andel med faktor i annan eller ej angiven GWP-version (%)",
        "Share with a factor in another or an unstated GWP set (%)",
    ),
    "s_boundary_fallback": (
        "Faktorer av den andra systemgränsen (aktivitet, år)",
        "Factors of the other system boundary (activity, years)",
    ),
    "s_new_categories": ("Nya kategorier sedan basåret", "Categories new since the base year"),
    "s_change_like": (
        "Jämförbar förändring mot basåret, samma kategorier (%)",
        "Like-for-like change against the base year, same categories (%)",
    ),
    "s_factor_sets": ("Faktoruppsättning", "Factor set"),
    "s_rows": ("Beräknade rader {year}", "Calculated rows {year}"),
    "s_rejected": ("Avvisade rader t.o.m. {year}", "Rejected rows up to {year}"),
    "s_rejected_base": (
        "Avvisade rader i basåret {base_year}",
        "Rejected rows of the base year {base_year}",
    ),
    "s_factors": ("Använda emissionsfaktorer", "Emission factors used"),
    "u_rows": ("rader", "rows"),
    "u_factors": ("st", "count"),
    "u_per_year": ("% per år", "% per year"),
    # verdicts and sentences
    "on_track": ("I linje med målbanan", "On track"),
    "off_track": ("Inte i linje med målbanan", "Not on track"),
    "t_shown": ("De {n} största av {total}.", "The {n} largest of {total}."),
    "no_path": (
        "Ingen målbana: basåret {base_year} saknar utsläpp i underlaget",
        "No reduction path: the data has no emissions for the base year {base_year}",
    ),
    "t_total": (
        "Utsläppen {year} var {total} t CO₂e.",
        "Emissions in {year} were {total} t CO₂e.",
    ),
    "t_change": (
        "Det är {change} ({change_t} t CO₂e) jämfört med basåret {base_year} ({base} t CO₂e).",
        "That is {change} ({change_t} t CO₂e) against the base year {base_year} ({base} t CO₂e).",
    ),
    "t_no_base": (
        "Underlaget saknar utsläpp för basåret {base_year}.",
        "The data has no emissions for the base year {base_year}.",
    ),
    "t_verdict_start": (
        "Basåret {base_year} är målbanans startpunkt: {path} t CO₂e.",
        "The base year {base_year} is where the path starts: {path} t CO₂e.",
    ),
    "t_verdict_on": (
        "Utsläppen ligger i linje med målbanan: {gap} t CO₂e under banans {path} t CO₂e.",
        "Emissions are on track: {gap} t CO₂e below the path's {path} t CO₂e.",
    ),
    "t_verdict_off": (
        "Utsläppen ligger inte i linje med målbanan: {gap} t CO₂e över banans {path} t CO₂e.",
        "Emissions are not on track: {gap} t CO₂e above the path's {path} t CO₂e.",
    ),
    "t_convention": ("Målbana: {convention}.", "Reduction path: {convention}."),
    "t_required": (
        "För att nå målet behöver utsläppen minska med {rate} per år från {year}.",
        "Reaching the target needs a cut of {rate} per year from {year}.",
    ),
    "t_method": (
        "Beräknat med klimatkalk: GWP-version {gwp_set}, systemgräns {boundary}, "
        "faktoruppsättning {factor_sets}. Varje siffra kan spåras till en emissionsfaktor "
        "och dess källa (bilagan och Excel-filen).",
        "Calculated with klimatkalk: GWP set {gwp_set}, boundary {boundary}, factor set "
        "{factor_sets}. Every figure traces to an emission factor and its source (the appendix "
        "and the Excel file).",
    ),
    "t_high_altitude": (
        "Flygresor inkluderar höghöjdseffekten: koldioxiden från förbränningen räknas upp med "
        "faktor {multipliers} (hela förbränningsvärdet där faktorn inte anger sina gaser); "
        "uppströmsutsläpp från bränsleproduktionen räknas inte upp.",
        "Flights include the high-altitude effect: the CO2 from burning the fuel is multiplied "
        "by {multipliers} (the whole combustion value where the factor does not give its "
        "gases); upstream emissions from fuel production are not.",
    ),
    "t_high_altitude_years": (
        "{multiplier} för {years} ({source})",
        "{multiplier} for {years} ({source})",
    ),
    "t_and": ("och", "and"),
    "t_high_altitude_unused": (
        "Flygresor utan höghöjdseffekt {years}.",
        "Flights without the high-altitude effect in {years}.",
    ),
    "t_high_altitude_none": (
        "Flygresor redovisas utan höghöjdseffekt (endast utsläpp från förbränning och "
        "bränsleproduktion).",
        "Flights are reported without the high-altitude effect (emissions from burning and "
        "producing the fuel only).",
    ),
    "t_high_altitude_user": ("vald av användaren", "chosen by the user"),
    "t_gwp_outside": (
        "GWP: {share} av årets utsläpp ({tonnes} t CO₂e) bygger på faktorer som utgivaren bara "
        "anger som CO₂e i en annan GWP-version än {gwp_set} eller utan att ange version "
        "(kolumnen GWP-grund på bladet Beräknade rader); med strikt GWP (--strikt-gwp) avvisas "
        "de i stället.",
        "GWP: {share} of the year's emissions ({tonnes} t CO₂e) rest on factors their publisher "
        "gives only as CO₂e in another GWP set than {gwp_set} or in an unstated set (column GWP "
        "basis on the sheet Calculated rows); with strict GWP (--strict-gwp) they are rejected "
        "instead.",
    ),
    "t_gwp_strict": (
        "GWP: strikt – rader vars faktor bara finns som CO₂e i en annan eller ej angiven "
        "GWP-version än {gwp_set} har avvisats.",
        "GWP: strict – rows whose factor exists only as CO₂e in another or an unstated GWP set "
        "than {gwp_set} were rejected.",
    ),
    "t_boundary_fallback": (
        "Systemgräns: {activities} saknar faktor med systemgränsen {boundary}; där har "
        "faktorn med systemgränsen {other} använts (kolumnen Faktor med annan systemgräns på "
        "bladet Beräknade rader).",
        "System boundary: {activities} have no factor at the {boundary} boundary; the factor "
        "at the {other} boundary was used there (column Factor at the other boundary on the "
        "sheet Calculated rows).",
    ),
    "t_fallback": (
        "För år utan egen faktor har närmast föregående års faktor använts.",
        "For years without a factor of their own, the latest earlier year's factor was used.",
    ),
    "t_rejected": (
        "{n} rader i underlaget kunde inte beräknas och ingår inte i siffrorna; "
        "de listas med orsak i Excel-filen (bladet {sheet}).",
        "{n} input rows could not be calculated and are not in the figures; they are listed "
        "with the reason in the Excel file (sheet {sheet}).",
    ),
    "t_rejected_one": (
        "1 rad i underlaget kunde inte beräknas och ingår inte i siffrorna; den listas med "
        "orsak i Excel-filen (bladet {sheet}).",
        "1 input row could not be calculated and is not in the figures; it is listed with "
        "the reason in the Excel file (sheet {sheet}).",
    ),
    "t_rejected_base": (
        "I basåret {base_year} kunde {rows} inte beräknas och saknas i jämförelsen med "
        "basåret: en del av förändringen kan vara en lucka i underlaget.",
        "In the base year {base_year}, {rows} could not be calculated, which the comparison "
        "with the base year lacks: part of the change may be a gap in the data.",
    ),
    "t_rejected_later": (
        "Avvisade rader för år efter {year} ({rows}) ingår inte i rapporten; klimatkalk "
        "calculate listar alla avvisade rader.",
        "Rejected rows of years after {year} ({rows}) are not in this report; klimatkalk "
        "calculate lists every rejected row.",
    ),
    "n_rows_one": ("1 rad", "1 row"),
    "n_rows": ("{n} rader", "{n} rows"),
    "t_none_rejected": (
        "Alla rader i underlaget kunde beräknas.",
        "Every input row was calculated.",
    ),
    "t_factor_update": (
        "Uppdaterade emissionsfaktorer ändrar utsläppen {year} med {change_t} t CO₂e "
        "({change}) med samma aktivitetsdata, räknat på de rader som kunde beräknas med "
        "både de tidigare och de uppdaterade faktorerna.",
        "Updated emission factors change the {year} emissions by {change_t} t CO₂e "
        "({change}) for the same activity data, counting the rows that both the previous "
        "and the updated factors could calculate.",
    ),
    "t_factor_update_edition": (
        "De tidigare faktorerna är utgåva {edition} (källor publicerade till och med {edition}).",
        "The previous factors are edition {edition} (sources published up to {edition}).",
    ),
    "t_factor_update_base": (
        "Basåret {base_year} ändras med {change_t} t CO₂e ({change}) på samma sätt.",
        "The base year {base_year} changes by {change_t} t CO₂e ({change}) in the same way.",
    ),
    "t_factor_update_left_out": (
        "{n} rader ({left_t} t CO₂e, {share} av årets utsläpp) kunde bara beräknas med "
        "den ena faktoruppsättningen och ingår inte i jämförelsen.",
        "{n} rows ({left_t} t CO₂e, {share} of the year's emissions) could be calculated "
        "with only one of the factor sets and are left out of the comparison.",
    ),
    "p_left_out": (
        "Utanför jämförelsen: {n} rader ({left_t} t CO₂e) med faktor i bara ena uppsättningen",
        "Left out: {n} rows ({left_t} t CO₂e) with a factor in only one of the sets",
    ),
    "t_change_new": (
        "Det är {change} ({change_t} t CO₂e) jämfört med basåret {base_year} ({base} t CO₂e), "
        "men {new} är ny {year} och saknas för basåret. Jämförbart, med bara kategorier som "
        "finns båda åren: {like} ({like_t} t CO₂e).",
        "That is {change} ({change_t} t CO₂e) against the base year {base_year} ({base} t CO₂e), "
        "but {new} is new in {year} and missing for the base year. Like for like, with only the "
        "categories present in both years: {like} ({like_t} t CO₂e).",
    ),
    "new_in": ("ny {year}", "new in {year}"),
    "c_change_like": ("Jämförbart (samma kategorier)", "Like for like (same categories)"),
    "t_trend_meets": (
        "Med nuvarande trend nås målet år {trend_year}.",
        "At the current trend the target is met in {trend_year}.",
    ),
    "t_required_on": (
        "Målet nås om utsläppen minskar med {rate} per år från {year}.",
        "The target is met with a cut of {rate} per year from {year}.",
    ),
    "t_years_applied": (
        'Giltighetsperioderna överlappar för {activities}: kolumnen "{column}" visar vilken '
        "rad som användes vilket år.",
        'Validity periods overlap for {activities}: the column "{column}" shows which row '
        "was used in which year.",
    ),
    "t_axis_not_zero": (
        "Axeln börjar inte på noll, så att förändringarna syns.",
        "The axis does not start at zero, so that the changes show.",
    ),
    "t_no_base_charts": (
        "Underlaget saknar basåret {base_year}: diagrammen över förändring och målbana utelämnas.",
        "The data has no base year {base_year}: the change and reduction-path charts are left out.",
    ),
    "t_excel": (
        "Alla tabeller finns i {file}.",
        "All tables are in {file}.",
    ),
    # boundaries
    "lifecycle": ("livscykel", "lifecycle"),
    "combustion": ("förbränning (direkta utsläpp)", "combustion (direct emissions)"),
    "cradle_to_gate": ("vagga till grind", "cradle to gate"),
    "fb_none": ("ingen (raden avvisas)", "none (row rejected)"),
    "fb_previous": ("föregående års faktor", "the latest earlier year's factor"),
    # plots
    "p_by_year": ("Utsläpp per kategori och år", "Emissions by category and year"),
    "p_path": ("Utfall och målbana", "Actual emissions and reduction path"),
    "p_waterfall": (
        "Förändring per kategori, {base_year}–{year}",
        "Change by category, {base_year}–{year}",
    ),
    "p_factor_update": (
        "Effekt av uppdaterade emissionsfaktorer {year}",
        "Effect of updated emission factors {year}",
    ),
    "p_outlook": ("Prognos, åtgärder och målbanor", "Forecast, measures and paths"),
    "p_mac": ("Åtgärdskostnad per ton, billigast först", "Cost per tonne of the measures"),
    "p_t": ("t CO₂e", "t CO₂e"),
    "p_actual": ("Utfall", "Actual"),
    "p_path_line": ("Målbana", "Reduction path"),
    "p_base_year": ("Basår {base_year}", "Base year {base_year}"),
    "p_target": ("Mål {target_year}", "Target {target_year}"),
    "p_target_cut": (
        "Mål {target_year}: {cut} mot {base_year}",
        "Target {target_year}: {cut} on {base_year}",
    ),
    "p_axis_break": ("axeln börjar vid {start}", "axis starts at {start}"),
    "p_no_data": ("Inga data", "No data"),
}

COLUMNS: dict[str, tuple[str, str]] = {
    "year": ("År", "Year"),
    "electricity_kwh": ("El (kWh)", "Electricity (kWh)"),
    "market_based_t_co2e": ("Marknadsbaserat (t CO2e)", "Market-based (t CO2e)"),
    "location_based_t_co2e": ("Platsbaserat (t CO2e)", "Location-based (t CO2e)"),
    "residual_mix_from_location_kwh": (
        "Varav angiven som nordisk elmix, marknadsbaserat räknad som residualmix (kWh)",
        "Of which Nordic mix, market-based at the residual mix (kWh)",
    ),
    "in_total_t_co2e": ("I totalen (t CO2e)", "In the total (t CO2e)"),
    "rejected_market": ("Avvisade rader, marknadsbaserat", "Rejected rows, market-based"),
    "rejected_location": ("Avvisade rader, platsbaserat", "Rejected rows, location-based"),
    "category": ("Kategori", "Category"),
    "scope": ("Scope", "Scope"),
    "org_unit": ("Verksamhet", "Organisational unit"),
    "emissions_t_co2e": ("Utsläpp (t CO2e)", "Emissions (t CO2e)"),
    "share": ("Andel (%)", "Share (%)"),
    "base_emissions_t_co2e": ("Basår {base_year} (t CO2e)", "Base year {base_year} (t CO2e)"),
    "year_emissions_t_co2e": ("{year} (t CO2e)", "{year} (t CO2e)"),
    "change_t_co2e": ("Förändring (t CO2e)", "Change (t CO2e)"),
    "change_fraction": ("Förändring (%)", "Change (%)"),
    "status": ("Status", "Status"),
    "actual_t_co2e": ("Utfall (t CO2e)", "Actual (t CO2e)"),
    "path_t_co2e": ("Målbana (t CO2e)", "Path (t CO2e)"),
    "gap_t_co2e": ("Avvikelse från målbanan (t CO2e)", "Gap to path (t CO2e)"),
    "gap_fraction": ("Avvikelse från målbanan (%)", "Gap to path (%)"),
    "on_track": ("I linje med målbanan", "On track"),
    "old_t_co2e": ("Tidigare faktorer (t CO2e)", "Previous factors (t CO2e)"),
    "new_t_co2e": ("Uppdaterade faktorer (t CO2e)", "Updated factors (t CO2e)"),
    "left_out_rows": ("Rader utanför jämförelsen", "Rows left out"),
    "left_out_t_co2e": ("Utanför jämförelsen (t CO2e)", "Left out (t CO2e)"),
    "left_out_share": ("Utanför jämförelsen, andel (%)", "Left out, share (%)"),
    "rejected_old": ("Avvisade rader, tidigare faktorer", "Rejected rows, previous factors"),
    "rejected_new": ("Avvisade rader, uppdaterade faktorer", "Rejected rows, updated factors"),
    "factor_id": ("Faktor-id", "Factor id"),
    "activity": ("Aktivitet", "Activity"),
    "activity_label": ("Benämning", "Name"),
    "value": ("Värde", "Value"),
    "unit": ("Enhet", "Unit"),
    "gas": ("Gas", "Gas"),
    "gwp_set": ("GWP-version", "GWP set"),
    "gwp_value_set": ("GWP-värdets version", "GWP set of the GWP"),
    "gwp_applied": ("GWP-värde (GWP-version)", "GWP (GWP set)"),
    "boundary": ("Systemgräns", "Boundary"),
    "price_year": ("Prisår", "Price year"),
    "valid_from": ("Giltig från (år)", "Valid from (year)"),
    "valid_to": ("Giltig till (år)", "Valid to (year)"),
    "source_id": ("Käll-id", "Source id"),
    "publisher": ("Utgivare", "Publisher"),
    "title": ("Titel", "Title"),
    "source_year": ("Utgivningsår", "Year published"),
    "url": ("Webbadress", "URL"),
    "doc_id": ("Dokument-id", "Document id"),
    "source_locator": ("Plats i källan", "Locator"),
    "note": ("Anmärkning i faktordata (originaltext)", "Note in the factor data"),
    "read_via": ("Läst via (andrahandskälla)", "Read via (second-hand)"),
    "factor_set": ("Faktoruppsättning", "Factor set"),
    "rows": ("Antal rader", "Rows"),
    "row": ("Rad (position i indata)", "Row (input position)"),
    "column": ("Kolumn", "Column"),
    "reason": ("Orsak", "Reason"),
    "message": ("Meddelande", "Message"),
    "origin_file": ("Fil", "File"),
    "origin_sheet": ("Blad", "Sheet"),
    "origin_row": ("Rad i filen", "Row in file"),
    "years_used": ("Använd för år", "Used for years"),
    "overlaps": ("Överlappande giltighet", "Overlapping validity"),
    "citation": ("Källa", "Source"),
    "source_link": ("Länk till källan", "Link to the source"),
    "quality": ("Kvalitet", "Quality"),
    "validity": ("Giltighet (år)", "Validity (years)"),
    "reason_text": ("Orsak", "Reason"),
    # result rows and rejected rows as `klimatkalk calculate -o` writes them
    "quantity": ("Mängd", "Quantity"),
    "abated_fraction": ("Andel destruerad (0–1)", "Abated fraction (0–1)"),
    "period": ("Månad", "Month"),
    "comment": ("Kommentar", "Comment"),
    "site": ("Plats", "Site"),
    "data_note": ("Anmärkning om uppgiften", "Data note"),
    "emissions_kg_co2e": ("Utsläpp (kg CO2e)", "Emissions (kg CO2e)"),
    "factor_value": ("Faktorvärde", "Factor value"),
    "factor_unit": ("Faktorns enhet", "Factor unit"),
    "factor_gwp_set": ("Faktorns GWP-version", "GWP set of the factor"),
    "factor_quality": ("Faktorns kvalitet", "Factor quality"),
    "factor_year": ("Faktorns år", "Factor year"),
    "gwp": ("GWP-värde", "GWP"),
    "high_altitude_multiplier": ("Höghöjdsfaktor", "High-altitude multiplier"),
    "boundary_fallback": ("Faktor med annan systemgräns", "Factor of the other boundary"),
    "gwp_basis": ("GWP-grund", "GWP basis"),
    "subcategory": ("Underkategori", "Subcategory"),
    "biogenic_co2_kg": ("Biogen CO2, memo (kg)", "Biogenic CO2, memo (kg)"),
    "excel_column": ("Kolumn i Excel", "Excel column"),
    # klimatkalk factors diff
    "change": ("Ändring", "Change"),
    "old_factor_id": ("Tidigare faktor-id", "Old factor id"),
    "old_source_id": ("Tidigare käll-id", "Old source id"),
    "old_kg_co2e_per_unit": ("Tidigare (kg CO2e per enhet)", "Old (kg CO2e per unit)"),
    "new_factor_id": ("Nytt faktor-id", "New factor id"),
    "new_source_id": ("Nytt käll-id", "New source id"),
    "new_kg_co2e_per_unit": ("Nytt (kg CO2e per enhet)", "New (kg CO2e per unit)"),
    "relative_change": ("Relativ ändring", "Relative change"),
    "header": ("Rubrik i filen", "Header in the file"),
    # the purchases sheets (klimatkalk.report.purchases)
    "method": ("Metod (GHG-protokollet, scope 3 kat. 1)", "Method (GHG Protocol, scope 3 cat. 1)"),
    "spend_msek": ("Belopp (mnkr)", "Amount (MSEK)"),
    "low_t_co2e": ("Låg (t CO2e)", "Low (t CO2e)"),
    "high_t_co2e": ("Hög (t CO2e)", "High (t CO2e)"),
    # the spend chain of a result row (klimatkalk.calculate), in the order it is applied
    "vat_basis": ("Moms i beloppet", "VAT in the amount"),
    "spend_entered_sek": ("Belopp angivet (kr)", "Amount entered (SEK)"),
    "vat_rate": ("Momssats", "VAT rate"),
    "factor_vat_basis": ("Faktorns momsgrund", "VAT basis of the factor"),
    "vat_to_factor_basis": ("Momsjustering till faktorns grund", "VAT step to the factor's basis"),
    "price_index_factor": (
        "Prisindex (KPI faktorns prisår / KPI året)",
        "Price index (CPI of the factor's price year / CPI of the year)",
    ),
    "exchange_rate": ("Växelkurs (kr per valutaenhet)", "Exchange rate (SEK per unit)"),
    "basic_price_factor": (
        "Till baspris (1 − handelsmarginal)",
        "To basic price (1 − trade margin)",
    ),
    "spend_in_factor_basis": (
        "Belopp i faktorns grund (valuta, prisår)",
        "Amount on the factor's basis (currency, price year)",
    ),
    "emissions_low_kg": ("Utsläpp, låg (kg CO2e)", "Emissions, low (kg CO2e)"),
    "emissions_high_kg": ("Utsläpp, hög (kg CO2e)", "Emissions, high (kg CO2e)"),
    "own_factor": ("Egen faktor", "Own factor"),
    "own_factor_unit": ("Egen faktors enhet", "Own factor's unit"),
    "own_factor_source": ("Egen faktors källa", "Own factor's source"),
    "own_factor_method": ("Egen faktors metod", "Own factor's method"),
    "own_factor_used": ("Egen faktor använd", "Own factor used"),
}

VAT_BASIS_LABELS: dict[str, tuple[str, str]] = {
    "excl": ("exkl. moms", "excl. VAT"),
    "incl": ("inkl. moms", "incl. VAT"),
    "unknown": ("ej angiven av källan", "not stated by the source"),
}
"""``vat_basis`` and ``factor_vat_basis`` code → (Swedish, English) text."""

METHOD_LABELS: dict[str, tuple[str, str]] = {
    "supplier-specific": ("leverantörsspecifik", "supplier-specific"),
    "hybrid": ("hybrid", "hybrid"),
    "average-data": ("genomsnittsdata", "average-data"),
    "spend-based": ("utgiftsbaserad", "spend-based"),
}
"""``method`` code of a purchase row (GHG Protocol, scope 3 category 1) → (Swedish, English)."""

FACTOR_SETS: dict[str, tuple[str, str]] = {
    "bundled": ("medföljande (klimatkalk)", "bundled (klimatkalk)"),
}
"""Factor-set names the report translates (a user's own folder keeps its name)."""

INPUT_COLUMNS: dict[str, tuple[str, str]] = {
    "year": ("år", "year"),
    "activity": ("aktivitet", "activity"),
    "quantity": ("mängd", "quantity"),
    "unit": ("enhet", "unit"),
    "org_unit": ("verksamhet", "organisational unit"),
    "comment": ("kommentar", "comment"),
    "price_year": ("prisår", "price year"),
    "abated_fraction": ("andel destruerad", "abated fraction"),
    "period": ("månad", "period"),
    "vat_basis": ("moms", "VAT basis"),
    "own_factor": ("egen faktor", "own factor"),
    "own_factor_unit": ("egen faktors enhet", "own factor's unit"),
    "own_factor_source": ("egen faktors källa", "own factor's source"),
    "own_factor_method": ("egen faktors metod", "own factor's method"),
}
"""Input column names as the rejected-rows sheet shows them."""

SUBCATEGORY_LABELS: dict[str, tuple[str, str]] = {
    "ambulance_flights": ("Ambulansflyg", "Ambulance flights"),
    "anaesthetic_gases": ("Anestesigaser", "Anaesthetic gases"),
    "backup_power": ("Reservkraft", "Backup power"),
    "business_travel": ("Tjänsteresor", "Business travel"),
    "district_cooling": ("Fjärrkyla", "District cooling"),
    "district_heating": ("Fjärrvärme", "District heating"),
    "electricity": ("El", "Electricity"),
    "food": ("Livsmedel", "Food"),
    "goods": ("Varor", "Goods"),
    "heating": ("Uppvärmning", "Heating"),
    "medical_co2": ("Medicinsk koldioxid", "Medical CO2"),
    "nitrous_oxide": ("Lustgas", "Nitrous oxide"),
    "patient_travel": ("Sjukresor", "Patient travel"),
    "refrigerants": ("Köldmedier", "Refrigerants"),
    "services": ("Tjänster", "Services"),
    "vehicles": ("Fordon", "Vehicles"),
}
"""Subcategory code of the activity catalogue → (Swedish, English) name; unknown codes as is."""

QUALITY_LABELS: dict[str, tuple[str, str]] = {
    "measured": ("mängden är utsläppet", "the quantity is the emission"),
    "reported": ("utgivarens värde", "the publisher's value"),
    "derived": ("härlett värde", "derived value"),
    "proxy": ("ersättningsvärde (proxy)", "proxy value"),
    "stretched": ("utsträckt till fler år", "stretched to other years"),
}
"""Factor quality code (``quality.csv``) → (Swedish, English) text."""

GWP_BASIS_LABELS: dict[str, tuple[str, str]] = {
    "recomputed": ("omräknad med vald GWP-version", "recomputed with the chosen GWP set"),
    "chosen_set": ("publicerad i vald GWP-version", "published in the chosen GWP set"),
    "other_set": ("publicerad i annan GWP-version", "published in another GWP set"),
    "set_not_stated": (
        "utgivaren anger inte GWP-version",
        "the publisher does not state the GWP set",
    ),
}
"""``gwp_basis`` code of a result row → (Swedish, English) text."""

REASONS: dict[str, tuple[str, str]] = {
    "unknown_activity": ("okänd aktivitet (finns inte i aktivitetskatalogen)", "unknown activity"),
    "unknown_unit": ("okänd enhet", "unknown unit"),
    "ambiguous_unit": ("tvetydig enhet", "ambiguous unit"),
    "unit_dimension_mismatch": (
        "enheten passar inte aktiviteten (fel storhet)",
        "the unit does not fit the activity (wrong dimension)",
    ),
    "negative_quantity": ("negativ mängd", "negative quantity"),
    "not_a_number": ("inte ett tal", "not a number"),
    "ambiguous_number": (
        "tvetydigt tal (tusentalsavgränsare eller decimaltecken?)",
        "ambiguous number",
    ),
    "missing_value": ("värde saknas", "missing value"),
    "year_not_covered": ("ingen faktor gäller för året", "no factor covers the year"),
    "no_factor": ("ingen emissionsfaktor för aktiviteten", "no emission factor for the activity"),
    "formula_without_value": ("formel utan sparat värde", "formula without a stored value"),
    "invalid_year": ("ogiltigt år", "invalid year"),
    "missing_column": ("kolumn saknas", "missing column"),
    "missing_sheet": ("bladet saknas", "missing sheet"),
    "duplicate_column": ("dubblerad kolumn", "duplicate column"),
    "empty_file": ("tom fil", "empty file"),
    "encoding": ("okänd teckenkodning", "unknown text encoding"),
    "unknown_source": ("okänd källa", "unknown source"),
    "incomplete_source": ("ofullständig källa", "incomplete source"),
    "overlapping_validity": ("överlappande giltighet", "overlapping validity"),
    "invalid_value": ("ogiltigt värde", "invalid value"),
    "unknown_gas": ("okänd gas", "unknown gas"),
    "gwp_not_available": ("GWP-värde saknas för gasen", "no GWP value for the gas"),
    "gwp_set_mismatch": (
        "faktorn är CO2e i en annan eller ej angiven GWP-version (strikt GWP)",
        "the factor is CO2e in another or an unstated GWP set (strict GWP)",
    ),
    "too_large": ("för stort värde", "value too large"),
    "unsupported_format": ("filformatet stöds inte", "unsupported file format"),
    # rows skipped on reading (status "skipped"), not rejected
    "blank_row": ("tom rad", "blank row"),
    "repeated_header": ("upprepad rubrikrad", "the header row repeated"),
    "total_row": ("summarad (räknas inte två gånger)", "a total row (not counted twice)"),
    "subtotal_row": ("delsumma (räknas inte två gånger)", "a subtotal (not counted twice)"),
    "note_row": ("anteckning (varken aktivitet eller mängd)", "a note (no activity, no quantity)"),
}
"""Reason code of a rejected row → (Swedish, English) text; an unknown code is shown as is."""

STATUS: dict[str, tuple[str, str]] = {
    "in both years": ("i båda åren", "in both years"),
    "new since base year": ("ny sedan basåret", "new since the base year"),
    "not in this year": ("saknas i år", "not in this year"),
    "total": ("totalt", "total"),
    "rejected": ("avvisad", "rejected"),
    "skipped": ("överhoppad", "skipped"),
    "added": ("ny", "added"),
    "removed": ("borttagen", "removed"),
    "changed": ("ändrad", "changed"),
}


def text(key: str, lang: Lang, **values: object) -> str:
    """Return the report label ``key`` in ``lang``, formatted with ``values``.

    Examples
    --------
    >>> text("title", "sv", year=2024)
    'Klimatredovisning 2024'
    >>> text("sheet_factors", "en")
    'Emission factors'
    """
    return in_language(TEXT, key, lang, **values)


def in_language(
    words: Mapping[str, tuple[str, str]], key: str, lang: Lang, **values: object
) -> str:
    """Return ``words[key]`` (a Swedish–English pair) in ``lang``, formatted with ``values``.

    The one lookup behind the sections' own word lists (purchases, outlook, scopes).

    Examples
    --------
    >>> in_language({"hello": ("Hej {name}", "Hello {name}")}, "hello", "en", name="Anna")
    'Hello Anna'
    """
    sv, en = words[key]
    template = sv if lang == "sv" else en
    return template.format(**values) if values else template


def gwp_set_label(name: str, lang: Lang) -> str:
    """Return a GWP set as a reader says it: the IPCC report and the time horizon.

    Examples
    --------
    >>> gwp_set_label("AR5GWP100", "sv"), gwp_set_label("AR6GWP100", "en")
    ('AR5, 100 år', 'AR6, 100 years')
    """
    match = re.fullmatch(r"(AR\d+)GWP(\d+)", name)
    if match is None:
        return name
    years = "år" if lang == "sv" else "years"
    return f"{match.group(1)}, {match.group(2)} {years}"


def column_label(column: str, lang: Lang, **values: object) -> str:
    """Return the report header of a column, with its unit (``"Utsläpp (t CO2e)"``).

    Examples
    --------
    >>> column_label("emissions_t_co2e", "sv")
    'Utsläpp (t CO2e)'
    >>> column_label("base_emissions_t_co2e", "en", base_year=2019)
    'Base year 2019 (t CO2e)'
    """
    if column not in COLUMNS:
        return column
    sv, en = COLUMNS[column]
    return (sv if lang == "sv" else en).format(**values)


def category_label(category: object, lang: Lang) -> str:
    """Return the report name of a category code (the code itself if unknown).

    Examples
    --------
    >>> category_label("medical_gases", "sv")
    'Medicinska gaser'
    >>> category_label("total", "en")
    'Total'
    """
    code = str(category)
    if code == "total":
        return text("total", lang)
    if code in CATEGORY_LABELS:
        sv, en = CATEGORY_LABELS[code]
        return sv if lang == "sv" else en
    return code


def translate(labels: dict[str, tuple[str, str]], value: object, lang: Lang) -> object:
    """Return ``value`` translated by ``labels`` when it is one of its keys."""
    if isinstance(value, str) and value in labels:
        sv, en = labels[value]
        return sv if lang == "sv" else en
    return value
