"""Fair and plain wording of a vacancy: warnings for phrases that exclude people (age, gender,
origin and language, family status, looks, data not to be asked, pay history) and for text that is
hard to read, each naming the phrase, why it is a risk, the rule, and a better way to say it.

The rules are data: one file per language (`wording/<language>.yml`), with the sources of each rule
and word list. A site switches rules off and adds phrases in its own data file (setting
`wording`), and a vacancy accepts a warning with a stated reason (`accept:`, e.g. positive action).

Matching works on words, not on substrings: the text is split into sentences and words
(`sentences`, `tokens`), and each rule's patterns are sequences of word patterns, so "jong team"
is found but "jongeren" and "een jong stadsdeel" are not. A pattern is written as words separated
by spaces, each a regular expression that must match one whole word (lowercase):

- `jonge?` one word; `?de` an optional word; `...` up to four words of any kind, `....` up to twelve;
- `(looking for|want)` alternatives, each of one or more words;
- `<num>` a number, in digits or in words (the language file lists its number words);
- `^` the start of the sentence.

A rule's `not` patterns veto a match in the same sentence (`jong stadsdeel`, `kinderen van … jaar`).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import pyphen
import yaml

from careersite.content.errors import Problem
from careersite.i18n import Translator
from careersite.i18n.languages import LANGUAGES_BY_CODE

RULES_DIR = Path(__file__).parent / "wording"
CATEGORIES = ("age", "gender", "origin", "family", "looks", "personal_data", "pay_history")
GAP = 4  # `...` skips at most this many words
LONG_GAP = 12  # `....` at most this many

# A word: digits with their separators (8.00, 5.008, 1,80), or letters and digits joined by
# apostrophes or hyphens (hbo'er, mbo-4, e-mail); anything else is one character of its own.
_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|\w+(?:['’-]\w+)*|[^\w\s]", re.UNICODE)
# A sentence ends at . ! ? (or …) before a space and a capital, digit, quote or bracket.
_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"'“‘(\[]?[A-ZÀ-ÖØ-Þ0-9])")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")


@dataclass(frozen=True)
class Token:
    text: str  # lowercase
    start: int  # offset in the text


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset in the text it comes from


def tokens(text: str) -> list[Token]:
    return [Token(m.group().lower(), m.start()) for m in _TOKEN.finditer(text)]


def blocks(text: str) -> Iterator[Sentence]:
    """The paragraphs and list items of a text, each with its line breaks as spaces (so offsets
    stay those of the text): a blank line or a list item starts a new one."""
    start = 0
    parts: list[str] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        item = _LIST_ITEM.match(line)
        if not line.strip() or item:
            if parts:
                yield Sentence("".join(parts).replace("\n", " "), start)
            parts = []
            if item:
                start, parts = offset + item.end(), [line[item.end() :]]
        else:
            if not parts:
                start = offset
            parts.append(line)
        offset += len(line)
    if parts:
        yield Sentence("".join(parts).replace("\n", " "), start)


def sentences(text: str, abbreviations: Iterable[str] = ()) -> Iterator[Sentence]:
    """The sentences of a text, paragraph by paragraph and item by item; a full stop after a known
    abbreviation (`bijv.`, `e.g.`) or inside a number ends none."""
    short = {a.lower().rstrip(".") for a in abbreviations}
    for block in blocks(text):
        body, start = block.text, 0
        for end in _END.finditer(body):
            before = body[start : end.start()].rstrip("\"'”’)")
            last = re.search(r"(\w+)\.$", before)
            if last and last.group(1).lower() in short:
                continue
            yield from _nonempty(body[start : end.start()], block.start + start)
            start = end.end()
        yield from _nonempty(body[start:], block.start + start)


def _nonempty(text: str, start: int) -> Iterator[Sentence]:
    stripped = text.strip()
    if stripped:
        yield Sentence(stripped, start + text.index(stripped))


Spec = tuple[str, Any]  # (kind, what): "" a word, "?" an optional word, "gap", "num", "start", "alt"


class Pattern:
    """One pattern of a rule, compiled when it is first used: a build whose vacancies all have a
    kept verdict (`VerdictStore`) compiles none of the rules' few thousand regular expressions."""

    def __init__(self, text: str) -> None:
        self.text = text  # the pattern as written

    @classmethod
    def parse(cls, text: str) -> Pattern:
        return cls(text)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Pattern) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __repr__(self) -> str:
        return f"Pattern({self.text!r})"

    @cached_property
    def _compiled(self) -> tuple[tuple[Spec, ...], tuple[re.Pattern[str], ...]]:
        try:
            specs = _specs(self.text)
            required = tuple(re.compile(rf"(?:^| )(?:{what.pattern})(?= |$)") for kind, what in specs if kind == "")
        except re.error as error:
            raise ValueError(f"{self.text!r}: {error}") from None
        return specs, required

    @property
    def specs(self) -> tuple[Spec, ...]:
        return self._compiled[0]

    @property
    def required(self) -> tuple[re.Pattern[str], ...]:
        """The words every match must contain, each as a search over a sentence's words joined by
        spaces: a sentence without one of them is passed over at once (most are, for most patterns)."""
        return self._compiled[1]

    def possible(self, joined: str) -> bool:
        """Whether a sentence (its words joined by spaces) has every word a match needs."""
        return all(word.search(joined) for word in self.required)

    def find(self, words: Sequence[Token], numbers: frozenset[str]) -> tuple[int, int] | None:
        """The first match in `words`, as (first word, word after the last), or None."""
        anchored = bool(self.specs) and self.specs[0][0] == "start"
        for first in range(1 if anchored else len(words)):
            end = _match(words, first, self.specs, numbers)
            if end is not None:
                return first, end
        return None


