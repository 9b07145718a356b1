"""The example site as a candidate sees it: built with a pinned date and read back from the HTML."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import icalendar
import pytest
from bs4 import BeautifulSoup
from conftest import TODAY, Build, edit, run_build

import content

DAY = dt.date.fromisoformat(TODAY)
VACANCIES = content.vacancies()
OPEN = {slug: fm for slug, fm in VACANCIES.items() if content.is_open(fm, DAY)}
CLOSED = {slug: fm for slug, fm in VACANCIES.items() if fm["published"] <= DAY and not content.is_open(fm, DAY)}
FUTURE = {slug: fm for slug, fm in VACANCIES.items() if fm["published"] > DAY}


def text(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def test_example_has_the_promised_mix() -> None:
    assert len(VACANCIES) >= 12 and CLOSED and FUTURE
    assert len({fm["department"] for fm in VACANCIES.values()}) >= 5
    assert {fm.get("employment", "permanent") for fm in VACANCIES.values()} >= {
        "permanent",
        "temporary",
        "internship",
        "traineeship",
    }
    assert {fm.get("education") for fm in VACANCIES.values()} >= {"mbo", "hbo", "wo"}
    assert len(content.stories()) >= 6


@pytest.mark.parametrize("slug", sorted(OPEN))
def test_open_vacancy_shows_pay_for_its_hours(example: Build, slug: str) -> None:
    fm = OPEN[slug]
    page = example.html(f"vacatures/{slug}/index.html")
    pay = text(page.select_one(".cs-pay"))
    low_h, high_h = content.hours(fm["hours"])
    if "scale" in fm:
        table = content.salary_table()
        scales = fm["scale"] if isinstance(fm["scale"], list) else [fm["scale"]]
        steps = [table["scales"][str(s)] for s in scales]
        low = min(s[0] for s in steps) * low_h / table["fulltime_hours"]
        high = max(s[-1] for s in steps) * high_h / table["fulltime_hours"]
        expected = f"{content.euro(low)} – {content.euro(high)} bruto per maand"
        assert expected in pay
        for scale in scales:
            assert f"schaal {scale}" in text(page.select_one("#cs-salary").parent)
        if low_h < table["fulltime_hours"]:
            full = f"{content.euro(min(s[0] for s in steps))} – {content.euro(max(s[-1] for s in steps))}"
            assert full in text(page.select_one(".cs-pay__fulltime"))
    else:
        assert content.euro(fm["salary"]["min"]) in pay
    hours_text = f"{low_h:g}" if low_h == high_h else f"{low_h:g}–{high_h:g}"
    assert f"bij {hours_text} uur" in pay


def overview(page: BeautifulSoup) -> dict[str, str]:
    """An open vacancy's overview ("In het kort"): each label's text as shown (what the page's
    script shows only once the vacancy has closed left out)."""
    aside = page.select_one("aside.cs-overview")
    assert aside is not None and aside.select_one("h2").get_text() == "In het kort"
    for hidden in aside.select("[hidden]"):
        hidden.decompose()
    return {
        text(row.select_one("dt")): " ".join(row.select_one("dd").get_text(" ", strip=True).split())
        for row in aside.select(".cs-overview__list > div")
    }


@pytest.mark.parametrize("slug", sorted(OPEN))
def test_open_vacancy_shows_timeline_contact_and_apply(example: Build, slug: str) -> None:
    fm = OPEN[slug]
    page = example.html(f"vacatures/{slug}/index.html")
    steps = [text(li.select_one(".cs-timeline__name")) for li in page.select("#cs-timeline ~ ol.cs-timeline > li")]
    expected = [s["name"] for s in content.processes()[fm["process"]]["steps"]]
    assert [re.sub(r" (Assessment|Screening)$", "", s) for s in steps[1:]] == expected
    assert page.select_one("#cs-timeline ~ ol.cs-timeline").name == "ol"
    for key, day in (fm.get("process_dates") or {}).items():
        name = next(s["name"] for s in content.processes()[fm["process"]]["steps"] if s["key"] == key)
        item = next(
            li
            for li in page.select("ol.cs-timeline > li")
            if text(li.select_one(".cs-timeline__name")).startswith(name)
        )
        assert f"op {day.day} " in text(item.select_one(".cs-timeline__when"))
    contact = text(page.select_one(".cs-contact"))
    assert fm["contact"]["name"] in contact
    if fm["contact"].get("phone"):
        assert page.select_one('.cs-contact a[href^="tel:"]') is not None
    apply_links = page.select("a.cs-apply")
    assert apply_links and all(a["href"] == fm["apply"] or a["href"] == f"mailto:{fm['apply']}" for a in apply_links)
    assert page.select_one('meta[name="robots"]') is None
    # Under the apply button: what to send and who may apply (NVP Sollicitatiecode), in words.
    names = {"cv": "cv", "letter": "motivatiebrief", "diplomas": "diploma's", "portfolio": "portfolio"}
    words = [names[d] for d in fm["send"]]
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " en " + words[-1]
    who = {
        "everyone": "Iedereen kan solliciteren.",
        "internal_first": "Collega's van Gemeente Lindewaard gaan voor: we lezen hun sollicitaties eerst.",
    }[fm.get("applicants", "everyone")]
    glance = overview(page)
    assert glance["Meesturen"] == listed and glance["Wie kan solliciteren"] == who
    # The overview answers the rest of a candidate's first questions, with links to act on them.
    assert glance["Status"] in ("Open voor sollicitaties", "Open, sluit binnenkort")
    assert glance["Sluitingsdatum"].replace("\xa0", " ").endswith(str(fm["closes"].year))
    assert re.fullmatch(
        r"Van de sluitingsdatum tot een aanbod: ongeveer \d+ weken\. Bekijk het tijdpad", glance["Procedure"]
    )
    aside = page.select_one("aside.cs-overview")
    assert aside.select_one('a[href="#cs-timeline"]') is not None and page.select_one("#cs-timeline") is not None
    assert fm["contact"]["name"] in glance["Vragen"]
    if fm["contact"].get("phone"):
        assert aside.select_one('a[href^="tel:+31"]') is not None
    # the closing date for the candidate's calendar: one all-day event on the last day to apply
    calendar = aside.select_one("a[download]")["href"]
    target = (example.site / f"vacatures/{slug}" / calendar).resolve()
    assert target == (example.site / "ics" / f"{slug}.ics").resolve()
    ics = icalendar.Calendar.from_ical(target.read_bytes())
    (event,) = ics.walk("VEVENT")
    assert event.decoded("dtstart") == fm["closes"]
    assert str(event["url"]).endswith(f"/vacatures/{slug}/") and fm["title"] in str(event["summary"])
    # The timeline says whether the organisation looks candidates up on the internet.
    searched = content.processes()[fm["process"]]["internet_search"]
    promises = text(page.select_one(".cs-promises"))
    assert ("We kunnen informatie over je opzoeken op internet" in promises) == searched
    assert ("We zoeken niet op internet" in promises) == (not searched)


@pytest.mark.parametrize("slug", sorted(OPEN))
def test_open_vacancy_has_valid_jobposting(example: Build, slug: str) -> None:
    fm = OPEN[slug]
    scripts = example.html(f"vacatures/{slug}/index.html").select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    posting = json.loads(scripts[0].string)
    assert posting["@type"] == "JobPosting"
    for key in (
        "title",
        "description",
        "datePosted",
        "hiringOrganization",
        "jobLocation",
        "validThrough",
        "employmentType",
        "baseSalary",
        "identifier",
    ):
        assert posting[key], key
    assert posting["title"] == fm["title"] and posting["description"] != posting["title"]
    assert posting["jobLocation"]["address"]["addressCountry"] == "NL"
    assert posting["datePosted"] == fm["published"].isoformat()
    assert posting["validThrough"].startswith(f"{fm['closes'].isoformat()}T23:59:59+01:00")
    salary = posting["baseSalary"]
    assert salary["@type"] == "MonetaryAmount" and salary["currency"] == "EUR"
    assert salary["value"]["unitText"] == "MONTH" and salary["value"]["minValue"] <= salary["value"]["maxValue"]
    assert "</script" not in scripts[0].string and "<" not in scripts[0].string
    # Truthful (issue 29): the organisation is its own site, not the career site; an internship
    # requires no degree of the students it is for (was: "bachelor degree" for the hbo internship).
    assert posting["hiringOrganization"]["sameAs"] == "https://www.lindewaard.example/"
    # Its place of work's address (content/data/locations.yml), not always the town hall's.
    street = "Industrieweg 14" if fm["location"].startswith("Gemeentewerf") else "Markt 1"
    assert posting["jobLocation"]["address"]["streetAddress"] == street
    assert posting["jobLocation"]["geo"]["@type"] == "GeoCoordinates"
    if fm.get("employment") == "internship":
        assert posting["employmentType"] == ["INTERN"]
        assert posting["educationRequirements"] == posting["experienceRequirements"] == "no requirements"
    elif fm.get("education"):
        assert posting["educationRequirements"]["@type"] == "EducationalOccupationalCredential"


@pytest.mark.parametrize("slug", sorted(CLOSED))
def test_closed_vacancy_keeps_page_with_notice_and_noindex(example: Build, slug: str) -> None:
    page = example.html(f"vacatures/{slug}/index.html")
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert not page.select('script[type="application/ld+json"]')
    notice = text(page.select_one(".cs-notice--closed"))
    status = VACANCIES[slug].get("status")
    assert {"filled": "vervuld", "reviewing": "in behandeling"}.get(status, "gesloten") in notice.lower()
    assert not page.select("a.cs-apply") and not page.select(".cs-apply-how")
    assert f"/vacatures/{slug}/" not in (example.site / "sitemap.xml").read_text()


def test_future_vacancy_is_not_built(example: Build) -> None:
    for slug in FUTURE:
        assert not (example.site / "vacatures" / slug).exists()
        assert slug not in (example.site / "sitemap.xml").read_text()


def test_listing_shows_open_vacancies_grouped_by_department(example: Build) -> None:
    page = example.html("vacatures/index.html")
    cards = page.select(".cs-vcard")
    links = {a["href"].strip("/").split("/")[-1] for a in page.select(".cs-vcard a")}
    assert links == set(OPEN) and len(cards) == len(OPEN)
    for group in page.select("[data-cs-group]"):
        department = text(group.select_one("h2")).rsplit(" (", 1)[0]
        for card in group.select(".cs-vcard"):
            slug = card.select_one("a")["href"].strip("/").split("/")[-1]
            assert OPEN[slug]["department"] == department
    assert page.select_one("[data-cs-filters]").has_attr("hidden"), "filters appear only when JavaScript runs"
    # Issue 29: each card says when the vacancy was posted, and its number, as on its page.
    for card in cards:
        slug = card.select_one("a")["href"].strip("/").split("/")[-1]
        posted = OPEN[slug]["published"]
        day = f"{posted.day} {content.MONTHS[posted.month - 1]} {posted.year}"
        assert text(card.select_one(".cs-card__meta")) == f"Geplaatst op {day} · Vacaturenummer: {slug}"


@pytest.mark.parametrize("name", ["department", "location", "hours", "education", "scale"])
def test_filter_options_select_the_right_vacancies(example: Build, name: str) -> None:
    page = example.html("vacatures/index.html")
    cards = page.select(".cs-vcard")
    select = page.select_one(f'select[name="{name}"]')
    for option in select.select("option")[1:]:
        value = option["value"]
        chosen = {
            c.select_one("a")["href"].strip("/").split("/")[-1] for c in cards if value in c[f"data-{name}"].split()
        }
        assert chosen, f"option {value} of {name} selects nothing"
        assert option.get_text().endswith(f"({len(chosen)})")
        for slug in chosen:
            fm = OPEN[slug]
            if name == "department":
                assert text(option).startswith(fm["department"])
            elif name == "education":
                assert fm.get("education") == value
            elif name == "scale":
                assert int(value) in (fm["scale"] if isinstance(fm["scale"], list) else [fm["scale"]])
            elif name == "hours":
                low, high = content.hours(fm["hours"])
                bucket_low, bucket_high = re.findall(r"\d+", text(option))[:2]
                assert low <= int(bucket_high) and high >= int(bucket_low)


def test_item_pages_stay_out_of_the_navigation(example: Build) -> None:
    nav = example.html("index.html").select_one("nav.md-nav--primary")
    hrefs = [a["href"] for a in nav.select("a")]
    assert not any("vacatures/" in h and h.rstrip("/").split("/")[-1] in VACANCIES for h in hrefs)


def test_story_pages_link_open_vacancies_of_their_department(example: Build) -> None:
    for slug, fm in content.stories().items():
        page = example.html(f"verhalen/{slug}/index.html")
        img = page.select_one("img.cs-story__photo")
        assert img["alt"] == fm["photo_alt"]
        assert (example.site / "verhalen" / slug / img["src"]).resolve().is_file()
        linked = {a["href"].strip("/").split("/")[-1] for a in page.select("#cs-dept-vacancies ~ ul .cs-vcard a")}
        assert linked == {s for s, v in OPEN.items() if v["department"] == fm["department"]}


def test_video_loads_nothing_from_a_third_party_until_clicked(example: Build) -> None:
    with_video = [slug for slug, fm in content.stories().items() if fm.get("video")]
    assert with_video
    for slug in with_video:
        page = example.html(f"verhalen/{slug}/index.html")
        assert not page.select("iframe")
        facade = page.select_one(".cs-video__facade")
        assert facade["data-embed"].startswith("https://www.youtube-nocookie.com/embed/")


def test_pages_request_nothing_from_other_hosts(example: Build) -> None:
    for path in example.site.rglob("*.html"):
        page = example.html(str(path.relative_to(example.site)))
        for tag, attribute in (
            ("script", "src"),
            ("link", "href"),
            ("img", "src"),
            ("iframe", "src"),
            ("video", "src"),
        ):
            for node in page.select(f"{tag}[{attribute}]"):
                if tag == "link" and node.get("rel") not in (["stylesheet"], ["preload"], ["icon"], ["preconnect"]):
                    continue
                assert not node[attribute].startswith(("http:", "https:", "//")), f"{path}: {node}"
    assert "fonts.googleapis" not in (example.site / "index.html").read_text()


def test_content_pages_show_scales_and_processes(example: Build) -> None:
    salary = example.html("salaris/index.html")
    rows = salary.select("table.cs-scales tbody tr")
    table = content.salary_table()
    assert len(rows) == len(table["scales"])
    ten = next(r for r in rows if text(r.select_one("th")) == "schaal 10")
    assert content.euro(table["scales"]["10"][0]) in text(ten) and content.euro(table["scales"]["10"][-1]) in text(ten)
    hiring = example.html("solliciteren/index.html")
    for key, process in content.processes().items():
        section = hiring.select_one(f"#process-{key}").parent
        assert [
            text(n).replace(" Assessment", "").replace(" Screening", "") for n in section.select(".cs-timeline__name")
        ] == [s["name"] for s in process["steps"]]
    for page in ("index.html", "werken-bij/index.html", "privacy/index.html", "verhalen/index.html"):
        assert example.html(page).select_one("h1")


def test_brand_colours_come_from_the_settings_and_stay_readable(example: Build) -> None:
    import re as regex

    from careersite.cards.colours import contrast

    css = (example.site / "assets/careersite/brand.css").read_text(encoding="utf-8")
    values = dict(regex.findall(r"--([\w-]+):\s*(#[0-9A-Fa-f]{6});", css))
    assert values["cs-primary"] == "#0B5563" and values["cs-accent"] == "#F2A900"
    assert contrast(values["cs-on-primary"], values["cs-primary"]) >= 4.5
    assert contrast(values["cs-on-accent"], values["cs-accent"]) >= 4.5
    assert contrast(values["cs-link"], "#FFFFFF") >= 4.5
    links = [link["href"] for link in example.html("index.html").select('link[rel="stylesheet"]')]
    assert "assets/careersite/brand.css" in links


@pytest.mark.parametrize("slug", sorted(OPEN))
def test_timeline_is_consistent_on_working_days(example: Build, slug: str) -> None:
    """Steps in order after closing, expected steps on working days (no weekend, no Dutch public
    holiday), and the reply about an invitation before the interview it invites to."""
    import holidays

    dutch = holidays.country_holidays("NL")
    fm = OPEN[slug]
    page = example.html(f"vacatures/{slug}/index.html")
    steps = page.select("#cs-timeline ~ ol.cs-timeline > li:not(.cs-timeline__item--apply)")
    days = [dt.date.fromisoformat(li.select_one("time")["datetime"]) for li in steps]
    assert days == sorted(set(days)) and days[0] > fm["closes"], days
    for li, day in zip(steps, days, strict=True):
        when = text(li.select_one(".cs-timeline__when"))
        if when.startswith("rond"):
            assert day.weekday() < 5 and day not in dutch, f"{slug}: {when} is not a working day"
        else:
            assert day in (fm.get("process_dates") or {}).values()
    reply = dt.date.fromisoformat(page.select_one("[data-cs-reply]")["data-cs-reply"])
    assert days[0] <= reply < days[1], f"{slug}: reply {reply}, steps {days[:2]}"


def test_hiring_page_durations_all_come_from_the_computation(example: Build) -> None:
    page = example.html("solliciteren/index.html")
    main = text(page.select_one("article"))
    computed = {text(li) for li in page.select(".cs-promises li") if "tot een aanbod" in text(li)}
    assert len(computed) == len(content.processes())
    durations = re.findall(r"(?:ongeveer|in) (\w+(?: tot \w+)?) weken", main)
    stated = {d for c in computed for d in re.findall(r"ongeveer (\w+) weken", c)}
    assert set(durations) <= stated, f"prose names {durations}, the computation {stated}"


def test_make_serve_watches_the_templates_the_readme_says_it_does() -> None:
    """`mkdocs serve` watches the theme's folder only with --watch-theme; the config names it."""
    from mkdocs.config import load_config

    config = load_config(str(content.ROOT / "mkdocs.yml"))
    watched = {Path(p).resolve() for p in config.watch}
    assert (content.ROOT / "overrides").resolve() in watched
    assert {(content.ROOT / name).resolve() for name in ("vacancies", "stories", "hooks")} <= watched


