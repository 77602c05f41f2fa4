"""How the initial bundled factor library (2026-11-23) was derived: every row and its arithmetic.

This script wrote the first version of ``emission_factors/*.csv``. It is kept so that each derived
value (petrol and diesel per year under the reduktionsplikt, unit conversions, proxies) can be
re-checked. The data is append-only: do NOT re-run it over released rows; a revision is a new row
citing a new edition (see docs/how-to/update-factors.md).
"""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "emission_factors"
RETRIEVED = "2026-11-23"
YEARS = range(2019, 2026)

# ---------------------------------------------------------------------------------------------
# sources.csv
# ---------------------------------------------------------------------------------------------
SRC_COLS = [
    "source_id",
    "publisher",
    "title",
    "year",
    "url",
    "doc_id",
    "retrieved",
    "license",
    "note",
]
YEAR_UNKNOWN = (
    "publication year not shown on the stored copy; year set to the retrieval year "
    "(conservative for edition filtering) - verify"
)
sources = [
    # --- GWP, species, blends -----------------------------------------------------------------
    dict(
        source_id="ipcc-ar4-wg1-ch2",
        publisher="IPCC",
        title="Climate Change 2007: The Physical Science Basis. WG I contribution to AR4. "
        "Chapter 2: Changes in Atmospheric Constituents and in Radiative Forcing",
        year=2007,
        url="",
        doc_id="ISBN 978-0-521-88009-1",
        note="Table 2.14 (GWP100). Values cross-checked against the machine-readable "
        "transcription openclimatedata/globalwarmingpotentials 0.13.2 (column AR4GWP100)",
    ),
    dict(
        source_id="ipcc-ar5-wg1-ch8",
        publisher="IPCC",
        title="Climate Change 2013: The Physical Science Basis. WG I contribution to AR5. "
        "Chapter 8: Anthropogenic and Natural Radiative Forcing",
        year=2013,
        url="https://www.ipcc.ch/site/assets/uploads/2018/02/WG1AR5_Chapter08_FINAL.pdf",
        doc_id="",
        note="Table 8.A.1 (GWP100 without climate-carbon feedback). Cross-checked against "
        "globalwarmingpotentials 0.13.2 (AR5GWP100) and, for sevoflurane, 40 CFR 98 "
        "Table A-1 (AR5-based, 216)",
    ),
    dict(
        source_id="ipcc-ar6-wg1-ch7-sm",
        publisher="IPCC",
        title="Climate Change 2021: The Physical Science Basis. WG I contribution to AR6. "
        "Chapter 7 Supplementary Material",
        year=2021,
        url="https://www.ipcc.ch/report/ar6/wg1/downloads/report/"
        "IPCC_AR6_WGI_Chapter_07_Supplementary_Material.pdf",
        doc_id="",
        note="Table 7.SM.7 (GWP100). Read via chrisroadmap/ar6 "
        "data_output/7sm/metrics_supplement_cleaned.csv and globalwarmingpotentials "
        "0.13.2 (AR6GWP100)",
    ),
    dict(
        source_id="ipcc-ar6-wg1-ch7",
        publisher="IPCC",
        title="Climate Change 2021: The Physical Science Basis. WG I contribution to AR6. "
        "Chapter 7: The Earth's Energy Budget, Climate Feedbacks and Climate Sensitivity",
        year=2021,
        url="",
        doc_id="doi:10.1017/9781009157896.009",
        note="Table 7.15: GWP100 of fossil (29.8) and non-fossil (27.0) CH4. Table not "
        "re-opened in this session; values as in the project reference "
        "(domain-facts 1b/2.6, GHG Protocol GWP table Aug 2024) - verify",
    ),
    dict(
        source_id="eu-reg-2014-517-annex-iv",
        publisher="European Parliament and Council",
        title="Regulation (EU) No 517/2014 on fluorinated greenhouse gases, Annex IV: "
        "Method of calculating the total GWP of a mixture",
        year=2014,
        url="https://www.legislation.gov.uk/eur/2014/517/annexes/adopted",
        doc_id="Regulation (EU) No 517/2014",
        note="Annex IV table of non-fluorinated substances (propane R-290: 3), 'based on the "
        "Fourth Assessment Report ... unless otherwise indicated'; read via "
        "gesetze.legal and legislation.gov.uk copies",
    ),
    dict(
        source_id="ashrae-34-2019-via-openscm-units",
        publisher="ASHRAE",
        title="ANSI/ASHRAE Standard 34-2019: Designation and Safety Classification of "
        "Refrigerants (blend compositions as transcribed in openscm-units "
        "src/openscm_units/data/mixtures.yaml)",
        year=2019,
        url="https://github.com/openscm/openscm-units",
        doc_id="ISSN 1041-2336",
        note="Second-hand: standard not opened; compositions (mass %) read from openscm-units "
        "mixtures.yaml, which cites ASHRAE 34-2019 p. 9ff",
    ),
    dict(
        source_id="fass-livopan-2015",
        publisher="AGA AB (FASS, LIF)",
        title="Livopan, medicinsk gas, komprimerad 50 %/50 % (FASS-text for healthcare "
        "staff, based on produktresume 2015-05-08)",
        year=2015,
        url="https://www.fass.se/LIF/product?userType=0&nplId=20060113000032",
        doc_id="NPL 20060113000032",
        note="Composition 50 % N2O / 50 % O2; the patient leaflet (felleskatalogen.no, "
        "imeds.se) says '50 % of each'. Mole (volume) basis as stated in the project "
        "reference (sv.wikipedia 'Lustgas': 50/50 by volume); the stored FASS excerpt "
        "does not show section 2 - verify mol/mol in the SmPC",
    ),
    dict(
        source_id="iupac-atomic-weights-2021",
        publisher="IUPAC CIAAW",
        title="Standard atomic weights of the elements 2021 (IUPAC Technical Report), "
        "Pure Appl. Chem. 94(5) 573-600",
        year=2022,
        url="",
        doc_id="doi:10.1515/pac-2019-0603",
        note="Abridged atomic weights H 1.008, C 12.011, N 14.007, O 15.999, F 18.998, "
        "Cl 35.45; molar masses in species.csv are sums over the formula (derived)",
    ),
    dict(
        source_id="ipcc-2006-gl",
        publisher="IPCC (IGES for the NGGIP)",
        title="2006 IPCC Guidelines for National Greenhouse Gas Inventories",
        year=2006,
        url="",
        doc_id="ISBN 4-88788-032-4",
        note="Vol. 3 IPPU: Ch. 7 (ODS substitutes, refrigeration: emission = refill for a "
        "charge kept constant, mass-balance approach) and Ch. 8.4 (N2O from product "
        "uses, medical applications). Sections not re-opened in this session; cited "
        "for the convention that purchased gas is emitted",
    ),
    # --- fuels ---------------------------------------------------------------------------------
    dict(
        source_id="energimyndigheten-vaxthusgas-drivmedel-2016",
        publisher="Energimyndigheten",
        title="Växthusgasutsläpp - genomsnittliga utsläpp i livscykelperspektiv för drivmedel "
        "levererade 2016 (drivmedelslagen)",
        year=2017,
        url="http://www.energimyndigheten.se/fornybart/hallbarhetskriterier/drivmedelslagen/"
        "vaxthusgasutslapp/",
        doc_id="",
        note="Page undated in the stored copy; the table covers fuels delivered in 2016, "
        "so year = 2017 (earliest possible publication) - verify",
    ),
    dict(
        source_id="energimyndigheten-drivmedel-2018",
        publisher="Energimyndigheten",
        title="Drivmedel 2018. Redovisning av rapporterade uppgifter enligt drivmedelslagen, "
        "hållbarhetslagen och reduktionsplikten",
        year=2019,
        url="",
        doc_id="ER 2019:14",
        note="Low-blend bio share 2015->2018: diesel 17 -> 23 % vol, petrol 4.9 -> 6.3 % vol; "
        "used as a plausibility check of the derived bio shares (reduktionsplikt.csv)",
    ),
    dict(
        source_id="wikipedia-sv-reduktionsplikten",
        publisher="Wikipedia (sv)",
        title="Reduktionsplikten (table 'Reduktionsplikt i Sverige')",
        year=2024,
        url="https://sv.m.wikipedia.org/wiki/Reduktionsplikt",
        doc_id="",
        note="Second-hand (encyclopedia). Revision year not recorded; the text refers to the "
        "2024 proposal to raise the level to 10 % from 1 July 2025 (marked 'foreslagen'), "
        "so year >= 2024. Used for 2019 (2.6/20 %) and 2025 levels only",
    ),
    dict(
        source_id="regeringen-prop-2020-21-180",
        publisher="Regeringen",
        title="Reduktionsplikt för bensin och diesel - kontrollstation 2019 (prop. 2020/21:180)",
        year=2021,
        url="https://data.riksdagen.se/dokument/H803180.html",
        doc_id="Prop. 2020/21:180",
        note="New levels (2021: petrol 6 %, diesel 26 %) in force from 1 August 2021",
    ),
    dict(
        source_id="regeringen-prop-2021-22-243",
        publisher="Regeringen",
        title="Pausad höjning av reduktionsplikten för bensin och diesel 2023 (prop. 2021/22:243)",
        year=2022,
        url="https://lagen.nu/prop/2021/22:243",
        doc_id="Prop. 2021/22:243",
        note="Section 2, 5 paragraph table: 2020 4.2/21, 2021 6/26, 2022 7.8/30.5, "
        "2023 7.8/30.5 (petrol/diesel, %)",
    ),
    dict(
        source_id="regeringen-prop-2023-24-28",
        publisher="Regeringen",
        title="Sänkning av reduktionsplikten för bensin och diesel (prop. 2023/24:28)",
        year=2023,
        url="https://rkrattsbaser.gov.se/prop?fritext=2023&page=13&post_id=193",
        doc_id="Prop. 2023/24:28",
        note="Reduction level 6 % for petrol and diesel for 2024-2026, in force 1 Jan 2024",
    ),
    dict(
        source_id="miljodirektoratet-omregning-energivarer-nir2021",
        publisher="Miljødirektoratet",
        title="Tabeller for omregning fra energivarer til kWh - utslippsfaktorer per kWh, "
        "liter eller kilo (kilde: National Inventory Report 2021)",
        year=2021,
        url="https://www.miljodirektoratet.no/ansvarsomrader/klima/for-myndigheter/"
        "kutte-utslipp-av-klimagasser/klima-og-energiplanlegging/"
        "tabeller-for-omregning-fra-energivarer-til-kwh/",
        doc_id="",
        note="Page undated; cites NIR 2021 and 2020 biofuel shares, so year >= 2021 (set "
        "2021). Factors are fossil CO2 at combustion, excluding CH4 and N2O "
        "(publisher: +0.5 to 1.5 %)",
    ),
    # --- electricity ---------------------------------------------------------------------------
    dict(
        source_id="ei-residualmix-2019",
        publisher="Energimarknadsinspektionen (Ei)",
        title="Nu finns information om residualmix för 2019",
        year=2020,
        url="https://ei.se/om-oss/nyheter/2020/2020-06-22-nu-finns-information-om-"
        "residualmix-for-2019",
        doc_id="",
        note="Nordic residual mix 2019 (Grexel), new issuance-based method: not comparable "
        "with 2018 and earlier",
    ),
    dict(
        source_id="ei-residualmix-2021",
        publisher="Energimarknadsinspektionen (Ei)",
        title="Nu finns information om residualmix för 2021",
        year=2022,
        url="https://ei.se/om-oss/nyheter/2022/2022-06-08-nu-finns-information-om-"
        "residualmix-for-2021",
        doc_id="",
        note="",
    ),
    dict(
        source_id="hallstaviks-elverk-ursprungsmarkning-2022",
        publisher="Hallstaviks Elverk AB",
        title="Ursprungsmärkning el (quotes Ei's Nordic residual mix 2022)",
        year=2023,
        url="https://hallstavikselverk.se/elhandel/ursprungsmarkning-el/",
        doc_id="",
        note="Second-hand: an electricity retailer quoting Ei's residual mix 2022 "
        "(13.67/22.39/63.94 %, 467.62 g CO2/kWh); page undated, year = 2023 because Ei "
        "publishes year N in June of N+1 - verify at ei.se",
    ),
    dict(
        source_id="ei-residualmix-2023",
        publisher="Energimarknadsinspektionen (Ei)",
        title="Residualmix (page with the residual mix for 2023)",
        year=2024,
        url="https://www.ei.se/bransch/ursprungsmarkning-av-el/residualmix",
        doc_id="",
        note="Stored copy 2024-07-23 shows 2023 values; since 2020 Ei uses the Shifted "
        "Issuing Based Methodology",
    ),
    dict(
        source_id="ei-redovisa-ursprungsmarkningen",
        publisher="Energimarknadsinspektionen (Ei)",
        title="Redovisa ursprungsmärkningen (vägledning för elhandelsföretag)",
        year=2022,
        url="https://ei.se/bransch/ursprungsmarkning-av-el/redovisa-ursprungsmarkningen",
        doc_id="",
        note="States that e.g. wind and solar 'kan redovisas med noll koldioxidutslapp' "
        "(emissions at production). Page undated; its example uses the 2021 residual "
        "mix (published June 2022), so year = 2022",
    ),
    dict(
        source_id="ivl-smed-nordisk-elmix-2021",
        publisher="IVL Svenska Miljöinstitutet (SMED för Naturvårdsverket)",
        title="Emissionsfaktorer för nordisk elmix med hänsyn till import och export",
        year=2021,
        url="https://www.ivl.se/publikationer/publikationer/emissionsfaktorer-for-"
        "nordiskelmix-med-hansyn-till-import-och-export.html",
        doc_id="SMED Rapport Nr 4 2021",
        note="Accounting (bokforing) perspective, Nordic mix incl. import/export, three-year "
        "average 'kring 90 g CO2e/kWh' (years per etn.se: 2016-19)",
    ),
    dict(
        source_id="etn-ivl-nordisk-elmix-2021-2023",
        publisher="Elektroniktidningen (etn.se)",
        title="Nordisk el 30 procent mindre fossil på fem år (on IVL: Emissionsfaktor för "
        "nordisk elmix år 2021-2023)",
        year=2025,
        url="https://etn.se/index.php/nyheter/72456-nordisk-el-30-procent-mindre-fossil-"
        "pa-fem-ar.html",
        doc_id="",
        note="Second-hand: news report (2025-09-25) of the IVL report; 59 g CO2/kWh as "
        "three-year average 2021-2023 - verify against the IVL report",
    ),
    # --- district heating / cooling ------------------------------------------------------------
    dict(
        source_id="energiforetagen-via-malmo-miljobarometern-2023",
        publisher="Malmö stad, Miljöbarometern (data: Energiföretagen Sverige)",
        title="Fjärrvärmens växthusgasutsläpp (tabell, Malmö, Göteborg, Lund, Stockholm, "
        "Västerås 2012-2022)",
        year=2023,
        url="https://miljobarometern.malmo.se/klimat/utslapp-av-vaxthusgaser/"
        "fjarrvarmens-koldioxidutslapp/table/",
        doc_id="",
        note="Second-hand: Energiforetagen's local environmental values (VMK climate "
        "perspective, non-labelled heat) as republished by Malmo; latest value 2022, "
        "so year = 2023",
    ),
    dict(
        source_id="tekniskaverken-miljovarden-fjarrvarme-2022",
        publisher="Tekniska verken i Linköping AB",
        title="Miljövärden för fjärrvärme 2022",
        year=2023,
        url="https://www.tekniskaverken.se/foretag/fjarrvarme/miljovarde-fjarrvarme/",
        doc_id="",
        note="Accounting perspective; year = 2023 (values for 2022)",
    ),
    dict(
        source_id="umeaenergi-ursprungsmarkning-2022",
        publisher="Umeå Energi",
        title="Ursprungsmärkning, utsläpp och miljöpåverkan (specifika utsläpp 2022)",
        year=2023,
        url="https://www.umeaenergi.se/om-oss/hallbarhet/ursprungsmarkning-och-utslapp",
        doc_id="",
        note="Year = 2023 (values for 2022)",
    ),
    dict(
        source_id="malarenergi-fjarrkyla-2016",
        publisher="Mälarenergi",
        title="Ursprungsmärkning av fjärrkylan (miljövärden 2016)",
        year=2017,
        url="https://www.malarenergi.se/sv/om-malarenergi/miljo/ursprungsmarkning/"
        "ursprungsmarkning-av-fjarrkylan/",
        doc_id="",
        note="Accounting perspective per VMK; year = 2017 (values for 2016)",
    ),
    dict(
        source_id="climateview-tef-district-heating-se",
        publisher="ClimateView",
        title="transition-element-framework: parameter "
        "emission_factor_imported_grid_district_heating_kwh_to_co2e (SE value)",
        year=2021,
        url="https://github.com/ClimateView/transition-element-framework",
        doc_id="markdown/5-resources/1-data/definitions/parameters/"
        "emission_factor_imported_grid_district_heating_kwh_to_co2e.md",
        note="Second-hand: SE value 52 g CO2e/kWh, comment 'Data fran energiforetagen', "
        "validFrom 2021-01-01 (year set from that)",
    ),
    # --- travel --------------------------------------------------------------------------------
    dict(
        source_id="klimatsmartsemester-flyg",
        publisher="Klimatsmart semester (Chalmers)",
        title="Så har vi räknat - flyg",
        year=2026,
        url="https://www.klimatsmartsemester.se/sa-har-vi-raknat-flyg",
        doc_id="",
        note=YEAR_UNKNOWN + ". Method report: travelandclimate.org/metod (version 4.1)",
    ),
    dict(
        source_id="klimatresa-berakningsmetod",
        publisher="Klimatresa",
        title="Beräkningsmetod - transportmedel (tåg, bil, buss, flyg, färja)",
        year=2026,
        url="https://klimatresa.se/data",
        doc_id="",
        note=YEAR_UNKNOWN,
    ),
    dict(
        source_id="jamtkraft-emissionsfaktorer-2017",
        publisher="Jämtkraft AB",
        title="Hållbarhetsredovisning 2017: Emissionsfaktorer (Svante, GWP AR4)",
        year=2018,
        url="https://www.jamtkraft.se/redovisningar/2017/miljo/emissionsfaktorer/",
        doc_id="",
        note="Second-hand: Jamtkraft quoting the Svante climate tool (AR4 GWPs); year = 2018 "
        "(report on 2017)",
    ),
    dict(
        source_id="naturvardsverket-klimatberakningsverktyget-v9-2025",
        publisher="Naturvårdsverket (SMED/IVL)",
        title="Klimatberäkningsverktyget version 9 (2025-12-15)",
        year=2025,
        url="https://www.naturvardsverket.se/4b1060/contentassets/"
        "1224aae0cb7c48138c68f1b6c55e00d4/klimatberakningsverktyget-version-9-251215.xlsx",
        doc_id="",
        note="Second-hand: values quoted by a public research note in the project reference "
        "(domain-facts 2.1); URL quoted, not opened. WTW, GWP AR5",
    ),
    # --- purchases -----------------------------------------------------------------------------
    dict(
        source_id="upphandlingsmyndigheten-miljospendanalys-regioner-2016",
        publisher="Upphandlingsmyndigheten",
        title="Miljöspendanalys: Regionernas miljöpåverkan (inköp 2016)",
        year=2019,
        url="https://www.upphandlingsmyndigheten.se/verktyg/miljospendanalys/"
        "landstingens-miljopaverkan/",
        doc_id="",
        note="Page undated; the regions' analysis followed the municipalities' analysis "
        "presented 2018 (offentligaaffarer.se), so year = 2019 - verify",
    ),
    dict(
        source_id="upphandlingsmyndigheten-miljospendanalys-ovriga-myndigheter-2016",
        publisher="Upphandlingsmyndigheten",
        title="Miljöspendanalys: Statens miljöpåverkan - övriga myndigheter (inköp 2016)",
        year=2019,
        url="https://www.upphandlingsmyndigheten.se/verktyg/miljospendanalys/"
        "statens-miljopaverkan/ovriga-myndigheter/",
        doc_id="",
        note="Page undated; same 2016 analysis series as the regions' page - verify",
    ),
    # --- KPI -----------------------------------------------------------------------------------
    dict(
        source_id="scb-kpi-faststallda-tal",
        publisher="SCB (Statistiska centralbyrån)",
        title="Konsumentprisindex (1980=100), fastställda tal",
        year=2024,
        url="https://www.scb.se/hitta-statistik/statistik-efter-amne/priser-och-konsumtion/"
        "konsumentprisindex/konsumentprisindex-kpi/pong/tabell-och-diagram/"
        "konsumentprisindex-kpi/kpi-faststallda-tal-1980100/",
        doc_id="",
        note="Stored copy shows annual averages (arsmedel) up to 2023 and Jan-Mar 2024",
    ),
    dict(
        source_id="bjornlunden-kpi-2024",
        publisher="Björn Lundén",
        title="Konsumentprisindex (KPI) - aktuella och historiska",
        year=2024,
        url="https://bjornlunden.com/se/bjornkoll/blogg/"
        "konsumentprisindex-kpi-aktuella-och-historiska/",
        doc_id="",
        note="Second-hand monthly KPI (SCB) for 2024 up to November; year = 2024",
    ),
]

