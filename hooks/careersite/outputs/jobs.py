"""jobs.json: the open vacancies as open data, for aggregators and the employer's intranet."""

from __future__ import annotations

import json
from typing import Any

from careersite.outputs.social import Cards
from careersite.pages.views import SiteView, vacancy_url

FORMAT_VERSION = 1


def jobs(view: SiteView, cards: Cards) -> dict[str, Any]:
    """The document: who publishes it, as of which day, and each open vacancy, newest first."""
    s = view.settings
    vacancies = []
    for listed in view.site.open_vacancies:
        v = listed.vacancy
        pay = view.pay(v).range
        low, high = v.hours
        vacancies.append(
            {
                "id": v.id,
                "title": v.title,
                "url": s.site_url + vacancy_url(v),
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
    return {
        "version": FORMAT_VERSION,
        "organisation": s.organisation,
        "language": s.language,
        "updated": view.site.today.isoformat(),
        "count": len(vacancies),
        "vacancies": vacancies,
    }


def render(view: SiteView, cards: Cards) -> bytes:
    """The document with one vacancy per line: readable, easy to diff between days, and quick to
    write (indenting every field is ten times slower for a thousand vacancies)."""
    document = jobs(view, cards)
    vacancies = document.pop("vacancies")
    head = json.dumps(document, ensure_ascii=False, indent=2)[:-2]  # without the closing "\n}"
    lines = ",\n".join("    " + json.dumps(v, ensure_ascii=False) for v in vacancies)
    body = f'  "vacancies": [\n{lines}\n  ]' if vacancies else '  "vacancies": []'
    return f"{head},\n{body}\n}}\n".encode()