def test_a_step_named_after_its_kind_is_announced_without_repeating_itself(example: Build) -> None:
    """'Bij deze procedure hoort een assessment: Assessment.' read as a template left unfilled."""
    for path in ("vacatures/ciso/index.html", "solliciteren/index.html"):
        page = example.html(path)
        text = " ".join(page.get_text(" ").split())
        assert "assessment: Assessment" not in text, path
        names = [p.get_text(" ", strip=True) for p in page.select(".cs-timeline__name")]
        assert "Assessment" in names, (path, names)  # the step itself, without a badge saying it again
        assert "Referenties en VOG Screening" in names, (path, names)  # a badge where it adds something
    text = " ".join(example.html("vacatures/ciso/index.html").get_text(" ").split())
    assert "Bij deze procedure hoort een assessment." in text
    assert "Bij deze procedure hoort een screening: Referenties en VOG." in text


def test_page_titles_name_the_page_then_the_site_and_the_home_page_once(example: Build) -> None:
    """Issue 29: the home page's title said the site's name twice."""
    site = "Werken bij Gemeente Lindewaard"
    assert example.html("index.html").title.get_text() == site
    assert example.html("vacatures/index.html").title.get_text() == f"Vacatures - {site}"
    ciso = example.html("vacatures/ciso/index.html").title.get_text()
    assert ciso == f"Chief Information Security Officer (CISO) - {site}"


