"""schema.org JobPosting for an open vacancy, as Google for Jobs reads it."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from markupsafe import escape

from careersite.rules import education
from careersite.rules.clock import end_of_day
from careersite.rules.salary import Range

if TYPE_CHECKING:
    from careersite.content.model import Vacancy
    from careersite.site import Site

_UNIT = {"month": "MONTH", "year": "YEAR", "hour": "HOUR"}


def employment_types(vacancy: Vacancy, fulltime_hours: float) -> list[str]:
    """Google's employmentType values for the contract and the hours."""
    if vacancy.employment == "internship":
        return ["INTERN"]
    low, high = vacancy.hours
    types = []
    if high >= fulltime_hours:
        types.append("FULL_TIME")
    if low < fulltime_hours:
        types.append("PART_TIME")
    if vacancy.employment == "temporary":
        types.append("TEMPORARY")
    return types


def job_posting(site: Site, vacancy: Vacancy, pay: Range, body_html: str) -> dict[str, Any]:
    """The JobPosting of one vacancy, with the salary for its hours and its text as HTML."""
    s = site.settings
    url = site.addresses.absolute(site.addresses.vacancy(vacancy.slug))
    description = f"<p>{escape(vacancy.summary)}</p>\n{body_html}"
    place = site.place(vacancy)  # its place of work (locations file), else the organisation's address
    address = {
        "@type": "PostalAddress",
        "streetAddress": place.street,
        "postalCode": place.postal_code,
        "addressLocality": place.locality,
        "addressRegion": place.region,
        "addressCountry": place.country or s.country,
    }
    posting: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": vacancy.title,
        "description": description,
        "identifier": {"@type": "PropertyValue", "name": s.organisation, "value": vacancy.number},
        "datePosted": vacancy.published.isoformat(),
        "validThrough": end_of_day(vacancy.closes, s.timezone).isoformat(),
        "employmentType": employment_types(vacancy, site.salary_table.fulltime_hours),
        "hiringOrganization": {
            "@type": "Organization",
            "name": s.organisation,
            # the organisation's own site (setting contact.url), not this career site
            "sameAs": s.contact.url or s.site_url,
            **({"logo": f"{s.site_url}assets/{s.logo.name}"} if s.logo else {}),
        },
        "jobLocation": {
            "@type": "Place",
            "name": vacancy.location,
            "address": {k: v for k, v in address.items() if v},
            **(
                {"geo": {"@type": "GeoCoordinates", "latitude": place.latitude, "longitude": place.longitude}}
                if place.latitude is not None and place.longitude is not None
                else {}
            ),
        },
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": pay.currency,
            "value": {
                "@type": "QuantitativeValue",
                "minValue": round(pay.minimum),
                "maxValue": round(pay.maximum),
                "unitText": _UNIT[pay.period],
            },
        },
        "industry": "Public administration",
        "directApply": False,
        "url": url,
    }
    if vacancy.remote == "remote":
        posting["jobLocationType"] = "TELECOMMUTE"
        posting["applicantLocationRequirements"] = {"@type": "Country", "name": s.country}
    # An internship asks for students on their way to a level, not for holders of it: no
    # education is required of them (Google would read "bachelor degree" as a requirement).
    if vacancy.employment == "internship":
        posting["educationRequirements"] = "no requirements"
        posting["experienceRequirements"] = "no requirements"
    elif vacancy.education:
        posting["educationRequirements"] = {
            "@type": "EducationalOccupationalCredential",
            "credentialCategory": education.credential(s.country, vacancy.education),
        }
    low, high = vacancy.hours
    posting["workHours"] = f"{low:g}-{high:g} hours per week" if low != high else f"{low:g} hours per week"
    return posting


def render(data: dict[str, Any]) -> str:
    """JSON safe to place inside a <script> element: no sequence can close the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # As Django's json_script does: no "<", ">" or "&" at all, so that nothing can end the element
    # or open a comment; the line separators are escaped for parsers that read it as JavaScript.
    for char in ("<", ">", "&", "\u2028", "\u2029"):
        if char in text:
            text = text.replace(char, f"\\u{ord(char):04x}")
    return text
