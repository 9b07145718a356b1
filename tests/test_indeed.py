"""feeds/indeed.xml (issue 28): every open vacancy in Indeed's XML job feed format, as Indeed and the
job boards that read the format take it: well-formed, every required element in CDATA, the stable
id as reference number, the page (not the application system) as address; never a closed, filled,
cancelled or scheduled vacancy."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

from conftest import TODAY, Build, edit, run_build

import content

SITE_URL = "https://werkenbij.lindewaard.example/"
DAY = dt.date.fromisoformat(TODAY)
VACANCIES = content.vacancies()
OPEN = {s: fm for s, fm in VACANCIES.items() if content.is_open(fm, DAY)}
REQUIRED = (
    "title",
    "date",
    "referencenumber",
    "requisitionid",
    "url",
    "company",
    "city",
    "state",
    "country",
    "description",
)


def jobs(build: Build) -> tuple[ET.Element, dict[str, dict[str, str]]]:
    """The feed's root and each job's elements by reference number; the file is well-formed XML."""
    root = ET.fromstring((build.site / "feeds" / "indeed.xml").read_bytes())
    found = {}
    for job in root.findall("job"):
        values = {child.tag: child.text or "" for child in job}
        assert values["referencenumber"] not in found, "a reference number is used once"
        found[values["referencenumber"]] = values
    return root, found


def test_the_feed_carries_every_open_vacancy_with_indeed_s_required_elements(example: Build) -> None:
    root, found = jobs(example)
    assert root.tag == "source"
    assert root.findtext("publisher") == "Gemeente Lindewaard" and root.findtext("publisherurl") == SITE_URL
    assert parsedate_to_datetime(root.findtext("lastBuildDate") or "").date() == DAY
    assert set(found) == {fm.get("id", slug) for slug, fm in OPEN.items()}
    raw = (example.site / "feeds" / "indeed.xml").read_text(encoding="utf-8")
    for slug, fm in OPEN.items():
        job = found[fm.get("id", slug)]
        for name in REQUIRED:
            assert job.get(name, "").strip(), f"{slug}: {name} is empty"
            # every value in CDATA, as Indeed asks
        assert len(re.findall(r"<(\w+)><!\[CDATA\[", raw)) == sum(len(j) for j in found.values())
        assert job["title"] == fm["title"] and job["company"] == "Gemeente Lindewaard"
        assert job["date"] == fm["published"].isoformat() and job["expirationdate"] == fm["closes"].isoformat()
        # The vacancy's own page (tagged for the reach report), never the application system.
        page = urlsplit(job["url"])
        assert f"{page.scheme}://{page.netloc}/" == SITE_URL and page.query == "utm_source=indeed&utm_medium=jobboard"
        assert (example.site / page.path.lstrip("/") / "index.html").is_file()
        assert job["url"].split("?")[0] != fm["apply"]
        # the place of work's address (content/data/locations.yml): the Gemeentewerf's, else the town hall's
        werf = fm["location"].startswith("Gemeentewerf")
        street, postal_code = ("Industrieweg 14", "7418 BE") if werf else ("Markt 1", "7411 AA")
        assert (job["city"], job["state"], job["country"]) == ("Lindewaard", "Overijssel", "NL")
        assert (job["streetaddress"], job["postalcode"]) == (street, postal_code)
        assert job["category"] == fm["department"]
        assert "€" in job["salary"] and "per maand" in job["salary"]
        assert job["description"].startswith("<p>") and fm["summary"][:40] in job["description"]
        # No HTML entities but the three HTML needs.
        assert not re.findall(r"&(?!lt;|gt;|amp;)[#\w]+;", job["description"])
    internship = found["stage-communicatie"]
    assert internship["jobtype"] == "internship" and internship["education"] == "hbo"


def test_closed_filled_cancelled_and_scheduled_vacancies_are_never_in_it(example: Build) -> None:
    _, found = jobs(example)
    assert "jurist-omgevingsrecht" not in found  # filled
    assert "hr-adviseur" not in found  # reviewing, closed in October
    assert "vakantiemedewerker-buitendienst" not in found  # public from 8 March 2027


def test_a_cancelled_vacancy_leaves_and_a_hostile_text_stays_well_formed(site_copy: Path) -> None:
    edit(site_copy / "vacancies/financieel-adviseur.md", "\n---\n", "\nstatus: cancelled\n---\n")
    edit(
        site_copy / "vacancies/ciso.md",
        "## Wat ga je doen",
        "Een reeks ]]> die CDATA zou sluiten, &euro; 5 en &#8220;aanhalingstekens&#8221;, "
        "en [onze salarisschalen](../../salaris/).\n\n## Wat ga je doen",
    )
    build = run_build(site_copy, today="2026-12-05")
    assert build.returncode == 0, build.output
    _, found = jobs(build)
    assert "financieel-adviseur" not in found
    # closed on 2 and 4 December: gone from the feed the next day, so the board removes them
    assert "klantcontactmedewerker-kcc" not in found and "medewerker-buitendienst-groen" not in found
    description = found["ciso"]["description"]
    assert "Een reeks ]]&gt; die CDATA zou sluiten, € 5 en “aanhalingstekens”" in description
    links = re.findall(r'href="([^"]+)"', description)
    assert links and all(link.startswith(SITE_URL) for link in links), links


def test_a_value_that_would_end_its_cdata_is_split_over_two() -> None:
    from careersite.outputs.indeed import cdata

    element = ET.fromstring(f"<title>{cdata('A ]]> B ]]]]> C')}</title>")
    assert element.text == "A ]]> B ]]]]> C"