# ---------------------------------------------------------------------------------------------
# activities.csv
# ---------------------------------------------------------------------------------------------
ACT_COLS = [
    "activity",
    "label_sv",
    "label_en",
    "category",
    "subcategory",
    "scope",
    "ghg_category",
    "dimension",
    "note",
]
A = []


def act(code, sv, en, cat, sub, scope, ghg, dim, note=""):
    A.append(
        dict(
            activity=code,
            label_sv=sv,
            label_en=en,
            category=cat,
            subcategory=sub,
            scope=scope,
            ghg_category=ghg,
            dimension=dim,
            note=note,
        )
    )


V = "vehicles"
act(
    "petrol",
    "Bensin (pumpbensin med reduktionsplikt)",
    "Petrol (Swedish pump petrol as sold)",
    "transport",
    V,
    1,
    "",
    "volume",
    "Pump petrol of the activity year, blended under the reduktionsplikt; see reduktionsplikt.csv",
)
act(
    "diesel",
    "Diesel (pumpdiesel med reduktionsplikt)",
    "Diesel (Swedish pump diesel as sold)",
    "transport",
    V,
    1,
    "",
    "volume",
    "Pump diesel of the activity year, blended under the reduktionsplikt; see reduktionsplikt.csv",
)
act(
    "petrol_fossil", "Bensin, 100 % fossil", "Petrol, 100 % fossil", "transport", V, 1, "", "volume"
)
act(
    "diesel_fossil", "Diesel, 100 % fossil", "Diesel, 100 % fossil", "transport", V, 1, "", "volume"
)
act("hvo100", "HVO100", "HVO100 (renewable diesel)", "transport", V, 1, "", "volume")
act("e85", "E85", "E85 (ethanol fuel)", "transport", V, 1, "", "volume")
act("ed95", "ED95", "ED95 (ethanol for diesel engines)", "transport", V, 1, "", "volume")
act(
    "vehicle_gas",
    "Fordonsgas (blandning)",
    "Vehicle gas (Swedish biogas/natural gas mix)",
    "transport",
    V,
    1,
    "",
    "mass",
    "Sold per kg at Swedish pumps",
)
act("biogas", "Biogas (100 %)", "Biogas (100 %)", "transport", V, 1, "", "mass")
act(
    "natural_gas",
    "Naturgas",
    "Natural gas",
    "energy",
    "heating",
    1,
    "",
    "energy",
    "Quantity as delivered energy (kWh, lower heating value)",
)
act("heating_oil", "Eldningsolja 1", "Heating oil (Eo1)", "energy", "heating", 1, "", "volume")
act("lpg", "Gasol", "LPG (propane/butane)", "energy", "heating", 1, "", "mass")
act(
    "jet_fuel",
    "Flygfotogen (Jet A-1)",
    "Jet fuel (Jet A-1)",
    "transport",
    "ambulance_flights",
    1,
    "",
    "volume",
    "Ambulance helicopter and plane fuel; no high-altitude multiplier (helicopters fly low). "
    "Scope 1 when the region operates the aircraft; if flights are bought as a service, "
    "report under scope 3 category 1",
)
act(
    "diesel_backup_power",
    "Diesel till reservkraft",
    "Diesel for backup power",
    "energy",
    "backup_power",
    1,
    "",
    "volume",
    "Same pump diesel as 'diesel'",
)
E = "electricity"
act(
    "electricity_nordic_mix",
    "El, nordisk elmix (platsbaserad)",
    "Electricity, Nordic mix (location-based)",
    "energy",
    E,
    2,
    "",
    "energy",
)
act(
    "electricity_residual_mix",
    "El, residualmix (marknadsbaserad, utan ursprungsgarantier)",
    "Electricity, residual mix (market-based, no guarantees of origin)",
    "energy",
    E,
    2,
    "",
    "energy",
)
act(
    "electricity_renewable_go",
    "El, fornybar med ursprungsgarantier (marknadsbaserad)",
    "Electricity, renewable with guarantees of origin (market-based)",
    "energy",
    E,
    2,
    "",
    "energy",
)
act(
    "electricity_supplier_specific",
    "El, leverantorsspecifik (marknadsbaserad)",
    "Electricity, supplier-specific (market-based)",
    "energy",
    E,
    2,
    "",
    "energy",
    "No bundled factor: the supplier's own emission factor is given by the user",
)
DH = "district_heating"
act(
    "district_heating_sweden",
    "Fjarrvarme, svenskt genomsnitt",
    "District heating, Swedish average",
    "energy",
    DH,
    2,
    "",
    "energy",
)
for code, sv, en in [
    ("vasteras", "Vasteras (Malarenergi)", "Vasteras (Malarenergi)"),
    ("stockholm", "Stockholm", "Stockholm"),
    ("goteborg", "Goteborg", "Gothenburg"),
    ("umea", "Umea (Umea Energi)", "Umea (Umea Energi)"),
    ("linkoping", "Linkoping (Tekniska verken)", "Linkoping (Tekniska verken)"),
    ("lulea", "Lulea (Lulea Energi)", "Lulea (Lulea Energi)"),
]:
    act(
        f"district_heating_{code}",
        f"Fjarrvarme, {sv}",
        f"District heating, {en}",
        "energy",
        DH,
        2,
        "",
        "energy",
        "Network-specific accounting value (VMK), non-labelled (residual) heat",
    )
