"""`make report` (issue 27): page views per channel from web-server logs, counted by the README's
rules, written as report/pageviews.csv and report/index.html; hostile logs are counted, never a
traceback; nothing about a visitor is written anywhere."""

from __future__ import annotations

import csv
import gzip
import io
import sys
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import TODAY, Build, careersite

PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148"
DESKTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
HOST = "https://werkenbij.lindewaard.example"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))


def line(
    path: str,
    referrer: str = "-",
    agent: str = PHONE,
    status: int = 200,
    method: str = "GET",
    when: str = "24/Nov/2026:10:15:00 +0100",
    ip: str = "198.51.100.23",
) -> str:
    return f'{ip} - - [{when}] "{method} {path} HTTP/1.1" {status} 5120 "{referrer}" "{agent}"\n'


# Each line with the row it must count as (date, page, channel), or None when it is no page view.
CASES = [
    (line("/vacatures/ciso/", "https://www.linkedin.com/feed/"), ("2026-11-24", "/vacatures/ciso/", "linkedin")),
    (line("/vacatures/ciso/", "https://lnkd.in/e3xYz"), ("2026-11-24", "/vacatures/ciso/", "linkedin")),
    (
        line("/vacatures/ciso/?utm_source=facebook&utm_medium=social", status=304),
        ("2026-11-24", "/vacatures/ciso/", "facebook"),
    ),
    (
        line("/vacatures/ciso/?utm_source=LinkedIn", "https://l.facebook.com/"),
        ("2026-11-24", "/vacatures/ciso/", "linkedin"),
    ),
    (
        line("/vacatures/ciso/index.html", "https://m.facebook.com/story"),
        ("2026-11-24", "/vacatures/ciso/", "facebook"),
    ),
    (line("/vacatures/", "https://l.instagram.com/?u=x"), ("2026-11-24", "/vacatures/", "instagram")),
    (line("/vacatures/", "https://t.co/AbC"), ("2026-11-24", "/vacatures/", "x")),
    (line("/", "https://www.google.co.uk/"), ("2026-11-24", "/", "search")),
    (line("/", "https://duckduckgo.com/"), ("2026-11-24", "/", "search")),
    (line("/", "https://www.ecosia.org/search?q=vacature"), ("2026-11-24", "/", "search")),
    (line("/salaris/", f"{HOST}/vacatures/ciso/"), ("2026-11-24", "/salaris/", "internal")),
    (line("/salaris/", "https://nieuws.lindewaard-dagblad.example/"), ("2026-11-24", "/salaris/", "other")),
    (line("/salaris/?utm_source=nieuwsbrief"), ("2026-11-24", "/salaris/", "direct")),  # no channel of the site
    # A colleague's share counts as its own channel, whichever network carried it.
    (
        line("/vacatures/ciso/?utm_source=linkedin&utm_medium=ambassador&utm_campaign=ciso", "https://lnkd.in/q"),
        ("2026-11-24", "/vacatures/ciso/", "ambassador"),
    ),
    # A job board that carries the vacancies through feeds/indeed.xml: by its tag, or its host.
    (
        line("/vacatures/ciso/?utm_source=indeed&utm_medium=jobboard", "https://nl.indeed.com/"),
        ("2026-11-24", "/vacatures/ciso/", "indeed"),
    ),
    (line("/vacatures/ciso/", "https://no.indeed.com/viewjob?jk=1"), ("2026-11-24", "/vacatures/ciso/", "indeed")),
    # What a review found (each was counted wrongly or ended in a traceback):
    (line("/vacatures/ciso/", "http://[::1/"), ("2026-11-24", "/vacatures/ciso/", "other")),  # no browser's
    (line("//[x/vacatures/"), None),
    (line("//vacatures/ciso/"), ("2026-11-24", "/vacatures/ciso/", "direct")),  # served as the page
    (line("http://evil.example/"), None),  # the absolute form: not this site's page
    (line("/", "https://mail.google.com/mail/u/0/"), ("2026-11-24", "/", "other")),  # no search engine
    (line("/", "https://ask.fm/q"), ("2026-11-24", "/", "other")),
    (line("/", "https://www.werkenbij.lindewaard.example/"), ("2026-11-24", "/", "internal")),
    (line("/", "https://nieuws.werkenbij.lindewaard.example/"), ("2026-11-24", "/", "other")),  # another host
    ('198.51.100.23 - - [24/Nov/2026:10:15:00 +0100] "" 400 0 "-" "-"\n', None),  # a log line, no page view
    # Late on 30 November in UTC is 1 December in Lindewaard.
    (line("/", when="30/Nov/2026:23:30:00 +0000", agent=DESKTOP), ("2026-12-01", "/", "direct")),
    # Not page views: other methods and answers, assets, feeds, the editor, addresses the site does
    # not have, pages that only send readers on, and crawlers.
    (line("/vacatures/ciso/", method="HEAD"), None),
    (line("/vacatures/ciso/", method="POST"), None),
    (line("/vacatures/bestaat-niet/", status=404), None),
    (line("/vacatures/ciso", status=301), None),
    (line("/assets/careersite/careersite.css"), None),
    (line("/feeds/vacatures.xml"), None),
    (line("/admin/"), None),
    (line("/wp-login.php"), None),
    (line("/vacancies/"), None),  # an earlier address: a page that sends readers on
    (line("/vacatures/ciso/", agent="Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"), None),
    (line("/vacatures/ciso/", agent="facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"), None),
    (
        line(
            "/vacatures/ciso/",
            agent="LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
        ),
        None,
    ),
    (line("/vacatures/ciso/", agent="Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"), None),
    (line("/vacatures/ciso/", agent="Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)"), None),
    (line("/vacatures/ciso/", agent="-"), None),
]
BOTS = 6


