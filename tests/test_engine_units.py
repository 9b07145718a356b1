"""Engine modules tested directly, without a build: addresses, the redirect pages, the language
records, education levels per country, the earlier-addresses check and jobs.json from the
vacancy records. (Full builds test them too; these say which module broke.)"""

from __future__ import annotations

import json

import pyphen
import pytest
from babel import Locale
from careersite.addresses import Addresses, page_folder
from careersite.config import load
from careersite.i18n import Translator
from careersite.i18n.languages import LANGUAGES_BY_CODE
from careersite.offers import Offers
from careersite.outputs import jobs, redirects, social
from careersite.rules import education
from conftest import EXAMPLE, TODAY

ROOT = "https://werkenbij.lindewaard.example/"


@pytest.fixture(scope="module")
def site():
    return load(EXAMPLE / "mkdocs.yml", {"CAREERSITE_TODAY": TODAY})


@pytest.mark.parametrize(
    ("directory_urls", "page", "vacancy", "listing", "department"),
    [
        (True, "salaris/", "vacatures/ciso/", "vacatures/", "vacatures/?department=ict"),
        (False, "salaris.html", "vacatures/ciso.html", "vacatures/index.html", "vacatures/index.html?department=ict"),
    ],
)
def test_addresses_in_both_of_mkdocs_forms(
    directory_urls: bool, page: str, vacancy: str, listing: str, department: str
) -> None:
    templates = {"vacancies.html": "vacatures/index.md", "stories.html": "verhalen/index.md"}
    a = Addresses.of(ROOT, templates, directory_urls)
    assert a.page("salaris.md") == page
    assert a.vacancy("ciso") == vacancy and a.vacancies == listing and a.department("ict") == department
    assert a.absolute(a.vacancy("ciso")) == ROOT + vacancy
    assert a.page("https://example.org/privacy") == "https://example.org/privacy"
    assert a.page("index.md") == ("" if directory_urls else "index.html")
    assert Addresses.file("vacatures/") == "vacatures/index.html" and Addresses.file("a.html?x=1") == "a.html"
    assert a.item_source("story", "wei-chen") == "verhalen/wei-chen.md"


def test_the_item_folders_are_those_of_the_listing_pages() -> None:
    assert page_folder("ledige-stillinger/index.md") == "ledige-stillinger" and page_folder("jobs.md") == "jobs"
    a = Addresses.of(ROOT, {})  # a site without listing pages keeps the items where they always were
    assert a.item_folders == ("vacancies", "stories")


@pytest.mark.parametrize(
    ("target", "page", "link"),
    [
        ("vacatures/", "vacancies/", "../vacatures/"),
        ("vacatures/ciso/", "vacancies/ciso/", "../../vacatures/ciso/"),
        ("", "oud/", "../"),
        ("vacatures/ciso.html", "vacancies/ciso.html", "../vacatures/ciso.html"),
    ],
)
def test_a_redirect_links_relative_to_where_it_is(target: str, page: str, link: str) -> None:
    assert redirects.relative(target, page) == link


def test_a_redirect_page_sends_the_reader_on_in_the_site_s_language(site) -> None:
    html = redirects.page(site, "vacancies/", "vacatures/").decode()
    assert '<html lang="nl">' in html and 'content="0; url=../vacatures/"' in html
    assert f'<link rel="canonical" href="{ROOT}vacatures/">' in html
    assert 'location.replace("../vacatures/" + location.search + location.hash)' in html
    assert site.earlier_item_folders() == [("/vacancies/", "/vacatures/"), ("/stories/", "/verhalen/")]


def test_every_language_record_names_what_exists() -> None:
    """A record's Babel locale, hyphenation dictionary and catalogue all exist: a typo in a new
    language's record fails here, not in a site's build."""
    for code, language in LANGUAGES_BY_CODE.items():
        Locale.parse(language.babel)
        assert language.hyphenation in pyphen.LANGUAGES, code
        assert Translator(code)("ui.all_vacancies"), code
        for dutch, own in language.page_names.items():
            assert dutch.endswith(".md") and own.endswith(".md") and own.isascii(), (code, own)


def test_education_levels_are_the_country_s_with_their_credentials() -> None:
    assert education.levels("NL") == ("vmbo", "mbo", "hbo", "wo")
    assert education.levels("NO")[-1] == "master" and education.default("NO") == "bachelor"
    assert education.levels("SE") == education.levels("") and education.credential("NL", "hbo") == "bachelor degree"


def test_jobs_json_is_made_from_the_vacancy_records(site) -> None:
    offers = Offers(site)
    data = json.loads(b"".join(jobs.render(offers, social.Cards(offers))))
    assert data["count"] == len(site.open_vacancies) == len(data["vacancies"])
    ciso = next(j for j in data["vacancies"] if j["url"].endswith("/vacatures/ciso/"))
    record = offers.of(next(i for i in site.open_vacancies if i.vacancy.slug == "ciso"))
    assert ciso["url"] == record.link and ciso["closes"] == "2026-12-11"
    assert record.closes_on == "Reageer uiterlijk 11 december 2026" and record.deadline == "11 december 2026"
    assert ("Sluitingsdatum", "11 december 2026") in [(f.label, f.value) for f in record.facts]


def test_earlier_addresses_that_are_pages_are_refused() -> None:
    from careersite.content import slips

    a = Addresses.of(ROOT, {"vacancies.html": "vacatures/index.md"})
    made = {"salaris/", "vacatures/", "vacatures/ciso/"}
    t = Translator("nl")
    found, moves = slips.earlier_addresses(
        [("salaris/", "vacatures/"), ("feeds/oud/", "vacatures/"), ("oud/", "bestaat-niet/"), ("ok/", "vacatures/")],
        made,
        a,
        "mkdocs.yml",
        {"salaris/": 3, "feeds/oud/": 4, "oud/": 5, "ok/": 6},
        t,
    )
    assert [(p.line, p.field.rsplit(".", 1)[-1]) for p in found] == [(3, "salaris/"), (4, "feeds/oud/"), (5, "oud/")]
    assert ("ok/", "vacatures/") in moves
