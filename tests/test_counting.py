"""Counting without logs, and apply clicks (issue 27): the opt-in counting tool (GoatCounter, setting
`analytics`) that the pages send page views and apply clicks to, its CSV export read by `make
report` by the same rules as the logs, and the apply button's forwarding page (setting
`apply_forwarding`) that lets the web server's log count apply clicks per channel."""

from __future__ import annotations

import csv
import gzip
import http.server
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import TODAY, Build, QuietHandler, browse, copy_example, edit, run_build, serving

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
EXPORT = Path(__file__).resolve().parent / "counting" / "goatcounter-export.csv"
ANALYTICS = "    analytics:\n      tool: goatcounter\n      address: {address}\n    apply_forwarding: true\n"

# What the recorded export (GoatCounter's CSV format, version 2) must count: page views and apply
# clicks by (date in Amsterdam, page, channel).
EXPORT_VIEWS = {
    ("2026-11-24", "/vacatures/ciso/", "linkedin"): 3,  # campaign source, www.linkedin.com URL, the Android app
    ("2026-11-25", "/", "search"): 1,  # 23:30 UTC is the next day in Amsterdam
    ("2026-11-25", "/vacatures/", "direct"): 1,
    ("2026-11-25", "/salaris/", "internal"): 1,
    ("2026-11-25", "/salaris/", "other"): 1,  # GoatCounter's "Email"
    ("2026-11-26", "/vacatures/ciso/", "ambassador"): 1,
    ("2026-11-26", "/vacatures/ciso/", "other"): 1,  # a campaign of no channel of the site
    ("2026-11-27", "/vacatures/hr-adviseur/", "x"): 1,  # a title over two lines
    ("2026-11-27", "/vacatures/ciso/", "direct"): 1,  # with a filter's query
}
EXPORT_CLICKS = {
    ("2026-11-24", "/vacatures/ciso/", "linkedin"): 1,
    ("2026-11-26", "/vacatures/ciso/", "facebook"): 1,
}


def table(folder: Path, name: str) -> dict[tuple[str, str, str], int]:
    with (folder / name).open(encoding="utf-8") as f:
        reader = csv.reader(f)
        assert next(reader) == ["date", "path", "channel", "clicks" if name == "applyclicks.csv" else "pageviews"]
        return {(d, p, c): int(n) for d, p, c, n in reader}


@pytest.fixture(scope="module")
def lindewaard(example: Build) -> Any:
    from careersite.config import load

    return load(example.folder / "mkdocs.yml", {"CAREERSITE_TODAY": TODAY})


def run_report(site: Any, site_dir: Path, out: Path, *files: Path) -> str:
    from careersite.report import run

    return run(site, site_dir, list(files), out, progress=False)


def test_the_goatcounter_export_is_counted_by_the_rules_of_the_logs(
    example: Build, lindewaard: Any, tmp_path: Path
) -> None:
    said = run_report(lindewaard, example.site, tmp_path / "report", EXPORT)
    assert table(tmp_path / "report", "pageviews.csv") == EXPORT_VIEWS
    # The example has no forwarding pages: apply clicks come from the counting tool's events alone.
    assert table(tmp_path / "report", "applyclicks.csv") == EXPORT_CLICKS
    assert "Gelezen regels: 20; paginaweergaven geteld: 11; klikken op solliciteren: 2;" in said
    assert f"onleesbare regels overgeslagen: 2 (eerste: {EXPORT}:17, {EXPORT}:18); bots weggelaten: 1." in said
    page = BeautifulSoup((tmp_path / "report" / "index.html").read_text(encoding="utf-8"), "html.parser")
    heading = page.find("h2", string="Klikken op solliciteren per vacature, per kanaal")
    assert heading is not None
    rows = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in heading.find_next("table").find_all("tr")]
    assert rows[0] == ["Vacature", "LinkedIn", "Facebook", "Totaal"]
    assert rows[1][0].startswith("Chief Information Security Officer") and rows[1][1:] == ["1", "1", "2"]
    # Counts only: nothing of the visitors' sessions, browsers or places in what is written.
    written = "".join((tmp_path / "report" / n).read_text() for n in ("pageviews.csv", "applyclicks.csv", "index.html"))
    for visitor in ("9d1c2e0a1f3b4c5", "Safari", "Android", "NL-GE", "390,844"):
        assert visitor not in written