def rows(folder: Path) -> list[tuple[str, str, str, int]]:
    with (folder / "pageviews.csv").open(encoding="utf-8") as f:
        reader = csv.reader(f)
        assert next(reader) == ["date", "path", "channel", "pageviews"]
        return [(d, p, c, int(n)) for d, p, c, n in reader]


def report(example: Build, tmp_path: Path, *logs: Path) -> tuple[int, str, str, Path]:
    """`make report` as the command line runs it: exit code, stdout, stderr, the report's folder."""
    out = tmp_path / "report"
    result = careersite(example.folder, "report", *map(str, logs), "--out", str(out))
    return result.returncode, result.stdout, result.stderr, out


@pytest.fixture(scope="module")
def lindewaard(example: Build) -> Any:
    """The example as the report reads it (loaded once: most tests call the report in-process)."""
    from careersite.config import load

    return load(example.folder / "mkdocs.yml", {"CAREERSITE_TODAY": TODAY})


def quick(example: Build, site: Any, tmp_path: Path, *logs: Path) -> tuple[int, str, str, Path]:
    """The report in this process, with what the command line would print."""
    from careersite.report import ReportError, run

    out = tmp_path / "report"
    try:
        return 0, run(site, example.site, list(logs), out, progress=False) + "\n", "", out
    except ReportError as error:
        return 2, "", str(error), out


