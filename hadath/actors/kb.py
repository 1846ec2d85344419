"""The actor knowledge base: countries, places, sector terms, organisations and people.

The data lives in `hadath/data/actors/` (TSV with a header row, lists `|`-separated; or YAML):
- countries.tsv: iso3, name_en, names_ar, nisba, demonyms, capital. `nisba`: masculine singular
  adjectives without ال (أمريكي|أميركي), from which ال+, +ة, +ون, +ين, +ان, +تان, +تين are
  derived; in a nisba of adjectives only (كوري شمالي) every word inflects and takes ال, else
  (جنوب أفريقي) the last word inflects and ال goes on the first. `demonyms`: irregular plurals
  (روس), taken as written and with ال. `capital`: a name of a row of cities.tsv.
- cities.tsv: name_en, names_ar, country, lat, lon, kind (capital, city or region).
- sectors.tsv: term, sector, kind (title: وزير; body: البرلمان; group: المتظاهرون), country (only
  for country-specific bodies and metonyms: الكرملين → RUS). One-word titles also match with ال.
- organisations.yaml: [{id, name_en, names_ar: [...], country (null: transnational), sector,
  kind: igo | group | party | company | media | ngo}].
- people*.yaml: [{id, name_en, names_ar: [...], wikidata, roles: [{country, sector, role_ar,
  role_en, start, end}]}], start and end years, end null while the role lasts.
A name written `~name` is a homograph (a common word, or another record's name: عمان is Oman and
Amman): it stays on its record and in `KnowledgeBase.homographs` but is not indexed. Lookups are
keyed by `key(name)`: `hadath.text.normalize.normalize_text`, runs of spaces collapsed.
"""
from __future__ import annotations

import csv
from collections import Counter, namedtuple
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

import yaml

from ..text.normalize import normalize_text

SECTORS = frozenset("GOV LEG JUD MIL COP SPY REB OPP PTY BUS MED EDU REL HLH LAB CVL IGO NGO".split())
KINDS = {"city": {"capital", "city", "region"}, "term": {"title", "body", "group"},
         "organisation": {"igo", "group", "party", "company", "media", "ngo"}}
NISBA_SUFFIXES = ("", "ة", "ون", "ين", "ان", "تان", "تين")
_NULLS = {"", "~", "null", "Null", "NULL"}


def key(text: str) -> str:
    """The lookup key of a name."""
    return " ".join(normalize_text(text).split())


def inflect_nisba(base: str) -> list[str]:
    """Every inflection of a masculine singular nisba, with and without ال."""
    words, out = base.split(), []
    every = all(w.endswith("ي") for w in words)
    for s in NISBA_SUFFIXES:
        phrase = " ".join(w + s if every or i == len(words) - 1 else w for i, w in enumerate(words))
        out += [phrase, " ".join("ال" + w + s for w in words) if every else "ال" + phrase]
    return out


Country = namedtuple("Country", "iso3 name_en name_ar names nisba demonyms capital")
City = namedtuple("City", "name_ar name_en country lat lon kind names homographs", defaults=((), ()))
SectorTerm = namedtuple("SectorTerm", "term sector kind country", defaults=(None,))
Org = namedtuple("Org", "id name_en name_ar names country sector kind")
Role = namedtuple("Role", "country sector role_ar role_en start end", defaults=(None,) * 4)


class Person(namedtuple("Person", "id name_en names_ar roles wikidata", defaults=((), None))):
    """A named person; `roles` is a tuple of `Role` (years as int, None when open)."""

    def role_at(self, year: int | None) -> Role | None:
        """The role held in `year`: of several, the one begun last, then the one listed first
        (the files list the senior role first). With year None, the latest role."""
        ranked = [((r.end is None, r.end or 0, r.start or 0, -i) if year is None else (r.start or -9999, -i), r)
                  for i, r in enumerate(self.roles) if year is None
                  or (r.start is None or r.start <= year) and (r.end is None or year <= r.end)]
        return max(ranked, key=lambda kr: kr[0])[1] if ranked else None


