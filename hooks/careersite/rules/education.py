"""Education levels as each country's employers name them, lowest first, with the credential
category that Google's JobPosting data expects for each (`educationRequirements`).

A vacancy's `education` is one of its site's country's levels: a Dutch site asks for `hbo`, a
Norwegian one for `bachelor`, an English or any other one for `bachelor` too, each shown in the
site's language (`education.<level>` in the interface strings)."""

from __future__ import annotations

LEVELS: dict[str, tuple[tuple[str, str], ...]] = {
    "NL": (
        ("vmbo", "high school"),
        ("mbo", "professional certificate"),
        ("hbo", "bachelor degree"),
        ("wo", "postgraduate degree"),
    ),
    "NO": (
        ("vgs", "high school"),  # videregående skole
        ("fagbrev", "professional certificate"),  # fag- eller svennebrev
        ("fagskole", "associate degree"),  # høyere yrkesfaglig utdanning
        ("bachelor", "bachelor degree"),
        ("master", "postgraduate degree"),
    ),
    "": (  # elsewhere (GB, IE …): the levels most countries' employers can map theirs to
        ("secondary", "high school"),
        ("vocational", "professional certificate"),
        ("bachelor", "bachelor degree"),
        ("master", "postgraduate degree"),
    ),
}
# What a new vacancy asks for until its author says otherwise (`make new-vacancy`).
DEFAULT = {"NL": "hbo", "NO": "bachelor", "": "bachelor"}
ALL = tuple(dict.fromkeys(level for levels in LEVELS.values() for level, _ in levels))


def levels(country: str) -> tuple[str, ...]:
    """The education levels of a site in `country`, lowest first."""
    return tuple(level for level, _ in LEVELS.get(country, LEVELS[""]))


def credential(country: str, level: str) -> str:
    """The JobPosting credential category of a level."""
    return dict(LEVELS.get(country, LEVELS[""]))[level]


def default(country: str) -> str:
    return DEFAULT.get(country, DEFAULT[""])


def describe() -> str:
    """The levels per country, for the fields reference."""
    named = {"NL": "NL", "NO": "NO", "": "elsewhere"}
    return "; ".join(f"{named[country]}: {', '.join(levels(country))}" for country in LEVELS)