def test_page_views_are_counted_by_the_readme_s_rules(example: Build, tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text("".join(text for text, _ in CASES), encoding="utf-8")
    code, out, err, folder = report(example, tmp_path, log)
    assert code == 0, err
    expected: dict[tuple[str, str, str], int] = {}
    for _, row in CASES:
        if row:
            expected[row] = expected.get(row, 0) + 1
    assert rows(folder) == sorted((d, p, c, n) for (d, p, c), n in expected.items())
    views = sum(expected.values())
    assert f"Gelezen regels: {len(CASES)}; paginaweergaven geteld: {views};" in out
    assert f"onleesbare regels overgeslagen: 0; bots weggelaten: {BOTS}." in out
    # Counts only: no address or user agent of a visitor in anything written.
    written = (folder / "pageviews.csv").read_text() + (folder / "index.html").read_text()
    assert "198.51.100.23" not in written and "iPhone" not in written and "Googlebot" not in written


def test_logs_in_any_order_plain_and_compressed_give_the_same_counts(
    example: Build, lindewaard: Any, tmp_path: Path
) -> None:
    texts = [text for text, _ in CASES]
    whole = tmp_path / "whole.log"
    whole.write_text("".join(texts), encoding="utf-8")
    _, _, _, one = quick(example, lindewaard, tmp_path / "one", whole)
    first, second = tmp_path / "access.log.2.gz", tmp_path / "access.log.1"
    with gzip.open(first, "wt", encoding="utf-8") as f:
        f.write("".join(texts[::2]))
    second.write_text("".join(texts[1::2]), encoding="utf-8")
    code, _, err, two = quick(example, lindewaard, tmp_path / "two", second, first)
    assert code == 0, err
    assert rows(two) == rows(one)


def test_the_report_page_shows_the_numbers_in_tables_and_loads_nothing(
    example: Build, lindewaard: Any, tmp_path: Path
) -> None:
    log = tmp_path / "access.log"
    weeks = ["03/Nov/2026", "10/Nov/2026", "17/Nov/2026", "24/Nov/2026"]
    log.write_text(
        "".join(
            line("/vacatures/ciso/", "https://www.linkedin.com/", when=f"{day}:09:00:00 +0100") * (i + 1)
            + line("/vacatures/beleidsadviseur-wonen/", when=f"{day}:11:00:00 +0100")
            for i, day in enumerate(weeks)
        ),
        encoding="utf-8",
    )
    code, _, err, folder = quick(example, lindewaard, tmp_path, log)
    assert code == 0, err
    page = BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.html["lang"] == "nl" and page.h1.get_text() == "Bereik per kanaal: Gemeente Lindewaard"
    assert page.select_one("svg[role=img][aria-label]") is not None  # the chart, described
    weekly = page.select("table")[0]
    head = [th.get_text() for th in weekly.select("thead th")]
    assert head[:2] == ["Week van", "LinkedIn"] and head[-1] == "Totaal"
    body = [[cell.get_text() for cell in tr.select("th, td")] for tr in weekly.select("tbody tr")]
    assert [r[1] for r in body] == ["1", "2", "3", "4"] and [r[-1] for r in body] == ["2", "3", "4", "5"]
    vacancies = page.select("table")[1]
    by_title = {tr.th.get_text(): [td.get_text() for td in tr.select("td")] for tr in vacancies.select("tbody tr")}
    assert by_title["Chief Information Security Officer (CISO)"][-1] == "10"
    assert by_title["Beleidsadviseur Wonen"][-1] == "4"
    # Facebook, Instagram and X brought nothing in the last 30 days: named as such.
    silent = [li.get_text() for li in page.select("h2 + ul li")]
    assert any(text.startswith("Facebook: geen paginaweergaven") for text in silent)
    assert not any(text.startswith("LinkedIn") for text in silent)
    # Self-contained: no script, stylesheet, image or font from anywhere.
    assert not page.select("script, link, img, iframe") and "http" not in str(page.select("style"))


@pytest.mark.parametrize(
    ("name", "content", "skipped"),
    [
        ("binary-junk", bytes(b for b in range(256) if b != 10) * 40 + b"\n", 1),
        ("ten-megabyte-line", b"x" * 10_000_000 + b"\n" + line("/").encode(), 1),
        ("impossible-date", line("/", when="31/Feb/2026:10:00:00 +0100").encode(), 1),
        ("json-log", b'{"time": "2026-11-24T10:00:00Z", "path": "/"}\n', 1),
        ("another-site", line("/producten/fietsen/").encode() * 3, 0),
        ("empty", b"", 0),
        ("year-one", line("/", when="01/Jan/0001:00:30:00 +0100").encode(), 1),
        ("year-9999", line("/", when="31/Dec/9999:23:30:00 -0100").encode(), 1),
        ("apache-escaped-quote", line("/", agent='Mozilla/5.0 \\"x\\" (compatible; Googlebot/2.1)').encode(), 1),
        ("no-line-break", b"y" * 200_000, 1),
    ],
)
def test_a_hostile_log_is_counted_never_a_traceback(
    example: Build, lindewaard: Any, tmp_path: Path, name: str, content: bytes, skipped: int
) -> None:
    log = tmp_path / f"{name}.log"
    log.write_bytes(content)
    code, out, err, folder = quick(example, lindewaard, tmp_path, log)
    assert code == 0 and "Traceback" not in err, err
    assert f"onleesbare regels overgeslagen: {skipped}" in out
    if skipped:
        assert f"(eerste: {log}:1)" in out
    assert (folder / "index.html").is_file()
    assert sum(n for *_, n in rows(folder)) == (1 if name == "ten-megabyte-line" else 0)


def test_a_compressed_log_cut_short_counts_what_was_read_and_says_so(
    example: Build, lindewaard: Any, tmp_path: Path
) -> None:
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb") as f:
        f.write(line("/vacatures/", "https://t.co/x").encode() * 2000)
    log = tmp_path / "access.log.gz"
    log.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    code, out, err, folder = quick(example, lindewaard, tmp_path, log)
    assert code == 0 and "Traceback" not in err, err
    assert f"{log}: het gecomprimeerde bestand houdt te vroeg op" in out
    read = sum(n for *_, n in rows(folder))
    assert 0 < read < 2000


def test_without_logs_or_a_built_site_the_report_says_what_to_do(example: Build, tmp_path: Path) -> None:
    code, _, err, _ = report(example, tmp_path)
    assert code == 2 and "make report LOGS=" in err
    code, _, err, _ = report(example, tmp_path, tmp_path / "bestaat-niet.log")
    assert code == 2 and "bestaat-niet.log: bestaat niet of is geen bestand" in err


def test_a_site_under_a_path_and_a_network_it_has_no_channel_for() -> None:
    """A site at https://www.lindewaard.example/werkenbij/ counts only its own pages; a LinkedIn
    referrer on a site whose channel is called otherwise is named LinkedIn, not a missing text."""
    import datetime as dt
    import sys
    from zoneinfo import ZoneInfo

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
    from careersite.i18n import Translator
    from careersite.report.count import Counts, page_of
    from careersite.report.logs import parse
    from careersite.report.render import Item, Report

    pages = frozenset({"/", "/vacatures/ciso/"})
    assert page_of("/werkenbij/vacatures/ciso/?x=1", pages, "/werkenbij/") == "/vacatures/ciso/"
    assert page_of("/werkenbij/", pages, "/werkenbij/") == "/"
    assert page_of("/vacatures/ciso/", pages, "/werkenbij/") is None  # the main site's page, not ours
    counts = Counts(
        pages, ZoneInfo("Europe/Amsterdam"), "www.lindewaard.example", {"linkedin-nl": "linkedin-nl"}, "/werkenbij"
    )
    for referrer in ("https://www.linkedin.com/", "https://www.lindewaard.example/nieuws/"):
        hit = parse(line("/werkenbij/vacatures/ciso/", referrer))
        assert hit is not None
        counts.add(hit)
    assert dict(counts.views) == {
        (dt.date(2026, 11, 24), "/vacatures/ciso/", "linkedin"): 1,
        (dt.date(2026, 11, 24), "/vacatures/ciso/", "internal"): 1,
    }
    item = Item("/vacatures/ciso/", "CISO", "ICT", dt.date(2026, 11, 1), dt.date(2026, 12, 11), ("linkedin-nl",))
    page = BeautifulSoup(
        Report(counts, [item], {"linkedin-nl": "LinkedIn NL"}, Translator("nl"), "Gemeente", "Europe/Amsterdam").html(
            2, 0
        ),
        "html.parser",
    )
    head = [th.get_text() for th in page.select("table")[0].select("thead th")]
    assert head == ["Week van", "LinkedIn", "Binnen de site", "Totaal"]  # channels with views: named


def test_a_file_given_twice_is_read_once_and_the_report_stays_out_of_the_site(example: Build, tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text(line("/vacatures/ciso/") * 3, encoding="utf-8")
    (tmp_path / "link.log").symlink_to(log)
    code, out, err, folder = report(example, tmp_path, log, tmp_path / "link.log", tmp_path / "acc*.log")
    assert code == 0, err
    assert "Gelezen regels: 3;" in out and sum(n for *_, n in rows(folder)) == 3
    inside = careersite(example.folder, "report", str(log), "--out", "site/rapport")
    assert inside.returncode == 2 and "ligt in de gebouwde site" in inside.stderr
    assert not (example.site / "rapport").exists()
    blocked = careersite(example.folder, "report", str(log), "--out", "/dev/null")
    assert blocked.returncode == 2 and "kan hier niet geschreven worden" in blocked.stderr
    assert "Traceback" not in blocked.stderr


def test_a_channel_s_own_utm_source_and_the_figures_per_day_open(tmp_path: Path) -> None:
    """A channel whose links carry `utm_source=li` counts as that channel; the views per day open
    count only the days it was open; the feeds' items count only vacancies open in the period; a
    week without views is a row of zeros."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from careersite.i18n import Translator
    from careersite.report.count import Counts
    from careersite.report.logs import parse
    from careersite.report.render import Item, Report

    pages = frozenset({"/vacatures/a/", "/vacatures/b/"})
    sources = {"li": "linkedin", "linkedin": "linkedin"}
    counts = Counts(pages, ZoneInfo("Europe/Amsterdam"), "werkenbij.lindewaard.example", sources)
    for target, day in (
        ("/vacatures/a/?utm_source=li", "03/Nov/2026"),
        ("/vacatures/a/", "04/Nov/2026"),
        ("/vacatures/a/", "24/Nov/2026"),  # after it closed: read, but not while open
        ("/vacatures/b/", "24/Nov/2026"),
    ):
        hit = parse(line(target, when=f"{day}:10:00:00 +0100"))
        assert hit is not None
        counts.add(hit)
    assert counts.views[(dt.date(2026, 11, 3), "/vacatures/a/", "linkedin")] == 1
    items = [
        Item("/vacatures/a/", "A", "X", dt.date(2026, 11, 1), dt.date(2026, 11, 4), ("linkedin",)),
        Item("/vacatures/b/", "B", "X", dt.date(2026, 11, 20), dt.date(2026, 12, 20), ("linkedin",)),
        Item("/vacatures/c/", "C", "X", dt.date(2026, 9, 1), dt.date(2026, 9, 30), ("linkedin",)),  # before it
    ]
    report = Report(counts, items, {"linkedin": "LinkedIn"}, Translator("nl"), "Gemeente", "Europe/Amsterdam")
    fewest = {item.title: (days, views) for item, days, views in report.fewest()}
    assert fewest == {"A": (2, 2), "B": (5, 1)}  # 3-4 November for A; 20-24 November for B
    assert report.posted() == [("linkedin", 2, 1)]  # A and B were in the feed; C had closed before
    weeks, weekly = report.weekly()
    assert weeks == [dt.date(2026, 11, 2) + dt.timedelta(weeks=n) for n in range(4)]  # 9 and 16 Nov empty
    assert [sum(weekly[c][w] for c in weekly) for w in weeks] == [2, 0, 0, 2]