def test_a_vacancy_says_its_number_and_when_it_was_posted_on_screen_and_on_paper(
    example: Build, site_copy: Path
) -> None:
    """Issue 29: every vacancy page, and its print, gives the vacancy number (the organisation's own
    `reference`, else the id) and the day it was posted, beside the apply button."""
    page = example.html("vacatures/ciso/index.html")
    glance = overview(page)
    posted = OPEN["ciso"]["published"]
    assert glance["Vacaturenummer"] == "ciso" and glance["Geplaatst op"].endswith(str(posted.year))
    # a closed vacancy has no overview: the line under its title says them
    meta = example.html("vacatures/jurist-omgevingsrecht/index.html").select_one(".cs-meta").get_text()
    assert meta.startswith("Vacaturenummer: jurist-omgevingsrecht · Geplaatst op ")
    # on paper: the number beside the closing day; the posted day in the history's one line
    assert "Vacaturenummer: ciso" in page.select_one(".cs-print-apply").get_text()
    assert page.select_one(".cs-history p").get_text().startswith("Geplaatst op ")
    edit(site_copy / "vacancies/ciso.md", "\n---\n", "\nreference: 2026-0142\n---\n")
    built = run_build(site_copy)
    assert built.returncode == 0, built.output
    page = built.html("vacatures/ciso/index.html")
    assert overview(page)["Vacaturenummer"] == "2026-0142"
    posting = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert posting["identifier"]["value"] == "2026-0142"


