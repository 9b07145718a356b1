"""feeds/indeed.xml: every open vacancy in Indeed's XML job feed format, for Indeed and the job
boards and aggregators that read the same format (README: Job boards).

The format (docs.indeed.com, XML feed reference): a `<source>` with `publisher`, `publisherurl`
and `lastBuildDate`, and one `<job>` per open vacancy, its values in CDATA. Required per job:
`title`, `date` (first published, as the page shows it), `referencenumber` (the vacancy's stable
`id`, never reused), `requisitionid`, `url` (the vacancy's page, not the application system),
`company`, `city`, `state`, `country` and `description`; besides those, what the page also shows:
postal code and street, salary, job type, education, category (the department), the closing day
and remote work. A job leaves the feed when it closes, is filled or cancelled, and is not in it
before its `published` day: the board then removes it.

Indeed reads no HTML entities: the description's entities are written as the characters they
stand for, except `&lt;`, `&gt;` and `&amp;`, which HTML needs.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator, Mapping
from email.utils import format_datetime
from urllib.parse import urljoin

from markupsafe import escape

from careersite.content.model import ItemRef, ref
from careersite.offers import Offer, Offers
from careersite.outputs.jsonld import employment_types

# Google's employment types (as the JobPosting states them) as Indeed's job types.
JOB_TYPES = {"FULL_TIME": "fulltime", "PART_TIME": "parttime", "TEMPORARY": "temporary", "INTERN": "internship"}
REMOTE_TYPES = {"remote": "Fully remote", "hybrid": "Hybrid remote"}
TAGS = "utm_source=indeed&utm_medium=jobboard"  # the report counts its visitors as the channel `indeed`
_ENTITY = re.compile(r"&(?!(?:lt|gt|amp);)(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
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


def cdata(text: str) -> str:
    """`text` as CDATA; a `]]>` inside is split over two sections, so that nothing ends it early."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def literal(body_html: str) -> str:
    """HTML with its entities as characters (`&euro;` → €), but for those HTML needs."""
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), body_html)


_LINK = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


def absolute(body_html: str, page: str) -> str:
    """The text's links as full addresses: on a job board, `../../salaris/` leads nowhere."""
    return _LINK.sub(
        lambda m: m.group(1) + urljoin(page, html.unescape(m.group(2))).replace('"', "%22") + m.group(3), body_html
    )


def job(view: Offers, offer: Offer, body_html: str) -> dict[str, str]:
    """The elements of one open vacancy, in the order Indeed lists them; empty ones are left out."""
    site, s, t = view.site, view.settings, view.t
    v = offer.listed.vacancy
    place = site.place(v)
    description = literal(f"<p>{escape(v.summary)}</p>\n{absolute(body_html, offer.link)}")
    types = [JOB_TYPES[k] for k in employment_types(v, site.salary_table.fulltime_hours) if k in JOB_TYPES]
    elements = {
        "title": v.title,
        "date": v.published.isoformat(),
        "referencenumber": v.id,
        "requisitionid": v.number,  # the organisation's own number where it has one
        "url": f"{offer.link}?{TAGS}",
        "company": s.organisation,
        "city": place.locality or v.location,
        "state": place.region,
        "country": place.country or s.country,
        "postalcode": place.postal_code,
        "streetaddress": place.street,
        "description": description,
        "salary": f"{offer.pay.amounts} {offer.pay.period}",
        "education": t(f"education.{v.education}") if v.education else "",
        "jobtype": ", ".join(types),
        "category": v.department,
        "expirationdate": v.closes.isoformat(),
        "remotetype": REMOTE_TYPES.get(v.remote or "", ""),
    }
    return {name: value for name, value in elements.items() if value or name in REQUIRED}


def render(view: Offers, bodies: Mapping[ItemRef, str]) -> Iterator[bytes]:
    """The feed, a vacancy at a time (`write_atomic` writes as it goes). `bodies`: each item's
    rendered text."""
    s = view.settings
    built = dt.datetime.combine(view.site.today, dt.time(), dt.UTC)
    yield (
        '<?xml version="1.0" encoding="utf-8"?>\n<source>\n'
        f"  <publisher>{escape(s.organisation)}</publisher>\n"
        f"  <publisherurl>{escape(s.site_url)}</publisherurl>\n"
        f"  <lastBuildDate>{format_datetime(built, usegmt=True)}</lastBuildDate>\n"
    ).encode()
    for listed in view.site.open_vacancies:
        offer = view.of(listed)
        elements = job(view, offer, bodies.get(ref(listed.vacancy), ""))
        inner = "".join(f"    <{name}>{cdata(value)}</{name}>\n" for name, value in elements.items())
        yield f"  <job>\n{inner}  </job>\n".encode()
    yield b"</source>\n"
