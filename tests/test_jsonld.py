"""JobPosting details that Google reads: contract types and safe embedding in the page."""

import json

from careersite.content.model import Vacancy
from careersite.outputs.jsonld import employment_types, render


def vacancy(employment: str, hours: tuple[float, float]) -> Vacancy:
    return Vacancy(
        slug="x",
        source="x.md",
        body="",
        title="T",
        summary="S",
        department="D",
        location="L",
        hours=hours,
        published=None,
        closes=None,
        apply="",
        contact=None,
        process="p",
        id="x",
        employment=employment,
    )  # type: ignore[arg-type]


def test_employment_types_follow_contract_and_hours() -> None:
    assert employment_types(vacancy("permanent", (36, 36)), 36) == ["FULL_TIME"]
    assert employment_types(vacancy("permanent", (32, 36)), 36) == ["FULL_TIME", "PART_TIME"]
    assert employment_types(vacancy("temporary", (24, 24)), 36) == ["PART_TIME", "TEMPORARY"]
    assert employment_types(vacancy("internship", (32, 36)), 36) == ["INTERN"]


def test_rendered_json_cannot_close_the_script_element() -> None:
    data = {"title": "</script><script>alert(1)</script> & <!--", "line": "a\u2028b"}
    text = render(data)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == data
