"""Every interface string exists in every language, with the same placeholders."""

import re

import pytest
from careersite.i18n import LANGUAGES, Translator, catalog

PLACEHOLDER = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")


def placeholders(value) -> set[str]:
    texts = value.values() if isinstance(value, dict) else [value]
    return {name for text in texts for name in PLACEHOLDER.findall(text)}


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_catalog_matches_english(language: str) -> None:
    english, other = catalog("en"), catalog(language)
    assert set(other) == set(english)
    for key, value in english.items():
        assert placeholders(other[key]) == placeholders(value), key


def test_dates_and_durations_per_language() -> None:
    import datetime as dt

    day = dt.date(2027, 1, 15)
    assert Translator("nl").date(day) == "15 januari 2027"
    assert Translator("nb").date(day) == "15. januar 2027"
    assert Translator("nl").duration(43) == "6 weken"
    assert Translator("nl").duration(10) == "10 dagen"
    assert Translator("en").duration(7) == "1 week"
    assert Translator("sv").date(day) == "15 januari 2027" and Translator("sv").duration(43) == "6 veckor"
    assert Translator("da").date(day) == "15. januar 2027" and Translator("da").duration(43) == "6 uger"


def test_readme_field_reference_is_generated_from_the_declarations() -> None:
    from pathlib import Path

    from careersite.__main__ import fields_reference

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    between = readme.split("<!-- fields:start -->\n", 1)[1].split("<!-- fields:end -->", 1)[0]
    assert between == fields_reference(), "run: PYTHONPATH=hooks .venv/bin/python -m careersite fields"


def test_readme_settings_reference_is_generated_from_the_declarations() -> None:
    from pathlib import Path

    from careersite.content.settings import settings_table

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    between = readme.split("<!-- settings:start -->\n", 1)[1].split("<!-- settings:end -->", 1)[0]
    assert between == settings_table() + "\n", "run: PYTHONPATH=hooks .venv/bin/python -m careersite settings"


def test_readme_data_file_reference_is_generated_from_the_declarations() -> None:
    from pathlib import Path

    from careersite.__main__ import data_reference

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    between = readme.split("<!-- data:start -->\n", 1)[1].split("<!-- data:end -->", 1)[0]
    assert between == data_reference(), "run: PYTHONPATH=hooks .venv/bin/python -m careersite data"