def test_an_export_compressed_in_any_order_with_logs_counts_the_same(
    example: Build, lindewaard: Any, tmp_path: Path
) -> None:
    packed = tmp_path / "goatcounter-export.csv.gz"
    packed.write_bytes(gzip.compress(EXPORT.read_bytes()))
    log = tmp_path / "access.log"
    log.write_text(
        '198.51.100.23 - - [24/Nov/2026:10:15:00 +0100] "GET /vacatures/ciso/ HTTP/1.1" 200 5120 '
        '"https://www.linkedin.com/feed/" "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)"\n',
        encoding="utf-8",
    )
    run_report(lindewaard, example.site, tmp_path / "report", log, packed)
    expected = dict(EXPORT_VIEWS)
    expected[("2026-11-24", "/vacatures/ciso/", "linkedin")] += 1
    assert table(tmp_path / "report", "pageviews.csv") == expected


def test_goatcounter_s_first_export_format_is_read_too(example: Build, lindewaard: Any, tmp_path: Path) -> None:
    v1 = tmp_path / "export-v1.csv"
    v1.write_text(
        "1Path,Title,Event,Bot,Session,FirstVisit,Referrer,Referrer scheme,Browser,Screen size,Location,Date\n"
        '/vacatures/ciso,CISO,false,0,1,true,lnkd.in/abc,h,Mozilla/5.0,"390,844,3",NL,2026-11-24T09:15:00Z\n',
        encoding="utf-8",
    )
    run_report(lindewaard, example.site, tmp_path / "report", v1)
    assert table(tmp_path / "report", "pageviews.csv") == {("2026-11-24", "/vacatures/ciso/", "linkedin"): 1}


HEADER = EXPORT.read_text(encoding="utf-8").splitlines()[0]
GOOD = EXPORT.read_text(encoding="utf-8").splitlines()[1]
JUNK = bytes(b for b in range(256) if b not in b"\r\n") * 40  # one line of every other byte


