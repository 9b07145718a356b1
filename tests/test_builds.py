"""Whole builds: reproducible, dated by CAREERSITE_TODAY, and in every interface language."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import feedparser
from conftest import TODAY, edit, run_build

import content


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical(site_copy: Path, tmp_path: Path) -> None:
    first = run_build(site_copy)
    assert first.returncode == 0, first.output
    before = digest(first.site)
    second = run_build(site_copy)
    assert second.returncode == 0, second.output
    assert digest(second.site) == before


def test_the_date_decides_what_is_open(site_copy: Path) -> None:
    future = next(slug for slug, fm in content.vacancies().items() if fm["published"] > dt.date.fromisoformat(TODAY))
    published = content.vacancies()[future]["published"]
    before = run_build(site_copy, today=(published - dt.timedelta(days=1)).isoformat())
    assert not (before.site / "vacatures" / future).exists()
    on_the_day = run_build(site_copy, today=published.isoformat())
    assert on_the_day.returncode == 0, on_the_day.output
    assert (on_the_day.site / "vacatures" / future / "index.html").exists()
    listing = on_the_day.html("vacatures/index.html")
    assert any(a["href"].rstrip("/").endswith(future) for a in listing.select(".cs-vcard a"))


def test_closing_soon_is_shown_in_the_last_days(site_copy: Path) -> None:
    slug = next(s for s, f in content.vacancies().items() if str(f["closes"]) == "2026-12-09")
    build = run_build(site_copy, today="2026-12-08")
    page = build.html(f"vacatures/{slug}/index.html")
    assert "Sluit binnenkort" in page.select_one(".cs-badge--soon").get_text()
    after = run_build(site_copy, today="2026-12-10")
    page = after.html(f"vacatures/{slug}/index.html")
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert slug not in str(after.html("vacatures/index.html").select(".cs-vcard"))


def test_norwegian_site_builds_with_yearly_pay_and_applicant_list_notice(site_copy: Path) -> None:
    edit(site_copy / "mkdocs.yml", "    language: nl", "    language: nb")
    edit(site_copy / "mkdocs.yml", "    timezone: Europe/Amsterdam", "    timezone: Europe/Oslo")
    # Per year is the default of a site in Norway (test_new_site); here the content stays Dutch (its
    # phone numbers are Dutch), so the period is set.
    edit(site_copy / "mkdocs.yml", "    closing_soon_days: 7", "    closing_soon_days: 7\n    salary_period: year")
    build = run_build(site_copy)
    assert build.returncode == 0, build.output
    page = build.html("vacatures/beleidsadviseur-wonen/index.html")
    assert page.select_one("html")["lang"] == "nb"
    assert "offentleglova § 25" in page.select_one(".cs-notice--info").get_text()
    pay = " ".join(page.select_one(".cs-pay").get_text(" ", strip=True).split())
    assert "brutto per år" in pay
    table = content.salary_table()
    low = round(table["scales"]["11"][0] * 12 * 32 / 36)
    assert f"{low:,}".replace(",", " ") in pay.replace("\xa0", " ")
    posting = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert posting["baseSalary"]["value"]["unitText"] == "YEAR"
    # "Søk" alone is also the search box: the apply button says what it does.
    assert page.select_one(".cs-apply").get_text(strip=True) == "Søk på stillingen"
    assert page.select_one(".md-search__input")["placeholder"] != "Søk på stillingen"
    assert "per år" in page.select_one('meta[property="og:image:alt"]')["content"]
    assert page.select_one('meta[property="og:locale"]')["content"] == "nb_NO"
    feed = feedparser.parse((build.site / "feeds/vacancies.xml").read_bytes())
    assert not feed.bozo and feed.feed.language == "nb"
    assert feed.feed.title.startswith("Ledige stillinger")


def test_english_site_builds(site_copy: Path) -> None:
    edit(site_copy / "mkdocs.yml", "    language: nl", "    language: en")
    build = run_build(site_copy)
    assert build.returncode == 0, build.output
    page = build.html("vacatures/beleidsadviseur-wonen/index.html")
    assert "gross per month" in page.select_one(".cs-pay").get_text()
    assert not page.select(".cs-notice--info")


def test_the_example_stands_still_on_its_demo_date(site_copy: Path) -> None:
    """Built without CAREERSITE_TODAY, the example is as of its `demo_date`, whatever the clock
    says, and its pages never close themselves by the reader's clock; with CAREERSITE_TODAY they do."""
    frozen = run_build(site_copy, today="")
    assert frozen.returncode == 0, frozen.output
    listing = frozen.html("vacatures/index.html")
    assert len(listing.select(".cs-vcard")) == 14  # open on 1 December 2026, the example's demo_date
    assert not listing.select("[data-cs-closes-at]") and not frozen.html("index.html").select("#cs-closing")
    assert not frozen.html("vacatures/ciso/index.html").select("[data-cs-closes]")
    live = run_build(site_copy, today="2026-12-01")
    assert len(live.html("vacatures/index.html").select(".cs-vcard[data-cs-closes-at]")) == 14
    assert live.html("vacatures/ciso/index.html").select("[data-cs-closes]")
    assert live.html("index.html").select("#cs-closing")