@dataclass
class KnowledgeBase:
    countries: dict[str, Country] = field(default_factory=dict)
    country_by_name: dict[str, str] = field(default_factory=dict)
    nisba: dict[str, str] = field(default_factory=dict)
    cities: dict[str, City] = field(default_factory=dict)
    sector_terms: dict[str, SectorTerm] = field(default_factory=dict)
    organisations: dict[str, Org] = field(default_factory=dict)
    people: dict[str, list[Person]] = field(default_factory=dict)
    homographs: dict[str, list] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)      # found while loading
    records: dict[str, list] = field(default_factory=dict)  # table -> records in file order

    def _add(self, table: str, names, value, homographs=()) -> None:
        if not isinstance(value, str):
            self.records.setdefault(table, []).append(value)
        for name in names:
            if table == "people":
                self.people.setdefault(key(name), []).append(value)
            elif (old := getattr(self, table).setdefault(key(name), value)) != value:
                self.problems.append(f"{table}: «{name}» names two records: {old} and {value}")
        for name in homographs:
            self.homographs.setdefault(key(name), []).append(value)

    def surface_names(self, rec) -> tuple[str, ...]:
        """The names a record is found by, as the data writes them (homographs left out)."""
        if isinstance(rec, SectorTerm):
            return (rec.term,) + _definite(rec)
        return rec.names_ar if isinstance(rec, Person) else rec.names

    def nisba_forms(self, country: Country) -> list[str]:
        forms = [f for base in country.nisba for f in inflect_nisba(base)] + list(country.demonyms)
        return list(dict.fromkeys(forms + ["ال" + d for d in country.demonyms]))

    def all_people(self) -> list[Person]:
        return self.records.get("people", [])

    def all_organisations(self) -> list[Org]:
        return self.records.get("organisations", [])

    def all_cities(self) -> list[City]:
        return self.records.get("cities", [])

    def all_sector_terms(self) -> list[SectorTerm]:
        return self.records.get("sector_terms", [])

    def check(self) -> list[str]:
        return self.problems + _check(self)


def _definite(term: SectorTerm) -> tuple[str, ...]:
    return ("ال" + term.term,) if term.kind == "title" and " " not in term.term and term.term[:2] != "ال" else ()


def _split(names) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """(names to index, homographs, the first name) from a `|`-separated string or a list."""
    names = [" ".join(str(n).split()) for n in (names.split("|") if isinstance(names, str) else names or ())]
    return (tuple(dict.fromkeys(n for n in names if n and n[0] != "~")),
            tuple(dict.fromkeys(n[1:].strip() for n in names if n[:1] == "~")), (names + [""])[0].lstrip("~ "))


def _tsv(path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE) if any(r)]
    return [{h: v.strip() for h, v in zip(rows[0], r + [""] * len(rows[0]))} for r in rows[1:]]


def _plain(node):
    """A YAML node as lists, dicts and strings (None for null): several times faster than
    PyYAML's constructor on the people files."""
    if isinstance(node, yaml.SequenceNode):
        return [_plain(n) for n in node.value]
    if isinstance(node, yaml.MappingNode):
        return {k.value: _plain(v) for k, v in node.value}
    return None if node is None or not node.style and node.value in _NULLS else node.value


def _yaml(path) -> list:
    with path.open(encoding="utf-8") as fh:
        return _plain(yaml.compose(fh, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))) or []


def _year(value) -> int | None:
    return None if value in (None, "") else int(str(value).strip()[:4])


def build(folder) -> KnowledgeBase:
    kb = KnowledgeBase()
    for row in _tsv(folder / "countries.tsv"):
        names, amb, first = _split(row["names_ar"])
        c = Country(row["iso3"], row["name_en"], first, names,
                    _split(row["nisba"])[0], _split(row["demonyms"])[0], row["capital"])
        kb.problems += [f"countries: duplicate iso3 {c.iso3}"] if c.iso3 in kb.countries else []
        kb.countries[c.iso3] = c
        kb._add("country_by_name", names, c.iso3)
        kb.homographs.update({key(n): kb.homographs.get(key(n), []) + [c] for n in amb})
        kb._add("nisba", kb.nisba_forms(c), c.iso3)
    for row in _tsv(folder / "cities.tsv"):
        names, amb, first = _split(row["names_ar"])
        lat, lon = (float(x) if x.lstrip("-").replace(".", "", 1).isdigit() else float("nan")
                    for x in (row["lat"], row["lon"]))
        kb._add("cities", names, City(first, row["name_en"], row["country"],
                                      lat, lon, row["kind"], names, amb), amb)
    for row in _tsv(folder / "sectors.tsv"):
        term = SectorTerm(" ".join(row["term"].split()), row["sector"], row["kind"], row["country"] or None)
        kb._add("sector_terms", [term.term], term)
    for term in kb.all_sector_terms():      # derived forms never override listed ones
        for form in _definite(term):
            kb.sector_terms.setdefault(key(form), term)
    for item in _yaml(folder / "organisations.yaml"):
        names, amb, first = _split(item.get("names_ar"))
        kb._add("organisations", names, Org(str(item.get("id")), item.get("name_en") or "",
                                            first, names, item.get("country"),
                                            item.get("sector"), item.get("kind")), amb)
    people = sorted(p for p in folder.iterdir() if p.name.startswith("people") and p.name.endswith(".yaml"))
    for item in (item for path in people for item in _yaml(path)):
        names, amb, _ = _split(item.get("names_ar"))
        roles = tuple(Role(r.get("country"), r.get("sector"), r.get("role_ar"), r.get("role_en"),
                           _year(r.get("start")), _year(r.get("end"))) for r in item.get("roles") or ())
        kb._add("people", names, Person(str(item.get("id")), item.get("name_en") or "", names, roles,
                                        item.get("wikidata")), amb)
    return kb


