"""jobs.json: the open vacancies as open data, for aggregators and the employer's intranet."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from careersite.offers import Offers
from careersite.outputs.social import Cards

FORMAT_VERSION = 1


def jobs(view: Offers, cards: Cards) -> dict[str, Any]:
    """The document: who publishes it, as of which day, and each open vacancy, newest first."""
    document = _head(view)
    document["vacancies"] = list(_vacancies(view, cards))
    return document


def _head(view: Offers) -> dict[str, Any]:
    s = view.settings
    return {
        "version": FORMAT_VERSION,
        "organisation": s.organisation,
        "language": s.language,
        "updated": view.site.today.isoformat(),
        "count": len(view.site.open_vacancies),
    }


def _vacancies(view: Offers, cards: Cards) -> Iterator[dict[str, Any]]:
    """Each open vacancy, newest first, one at a time."""
    s = view.settings
    for listed in view.site.open_vacancies:
        v = listed.vacancy
        pay = view.pay(v).range
        low, high = v.hours
        yield (
            {
                "id": v.id,
                "title": v.title,
                "url": view.of(listed).link,
                "department": v.department,
                "location": v.location,
                "hours": {"min": low, "max": high},
                "employment": v.employment,
                "education": v.education,
                "remote": v.remote,
                "salary": {
                    "min": round(pay.minimum),
                    "max": round(pay.maximum),
                    "currency": pay.currency,
                    "period": pay.period,
                    "scale": list(v.scale) if v.scale else None,
                },
                "published": v.published.isoformat(),
                "closes": v.closes.isoformat(),
                "apply": v.apply,
                "image": s.site_url + cards.for_vacancy(listed).og.url,
                "summary": v.summary,
            }
        )


def render(view: Offers, cards: Cards) -> Iterator[bytes]:
    """The document with one vacancy per line: readable, easy to diff between days, and quick to
    write (indenting every field is ten times slower for a thousand vacancies). Made one vacancy
    at a time, for `write_atomic` to write as it goes: never all of it in memory (20 MB at 10,000)."""
    head = json.dumps(_head(view), ensure_ascii=False, indent=2)[:-2]  # without the closing "\n}"
    yield f'{head},\n  "vacancies": ['.encode()
    separator = "\n"
    for vacancy in _vacancies(view, cards):
        yield f"{separator}    {json.dumps(vacancy, ensure_ascii=False)}".encode()
        separator = ",\n"
    yield b"\n  ]\n}\n" if separator != "\n" else b"]\n}\n"