def _split(text: str) -> list[str]:
    """The parts of a pattern: words, with a parenthesised group (which may hold spaces) as one."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0) if not current.endswith("\\") else 0
        if char == " " and depth == 0:
            if current:
                parts.append(current)
            current = ""
        else:
            current += char
    if current:
        parts.append(current)
    return parts


def _specs(text: str) -> tuple[Spec, ...]:
    specs: list[Spec] = []
    for part in _split(text):
        optional = part.startswith("?") and len(part) > 1
        word = part[1:] if optional else part
        if word == "^":
            specs.append(("start", None))
        elif word == "...":
            specs.append(("gap", GAP))
        elif word == "....":
            specs.append(("gap", LONG_GAP))
        elif word == "<num>":
            specs.append(("num", None))
        elif word.startswith("(") and word.endswith(")") and " " in word:
            # (looking for|want): alternatives of one or more words each
            alternatives = tuple(_specs(a) for a in _alternatives(word[1:-1]))
            specs.append(("?alt" if optional else "alt", alternatives))
        else:
            specs.append(("?" if optional else "", re.compile(word)))
    return tuple(specs)


def _alternatives(text: str) -> list[str]:
    found, depth, current = [], 0, ""
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "|" and depth == 0:
            found.append(current)
            current = ""
        else:
            current += char
    return [*found, current]


def _match(words: Sequence[Token], at: int, specs: tuple[Spec, ...], numbers: frozenset[str]) -> int | None:
    """Where a match of `specs` starting at word `at` ends (the word after it), or None."""
    if not specs:
        return at
    (kind, what), rest = specs[0], specs[1:]
    if kind == "start":
        return _match(words, at, rest, numbers) if at == 0 else None
    if kind == "gap":
        for skip in range(min(what, len(words) - at) + 1):
            end = _match(words, at + skip, rest, numbers)
            if end is not None:
                return end
        return None
    if kind in ("alt", "?alt"):
        for alternative in what:
            end = _match(words, at, alternative + rest, numbers)
            if end is not None:
                return end
        return _match(words, at, rest, numbers) if kind == "?alt" else None
    if kind == "?":
        if at < len(words) and what.fullmatch(words[at].text):
            end = _match(words, at + 1, rest, numbers)
            if end is not None:
                return end
        return _match(words, at, rest, numbers)
    if at >= len(words):
        return None
    text = words[at].text
    matched = (text[0].isdigit() or text in numbers) if kind == "num" else what.fullmatch(text) is not None
    return _match(words, at + 1, rest, numbers) if matched else None


@dataclass(frozen=True)
class Rule:
    key: str  # one of CATEGORIES
    why: str
    law: str
    suggest: str
    patterns: tuple[Pattern, ...]
    vetoes: tuple[Pattern, ...] = ()


@dataclass(frozen=True)
class Rules:
    """One language's rules, word list and readability formula, with a site's own changes."""

    language: str
    rules: tuple[Rule, ...]
    numbers: frozenset[str]
    abbreviations: tuple[str, ...]
    simpler: Mapping[str, str]  # a hard word -> a plain one
    formula: str  # "flesch-douma", "flesch", "lix"
    sentence_words: int  # a sentence longer than this is a warning
    sources: tuple[str, ...] = ()
    digest: str = field(default="", compare=False)
    keep: tuple[str, ...] = ()  # fixed names whose words are never "hard" ("verklaring omtrent het gedrag")

    def find(self, text: str, off: Iterable[str] = ()) -> list[Finding]:
        """Every rule's first match in each sentence of `text`."""
        skipped = set(off)
        found = []
        for sentence in sentences(text, self.abbreviations):
            words = tokens(sentence.text)
            joined = " ".join(w.text for w in words)
            for rule in self.rules:
                if rule.key in skipped:
                    continue
                match = next(
                    (m for p in rule.patterns if p.possible(joined) and (m := p.find(words, self.numbers))), None
                )
                if match is None or any(v.possible(joined) and v.find(words, self.numbers) for v in rule.vetoes):
                    continue
                first, end = match
                begin = words[first].start
                last = words[end - 1]
                phrase = sentence.text[begin : last.start + len(last.text)]
                found.append(Finding(rule.key, phrase, sentence.start + begin))
        return found


