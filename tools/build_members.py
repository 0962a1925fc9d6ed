"""Build data/members.yaml, the registry of ILO member States, from the facts below.

Run from the repository root (pycountry is needed here only, never by ratify at run time):

    python tools/build_members.py            # rewrite data/members.yaml
    python tools/build_members.py --check    # exit 1 if data/members.yaml is not what this builds

What comes from where:

- ISO 3166 alpha-2, alpha-3 and the ISO English names come from pycountry (the ISO 3166
  database), so no code is typed by hand except the alpha-2 keys below, which pycountry
  must know (the script fails on an unknown code).
- The ILO facts are curated here, each with its source in SOURCES: which States are
  members and in which ILO region (the regional offices' own lists of the countries they
  cover), membership dates where a source gives them, NORMLEX country ids where a NORMLEX
  link gives them. For the six curated countries, membership dates and NORMLEX ids are
  read from data/countries.yaml so the two files cannot disagree.
- The NORMLEX name is the United Nations short name, which NORMLEX uses on its pages; the
  ISO name is used where it is the same, the UN form (UN_NAMES) where ISO writes it
  differently ("Korea, Republic of" against "Republic of Korea").
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "members.yaml"
COUNTRIES = ROOT / "data" / "countries.yaml"
CONSULTED = "2026-11-29"

SOURCES = {
    "ilo-membership": {
        "url": "https://en.wikipedia.org/wiki/Member_states_of_the_International_Labour_Organization",
        "says": "The ILO has 187 member states (as of February 2025); all but the Cook Islands are UN member "
        "states; seven UN member states have not joined the ILO.",
        "confidence": "secondary",
    },
    "ilo-membership-dates": {
        "url": "https://en.wikipedia-on-ipfs.org/wiki/Member_states_of_the_International_Labour_Organization",
        "says": "Table 'Member state | Date of admission' (the stored copy runs from Afghanistan to Bolivia).",
        "confidence": "secondary",
    },
    "ilo-cook-islands": {
        "url": "https://www.ilo.org/global/about-the-ilo/newsroom/news/WCMS_375627/lang--fr/index.htm",
        "says": "Cook Islands become 186th ILO member State (press release, 12 June 2015).",
    },
    "region-arab-states": {
        "url": "https://www.ilo.org/beirut/aboutus/lang--en/index.htm",
        "says": "The ILO Regional Office for Arab States covers Bahrain, Iraq, Jordan, Kuwait, Lebanon, the "
        "occupied Palestinian territory, Oman, Qatar, Saudi Arabia, Syria, the UAE and Yemen. Several Arab "
        "states on the African continent are covered by the ILO Sub-Regional Office in Cairo.",
    },
    "region-africa": {
        "url": "https://rihealthright.org/about-ilo-arab-states.html",
        "says": "(copy of the ILO's 'About the ILO in the Arab States') A number of Arab countries in North "
        "Africa - Egypt, Sudan, Somalia, Libya, Tunisia, Algeria and Morocco - are covered by the ILO's "
        "Regional Office for Africa.",
        "confidence": "secondary",
        "note": "The ILO's 14th African Regional Meeting (Abidjan, 2019) was for the 54 countries of Africa "
        "(https://pouvoirsafrique.com/2019/10/04/abidjan-la-14-eme-reunion-regionale-africaine-de-loit-du-3-au-6-decembre/amp); "
        "every African member State is listed in this region.",
    },
    "region-americas": {
        "url": "http://www.ilo.org/global/about-the-ilo/media-centre/press-releases/WCMS_307624/lang--en/index.htm",
        "says": "Representatives of 35 countries from the Americas will meet [at the 18th American Regional "
        "Meeting] ... Latin America, the Caribbean, Canada and the United States.",
    },
    "region-europe-central-asia": {
        "url": "https://www.ilo.org/europe/about-us/lang--en/index.htm",
        "says": "The ILO Regional Office ... covers 51 countries of Europe and Central Asia. DWT/CO Moscow: "
        "Azerbaijan, Armenia, Belarus, Georgia, Kazakhstan, Kyrgyzstan, Russian Federation, Tajikistan, "
        "Turkmenistan and Uzbekistan. DWT/CO Budapest: Albania, Bosnia and Herzegovina, Bulgaria, Croatia, "
        "Czechia, Estonia, Hungary, Latvia, Lithuania, Moldova, Montenegro, North Macedonia, Poland, Romania, "
        "Serbia, Slovakia and Ukraine. Offices in Brussels, Ankara, Berlin, Lisbon, Madrid, Paris and Rome "
        "(also covering San Marino).",
        "note": "An earlier version of the page (http://www.ilo.org/public/english/region/eurpro/geneva/about/index.htm) "
        "adds: 'Under the direct responsibility of the Regional Office are the Western-European countries, "
        "including Cyprus, Malta, Israel and Turkey'; the Budapest office's list "
        "(http://oit.org/budapest/countries-covered/lang--en/index.htm) names Slovenia.",
    },
    "region-asia-pacific": {
        "url": "https://www.ilo.org/suva/areas-of-work/lang--en/index.htm",
        "says": "The ILO Office for Pacific Island Countries ... provides technical assistance to eleven member "
        "States (Cook Islands, Fiji, Kiribati, Republic of Marshall Islands, Palau, Papua New Guinea, Samoa, "
        "Solomon Islands, Tonga, Tuvalu and Vanuatu).",
        "note": "No stored copy of the Regional Office for Asia and the Pacific's own list of countries was "
        "found; the other members of this region are the member States in Asia that the other four regional "
        "lists do not cover (187 - 54 - 35 - 11 - 51 = 36).",
    },
    "un-names": {
        "url": "https://normlex.ilo.org/dyn/normlex/en/f?p=NORMLEXPUB:11300:0::NO::P11300_INSTRUMENT_ID:312312",
        "says": "Ratifications of C167: country names are the UN forms ('Türkiye', 'Netherlands (Kingdom of the)').",
        "note": "The form is the UN short name; a name only ISO 3166 writes differently is given in the UN form.",
    },
    "iso-3166": {
        "url": "https://pypi.org/project/pycountry/",
        "says": "ISO 3166-1 alpha-2, alpha-3 and English names, from the ISO 3166 database shipped by pycountry.",
    },
    "other-names": {
        "url": "https://normlex.ilo.org/dyn/normlex/en/f?p=NORMLEXPUB:11300:0::NO::P11300_INSTRUMENT_ID:312312",
        "says": "Country names on NORMLEX are the UN forms and change over time ('Turkey' became 'Türkiye'; "
        "'Czech Republic', 'Czechia'; 'Swaziland', 'Eswatini').",
        "note": "Aliases are for matching only: earlier UN forms that older pages and documents use, ISO 3166's "
        "formal and inverted forms (from pycountry), and everyday English names (UK, Russia, Ivory Coast). "
        "No alias is shown as a country's name.",
    },
    "normlex-links": {
        "url": "https://normlex.ilo.org/dyn/normlex/en/f?p=NORMLEXPUB:11200:0::NO::P11200_COUNTRY_ID:102884",
        "says": "NORMLEX country pages are addressed by P11200_COUNTRY_ID; ids read from links on NORMLEX pages: "
        "Russian Federation 102884, Belarus 103154, Armenia 102540.",
    },
}

# ILO region -> member States (ISO alpha-2), as the regional offices list them.
REGIONS = {
    "africa": {
        "name": "Africa",
        "source": "region-africa",
        "members": [
            "DZ",
            "AO",
            "BJ",
            "BW",
            "BF",
            "BI",
            "CV",
            "CM",
            "CF",
            "TD",
            "KM",
            "CG",
            "CD",
            "CI",
            "DJ",
            "EG",
            "GQ",
            "ER",
            "SZ",
            "ET",
            "GA",
            "GM",
            "GH",
            "GN",
            "GW",
            "KE",
            "LS",
            "LR",
            "LY",
            "MG",
            "MW",
            "ML",
            "MR",
            "MU",
            "MA",
            "MZ",
            "NA",
            "NE",
            "NG",
            "RW",
            "ST",
            "SN",
            "SC",
            "SL",
            "SO",
            "ZA",
            "SS",
            "SD",
            "TZ",
            "TG",
            "TN",
            "UG",
            "ZM",
            "ZW",
        ],
    },
    "americas": {
        "name": "Americas",
        "source": "region-americas",
        "members": [
            "AG",
            "AR",
            "BS",
            "BB",
            "BZ",
            "BO",
            "BR",
            "CA",
            "CL",
            "CO",
            "CR",
            "CU",
            "DM",
            "DO",
            "EC",
            "SV",
            "GD",
            "GT",
            "GY",
            "HT",
            "HN",
            "JM",
            "MX",
            "NI",
            "PA",
            "PY",
            "PE",
            "KN",
            "LC",
            "VC",
            "SR",
            "TT",
            "US",
            "UY",
            "VE",
        ],
    },
    "arab-states": {
        "name": "Arab States",
        "source": "region-arab-states",
        "members": ["BH", "IQ", "JO", "KW", "LB", "OM", "QA", "SA", "SY", "AE", "YE"],
    },
    "asia-pacific": {
        "name": "Asia and the Pacific",
        "source": "region-asia-pacific",
        "members": [
            "AF",
            "AU",
            "BD",
            "BN",
            "KH",
            "CN",
            "CK",
            "FJ",
            "IN",
            "ID",
            "IR",
            "JP",
            "KI",
            "KR",
            "LA",
            "MY",
            "MV",
            "MH",
            "MN",
            "MM",
            "NP",
            "NZ",
            "PK",
            "PW",
            "PG",
            "PH",
            "WS",
            "SG",
            "SB",
            "LK",
            "TH",
            "TL",
            "TO",
            "TV",
            "VU",
            "VN",
        ],
    },
    "europe-central-asia": {
        "name": "Europe and Central Asia",
        "source": "region-europe-central-asia",
        "members": [
            "AL",
            "AM",
            "AT",
            "AZ",
            "BY",
            "BE",
            "BA",
            "BG",
            "HR",
            "CY",
            "CZ",
            "DK",
            "EE",
            "FI",
            "FR",
            "GE",
            "DE",
            "GR",
            "HU",
            "IS",
            "IE",
            "IL",
            "IT",
            "KZ",
            "KG",
            "LV",
            "LT",
            "LU",
            "MT",
            "MD",
            "ME",
            "NL",
            "MK",
            "NO",
            "PL",
            "PT",
            "RO",
            "RU",
            "SM",
            "RS",
            "SK",
            "SI",
            "ES",
            "SE",
            "CH",
            "TJ",
            "TR",
            "TM",
            "UA",
            "GB",
            "UZ",
        ],
    },
}
EXPECTED_COUNTS = {"africa": 54, "americas": 35, "arab-states": 11, "asia-pacific": 36, "europe-central-asia": 51}
TOTAL = 187

# UN short names where ISO 3166 (pycountry's `name`) writes the country differently.
UN_NAMES = {
    "BO": "Bolivia (Plurinational State of)",
    "CD": "Democratic Republic of the Congo",
    "GB": "United Kingdom of Great Britain and Northern Ireland",
    "IR": "Iran (Islamic Republic of)",
    "KR": "Republic of Korea",
    "MD": "Republic of Moldova",
    "NL": "Netherlands (Kingdom of the)",
    "TZ": "United Republic of Tanzania",
    "US": "United States of America",
    "VE": "Venezuela (Bolivarian Republic of)",
}

# Everyday English names where ISO's is a formal or inverted form.
ENGLISH_NAMES = {
    "CD": "Democratic Republic of the Congo",
    "GB": "United Kingdom",
    "KR": "Republic of Korea",
    "NL": "Netherlands",
    "RU": "Russia",
    "US": "United States",
}

# Earlier or everyday names that a user, an older document or an older NORMLEX page may use.
ALIASES = {
    "BN": ["Brunei"],
    "CD": ["Congo, Democratic Republic of the", "DR Congo", "Zaire"],
    "CG": ["Republic of the Congo", "Congo-Brazzaville"],
    "CI": ["Ivory Coast"],
    "CV": ["Cape Verde"],
    "CZ": ["Czech Republic"],
    "GB": ["UK", "Great Britain", "Britain"],
    "KR": ["South Korea", "Korea"],
    "MK": ["Macedonia", "The former Yugoslav Republic of Macedonia", "Former Yugoslav Republic of Macedonia"],
    "MM": ["Burma"],
    "NL": ["Netherlands", "Holland"],
    "RU": ["Russia"],
    "SZ": ["Swaziland"],
    "TL": ["East Timor"],
    "TR": ["Turkey"],
    "US": ["USA", "United States"],
}

# ILO membership dates (Date of admission) read from the stored table, and their source.
MEMBER_SINCE = {
    "AF": "1934-09-29",
    "AL": "1991-05-22",
    "DZ": "1962-10-19",
    "AO": "1976-06-04",
    "AG": "1982-02-16",
    "AR": "1919-06-28",
    "AM": "1992-11-26",
    "AU": "1919-06-28",
    "AT": "1947-06-24",
    "AZ": "1992-05-19",
    "BS": "1976-05-25",
    "BH": "1977-04-18",
    "BD": "1972-06-22",
    "BB": "1967-05-08",
    "BY": "1954-05-12",
    "BE": "1919-06-28",
    "BZ": "1981-11-07",
    "BJ": "1960-12-14",
    "BO": "1919-06-28",
}
MEMBER_SINCE_SOURCE = "ilo-membership-dates"
MEMBER_SINCE_EXTRA = {"CK": ("2015-06", "ilo-cook-islands")}

NORMLEX_IDS = {"RU": "102884", "BY": "103154", "AM": "102540"}


def build() -> dict:
    import pycountry

    curated = {c["code"]: c for c in (yaml.safe_load(COUNTRIES.read_text(encoding="utf-8")).get("countries") or [])}
    codes: list[tuple[str, str]] = []
    for region, spec in REGIONS.items():
        if len(spec["members"]) != EXPECTED_COUNTS[region]:
            raise SystemExit(f"{region}: {len(spec['members'])} members, its source says {EXPECTED_COUNTS[region]}")
        codes += [(code, region) for code in spec["members"]]
    seen = [c for c, _ in codes]
    duplicates = sorted({c for c in seen if seen.count(c) > 1})
    if duplicates or len(seen) != TOTAL:
        raise SystemExit(f"expected {TOTAL} distinct members, got {len(set(seen))}; in two regions: {duplicates}")

    members = []
    for code, region in sorted(codes, key=lambda item: item[0]):
        iso = pycountry.countries.get(alpha_2=code)
        if iso is None:
            raise SystemExit(f"{code}: not an ISO 3166-1 alpha-2 code")
        normlex_name = UN_NAMES.get(code, iso.name)
        name = ENGLISH_NAMES.get(code) or getattr(iso, "common_name", None) or normlex_name
        aliases: list[str] = []
        for alias in [
            *ALIASES.get(code, []),
            iso.name,
            getattr(iso, "official_name", None),
            getattr(iso, "common_name", None),
        ]:
            if alias and alias not in (name, normlex_name) and alias not in aliases:
                aliases.append(alias)
        entry: dict = {
            "code": code,
            "alpha3": iso.alpha_3,
            "name": name,
            "normlex_name": normlex_name,
        }
        if aliases:
            entry["aliases"] = aliases
        entry["region"] = region
        sources = {
            "member": "ilo-membership",
            "region": REGIONS[region]["source"],
            "codes": "iso-3166",
            "name": "iso-3166",
            "normlex_name": "un-names",
        }
        if aliases:
            sources["aliases"] = "other-names"
        mine = curated.get(code)
        if mine is not None:
            entry["curated"] = True  # its ratifications are in countries.yaml
            if mine.get("ilo_member_since"):
                entry["member_since"] = str(mine["ilo_member_since"])
                sources["member_since"] = mine.get("member_source") or "countries.yaml"
            if mine.get("normlex_id"):
                entry["normlex_id"] = str(mine["normlex_id"])
                sources["normlex_id"] = "countries.yaml"
        else:
            if code in MEMBER_SINCE:
                entry["member_since"] = MEMBER_SINCE[code]
                sources["member_since"] = MEMBER_SINCE_SOURCE
            elif code in MEMBER_SINCE_EXTRA:
                entry["member_since"], sources["member_since"] = MEMBER_SINCE_EXTRA[code]
            if code in NORMLEX_IDS:
                entry["normlex_id"] = NORMLEX_IDS[code]
                sources["normlex_id"] = "normlex-links"
        entry["sources"] = sources
        members.append(entry)

    return {
        "checked": CONSULTED,
        "sources": {key: {**value, "consulted": CONSULTED} for key, value in SOURCES.items()},
        "regions": {key: {"name": spec["name"], "source": spec["source"]} for key, spec in REGIONS.items()},
        "members": members,
    }


HEADER = """\
# ILO member States: ISO codes, names (as NORMLEX writes them), aliases, ILO region,
# membership date and NORMLEX country id where a source gives them. Format: docs/data-format.md.
# Generated by tools/build_members.py (edit the facts there, then re-run it); each member's
# `sources` names, per fact, an entry of `sources:` (or a URL).
"""


def render(data: dict) -> str:
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110, default_flow_style=False)
    return HEADER + body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the file differs from what would be built")
    args = parser.parse_args(argv)
    text = render(build())
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT.relative_to(ROOT)} is out of date: run python tools/build_members.py", file=sys.stderr)
            return 1
        return 0
    tmp = OUT.with_suffix(".yaml.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(OUT)
    print(f"wrote {OUT.relative_to(ROOT)} ({len(build()['members'])} members)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
