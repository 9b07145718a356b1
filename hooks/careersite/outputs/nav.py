"""NAV's stillingsimport (navikt/pam-import-api): the open vacancies of a Norwegian site as ads on
arbeidsplassen.nav.no, which is how employers in Norway report their vacancies to NAV
(arbeidsmarkedsloven § 7). `make nav` makes the ads and checks them offline against the API's own
rules, each problem as `file:line: field: problem, and what to do`; with `--send` (`make nav
SEND=yes`) it sends the new and changed ones and stops the filled and cancelled ones.

The API, as its documentation and code state it: ads go as a stream of JSON objects
(`POST /api/v1/transfers/{providerId}`, `application/x-json-stream`, a bearer token); the answer is
always HTTP 200 with one receipt per ad, in order, whose `status` says RECEIVED, SKIPPED (the same
content again) or ERROR (with a `message`); `DELETE /api/v1/transfers/{providerId}/{reference}`
stops an ad. The provider id and token come from the environment (NAV_PROVIDER_ID, NAV_TOKEN),
never from a file of the repository. What was sent is kept in `.cache/nav-sent.json` (each ad's
reference with a hash of its content), so that only new and changed ads go again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import escape

from careersite.content.errors import Problem
from careersite.i18n import Translator
from careersite.offers import Offers
from careersite.outputs.jsonld import employment_types
from careersite.publish import kept
from careersite.site import Listed, Site

API = "https://arbeidsplassen-api.nav.no/stillingsimport"
SENT = "nav-sent.json"
# The API's value lists (PropertyNameValueValidation) for the properties this makes.
ENGAGEMENT = {
    "permanent": "Fast",
    "temporary": "Engasjement",
    "internship": "Annet",
    "traineeship": "Trainee",
}
REMOTE = {"remote": "Hjemmekontor", "hybrid": "Hybridkontor", "onsite": "Hjemmekontor ikke mulig"}
LANGUAGES = {"nb": "Norsk", "nn": "Norsk", "en": "Engelsk", "sv": "Skandinavisk", "da": "Skandinavisk"}
# The API's limits (AdDTO, EmployerDTO, ContactDTO): below these lengths.
LIMITS = {"reference": 255, "title": 512, "businessName": 255, "contact": 255, "phone": 36}
_POSTAL_CODE = re.compile(r"^[0-9]{4}$")


@dataclass
class Plan:
    """The ads of the open vacancies, what is wrong with them, and what a send would do."""

    ads: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    new: list[str] = field(default_factory=list)  # references never sent, or changed since
    unchanged: list[str] = field(default_factory=list)
    stop: list[str] = field(default_factory=list)  # sent before, now filled or cancelled


def ad(site: Site, offers: Offers, item: Listed, body_html: str) -> dict[str, Any]:
    """One vacancy as NAV's AdDTO."""
    s, v = site.settings, item.vacancy
    offer = offers.of(item)
    low, high = v.hours
    fulltime = site.salary_table.fulltime_hours
    employer_place = {
        "address": s.address.street or None,
        "postalCode": s.address.postal_code or None,
        "city": s.address.locality or None,
        "municipal": s.address.locality or None,
        "county": s.address.region or None,
        "country": "Norge",
    }
    work = site.place(v)  # the place of work (locations file), else the organisation's address
    place = {
        "address": work.street or None,
        "postalCode": work.postal_code or None,
        "city": work.locality or None,
        "municipal": work.locality or None,
        "county": work.region or None,
        "country": "Norge",
    }
    properties: dict[str, str] = {
        "applicationdue": v.closes.strftime("%d.%m.%Y"),
        "extent": "Heltid" if high >= fulltime else "Deltid",
        "engagementtype": ENGAGEMENT[v.employment],
        "sector": "Offentlig",
        "sourceurl": offer.link,
        "jobtitle": v.title,
        "workLanguage": json.dumps([LANGUAGES.get(s.language, "Norsk")]),
    }
    if "PART_TIME" in employment_types(v, fulltime) and high < fulltime:
        share = [round(h / fulltime * 100) for h in (low, high)]
        properties["jobpercentage"] = f"{share[0]}%" if share[0] == share[1] else f"{share[0]}-{share[1]}%"
    if v.apply.startswith("mailto:"):
        properties["applicationemail"] = v.apply.removeprefix("mailto:").split("?")[0]
    else:
        properties["applicationurl"] = v.apply
    if v.remote:
        properties["remote"] = REMOTE[v.remote]
    if s.contact.url:
        properties["employerhomepage"] = s.contact.url
    if v.tags:
        properties["keywords"] = ";".join(v.tags)
    contact = {"name": v.contact.name, "title": v.contact.role or None, "email": v.contact.email or None}
    contact["phone"] = v.contact.phone or None
    return {
        "reference": v.id,
        "positions": 1,
        "title": v.title,
        "adText": f"<p>{escape(v.summary)}</p>\n{body_html}",
        "published": f"{v.published.isoformat()}T00:00:00",
        "expires": f"{(v.closes + dt.timedelta(days=1)).isoformat()}T00:00:00",
        "privacy": "SHOW_ALL",
        "employer": {
            "businessName": s.organisation,
            "orgnr": s.nav_orgnr or None,
            "location": employer_place,
        },
        "locationList": [place],
        "contactList": [{k: val for k, val in contact.items() if val}],
        "properties": properties,
    }


