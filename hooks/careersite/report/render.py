"""The reach report's files: `pageviews.csv` (one row per date, page and channel) and `index.html`
(charts as inline SVG, every number also in a table; nothing loaded from anywhere)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import escape

from careersite.i18n import Translator
from careersite.report.count import DEFAULT_CHANNELS, Counts

SILENT_DAYS = 30
NETWORKS = {"linkedin": "LinkedIn", "facebook": "Facebook", "instagram": "Instagram", "x": "X", "indeed": "Indeed"}
# A colour per channel, told apart also by their order and the table (never by colour alone).
# Each at least 3:1 against the white page (WCAG 1.4.11); bars are separated by a white line.
PALETTE = ("#1f5f8b", "#c0392b", "#8a6100", "#00798c", "#3d7a5a", "#7b4f96", "#30343f", "#a4456b", "#5d6d7e")


@dataclass(frozen=True)
class Item:
    """A vacancy as the report names it: its page, title, department, days online and the
    channels whose feeds carried it."""

    page: str
    title: str
    department: str
    published: dt.date
    closes: dt.date
    channels: tuple[str, ...]


def csv_text(counts: Counts, clicks: bool = False) -> str:
    """`pageviews.csv` (date,path,channel,pageviews), or with `clicks` `applyclicks.csv`
    (date,path,channel,clicks: the vacancy's page and the channel that brought the candidate)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["date", "path", "channel", "clicks" if clicks else "pageviews"])
    for (day, page, channel), n in sorted((counts.clicks if clicks else counts.views).items()):
        writer.writerow([day.isoformat(), page, channel, n])
    return out.getvalue()


class Report:
    def __init__(
        self,
        counts: Counts,
        items: Sequence[Item],
        channel_names: dict[str, str],
        t: Translator,
        organisation: str,
        zone: str,
    ) -> None:
        self.counts, self.items, self.t = counts, items, t
        self.organisation, self.zone = organisation, zone
        self.channel_names = channel_names
        used = {channel for (_, _, channel) in (*counts.views, *counts.clicks)}
        # The site's channels first, in its order, then a network the site has no channel for (a
        # colleague's post), then the others that brought views.
        unnamed = sorted(used - set(channel_names) - set(DEFAULT_CHANNELS))
        # (once each: a site channel may share a name with one of the others)
        self.channels = list(dict.fromkeys([*channel_names, *unnamed, *(c for c in DEFAULT_CHANNELS if c in used)]))
        days = sorted({day for (day, _, _) in (*counts.views, *counts.clicks)})
        self.start: dt.date | None = days[0] if days else None
        self.end: dt.date | None = days[-1] if days else None

    def name(self, channel: str) -> str:
        if channel in self.channel_names:
            return self.channel_names[channel]
        if channel in DEFAULT_CHANNELS:
            return self.t(f"report.channels.{channel}")
        return NETWORKS.get(channel, channel)

    # The numbers.

    def weekly(self) -> tuple[list[dt.date], dict[str, Counter[dt.date]]]:
        by_channel: dict[str, Counter[dt.date]] = defaultdict(Counter)
        for (day, _, channel), n in self.counts.views.items():
            by_channel[channel][day - dt.timedelta(days=day.weekday())] += n
        if self.start is None or self.end is None:
            return [], by_channel
        # Every week of the period, also one without a view (a gap the chart must show).
        first = self.start - dt.timedelta(days=self.start.weekday())
        weeks = [first + dt.timedelta(weeks=n) for n in range((self.end - first).days // 7 + 1)]
        return weeks, by_channel

    def by(self, key: str, clicks: bool = False) -> dict[str, Counter[str]]:
        """Views (or apply clicks) per vacancy page (`key` "page") or department, per channel."""
        department = {item.page: item.department for item in self.items}
        table: dict[str, Counter[str]] = defaultdict(Counter)
        for (_, page, channel), n in (self.counts.clicks if clicks else self.counts.views).items():
            if page in department:
                table[page if key == "page" else department[page]][channel] += n
        return table

    def silent(self) -> list[str]:
        """The site's channels without a page view in the last 30 days of the period."""
        if self.end is None:
            return list(self.channel_names)
        since = self.end - dt.timedelta(days=SILENT_DAYS - 1)
        active = {channel for (day, _, channel), n in self.counts.views.items() if day >= since and n}
        return [c for c in self.channel_names if c not in active]

    def fewest(self) -> list[tuple[Item, int, int]]:
        """Vacancies by views per day open within the period, fewest first: (item, days, views)."""
        if self.start is None or self.end is None:
            return []
        by_page: dict[str, Counter[dt.date]] = defaultdict(Counter)
        for (day, page, _), n in self.counts.views.items():
            by_page[page][day] += n
        rows = []
        for item in self.items:
            first, last = max(item.published, self.start), min(item.closes, self.end)
            days = (last - first).days + 1
            if days > 0:  # the views while it was open: a closed page is still read
                views = sum(n for day, n in by_page[item.page].items() if first <= day <= last)
                rows.append((item, days, views))
        return sorted(rows, key=lambda row: (row[2] / row[1], row[0].title))

    def posted(self) -> list[tuple[str, int, int]]:
        """Per channel of the site: items its feed carried (among the vacancies), and page views of
        those items' pages that it brought."""
        rows = []
        start, end = self.start or dt.date.min, self.end or dt.date.max
        for channel in self.channel_names:
            # the vacancies its feed carried during the period: open on one of its days
            carried = {
                item.page
                for item in self.items
                if channel in item.channels and item.published <= end and item.closes >= start
            }
            brought = sum(n for (_, page, c), n in self.counts.views.items() if c == channel and page in carried)
            rows.append((channel, len(carried), brought))
        return rows

    # The page.

    def html(self, lines: int, skipped: int) -> str:
        t = self.t
        number = t.number
        parts = [
            f"<h1>{escape(t('report.title', organisation=self.organisation))}</h1>",
            f"<p>{escape(t('report.lede'))}</p>",
        ]
        if self.start is not None and self.end is not None:
            parts.append(
                f"<p>{escape(t('report.period', start=t.date(self.start), end=t.date(self.end), zone=self.zone))}</p>"
            )
        totals = t(
            "report.totals",
            views=number(self.counts.total),
            clicks=number(self.counts.total_clicks),
            lines=number(lines),
            bots=number(self.counts.bots),
            skipped=number(skipped),
        )
        parts.append(f"<p><strong>{escape(totals)}</strong></p>")
        if not self.counts.views:
            parts.append(f"<p>{escape(t('report.none'))}</p>")
        weeks, weekly = self.weekly()
        parts.append(f"<h2>{escape(t('report.per_week'))}</h2>")
        if weeks:
            parts.append(self._chart(weeks, weekly))
            head = [t("report.week"), *(self.name(c) for c in self.channels if c in weekly), t("report.total")]
            rows = []
            for week in weeks:
                values = [weekly[c][week] for c in self.channels if c in weekly]
                label = t.day_month(week) if weeks[0].year == weeks[-1].year else t.date(week)
                rows.append([label, *map(number, values), number(sum(values))])
            parts.append(_table(head, rows))
        for key, heading, label, clicks in (
            ("page", "report.per_vacancy", "report.vacancy", False),
            ("department", "report.per_department", "report.department", False),
            ("page", "report.clicks", "report.vacancy", True),
        ):
            table = self.by(key, clicks)
            parts.append(f"<h2>{escape(t(heading))}</h2>")
            if clicks:
                parts.append(f"<p>{escape(t('report.clicks_how' if table else 'report.clicks_none'))}</p>")
                if not table:
                    continue
            shown = [c for c in self.channels if any(table[k][c] for k in table)]
            titles = {item.page: item.title for item in self.items}
            rows = [
                [
                    titles.get(k, k) if key == "page" else k,
                    *(number(table[k][c]) for c in shown),
                    number(sum(table[k].values())),
                ]
                for k in sorted(table, key=lambda k: (-sum(table[k].values()), titles.get(k, k)))
            ]
            parts.append(_table([t(label), *(self.name(c) for c in shown), t("report.total")], rows))
        parts.append(f"<h2>{escape(t('report.silent'))}</h2>")
        silent = self.silent()
        if silent and self.end is not None:
            since = self.end - dt.timedelta(days=SILENT_DAYS - 1)
            parts.append(
                "<ul>"
                + "".join(
                    _element(
                        "li", t("report.silent_item", channel=self.name(c), start=t.date(since), end=t.date(self.end))
                    )
                    for c in silent
                )
                + "</ul>"
            )
        elif not silent:
            parts.append(f"<p>{escape(t('report.silent_none'))}</p>")
        else:
            parts.append(f"<p>{escape(t('report.none'))}</p>")
        parts.append(f"<h2>{escape(t('report.fewest'))}</h2>")
        fewest = self.fewest()
        parts.append(
            _table(
                [t("report.vacancy"), t("report.days_open"), t("report.total"), t("report.per_day")],
                [
                    [item.title, number(days), number(views), number(round(views / days, 1))]
                    for item, days, views in fewest
                ],
            )
        )
        parts.append(f"<h2>{escape(t('report.posted'))}</h2>")
        parts.append(
            _table(
                [t("report.channel"), t("report.items_posted"), t("report.views_brought"), t("report.views_per_item")],
                [
                    [self.name(c), number(n), number(views), number(round(views / n, 1)) if n else "–"]
                    for c, n, views in self.posted()
                ],
            )
        )
        body = "\n".join(parts)
        return (
            "<!doctype html>\n"
            f'<html lang="{escape(t.language)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="robots" content="noindex">\n'
            f"<title>{escape(t('report.title', organisation=self.organisation))}</title>\n"
            f"<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
        )

    def _chart(self, weeks: list[dt.date], weekly: dict[str, Counter[dt.date]]) -> str:
        """Stacked bars, a bar per week, a colour per channel, with a legend; described in words."""
        shown = [c for c in self.channels if c in weekly]
        width, height, left, bottom, top = 760, 300, 48, 40, 12
        label = escape(self.t("report.chart_label"))
        most = max(sum(weekly[c][w] for c in shown) for w in weeks) or 1
        step = (width - left - 8) / len(weeks)
        bar = max(4.0, step * 0.7)
        scale = (height - bottom - top) / most
        shapes = []
        for i, week in enumerate(weeks):
            x = left + i * step + (step - bar) / 2
            y = float(height - bottom)
            for k, channel in enumerate(shown):
                n = weekly[channel][week]
                if not n:
                    continue
                h = n * scale
                y -= h
                title = f"{self.name(channel)}, {self.t.date(week)}: {n}"
                shapes.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                    f'fill="{PALETTE[k % len(PALETTE)]}" stroke="#fff" stroke-width="1">'
                    f"<title>{escape(title)}</title></rect>"
                )
            if len(weeks) <= 16 or i % max(1, len(weeks) // 12) == 0:
                shapes.append(
                    f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle">'
                    f"{escape(self.t.day_month(week) if weeks[0].year == weeks[-1].year else self.t.date(week))}</text>"
                )
        shapes.append(f'<text x="{left - 6}" y="{top + 10}" text-anchor="end">{self.t.number(most)}</text>')
        shapes.append(f'<text x="{left - 6}" y="{height - bottom}" text-anchor="end">0</text>')
        shapes.append(
            f'<line x1="{left}" y1="{height - bottom}" x2="{width - 4}" y2="{height - bottom}" stroke="#555"/>'
        )
        legend = "".join(
            f'<li><span class="swatch" style="background:{PALETTE[k % len(PALETTE)]}"></span>'
            f"{escape(self.name(c))}</li>"
            for k, c in enumerate(shown)
        )
        return (
            f'<figure><svg viewBox="0 0 {width} {height}" role="img" aria-label="{label}">'
            + "".join(shapes)
            + f'</svg><ul class="legend">{legend}</ul></figure>'
        )


def _element(name: str, text: str) -> str:
    """`text` in an element, escaped as text (markupsafe's Markup would escape the tags added to it)."""
    return f"<{name}>{escape(text)}</{name}>"


def _table(head: list[str], rows: list[list[str]]) -> str:
    head_html = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    body = "".join(
        "<tr>"
        + "".join(
            (f'<th scope="row">{escape(c)}</th>' if i == 0 else f"<td>{escape(c)}</td>") for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f'<div class="scroll"><table><thead><tr>{head_html}</tr></thead><tbody>{body}</tbody></table></div>'


_STYLE = (
    "body{margin:0;font:1rem/1.5 system-ui,sans-serif;color:#1b1b1b;background:#fff}"
    "main{max-width:76rem;margin:0 auto;padding:1rem 1.25rem 3rem}"
    "h1{font-size:1.6rem;line-height:1.25}h2{font-size:1.2rem;margin-top:2.2rem}"
    "figure{margin:1rem 0;overflow-x:auto}svg{width:100%;min-width:36rem;height:auto;font-size:12px}svg text{fill:#333}"
    ".legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;margin:.5rem 0}"
    ".swatch{display:inline-block;width:.9em;height:.9em;margin-right:.4em;vertical-align:-.1em;border-radius:2px}"
    ".scroll{overflow-x:auto}table{border-collapse:collapse;min-width:100%;font-size:.92rem}"
    "th,td{padding:.35rem .6rem;border-bottom:1px solid #ddd;text-align:right;white-space:nowrap}"
    "th:first-child,td:first-child{text-align:left;white-space:normal}"
    "thead th{border-bottom:2px solid #555;white-space:normal;vertical-align:bottom;min-width:4.5rem}"
)