@dataclass(frozen=True)
class Finding:
    rule: str
    phrase: str  # as written
    offset: int  # in the text checked


@cache
def rules(language: str) -> Rules | None:
    """The engine's rules for `language`, or None for a language without a rule file (only the
    plain-language checks then)."""
    path = RULES_DIR / f"{language}.yml"
    if not path.is_file():
        return None
    return _rules(language, path.read_text(encoding="utf-8"))


def _rules(language: str, text: str) -> Rules:
    data = yaml.safe_load(text)
    numbers = frozenset(str(n).lower() for n in data.get("numbers", ()))
    made = []
    for key, spec in (data.get("rules") or {}).items():
        made.append(
            Rule(
                key,
                spec["why"],
                spec["law"],
                spec["suggest"],
                tuple(Pattern.parse(p) for p in spec.get("patterns", ())),
                tuple(Pattern.parse(p) for p in spec.get("not", ())),
            )
        )
    return Rules(
        language=language,
        rules=tuple(made),
        numbers=numbers,
        abbreviations=tuple(data.get("abbreviations", ())),
        simpler={str(k).lower(): str(v) for k, v in (data.get("simpler") or {}).items()},
        formula=data.get("formula", "flesch"),
        sentence_words=int(data.get("sentence_words", 25)),
        sources=tuple(data.get("sources", ())),
        digest=hashlib.sha256(text.encode()).hexdigest()[:16],
        keep=tuple(str(k) for k in data.get("keep", ())),
    )


def with_site(base: Rules, added: Mapping[str, Sequence[str]], sentence_words: int | None) -> Rules:
    """The rules with a site's own phrases (each as literal words) and its sentence limit."""
    if not added and sentence_words is None:
        return base
    made = []
    for rule in base.rules:
        extra = tuple(
            Pattern.parse(" ".join(re.escape(t.text) for t in tokens(phrase))) for phrase in added.get(rule.key, ())
        )
        made.append(Rule(rule.key, rule.why, rule.law, rule.suggest, rule.patterns + extra, rule.vetoes))
    payload = json.dumps([base.digest, {k: list(v) for k, v in added.items()}, sentence_words], sort_keys=True)
    return Rules(
        base.language,
        tuple(made),
        base.numbers,
        base.abbreviations,
        base.simpler,
        base.formula,
        sentence_words if sentence_words is not None else base.sentence_words,
        base.sources,
        hashlib.sha256(payload.encode()).hexdigest()[:16],
        base.keep,
    )


# Plain language.


@cache
def _hyphenator(language: str) -> pyphen.Pyphen:
    record = LANGUAGES_BY_CODE.get(language)
    return pyphen.Pyphen(lang=record.hyphenation if record else "en_GB")


@cache  # words repeat: a vacancy's 500 words are some 250 distinct ones, and those recur across vacancies
def syllables(word: str, language: str) -> int:
    """A word's syllables, as its hyphenation points plus one (good enough for a readability score)."""
    return len(_hyphenator(language).positions(word)) + 1


@dataclass(frozen=True)
class Readability:
    score: float  # higher is easier for Flesch and Flesch-Douma; lower is easier for LIX
    words: int
    sentences: int
    plain: bool  # within the level a public employer writes for (B1, klarspråk, plain English)


