"""Interface strings in the site's language, and locale-aware formatting of amounts and dates."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal

from careersite.i18n.languages import LANGUAGES_BY_CODE

LANGUAGES = tuple(LANGUAGES_BY_CODE)
_CATALOG_DIR = Path(__file__).parent / "locales"


class Month(int):
    """A month number in a message: the translator writes it as the month's name."""


class Term(str):
    """A word of the interface in a message (`term.period.month`): the translator says it."""


def _flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and not {"one", "other"} >= set(value):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


@cache
def catalog(language: str) -> dict[str, Any]:
    """Every interface string of one language, by dotted key."""
    text = (_CATALOG_DIR / f"{language}.yml").read_text(encoding="utf-8")
    return _flatten(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


class Translator:
    """Looks up interface strings and formats numbers and dates for one language."""

    def __init__(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        self.language = language
        self.locale = Locale.parse(LANGUAGES_BY_CODE[language].babel)
        self._strings = catalog(language)
        self._fixed: dict[str, str] = {}
        pattern = self.locale.currency_formats["standard"].pattern
        self._money_pattern = pattern.replace(".00", "")
        # Babel is slow and a site repeats the same amounts (scale steps) on many pages.
        self._money = cache(self._format_money)
        self._date = cache(lambda day, pattern: format_date(day, pattern, locale=self.locale))
        self._durations = cache(self._format_duration)
        self._number = cache(lambda value: format_decimal(value, locale=self.locale))

    def __call__(self, key: str, /, **params: Any) -> str:
        """The string for `key`, with `{name}` placeholders filled; plural forms pick on `n`.
        Dates are written out, month numbers (`Month`) named and interface words (`Term`) said."""
        if not params:
            # A fixed string (a label) is asked for on every page: made once, one object for all of
            # them (72,000 copies at 10,000 vacancies).
            found = self._fixed.get(key)
            if found is None:
                found = self._fixed[key] = self._strings[key].format()
            return found
        value = self._strings[key]
        if isinstance(value, dict):
            value = value.get(self.locale.plural_form(params["n"]), value["other"])
        return value.format(**{name: self._param(param) for name, param in params.items()})

    def _param(self, value: Any) -> Any:
        if isinstance(value, Month):
            return self.locale.months["format"]["wide"][int(value)]
        if isinstance(value, Term):
            return self(str(value))
        if isinstance(value, dt.date):
            return self.date(value)
        return value

    def forms_json(self, key: str) -> str:
        """The plural forms of a string as JSON, for scripts that count with Intl.PluralRules."""
        return json.dumps(self.plural_forms(key), ensure_ascii=False, sort_keys=True)

    def plural_forms(self, key: str) -> dict[str, str]:
        """A string's plural forms as written ("{n}" unfilled), for a script that counts itself."""
        value = self._strings[key]
        return dict(value) if isinstance(value, dict) else {"other": value}

    def money(self, amount: float, currency: str) -> str:
        """A whole amount with the locale's currency symbol and grouping, e.g. "€ 3.108"."""
        return self._money(round(amount), currency)

    def _format_money(self, amount: int, currency: str) -> str:
        return format_currency(amount, currency, format=self._money_pattern, locale=self.locale, currency_digits=False)

    def money_exact(self, amount: float, currency: str) -> str:
        """An amount with cents, e.g. "€ 17,50", for hourly pay."""
        return format_currency(amount, currency, locale=self.locale)

    def number(self, value: float) -> str:
        return self._number(value)

    def percent(self, value: float) -> str:
        return self("format.percent", value=format_decimal(value, locale=self.locale))

    def date(self, day: dt.date) -> str:
        """A date written out, e.g. "15 januari 2027"."""
        return self._date(day, "long")

    def day_month(self, day: dt.date) -> str:
        """A date without the year, e.g. "15 januari"."""
        return self._date(day, self._strings["format.day_month"])

    def weekday(self, day: dt.date) -> str:
        """The day of the week, e.g. "zaterdag"."""
        return self._date(day, "EEEE")

    def duration(self, days: int) -> str:
        return self._durations(days)

    def _format_duration(self, days: int) -> str:
        """A typical duration in words: days up to two weeks, else rounded to whole weeks."""
        if days >= 14 or (days >= 7 and days % 7 == 0):
            return self("duration.weeks", n=round(days / 7))
        return self("duration.days", n=days)

    def items(self, words: list[str]) -> str:
        """Words as a list in a sentence: "cv en motivatiebrief", "CV and cover letter"."""
        return format_list(words, locale=self.locale)

    def hours(self, low: float, high: float) -> str:
        if low == high:
            return self("hours.exact", hours=self.number(low))
        return self("hours.range", low=self.number(low), high=self.number(high))
