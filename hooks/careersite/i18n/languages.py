"""Each interface language as one record: everything the engine derives from a site's language.
A new language is a record here and a catalogue in `locales/<code>.yml` (CONTRIBUTING.md)."""

from __future__ import annotations

from dataclasses import dataclass


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


LANGUAGES_BY_CODE: dict[str, Language] = {
    language.code: language
    for language in (
        Language("nl", babel="nl_NL", og_locale="nl_NL", hyphenation="nl_NL", cms="nl", holidays="nl", search="nl"),
        Language("en", babel="en_GB", og_locale="en_GB", hyphenation="en_GB", cms="en", holidays="en_US", search="en"),
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
        ),
    )
}
