"""The actors stage: every mention of a person, organisation, state or group becomes an actor
with a country (ISO 3166-1 alpha-3) and a sector, and mentions of one actor are linked.

How a mention is read, per sentence:
1. The gazetteer finds the knowledge base's phrases (people, organisations, countries, cities,
   sector terms, nisba adjectives); the NER stage's PER/ORG spans that the knowledge base lacks
   join them as unknown names.
2. Adjacent pieces compose into one mention: title and bodies, then a nisba or a country, then
   a name — «رئيس مجلس الدوما الروسي فياتشيسلاف فولودين» is one mention, RUS LEG.
3. A known person takes the role held in the article's year (a former president is not GOV);
   an unknown one takes what the title gives, or nothing: never a guess.
4. Coreference: the same person by any spelling, a surname alone after the full name, and a
   bare title («رئيس مجلس الشورى») after a titled name all join the earlier actor.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from ..lexicon import word_sets
from ..model import Actor, Document, Entity, Mention, Span
from ..text.grammar import grammar
from ..text.normalize import normalize_text
from ..text.phrases import word_key
from .gazetteer import Entry, load_gazetteer
from .kb import key, load_kb


@lru_cache(maxsize=1)
def _title_words() -> dict[str, frozenset]:
    # tokens are compared by stem, so the words are keyed without their article
    return word_sets("actors", "title_words.tsv", lambda w: word_key(w, loose=True))

_NAME_LABELS = {"PER": "person", "ORG": "org", "GPE": "country", "LOC": "city"}


@dataclass
class Piece:
    start: int            # token indices, end exclusive
    end: int
    kind: str
    entries: list[Entry] = field(default_factory=list)
    entity: Entity | None = None

    @property
    def entry(self) -> Entry | None:
        return self.entries[0] if self.entries else None


def resolve_actors(doc: Document) -> None:
    gz = load_gazetteer()
    year = _year(doc.published)
    mentions: list[Mention] = []
    starts = [t.start for t in doc.tokens]
    ent_at: dict[int, Entity] = {}
    for e in doc.entities:
        ent_at.setdefault(bisect_right(starts, e.start) - 1, e)
    for si in range(len(doc.sentences)):
        s = doc.sentences[si]
        tokens = doc.tokens[s.token_start:s.token_end]
        pieces = _pieces(tokens, gz, ent_at, s.token_start)
        for group in _compose(pieces, tokens):
            found = _mention(doc, group, tokens, s.token_start, si, year)
            if found is not None:
                mentions.append(found)
    _homographs(mentions)
    _place_groups([f.mention for f in mentions])
    _link(doc, mentions)
    _home_country(doc)


def _homographs(found: list[Found]) -> None:
    """«عمان» is Oman, and also Amman: a country named by a word that is also a city of another
    country is that city when the article speaks of the city's country («الأردنيين», «الأردن»)
    and of the named country in no other way («سلطنة عمان», «العماني»)."""
    kb = load_kb()
    countries = {f.mention.country for f in found if f.mention.kind != "country"
                 or not kb.homographs.get(key(f.name or ""))}
    for f in found:
        m = f.mention
        if m.kind != "country" or m.country in countries:
            continue
        city = next((c for c in kb.homographs.get(key(f.name or ""), [])
                     if getattr(c, "lat", None) is not None and c.country in countries), None)
        if city is not None:
            f.kb, m.kind, m.country = city, "city", city.country
            f.key = _identity(f, "city")


# State institutions: a «الحكومة», «النواب», «المسؤولين» with no country of their own.
_STATE_SECTORS = {"GOV", "LEG", "JUD", "MIL", "COP", "SPY"}


def _home_country(doc: Document) -> None:
    """A state body or official the text gives no country and no name («النواب», «الحكومة»
    after coreference found none) belongs to the country the article is about: the country of
    at least 60 % of its mentions that have one, and of three at least. In an article about two
    countries (a visit, talks) no country has that share and the body stays without one."""
    counts: dict[str, int] = {}
    for m in doc.mentions:
        if m.country:
            counts[m.country] = counts.get(m.country, 0) + 1
    if not counts:
        return
    home, n = max(counts.items(), key=lambda kv: kv[1])
    if n < 3 or n < 0.6 * sum(counts.values()):
        return
    by_actor: dict[str, list[Mention]] = {}
    for m in doc.mentions:
        if m.actor:
            by_actor.setdefault(m.actor, []).append(m)
    skip = grammar()["anonymous"] | _title_words()["foreign"]
    for actor in doc.actors:
        ms = by_actor.get(actor.id, [])
        # a named person or organisation keeps what the text says of it, even nothing; an
        # unnamed source reports rather than acts; foreign forces are not the country's
        if actor.country is None and actor.sector in _STATE_SECTORS and ms \
                and all(m.kind in ("title", "group") for m in ms) \
                and not any(t.stem in skip or word_key(t.stem, loose=True) in skip
                            for m in ms for t in doc.tokens[m.token_start:m.token_end + 1]):
            actor.country = home
            for m in ms:
                m.country = home


def _year(published: str | None) -> int | None:
    try:
        return int(published[:4]) if published else None
    except ValueError:
        return None


def _pieces(tokens, gz, ent_at: dict, offset) -> list[Piece]:
    """Gazetteer matches and NER names, left to right, longest match first. `ent_at` maps a
    document token index to the entity starting in that token."""
    pieces: list[Piece] = []
    keys = gz.keys(tokens)
    i = 0
    while i < len(tokens):
        ent = ent_at.get(offset + i)
        stop = gz.stop(tokens, i, keys)
        if stop is not None and not (ent is not None and ent.label in ("PER", "ORG")):
            i = stop        # «مؤتمر صحفي»: a press conference, no journalist in it
            continue
        hit = gz.match(tokens, i, keys)
        if hit and _places(hit[1]) and i > 0 and tokens[i - 1].stem in grammar()["physical"]:
            hit = None      # «بحر الصين», «بحيرة تشاد»: a sea or a lake, not the state
        if hit and hit[0] == i + 1 and i > 0 and _describes(tokens[i - 1], tokens[i]):
            hit = None      # «الشؤون الداخلية»: internal affairs, not the Interior ministry
        if hit:
            end, entries = hit
            # A longer NER name wins over a shorter gazetteer word inside it («جامعة الملك سعود»),
            # unless the tagger only ran on into a function word («خامنئي على») or from a
            # known person into a place behind a preposition («الجبير لموسكو»).
            extra = [t for t in tokens[end:] if t.start < (ent.end if ent else 0)]
            if ent is not None and extra and ent.label == "PER" and entries[0].kind == "nisba":
                # «المصري محمد صلاح» tagged as one name: the nisba says whose national he is
                pieces.append(Piece(i, end, "nisba", entries))
                stop_at = end
                while stop_at < len(tokens) and tokens[stop_at].start < ent.end:
                    stop_at += 1
                pieces.append(Piece(end, stop_at, "person", [], ent))
                i = stop_at
                continue
            if ent is not None and extra and ent.label in ("PER", "ORG") \
                    and not any(_closed(t) for t in extra) \
                    and not (entries[0].kind == "person" and _place_after_preposition(tokens, end, gz, keys)):
                hit = None
            else:
                pieces.append(Piece(i, end, entries[0].kind, entries, ent))
                i = end
                continue
        if ent is not None and ent.label in ("PER", "ORG"):
            end = i
            while end < len(tokens) and tokens[end].start < ent.end:
                end += 1
            pieces.append(Piece(i, end, _NAME_LABELS[ent.label], [], ent))
            i = end
            continue
        if tokens[i].stem in _title_words()["connector"]:
            pieces.append(Piece(i, i + 1, "connector"))
        i += 1
    return pieces


def _place_after_preposition(tokens, i: int, gz, keys) -> bool:
    token = tokens[i]
    if token.name_start == token.start:     # no clitic before the name
        return False
    hit = gz.match(tokens, i, keys)
    return bool(hit) and _places(hit[1])


def _describes(before, token) -> bool:
    """`token` is an attribute adjective agreeing with the definite noun `before` it."""
    return (word_key(token.stem, loose=True) in _title_words()["attribute"] and before.is_word
            and before.prefix.endswith("ال"))


def _places(entries) -> bool:
    return entries[0].kind in ("country", "city")


def _closed(token) -> bool:
    return not token.is_word or token.stem in _function_words()


@lru_cache(maxsize=1)
def _function_words() -> frozenset:
    return grammar()["preposition"] | _title_words()["connector"]


def _compose(pieces: list[Piece], tokens) -> list[list[Piece]]:
    """Group adjacent pieces into mentions: [sector...] [nisba|country] [name]."""
    groups, cur = [], []
    order = {"sector": 0, "connector": 0, "nisba": 1, "country": 1, "city": 3, "person": 2, "org": 2}
    for p in pieces:
        # «الجيش التشادي وجماعة بوكو حرام»: «و» starts another actor
        adjacent = cur and p.start == cur[-1].end and not tokens[p.start].prefix.startswith(("و", "ف"))
        stage = order.get(p.kind, 3)
        last = max((order.get(q.kind, 3) for q in cur), default=-1)
        fits = adjacent and (stage > last or (stage == last == 0) or p.kind == "connector")
        # A country name after a title is a construct («وزير خارجية إيران»); after a name it
        # starts a new mention.
        if fits and p.kind in ("country", "nisba") and not any(q.kind == "sector" for q in cur):
            fits = False
        officer = adjacent and _head_of_org(cur, p, tokens)
        if fits and last == 2:
            fits = False
        fits = fits or officer
        if fits:
            cur.append(p)
        else:
            if cur:
                groups.append(cur)
            cur = [p]
    if cur:
        groups.append(cur)
    return [[p for p in g if p.kind != "connector"] or g for g in groups
            if any(p.kind != "connector" for p in g)]


@dataclass
class Found:
    """A mention with what the linker needs to know about it."""
    mention: Mention
    key: str                      # identity for coreference
    name: str | None = None       # the name as written, if the mention has one
    title: str | None = None      # the title phrase as written, if any
    title_key: tuple = ()
    kb: object = None
    entity: Entity | None = None
    label: str | None = None


def _head_of_org(cur: list[Piece], p: Piece, tokens) -> bool:
    """«مدير المرصد السوري لحقوق الإنسان رامي عبد الرحمن»: a name right after an organisation
    that a generic title word governs («مدير», «رئيس», «المتحدث باسم») is that organisation's
    officer, one mention."""
    org = cur[-1]
    if p.kind != "person" or org.kind != "org" or any(q.kind == "person" for q in cur):
        return False
    before = [t for t in tokens[max(0, org.start - 2):org.start] if t.is_word]
    return any(word_key(t.stem, loose=True) in _title_words()["generic"] for t in before)


def _mention(doc, group: list[Piece], tokens, offset, si, year) -> Found | None:
    sectors = [p for p in group if p.kind == "sector"]
    place = next((p for p in group if p.kind in ("nisba", "country")), None)
    name = next((p for p in group if p.kind in ("person", "org", "city")), None)
    former = any(t.stem in _title_words()["former"] for t in tokens[group[0].start:group[-1].end])
    country, sector = _title_code(sectors, place)
    employer = name if name is not None and name.kind == "org" and group[-1].kind == "person" else None
    if employer is not None:
        # the organisation is the officer's title: its country and sector are his
        name = group[-1]
        if employer.entries:
            c, s = _entry_code(employer.entries[0], year)
            country, sector = c or country, s or sector
    if former:
        sector = None
    kind = "title" if sectors else "name"
    found_kb = None
    if name is not None:
        kind = name.kind
        if name.entry is not None:
            found_kb = name.entry.ref
            c, s = _entry_code(name.entry, year)
            if not (name.kind == "person" and s is None and sectors):
                # a known name decides, unless the person held no role that year and the
                # title says what he is
                country, sector = c or country, s or sector
    elif place is not None and not sectors:
        kind = place.kind
        found_kb = place.entry.ref
        country, sector = _entry_code(place.entry, year)
        before = tokens[place.start - 1] if place.start > 0 else None
        if kind == "nisba" and _people(place.entry) and not (before is not None and before.is_word
                                                               and before.prefix.endswith("ال")):
            # «مئات الأردنيين», «تظاهر الأردنيون»: the Jordanians, people of Jordan; after a
            # definite noun it agrees with, a plural nisba only describes it («رجال الأعمال
            # الروس والإيرانيين»)
            kind, sector = "group", "CVL"
    if kind == "title" and sectors[-1].entry.ref.kind == "group":
        kind = "group"
    begin = group[0].start
    if employer is not None:    # the mention starts at the title word: «المدير العام للوكالة ...»
        begin = next((j for j in range(max(0, employer.start - 2), employer.start)
                      if word_key(tokens[j].stem, loose=True) in _title_words()["generic"]), begin)
    first, last = tokens[begin], tokens[group[-1].end - 1]
    a = first.name_begin
    m = Mention(a, last.end, doc.text[a:last.end], kind=kind, country=country, sector=sector,
                sentence=si, token_start=offset + begin, token_end=offset + group[-1].end)
    f = Found(m, key="", kb=found_kb)
    if employer is not None:
        t0, t1 = tokens[begin], tokens[employer.end - 1]
        f.title = doc.text[t0.name_start:t1.end]
    elif sectors:
        t0, t1 = tokens[sectors[0].start], tokens[(place or sectors[-1]).end - 1]
        f.title = doc.text[t0.name_start:t1.end]
        f.title_key = tuple(t.stem for t in tokens[sectors[0].start:sectors[-1].end])
    span_piece = name or (place if kind in ("country", "nisba") else None)
    if span_piece is not None:
        n0, n1 = tokens[span_piece.start], tokens[span_piece.end - 1]
        f.name = doc.text[n0.name_begin:n1.end]
        f.entity = span_piece.entity
        f.label = {"person": "PER", "org": "ORG", "country": "GPE", "city": "GPE"}.get(span_piece.kind)
    f.key = _identity(f, kind)
    return f


def _people(entry: Entry) -> bool:
    """A plural nisba or a demonym («الأردنيين», «الروس») names people, where a singular
    («الأردني», «الأردنية») only describes."""
    word = normalize_text(entry.surface)
    demonyms = {normalize_text(d) for d in entry.ref.demonyms}
    return word.endswith(("يون", "يين")) or word in demonyms or word.removeprefix("ال") in demonyms


def _identity(f: Found, kind: str) -> str:
    if f.kb is not None and kind in ("person", "org", "country", "city"):
        return f"{kind}:{getattr(f.kb, 'id', None) or getattr(f.kb, 'iso3', None) or id(f.kb)}"
    if f.name:
        return f"{kind}:{normalize_text(f.name)}"
    m = f.mention
    return f"{kind}:{m.country}:{m.sector}:{' '.join(f.title_key)}"


def _title_code(sectors: list[Piece], place: Piece | None) -> tuple[str | None, str | None]:
    """Country and sector that a title phrase gives: the head's sector unless the head is
    generic («رئيس», «قائد», «المتحدث») and a body follows («رئيس مجلس الدوما» is LEG)."""
    if not sectors:     # «المصري محمد صلاح»: the nisba alone gives the country, no sector
        return (_entry_code(place.entry, None)[0] if place is not None else None), None
    terms = [p.entry.ref for p in sectors]
    sector = terms[0].sector
    for term in terms[1:]:
        if terms[0].kind == "title" and _generic(terms[0]):
            sector = term.sector
    country = next((t.country for t in reversed(terms) if t.country), None)
    if place is not None:
        country = _entry_code(place.entry, None)[0] or country
    return country, sector


def _generic(term) -> bool:
    return word_key(term.term.split()[0], loose=True) in _title_words()["generic"]


def _entry_code(entry: Entry, year: int | None) -> tuple[str | None, str | None]:
    ref = entry.ref
    if entry.kind == "person":
        role = ref.role_at(year)
        if role is None:
            return (ref.roles[0].country if ref.roles else None), None
        return role.country, role.sector
    if entry.kind in ("country", "nisba"):
        return ref.iso3, None
    if entry.kind == "city":
        return ref.country, None
    return getattr(ref, "country", None) or None, getattr(ref, "sector", None) or None


# Collectives that belong to the place where the text puts them: armed groups take the country
# of their action, residents and protesters the country they are in (annotation guidelines).
_PLACED_SECTORS = {"REB", "CVL", "OPP", "LAB", "EDU", "REL", "HLH"}


def _place_groups(mentions: list[Mention]) -> None:
    """«المسلحون ... في الأنبار» is IRQ REB: a group with no country of its own takes the
    country of the nearest place named in its sentence."""
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    for ms in by_sentence.values():
        places = [p for p in ms if p.kind in ("city", "country", "nisba") and p.country]
        for m in ms:
            if not places:
                break
            near = min(places, key=lambda p: abs(p.token_start - m.token_start))
            if m.country is None and m.sector in _PLACED_SECTORS and m.kind in ("group", "title"):
                m.country = near.country
            elif m.kind == "org" and m.sector == "REB" and near.kind != "nisba":
                # «بوكو حرام» fighting in Chad is Chad's armed group (guidelines: where the text
                # places its action)
                m.country = near.country


def _link(doc: Document, found: list[Found]) -> None:
    """Coreference, then actors and entities in text order."""
    actors: dict[str, Actor] = {}
    titled: list[tuple[tuple, Actor]] = []
    for f in found:
        m = f.mention
        if m.kind == "nisba":
            continue     # an adjective («الإيرانية») tells a country, not an actor of its own
        actor = actors.get(f.key)
        if actor is None and f.name and f.kb is None and m.kind == "person":
            actor = _surname_match(f.name, actors.values())
        if actor is None and m.kind == "title" and f.title_key:
            # «الوزير» after «وزير الخارجية البريطاني فيليب هاموند», «الحكومة» after «الحكومة
            # العراقية»: the last one so titled
            actor = next((a for k, a in reversed(titled) if k[:len(f.title_key)] == f.title_key
                          and m.country in (None, a.country)), None)
        if actor is None and m.kind == "title" and f.title_key and m.country is None:
            # «مجلس النواب» after «رئيس مجلس النواب العراقي»: the body named inside an earlier
            # title is that title's country's body (another actor than the titled person)
            m.country = next((a.country for k, a in reversed(titled) if len(k) > len(f.title_key)
                              and _inside(f.title_key, k)), None)
        if actor is None:
            name = f.name or m.text
            if m.kind in ("country", "city") and getattr(f.kb, "name_ar", None):
                name = f.kb.name_ar     # «للأردن» is the actor «الأردن»; the mention keeps the text
            actor = Actor(id=f"a{len(actors) + 1}", name=name, country=m.country,
                          sector=m.sector, title=f.title, kb_id=getattr(f.kb, "id", None),
                          name_en=getattr(f.kb, "name_en", None))
            actors[f.key] = actor
        elif f.name and len(f.name) > len(actor.name) and m.kind == "person":
            actor.name = f.name
        if f.title and actor.title is None:
            actor.title = f.title
        if f.title_key and m.kind in ("person", "title") and actor.country:
            titled.append((f.title_key, actor))
        m.actor = actor.id
        # coreference tells what the mention alone does not: «رئيس مجلس الشورى» is Iran's
        m.country = m.country or actor.country
        m.sector = m.sector or actor.sector
        actor.spans.append(Span(m.start, m.end, m.text))
        if f.name and f.label:
            ent = f.entity or _add_entity(doc, m, f)
            if ent is not None:
                ent.actor = actor.id
    doc.mentions = [f.mention for f in found]
    doc.actors = list(actors.values())
    _renumber_entities(doc)


def _inside(part: tuple, whole: tuple) -> bool:
    n = len(part)
    return any(whole[i:i + n] == part for i in range(1, len(whole) - n + 1))


def _surname_match(name: str, actors) -> Actor | None:
    words = normalize_text(name).split()
    if len(words) != 1:
        return None
    for a in actors:
        full = normalize_text(a.name).split()
        if len(full) > 1 and words[0] in (full[-1], full[0]):
            return a
    return None


def _add_entity(doc, m: Mention, f: Found) -> Entity | None:
    start = doc.text.find(f.name, m.start, m.end + 1) if f.name else -1
    if start < 0:
        return None
    ent = Entity(start, start + len(f.name), f.name, label=f.label, source="kb")
    doc.entities.append(ent)
    return ent


def _renumber_entities(doc: Document) -> None:
    doc.entities.sort(key=lambda e: (e.start, -e.end))
    for i, e in enumerate(doc.entities, 1):
        e.id = f"e{i}"
    by_actor: dict[str, list[str]] = {}
    for e in doc.entities:
        if e.actor:
            by_actor.setdefault(e.actor, []).append(e.id)
    for a in doc.actors:
        a.mentions = by_actor.get(a.id, [])
