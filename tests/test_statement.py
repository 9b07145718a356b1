"""The accessibility statement (issue 29): its page states the model of the site's country from the
settings (digitoegankelijk.nl's status A–E, uustatus.no's breaches, the EU's otherwise), with the
findings the organisation writes; `make check` warns while it is incomplete."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from bs4 import BeautifulSoup
from careersite.config import load
from careersite.i18n import Translator
from careersite.pages.statement import statement_page
from careersite.pages.views import tel_href
from conftest import TODAY, Build, edit, run_build
from test_author_errors import line_of, run_check
from test_new_site import SITES, fork, new_site
from test_warnings import warned

K = "extra.careersite.accessibility_statement"


def facts(page: BeautifulSoup) -> dict[str, BeautifulSoup]:
    """The statement's summary: each value by its label."""
    return {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in page.select("dl.cs-statement dt")}


def headings(page: BeautifulSoup) -> list[str]:
    return [h.get_text(strip=True) for h in page.select(".md-content h2")]


def test_the_example_states_the_dutch_model_with_its_findings(example: Build) -> None:
    page = example.html("toegankelijkheid/index.html")
    # The long title breaks with a hyphen on a phone, in any browser, at the compound's joint.
    assert page.select_one("h1").get_text() == "Toegankelijkheids\u00adverklaring"
    summary = facts(page)
    assert summary["Status"].select_one(".cs-statement__letter").get_text() == "B"
    assert summary["Status"].get_text(" ", strip=True) == "B voldoet gedeeltelijk"
    reviewed = summary["Laatst herzien"].select_one("time")
    assert reviewed["datetime"] == "2026-10-12" and reviewed.get_text() == "12 oktober 2026"
    assert summary["Onderzoek"].get_text(strip=True).endswith("op alle 50 eisen (21 september 2026)")
    register = summary["Register"].select_one("a")["href"]
    assert register == "https://www.toegankelijkheidsverklaring.nl/register/24817"
    text = page.select_one(".md-content").get_text(" ", strip=True)
    assert "Gemeente Lindewaard wil dat iedereen" in text and "de website werkenbij.lindewaard.example" in text
    assert "werkenbij.lindewaard.example gedeeltelijk voldoet aan het Besluit digitale toegankelijkheid" in text
    # Contact as links, the answer's term, and the complaint route.
    links = {a["href"]: a.get_text() for a in page.select(".md-content a")}
    assert links["mailto:toegankelijkheid@lindewaard.example"] == "toegankelijkheid@lindewaard.example"
    assert links["tel:+31570751000"] == "0570 75 10 00"
    assert "Je krijgt binnen 5 werkdagen antwoord." in text
    assert links["https://www.nationaleombudsman.nl/"] == "nationaleombudsman.nl"
    # The model's order: status, the organisation's findings (the page's text), contact, complaints.
    order = headings(page)
    assert order.index("Nalevingsstatus") < order.index("Wat nog niet goed gaat")
    assert order.index("Wat nog niet goed gaat") < order.index("Feedback en contactgegevens")
    assert order.index("Feedback en contactgegevens") < order.index("Handhavingsprocedure")


def test_an_incomplete_statement_is_warned_about_and_says_nothing_it_does_not_know(site_copy: Path) -> None:
    config = site_copy / "mkdocs.yml"
    edit(config, "      status: B\n", "")
    edit(config, "      date: 2026-10-12", "      date: 2025-11-30")
    edit(config, "      register: https://www.toegankelijkheidsverklaring.nl/register/24817\n", "")
    edit(config, "      email: toegankelijkheid@lindewaard.example\n      phone: 0570 75 10 00\n", "")
    edit(config, "      phone: 0570 75 10 00\n      email: werkenbij@lindewaard.example\n", "")  # the site's contact
    check = run_check(site_copy)
    assert check.returncode == 0, check.stderr
    block = line_of(config, "accessibility_statement:")
    expected = [
        (block, f"{K}.status", "geen nalevingsstatus; schrijf de letter uit het register"),
        (
            line_of(config, "date: 2025-11-30"),
            f"{K}.date",
            "op 30 november 2025 voor het laatst herzien, meer dan een jaar voor 1 december 2026",
        ),
        (block, f"{K}.register", "geen link naar de verklaring in het register van toegankelijkheidsverklaring.nl"),
        (block, f"{K}.email", "geen e-mailadres of telefoonnummer"),
    ]
    for line, field, words in expected:
        assert warned(check.stderr, "mkdocs.yml", line, field, words), (field, check.stderr)
    assert len(check.stderr.splitlines()) == len(expected), check.stderr

    build = run_build(site_copy)
    assert build.returncode == 0, build.output
    page = build.html("toegankelijkheid/index.html")
    assert "Status" not in facts(page) and "Register" not in facts(page)
    assert "Nalevingsstatus" not in headings(page)
    assert not page.select(".md-content a[href^='mailto:'], .md-content a[href^='tel:']")
    assert facts(page)["Laatst herzien"].get_text(strip=True) == "30 november 2025"


