"""JobPosting details that Google reads: contract types and safe embedding in the page."""

import copy
import json
from pathlib import Path

import jsonschema
from bs4 import BeautifulSoup
from careersite.content.model import Vacancy
from careersite.outputs.jsonld import employment_types, render
from conftest import Build
from test_example_site import OPEN


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


# Google's required and recommended JobPosting properties, with their shapes, as a JSON Schema
# (tests/schemas/google-jobposting.json), validated with the pinned jsonschema.
SCHEMA = Path(__file__).resolve().parent / "schemas" / "google-jobposting.json"


def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_every_open_vacancy_s_posting_has_what_google_requires_and_recommends(example: Build) -> None:
    validator = _validator()
    postings = {}
    for page in sorted((example.site / "vacatures").glob("*/index.html")):
        script = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
            'script[type="application/ld+json"]'
        )
        if script is not None:
            postings[page.parent.name] = json.loads(script.string)
    assert set(postings) == set(OPEN)  # every open vacancy, and no other
    problems = [
        f"{slug}: {'/'.join(map(str, error.absolute_path))}: {error.message}"
        for slug, posting in postings.items()
        for error in validator.iter_errors(posting)
    ]
    assert problems == []


def test_the_schema_rejects_what_google_would(example: Build) -> None:
    """The check above can fail: a posting without its country, with a contract type Google does
    not know, or with a salary without its unit, is reported."""
    validator = _validator()
    page = example.html("vacatures/ict-architect/index.html")
    good = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert not list(validator.iter_errors(good))
    for spoil in (
        lambda p: p["jobLocation"]["address"].pop("addressCountry"),
        lambda p: p.__setitem__("employmentType", ["FULLTIME"]),
        lambda p: p["baseSalary"]["value"].pop("unitText"),
        lambda p: p.pop("validThrough"),
        lambda p: p["hiringOrganization"].pop("name"),
    ):
        bad = copy.deepcopy(good)
        spoil(bad)
        assert list(validator.iter_errors(bad)), bad