act(
    "district_cooling_sweden",
    "Fjarrkyla, svenskt genomsnitt",
    "District cooling, Swedish average",
    "energy",
    "district_cooling",
    2,
    "",
    "energy",
)
act(
    "district_cooling_vasteras",
    "Fjarrkyla, Vasteras (Malarenergi)",
    "District cooling, Vasteras (Malarenergi)",
    "energy",
    "district_cooling",
    2,
    "",
    "energy",
)
BT = "business_travel"
act(
    "flight_domestic",
    "Flyg, inrikes",
    "Flight, domestic",
    "transport",
    BT,
    3,
    6,
    "distance",
    "Passenger-km",
)
act(
    "flight_europe",
    "Flyg, Europa",
    "Flight, Europe",
    "transport",
    BT,
    3,
    6,
    "distance",
    "Passenger-km",
)
act(
    "flight_intercontinental",
    "Flyg, interkontinentalt",
    "Flight, intercontinental",
    "transport",
    BT,
    3,
    6,
    "distance",
    "Passenger-km",
)
act("train", "Tag", "Train", "transport", BT, 3, 6, "distance", "Passenger-km")
act("bus", "Buss", "Bus", "transport", BT, 3, 6, "distance", "Passenger-km")
act("taxi", "Taxi", "Taxi", "transport", BT, 3, 6, "distance", "Vehicle-km of the ride")
act("car_petrol", "Bil, bensin", "Car, petrol", "transport", BT, 3, 6, "distance", "Vehicle-km")
act("car_diesel", "Bil, diesel", "Car, diesel", "transport", BT, 3, 6, "distance", "Vehicle-km")
act("car_hvo", "Bil, HVO100", "Car, HVO100", "transport", BT, 3, 6, "distance", "Vehicle-km")
act(
    "car_electric",
    "Bil, el",
    "Car, battery electric",
    "transport",
    BT,
    3,
    6,
    "distance",
    "Vehicle-km",
)
act(
    "car_phev",
    "Bil, laddhybrid",
    "Car, plug-in hybrid",
    "transport",
    BT,
    3,
    6,
    "distance",
    "Vehicle-km",
)
PT = (
    "Sjukresor: scope 3 category 1 (transport bought or reimbursed by the region as a "
    "service for patients; the patients are not employees, so not category 6)"
)
act(
    "patient_travel_taxi",
    "Sjukresa, taxi",
    "Patient travel, taxi",
    "transport",
    "patient_travel",
    3,
    1,
    "distance",
    PT + "; vehicle-km",
)
act(
    "patient_travel_car",
    "Sjukresa, egen bil",
    "Patient travel, own car",
    "transport",
    "patient_travel",
    3,
    1,
    "distance",
    PT + "; vehicle-km",
)
act(
    "patient_travel_bus",
    "Sjukresa, buss",
    "Patient travel, bus",
    "transport",
    "patient_travel",
    3,
    1,
    "distance",
    PT + "; passenger-km",
)
act(
    "patient_travel_train",
    "Sjukresa, tag",
    "Patient travel, train",
    "transport",
    "patient_travel",
    3,
    1,
    "distance",
    PT + "; passenger-km",
)
act(
    "nitrous_oxide",
    "Lustgas (N2O)",
    "Nitrous oxide (N2O)",
    "medical_gases",
    "nitrous_oxide",
    1,
    "",
    "mass",
    "Purchased mass; destruction/capture is given as input",
)
act(
    "livopan",
    "Livopan (50/50 N2O/O2)",
    "Livopan (50/50 N2O/O2 by mole)",
    "medical_gases",
    "nitrous_oxide",
    1,
    "",
    "mass",
    "Mass of the mixture; purchased volumes must be converted to mass first",
)
act("sevoflurane", "Sevofluran", "Sevoflurane", "medical_gases", "anaesthetic_gases", 1, "", "mass")
act("desflurane", "Desfluran", "Desflurane", "medical_gases", "anaesthetic_gases", 1, "", "mass")
act("isoflurane", "Isofluran", "Isoflurane", "medical_gases", "anaesthetic_gases", 1, "", "mass")
act(
    "medical_co2",
    "Medicinsk koldioxid",
    "Medical carbon dioxide",
    "medical_gases",
    "medical_co2",
    1,
    "",
    "mass",
)
for code, sv in [
    ("r134a", "R134a"),
    ("r404a", "R404A"),
    ("r407c", "R407C"),
    ("r410a", "R410A"),
    ("r32", "R32"),
    ("r744", "R744 (koldioxid)"),
    ("r290", "R290 (propan)"),
]:
    en = sv.replace("koldioxid", "carbon dioxide").replace("propan", "propane")
    act(
        f"refrigerant_{code}",
        f"Koldmedium {sv}",
        f"Refrigerant {en}",
        "refrigerants",
        "refrigerants",
        1,
        "",
        "mass",
        "Refilled mass = leaked mass (charge kept constant)",
    )