def test_a_number_stays_on_the_line_of_its_unit(example: Build) -> None:
    """Issue 29: 'uur' stood alone on a line under the salary on a phone."""
    page = example.html("vacatures/ciso/index.html")
    facts = {d.find_previous("dt").get_text(): d.get_text() for d in page.select(".cs-facts dd")}
    assert facts["Salaris"].endswith("bij 36\xa0uur") and facts["Uren per week"] == "36\xa0uur per week"
    assert "36\xa0uur" in page.select_one(".cs-pay").get_text()


def test_job_alerts_offer_each_feed_to_copy_what_it_holds_and_an_e_mail_signup(example: Build) -> None:
    """Issue 29: each alert has its feed's address in a field (a button copies it), what the feed
    holds now as links to the vacancies, and, with the setting `newsletter`, a plain signup form for
    the lists the site names (here: all vacancies, and Informatie en ICT) and no other."""
    page = example.html("vacaturemelding/index.html")
    items = page.select("li.cs-alerts__item")
    assert [text(i.select_one("h2")) for i in items][:2] == [
        "Alle nieuwe vacatures",
        "Nieuwe vacatures bij Bedrijfsvoering",
    ]
    for item in items:
        field = item.select_one("input.cs-alerts__field[readonly]")
        feed = field["value"].removeprefix("https://werkenbij.lindewaard.example/")
        button = item.select_one(f'button[data-cs-copy="{field["id"]}"]')
        assert (example.site / feed).is_file() and button is not None
        # each button says which alert it copies, and what it did is said aloud (a status region)
        assert item.select_one(f"h2#{button['aria-describedby']}") is not None
        assert item.select_one('[role="status"]') is not None and button["data-failed"].startswith(
            "Kopiëren lukte niet"
        )
        assert item["id"] == "feed-" + feed.rsplit("/", 1)[-1].removesuffix(".xml")
        listed = {a["href"].strip("/").split("/")[-1] for a in item.select(".cs-alerts__list a")}
        heading = text(item.select_one("h2"))
        wanted = {
            s for s, fm in OPEN.items() if heading == "Alle nieuwe vacatures" or heading.endswith(fm["department"])
        }
        assert listed == wanted and text(item.select_one("summary")).endswith(
            f"{len(wanted)} vacature" + ("s" * (len(wanted) != 1))
        )
    forms = {text(i.select_one("h2")): i.select_one("form.cs-alerts__signup") for i in items}
    signed = {name for name, form in forms.items() if form is not None}
    assert signed == {"Alle nieuwe vacatures", "Nieuwe vacatures bij Informatie en ICT"}
    form = forms["Nieuwe vacatures bij Informatie en ICT"]
    assert form["action"] == "https://nieuwsbrief.lindewaard.example/subscription/form" and form["method"] == "post"
    assert form.select_one('input[type="hidden"][name="l"]')["value"] == "8b2e4f90-6a1d-4c3b-b7e5-91d0a4c6f2e8"
    email = form.select_one('input[type="email"]')
    assert email["name"] == "email" and email.has_attr("required") and form.select_one(f'label[for="{email["id"]}"]')
    # a closed vacancy sends its readers to these alerts, not to a feed's raw XML
    closed = example.html("vacatures/jurist-omgevingsrecht/index.html")
    links = [a["href"] for a in closed.select("#cs-alerts ~ ul a")]
    assert links and all(".xml" not in href for href in links) and "../../vacaturemelding/#feed-vacancies" in links


def test_a_newsletter_list_for_no_department_is_a_warning(site_copy: Path) -> None:
    from test_author_errors import run_check

    edit(site_copy / "mkdocs.yml", "        Informatie en ICT: {address", "        Informatie & ICT: {address")
    result = run_check(site_copy)
    assert result.returncode == 0, result.stderr
    assert "newsletter.forms.Informatie & ICT: 'Informatie & ICT' is geen afdeling van de site" in result.stderr
    assert "schrijf all of een van: Bedrijfsvoering, Dienstverlening, Informatie en ICT" in result.stderr
