"""Settings of the wrong shape in mkdocs.yml, and broken data files: each is a message naming the
file, the line and the setting, in the site's language; never a traceback, never a silent default."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from careersite.config import load
from careersite.content.errors import ContentError
from conftest import TODAY, copy_example, edit, run_build
from hostile import ALIAS_BOMB
from test_author_errors import line_of, run_check


@dataclass(frozen=True)
class Change:
    """A change to one file of the example and the message it must give."""

    name: str
    file: str  # mkdocs.yml or a data file (DATA)
    old: str
    new: str
    field: str
    words: str
    at: str | None = None  # text on the line of the message; None: no line (the value is absent)


COLORS = '    colors:\n      primary: "#0B5563"\n      accent: "#F2A900"'
CHANNELS = (
    "    channels:\n      linkedin: {name: LinkedIn}\n      facebook: {name: Facebook}\n"
    "      instagram: {name: Instagram}\n      x: {name: X, quiet_days: 30}"
)
K = "extra.careersite"
NEWSLETTER = (
    "    newsletter:\n      tool: de nieuwsbrief van Gemeente Lindewaard\n      forms:\n"
    "        all: {address: https://nieuwsbrief.lindewaard.example/subscription/form, "
    "fields: {l: 3f6c1a52-0d4e-4b8e-9a61-2c7d5e0b9a11}}\n"
    "        Informatie en ICT: {address: https://nieuwsbrief.lindewaard.example/subscription/form, "
    "fields: {l: 8b2e4f90-6a1d-4c3b-b7e5-91d0a4c6f2e8}}"
)

SETTINGS = (
    Change("colors-text", "mkdocs.yml", COLORS, "    colors: red", f"{K}.colors", "blok met primary", "colors: red"),
    Change("colour-name", "mkdocs.yml", '"#0B5563"', '"teal-ish"', f"{K}.colors.primary", "geen kleur", "teal-ish"),
    Change(
        "channels-list",
        "mkdocs.yml",
        CHANNELS,
        "    channels: [linkedin, facebook]",
        f"{K}.channels",
        "niet als lijst",
        "channels: [",
    ),
    Change(
        "channel-path",
        "mkdocs.yml",
        "      x: {name: X, quiet_days: 30}",
        '      "../../etc": {name: X}',
        f"{K}.channels.../../etc",
        "bestandsnaam",
        '"../../etc"',
    ),
    Change(
        "channel-list-value",
        "mkdocs.yml",
        "      x: {name: X, quiet_days: 30}",
        "      x: [X]",
        f"{K}.channels.x",
        "blok met name",
        "x: [X]",
    ),
    Change(
        "address-text",
        "mkdocs.yml",
        "    address:\n      street: Markt 1\n      postal_code: 7411 AA\n"
        "      locality: Lindewaard\n      region: Overijssel",
        "    address: Markt 1, Lindewaard",
        f"{K}.address",
        "blok met street",
        "address: Markt 1",
    ),
    Change(
        "address-dutch-key",
        "mkdocs.yml",
        "      street: Markt 1",
        "      straat: Markt 1",
        f"{K}.address.straat",
        "'street'",
        "straat:",
    ),
    Change(
        "closing-soon-words",
        "mkdocs.yml",
        "closing_soon_days: 7",
        "closing_soon_days: zeven",
        f"{K}.closing_soon_days",
        "heel getal",
        "closing_soon_days",
    ),
    Change(
        "closing-soon-negative",
        "mkdocs.yml",
        "closing_soon_days: 7",
        "closing_soon_days: -3",
        f"{K}.closing_soon_days",
        "heel getal van 0",
        "closing_soon_days",
    ),
    Change(
        "accessibility-missing-page",
        "mkdocs.yml",
        "    accessibility_page: toegankelijkheid.md",
        "    accessibility_page: toegankelijk.md",
        f"{K}.accessibility_page",
        "staat niet in content",
        "accessibility_page",
    ),
    Change(
        "accessibility-not-an-address",
        "mkdocs.yml",
        "    accessibility_page: toegankelijkheid.md",
        "    accessibility_page: www.toegankelijkheidsverklaring.nl",
        f"{K}.accessibility_page",
        "met https:// begint",
        "accessibility_page",
    ),
    Change(
        "contact-as-text",
        "mkdocs.yml",
        "    contact:\n      phone: 0570 75 10 00",
        "    contact: 0570 75 10 00\n    contact_old:\n      phone: 0570 75 10 00",
        f"{K}.contact",
        "als een blok met phone, email en url",
        "contact: 0570",
    ),
    Change(
        "contact-bad-email",
        "mkdocs.yml",
        "      email: werkenbij@lindewaard.example",
        "      email: werkenbij(at)lindewaard.example",
        f"{K}.contact.email",
        "geen e-mailadres",
        "email: werkenbij(at)",
    ),
    Change(
        "contact-phone-words",
        "mkdocs.yml",
        "      phone: 0570 75 10 00",
        "      phone: bel de receptie",
        f"{K}.contact.phone",
        "geen telefoonnummer",
        "phone: bel",
    ),
    Change(
        "applicant-list-text",
        "mkdocs.yml",
        "    privacy_page: privacy.md",
        '    privacy_page: privacy.md\n    public_applicant_list: "nee"',
        f"{K}.public_applicant_list",
        "true of false",
        "public_applicant_list",
    ),
    Change(
        "retention-words",
        "mkdocs.yml",
        "delete_after_weeks: 4",
        "delete_after_weeks: vier",
        f"{K}.applicant_data.delete_after_weeks",
        "heel getal",
        "delete_after_weeks",
    ),
    Change(
        "retention-number",
        "mkdocs.yml",
        "    applicant_data:\n      delete_after_weeks: 4\n      keep_with_consent_months: 12",
        "    applicant_data: 4",
        f"{K}.applicant_data",
        "blok met delete_after_weeks",
        "applicant_data: 4",
    ),
    Change("language", "mkdocs.yml", "    language: nl", "    language: de", f"{K}.language", "'de'", "language: de"),
    Change(
        "timezone",
        "mkdocs.yml",
        "timezone: Europe/Amsterdam",
        "timezone: Europe/Lindewaard",
        f"{K}.timezone",
        "geen tijdzone",
        "Europe/Lindewaard",
    ),
    Change(
        "country", "mkdocs.yml", "    country: NL", "    country: Nederland", f"{K}.country", "landcode", "country:"
    ),
    Change(
        "organisation-missing",
        "mkdocs.yml",
        "    organisation: Gemeente Lindewaard\n",
        "",
        f"{K}.organisation",
        "ontbreekt",
    ),
    Change(
        "organisation-list",
        "mkdocs.yml",
        "    organisation: Gemeente Lindewaard",
        "    organisation: [Gemeente, Lindewaard]",
        f"{K}.organisation",
        "geen lijst",
        "organisation: [",
    ),
    Change(
        "default-channel-unknown",
        "mkdocs.yml",
        "default_channels: [linkedin, facebook]",
        "default_channels: [tiktok]",
        f"{K}.default_channels",
        "'tiktok'",
        "default_channels",
    ),
    Change(
        "salary-table-missing",
        "mkdocs.yml",
        "salary_table: content/data/salary.yml",
        "salary_table: content/data/salaris.yml",
        f"{K}.salary_table",
        "bestaat niet",
        "salary_table:",
    ),
    Change(
        "salary-table-outside",
        "mkdocs.yml",
        "salary_table: content/data/salary.yml",
        "salary_table: /etc/passwd",
        f"{K}.salary_table",
        "buiten de map van de site",
        "salary_table:",
    ),
    Change(
        "typo-colours",
        "mkdocs.yml",
        COLORS,
        '    colours:\n      primary: "#0B5563"',
        f"{K}.colours",
        "'colors'",
        "colours:",
    ),
    Change(
        "careersite-text",
        "mkdocs.yml",
        "  careersite:\n    organisation: Gemeente Lindewaard",
        "  careersite: Gemeente Lindewaard\n  old:\n    organisation: Gemeente Lindewaard",
        K,
        "blok",
    ),
    Change(
        "salary-period",
        "mkdocs.yml",
        "    closing_soon_days: 7",
        "    closing_soon_days: 7\n    salary_period: week",
        f"{K}.salary_period",
        "'week'",
        "salary_period",
    ),
    Change(
        "privacy-page-missing",
        "mkdocs.yml",
        "privacy_page: privacy.md",
        "privacy_page: gegevens.md",
        f"{K}.privacy_page",
        "staat niet in content",
        "privacy_page",
    ),
    Change(
        "same-folders",
        "mkdocs.yml",
        "    closing_soon_days: 7",
        "    closing_soon_days: 7\n    stories_dir: vacancies",
        f"{K}.stories_dir",
        "verschillende mappen",
        "stories_dir",
    ),
    Change(
        "stories-in-the-site-folder",
        "mkdocs.yml",
        "    closing_soon_days: 7",
        "    closing_soon_days: 7\n    stories_dir: .",
        f"{K}.stories_dir",
        "eigen map",
        "stories_dir: .",
    ),
    Change(
        "vacancies-in-the-pages-folder",
        "mkdocs.yml",
        "    closing_soon_days: 7",
        "    closing_soon_days: 7\n    vacancies_dir: content",
        f"{K}.vacancies_dir",
        "eigen map",
        "vacancies_dir: content",
    ),
    Change(
        "calendar-not-a-block",
        "mkdocs.yml",
        "    closing_soon_days: 7",
        "    closing_soon_days: 7\n    calendar: [14]",
        f"{K}.calendar",
        "blok met quiet_days",
        "calendar: [14]",
    ),
    Change(
        "duplicate-setting",
        "mkdocs.yml",
        "    tagline: Werk",
        "    organisation: Gemeente Oosterbroek\n    tagline: Werk",
        f"{K}.organisation",
        "twee keer",
        "Oosterbroek",
    ),
    Change(
        "site-url-no-scheme",
        "mkdocs.yml",
        "site_url: https://werkenbij.lindewaard.example/",
        "site_url: werkenbij.lindewaard.example",
        "site_url",
        "geen webadres",
        "site_url:",
    ),
    Change(
        "logo-outside",
        "mkdocs.yml",
        "logo: content/assets/logo.png",
        "logo: ../logo.png",
        f"{K}.logo",
        "buiten de map van de site",
        "logo: ../",
    ),
    Change(
        "cache-in-pages",
        "mkdocs.yml",
        "    closing_soon_days: 7",
        "    closing_soon_days: 7\n    cache_dir: content/cache",
        f"{K}.cache_dir",
        "gepubliceerd",
        "cache_dir",
    ),
    # The footer's mailto: and tel: on every page, and the site's own feed names (issue 23).
    *(
        Change(
            f"contact-{name}",
            "mkdocs.yml",
            old,
            new,
            f"{K}.contact.{name.split('-')[0]}",
            words,
            new.strip().split(":")[0] + ":",
        )
        for name, old, new, words in (
            (
                "email-bcc",
                "email: werkenbij@lindewaard.example",
                "email: 'werkenbij@lindewaard.example?bcc=x@evil.example'",
                "geen e-mailadres",
            ),
            (
                "email-encoded",
                "email: werkenbij@lindewaard.example",
                "email: 'werkenbij%40lindewaard.example'",
                "geen e-mailadres",
            ),
            ("phone-see-website", "phone: 0570 75 10 00", "phone: zie website", "geen telefoonnummer"),
            ("phone-zeros", "phone: 0570 75 10 00", "phone: '0000000'", "geen telefoonnummer"),
        )
    ),
    Change(
        "channel-named-like-a-feed",  # was: feeds/vacancies.xml replaced by the channel's (14 items -> 0)
        "mkdocs.yml",
        "      x: {name: X, quiet_days: 30}",
        "      vacancies: {name: Vacatures}",
        f"{K}.channels.vacancies",
        "al de naam van een feed",
        "vacancies: {name",
    ),
    Change(
        "holiday-region-unknown",  # a region the country's holidays do not know
        "mkdocs.yml",
        "    country: NL",
        "    country: NL\n    holiday_region: SCT",
        f"{K}.holiday_region",
        "geen regio van NL",
        "holiday_region:",
    ),
    # Folders the build writes must lie apart from what it reads and publishes, inside the project.
    *(
        Change(
            f"cache-{name}",
            "mkdocs.yml",
            "    closing_soon_days: 7",
            f"    closing_soon_days: 7\n    cache_dir: {value}",
            f"{K}.cache_dir",
            words,
            "cache_dir",
        )
        for name, value, words in (
            ("is-a-file", "mkdocs.yml", "is een bestand"),  # was: replaced by the cache folder
            ("in-theme", "overrides/cache", "ligt in of om overrides (theme.custom_dir)"),  # was: published
            ("in-site", "site/cache", "ligt in of om site (site_dir)"),
            ("in-hooks", "hooks/cache", "ligt in of om hooks"),
            ("git", ".git", "ligt in of om .git"),
            ("root", ".", "de map van de site zelf"),
            ("around-content", "stories/..", "de map van de site zelf"),
        )
    ),
    Change(
        "hours-shown",
        "mkdocs.yml",
        "    closing_soon_days: 7",
        "    closing_soon_days: 7\n    hours_shown: procent",
        f"{K}.hours_shown",
        "'procent'",
        "hours_shown: procent",
    ),
    # Earlier addresses: each old one free, each new one a page of the site (was: no such setting;
    # the example's old /vacancies/ links gave a 404 once the folder followed the language).
    *(
        Change(f"earlier-{name}", "mkdocs.yml", old, new, f"{K}.earlier_addresses{field}", words, at)
        for name, old, new, field, words, at in (
            (
                "taken",
                "      vacancies/: vacatures/",
                "      salaris/: vacatures/",
                ".salaris/",
                "nog steeds een pagina van deze site",
                "salaris/: vacatures/",
            ),
            (
                "no-page",
                "      stories/: verhalen/",
                "      stories/: verhaaltjes/",
                ".stories/",
                "'verhaaltjes/' is geen pagina van deze site",
                "stories/: verhaaltjes/",
            ),
            (
                "in-feeds",
                "      stories/: verhalen/",
                "      feeds/oud/: verhalen/",
                ".feeds/oud/",
                "ligt in de map feeds/",
                "feeds/oud/: verhalen/",
            ),
            (
                "in-items",
                "      stories/: verhalen/",
                "      vacatures/oud/: verhalen/",
                ".vacatures/oud/",
                "ligt in de map vacatures/",
                "vacatures/oud/: verhalen/",
            ),
            (
                "web-address",
                "      vacancies/: vacatures/",
                '      "https://oud.example/banen": vacatures/',
                ".https://oud.example/banen",
                "geen adres op deze site",
                "https://oud.example/banen",
            ),
            ("home", "      vacancies/: vacatures/", '      "/": vacatures/', "./", "voorpagina", '"/": vacatures/'),
            (
                "a-list",
                "    earlier_addresses:\n",
                "    earlier_addresses: [vacancies/]\n    oud:\n",
                "",
                "als een blok",
                "earlier_addresses: [vacancies/]",
            ),
        )
    ),
    # E-mail job alerts with the organisation's newsletter tool (issue 29): each wrong part at its line.
    *(
        Change(f"newsletter-{name}", "mkdocs.yml", NEWSLETTER, new, f"{K}.{field}", words, at)
        for name, new, field, words, at in (
            ("text", "    newsletter: laposta", "newsletter", "geen blok", "newsletter: laposta"),
            (
                "no-tool",
                "    newsletter:\n      forms:\n        all: https://laposta.example/f/abc",
                "newsletter.tool",
                "ontbreekt",
                "newsletter:",
            ),
            (
                "no-forms",
                "    newsletter:\n      tool: Laposta",
                "newsletter.forms",
                "geen lijst van formulieren",
                "newsletter:",
            ),
            (
                "http-form",
                "    newsletter:\n      tool: Laposta\n      forms:\n        all: http://laposta.example/f/abc",
                "newsletter.forms.all.address",
                "geen https-adres",
                "all: http:",
            ),
            (
                "field-name",
                "    newsletter:\n      tool: Mailchimp\n      email_field: e mail\n"
                "      forms:\n        all: https://x.list-manage.com/subscribe/post?u=1&id=2",
                "newsletter.email_field",
                "geen naam van een formulierveld",
                "email_field: e mail",
            ),
            (
                "hidden-not-block",
                "    newsletter:\n      tool: listmonk\n      forms:\n"
                "        all: {address: https://lists.example/subscription/form, fields: l}",
                "newsletter.forms.all.fields",
                "geen blok",
                "all: {address",
            ),
            (
                "unknown-part",
                "    newsletter:\n      tool: Laposta\n      list: 12\n      forms:\n        all: https://laposta.example/f/a",
                "newsletter.list",
                "hoort hier niet",
                "list: 12",
            ),
        )
    ),
    # The counting tool and apply forwarding (issue 27): each wrong part at its line.
    *(
        Change(
            f"analytics-{name}",
            "mkdocs.yml",
            "    closing_soon_days: 7",
            f"    closing_soon_days: 7\n{new}",
            f"{K}.{field}",
            words,
            at,
        )
        for name, new, field, words, at in (
            ("text", "    analytics: goatcounter", "analytics", "geen blok", "analytics: goatcounter"),
            (
                "tool",
                "    analytics:\n      tool: google-analytics\n      address: https://stats.lindewaard.example",
                "analytics.tool",
                "'google-analytics' is geen teltool",
                "tool: google-analytics",
            ),
            (
                "address",
                "    analytics:\n      tool: goatcounter\n      address: stats.lindewaard.example",
                "analytics.address",
                "'stats.lindewaard.example' is geen webadres",
                "address: stats",
            ),
            (
                "no-address",
                "    analytics:\n      tool: goatcounter",
                "analytics.address",
                "ontbreekt",
                "analytics:",
            ),
            (
                "address-query",
                "    analytics:\n      tool: goatcounter\n      address: https://stats.lindewaard.example/?site=1",
                "analytics.address",
                "zonder ? of #",
                "address: https",
            ),
            (
                "unknown-part",
                "    analytics:\n      tool: goatcounter\n"
                "      address: https://stats.lindewaard.example\n      site_id: 3",
                "analytics.site_id",
                "hoort hier niet; mogelijk zijn: tool, address",
                "site_id: 3",
            ),
            (
                "forwarding-word",
                "    apply_forwarding: misschien",
                "apply_forwarding",
                "misschien",
                "apply_forwarding:",
            ),
        )
    ),
    Change(
        "site-in-theme",
        "mkdocs.yml",
        "strict: false",
        "strict: false\nsite_dir: overrides/site",
        "site_dir",
        "ligt in of om overrides (theme.custom_dir)",
        "site_dir:",
    ),
    Change(
        "site-outside",
        "mkdocs.yml",
        "strict: false",
        "strict: false\nsite_dir: ../public",
        "site_dir",
        "buiten de map van de site",
        "site_dir:",
    ),
    Change(
        "accessibility-beside-pages",  # was: accepted, and a dead link in every footer
        "mkdocs.yml",
        "accessibility_page: toegankelijkheid.md",
        "accessibility_page: ../vacancies/ciso.md",
        f"{K}.accessibility_page",
        "staat niet in content",
        "accessibility_page:",
    ),
    # The salary table.
    Change(
        "fulltime-yes", "salary.yml", "fulltime_hours: 36", "fulltime_hours: yes", "fulltime_hours", "getal", "fulltime"
    ),
    Change(
        "fulltime-zero", "salary.yml", "fulltime_hours: 36", "fulltime_hours: 0", "fulltime_hours", "getal", "fulltime"
    ),
    Change(
        "scales-empty",
        "salary.yml",
        'scales:\n  "1":',
        'scales: {}\nold:\n  "1":',
        "scales",
        "geen schalen",
        "scales: {}",
    ),
    Change(
        "steps-unsorted",
        "salary.yml",
        '"1": [2300, 2340, 2380, 2420]',
        '"1": [2340, 2300]',
        "scales.1",
        "volgorde",
        '"1"',
    ),
    Change(
        "steps-nan", "salary.yml", '"1": [2300, 2340, 2380, 2420]', '"1": [2300, .nan]', "scales.1", "bedragen", '"1"'
    ),
    Change(
        "steps-text", "salary.yml", '"1": [2300, 2340, 2380, 2420]', '"1": [laag, hoog]', "scales.1", "bedragen", '"1"'
    ),
    Change(
        "steps-dots",
        "salary.yml",
        '"1": [2300, 2340, 2380, 2420]',
        '"1": [2.300, 2.340]',
        "scales.1",
        "bedragen",
        '"1"',
    ),
    Change(
        "effective-impossible",
        "salary.yml",
        "effective: 2026-01-01",
        "effective: 2026-02-30",
        "effective",
        "30 februari 2026 bestaat niet",
        "effective",
    ),
    Change("currency", "salary.yml", "currency: EUR", "currency: euro", "currency", "valutacode", "currency"),
    Change(
        "extra-percent", "salary.yml", "percent: 17.05", "percent: veel", "extras[1].percent", "percentage", "percent"
    ),
    Change("table-dutch-key", "salary.yml", "fulltime_hours: 36", "voltijd: 36", "voltijd", "onbekend", "voltijd"),
    Change(
        "table-bomb", "salary.yml", "currency: EUR", "currency: EUR\n" + ALIAS_BOMB, "YAML", "verwijzingen", "e: &e"
    ),
    # The hiring processes.
    Change(
        "process-twice",
        "processes.yml",
        "standaard:\n  name: Standaardprocedure",
        "standaard:\n  name: Eerste\n  steps: [{key: a, name: A, days: 1}]\n"
        "standaard:  # tweede\n  name: Standaardprocedure",
        "standaard",
        "twee keer",
        "# tweede",
    ),
    Change(
        "step-days-negative",
        "processes.yml",
        "days: 7",
        "days: -1",
        "standaard.steps[1].days",
        "heel getal",
        "days: -1",
    ),
    Change(
        "step-days-words", "processes.yml", "days: 7", "days: zeven", "standaard.steps[1].days", "heel getal", "zeven"
    ),
    Change(
        "step-kind",
        "processes.yml",
        "      days: 7\n    - key: gesprek1",
        "      days: 7\n      kind: interview\n    - key: gesprek1",
        "standaard.steps[1].kind",
        "'interview'",
        "kind: interview",
    ),
    Change(
        "reply-yes",
        "processes.yml",
        "reply_within_days: 10",
        "reply_within_days: yes",
        "standaard.reply_within_days",
        "heel getal",
        "reply_within_days: yes",
    ),
    Change(
        "step-key-twice",
        "processes.yml",
        "key: gesprek2",
        "key: gesprek1  # dubbel",
        "standaard.steps[3].key",
        "twee keer",
        "# dubbel",
    ),
    Change(
        "process-name-spaces",
        "processes.yml",
        "standaard:\n  name: Standaardprocedure",
        "Snelle procedure:\n  name: Snel\n  steps: [{key: a, name: A, days: 1}]\n"
        "standaard:\n  name: Standaardprocedure",
        "Snelle procedure",
        "kleine letters",
        "Snelle procedure",
    ),
    Change(
        "step-dutch-key",
        "processes.yml",
        "      days: 5\n",
        "      dagen: 5\n",
        "standaard.steps[4].dagen",
        "onbekend",
        "dagen: 5",
    ),
)
# When the site's day stands still, and the terms that make a warning (issue 26).
SETTINGS += (
    Change(
        "demo-date-impossible",
        "mkdocs.yml",
        "    demo_date: 2026-12-01",
        "    demo_date: 2026-02-30",
        f"{K}.demo_date",
        "30 februari 2026 bestaat niet",
        "demo_date:",
    ),
    Change(
        "demo-date-words",
        "mkdocs.yml",
        "    demo_date: 2026-12-01",
        "    demo_date: vandaag",
        f"{K}.demo_date",
        "geen datum",
        "demo_date:",
    ),
    Change(
        "open-weeks-zero",
        "mkdocs.yml",
        "    closing_soon_days: 7",
        "    closing_soon_days: 7\n    open_weeks: 0",
        f"{K}.open_weeks",
        "heel getal van 1 tot en met 52",
        "open_weeks:",
    ),
    Change(
        "first-interview-words",
        "mkdocs.yml",
        "    closing_soon_days: 7",
        "    closing_soon_days: 7\n    first_interview_weeks: drie",
        f"{K}.first_interview_weeks",
        "'drie' moet een heel getal",
        "first_interview_weeks:",
    ),
    Change(
        "internet-search-yes",
        "processes.yml",
        "  internet_search: false",
        "  internet_search: ja",
        "standaard.internet_search",
        "true of false",
        "internet_search: ja",
    ),
)

# The departments the web editor offers (an optional file, found at its default place).
SETTINGS += (
    Change(
        "departments-twice",
        "departments.yml",
        "  - Sociaal Domein",
        "  - Sociaal Domein\n  - sociaal  domein",
        "departments[7]",
        "'sociaal domein' staat al in de lijst",
        "departments:",
    ),
    Change(
        "departments-one-line",
        "departments.yml",
        "departments:",
        "departments: Bedrijfsvoering\nafdelingen:",
        "departments",
        "schrijf de afdelingen als",
        "departments:",
    ),
    Change(
        "departments-markup",
        "departments.yml",
        "  - Bedrijfsvoering",
        "  - <b>Bedrijfsvoering</b>",
        "departments[1]",
        "bevat HTML ('<b>')",
        "departments:",
    ),
    Change("departments-key", "departments.yml", "departments:", "afdelingen:", "afdelingen", "onbekend", "afdelingen"),
    # The places of work (issue 29): each wrong part at its line.
    Change(
        "locations-text",
        "locations.yml",
        "gemeentewerf:\n  name: Gemeentewerf",
        "werf: Industrieweg 14\ngemeentewerf:\n  name: Gemeentewerf",
        "werf",
        "blok van plaatsen",
        "werf: Industrieweg 14",
    ),
    Change(
        "locations-no-street",
        "locations.yml",
        "  street: Industrieweg 14\n",
        "",
        "gemeentewerf.street",
        "ontbreekt; voeg een regel toe zoals 'street: Industrieweg 14'",
        "name: Gemeentewerf",
    ),
    Change(
        "locations-key",
        "locations.yml",
        "gemeentewerf:",
        "Gemeente Werf:",
        "Gemeente Werf",
        "geen sleutel",
        "Gemeente Werf:",
    ),
    Change(
        "locations-geo",
        "locations.yml",
        "  latitude: 52.2493",
        "  latitude: noord",
        "gemeentewerf.latitude",
        "'noord' is geen breedte- of lengtegraad",
        "latitude: noord",
    ),
    Change(
        "locations-twice",
        "locations.yml",
        "  name: Gemeentewerf",
        "  name: stadskantoor",
        "gemeentewerf.name",
        "al een plaats met de naam 'stadskantoor'",
        "name: stadskantoor",
    ),
    Change(
        "locations-typo",
        "locations.yml",
        "  locality: Lindewaard\n  region: Overijssel\n  latitude: 52.2493",
        "  locality: Lindewaard\n  regio: Overijssel\n  latitude: 52.2493",
        "gemeentewerf.regio",
        "region",
        "regio: Overijssel",
    ),
)
# The accessibility statement's facts (issue 29): each wrong part at its line.
SETTINGS += (
    Change(
        "statement-as-text",
        "mkdocs.yml",
        "    accessibility_statement:\n      status: B",
        "    accessibility_statement: B\n    statement_old:\n      status: B",
        f"{K}.accessibility_statement",
        "als een blok met status, date",
        "accessibility_statement: B",
    ),
    Change(
        "statement-status-words",
        "mkdocs.yml",
        "      status: B",
        "      status: voldoet gedeeltelijk",
        f"{K}.accessibility_statement.status",
        "schrijf de letter uit het register: A, B, C, D, E",
        "status: voldoet gedeeltelijk",
    ),
    Change(
        "statement-register-elsewhere",
        "mkdocs.yml",
        "      register: https://www.toegankelijkheidsverklaring.nl/register/24817",
        "      register: https://www.lindewaard.example/toegankelijkheid/",
        f"{K}.accessibility_statement.register",
        "geen verklaring in het register van dit land",
        "register: https://www.lindewaard.example",
    ),
    Change(
        "statement-register-no-address",
        "mkdocs.yml",
        "      register: https://www.toegankelijkheidsverklaring.nl/register/24817",
        "      register: toegankelijkheidsverklaring.nl/register/24817",
        f"{K}.accessibility_statement.register",
        "geen webadres; begin het met https://",
        "register: toegankelijkheidsverklaring.nl",
    ),
    Change(
        "statement-impossible-date",
        "mkdocs.yml",
        "      date: 2026-10-12",
        "      date: 2026-13-12",
        f"{K}.accessibility_statement.date",
        "er is geen maand 13",
        "date: 2026-13-12",
    ),
    Change(
        "statement-email",
        "mkdocs.yml",
        "      email: toegankelijkheid@lindewaard.example",
        "      email: toegankelijkheid(at)lindewaard.example",
        f"{K}.accessibility_statement.email",
        "geen e-mailadres",
        "email: toegankelijkheid(at)",
    ),
    Change(
        "statement-phone",
        "mkdocs.yml",
        "      phone: 0570 75 10 00\n      reply_days: 5",
        "      phone: bel ons\n      reply_days: 5",
        f"{K}.accessibility_statement.phone",
        "geen telefoonnummer",
        "phone: bel ons",
    ),
    Change(
        "statement-dutch-key",
        "mkdocs.yml",
        "      reply_days: 5",
        "      reply_days: 5\n      telefoon: 0570 75 10 00",
        f"{K}.accessibility_statement.telefoon",
        "'phone'",
        "telefoon: 0570",
    ),
    Change(
        "statement-breaches-over-requirements",
        "mkdocs.yml",
        "      reply_days: 5",
        "      reply_days: 5\n      breaches: 60",
        f"{K}.accessibility_statement.breaches",
        "heel getal van 0 tot en met 47",
        "breaches: 60",
    ),
    Change(
        "statement-reply-days-words",
        "mkdocs.yml",
        "      reply_days: 5",
        "      reply_days: vijf",
        f"{K}.accessibility_statement.reply_days",
        "'vijf' moet een heel getal",
        "reply_days: vijf",
    ),
)
DATA = {
    "salary.yml": "content/data/salary.yml",
    "processes.yml": "content/data/processes.yml",
    "departments.yml": "content/data/departments.yml",
    "locations.yml": "content/data/locations.yml",
}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_example(tmp_path_factory.mktemp("settings"))


def apply(base: Path, change: Change) -> tuple[Path, Path]:
    """A configuration for this change, beside the example's own: (configuration, changed file)."""
    config = base / f"case-{change.name}.yml"
    shutil.copy(base / "mkdocs.yml", config)
    if change.file == "mkdocs.yml":
        edit(config, change.old, change.new)
        return config, config
    data = base / "content/data" / f"case-{change.name}-{change.file}"
    shutil.copy(base / DATA[change.file], data)
    edit(data, change.old, change.new)
    if DATA[change.file] in config.read_text(encoding="utf-8"):
        edit(config, DATA[change.file], data.relative_to(base).as_posix())
    else:  # a file at its default place: the setting is written
        setting = change.file.removesuffix(".yml")
        edit(config, "    processes:", f"    {setting}: {data.relative_to(base).as_posix()}\n    processes:")
    return config, data