P = "purchases"
act(
    "purchase_medical_consumables",
    "Inkop, sjukvardsmaterial",
    "Purchases, medical consumables",
    P,
    "goods",
    3,
    1,
    "currency",
)
act(
    "purchase_pharmaceuticals",
    "Inkop, lakemedel",
    "Purchases, pharmaceuticals",
    P,
    "goods",
    3,
    1,
    "currency",
)
act("purchase_food", "Inkop, livsmedel", "Purchases, food", P, "food", 3, 1, "currency")
act(
    "purchase_it",
    "Inkop, IT och telekom",
    "Purchases, IT and telecom",
    P,
    "goods",
    3,
    1,
    "currency",
)
act("purchase_furniture", "Inkop, mobler", "Purchases, furniture", P, "goods", 3, 1, "currency")
act("purchase_services", "Inkop, tjanster", "Purchases, services", P, "services", 3, 1, "currency")
act(
    "purchase_laundry",
    "Inkop, tvatteritjanster",
    "Purchases, laundry services",
    P,
    "services",
    3,
    1,
    "currency",
)

# ---------------------------------------------------------------------------------------------
# Fuel arithmetic (all inputs cited; see notes)
# ---------------------------------------------------------------------------------------------
EM = "energimyndigheten-vaxthusgas-drivmedel-2016"
EM_LOC = "Table 'Drivmedel' (fuels delivered 2016)"
C_PETROL, E_PETROL = 93.3, 32.2  # g CO2e/MJ and MJ/l, Bensin MK2 (no bio), Energimyndigheten
C_DIESEL, E_DIESEL = 95.1, 35.9  # Diesel MK3 (no bio)
G_HVO, E_HVO = 14.0, 34.0  # HVO
G_ETH, E_ETH = 30.8, 21.4  # ED95, used for the ethanol low-blend component
F_PETROL, F_DIESEL = 2.32, 2.66  # kg fossil CO2 per litre, Miljodirektoratet (NIR 2021)
S_DIESEL = 1 - G_HVO / C_DIESEL  # GHG saving of the bio component (HVO)
S_PETROL = 1 - G_ETH / C_PETROL  # GHG saving of ethanol

RP = {  # year: (petrol, diesel, source_id, locator, how)
    2019: (
        0.026,
        0.20,
        "wikipedia-sv-reduktionsplikten",
        "Table 'Reduktionsplikt i Sverige', row 2019",
        "2019 level 2.6/20 % (second-hand, Wikipedia)",
    ),
    2020: (
        0.042,
        0.21,
        "regeringen-prop-2021-22-243",
        "Section 2, 5 paragraph, row 2020",
        "2020 level 4.2/21 %",
    ),
    2021: (
        (7 * 0.042 + 5 * 0.060) / 12,
        (7 * 0.21 + 5 * 0.26) / 12,
        "regeringen-prop-2020-21-180",
        "Summary (in force 1 August 2021); levels 6/26 % as in prop. 2021/22:243 section 2",
        "time-weighted: 4.2/21 % Jan-Jul and 6/26 % from 1 Aug = (7*4.2+5*6)/12 = 4.95 % "
        "petrol, (7*21+5*26)/12 = 23.08 % diesel (derived)",
    ),
    2022: (
        0.078,
        0.305,
        "regeringen-prop-2021-22-243",
        "Section 2, 5 paragraph, row 2022",
        "2022 level 7.8/30.5 %",
    ),
    2023: (
        0.078,
        0.305,
        "regeringen-prop-2021-22-243",
        "Section 2, 5 paragraph (proposed wording), row 2023",
        "2023 level frozen at 7.8/30.5 %",
    ),
    2024: (
        0.06,
        0.06,
        "regeringen-prop-2023-24-28",
        "Propositionens huvudsakliga innehall",
        "2024 level 6/6 %",
    ),
    2025: (
        0.08,
        0.08,
        "wikipedia-sv-reduktionsplikten",
        "Table 'Reduktionsplikt i Sverige', row 2025",
        "6 % Jan-Jun and 10 % from 1 July 2025 (marked as proposed by Wikipedia; "
        "Trafikverket PM 2025 quoted as in force in the project reference) -> time-weighted "
        "(6+10)/2 = 8 % (derived) - verify; if not enacted use 6 %",
    ),
}


def blend(r, comparator, saving, e_bio, e_fos):
    """Return bio energy share, MJ/l, bio volume share and WTW kg/l of a low blend."""
    b = r / saving
    mj_per_l = 1 / (b / e_bio + (1 - b) / e_fos)
    v_bio = (b / e_bio) * mj_per_l
    wtw = comparator * (1 - r) * mj_per_l / 1000
    return b, mj_per_l, v_bio, wtw


# Check of the blend model against the publisher's own 2016 pump-fuel values
# (Bensin MK1 91.3 g/MJ 31.7 MJ/l; Diesel MK1 80.4 g/MJ 35.5 MJ/l).
_, mj16p, _, _ = blend(1 - 91.3 / C_PETROL, C_PETROL, S_PETROL, E_ETH, E_PETROL)
_, mj16d, _, _ = blend(1 - 80.4 / C_DIESEL, C_DIESEL, S_DIESEL, E_HVO, E_DIESEL)
assert abs(mj16p - 31.7) < 0.06 and abs(mj16d - 35.5) < 0.06, (mj16p, mj16d)

F_COLS = [
    "factor_id",
    "activity",
    "value",
    "unit",
    "gas",
    "gwp_set",
    "boundary",
    "price_year",
    "valid_from",
    "valid_to",
    "source_id",
    "source_locator",
    "note",
]
files: dict[str, list[dict]] = {
    k: []
    for k in [
        "fuels",
        "electricity",
        "district_heating",
        "travel",
        "medical_gases",
        "refrigerants",
        "purchases",
    ]
}
rp_rows = []


def fac(
    file,
    factor_id,
    activity,
    value,
    unit,
    gas,
    gwp_set,
    boundary,
    vf,
    vt,
    source_id,
    locator,
    note,
    price_year="",
):
    files[file].append(
        dict(
            factor_id=factor_id,
            activity=activity,
            value=value,
            unit=unit,
            gas=gas,
            gwp_set=gwp_set,
            boundary=boundary,
            price_year=price_year,
            valid_from=vf,
            valid_to=vt,
            source_id=source_id,
            source_locator=locator,
            note=note,
        )
    )


def fmt(x, nd=3):
    return f"{x:.{nd}f}"


WTW = {}  # (fuel, year) -> kg/l
for year, (rpet, rdie, sid, loc, how) in RP.items():
    for fuel, r, comp, sav, e_bio, e_fos, ff, bio in [
        ("petrol", rpet, C_PETROL, S_PETROL, E_ETH, E_PETROL, F_PETROL, "ethanol"),
        ("diesel", rdie, C_DIESEL, S_DIESEL, E_HVO, E_DIESEL, F_DIESEL, "HVO"),
    ]:
        b, mjl, vbio, wtw = blend(r, comp, sav, e_bio, e_fos)
        WTW[(fuel, year)] = wtw
        ttw = ff * (1 - vbio)
        gbio = G_ETH if fuel == "petrol" else G_HVO
        ebio_name = "ED95 21.4" if fuel == "petrol" else "HVO 34.0"
        fos_name = (
            "Bensin MK2 93.3 g/MJ, 32.2 MJ/l"
            if fuel == "petrol"
            else "Diesel MK3 95.1 g/MJ, 35.9 MJ/l"
        )
        common = (
            f"Derived. Reduction level r = {r * 100:.2f} % ({how}). Bio energy share "
            f"b = r/s = {b * 100:.2f} % with s = 1 - {gbio}/{comp} = {sav:.4f} (GHG saving "
            f"of {bio}, Energimyndigheten 2016 table); blend energy "
            f"1/(b/{ebio_name.split()[1]} + (1-b)/{e_fos}) = {mjl:.2f} MJ/l; bio volume "
            f"share {vbio * 100:.2f} %. "
        )
        check = (
            "The same model reproduces Energimyndigheten's 2016 pump values (31.7 and "
            "35.5 MJ/l). Ignores over-compliance and the actual bio mix (+-10 %) - verify "
            "against Energimyndigheten 'Drivmedel' for the year"
        )
        if fuel == "petrol" and vbio > 0.10:
            check += (
                f". Caution: the derived bio volume share ({vbio * 100:.1f} %) exceeds the "
                "E10 limit, so the actual bio components saved more than s; the "
                "combustion value is then too low (by up to about 7 %)"
            )
        for act_code in [fuel] + (["diesel_backup_power"] if fuel == "diesel" else []):
            same = "Same as diesel (pump diesel). " if act_code == "diesel_backup_power" else ""
            fac(
                "fuels",
                f"{act_code}-lifecycle-{year}",
                act_code,
                fmt(wtw),
                "kg CO2e / l",
                "CO2e",
                "",
                "lifecycle",
                year,
                year,
                sid,
                loc,
                same + common + f"WTW = {comp} g/MJ ({fos_name}, fossil reference, "
                f"Energimyndigheten 2016) x (1 - r) x {mjl:.2f} MJ/l = {wtw:.3f} kg/l. "
                "gwp_set not stated by the publisher. " + check,
            )
            fac(
                "fuels",
                f"{act_code}-combustion-{year}",
                act_code,
                fmt(ttw),
                "kg CO2e / l",
                "CO2e",
                "",
                "combustion",
                year,
                year,
                sid,
                loc,
                same + common + f"Fossil TTW = {ff} kg CO2/l (Miljodirektoratet, NIR 2021, "
                f"100 % fossil {'petrol' if fuel == 'petrol' else 'diesel'}) x (1 - "
                f"{vbio:.4f}) = {ttw:.3f} kg/l; biogenic CO2 counted as 0. Value is CO2 only "
                "(excl. CH4, N2O: +0.5-1.5 % per publisher). " + check,
            )
        rp_rows.append(
            dict(
                year=year,
                fuel=fuel,
                reduction_level=f"{r:.4f}",
                bio_share_energy=f"{b:.4f}",
                source_id=sid,
                source_locator=loc,
                note=f"reduction_level: {how}. bio_share_energy derived = r / s, "
                f"s = 1 - {gbio}/{comp} = {sav:.4f} (Energimyndigheten 2016 "
                f"table, {bio} vs fossil reference); not a reported share - "
                "verify against Energimyndigheten 'Drivmedel' "
                f"{year}. Cross-check: ER 2019:14 reports 2018 low-blend "
                "shares of 23 % vol (diesel) and 6.3 % vol (petrol)",
            )
        )