@lru_cache(maxsize=1)
def load_kb() -> KnowledgeBase:
    """The knowledge base from the package data, loaded once."""
    return build(files("hadath") / "data" / "actors")


def check() -> list[str]:
    """Problems in the knowledge base data; empty when it is consistent."""
    return load_kb().check()


def _check(kb: KnowledgeBase) -> list[str]:
    cities, orgs, people = kb.all_cities(), kb.all_organisations(), kb.all_people()
    rows = ([(f"city {c.name_en}", c.country, "GOV", c.kind in KINDS["city"]) for c in cities]
            + [(f"term {t.term}", t.country, t.sector, t.kind in KINDS["term"]) for t in kb.all_sector_terms()]
            + [(f"organisation {o.id}", o.country, o.sector, o.kind in KINDS["organisation"]) for o in orgs]
            + [(f"person {p.id}", r.country, r.sector or "GOV", True) for p in people for r in p.roles])
    out = [f"{what}: unknown country code {country!r}" for what, country, _, _ in rows
           if country is not None and country not in kb.countries]
    out += [f"{what}: unknown sector {sector!r}" for what, _, sector, _ in rows if sector not in SECTORS]
    out += [f"{what}: unknown kind" for what, _, _, kind_ok in rows if not kind_ok]
    out += [f"city {c.name_en}: coordinates out of range ({c.lat}, {c.lon})"
            for c in cities if not (-90 <= c.lat <= 90 and -180 <= c.lon <= 180)]
    places = {(key(n), c.country) for c in cities for n in c.names + c.homographs}
    out += [f"country {c.iso3}: capital «{c.capital}» is not a city of {c.iso3} in cities.tsv"
            for c in kb.countries.values() if (key(c.capital), c.iso3) not in places]
    out += [f"{what}: no Arabic name" for what, names in
            [(f"country {c.iso3}", c.names) for c in kb.countries.values()]
            + [(f"city {c.name_en}", c.names + c.homographs) for c in cities]
            + [(f"organisation {o.id}", o.names) for o in orgs] + [(f"person {p.id}", p.names_ar) for p in people]
            if not names]
    for label, items in (("organisation", orgs), ("person", people)):
        out += [f"{label} {i}: duplicate id" for i, n in Counter(x.id for x in items).items() if n > 1]
    out += [f"person {p.id}: role «{r.role_ar}» starts {r.start}, after its end {r.end}"
            for p in people for r in p.roles if r.start is not None and r.end is not None and r.start > r.end]
    # One name in two tables must not point at two countries: whichever table wins, one is wrong.
    found: dict[str, dict[str, str | None]] = {}
    for table, lookup in (("country", kb.country_by_name), ("nisba", kb.nisba),
                          ("city", {k: c.country for k, c in kb.cities.items()}),
                          ("organisation", {k: o.country for k, o in kb.organisations.items()}),
                          ("sector term", {k: t.country for k, t in kb.sector_terms.items()})):
        for k, country in lookup.items():
            found.setdefault(k, {})[table] = country
    out += [f"«{k}» is " + ", ".join(f"{t} of {c}" for t, c in where.items())
            for k, where in found.items() if len(where) > 1 and len(set(where.values())) > 1]
    for k, persons in kb.people.items():
        hits = [f"{t} of {c}" for t, c in found.get(k, {}).items() if t in ("country", "nisba", "city")]
        out += [f"person {persons[0].id}: name «{k}» is also {', '.join(hits)}"] if hits else []
    return out