def problems(config: Path) -> list[str]:
    try:
        load(config, environ={"CAREERSITE_TODAY": TODAY})
    except ContentError as error:
        return [str(p) for p in error.problems]
    return []


@pytest.mark.parametrize("change", SETTINGS, ids=lambda c: c.name)
def test_a_wrong_setting_is_reported_at_its_line(base: Path, change: Change) -> None:
    config, changed = apply(base, change)
    reported = problems(config)
    shown = changed.relative_to(base).as_posix()
    if change.at is None:
        prefix = f"{shown}:" if change.file != "mkdocs.yml" else f"{shown}: {change.field}: "
    else:
        line = next(
            i for i, text in enumerate(changed.read_text(encoding="utf-8").splitlines(), 1) if change.at in text
        )
        prefix = f"{shown}:{line}: {change.field}: " if change.field else f"{shown}:{line}: "
    matching = [p for p in reported if p.startswith(prefix)]
    assert matching, f"no problem starting with {prefix!r} in:\n" + "\n".join(reported)
    assert any(change.words in p for p in matching), "\n".join(matching)


def test_an_empty_salary_table_is_a_message_not_zero_errors(base: Path) -> None:
    config, data = apply(base, Change("table-empty", "salary.yml", "name:", "name:", "", ""))
    data.write_text("", encoding="utf-8")
    reported = problems(config)
    assert f"{data.relative_to(base).as_posix()}:1: het bestand is leeg" in "\n".join(reported)