MD = "miljodirektoratet-omregning-energivarer-nir2021"
MD_LOC = "Table 'Utslippsfaktorer per kWh, liter eller kilo for ulike energivarer'"
ALL = (2019, 2025)
CARRY = (
    "2016 value applied to 2019-2025 (nearest documented value; no yearly edition found) "
    "- verify against later Energimyndigheten tables"
)
fac(
    "fuels",
    "petrol_fossil-lifecycle",
    "petrol_fossil",
    "3.004",
    "kg CO2e / l",
    "CO2e",
    "",
    "lifecycle",
    *ALL,
    EM,
    EM_LOC + ", row 'Bensin MK2' (3 004 g CO2e/l, 93.3 g/MJ)",
    "No bio blended. " + CARRY,
)
fac(
    "fuels",
    "petrol_fossil-combustion",
    "petrol_fossil",
    "2.32",
    "kg CO2e / l",
    "CO2e",
    "",
    "combustion",
    *ALL,
    MD,
    MD_LOC + ", row 'Bensin' (2.32 kg CO2/liter)",
    "CO2 only (excl. CH4, N2O: +0.5-1.5 % per publisher); Norwegian inventory factor for "
    "fossil petrol, applied to Swedish fossil petrol",
)
fac(
    "fuels",
    "diesel_fossil-lifecycle",
    "diesel_fossil",
    "3.414",
    "kg CO2e / l",
    "CO2e",
    "",
    "lifecycle",
    *ALL,
    EM,
    EM_LOC + ", row 'Diesel MK3' (3 414 g CO2e/l, 95.1 g/MJ)",
    "No bio blended. " + CARRY,
)
fac(
    "fuels",
    "diesel_fossil-combustion",
    "diesel_fossil",
    "2.66",
    "kg CO2e / l",
    "CO2e",
    "",
    "combustion",
    *ALL,
    MD,
    MD_LOC + ", row 'Diesel' (2.66 kg CO2/liter)",
    "CO2 only (excl. CH4, N2O: +0.5-1.5 % per publisher)",
)
fac(
    "fuels",
    "hvo100-lifecycle",
    "hvo100",
    "0.476",
    "kg CO2e / l",
    "CO2e",
    "",
    "lifecycle",
    *ALL,
    EM,
    EM_LOC + ", row 'HVO' (476 g CO2e/l, 14 g/MJ)",
    CARRY,
)
fac(
    "fuels",
    "e85-lifecycle",
    "e85",
    "1.181",
    "kg CO2e / l",
    "CO2e",
    "",
    "lifecycle",
    *ALL,
    EM,
    EM_LOC + ", row 'E85' (1 181 g CO2e/l)",
    CARRY,
)
fac(
    "fuels",
    "ed95-lifecycle",
    "ed95",
    "0.658",
    "kg CO2e / l",
    "CO2e",
    "",
    "lifecycle",
    *ALL,
    EM,
    EM_LOC + ", row 'ED95' (658 g CO2e/l)",
    CARRY,
)
fac(
    "fuels",
    "vehicle_gas-lifecycle",
    "vehicle_gas",
    "1.347",
    "kg CO2e / kg",
    "CO2e",
    "",
    "lifecycle",
    *ALL,
    EM,
    EM_LOC + ", row 'Fordonsgas' (1 347 g CO2e/kg; 30.5 g/MJ, 48.4 MJ/kg)",
    "Per kg (the publisher also gives 1 173 g/Nm3 at 36.2 MJ/Nm3). " + CARRY,
)
fac(
    "fuels",
    "biogas-lifecycle",
    "biogas",
    "0.997",
    "kg CO2e / kg",
    "CO2e",
    "",
    "lifecycle",
    *ALL,
    EM,
    EM_LOC + ", row 'Fordonsgas', value '20,6 (Biogas 100)' g CO2e/MJ",
    "Derived: 20.6 g CO2e/MJ x 48.4 MJ/kg (publisher's heating value per kg of vehicle gas) "
    "= 997 g/kg. " + CARRY,
)
fac(
    "fuels",
    "natural_gas-lifecycle",
    "natural_gas",
    "265.0",
    "g CO2e / kWh",
    "CO2e",
    "",
    "lifecycle",
    *ALL,
    EM,
    EM_LOC + ", row 'Fordonsgas', value '73,6 (Naturgas)' g CO2e/MJ",
    "Derived: 73.6 g CO2e/MJ x 3.6 MJ/kWh = 264.96 g/kWh. Vehicle-fuel (CNG) lifecycle value "
    "applied to natural gas burnt for heat. " + CARRY,
)
fac(
    "fuels",
    "natural_gas-combustion",
    "natural_gas",
    "200",
    "g CO2e / kWh",
    "CO2e",
    "",
    "combustion",
    *ALL,
    MD,
    MD_LOC + ", row 'Naturgass (LNG)' (0.20 kg CO2/kWh)",
    "CO2 only (excl. CH4, N2O); publisher gives two significant digits",
)
fac(
    "fuels",
    "heating_oil-lifecycle",
    "heating_oil",
    "3.414",
    "kg CO2e / l",
    "CO2e",
    "",
    "lifecycle",
    *ALL,
    EM,
    EM_LOC + ", row 'Diesel MK3' (3 414 g CO2e/l)",
    "Proxy: no lifecycle value for Eo1 found; Eo1 is a fossil middle distillate like diesel "
    "MK3 without bio (Miljodirektoratet gives the same combustion factor, 2.66 kg CO2/l, for "
    "both). " + CARRY,
)
fac(
    "fuels",
    "heating_oil-combustion",
    "heating_oil",
    "2.66",
    "kg CO2e / l",
    "CO2e",
    "",
    "combustion",
    *ALL,
    MD,
    MD_LOC + ", row 'Fyringsolje' (2.66 kg CO2/liter)",
    "CO2 only (excl. CH4, N2O: +0.5-1.5 % per publisher)",
)
fac(
    "fuels",
    "lpg-combustion",
    "lpg",
    "3.00",
    "kg CO2e / kg",
    "CO2e",
    "",
    "combustion",
    *ALL,
    MD,
    MD_LOC + ", row 'LPG (propan og butan)' (3.00 kg CO2/kg)",
    "CO2 only (excl. CH4, N2O)",
)
UPLIFT = 3.414 / 2.66
fac(
    "fuels",
    "lpg-lifecycle",
    "lpg",
    fmt(3.00 * UPLIFT, 2),
    "kg CO2e / kg",
    "CO2e",
    "",
    "lifecycle",
    *ALL,
    MD,
    MD_LOC + ", row 'LPG (propan og butan)' (3.00 kg CO2/kg)",
    f"Derived proxy: no lifecycle value for LPG found. 3.00 kg CO2/kg (combustion) x "
    f"{UPLIFT:.4f}, the lifecycle/combustion ratio of 100 % fossil diesel (3.414 kg CO2e/l "
    "Energimyndigheten 2016 / 2.66 kg CO2/l Miljodirektoratet) = "
    f"{3.00 * UPLIFT:.2f} kg CO2e/kg - verify",
)
fac(
    "fuels",
    "jet_fuel-lifecycle",
    "jet_fuel",
    fmt(2.55 * UPLIFT, 2),
    "kg CO2e / l",
    "CO2e",
    "",
    "lifecycle",
    *ALL,
    MD,
    MD_LOC + ", row 'Fyringsparafin' (2.55 kg CO2/liter)",
    f"Derived proxy: no lifecycle value for jet fuel found. 2.55 kg CO2/l (kerosene, "
    f"combustion) x {UPLIFT:.4f}, the lifecycle/combustion ratio of 100 % fossil diesel "
    "(3.414 kg CO2e/l Energimyndigheten 2016 / 2.66 kg CO2/l Miljodirektoratet) = "
    f"{2.55 * UPLIFT:.2f} kg CO2e/l. No high-altitude multiplier (helicopters fly low); "
    "reduktionsplikt on flygfotogen (0.8/1.7/2.6 % in 2021/22/23) not applied - verify",
)
fac(
    "fuels",
    "jet_fuel-combustion",
    "jet_fuel",
    "2.55",
    "kg CO2e / l",
    "CO2e",
    "",
    "combustion",
    *ALL,
    MD,
    MD_LOC + ", row 'Fyringsparafin' (2.55 kg CO2/liter, 3.15 kg/kg, 0.81 kg/l)",
    "Proxy: kerosene (fyringsparafin) factor used for Jet A-1; Verifavia gives 3.15 t CO2/t "
    "for Jet A-1 (project reference 2.5), i.e. 2.52 kg/l at 0.8 kg/l. CO2 only, no "
    "high-altitude multiplier (helicopters fly low). Reduktionsplikt on flygfotogen (0.8/1.7/"
    "2.6 % in 2021/22/23) not applied",
)

