"""The actor knowledge base: its data is consistent and real lookups resolve."""
import shutil
import time
from importlib.resources import files

import pytest

from hadath.actors.kb import Person, Role, build, check, inflect_nisba, key, load_kb


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_data_is_consistent():
    assert check() == []


@pytest.mark.parametrize("form, iso3", [
    ("الإيرانية", "IRN"), ("الإيرانيين", "IRN"), ("إيرانيون", "IRN"), ("إيرانيتان", "IRN"),
    ("الأمريكي", "USA"), ("الأميركيون", "USA"), ("الأمريكان", "USA"), ("الروس", "RUS"),
    ("الأتراك", "TUR"), ("المغاربة", "MAR"), ("السعوديين", "SAU"), ("البريطانية", "GBR"),
    ("الكورية الشمالية", "PRK"), ("الكوريين الجنوبيين", "KOR"), ("الجنوب أفريقية", "ZAF"),
    ("الإسرائيلي", "ISR"), ("الفلسطينيون", "PSE"), ("المصرية", "EGY"),
])
def test_nisba_inflections(kb, form, iso3):
    assert kb.nisba[key(form)] == iso3


def test_inflect_nisba():
    forms = inflect_nisba("إيراني")
    assert {"إيراني", "الإيرانية", "الإيرانيين", "الإيرانيون", "إيرانيان", "إيرانيتان", "الإيرانيتين"} <= set(forms)
    assert "الكورية الشمالية" in inflect_nisba("كوري شمالي")
    assert "الجنوب سودانية" in inflect_nisba("جنوب سوداني")


@pytest.mark.parametrize("name, iso3", [
    ("السودان", "SDN"), ("الولايات المتحدة الأميركية", "USA"), ("أميركا", "USA"),
    ("روسيا الاتحادية", "RUS"), ("المملكة العربية السعودية", "SAU"), ("دولة الإمارات", "ARE"),
    ("المملكة المتحدة", "GBR"), ("كوريا الديمقراطية", "PRK"), ("إسرائيل", "ISR"),
    ("فلسطين", "PSE"), ("الصحراء الغربية", "ESH"), ("كوسوفو", "XKX"), ("تايوان", "TWN"),
])
def test_country_names(kb, name, iso3):
    assert kb.country_by_name[key(name)] == iso3


def test_no_bare_ambiguous_country_names(kb):
    assert key("المملكة") not in kb.country_by_name


def test_every_state(kb):
    assert len(kb.countries) >= 198
    for iso3 in ("AFG", "ZWE", "SSD", "TUV", "VAT", "PSE", "HKG", "KNA", "FSM", "TLS"):
        assert iso3 in kb.countries
    assert kb.countries["IRN"].name_ar == "إيران" and kb.countries["IRN"].capital == "طهران"


def test_cities(kb):
    moscow = kb.cities[key("موسكو")]
    assert moscow.country == "RUS" and moscow.kind == "capital"
    assert abs(moscow.lat - 55.75) < 0.05 and abs(moscow.lon - 37.62) < 0.05
    assert kb.cities[key("القدس المحتلة")].name_en == "Jerusalem"
    assert kb.cities[key("إدلب")].country == "SYR"
    assert kb.cities[key("كردستان العراق")].kind == "region"
    assert len(kb.all_cities()) >= 450


def test_homographs(kb):
    # عمان is Oman in the lookups; Amman is kept as a homograph, not indexed.
    assert kb.country_by_name[key("عمان")] == "OMN"
    assert key("عمان") not in kb.cities
    assert any(getattr(r, "name_en", "") == "Amman" for r in kb.homographs[key("عمان")])
    assert key("كيف") not in kb.cities and kb.cities[key("كييف")].country == "UKR"


@pytest.mark.parametrize("term, sector, country", [
    ("مجلس الدوما", "LEG", "RUS"), ("الكنيست", "LEG", "ISR"), ("البنتاغون", "MIL", "USA"),
    ("الحرس الثوري", "MIL", "IRN"), ("رجال الأعمال", "BUS", None), ("المتظاهرين", "CVL", None),
    ("الوزير", "GOV", None), ("قضاة", "JUD", None), ("المسلحون", "REB", None),
    ("النائب العام", "JUD", None), ("المستشفى", "HLH", None), ("الأزهر", "REL", "EGY"),
])
def test_sector_terms(kb, term, sector, country):
    found = kb.sector_terms[key(term)]
    assert (found.sector, found.country) == (sector, country)