def test_a_salary_table_that_is_a_list_is_a_message(base: Path) -> None:
    config, data = apply(base, Change("table-list", "salary.yml", "name:", "name:", "", ""))
    data.write_text("- 2300\n- 2400\n", encoding="utf-8")
    assert any("de salaristabel moet een blok zijn" in p for p in problems(config)), problems(config)


def test_an_empty_processes_file_is_a_message(base: Path) -> None:
    config, data = apply(base, Change("processes-empty", "processes.yml", "standaard:", "standaard:", "", ""))
    data.write_text("# nog in te vullen\n", encoding="utf-8")
    assert any("het bestand is leeg" in p for p in problems(config))


def test_fulltime_hours_yes_no_longer_multiplies_every_salary(site_copy: Path) -> None:
    edit(site_copy / "content/data/salary.yml", "fulltime_hours: 36", "fulltime_hours: yes")
    result = run_check(site_copy)
    assert result.returncode == 1
    line = line_of(site_copy / "content/data/salary.yml", "fulltime_hours")
    assert f"content/data/salary.yml:{line}: fulltime_hours: schrijf het aantal uren" in result.stderr
    build = run_build(site_copy)
    assert build.returncode == 1 and "Traceback" not in build.output
    assert not (site_copy / "site").exists()


def test_settings_errors_speak_the_sites_language(site_copy: Path) -> None:
    edit(site_copy / "mkdocs.yml", "    language: nl", "    language: nb")
    edit(site_copy / "mkdocs.yml", COLORS, "    colors: red")
    result = run_check(site_copy)
    assert "extra.careersite.colors: skriv fargene som en blokk" in result.stderr
    assert result.stderr.startswith("1 feil i innholdet")


def test_a_broken_configuration_file_is_a_message(site_copy: Path) -> None:
    edit(site_copy / "mkdocs.yml", "site_name: Werken", "site_name: [Werken")
    result = run_check(site_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "mkdocs.yml:" in result.stderr


def test_build_reports_settings_as_the_check_does(site_copy: Path) -> None:
    edit(site_copy / "mkdocs.yml", COLORS, "    colors: red")
    edit(site_copy / "content/data/salary.yml", "fulltime_hours: 36", "fulltime_hours: yes")
    check = run_check(site_copy)
    build = run_build(site_copy)
    assert check.returncode == 1 and build.returncode == 1
    reported = [line for line in check.stderr.splitlines() if line.startswith(("mkdocs.yml", "content/"))]
    assert len(reported) == 2
    for line in reported:
        assert line in build.output
