"""Control characters written as YAML escapes ("\\u0001", "\\x1b", "\\e") in every field and setting:
each is a message at its file, line and field, from `make check` as from the build, never an OK
followed by a crash (a title "Beleid\\u0001adviseur" passed `make check` and then stopped the feed
writer with lxml's ValueError)."""

from __future__ import annotations

from pathlib import Path

import pytest
from careersite.config import load
from careersite.content.errors import ContentError
from careersite.content.model import STORY_FIELDS, VACANCY_FIELDS
from conftest import TODAY, copy_example, edit, run_build
from hostile import STORY, VACANCY, set_field

# Every C0 and C1 control character, but the tab and line breaks that text may hold (as spaces in
# a one-line field: \t \n \v \f \r and NEL), as YAML writes it in a double-quoted value.
CONTROL = (
    [c for c in range(0x00, 0x20) if c not in (0x09, 0x0A, 0x0B, 0x0C, 0x0D)]
    + [0x7F]
    + [c for c in range(0x80, 0xA0) if c != 0x85]
)


def escaped(code: int) -> str:
    return f"\\x{code:02x}"


# Each field with a value that holds the character at {x}, written as YAML.
VACANCY_VALUES = {
    "title": '"Beleid{x}adviseur"',
    "summary": '"Je werkt{x} aan beleid voor wonen."',
    "department": '"Sociaal{x} Domein"',
    "location": '"Stadskantoor{x}, Lindewaard"',
    "hours": '"32{x}-36"',
    "scale": '"1{x}0"',
    "salary": '{min: 3000, max: 4000, currency: "EU{x}R"}',
    "published": '"2026-11-1{x}6"',
    "closes": '"2027-12-1{x}3"',
    "apply": '"https://werkenbij.lindewaard.example/{x}"',
    "contact": '{name: "Ilse{x} Kramer", role: teamleider, phone: "0570 75 12 40"}',
    "process": '"stan{x}daard"',
    "process_dates": '{gesprek1: "2027-0{x}1-05"}',
    "send": '["c{x}v"]',
    "applicants": '"every{x}one"',
    "employment": '"va{x}st"',
    "education": '"h{x}bo"',
    "remote": '"hy{x}brid"',
    "channels": '["link{x}edin"]',
    "social": '{linkedin: "Een post{x} voor LinkedIn"}',
    "accept": '{age: "Positieve actie{x} voor deze groep."}',
    "stories": '["fatima{x}-el-amrani"]',
    "tags": '["wo{x}nen"]',
    "change_note": '"Verlengd{x} tot na de feestdagen."',
    "reference": '"2026-{x}0142"',
    "status": '"fil{x}led"',
    "id": '"jurist{x}-1"',
}
STORY_VALUES = {
    "title": '"Een dag{x} aan de balie"',
    "name": '"Noor{x} Veldman"',
    "role": '"Medewerker{x} Burgerzaken"',
    "department": '"Dienst{x}verlening"',
    "summary": '"Noor helpt{x} inwoners."',
    "quote": '"Iedereen{x} gaat met een antwoord naar huis."',
    "photo": '"img/wei{x}-chen.jpg"',
    "photo_alt": '"Illustratie{x} van een medewerker."',
    "video": '"https://www.youtube.com/watch?v=abc{x}def"',
    "published": '"2026-11-0{x}9"',
    "consent_until": '"2028-11-0{x}9"',
    "channels": '["link{x}edin"]',
    "social": '{linkedin: "Een post{x} voor LinkedIn"}',
    "tags": '["ba{x}lie"]',
    "id": '"noor{x}-1"',
}


def test_every_field_is_in_the_corpus() -> None:
    assert set(VACANCY_VALUES) == {f.name for f in VACANCY_FIELDS}
    assert set(STORY_VALUES) == {f.name for f in STORY_FIELDS}


@pytest.fixture(scope="module")
def reported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The example with a file per field and character, and every problem `make check` reports."""
    root = copy_example(tmp_path_factory.mktemp("control"))
    for kind, base, values in (("vacancies", VACANCY, VACANCY_VALUES), ("stories", STORY, STORY_VALUES)):
        for name, value in values.items():
            for code in CONTROL:
                text = set_field(
                    base.replace("{name}", f"{name}-{code:02x}"), name, value.replace("{x}", escaped(code))
                )
                (root / kind / f"zz-{name.replace('_', '-')}-{code:02x}.md").write_text(text, encoding="utf-8")
    try:
        load(root / "mkdocs.yml", {"CAREERSITE_TODAY": TODAY})
    except ContentError as error:
        return root, [str(problem) for problem in error.problems]
    raise AssertionError("make check said OK")


@pytest.mark.parametrize(
    ("kind", "field"), [("vacancies", f) for f in VACANCY_VALUES] + [("stories", f) for f in STORY_VALUES]
)
def test_a_control_character_in_any_field_is_reported_at_its_line(
    reported: tuple[Path, list[str]], kind: str, field: str
) -> None:
    root, problems = reported
    for code in CONTROL:
        path = f"{kind}/zz-{field.replace('_', '-')}-{code:02x}.md"
        text = (root / path).read_text(encoding="utf-8")
        line = next(i for i, row in enumerate(text.split("\n"), 1) if row.startswith(f"{field}:"))
        mine = [p for p in problems if p.startswith(f"{path}:{line}: {field}")]
        assert mine, f"nothing reported for {path} (U+{code:04X}); for this file: " + str(
            [p for p in problems if p.startswith(path)]
        )
        assert all("\x1b" not in p and "\r" not in p for p in mine)


SETTING_VALUES = [
    ("    organisation: Gemeente Lindewaard", '    organisation: "Gemeente{x} Lindewaard"', "organisation"),
    ("    tagline: Werk dat je terugziet in je eigen straat.", '    tagline: "Werk{x} dat telt."', "tagline"),
    ("      street: Markt 1", '      street: "Markt{x} 1"', "address.street"),
    ("      phone: 0570 75 10 00", '      phone: "0570{x} 75 10 00"', "contact.phone"),
    ("      email: werkenbij@lindewaard.example", '      email: "werkenbij{x}@lindewaard.example"', "contact.email"),
    ("      linkedin: {name: LinkedIn}", '      linkedin: {name: "Linked{x}In"}', "channels.linkedin"),
    ("    timezone: Europe/Amsterdam", '    timezone: "Europe/Amster{x}dam"', "timezone"),
]


@pytest.mark.parametrize(("old", "new", "field"), SETTING_VALUES, ids=[s[2] for s in SETTING_VALUES])
def test_a_control_character_in_a_setting_is_reported_by_check_and_build(
    site_copy: Path, old: str, new: str, field: str
) -> None:
    """An organisation with YAML-escaped control characters passed `make check`, then the build
    ended in lxml's ValueError."""
    edit(site_copy / "mkdocs.yml", old, new.replace("{x}", "\\x01"))
    with pytest.raises(ContentError) as error:
        load(site_copy / "mkdocs.yml", {"CAREERSITE_TODAY": TODAY})
    messages = [str(p) for p in error.value.problems]
    assert any(f"extra.careersite.{field}" in m for m in messages), messages
    if field == "organisation":
        build = run_build(site_copy)
        assert build.returncode != 0 and "Traceback" not in build.output and "ValueError" not in build.output
        assert "extra.careersite.organisation" in build.output