@pytest.mark.parametrize("name, iso3, sector", [
    ("الحوثيون", "YEM", "REB"), ("أنصار الله", "YEM", "REB"), ("حزب الله", "LBN", "REB"),
    ("حركة حماس", "PSE", "REB"), ("تنظيم الدولة الإسلامية", None, "REB"), ("الناتو", None, "IGO"),
    ("الجامعة العربية", None, "IGO"), ("منظمة العفو الدولية", None, "NGO"),
    ("الحشد الشعبي", "IRQ", "MIL"), ("وكالة الأنباء السعودية", "SAU", "MED"), ("أرامكو", "SAU", "BUS"),
])
def test_organisations(kb, name, iso3, sector):
    org = kb.organisations[key(name)]
    assert (org.country, org.sector) == (iso3, sector)


def test_gazetteer_api(kb):
    assert len(kb.all_organisations()) >= 150 and len(kb.all_sector_terms()) >= 250
    assert "الوزير" in kb.surface_names(kb.sector_terms[key("وزير")])
    assert "عمان" not in kb.surface_names(kb.homographs[key("عمان")][0])
    assert "الإيرانيين" in kb.nisba_forms(kb.countries["IRN"])


def test_role_at():
    p = Person("x", "X", ("س",), (Role("IRN", "GOV", start=2005, end=2017),
                                  Role("IRN", "LEG", start=2020, end=None),
                                  Role("IRN", "MIL", start=1990, end=2005)))
    assert p.role_at(2010).sector == "GOV"
    assert p.role_at(2005).sector == "GOV"        # the role begun last
    assert p.role_at(2018) is None
    assert p.role_at(2024).sector == "LEG"
    assert p.role_at(None).sector == "LEG"


def test_people_load(kb):
    for person in kb.all_people():
        assert person.names_ar and all(isinstance(r, Role) for r in person.roles)
        assert all(person in kb.people[key(n)] for n in person.names_ar)


def _copy_data(tmp_path, people=True):
    src = files("hadath") / "data" / "actors"
    for item in src.iterdir():
        if item.name.endswith((".tsv", ".yaml")) and (people or not item.name.startswith("people")):
            shutil.copyfile(str(item), tmp_path / item.name)
    return tmp_path


def test_loads_without_people(tmp_path):
    kb = build(_copy_data(tmp_path, people=False))
    assert kb.people == {} and kb.check() == []


def test_check_finds_problems(tmp_path):
    folder = _copy_data(tmp_path, people=False)
    with open(folder / "cities.tsv", "a", encoding="utf-8") as fh:
        fh.write("Nowhere\tلامكان\tXYZ\t95\t10\tcity\n"
                 "Fake Cairo\tمصر\tLBY\t30\t31\tcity\n")
    with open(folder / "organisations.yaml", "a", encoding="utf-8") as fh:
        fh.write("- {id: un, name_en: Dup, names_ar: [كيان], country: null, sector: XXX, kind: igo}\n")
    (folder / "people_test.yaml").write_text(
        "- id: p1\n  name_en: P\n  names_ar: []\n  roles:\n"
        "    - {country: IRN, sector: GOV, role_ar: وزير, role_en: Minister, start: 2010, end: 2001}\n",
        encoding="utf-8")
    problems = "\n".join(build(folder).check())
    for expected in ("unknown country code 'XYZ'", "coordinates out of range", "organisation un: duplicate id",
                     "unknown sector 'XXX'", "person p1: no Arabic name", "starts 2010, after its end 2001",
                     "«مصر» is country of EGY, city of LBY"):
        assert expected in problems


def test_load_time():
    load_kb.cache_clear()
    start = time.perf_counter()
    load_kb()
    assert time.perf_counter() - start < 2.0
