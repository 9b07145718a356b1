"""The content calendar: the team's page and calendar.ics (parsed back as a calendar app reads it),
and the warnings that keep posting regular."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
import rfc5545
from bs4 import BeautifulSoup
from careersite.config import load
from careersite.pages.views import calendar_view
from conftest import TODAY, Build, edit, run_build
from icalendar import Calendar
from test_author_errors import line_of, run_check
from test_warnings import add, warned

PINNED = dt.date.fromisoformat(TODAY)


def parsed(build: Build) -> Calendar:
    return Calendar.from_ical((build.site / "calendar.ics").read_bytes())


def events(calendar: Calendar) -> dict[str, dict[str, object]]:
    """Every event by UID, with its summary, day, end and link."""
    found = {}
    for event in calendar.walk("VEVENT"):
        uid = str(event["UID"])
        assert uid not in found, f"two events share the UID {uid}"
        found[uid] = {
            "summary": str(event["SUMMARY"]),
            "start": event.decoded("DTSTART"),
            "end": event.decoded("DTEND"),
            "url": str(event.get("URL", "")),
        }
    return found


def test_calendar_ics_lists_the_days_that_matter_as_all_day_events(example: Build) -> None:
    calendar = parsed(example)
    assert str(calendar["X-WR-CALNAME"]) == "Contentkalender Gemeente Lindewaard"
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Amsterdam"
    found = events(calendar)
    for event in found.values():
        # all-day: a date, not a time, and one day long; never before the last 30 days
        assert type(event["start"]) is dt.date and event["end"] == event["start"] + dt.timedelta(days=1)
        assert event["start"] >= PINNED - dt.timedelta(days=30)
    host = "@werkenbij.lindewaard.example"
    ciso = found[f"vacancy-ciso-closes{host}"]
    assert ciso["summary"] == "Vacature sluit: Chief Information Security Officer (CISO)"
    assert ciso["start"] == dt.date(2026, 12, 11)
    assert ciso["url"] == "https://werkenbij.lindewaard.example/vacatures/ciso/"
    interview = found[f"vacancy-beleidsadviseur-wonen-step-gesprek1{host}"]
    assert interview["summary"] == "Eerste gesprek: Beleidsadviseur Wonen"
    assert interview["start"] == dt.date(2026, 12, 17)
    post = found[f"vacancy-medewerker-salarisadministratie-post-linkedin{host}"]
    assert post["summary"] == "Bericht op LinkedIn: Medewerker Salarisadministratie"
    assert post["start"] == dt.date(2026, 11, 27)
    assert found[f"vacancy-medewerker-salarisadministratie-live{host}"]["start"] == dt.date(2026, 11, 27)
    # a filled vacancy closed when it was filled: no closing day or interviews to come
    assert not [uid for uid in found if uid.startswith("vacancy-jurist-omgevingsrecht-") and "closes" in uid]


def test_a_vacancy_that_is_not_yet_online_stays_off_the_published_calendar(example: Build) -> None:
    text = (example.site / "calendar.ics").read_text(encoding="utf-8")
    page = example.html("kalender/index.html").get_text()
    for shown in (text, page):
        assert "Vakantiemedewerker" not in shown and "vakantiemedewerker" not in shown
    assert "voorbeeldweergave (make serve)" in page


def test_the_preview_and_show_planned_put_planned_items_on_the_calendar(site_copy: Path) -> None:
    site = load(site_copy / "mkdocs.yml", {"CAREERSITE_TODAY": TODAY})
    planned = calendar_view(site, team=True)
    live = next(e for e in planned.events if e.uid == "vacancy-vakantiemedewerker-buitendienst-live")
    assert live.planned and live.url == "" and live.day == dt.date(2027, 3, 8)
    assert not any(e.uid.startswith("vacancy-vakantiemedewerker") for e in calendar_view(site, team=False).events)

    edit(
        site_copy / "mkdocs.yml",
        "    closing_soon_days: 7\n",
        "    closing_soon_days: 7\n    calendar: {show_planned: true}\n",
    )
    build = run_build(site_copy)
    assert build.returncode == 0, build.output
    summaries = [e["summary"] for e in events(parsed(build)).values()]
    assert "Vacature online: Vakantiemedewerker Buitendienst (zomer 2027)" in summaries
    item = next(li for li in build.html("kalender/index.html").select(".cs-calendar__entry") if "Vakantie" in li.text)
    assert "nog niet online" in item.text and item.find("a") is None  # no link to a page that does not exist yet


def test_the_calendar_page_shows_what_comes_first_and_is_for_the_team_only(example: Build) -> None:
    page = example.html("kalender/index.html")
    upcoming = page.select("ol.cs-calendar")[0]
    days = [dt.date.fromisoformat(t["datetime"]) for t in upcoming.select("h2 time")]
    assert days == sorted(days) and days[0] >= PINNED
    first = upcoming.select_one("li.cs-calendar__day")
    assert first.select_one("time")["datetime"] == "2026-12-02"
    entries = [
        (e.select_one(".cs-calendar__label").text, e.find("a").text) for e in first.select(".cs-calendar__entry")
    ]
    assert entries == [("sluit", "Klantcontactmedewerker")]
    assert first.find("a")["href"].endswith("vacatures/klantcontactmedewerker-kcc/")
    past = page.select_one("details.cs-calendar__past")
    assert past is not None and "Afgelopen 30 dagen" in past.summary.text
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert page.select_one('a[href$="calendar.ics"]') is not None
    assert "kalender" not in (example.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "kalender/" not in (example.site / "search/search_index.json").read_text(encoding="utf-8")
    # not in the navigation or the footer for candidates; linked from the team's staff page
    home = example.html("index.html")
    assert not [a for a in home.select(".md-tabs a, .md-nav a, footer a") if "kalender" in a.get("href", "")]
    staff = BeautifulSoup((example.site / "delen" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [a.text for a in staff.select("a") if a["href"] == "../kalender/"] == ["Contentkalender"]


def test_an_event_keeps_its_uid_when_its_date_moves(site_copy: Path) -> None:
    first = run_build(site_copy)
    before = events(parsed(first))
    edit(site_copy / "vacancies/ciso.md", "closes: 2026-12-11", "closes: 2026-12-18")
    second = run_build(site_copy)
    assert first.returncode == second.returncode == 0, second.output
    uid = "vacancy-ciso-closes@werkenbij.lindewaard.example"
    after = events(parsed(second))
    assert (before[uid]["start"], after[uid]["start"]) == (dt.date(2026, 12, 11), dt.date(2026, 12, 18))
    assert set(before) == set(after)


def test_a_story_whose_consent_ends_within_60_days_is_on_the_calendar(site_copy: Path) -> None:
    story = site_copy / "stories/wei-chen.md"
    text = story.read_text(encoding="utf-8")
    consent = next(line for line in text.splitlines() if line.startswith("consent_until:"))
    edit(story, consent, "consent_until: 2027-01-15")
    site = load(site_copy / "mkdocs.yml", {"CAREERSITE_TODAY": TODAY})
    ends = [e for e in calendar_view(site, team=True).events if e.kind == "consent_ends"]
    assert [(e.day, e.subject) for e in ends] == [(dt.date(2027, 1, 15), "Wei Chen")]
    # when an employee's consent ends is the team's business: not on the published calendar
    assert not [e for e in calendar_view(site, team=False).events if e.kind == "consent_ends"]
    later = load(site_copy / "mkdocs.yml", {"CAREERSITE_TODAY": "2026-10-01"})  # 106 days before: not yet
    assert not [e for e in calendar_view(later, team=True).events if e.kind == "consent_ends"]


def test_a_channel_left_quiet_or_crowded_is_a_warning_naming_where_to_plan(site_copy: Path) -> None:
    config = site_copy / "mkdocs.yml"
    # LinkedIn: nothing after 30 November until 10 January, 40 days against its 14
    add(site_copy, "jurist-januari", published="2027-01-10", closes="2027-02-10", channels="[linkedin]")
    # Facebook: three items on 4 December
    one = add(
        site_copy, "jurist-a", title="Jurist A", published="2026-12-04", closes="2027-02-10", channels="[facebook]"
    )
    add(site_copy, "jurist-b", title="Jurist B", published="2026-12-04", closes="2027-02-10", channels="[facebook]")
    add(site_copy, "jurist-c", title="Jurist C", published="2026-12-04", closes="2027-02-10", channels="[facebook]")
    edit(config, "      x: {name: X, quiet_days: 30}", "      x: {name: X}\n      tiktok: {name: TikTok}")
    # X: its last post, on 30 November, goes; before it, 11 November, 20 days ago
    edit(
        site_copy / "vacancies/stage-communicatie.md",
        "channels: [instagram, linkedin, x]",
        "channels: [instagram, linkedin]",
    )
    check = run_check(site_copy)
    assert check.returncode == 0, check.stderr
    channels = "extra.careersite.channels"
    assert warned(
        check.stderr,
        "mkdocs.yml",
        line_of(config, "linkedin: {name"),
        f"{channels}.linkedin",
        "LinkedIn krijgt niets tussen 30 november 2026 en 10 januari 2027 (40 dagen zonder bericht, meer dan 14)",
    ), check.stderr
    assert warned(
        check.stderr,
        "mkdocs.yml",
        line_of(config, "x: {name"),
        f"{channels}.x",
        "X heeft sinds 11 november 2026 niets meer gekregen en er staat niets gepland",
    ), check.stderr
    assert warned(
        check.stderr, "mkdocs.yml", line_of(config, "tiktok:"), f"{channels}.tiktok", "geen enkele vacature of verhaal"
    )
    crowded = [line for line in check.stderr.splitlines() if "Facebook krijgt op 4 december 2026 ook" in line]
    assert len(crowded) == 2, check.stderr  # the first of the day is fine; the other two are told to move
    assert not any("jurist-a.md" in line for line in crowded)
    assert warned(check.stderr, "vacancies/jurist-b.md", line_of(one, "published:"), "published", "'Jurist A'")
    assert "jurist-januari" not in check.stderr  # the late one ends the gap; it is not at fault
    # The build says the same. The published calendar page shows none of it: the warnings name
    # vacancies that are not online yet. The team's view (show_planned, or make serve) shows them.
    build = run_build(site_copy)
    assert build.returncode == 0, build.output
    assert "LinkedIn krijgt niets tussen 30 november 2026 en 10 januari 2027" in build.output
    page = build.html("kalender/index.html")
    assert page.select_one(".admonition.warning") is None
    assert "Jurist" not in page.get_text()
    edit(config, "    closing_soon_days: 7\n", "    closing_soon_days: 7\n    calendar: {show_planned: true}\n")
    team = run_build(site_copy)
    shown = team.html("kalender/index.html").select_one(".admonition.warning").get_text()
    assert "LinkedIn krijgt niets tussen 30 november 2026 en 10 januari 2027" in shown and "'Jurist A'" in shown


def test_a_gap_ahead_is_warned_about_before_it_starts_and_a_filled_vacancy_was_still_posted(site_copy: Path) -> None:
    # LinkedIn is planned on 3 December and 20 February: 78 days without a post in between.
    add(site_copy, "jurist-december", published="2026-12-03", closes="2027-03-10", channels="[linkedin]")
    add(site_copy, "jurist-februari", published="2027-02-20", closes="2027-03-10", channels="[linkedin]")
    # The last LinkedIn item before today (30 November) is filled since: it was posted all the same.
    edit(site_copy / "vacancies/stage-communicatie.md", "process: ", "status: filled\nprocess: ")
    check = run_check(site_copy)
    assert check.returncode == 0, check.stderr
    gaps = [line for line in check.stderr.splitlines() if "channels.linkedin" in line]
    assert len(gaps) == 1, check.stderr
    assert "tussen 3 december 2026 en 20 februari 2027 (78 dagen zonder bericht, meer dan 14)" in gaps[0]


def test_a_gap_of_exactly_quiet_days_is_no_warning(site_copy: Path) -> None:
    # 30 November, then 15 December: 14 days without a post, as many as LinkedIn may have.
    add(site_copy, "jurist-december", published="2026-12-15", closes="2027-01-20", channels="[linkedin]")
    assert "channels.linkedin" not in run_check(site_copy).stderr
    edit(site_copy / "vacancies/jurist-december.md", "published: 2026-12-15", "published: 2026-12-16")
    assert "(15 dagen zonder bericht, meer dan 14)" in run_check(site_copy).stderr


@pytest.mark.parametrize(
    ("setting", "field", "words"),
    [
        ("calendar: 14", "extra.careersite.calendar", "blok met quiet_days"),
        ("calendar: {quiet_days: 0}", "extra.careersite.calendar.quiet_days", "1"),
        ("calendar: {posts_per_day: twee}", "extra.careersite.calendar.posts_per_day", "twee"),
        ("calendar: {show_planned: ja}", "extra.careersite.calendar.show_planned", "ja"),
        ("calendar: {quiet_day: 7}", "extra.careersite.calendar.quiet_day", "quiet_days"),
    ],
)
def test_a_wrong_calendar_setting_is_an_error_at_its_line(
    site_copy: Path, setting: str, field: str, words: str
) -> None:
    config = site_copy / "mkdocs.yml"
    edit(config, "    closing_soon_days: 7\n", f"    closing_soon_days: 7\n    {setting}\n")
    check = run_check(site_copy)
    assert check.returncode == 1
    line = line_of(config, setting)
    assert any(f"mkdocs.yml:{line}: {field}: " in e and words in e for e in check.stderr.splitlines()), check.stderr


def test_a_wrong_quiet_days_of_a_channel_is_an_error_at_its_line(site_copy: Path) -> None:
    config = site_copy / "mkdocs.yml"
    edit(config, "x: {name: X, quiet_days: 30}", "x: {name: X, quiet_days: -3}")
    check = run_check(site_copy)
    assert check.returncode == 1
    line = line_of(config, "quiet_days: -3")
    assert f"mkdocs.yml:{line}: extra.careersite.channels.x.quiet_days: " in check.stderr, check.stderr


def test_kept_events_give_the_bytes_of_a_whole_rendering_and_an_edit_renders_only_its_own(site_copy: Path) -> None:
    from careersite.outputs import ical

    site = load(site_copy / "mkdocs.yml", {"CAREERSITE_TODAY": TODAY})
    found = list(calendar_view(site, team=True).events)
    whole = ical.frame(site.settings, site.t, site.today.year)
    stamp = dt.datetime.combine(site.today, dt.time(), tzinfo=dt.UTC)
    for event in found:
        whole.add_component(Calendar.from_ical(ical.vevent(ical.fields(event, site.settings, site.t, stamp))))
    kept = site_copy / ".cache/calendar-events.pickle"
    first = ical.EventCache(kept)
    spliced = ical.render(found, site.settings, site.t, site.today, first)
    assert spliced == whole.to_ical() and first.rendered == len(found)

    edit(site_copy / "vacancies/ciso.md", "closes: 2026-12-11", "closes: 2026-12-18")
    edited = load(site_copy / "mkdocs.yml", {"CAREERSITE_TODAY": TODAY})
    again = ical.EventCache(kept)
    ical.render(list(calendar_view(edited, team=True).events), edited.settings, edited.t, edited.today, again)
    assert again.rendered == 1  # the closing day of CISO
    assert not again.frame_rendered  # the calendar's own lines were kept too

    # The kept frame follows the site: another name is written, not the kept one.
    renamed = dataclasses.replace(edited.settings, organisation="Gemeente Noordveen")
    named = ical.EventCache(kept)
    text = ical.render(list(calendar_view(edited, team=True).events), renamed, edited.t, edited.today, named)
    assert (
        named.frame_rendered and b"Gemeente Noordveen" in text and b"Lindewaard" not in text.split(b"BEGIN:VEVENT")[0]
    )

    # The next day every event has another stamp, and the kept ones are used all the same: only the
    # events whose own values changed overnight are rendered, and the bytes are those of a whole rendering.
    next_day = (dt.date.fromisoformat(TODAY) + dt.timedelta(days=1)).isoformat()
    later = load(site_copy / "mkdocs.yml", {"CAREERSITE_TODAY": next_day})
    later_events = list(calendar_view(later, team=True).events)
    later_stamp = dt.datetime.combine(later.today, dt.time(), tzinfo=dt.UTC)
    later_fields = [ical.fields(event, later.settings, later.t, later_stamp) for event in later_events]
    whole_later = ical.frame(later.settings, later.t, later.today.year)
    for written in later_fields:
        whole_later.add_component(Calendar.from_ical(ical.vevent(written)))
    kept_events = calendar_view(edited, team=True).events  # those the cache holds now
    before = {(uid, *rest) for uid, _, *rest in (ical.fields(e, edited.settings, edited.t, stamp) for e in kept_events)}
    changed = [written for written in later_fields if (written[0], *written[2:]) not in before]
    overnight = ical.EventCache(kept)
    text = ical.render(later_events, later.settings, later.t, later.today, overnight)
    assert text == whole_later.to_ical() and text.count(b"DTSTAMP:" + next_day.replace("-", "").encode()) == len(
        later_events
    )
    assert overnight.rendered == len(changed) < len(later_events) // 2

    kept.write_bytes(b"\x80\x04 damaged")
    damaged = ical.EventCache(kept)
    assert ical.render(found, site.settings, site.t, site.today, damaged) == spliced
    assert damaged.rendered == len(found)


def test_calendar_ics_is_valid_rfc_5545(example: Build) -> None:
    assert rfc5545.problems((example.site / "calendar.ics").read_bytes()) == []


def test_an_empty_calendar_and_any_organisation_name_are_valid_rfc_5545(site_copy: Path) -> None:
    """With no event the calendar held no component (invalid), and X-WR-CALNAME and X-WR-CALDESC were
    written unescaped."""
    from careersite.outputs import ical

    site = load(site_copy / "mkdocs.yml", {"CAREERSITE_TODAY": TODAY})
    name = 'Gemeente A, B; C\\D "E" – Øst'
    settings = dataclasses.replace(site.settings, organisation=name)
    empty = ical.render([], settings, site.t, site.today)
    assert rfc5545.problems(empty) == []
    parsed = Calendar.from_ical(empty)
    unfolded = empty.decode().replace("\r\n ", "")
    calendar_name = site.t("calendar.name", organisation=name)
    escaped = calendar_name.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    assert f"\r\nX-WR-CALNAME:{escaped}\r\n" in unfolded
    assert [c.name for c in parsed.subcomponents] == ["VTIMEZONE"]
    events = list(calendar_view(site, team=True).events)
    full = ical.render(events, settings, site.t, site.today)
    assert rfc5545.problems(full) == []
    assert len(Calendar.from_ical(full).walk("VEVENT")) == len(events)


def test_every_wrong_calendar_setting_is_reported_at_once(site_copy: Path) -> None:
    """Of three wrong calendar settings, one was reported."""
    config = site_copy / "mkdocs.yml"
    block = "calendar:\n      quiet_days: 0\n      posts_per_day: twee\n      show_planned: ja\n      quiet_day: 7"
    edit(config, "    default_channels:", f"    {block}\n    default_channels:")
    check = run_check(site_copy)
    assert check.returncode == 1
    for setting, words in (
        ("quiet_days: 0", "1"),
        ("posts_per_day: twee", "twee"),
        ("show_planned: ja", "ja"),
        ("quiet_day: 7", "quiet_days"),
    ):
        field = "extra.careersite.calendar." + setting.split(":")[0]
        line = line_of(config, setting)
        assert any(f"mkdocs.yml:{line}: {field}: " in e and words in e for e in check.stderr.splitlines()), (
            setting,
            check.stderr,
        )


def test_the_team_subscribes_to_a_planning_calendar_at_an_address_only_it_knows(site_copy: Path) -> None:
    """calendar.ics leaves out what is planned (it is public), so planning worked only inside
    make serve. With a token from the deploy's secrets, the build also writes the team's calendar,
    planned items and consent endings included, at calendar-<token>.ics, linked from nowhere."""
    token = "q7Vh3-PzK_2mW9xT4rB8nL6cY1sD5fG0"
    build = run_build(site_copy, CAREERSITE_CALENDAR_TOKEN=token)
    assert build.returncode == 0, build.output
    team = (build.site / f"calendar-{token}.ics").read_bytes()
    public = (build.site / "calendar.ics").read_bytes()
    assert rfc5545.problems(team) == []
    assert b"Vakantiemedewerker" in team and b"Vakantiemedewerker" not in public  # online in 2027
    assert b"X-WR-CALNAME:Planning Gemeente Lindewaard (team)" in team
    assert len(Calendar.from_ical(team).walk("VEVENT")) > len(Calendar.from_ical(public).walk("VEVENT"))
    # Never linked, listed or searchable.
    for path in build.site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt"):
            assert token not in path.read_text(encoding="utf-8", errors="replace"), path
    # Without a token there is none; a guessable one stops the build with what to do.
    assert not list(run_build(site_copy).site.glob("calendar-*.ics"))
    short = run_build(site_copy, CAREERSITE_CALENDAR_TOKEN="team")
    assert short.returncode != 0 and "CAREERSITE_CALENDAR_TOKEN moet minstens 24" in short.output
    assert "Traceback" not in short.output


def test_kept_events_without_a_frame_are_read_back(tmp_path: Path) -> None:
    """The closing-date files keep their events without a calendar frame of the cache's own: the
    next build takes them from the cache (it read a cache without a frame as damaged and rendered
    all of them again, each build)."""
    from careersite.outputs.ical import EventCache

    event = (
        "closes-ciso@werkenbij.lindewaard.example",
        dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
        dt.date(2026, 12, 11),
        "Laatste dag om te solliciteren: CISO",
        "Sluitingsdatum",
        "https://werkenbij.lindewaard.example/vacatures/ciso/",
        "Solliciteren kan tot het einde van deze dag",
    )
    first = EventCache(tmp_path / "events.pickle")
    written = first.element(event)
    first.save([event])
    again = EventCache(tmp_path / "events.pickle")
    assert again.element(event) == written and again.rendered == 0 and first.rendered == 1