def test_a_statement_page_without_its_template_or_facts_is_warned_about(site_copy: Path) -> None:
    config, statement = site_copy / "mkdocs.yml", site_copy / "content/toegankelijkheid.md"
    edit(config, "      date: 2026-10-12", "      date: 2027-10-12")
    edit(statement, "template: accessibility.html\n", "")
    check = run_check(site_copy)
    assert warned(check.stderr, "mkdocs.yml", line_of(config, "date: 2027"), f"{K}.date", "ligt na vandaag")
    assert warned(check.stderr, "content/toegankelijkheid.md", 1, "template", "'template: accessibility.html'")

    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"    accessibility_statement:\n(?:      .*\n)+", "", text), encoding="utf-8")
    check = run_check(site_copy)
    line = line_of(config, "accessibility_page:")
    assert warned(check.stderr, "mkdocs.yml", line, K, "nog geen status, datum, link naar het register en contact")
    assert f"{K}.status" not in check.stderr  # one warning for the whole statement, not one per part


def test_elsewhere_the_statement_follows_the_eu_model_in_the_sites_language(site_copy: Path) -> None:
    site = load(site_copy / "mkdocs.yml", environ={"CAREERSITE_TODAY": TODAY})
    settings = dataclasses.replace(site.settings, country="BE", language="en")
    statement = statement_page(dataclasses.replace(site, settings=settings, t=Translator("en")), tel_href)
    assert statement.model == "eu"
    assert "WCAG" in statement.intro and statement.status_heading == "Compliance status"
    assert statement.status == (
        "werkenbij.lindewaard.example is partially compliant with WCAG 2.1 level AA; what is not yet compliant is "
        "listed below.",
    )
    assert [(f.label, f.text) for f in statement.facts][:2] == [
        ("Status", "partially compliant"),
        ("Last reviewed", "12 October 2026"),
    ]
    assert statement.complaints == ()  # no route of its own: none is made up
    assert [link.href for link in statement.contacts] == [
        "mailto:toegankelijkheid@lindewaard.example",
        "tel:+32570751000",
    ]


def test_a_norwegian_site_states_uustatus_shape(tmp_path: Path) -> None:
    spec = SITES["nb"]
    folder = fork(tmp_path / "fork")
    made = new_site(folder, *spec["args"], "--url", spec["url"])
    assert made.returncode == 0, made.stderr
    config = folder / "mkdocs.yml"
    # A new site has the statement's page, but not its facts yet: make check says what to add.
    check = run_check(folder)
    assert check.returncode == 0, check.stderr
    line = line_of(config, "accessibility_page:")
    assert warned(check.stderr, "mkdocs.yml", line, K, "har ennå ingen status, dato, lenke til registeret")

    page_line = next(text for text in config.read_text(encoding="utf-8").splitlines() if "accessibility_page:" in text)
    edit(
        config,
        page_line,
        f"{page_line}\n    accessibility_statement:\n      breaches: 3\n      date: 2026-11-02\n"
        "      register: https://uustatus.no/nb/erklaringer/publisert/8f1c2a7e-0000-4000-8000-fjordvik\n"
        "      email: uu@fjordvik.no\n      phone: 22 33 44 55\n",
    )
    check = run_check(folder)
    assert "accessibility_statement" not in check.stderr, check.stderr

    build = run_build(folder)
    assert build.returncode == 0, build.output
    page = build.html("tilgjengelighet/index.html")
    assert page.select_one("html")["lang"] == "nb"
    assert page.select_one("h1").get_text() == "Tilgjengelighets\u00aderklæring"
    order = headings(page)
    question = "I hvilken grad er nettstedet i samsvar med kravene til universell utforming?"
    assert order.index(question) < order.index("Meld gjerne fra om brudd på kravene") < order.index("Klage")
    text = page.select_one(".md-content").get_text(" ", strip=True)
    assert "Nettstedet jobb.fjordvik.no er delvis i samsvar med kravene til universell utforming av ikt." in text
    assert "Det er brudd på 3 av 47 krav i regelverket." in text
    summary = facts(page)
    assert summary["Status"].get_text(strip=True) == "delvis i samsvar"
    assert summary["Sist oppdatert"].select_one("time")["datetime"] == "2026-11-02"
    assert summary["uustatus.no"].select_one("a")["href"].startswith("https://uustatus.no/nb/erklaringer/publisert/")
    links = {a["href"] for a in page.select(".md-content a")}
    assert {"mailto:uu@fjordvik.no", "tel:+4722334455"} <= links
    # Complaints: breaches to the board, late or missing answers to the authority (Uu-tilsynet).
    assert {"https://www.diskrimineringsnemnda.no/", "https://www.uutilsynet.no/"} <= links
    assert "Tilsynet for universell utforming av ikt" in text
