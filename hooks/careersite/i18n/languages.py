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


LANGUAGES_BY_CODE: dict[str, Language] = {
    language.code: language
    for language in (
        Language("nl", babel="nl_NL", og_locale="nl_NL", hyphenation="nl_NL", cms="nl", holidays="nl", search="nl"),
        Language("en", babel="en_GB", og_locale="en_GB", hyphenation="en_GB", cms="en", holidays="en_US", search="en"),
        Language("nb", babel="nb_NO", og_locale="nb_NO", hyphenation="nb_NO", cms="nb_no", holidays="no", search="no"),
    )
}