# ---------------------------------------------------------------------------------------------
# Electricity
# ---------------------------------------------------------------------------------------------
fac(
    "electricity",
    "electricity_nordic_mix-ivl-2021",
    "electricity_nordic_mix",
    "90",
    "g CO2e / kWh",
    "CO2e",
    "",
    "lifecycle",
    *ALL,
    "ivl-smed-nordisk-elmix-2021",
    "Publication page, summary ('kring 90 g CO2e/kWh')",
    "Three-year average (2016-19 per etn.se), Nordic mix incl. import/export, accounting "
    "perspective incl. indirect (upstream) emissions; applied to 2019-2025 until a newer "
    "edition (2021-2023 average) exists. gwp_set not stated",
)
fac(
    "electricity",
    "electricity_nordic_mix-ivl-2021-2023",
    "electricity_nordic_mix",
    "59",
    "g CO2e / kWh",
    "CO2e",
    "",
    "lifecycle",
    2021,
    2025,
    "etn-ivl-nordisk-elmix-2021-2023",
    "Article text ('fran 90 till 59 g co2/kWh')",
    "Second-hand (news report of IVL, 'Emissionsfaktor for nordisk elmix ar 2021-2023'): "
    "three-year average 2021-2023, applied to 2021-2025 (2024-2025 carried forward). "
    "Boundary assumed as in the 2021 IVL report - verify against the IVL report",
)
RM = (
    "Nordic residual mix, CO2 at production (Ei: 'miljopaverkan vid produktionstillfallet'). "
    "Not boundary-specific: the only published value, used for both boundaries (upstream "
    "fuel-chain emissions are not included, so a lifecycle total is understated); "
)
fac(
    "electricity",
    "electricity_residual_mix-2019",
    "electricity_residual_mix",
    "338.53",
    "g CO2e / kWh",
    "CO2e",
    "",
    "",
    2019,
    2020,
    "ei-residualmix-2019",
    "News text 'Residualmix for 2019' (338,53 g CO2/kWh)",
    RM + "value is CO2 only. 2020 residual mix not found; 2019 value carried forward to 2020 "
    "- verify (Ei changed method to Shifted Issuing Based from 2020)",
)
fac(
    "electricity",
    "electricity_residual_mix-2021",
    "electricity_residual_mix",
    "371.99",
    "g CO2e / kWh",
    "CO2e",
    "",
    "",
    2021,
    2021,
    "ei-residualmix-2021",
    "News text 'Residualmix for 2021' (CO2 371,99 g/kWh)",
    RM + "value is CO2 only",
)
fac(
    "electricity",
    "electricity_residual_mix-2022",
    "electricity_residual_mix",
    "467.62",
    "g CO2e / kWh",
    "CO2e",
    "",
    "",
    2022,
    2022,
    "hallstaviks-elverk-ursprungsmarkning-2022",
    "Section 'Berakningen av residualmixen' (CO2 467,62 g/kWh)",
    RM + "value is CO2 only. Second-hand (a retailer quoting Ei); Miljobarometern 2030 gives "
    "the same lifecycle figure 129.9 g/MJ = 467.6 g/kWh",
)
fac(
    "electricity",
    "electricity_residual_mix-2023",
    "electricity_residual_mix",
    "524.10",
    "g CO2e / kWh",
    "CO2e",
    "",
    "",
    2023,
    2025,
    "ei-residualmix-2023",
    "Table 'Residualmix ar 2023' (CO2 524,10 g/kWh)",
    RM + "value is CO2 only. 2024 and 2025 residual mix not found; 2023 value carried forward "
    "- verify",
)
fac(
    "electricity",
    "electricity_renewable_go",
    "electricity_renewable_go",
    "0",
    "g CO2e / kWh",
    "CO2e",
    "",
    "",
    *ALL,
    "ei-redovisa-ursprungsmarkningen",
    "Paragraph 'Information om den salda elens inverkan pa miljon' (vind- och solkraft 'kan "
    "redovisas med noll koldioxidutslapp')",
    "Market-based scope 2 with cancelled guarantees of origin: emissions at production = 0. "
    "Not boundary-specific: used for both boundaries although construction and upstream "
    "emissions are excluded",
)

# ---------------------------------------------------------------------------------------------
# District heating / cooling
# ---------------------------------------------------------------------------------------------
MB = "energiforetagen-via-malmo-miljobarometern-2023"
MB_NOTE = (
    "Second-hand: Energiforetagen's network value republished by Malmo Miljobarometern; "
    "VMK climate perspective (incl. fuel production and transport), non-labelled heat, "
    "accounting perspective (not for decisions)"
)
for code, city, vals in [
    ("vasteras", "Vasteras", [89, 52, 59, 54.9]),
    ("stockholm", "Stockholm", [65, 52, 46, 58.2]),
    ("goteborg", "Goteborg", [74, 48, 62, 64.9]),
]:
    for i, v in enumerate(vals):
        year = 2019 + i
        vt = 2025 if year == 2022 else year
        extra = (
            "; 2023-2025 values not found, 2022 value carried forward - verify"
            if year == 2022
            else ""
        )
        fac(
            "district_heating",
            f"district_heating_{code}-{year}",
            f"district_heating_{code}",
            v,
            "g CO2e / kWh",
            "CO2e",
            "",
            "lifecycle",
            year,
            vt,
            MB,
            f"Table, rows '{city}' {year}",
            MB_NOTE + extra,
        )
fac(
    "district_heating",
    "district_heating_linkoping-2022",
    "district_heating_linkoping",
    "90",
    "g CO2e / kWh",
    "CO2e",
    "",
    "lifecycle",
    *ALL,
    "tekniskaverken-miljovarden-fjarrvarme-2022",
    "Section 'Emission av vaxthusgaser ur ett bokforingsperspektiv', Linkoping, 'Summa: 90'",
    "Accounting perspective: combustion 86.5 + transport 3.8 g CO2e/kWh (83.4 from waste). "
    "Only the 2022 value was found: applied to 2019-2021 (nearest documented) and carried "
    "forward to 2023-2025 - verify",
)
fac(
    "district_heating",
    "district_heating_umea-2022",
    "district_heating_umea",
    "51",
    "g CO2e / kWh",
    "CO2e",
    "",
    "lifecycle",
    *ALL,
    "umeaenergi-ursprungsmarkning-2022",
    "Table 'Utslapp i gram/kWh', row 'Fjarrvarme', column CO2",
    "Publisher labels the column 'CO2'; assumed to be the VMK climate value (CO2e incl. fuel "
    "production/transport) - verify. Only the 2022 value was found: applied to 2019-2021 "
    "(nearest documented) and carried forward to 2023-2025",
)
fac(
    "district_heating",
    "district_heating_sweden",
    "district_heating_sweden",
    "52",
    "g CO2e / kWh",
    "CO2e",
    "",
    "lifecycle",
    *ALL,
    "climateview-tef-district-heating-se",
    "Parameter values table, row 'SE' (52 g_co2e_kwh, validFrom 2021-01-01)",
    "Second-hand national average ('Data fran energiforetagen'); data year not stated. "
    "Applied to 2019-2025 (2019-2020 back-filled) - verify against Energiforetagen's "
    "national average",
)
fac(
    "district_heating",
    "district_cooling_vasteras-2016",
    "district_cooling_vasteras",
    "47.9",
    "g CO2e / kWh",
    "CO2e",
    "",
    "lifecycle",
    *ALL,
    "malarenergi-fjarrkyla-2016",
    "Table 2016, row 'g CO2ekv/kWh levererad' (47,9)",
    "Accounting perspective 2016 (electricity with hydro guarantees of origin). Nearest "
    "documented accounting value, applied to 2019-2025 - verify (Malarenergi's 2023 "
    "decision-perspective value, 60 g/kWh, is not an accounting value and is not used)",
)

# ---------------------------------------------------------------------------------------------
# Travel
# ---------------------------------------------------------------------------------------------
KS = "klimatsmartsemester-flyg"
for code, label in [
    ("flight_domestic", "domestic"),
    ("flight_europe", "Europe"),
    ("flight_intercontinental", "intercontinental"),
]:
    fac(
        "travel",
        f"{code}",
        code,
        "0.133",
        "kg CO2e / km",
        "CO2e",
        "",
        "lifecycle",
        *ALL,
        KS,
        "First paragraphs (133 g CO2e per personkilometer; hoghojdseffekt faktor 1,7)",
        f"Per passenger-km ({label}), economy, scheduled. INCLUDES the high-altitude effect as "
        "a multiplier of 1.7 on the CO2 emissions (Klimatsmart semester; consistent with Lee "
        "et al. 2021 +70 % used by Chalmers' Klimatkoll) and upstream fuel production. The "
        "publisher uses one value for short and long flights (take-off share vs altitude "
        "effect cancel). Without the multiplier the CO2 part is about 133/1.7 = 78 g/pkm "
        "(derived, ignores the upstream share). gwp_set not stated",
    )
KR = "klimatresa-berakningsmetod"
TRAIN_NOTE = (
    "Electric train in the Nordic countries except Denmark, location-based electricity; "
    "publisher labels 'gram CO2'; boundary not stated (electricity production). "
    "Applied to 2019-2025"
)
for code in ["train", "patient_travel_train"]:
    fac(
        "travel",
        code,
        code,
        "0.007",
        "kg CO2e / km",
        "CO2e",
        "",
        "",
        *ALL,
        KR,
        "Section 'TAG' (7 gram CO2 per personkilometer)",
        ("Copy of 'train'. " if code != "train" else "") + TRAIN_NOTE,
    )
JK = "jamtkraft-emissionsfaktorer-2017"
for code in ["bus", "patient_travel_bus"]:
    fac(
        "travel",
        code,
        code,
        "0.041",
        "kg CO2e / km",
        "CO2e",
        "AR4GWP100",
        "",
        *ALL,
        JK,
        "Scope 3, Tjansteresor, 'Buss, diesel' (41 gram CO2e/personkilometer)",
        ("Copy of 'bus'. " if code != "bus" else "") + "Second-hand (Svante tool via "
        "Jamtkraft), diesel bus, per passenger-km; boundary not stated; 2017 value applied "
        "to 2019-2025. Likely high for Swedish regional buses run largely on renewable fuels "
        "- verify",
    )

NV = "naturvardsverket-klimatberakningsverktyget-v9-2025"
NV_NOTE = (
    "Second-hand (NV tool v9 values quoted in the project reference, xlsx not opened); WTW, GWP AR5"
)
R25 = 0.08  # 2025 reduction level assumed in the v9 values (time-weighted, see fuels)