# What "plain" means per formula: Flesch-Douma ≥ 60 (about B1), Flesch ≥ 60 (plain English),
# LIX ≤ 40 (easy to medium prose, the Swedish and Norwegian plain-language guidance).
PLAIN = {"flesch-douma": 60.0, "flesch": 60.0, "lix": 40.0}


def readability(text: str, language: str, formula: str, abbreviations: Iterable[str] = ()) -> Readability | None:
    """The readability of a text by the language's formula, or None for a text of no words."""
    counted = [[t.text for t in tokens(s.text) if t.text[0].isalpha()] for s in sentences(text, abbreviations)]
    counted = [s for s in counted if s]
    words = [w for s in counted for w in s]
    if not words:
        return None
    per_sentence = len(words) / len(counted)
    if formula == "lix":
        long_words = sum(1 for w in words if len(w) > 6)
        score = per_sentence + 100 * long_words / len(words)
        return Readability(round(score, 1), len(words), len(counted), score <= PLAIN["lix"])
    per_word = sum(syllables(w, language) for w in words) / len(words)
    if formula == "flesch-douma":
        score = 206.835 - 0.93 * per_sentence - 77 * per_word
    else:
        score = 206.835 - 1.015 * per_sentence - 84.6 * per_word
    return Readability(round(score, 1), len(words), len(counted), score >= PLAIN[formula])


def long_sentences(text: str, limit: int, abbreviations: Iterable[str] = ()) -> list[tuple[Sentence, int]]:
    """The sentences of more than `limit` words, with their length."""
    found = []
    for sentence in sentences(text, abbreviations):
        count = sum(1 for t in tokens(sentence.text) if t.text[0].isalnum())
        if count > limit:
            found.append((sentence, count))
    return found


def hard_words(text: str, simpler: Mapping[str, str], keep: Iterable[str] = ()) -> list[tuple[Token, str]]:
    """Words with a well-known simpler alternative, each once; not in the fixed names `keep`."""
    for name in keep:
        text = re.sub(re.escape(name), lambda m: " " * len(m.group()), text, flags=re.IGNORECASE)
    seen: set[str] = set()
    found = []
    for token in tokens(text):
        if token.text in simpler and token.text not in seen:
            seen.add(token.text)
            found.append((token, simpler[token.text]))
    return found


def plain_markdown(markdown: str) -> str:
    """The words of a Markdown text as a reader reads them, at the same offsets: headings, list
    markers, emphasis, links and HTML are blanked out (offsets stay, so lines can be found)."""

    def blank(match: re.Match[str]) -> str:
        return " " * len(match.group())

    text = re.sub(r"(?m)^#{1,6}[ \t].*$", lambda m: " " * len(m.group()), markdown)  # headings: no sentences
    text = re.sub(r"\]\([^)]*\)", blank, text)  # link targets
    text = re.sub(r"<[^>\n]*>", blank, text)  # HTML tags
    text = re.sub(r"[*_`\[\]]", " ", text)  # emphasis, code and link brackets
    return text


def to_json(found: list[Finding]) -> list[list[Any]]:
    return [[f.rule, f.phrase, f.offset] for f in found]


# A vacancy's text, checked.

PLAIN_KEYS = ("long_sentences", "hard_words")  # the plain-language checks, which a site may switch off too
# What a site may skip and a vacancy may accept: every rule and every plain-language check.
CHECKS = (*CATEGORIES, *PLAIN_KEYS)


@dataclass(frozen=True)
class SiteWording:
    """A site's own choices (its data file, setting `wording`): rules and checks switched off,
    phrases added per rule, and the longest sentence it accepts."""

    off: frozenset[str] = frozenset()
    words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sentence_words: int | None = None


@dataclass(frozen=True)
class Verdict:
    """What the check found in one vacancy: (field, offset in that field's text, kind, details)."""

    findings: tuple[tuple[str, int, str, tuple[str, ...]], ...]
    readability: Readability | None


def site_rules(language: str, site: SiteWording) -> Rules:
    """The language's rules with the site's own changes; a language without a rule file gets the
    plain-language checks by the LIX formula (which needs no syllables)."""
    base = rules(language) or Rules(language, (), frozenset(), (), {}, "lix", 25, digest=f"none-{language}")
    return with_site(base, site.words, site.sentence_words)


