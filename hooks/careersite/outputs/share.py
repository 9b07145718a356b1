"""The ambassador kit: for every open vacancy and published story a page for colleagues who share
it in their own network, a staff page with this week's items, and an RSS feed of them.

Each share page holds the channel texts (`social:`, else the summary) with the tagged link and a
copy button, the cards to download, share links per network and the device's share sheet, a QR
code for print and screens, and how to share well. Every link to the item carries
`utm_source=<network>&utm_medium=ambassador&utm_campaign=<id>`: the reach report counts them as
the channel `ambassador`. Nothing names the colleague who shares.

The pages are the team's, not the public's: `noindex`, outside the sitemap, the search and the
navigation (they are written by the engine, not rendered as pages of the site), linked from the
feeds page, the calendar and the web editor. They live in one folder, `delen/` (named in the
site's language), a file per item (`delen/vacatures/ciso.html`): a folder per item would cost a
thousand folders at a thousand vacancies. The QR codes are kept in the cache by their address.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import format_datetime
from functools import partial
from pathlib import Path
from urllib.parse import quote

import segno
from markupsafe import Markup, escape

from careersite.addresses import NETWORK_NAMES, share_dialogs
from careersite.cards import colours
from careersite.content.model import Story, Vacancy
from careersite.offers import Offers
from careersite.outputs.redirects import relative
from careersite.outputs.social import Card, Cards
from careersite.publish import kept
from careersite.publish.files import Placer, write_atomic, write_new

WEEK = 7  # "this week": published in the last 7 days, or a vacancy closing within 7 days
NETWORKS = tuple(NETWORK_NAMES)
QR_CACHE = "qr.pickle"
ASSETS = "share"  # share.css and share.js, beside the staff page: once, not in every page
QR_STYLE = dict(scale=5, border=4, dark="#000", light="#fff", omitsize=True)  # part of the cache's purpose
TIPS = 5
FEED = "feeds/ambassadors.xml"


@dataclass(frozen=True)
class Item:
    """An open vacancy or a published story, as its share page shows it."""

    kind: str  # "vacancy" or "story"
    entry: Vacancy | Story
    address: str  # the share page, relative to the site root: `delen/vacatures/ciso.html`
    page: str  # the item's public page, absolute
    cards: tuple[Card, ...]
    note: str  # "Sluit op 11 december 2026", "Online sinds 5 oktober 2026"
    fresh: bool  # for this week's list

    def tagged(self, source: str) -> str:
        """The item's page with the tags of a colleague's share through `source`."""
        campaign = quote(self.entry.id, safe="")
        return f"{self.page}?utm_source={quote(source, safe='')}&utm_medium=ambassador&utm_campaign={campaign}"


def folder(view: Offers) -> str:
    return view.t("share.folder")


def items(view: Offers, cards: Cards) -> list[Item]:
    """Every item to share: open vacancies (closing soonest first), then stories (newest first)."""
    site, t = view.site, view.t
    a, today, base = site.addresses, site.today, folder(view)
    found = []
    for listed in sorted(site.open_vacancies, key=lambda i: (i.vacancy.closes, i.vacancy.title)):
        v, cardset = listed.vacancy, cards.for_vacancy(listed)
        days_left = (v.closes - today).days
        found.append(
            Item(
                "vacancy",
                v,
                f"{base}/{a.vacancy_folder}/{v.slug}.html",
                a.absolute(a.vacancy(v.slug)),
                tuple(c for c in (cardset.og, cardset.instagram) if c),
                t("share.closes", date=t.date(v.closes)),
                (today - v.published).days < WEEK or days_left < WEEK,
            )
        )
    for story in sorted(site.stories, key=lambda s: (s.published, s.slug), reverse=True):
        cardset = cards.for_story(story)
        found.append(
            Item(
                "story",
                story,
                f"{base}/{a.story_folder}/{story.slug}.html",
                a.absolute(a.story(story.slug)),
                tuple(c for c in (cardset.og, cardset.instagram) if c),
                t("share.published", date=t.date(story.published)),
                (today - story.published).days < WEEK,
            )
        )
    return found


class QrCodes:
    """QR codes as inline SVG, kept in the cache by their address (a code takes some 5 ms to make:
    seconds at a thousand vacancies)."""

    def __init__(self, cache_dir: Path) -> None:
        self.path = cache_dir / QR_CACHE
        self.purpose = f"qr {sorted(QR_STYLE.items())} segno {segno.__version__}"  # another style: made anew
        stored = kept.load(self.path, self.purpose)
        self.stored: dict[str, str] = stored if isinstance(stored, dict) else {}
        self.used: dict[str, str] = {}

    def svg(self, address: str, label: str) -> str:
        code = self.stored.get(address)
        if not isinstance(code, str):
            qr = segno.make(address, error="m", micro=False)
            code = qr.svg_inline(**QR_STYLE)
        self.used[address] = code
        # the accessible name, outside the kept code: an SVG element with a role
        return code.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)

    def save(self) -> None:
        if self.used != self.stored:
            kept.save(self.path, self.purpose, self.used)


def share_links(view: Offers, item: Item) -> list[tuple[str, str]]:
    """(network, address) of each network's share dialog, with the item's tagged page."""
    return share_dialogs(item.entry.title, f"{item.entry.title}: {item.entry.summary}", item.tagged)


def texts(view: Offers, item: Item) -> list[tuple[str, str]]:
    """(channel name, text to paste) per channel of the site: the item's `social:` text for the
    channel, else its summary; the tagged link after it."""
    result = []
    for key, channel in view.settings.channels.items():
        text = item.entry.social.get(key) or item.entry.summary
        result.append((channel.name, f"{text}\n\n{item.tagged(key)}"))
    return result


def _rows(text: str) -> int:
    """Rows enough to show the whole text and its link on a phone (some 30 characters a row), for
    browsers that cannot size a field to its content (`field-sizing`)."""
    return min(16, 1 + sum(max(1, -(-len(line) // 30)) for line in text.split("\n")))


def _style(view: Offers) -> str:
    s = view.settings
    primary = s.primary_colour
    on_primary = colours.text_on(primary)
    link = colours.readable_against(primary, "#ffffff")
    return (
        ":root{color-scheme:light}*{box-sizing:border-box}"
        "body{margin:0;font:1rem/1.55 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
        "color:#1b1b1b;background:#f5f6f7}"
        f"header{{background:{primary};color:{on_primary};padding:.9rem 1.25rem}}"
        f"header a{{color:{on_primary}}}header p{{margin:0;font-weight:600}}"
        "main{max-width:46rem;margin:0 auto;padding:1rem 1.25rem 3rem}"
        "h1{font-size:1.7rem;line-height:1.2;margin:.6rem 0}h2{font-size:1.2rem;margin:2rem 0 .6rem}"
        f"a{{color:{link}}}.note{{color:#444;margin:.2rem 0}}"
        ".card{background:#fff;border:1px solid #d9dcdf;border-radius:8px;padding:1rem;margin:.8rem 0}"
        ".networks{display:flex;flex-wrap:wrap;gap:.5rem;padding:0;list-style:none}"
        f".networks a,button{{display:inline-flex;align-items:center;min-height:44px;padding:.55rem 1rem;"
        f"border-radius:6px;border:2px solid {link};background:#fff;color:{link};font:inherit;font-weight:600;"
        "text-decoration:none;cursor:pointer}"
        f".primary{{background:{primary};color:{on_primary};border-color:{primary}}}"
        "textarea{width:100%;field-sizing:content;font:inherit;padding:.6rem;border:1px solid #8a9096;"
        "border-radius:6px;resize:vertical;background:#fff;color:#1b1b1b}"
        ".copyrow{display:flex;gap:.8rem;align-items:center;margin-top:.5rem;flex-wrap:wrap}"
        ".status{color:#1e6b34;font-weight:600}"
        ".images{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr))}"
        ".images img{width:100%;height:auto;border-radius:6px;border:1px solid #d9dcdf;background:#fff}"
        ".qr{display:flex;gap:1.2rem;flex-wrap:wrap;align-items:center}"
        ".qr svg{width:12rem;height:auto;background:#fff}"
        ".list{padding:0;list-style:none}.list li{background:#fff;border:1px solid #d9dcdf;border-radius:8px;"
        "padding:.8rem 1rem;margin:.6rem 0}.list a{font-weight:600}"
        ".kind{display:inline-block;font-size:.85rem;font-weight:600;color:#444;margin-right:.4rem}"
        "[hidden]{display:none!important}"
        "@media print{header,.networks,.copyrow,button{display:none}body{background:#fff}"
        ".card{border:0;padding:0}.qr svg{width:7cm}}"
    )


_SCRIPT = """(function () {
  "use strict";
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-status"));
    button.addEventListener("click", function () {
      var done = function (ok) { status.textContent = button.getAttribute(ok ? "data-done" : "data-failed"); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(field.value).then(function () { done(true); }, function () {
          field.select(); done(document.execCommand("copy"));
        });
      } else { field.select(); done(document.execCommand("copy")); }
    });
  });
  var download = document.querySelector("[data-qr-download]");
  var code = document.querySelector(".qr svg");
  if (download && code && window.Blob && URL.createObjectURL) {
    var svg = code.cloneNode(true);
    svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
    download.href = URL.createObjectURL(new Blob([svg.outerHTML], { type: "image/svg+xml" }));
    download.hidden = false;
  }
  var device = document.querySelector("[data-share]");
  if (device && navigator.share) {
    device.hidden = false;
    device.addEventListener("click", function () {
      navigator.share(JSON.parse(device.getAttribute("data-share"))).catch(function () {});
    });
  }
})();"""


def _document(view: Offers, address: str, title: str, body: str) -> bytes:
    s, t = view.settings, view.t
    home = relative(folder(view) + "/", address)
    return (
        "<!doctype html>\n"
        f'<html lang="{escape(s.language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        f"<title>{escape(title)} · {escape(s.organisation)}</title>\n"
        f'<link rel="stylesheet" href="{escape(relative(f"{folder(view)}/{ASSETS}.css", address))}">\n'
        "</head>\n<body>\n"
        f'<header><p><a href="{escape(home)}">{escape(t("share.staff", organisation=s.organisation))}</a></p>'
        "</header>\n"
        f'<main>\n{body}\n</main>\n<script src="{escape(relative(f"{folder(view)}/{ASSETS}.js", address))}"></script>\n'
        "</body>\n</html>\n"
    ).encode()


def page(view: Offers, item: Item, qr: QrCodes) -> bytes:
    t = view.t
    entry, here = item.entry, item.address
    kind = t(f"share.kind.{item.kind}")
    parts = [
        f'<p class="note"><span class="kind">{escape(kind)}</span> {escape(item.note)}</p>',
        f"<h1>{escape(entry.title)}</h1>",
        f"<p>{escape(entry.summary)}</p>",
        f'<p><a href="{escape(item.page)}">{escape(t("share.view_page"))}</a></p>',
        f"<h2>{escape(t('share.networks'))}</h2>",
        f"<p>{escape(t('share.networks_hint'))}</p>",
    ]
    device = json.dumps({"title": entry.title, "text": entry.summary, "url": item.tagged("share-sheet")})
    links = "".join(
        f'<li><a href="{escape(href)}" target="_blank" rel="noopener" data-network="{network}">'
        f"{escape(NETWORK_NAMES.get(network) or t('share.email'))}</a></li>"
        for network, href in share_links(view, item)
    )
    parts.append(
        f'<ul class="networks"><li><button type="button" class="primary" data-share="{escape(device)}" hidden>'
        f"{escape(t('share.device'))}</button></li>{links}</ul>"
    )
    parts.append(f"<h2>{escape(t('share.texts'))}</h2><p>{escape(t('share.texts_hint'))}</p>")
    for n, (name, text) in enumerate(texts(view, item), 1):
        field, status = f"text-{n}", f"status-{n}"
        parts.append(
            f'<div class="card"><label for="{field}"><strong>{escape(name)}</strong></label>'
            f'<textarea id="{field}" rows="{_rows(text)}" readonly>{escape(text)}</textarea>'
            f'<div class="copyrow"><button type="button" data-copy="{field}" data-status="{status}" '
            f'data-done="{escape(t("share.copied"))}" data-failed="{escape(t("share.copy_failed"))}">'
            f"{escape(t('share.copy', name=name))}</button>"
            f'<span class="status" id="{status}" role="status" aria-live="polite"></span></div></div>'
        )
    parts.append(f"<h2>{escape(t('share.images'))}</h2><p>{escape(t('share.images_hint'))}</p>")
    figures = "".join(
        f'<figure class="card"><img src="{escape(relative(card.url, here))}" alt="{escape(card.alt)}" '
        f'width="{card.width}" height="{card.height}" loading="lazy">'
        f'<figcaption><a href="{escape(relative(card.url, here))}" download>'
        f"{escape(t('share.download', width=card.width, height=card.height))}</a></figcaption></figure>"
        for card in item.cards
    )
    parts.append(f'<div class="images">{figures}</div>')
    code = qr.svg(item.tagged("qr"), t("share.qr_label", title=entry.title))
    # The download is made from the code on the page by the script (a copy as a data: address
    # would double the page); without the script the link stays hidden.
    parts.append(
        f"<h2>{escape(t('share.qr'))}</h2>"
        f'<div class="qr card">{Markup(code)}<div><p>{escape(t("share.qr_hint"))}</p>'
        f'<p><a href="#" download="{escape(entry.id)}-qr.svg" data-qr-download hidden>'
        f"{escape(t('share.qr_download'))}</a></p></div></div>"
    )
    tips = "".join(f"<li>{escape(t(f'share.tip{n}'))}</li>" for n in range(1, TIPS + 1))
    parts.append(f"<h2>{escape(t('share.tips_title'))}</h2><ul>{tips}</ul>")
    parts.append(f'<p class="note">{escape(t("share.privacy"))}</p>')
    return _document(view, here, t("share.page_title", title=entry.title), "\n".join(parts))


def index(view: Offers, found: list[Item]) -> bytes:
    t, s = view.t, view.settings
    here = f"{folder(view)}/"
    feed = relative(FEED, here)

    def entries(chosen: list[Item]) -> str:
        return (
            '<ul class="list">'
            + "".join(
                f'<li><span class="kind">{escape(t(f"share.kind.{i.kind}"))}</span>'
                f'<a href="{escape(relative(i.address, here))}">{escape(i.entry.title)}</a>'
                f'<br><span class="note">{escape(i.note)}</span></li>'
                for i in chosen
            )
            + "</ul>"
        )

    fresh = [i for i in found if i.fresh]
    parts = [
        f"<h1>{escape(t('share.index_title'))}</h1>",
        f"<p>{escape(t('share.index_intro', organisation=s.organisation))}</p>",
        f"<h2>{escape(t('share.this_week'))}</h2>",
        entries(fresh) if fresh else f"<p>{escape(t('share.this_week_none'))}</p>",
        f"<h2>{escape(t('share.all_vacancies'))}</h2>",
        entries([i for i in found if i.kind == "vacancy"]) or "",
        f"<h2>{escape(t('share.all_stories'))}</h2>",
        entries([i for i in found if i.kind == "story"]),
        f"<h2>{escape(t('share.feed_title_short'))}</h2>",
        f"<p>{escape(t('share.feed_hint'))} <code>{escape(s.site_url + FEED)}</code> "
        f'<a href="{escape(feed)}">RSS</a></p>',
    ]
    # The team's other pages, which the public footer does not show: the feeds for schedulers, the
    # content calendar and the web editor.
    pages, a = view.site.page_templates, view.site.addresses
    team = [(t("ui.footer_feeds"), pages.get("feeds.html")), (t("ui.footer_calendar"), pages.get("calendar.html"))]
    links = [(label, a.page(source)) for label, source in team if source] + [(t("cms.title"), "admin/")]
    items = "".join(f'<li><a href="{escape(relative(link, here))}">{escape(label)}</a></li>' for label, link in links)
    parts.append(f"<h2>{escape(t('share.team'))}</h2><ul>{items}</ul>")
    return _document(view, here, t("share.index_title"), "\n".join(parts))


def feed(view: Offers, found: list[Item]) -> Iterator[bytes]:
    """RSS 2.0 of this week's items to share, newest first, each linking to its share page: for a
    scheduler or a Teams or Slack RSS app. Dated by the newest item, so a build is repeatable."""
    t, s = view.t, view.settings
    fresh = sorted((i for i in found if i.fresh), key=lambda i: (i.entry.published, i.entry.id), reverse=True)
    newest = max((i.entry.published for i in fresh), default=view.site.today)

    def moment(day: dt.date) -> str:
        return format_datetime(dt.datetime.combine(day, dt.time(), s.timezone), usegmt=False)

    yield (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n'
        "<channel>\n"
        f"<title>{escape(t('share.feed_title', organisation=s.organisation))}</title>\n"
        f"<link>{escape(s.site_url + folder(view) + '/')}</link>\n"
        f'<atom:link href="{escape(s.site_url + FEED)}" rel="self" type="application/rss+xml"/>\n'
        f"<description>{escape(t('share.feed_description'))}</description>\n"
        f"<language>{escape(s.language)}</language>\n"
        f"<lastBuildDate>{moment(newest)}</lastBuildDate>\n"
        "<ttl>60</ttl>\n"
    ).encode()
    for i in fresh:
        link = s.site_url + i.address
        yield (
            "<item>\n"
            f"<title>{escape(t(f'share.kind.{i.kind}'))}: {escape(i.entry.title)}</title>\n"
            f"<link>{escape(link)}</link>\n"
            f'<guid isPermaLink="false">share:{i.kind}:{escape(i.entry.id)}</guid>\n'
            f"<pubDate>{moment(i.entry.published)}</pubDate>\n"
            f"<description>{escape(i.entry.summary + ' ' + i.note)}</description>\n"
            "</item>\n"
        ).encode()
    yield b"</channel>\n</rss>\n"


def write(view: Offers, cards: Cards, site_dir: Path, cache_dir: Path, placer: Placer | None = None) -> int:
    """Every share page, the staff page and the feed; how many share pages. With `placer`, a page
    the live site has unchanged is linked from it, not written again (a thousand pages a build)."""
    found = items(view, cards)
    qr = QrCodes(cache_dir)
    base = site_dir / folder(view)
    made: set[Path] = set()
    for item in found:
        path = site_dir / item.address
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        # `make serve`: the previous rebuild's page when the item is the same (settings, data
        # files and the day are the rebuild's scope)
        data = view.again(("share page", item.address), item, partial(page, view, item, qr))
        if placer is None:
            write_new(path, data)
        else:
            placer.put_made(item.address, "share-" + hashlib.sha1(data).hexdigest(), data)
    base.mkdir(parents=True, exist_ok=True)
    write_atomic(base / "index.html", index(view, found))
    write_new(base / f"{ASSETS}.css", _style(view).encode())
    write_new(base / f"{ASSETS}.js", _SCRIPT.encode())
    (site_dir / "feeds").mkdir(exist_ok=True)
    write_atomic(site_dir / FEED, feed(view, found))
    qr.save()
    return len(found)