def digest(value: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def plan(site: Site, offers: Offers, config_path: str, sent: Mapping[str, str]) -> Plan:
    """The ads of the site's open vacancies, checked; against `sent` (reference → digest of what
    went before), what a send would post and stop."""
    t, s = site.t, site.settings
    result = Plan()
    if s.country != "NO":
        result.problems.append(Problem(config_path, 0, "country", t("nav.not_norway", country=s.country)))
        return result
    if not s.nav_orgnr:
        result.problems.append(Problem(config_path, 0, "extra.careersite.nav_orgnr", t("nav.no_orgnr")))
    if not _POSTAL_CODE.match(s.address.postal_code or ""):
        result.problems.append(
            Problem(
                config_path,
                0,
                "extra.careersite.address.postal_code",
                t("nav.postal_code", value=s.address.postal_code),
            )
        )
    if len(s.organisation) >= LIMITS["businessName"]:
        result.problems.append(
            Problem(config_path, 0, "extra.careersite.organisation", t("nav.too_long", limit=LIMITS["businessName"]))
        )
    renderer = site.bodies.renderer if site.bodies is not None else None
    for item in site.open_vacancies:
        v = item.vacancy
        body = renderer.html(v.body) if renderer is not None else ""
        value = ad(site, offers, item, body)
        for name, limit, text, line in (
            ("id", LIMITS["reference"], v.id, v.line("id")),
            ("title", LIMITS["title"], v.title, v.line("title")),
            ("contact.name", LIMITS["contact"], v.contact.name, v.line("contact")),
            ("contact.role", LIMITS["contact"], v.contact.role, v.line("contact")),
            ("contact.phone", LIMITS["phone"], v.contact.phone, v.line("contact")),
        ):
            if len(text or "") >= limit:
                result.problems.append(Problem(v.source, line, name, t("nav.too_long", limit=limit)))
        if not v.body.strip():
            result.problems.append(Problem(v.source, v.body_line, "", t("nav.no_text")))
        result.ads.append(value)
        (result.unchanged if sent.get(v.id) == digest(value) else result.new).append(v.id)
    open_ids = {i.vacancy.id for i in site.open_vacancies}
    ended = {i.vacancy.id for i in site.vacancies if i.vacancy.status in ("filled", "cancelled")}
    result.stop = sorted(ref for ref in sent if ref not in open_ids and ref in ended)
    return result


class SendFailed(Exception):
    """NAV could not be reached or refused the provider's token: the message says what to do."""


@dataclass
class Outcome:
    received: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (reference, NAV's message)
    stopped: list[str] = field(default_factory=list)


def send(result: Plan, environ: Mapping[str, str], t: Translator, cache_dir: Path) -> Outcome:
    """Post the new and changed ads as one stream, read each receipt, stop the ended ones; keep
    what NAV received in the cache."""
    provider = environ.get("NAV_PROVIDER_ID", "").strip()
    token = environ.get("NAV_TOKEN", "").strip()
    if not provider.isdigit() or not token:
        raise SendFailed(t("nav.no_credentials"))
    base = environ.get("NAV_API", API).rstrip("/")
    headers = {"Authorization": f"Bearer {token}", "Cache-Control": "no-cache"}
    sent = sent_before(cache_dir)
    outcome = Outcome()
    posting = [a for a in result.ads if a["reference"] in result.new]
    if posting:
        stream = "\n".join(json.dumps(a, ensure_ascii=False) for a in posting).encode()
        answer = _call(
            f"{base}/api/v1/transfers/{provider}",
            "POST",
            {**headers, "Content-Type": "application/x-json-stream", "Accept": "application/x-json-stream"},
            stream,
            t,
        )
        receipts = _receipts(answer)
        for value, receipt in zip(posting, receipts + [None] * (len(posting) - len(receipts)), strict=True):
            reference = value["reference"]
            status = str((receipt or {}).get("status", "")).upper()
            if status in ("RECEIVED", "DONE"):
                outcome.received.append(reference)
                sent[reference] = digest(value)
            elif status == "SKIPPED":
                outcome.skipped.append(reference)
                sent[reference] = digest(value)
            else:
                message = (receipt or {}).get("message") or t("nav.no_receipt")
                outcome.errors.append((reference, str(message)))
    for reference in result.stop:
        _call(
            f"{base}/api/v1/transfers/{provider}/{reference}",
            "DELETE",
            {**headers, "Accept": "application/json"},
            None,
            t,
        )
        outcome.stopped.append(reference)
        sent.pop(reference, None)
    kept.save_json(cache_dir / SENT, "nav", sent)
    return outcome


def _call(url: str, method: str, headers: dict[str, str], body: bytes | None, t: Translator) -> bytes:
    request = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return bytes(response.read())
    except urllib.error.HTTPError as error:
        if error.code in (401, 403):
            raise SendFailed(t("nav.refused", status=error.code)) from None
        detail = error.read(2000).decode("utf-8", errors="replace")
        raise SendFailed(t("nav.failed", status=error.code, detail=detail[:300])) from None
    except (urllib.error.URLError, OSError) as error:
        raise SendFailed(t("nav.unreachable", problem=getattr(error, "reason", None) or error)) from None


def _receipts(answer: bytes) -> list[dict[str, Any]]:
    """The receipts of a stream: JSON objects one after another (with or without line breaks)."""
    text, found, at = answer.decode("utf-8", errors="replace"), [], 0
    decoder = json.JSONDecoder()
    while at < len(text):
        while at < len(text) and text[at].isspace():
            at += 1
        if at >= len(text):
            break
        try:
            value, at = decoder.raw_decode(text, at)
        except ValueError:
            break
        if isinstance(value, dict):
            found.append(value)
    return found


def sent_before(cache_dir: Path) -> dict[str, str]:
    """What NAV received before: each ad's reference with the digest of its content."""
    stored = kept.load_json(cache_dir / SENT, "nav")
    return dict(stored) if isinstance(stored, dict) else {}