def check_texts(texts: Mapping[str, str], found_rules: Rules, off: Iterable[str], body: str = "body") -> Verdict:
    """The findings in a vacancy's texts (field -> text; `body` is Markdown) and its body's readability."""
    skipped = frozenset(off)
    findings: list[tuple[str, int, str, tuple[str, ...]]] = []
    plain_body = plain_markdown(texts.get(body, ""))
    for name, raw in texts.items():
        text = plain_body if name == body else raw
        for finding in found_rules.find(text, skipped):
            findings.append((name, finding.offset, finding.rule, (finding.phrase,)))
        if name != body:
            continue
        if "long_sentences" not in skipped:
            for sentence, count in long_sentences(text, found_rules.sentence_words, found_rules.abbreviations):
                opening = " ".join(sentence.text.split()[:6])
                findings.append((name, sentence.start, "long_sentences", (str(count), opening)))
        if "hard_words" not in skipped:
            for token, plain in hard_words(text, found_rules.simpler, found_rules.keep):
                findings.append(
                    (name, token.start, "hard_words", (raw[token.start : token.start + len(token.text)], plain))
                )
    score = readability(plain_body, found_rules.language, found_rules.formula, found_rules.abbreviations)
    return Verdict(tuple(findings), score)


class VerdictStore:
    """Verdicts by a hash of the texts and the rules, kept between builds (`store`: a kept file's
    load and save, of plain values only), so that an unchanged vacancy is not checked again."""

    PURPOSE = "wording verdicts 1"

    def __init__(self, store: Any | None) -> None:
        self.store = store
        self.verdicts: dict[str, Verdict] = {}
        self.used: set[str] = set()
        self.changed = False
        data = store.load(self.PURPOSE) if store is not None else None
        if isinstance(data, dict):
            for key, value in data.items():
                verdict = _verdict_from(value)
                if isinstance(key, str) and verdict is not None:
                    self.verdicts[key] = verdict

    def verdict(self, texts: Mapping[str, str], found_rules: Rules, off: Iterable[str]) -> Verdict:
        skipped = sorted(off)
        payload = json.dumps([found_rules.digest, skipped, dict(texts)], sort_keys=True)
        key = hashlib.sha256(payload.encode()).hexdigest()
        self.used.add(key)
        if key not in self.verdicts:
            self.verdicts[key] = check_texts(texts, found_rules, skipped)
            self.changed = True
        return self.verdicts[key]

    def save(self) -> None:
        if self.store is not None and (self.changed or set(self.verdicts) - self.used):
            kept = {k: _verdict_to(v) for k, v in self.verdicts.items() if k in self.used}
            self.store.save(self.PURPOSE, kept)


def _verdict_to(verdict: Verdict) -> list[Any]:
    r = verdict.readability
    rows = [[f[0], f[1], f[2], list(f[3])] for f in verdict.findings]
    return [rows, None if r is None else list(vars(r).values())]


def _verdict_from(value: Any) -> Verdict | None:
    """A kept verdict, when all of it is what this version writes; else None (it is made anew)."""
    try:
        rows, score = value
        findings = tuple(
            (str(name), int(offset), str(kind), tuple(str(d) for d in details)) for name, offset, kind, details in rows
        )
        readable = None if score is None else Readability(float(score[0]), int(score[1]), int(score[2]), bool(score[3]))
        return Verdict(findings, readable)
    except (TypeError, ValueError):
        return None


def problems(vacancy: Any, verdict: Verdict, found_rules: Rules, t: Translator) -> list[Problem]:
    """The verdict's findings as warnings at the file, line and field that wrote them (`vacancy`:
    a `model.Vacancy`, which imports this module's neighbours; typed loosely to keep it a leaf)."""
    about = {rule.key: rule for rule in found_rules.rules}
    made = []
    for name, offset, kind, details in verdict.findings:
        line = vacancy.body_line + vacancy.body[:offset].count("\n") if name == "body" else vacancy.line(name)
        if kind == "long_sentences":
            count, opening = details
            message = t("warning.long_sentence", n=count, limit=found_rules.sentence_words, start=opening)
        elif kind == "hard_words":
            word, plain = details
            message = t("warning.hard_word", word=word, plain=plain)
        else:
            rule = about[kind]
            message = t(
                "warning.wording", phrase=details[0], why=rule.why, law=rule.law, suggest=rule.suggest, rule=kind
            )
        made.append(Problem(vacancy.source, line, name, message))
    return made
