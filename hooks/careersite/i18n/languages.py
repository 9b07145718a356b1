"""Each interface language as one record: everything the engine derives from a site's language.
A new language is a record here and a catalogue in `locales/<code>.yml` (CONTRIBUTING.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Language:
    code: str  # the site's `language` setting, as MkDocs' theme takes it
    babel: str  # Babel locale: dates, numbers, amounts
    og_locale: str  # Open Graph's og:locale
    hyphenation: str  # the card typesetter's hyphenation dictionary (pyphen)
    cms: str  # Decap CMS's locale of its interface
    holidays: str  # the `holidays` library's language of holiday names
    search: str  # lunr's language of MkDocs' search plugin
    country: str = "NL"  # the country of a site in this language that names none
    # Applications to a public employer are public records by default (Norway's offentleglova § 25,
    # Sweden's offentlighetsprincipen): each vacancy says so (setting `public_applicant_list`).
    public_applicants: bool = False
    url_prefix: str = "jobs"  # new-site's suggested address: https://<prefix>.<organisation>.<tld>/
    # The starter pages' file names in this language, which become their addresses (the starter
    # keeps them under the Dutch example's names, the keys): `salaris.md` → `lonn.md`.
    page_names: Mapping[str, str] = field(default_factory=dict)


LANGUAGES_BY_CODE: dict[str, Language] = {
    language.code: language
    for language in (
        Language(
            "nl",
            babel="nl_NL",
            og_locale="nl_NL",
            hyphenation="nl_NL",
            cms="nl",
            holidays="nl",
            search="nl",
            url_prefix="werkenbij",
        ),
        Language(
            "en",
            babel="en_GB",
            og_locale="en_GB",
            hyphenation="en_GB",
            cms="en",
            holidays="en_US",
            search="en",
            url_prefix="jobs",
            page_names={
                "werken-bij.md": "working-here.md",
                "solliciteren.md": "how-we-recruit.md",
                "salaris.md": "pay.md",
                "vacaturemelding.md": "job-alerts.md",
                "kalender.md": "content-calendar.md",
                "privacy.md": "privacy.md",
                "toegankelijkheid.md": "accessibility.md",
                "feeds.md": "feeds.md",
                "vacatures/index.md": "vacancies/index.md",
                "verhalen/index.md": "stories/index.md",
            },
        ),
        Language(
            "nb",
            babel="nb_NO",
            og_locale="nb_NO",
            hyphenation="nb_NO",
            cms="nb_no",
            holidays="no",
            search="no",
            country="NO",
            public_applicants=True,
            url_prefix="jobb",
            page_names={
                "werken-bij.md": "jobbe-hos-oss.md",
                "solliciteren.md": "slik-ansetter-vi.md",
                "salaris.md": "lonn.md",
                "vacaturemelding.md": "stillingsvarsel.md",
                "kalender.md": "innholdskalender.md",
                "privacy.md": "personvern.md",
                "toegankelijkheid.md": "tilgjengelighet.md",
                "feeds.md": "feeder.md",
                "vacatures/index.md": "ledige-stillinger/index.md",
                "verhalen/index.md": "historier/index.md",
            },
        ),
        Language(
            "sv",
            babel="sv_SE",
            og_locale="sv_SE",
            hyphenation="sv",
            cms="sv",
            holidays="sv",
            search="sv",
            country="SE",
            public_applicants=True,
            url_prefix="jobb",
            page_names={
                "werken-bij.md": "jobba-hos-oss.md",
                "solliciteren.md": "sa-rekryterar-vi.md",
                "salaris.md": "lon.md",
                "vacaturemelding.md": "jobbevakning.md",
                "kalender.md": "innehallskalender.md",
                "privacy.md": "personuppgifter.md",
                "toegankelijkheid.md": "tillganglighet.md",
                "feeds.md": "floden.md",
                "vacatures/index.md": "lediga-jobb/index.md",
                "verhalen/index.md": "medarbetare/index.md",
            },
        ),
        Language(
            "da",
            babel="da_DK",
            og_locale="da_DK",
            hyphenation="da_DK",
            cms="da",
            holidays="da",
            search="da",
            country="DK",
            url_prefix="job",
            page_names={
                "werken-bij.md": "arbejd-hos-os.md",
                "solliciteren.md": "sadan-ansaetter-vi.md",
                "salaris.md": "lon.md",
                "vacaturemelding.md": "jobagent.md",
                "kalender.md": "indholdskalender.md",
                "privacy.md": "privatliv.md",
                "toegankelijkheid.md": "tilgaengelighed.md",
                "feeds.md": "feeds.md",
                "vacatures/index.md": "ledige-stillinger/index.md",
                "verhalen/index.md": "medarbejdere/index.md",
            },
        ),
    )
}