def car_series(file, code, base, fuel, label, prefix=""):
    for year in YEARS:
        r = RP[year][0 if fuel == "petrol" else 1]
        v = base * (1 - r) / (1 - R25)
        src = NV
        if year == 2025:
            note = f"{prefix}{NV_NOTE}; {label} 2025 value {base} kg CO2e/vkm"
            val = base
        else:
            val = v
            note = (
                f"{prefix}Derived: {base} kg CO2e/vkm ({label}, NV tool v9, taken as the "
                f"2025 blend with r = {R25 * 100:.0f} %) x (1 - r_{year}) / (1 - r_2025) with "
                f"r_{year} = {r * 100:.2f} % ({fuel} reduction level, reduktionsplikt.csv): "
                "scales the per-MJ WTW factor of the pump fuel, assuming the same energy "
                f"use per km. {NV_NOTE}"
            )
        fac(
            file,
            f"{code}-{year}",
            code,
            fmt(val, 4),
            "kg CO2e / km",
            "CO2e",
            "AR5GWP100",
            "lifecycle",
            year,
            year,
            src,
            f"Sheet with road-vehicle factors, row '{label}' (quoted: {base} kg CO2e/vkm)",
            note,
        )


car_series("travel", "car_petrol", 0.170, "petrol", "car, petrol")
car_series("travel", "car_diesel", 0.184, "diesel", "car, diesel")
car_series(
    "travel",
    "taxi",
    0.170,
    "petrol",
    "car, petrol",
    "Proxy: taxi per vehicle-km = petrol car (NV tool taxi factors not accessible; the "
    "tool reports taxi factors falling 10-20 % in 2023 with more electric cars, so "
    "this is conservative - verify). ",
)
car_series(
    "travel",
    "patient_travel_taxi",
    0.170,
    "petrol",
    "car, petrol",
    "Copy of 'taxi' (proxy: petrol car). ",
)
car_series(
    "travel",
    "patient_travel_car",
    0.170,
    "petrol",
    "car, petrol",
    "Proxy: patient's own car, fuel unknown -> petrol car. ",
)
hvo = 0.184 * G_HVO / (C_DIESEL * (1 - R25))
fac(
    "travel",
    "car_hvo",
    "car_hvo",
    fmt(hvo, 4),
    "kg CO2e / km",
    "CO2e",
    "AR5GWP100",
    "lifecycle",
    *ALL,
    NV,
    "Row 'car, diesel' (quoted: 0.184 kg CO2e/vkm)",
    f"Derived: 0.184 kg CO2e/vkm (diesel car, NV v9, 2025 blend) x 14 g/MJ (HVO, "
    f"Energimyndigheten 2016) / (95.1 x (1 - 0.08)) g/MJ (2025 pump diesel) = {hvo:.4f}; same "
    "energy use per km assumed. " + NV_NOTE,
)
fac(
    "travel",
    "car_electric",
    "car_electric",
    "0.0066",
    "kg CO2e / km",
    "CO2e",
    "AR5GWP100",
    "lifecycle",
    *ALL,
    NV,
    "Row 'car, battery electric' (quoted: 0.0066 kg CO2e/vkm)",
    "Electricity production only. 2025 value applied to 2019-2025 (earlier editions not "
    "accessible) - verify. " + NV_NOTE,
)
fac(
    "travel",
    "car_phev",
    "car_phev",
    "0.091",
    "kg CO2e / km",
    "CO2e",
    "AR5GWP100",
    "lifecycle",
    *ALL,
    NV,
    "Row 'car, plug-in hybrid' (quoted: 0.091 kg CO2e/vkm)",
    "2025 value applied to 2019-2025 (earlier editions not accessible; the petrol share "
    "follows the reduktionsplikt, not scaled here) - verify. " + NV_NOTE,
)

# ---------------------------------------------------------------------------------------------
# Medical gases and refrigerants: purchased = emitted
# ---------------------------------------------------------------------------------------------
IP = "ipcc-2006-gl"
MG_NOTE = (
    "Emission = purchased mass; abatement (destruction, capture) is given as input. "
    "Scope 1 (direct emission of the gas itself); converted with the user's GWP set"
)
for code, gas in [
    ("nitrous_oxide", "N2O"),
    ("livopan", "livopan"),
    ("sevoflurane", "sevoflurane"),
    ("desflurane", "desflurane"),
    ("isoflurane", "isoflurane"),
    ("medical_co2", "CO2"),
]:
    fac(
        "medical_gases",
        code,
        code,
        "1",
        f"kg {gas} / kg",
        gas,
        "",
        "",
        *ALL,
        IP,
        "Vol. 3, Ch. 8, Sect. 8.4 (N2O from product uses: medical applications)",
        MG_NOTE
        + (
            " Livopan: per kg of the N2O/O2 mixture; GWP from blends.csv (mole basis)"
            if code == "livopan"
            else ""
        ),
    )
RF_NOTE = (
    "Refilled mass = leaked mass (mass-balance: the charge is kept constant). Scope 1 "
    "fugitive; converted with the user's GWP set"
)
for code, gas in [
    ("r134a", "HFC134a"),
    ("r404a", "R404A"),
    ("r407c", "R407C"),
    ("r410a", "R410A"),
    ("r32", "HFC32"),
    ("r744", "CO2"),
    ("r290", "propane"),
]:
    fac(
        "refrigerants",
        f"refrigerant_{code}",
        f"refrigerant_{code}",
        "1",
        f"kg {gas} / kg",
        gas,
        "",
        "",
        *ALL,
        IP,
        "Vol. 3, Ch. 7, Sect. 7.5 (refrigeration and air conditioning)",
        RF_NOTE,
    )

# ---------------------------------------------------------------------------------------------
# Purchases (spend-based)
# ---------------------------------------------------------------------------------------------
SPEND_NOTE = (
    "Very uncertain (input-output average of a broad category); SCB reports Swedish "
    "consumption intensity -12 % 2022 vs 2019, not applied. Payments probably incl. VAT "
    "(the state analysis says 'inklusive moms') - verify. Applied to 2019-2025"
)
fac(
    "purchases",
    "purchase_services-2016",
    "purchase_services",
    "0.0300",
    "kg CO2e / SEK",
    "CO2e",
    "",
    "",
    *ALL,
    "upphandlingsmyndigheten-miljospendanalys-regioner-2016",
    "Section 'Kop av verksamheter och drift paverkar miljon mest' (66,6 miljarder kronor, "
    "2 miljoner ton CO2-e)",
    "Derived: 2 Mt CO2e / 66.6 bn SEK = 0.0300 kg CO2e/SEK for the regions' category 'Drift "
    "av hela verksamheter och driftentreprenader' (hospital, primary care and public transport "
    "operation bought as services), price year 2016. " + SPEND_NOTE,
    price_year=2016,
)
fac(
    "purchases",
    "purchase_it-2016",
    "purchase_it",
    "0.0372",
    "kg CO2e / SEK",
    "CO2e",
    "",
    "",
    *ALL,
    "upphandlingsmyndigheten-miljospendanalys-ovriga-myndigheter-2016",
    "Section 'Inkop for interna behov paverkar klimatet mest' (17,6 miljarder kronor, nastan "
    "655 000 ton CO2-e)",
    "Derived: 655 kt CO2e / 17.6 bn SEK = 0.0372 kg CO2e/SEK for the state agencies' category "
    "'Material och tjanster for egna organisationen', dominated by IT and telecom but also "
    "incl. travel, hotels and conferences; proxy for IT, price year 2016. " + SPEND_NOTE,
    price_year=2016,
)

# ---------------------------------------------------------------------------------------------
# gwp.csv, species.csv, blends.csv
# ---------------------------------------------------------------------------------------------
GWP_COLS = ["species", "gwp_set", "value", "source_id", "source_locator", "note"]
AR4, AR5, AR6 = "ipcc-ar4-wg1-ch2", "ipcc-ar5-wg1-ch8", "ipcc-ar6-wg1-ch7-sm"
L4, L5, L6 = "Table 2.14", "Table 8.A.1", "Table 7.SM.7"
gwp_rows = []


def g(species, s4, s5, s6, n4="", n5="", n6="", src=None, loc=None):
    src = src or {}
    loc = loc or {}
    for gset, val, dsrc, dloc, note in [
        ("AR4GWP100", s4, AR4, L4, n4),
        ("AR5GWP100", s5, AR5, L5, n5),
        ("AR6GWP100", s6, AR6, L6, n6),
    ]:
        gwp_rows.append(
            dict(
                species=species,
                gwp_set=gset,
                value=val,
                source_id=src.get(gset, dsrc),
                source_locator=loc.get(gset, dloc),
                note=note,
            )
        )


g(
    "CO2",
    1,
    1,
    1,
    "Reference gas (GWP 1 by definition)",
    "Reference gas (GWP 1 by definition)",
    "Reference gas (GWP 1 by definition)",
)
g("N2O", 298, 265, 273)
g("CH4", 25, 28, 27.9, "", "Without climate-carbon feedback", "All CH4 (Table 7.SM.7)")
SPLIT = (
    "The fossil/non-fossil split is an AR6 convention (Table 7.15); the set's single CH4 "
    "value is used - no CO2-from-oxidation adjustment applied (verify if wanted)"
)
g(
    "CH4_fossil",
    25,
    28,
    29.8,
    SPLIT,
    SPLIT,
    "Fossil CH4 (incl. CO2 from oxidation)",
    src={"AR6GWP100": "ipcc-ar6-wg1-ch7"},
    loc={"AR6GWP100": "Table 7.15, row 'CH4-fossil'"},
)
g(
    "CH4_nonfossil",
    25,
    28,
    27.0,
    SPLIT,
    SPLIT,
    "Non-fossil CH4",
    src={"AR6GWP100": "ipcc-ar6-wg1-ch7"},
    loc={"AR6GWP100": "Table 7.15, row 'CH4-non fossil'"},
)
NOT_AR4 = (
    "Not listed in AR4 Table 2.14: the AR5 value (Table 8.A.1) is used as a stand-in so "
    "that AR4 inventories can include the gas - documented substitution, verify"
)
g(
    "sevoflurane",
    216,
    216,
    195,
    NOT_AR4,
    "HFE-347mmz1 (also 40 CFR 98 Table A-1: 216)",
    "HFE-347mmz1",
    src={"AR4GWP100": AR5},
    loc={"AR4GWP100": "Table 8.A.1 (AR5 stand-in)"},
)
g(
    "desflurane",
    1790,
    1790,
    2590,
    NOT_AR4 + " (TAR gave 960, globalwarmingpotentials TARGWP100)",
    "HFE-236ea2",
    "HFE-236ea2",
    src={"AR4GWP100": AR5},
    loc={"AR4GWP100": "Table 8.A.1 (AR5 stand-in)"},
)
g("isoflurane", 350, 491, 539, "HCFE-235da2", "HCFE-235da2", "HCFE-235da2")
g("HFC32", 675, 677, 771)
g("HFC125", 3500, 3170, 3740)
g("HFC134a", 1430, 1300, 1530)
g("HFC143a", 4470, 4800, 5810)
g(
    "propane",
    3,
    3,
    0.02,
    "R-290; EU 517/2014 Annex IV value, stated as based on AR4 (propane is not in Table 2.14)",
    "Not listed in AR5 Table 8.A.1: the EU 517/2014 Annex IV (AR4-based) value is used as a "
    "stand-in - documented substitution, verify",
    "Propane (C3H8), GWP100 0.02",
    src={"AR4GWP100": "eu-reg-2014-517-annex-iv", "AR5GWP100": "eu-reg-2014-517-annex-iv"},
    loc={
        "AR4GWP100": "Annex IV table, row 'Propane R-290'",
        "AR5GWP100": "Annex IV table, row 'Propane R-290' (AR5 stand-in)",
    },
)
O2N = "O2 is not a greenhouse gas (not listed): 0 so that gas mixtures with O2 (Livopan) compute"
g(
    "O2",
    0,
    0,
    0,
    O2N,
    O2N,
    O2N,
    loc={
        "AR4GWP100": "Table 2.14 (not listed)",
        "AR5GWP100": "Table 8.A.1 (not listed)",
        "AR6GWP100": "Table 7.SM.7 (not listed)",
    },
)