@pytest.mark.parametrize(
    "name, content, views, says",
    [
        ("version-3", b"3Path,Title,Event\n/vacatures/ciso,x,false\n", 0, "een GoatCounter-export van versie 3"),
        ("binary-junk", f"{HEADER}\n".encode() + JUNK + f"\n{GOOD}\n".encode(), 1, "overgeslagen: 1"),
        # a field never closed, of 10 MB: read past in pieces, the next row counts
        ("ten-mb-field", f'{HEADER}\n/vacatures/ciso,"{"x" * 10_000_000}\n{GOOD}\n'.encode(), 1, "overgeslagen: 1"),
        (
            "wrong-date",
            f"{HEADER}\n{GOOD.replace('2026-11-24T09:15:00Z', '2026-02-31T09:15:00Z')}\n".encode(),
            0,
            "overgeslagen: 1",
        ),
        (
            "other-site",
            f"{HEADER}\n{GOOD.replace('/vacatures/ciso', '/blog/tmux.html')}\n".encode(),
            0,
            "overgeslagen: 0",
        ),
        ("header-only", f"{HEADER}\n".encode(), 0, "paginaweergaven geteld: 0"),
        ("cut-gz", gzip.compress(f"{HEADER}\n{GOOD}\n".encode() * 2000)[:-900], None, "houdt te vroeg op"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 20 else "",
)
def test_a_hostile_export_is_a_message_or_a_skipped_row(
    example: Build, lindewaard: Any, tmp_path: Path, name: str, content: bytes, views: int | None, says: str
) -> None:
    export = tmp_path / f"{name}.csv"
    export.write_bytes(content)
    said = run_report(lindewaard, example.site, tmp_path / "report", export)
    assert says in said
    if views is not None:
        assert sum(table(tmp_path / "report", "pageviews.csv").values()) == views


# The site with the counting tool at a local stand-in and apply forwarding on.


TOKEN = "gc-test-key-5f8e2a"


class Counter(http.server.BaseHTTPRequestHandler):
    """A stand-in for the organisation's GoatCounter, answering in its documented shapes: /count
    (what each request asked is kept) and the export API (`POST /api/v0/export`, then
    `GET /api/v0/export/{id}/download`: 202 while it is made, then the gzip CSV)."""

    received: ClassVar[list[dict[str, str]]] = []
    api: ClassVar[dict[str, Any]] = {"mode": "ok", "pending": 0, "calls": []}

    def _count(self) -> None:
        parts = urlsplit(self.path)
        if parts.path.startswith("/api/v0/"):
            self._api(parts.path)
            return
        if parts.path == "/count":
            Counter.received.append({k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()})
        self.send_response(200)
        self.send_header("Content-Type", "image/gif")
        self.end_headers()
        self.wfile.write(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")

    def _json(self, status: int, value: Any) -> None:
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _api(self, path: str) -> None:
        api = Counter.api
        api["calls"].append((self.command, path, self.headers.get("Authorization"), self.headers.get("Content-Type")))
        if self.command == "POST":
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.headers.get("Authorization") != f"Bearer {TOKEN}" or api["mode"] == "refuse":
            self._json(401, {"error": "unauthorized: no valid API key"})
        elif api["mode"] == "hourly":
            self._json(429, {"error": "rate limited; try again in 3412 seconds"})
        elif self.command == "POST" and path == "/api/v0/export":
            self._json(
                202,
                {
                    "id": 17,
                    "site_id": 1,
                    "format": "csv",
                    "start_from_hit_id": 0,
                    "last_hit_id": None,
                    "path": "",
                    "created_at": "2026-12-06T09:00:00Z",
                    "finished_at": None,
                    "num_rows": None,
                    "size": None,
                    "hash": None,
                    "error": None,
                },
            )
        elif self.command == "GET" and path == "/api/v0/export/17/download":
            if api["pending"] > 0:
                api["pending"] -= 1
                self._json(202, {"error": "still being generated"})
                return
            body = gzip.compress(EXPORT.read_bytes())
            self.send_response(200)
            self.send_header("Content-Type", "application/gzip")
            self.send_header("Content-Disposition", 'attachment; filename="goatcounter-export-x-2026-12-06-17.csv.gz"')
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self._json(404, {"error": "not found"})

    do_GET = _count
    do_POST = _count  # navigator.sendBeacon, and the export API

    def log_message(self, format: str, *args: object) -> None:
        pass


class Logged(QuietHandler):
    """The site's web server, writing its access log in the combined format as nginx does."""

    lines: ClassVar[list[str]] = []

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        when = time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime())
        referrer, agent = self.headers.get("Referer", "-"), self.headers.get("User-Agent", "-")
        status = int(code) if str(code).isdigit() else code
        Logged.lines.append(f'127.0.0.1 - - [{when}] "{self.requestline}" {status} {size} "{referrer}" "{agent}"\n')


@pytest.fixture(scope="module")
def counted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Build, str]]:
    """The example with analytics at a local stand-in and apply forwarding on, built; the stand-in's address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Counter)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"http://127.0.0.1:{server.server_address[1]}"
    folder = copy_example(tmp_path_factory.mktemp("counted"))
    edit(
        folder / "mkdocs.yml",
        "    earlier_addresses:\n",
        ANALYTICS.format(address=address) + "    earlier_addresses:\n",
    )
    built = run_build(folder)
    assert built.returncode == 0, built.output
    try:
        yield built, address
    finally:
        server.shutdown()


def test_the_forwarding_page_sends_on_is_never_indexed_and_leaves_e_mail_alone(counted: tuple[Build, str]) -> None:
    built, _ = counted
    page = built.html("vacatures/ciso/index.html")
    buttons = page.select("a.cs-apply")
    assert buttons and all(a["href"] == "apply/" and a.has_attr("data-cs-forward") for a in buttons)
    # Print shows the application's own address, never the forwarding page.
    assert "sollicitatie.lindewaard.example/vacature/ciso" in page.select_one(".cs-print-apply").get_text()
    forward = built.html("vacatures/ciso/apply/index.html")
    target = "https://sollicitatie.lindewaard.example/vacature/ciso"
    assert forward.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={target}"
    assert forward.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert forward.find("link", rel="canonical")["href"] == "https://werkenbij.lindewaard.example/vacatures/ciso/"
    assert forward.h1.get_text() == "Naar het sollicitatieformulier" and forward.find("a")["href"] == target
    sitemap = (built.site / "sitemap.xml").read_text(encoding="utf-8")
    search = (built.site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "/apply/" not in sitemap and "/apply/" not in search
    # An apply by e-mail opens the mail program as before: no page of the site between.
    internship = built.html("vacatures/stage-communicatie/index.html").select_one("a.cs-apply")
    assert internship["href"].startswith("mailto:") and not internship.has_attr("data-cs-forward")
    assert not (built.site / "vacatures" / "stage-communicatie" / "apply").exists()
    # Every page names the counting tool; nothing else of it is on the page (its script is ours).
    home = built.html("index.html")
    assert home.find("meta", attrs={"name": "cs-count"})["content"] == f"{counted[1]}/count"
    assert not [s for s in home.find_all("script", src=True) if "127.0.0.1" in s["src"]]


def test_without_the_settings_no_page_names_a_counter_or_forwards(example: Build) -> None:
    for path in ("index.html", "vacatures/ciso/index.html", "salaris/index.html"):
        assert example.html(path).find("meta", attrs={"name": "cs-count"}) is None
    assert example.html("vacatures/ciso/index.html").select_one("a.cs-apply")["href"].startswith("https://")
    assert not (example.site / "vacatures" / "ciso" / "apply").exists()


def test_a_candidate_from_linkedin_is_counted_by_the_tool_and_in_the_log(
    counted: tuple[Build, str], tmp_path: Path
) -> None:
    built, _ = counted
    Counter.received.clear()
    Logged.lines.clear()
    with serving(built.site, Logged) as served:
        found = browse(
            served,
            "counting",
            "vacatures/ciso/?utm_source=linkedin&utm_medium=social&utm_campaign=ciso",
            "https://www.linkedin.com/",
        )
        deadline = time.monotonic() + 5
        while len(Counter.received) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
    # The candidate lands on the application form, through the site's forwarding page.
    assert found["visible"] and found["landed"] == {
        "url": "https://sollicitatie.lindewaard.example/vacature/ciso",
        "h1": "Sollicitatieformulier",
    }
    assert found["href"] == "apply/?utm_source=linkedin&utm_medium=social&utm_campaign=ciso&from=www.linkedin.com"
    # The counting tool got the page view and the apply click, in GoatCounter's documented parameters.
    views = [r for r in Counter.received if r.get("e") != "true"]
    clicks = [r for r in Counter.received if r.get("e") == "true"]
    assert len(views) == 1 and len(clicks) == 1, Counter.received
    assert views[0]["p"] == "/vacatures/ciso/" and views[0]["r"] == "https://www.linkedin.com/"
    assert parse_qs(views[0]["q"].lstrip("?"))["utm_source"] == ["linkedin"]
    assert views[0]["t"].startswith("Chief Information Security Officer") and views[0]["s"] == "390"
    assert clicks[0]["p"] == "apply:/vacatures/ciso/" and clicks[0]["r"] == "linkedin"
    assert all(r.get("b") == "153" for r in Counter.received)  # the browser is automated: a bot to GoatCounter
    # The web server's log: `make report` counts the page view and the click, both from LinkedIn.
    log = tmp_path / "access.log"
    log.write_text("".join(Logged.lines), encoding="utf-8")
    from careersite.config import load

    site = load(built.folder / "mkdocs.yml", {"CAREERSITE_TODAY": TODAY})
    run_report(site, built.site, tmp_path / "report", log)
    views_by = table(tmp_path / "report", "pageviews.csv")
    clicks_by = table(tmp_path / "report", "applyclicks.csv")
    assert [(p, c, n) for (_, p, c), n in views_by.items()] == [("/vacatures/ciso/", "linkedin", 1)]
    assert [(p, c, n) for (_, p, c), n in clicks_by.items()] == [("/vacatures/ciso/", "linkedin", 1)]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?utm_source=linkedin&from=", "linkedin"),
        ("?utm_source=facebook&utm_medium=ambassador&from=lnkd.in", "ambassador"),
        ("?from=", "direct"),
        ("?from=www.google.nl", "search"),
        ("?from=werkenbij.lindewaard.example", "internal"),
        ("?from=com.linkedin.android", "linkedin"),
        ("?from=nieuws.example", "other"),
        ("", "unknown"),  # no script ran on the vacancy page
    ],
)
def test_an_apply_click_in_the_log_has_the_channel_the_vacancy_page_passed_on(query: str, expected: str) -> None:
    import datetime as dt

    from careersite.report.count import click_channel
    from careersite.report.logs import Hit

    hit = Hit(dt.datetime(2026, 11, 24, tzinfo=dt.UTC), "GET", f"/vacatures/ciso/apply/{query}", 200, "", False)
    assert (
        click_channel(hit, "werkenbij.lindewaard.example", {"linkedin": "linkedin", "facebook": "facebook"}) == expected
    )


@pytest.mark.parametrize(
    "mode, token, says",
    [
        ("ok", "", "GOATCOUNTER_TOKEN is niet ingesteld"),
        ("refuse", TOKEN, "weigerde de API-sleutel (401 unauthorized: no valid API key)"),
        ("hourly", TOKEN, "staat één export per uur toe"),
    ],
)
def test_goatcounter_s_api_refusals_are_messages(counted: tuple[Build, str], mode: str, token: str, says: str) -> None:
    from careersite.i18n import Translator
    from careersite.report.goatcounter_api import ExportFailed, fetch

    Counter.api.update(mode=mode, pending=0, calls=[])
    with pytest.raises(ExportFailed) as failed:
        fetch(counted[1], {"GOATCOUNTER_TOKEN": token} if token else {}, Translator("nl"), poll=0.01)
    assert says in str(failed.value)
    assert not token or Counter.api["calls"][0][:2] == ("POST", "/api/v0/export")


def test_an_export_still_being_made_is_waited_for_and_an_unreachable_tool_is_a_message(
    counted: tuple[Build, str],
) -> None:
    from careersite.i18n import Translator
    from careersite.report.goatcounter_api import ExportFailed, fetch

    Counter.api.update(mode="ok", pending=3, calls=[])
    fetched = fetch(counted[1], {"GOATCOUNTER_TOKEN": TOKEN}, Translator("nl"), poll=0.01)
    try:
        assert gzip.decompress(fetched.read_bytes()) == EXPORT.read_bytes()
    finally:
        fetched.unlink()
    assert [c[:2] for c in Counter.api["calls"]] == [("POST", "/api/v0/export")] + [
        ("GET", "/api/v0/export/17/download")
    ] * 4
    assert {c[2] for c in Counter.api["calls"]} == {f"Bearer {TOKEN}"}
    Counter.api.update(pending=10**6)
    with pytest.raises(ExportFailed, match="na 0 minuten nog niet klaar"):
        fetch(counted[1], {"GOATCOUNTER_TOKEN": TOKEN}, Translator("nl"), wait=0.05, poll=0.01)
    with pytest.raises(ExportFailed, match="is niet bereikbaar"):
        fetch("http://127.0.0.1:9", {"GOATCOUNTER_TOKEN": TOKEN}, Translator("nl"), poll=0.01)


def test_make_report_goatcounter_counts_a_new_export_and_keeps_nothing_of_it(
    counted: tuple[Build, str], tmp_path: Path
) -> None:
    built, _ = counted
    Counter.api.update(mode="ok", pending=0, calls=[])
    temp = tmp_path / "tmp"
    temp.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "careersite", "report", "--goatcounter", "--out", str(tmp_path / "report")],
        cwd=built.folder,
        capture_output=True,
        text=True,
        env=dict(
            os.environ,
            GOATCOUNTER_TOKEN=TOKEN,
            TMPDIR=str(temp),
            CAREERSITE_TODAY=TODAY,
            PYTHONPATH=str(built.folder / "hooks"),
        ),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "paginaweergaven geteld: 11; klikken op solliciteren: 2;" in result.stdout
    assert table(tmp_path / "report", "pageviews.csv") == EXPORT_VIEWS
    assert list(temp.iterdir()) == []  # the export (sessions, places) is deleted once counted
    for name in ("pageviews.csv", "applyclicks.csv", "index.html"):
        assert TOKEN not in (tmp_path / "report" / name).read_text(encoding="utf-8")
    # Without analytics in mkdocs.yml, the option says what to set.
    plain = subprocess.run(
        [sys.executable, "-m", "careersite", "report", "--goatcounter", "--out", str(tmp_path / "r2")],
        cwd=EXPORT.parent.parent.parent,
        capture_output=True,
        text=True,
        env=dict(os.environ, GOATCOUNTER_TOKEN=TOKEN, CAREERSITE_TODAY=TODAY, PYTHONPATH=str(built.folder / "hooks")),
        timeout=120,
    )
    assert plain.returncode == 2 and "de site telt niet met GoatCounter" in plain.stderr
