"""`make report LOGS="…"`: page views and apply clicks per channel, per vacancy and per department,
from the web server's access logs or the export of the site's own GoatCounter (setting
`analytics`), into `report/` (pageviews.csv, applyclicks.csv and index.html). Counts only: no
address, user agent or other data about a visitor is written anywhere."""

from __future__ import annotations

import sys
import zlib
from pathlib import Path
from urllib.parse import urlsplit

from careersite.content.model import channels_of
from careersite.publish.files import write_atomic
from careersite.report import goatcounter, logs
from careersite.report.count import Counts, site_pages
from careersite.report.render import Item, Report, csv_text
from careersite.site import APPLY_PAGE, Site


class ReportError(Exception):
    """Nothing to report on: no logs given, a log that is no file, no built site."""


def run(site: Site, site_dir: Path, paths: list[Path], out: Path, progress: bool | None = None) -> str:
    """Read `paths`, write the report into `out`; the closing line for the terminal."""
    t = site.t
    if not paths:
        raise ReportError(t("report.no_logs"))
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise ReportError("\n".join(t("report.no_file", path=p) for p in missing))
    # A file given twice (two patterns, a link to it) is read once.
    paths = list({p.resolve(): p for p in reversed(paths)}.values())[::-1]
    if out.resolve() == site_dir.resolve() or site_dir.resolve() in out.resolve().parents:
        raise ReportError(t("report.out_in_site", path=out))
    pages = site_pages(site_dir) if site_dir.is_dir() else frozenset()
    if not pages:
        raise ReportError(t("report.no_site", path=site_dir))
    settings = site.settings
    address = urlsplit(settings.site_url)
    # A channel's links carry its own utm_source (setting channels: utm:), or its key.
    sources = {key: key for key in settings.channels}
    sources |= {channel.utm.get("utm_source", key): key for key, channel in settings.channels.items()}
    sources.setdefault("indeed", "indeed")  # the job boards' feed (feeds/indeed.xml) tags its links so
    # The forwarding page of each apply button (setting apply_forwarding) that the build made.
    applies = {
        f"/{page}{APPLY_PAGE}": f"/{page}"
        for page in (site.addresses.vacancy(i.vacancy.slug) for i in site.vacancies)
        if (site_dir / page / APPLY_PAGE / "index.html").is_file()
    }
    counts = Counts(pages, settings.timezone, address.hostname or "", sources, address.path or "/", applies)
    reading = logs.Reading()
    total = sum(p.stat().st_size for p in paths)
    exports = [p for p in paths if _is_goatcounter(p)]
    from tqdm import tqdm  # here: only the report shows a progress bar

    # On a terminal only (disable=None): a scheduled job's log gets the closing line alone.
    with tqdm(total=total, unit="B", unit_scale=True, file=sys.stderr, disable=progress is False or None) as bar:
        for path in paths:
            if path in exports:
                goatcounter.read(path, reading, counts, bar.update)
            else:
                for hit in logs.read([path], reading, bar.update):
                    counts.add(hit)
    items = [
        Item(
            "/" + site.addresses.vacancy(i.vacancy.slug),
            i.vacancy.title,
            i.vacancy.department,
            i.vacancy.published,
            i.vacancy.closes,
            channels_of(i.vacancy, settings),
        )
        for i in site.vacancies
    ]
    names = {key: channel.name for key, channel in settings.channels.items()}
    report = Report(counts, items, names, t, settings.organisation, settings.timezone.key)
    try:
        out.mkdir(parents=True, exist_ok=True)
        write_atomic(out / "pageviews.csv", csv_text(counts).encode())
        write_atomic(out / "applyclicks.csv", csv_text(counts, clicks=True).encode())
        write_atomic(out / "index.html", report.html(reading.lines, reading.skipped).encode())
    except OSError as error:
        raise ReportError(t("report.unwritable", path=out, problem=error.strerror or error)) from None
    first = t("report.first_skipped", where=", ".join(reading.first_skipped)) if reading.first_skipped else ""
    lines = [
        t(f"report.{key}", path=path, lines=t.number(n), detail=detail)
        for key, path, n, detail in reading.problems or []
    ]
    lines.append(
        t(
            "report.done",
            lines=t.number(reading.lines),
            views=t.number(counts.total),
            clicks=t.number(counts.total_clicks),
            skipped=t.number(reading.skipped),
            first=first,
            bots=t.number(counts.bots),
            path=out / "index.html",
        )
    )
    return "\n".join(lines)


def _is_goatcounter(path: Path) -> bool:
    """Whether `path` is a GoatCounter CSV export (plain or gzip) rather than a log."""
    try:
        with logs.open_log(path) as stream:
            return goatcounter.is_export(stream.read(64))
    except (OSError, EOFError, zlib.error):
        return False  # read as a log: its problem is reported there