SP_COLS = ["species", "label_sv", "label_en", "formula", "molar_mass", "source_id", "note"]
AW = {"H": 1.008, "C": 12.011, "N": 14.007, "O": 15.999, "F": 18.998, "Cl": 35.45}


def mm(counts):
    return sum(AW[e] * n for e, n in counts.items())


species_rows = []


def sp(species, sv, en, formula, counts, note=""):
    m = mm(counts)
    expr = " + ".join(f"{n}x{AW[e]}" if n > 1 else f"{AW[e]}" for e, n in counts.items())
    species_rows.append(
        dict(
            species=species,
            label_sv=sv,
            label_en=en,
            formula=formula,
            molar_mass=f"{m:.3f}",
            source_id="iupac-atomic-weights-2021",
            note=(note + "; " if note else "") + f"Derived molar mass: {expr} = {m:.3f} g/mol",
        )
    )


sp("CO2", "Koldioxid", "Carbon dioxide", "CO2", {"C": 1, "O": 2}, "Also R744 and medical CO2")
sp("N2O", "Dikvaveoxid (lustgas)", "Nitrous oxide", "N2O", {"N": 2, "O": 1})
sp("CH4", "Metan", "Methane", "CH4", {"C": 1, "H": 4})
sp("CH4_fossil", "Metan, fossil", "Methane, fossil", "CH4", {"C": 1, "H": 4})
sp("CH4_nonfossil", "Metan, icke-fossil", "Methane, non-fossil", "CH4", {"C": 1, "H": 4})
sp(
    "sevoflurane",
    "Sevofluran (HFE-347mmz1)",
    "Sevoflurane (HFE-347mmz1)",
    "(CF3)2CHOCH2F",
    {"C": 4, "H": 3, "F": 7, "O": 1},
)
sp(
    "desflurane",
    "Desfluran (HFE-236ea2)",
    "Desflurane (HFE-236ea2)",
    "CHF2OCHFCF3",
    {"C": 3, "H": 2, "F": 6, "O": 1},
)
sp(
    "isoflurane",
    "Isofluran (HCFE-235da2)",
    "Isoflurane (HCFE-235da2)",
    "CHF2OCHClCF3",
    {"C": 3, "H": 2, "Cl": 1, "F": 5, "O": 1},
)
sp("HFC32", "HFC-32 (R32)", "HFC-32 (R32)", "CH2F2", {"C": 1, "H": 2, "F": 2})
sp("HFC125", "HFC-125", "HFC-125", "CHF2CF3", {"C": 2, "H": 1, "F": 5})
sp("HFC134a", "HFC-134a (R134a)", "HFC-134a (R134a)", "CH2FCF3", {"C": 2, "H": 2, "F": 4})
sp("HFC143a", "HFC-143a", "HFC-143a", "CH3CF3", {"C": 2, "H": 3, "F": 3})
sp("propane", "Propan (R290)", "Propane (R290)", "C3H8", {"C": 3, "H": 8})
sp("O2", "Syrgas", "Oxygen", "O2", {"O": 2}, "Not a greenhouse gas (GWP 0 in gwp.csv)")

BL_COLS = ["blend", "component", "fraction", "basis", "source_id", "source_locator", "note"]
AS = "ashrae-34-2019-via-openscm-units"
blend_rows = []
for bl, key, comps in [
    ("R404A", "HFC404a", [("HFC125", 0.44), ("HFC143a", 0.52), ("HFC134a", 0.04)]),
    ("R407C", "HFC407c", [("HFC32", 0.23), ("HFC125", 0.25), ("HFC134a", 0.52)]),
    ("R410A", "HFC410a", [("HFC32", 0.50), ("HFC125", 0.50)]),
]:
    for comp, frac in comps:
        blend_rows.append(
            dict(
                blend=bl,
                component=comp,
                fraction=frac,
                basis="mass",
                source_id=AS,
                source_locator=f"mixtures.yaml, key {key}",
                note="Standard composition (mass %); tolerances in the source not used",
            )
        )
for comp in ["N2O", "O2"]:
    blend_rows.append(
        dict(
            blend="livopan",
            component=comp,
            fraction=0.5,
            basis="mole",
            source_id="fass-livopan-2015",
            source_locator="Product name 'Medicinsk gas, komprimerad 50 %/50 %'",
            note="50/50 by mole (volume); N2O mass fraction = 44.013/(44.013+"
            "31.998) = 0.5790 (derived)",
        )
    )

# ---------------------------------------------------------------------------------------------
# kpi.csv
# ---------------------------------------------------------------------------------------------
KPI_COLS = ["year", "kpi", "source_id", "source_locator", "note"]
SCB = {
    2015: 313.35,
    2016: 316.43,
    2017: 322.11,
    2018: 328.40,
    2019: 334.26,
    2020: 335.92,
    2021: 343.19,
    2022: 371.91,
    2023: 403.70,
}
kpi_rows = [
    dict(
        year=y,
        kpi=f"{v:.2f}",
        source_id="scb-kpi-faststallda-tal",
        source_locator=f"Table, row {y}, column 'Arsmedel'",
        note="Annual average",
    )
    for y, v in SCB.items()
]
m2024 = [412.74, 413.76, 414.26, 415.50, 416.18, 415.86, 416.22, 413.78, 414.57, 415.51, 416.75]
avg24 = sum(m2024) / len(m2024)
kpi_rows.append(
    dict(
        year=2024,
        kpi=f"{avg24:.2f}",
        source_id="bjornlunden-kpi-2024",
        source_locator="Table 'KPI 2024', January-November",
        note="Derived and second-hand: mean of the 11 published months Jan-Nov 2024 "
        f"({' + '.join(f'{x:.2f}' for x in m2024)}) / 11 = {avg24:.2f}; "
        "December and SCB's annual average not found - verify against SCB",
    )
)
kpi_rows.append(
    dict(
        year=2025,
        kpi=f"{avg24:.2f}",
        source_id="bjornlunden-kpi-2024",
        source_locator="Table 'KPI 2024', January-November",
        note="2025 annual average not found; 2024 value carried forward "
        "(no deflation 2024->2025) - verify against SCB",
    )
)


# ---------------------------------------------------------------------------------------------
def write(path: Path, cols, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in cols})


for s in sources:
    s.setdefault("retrieved", RETRIEVED)
    s.setdefault("license", "")
    s.setdefault("url", "")
    s.setdefault("doc_id", "")
write(ROOT / "sources.csv", SRC_COLS, sorted(sources, key=lambda s: s["source_id"]))
SV = {
    "Fjarrvarme": "Fjärrvärme",
    "Fjarrkyla": "Fjärrkyla",
    "Vasteras": "Västerås",
    "Goteborg": "Göteborg",
    "Umea": "Umeå",
    "Linkoping": "Linköping",
    "Lulea": "Luleå",
    "Malarenergi": "Mälarenergi",
    "fornybar": "förnybar",
    "leverantorsspecifik": "leverantörsspecifik",
    "Tag": "Tåg",
    "tag": "tåg",
    "Inkop": "Inköp",
    "sjukvardsmaterial": "sjukvårdsmaterial",
    "lakemedel": "läkemedel",
    "mobler": "möbler",
    "tjanster": "tjänster",
    "tvatteritjanster": "tvätteritjänster",
    "Koldmedium": "Köldmedium",
    "Dikvaveoxid": "Dikväveoxid",
}


def sv(text):
    import re

    return re.sub(r"[A-Za-z]+", lambda m: SV.get(m.group(0), m.group(0)), text)


for a in A:
    a["label_sv"] = sv(a["label_sv"])
for r in species_rows:
    r["label_sv"] = sv(r["label_sv"])
write(ROOT / "activities.csv", ACT_COLS, A)
for name, rows in files.items():
    rows.sort(
        key=lambda r: (r["activity"], int(r["valid_from"]), r["boundary"] or "", r["source_id"])
    )
    write(ROOT / "factors" / f"{name}.csv", F_COLS, rows)
write(ROOT / "gwp.csv", GWP_COLS, gwp_rows)
write(ROOT / "species.csv", SP_COLS, species_rows)
write(ROOT / "blends.csv", BL_COLS, blend_rows)
write(ROOT / "kpi.csv", KPI_COLS, kpi_rows)
write(
    ROOT / "reduktionsplikt.csv",
    ["year", "fuel", "reduction_level", "bio_share_energy", "source_id", "source_locator", "note"],
    sorted(rp_rows, key=lambda r: (r["fuel"], r["year"])),
)
print("diesel WTW 2024/2023 =", WTW[("diesel", 2024)] / WTW[("diesel", 2023)])
print({k: round(v, 3) for k, v in WTW.items()})
print("kpi2024", avg24)
