"""The text check (`careersite/content/wording.py`): fair wording measured on labelled corpora of
real-looking vacancy sentences per language (`tests/wording/`), plain language, and how authors
meet it: warnings at file, line and field, a reason to accept one, the site's own choices."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from careersite.config import load
from careersite.content import wording
from careersite.content.errors import ContentError
from conftest import TODAY, careersite, copy_example, edit

CORPORA = Path(__file__).parent / "wording"


def measure(language: str, corpus: str) -> tuple[int, int, int, int, int]:
    """(biased, warned, named the right rule, fine, falsely warned) on a corpus."""
    rules = wording.rules(language)
    assert rules is not None
    entries = yaml.safe_load((CORPORA / f"{corpus}.yml").read_text(encoding="utf-8"))
    biased = [e for e in entries if e["label"] != "fine"]
    fine = [e for e in entries if e["label"] == "fine"]
    found = [{f.rule for f in rules.find(e["text"])} for e in biased]
    warned = sum(1 for f in found if f)
    named = sum(1 for f, e in zip(found, biased, strict=True) if e["label"] in f)
    false = sum(1 for e in fine if rules.find(e["text"]))
    return len(biased), warned, named, len(fine), false


@pytest.mark.parametrize("language", ["nl", "nb", "en"])
def test_biased_sentences_are_warned_and_fine_ones_are_not(language: str) -> None:
    """At least 95 % of the biased sentences warned (with the right rule), at most 2 % of the fine
    ones, on the corpus the rules were written against (≥ 150 sentences per language)."""
    biased, warned, named, fine, false = measure(language, language)
    assert biased + fine >= 150 and biased >= 75 and fine >= 75
    assert warned / biased >= 0.95, f"{language}: {warned}/{biased} biased sentences warned"
    assert named / biased >= 0.95, f"{language}: {named}/{biased} named with the right rule"
    assert false / fine <= 0.02, f"{language}: {false}/{fine} fine sentences warned"


@pytest.mark.parametrize("corpus", ["nl-fresh", "nb-fresh", "en-fresh"])
def test_sentences_the_rules_were_never_tuned_on(corpus: str) -> None:
    """Written after the rules by someone who never saw them: how the check does on wording it has
    not met. Measured at the first run: nl 22/30 warned, 2/30 falsely; nb 25/30, 4/30; en 29/30,
    6/30, most false ones saying that something is NOT asked ("we do not ask for a photograph").
    A generic veto for such sentences (not one per sentence) then gave 1/30, 3/30 and 4/30. A
    regression guard below those figures, not a goal."""
    if not (CORPORA / f"{corpus}.yml").is_file():
        pytest.skip("no fresh corpus")
    biased, warned, _, fine, false = measure(corpus.split("-")[0], corpus)
    assert warned / biased >= 0.70, f"{corpus}: {warned}/{biased} warned"
    assert false / fine <= 0.25, f"{corpus}: {false}/{fine} falsely warned"


def test_sentences_split_at_their_ends_not_inside_numbers_or_abbreviations() -> None:
    text = (
        "Je verdient max. € 5.008 per maand, bijv. bij 36 uur. Bel ons tussen 8.00 en 17.00 uur!\n\n"
        "- Een item\n  dat doorloopt. En nog een\n"
    )
    found = [s.text for s in wording.sentences(text, ["max", "bijv"])]
    assert found == [
        "Je verdient max. € 5.008 per maand, bijv. bij 36 uur.",
        "Bel ons tussen 8.00 en 17.00 uur!",
        "Een item   dat doorloopt.",
        "En nog een",
    ]
    assert [t.text for t in wording.tokens("hbo'er, 1,80 m; e-mail")] == ["hbo'er", ",", "1,80", "m", ";", "e-mail"]


def test_words_are_matched_as_words_not_as_parts_of_words() -> None:
    rules = wording.rules("nl")
    assert rules is not None
    assert [f.phrase for f in rules.find("Wij zoeken een jonge collega.")] == ["jonge collega"]
    assert rules.find("Je organiseert activiteiten voor jongeren.") == []
    assert rules.find("Je werkt in een jong stadsdeel.") == []


def test_readability_follows_each_language_s_formula() -> None:
    easy = "Je werkt bij de gemeente. Je helpt mensen. Je bent er voor de wijk."
    hard = (
        "De functionaris draagt zorg voor de implementatie van het informatiebeveiligingsbeleid en de "
        "daarmee samenhangende organisatorische voorzieningen binnen de gemeentelijke organisatie."
    )
    plain = wording.readability(easy, "nl", "flesch-douma")
    difficult = wording.readability(hard, "nl", "flesch-douma")
    assert plain is not None and difficult is not None
    assert plain.plain and not difficult.plain and plain.score > difficult.score + 40
    # LIX = words per sentence + 100 × share of words over six letters: 4 words, 1 sentence, 1 long.
    lix = wording.readability("Du jobber med innbyggerne.", "nb", "lix")
    assert lix is not None and lix.score == 4 + 25


VACANCY = "vacancies/stage-communicatie.md"


def _warnings(folder: Path) -> list[str]:
    """The warnings of `make check` on a copy, as lines."""
    result = careersite(folder, "check", "mkdocs.yml")
    return [line for line in result.stderr.splitlines() if line.startswith("waarschuwing:")]


def test_a_biased_sentence_is_a_warning_at_its_line_and_an_accepted_one_is_not(tmp_path: Path) -> None:
    folder = copy_example(tmp_path / "site")
    path = folder / VACANCY
    edit(path, "## Wat ga je doen\n", "## Wat ga je doen\n\nWij zoeken een jonge collega voor ons jonge team.\n")
    line = path.read_text(encoding="utf-8").splitlines().index("Wij zoeken een jonge collega voor ons jonge team.") + 1
    warnings = _warnings(folder)
    mine = [w for w in warnings if f"{VACANCY}:{line}: body:" in w]
    assert mine and '"jonge collega"' in mine[0] and "AWGB/WGBL" in mine[0] and "Beter:" in mine[0]
    # Accepted with a reason: no warning; the reason must be a sentence.
    edit(
        path,
        "\n---\n",
        '\naccept:\n  age: "Het team kiest bewust: dit is een leerwerkplek voor schoolverlaters."\n---\n',
    )
    warnings = _warnings(folder)
    assert not [w for w in warnings if f"{VACANCY}:{line}:" in w]
    edit(path, '  age: "Het team kiest bewust: dit is een leerwerkplek voor schoolverlaters."', "  age: ja")
    result = careersite(folder, "check", "mkdocs.yml")
    assert result.returncode == 1 and f"{VACANCY}:" in result.stderr and "accept.age" in result.stderr


def test_the_site_switches_rules_off_and_adds_its_own_words(tmp_path: Path) -> None:
    folder = copy_example(tmp_path / "site")
    path = folder / VACANCY
    edit(path, "## Wat ga je doen\n", "## Wat ga je doen\n\nWij zoeken een jonge collega met een frisse blik.\n")
    data = folder / "content/data/wording.yml"
    data.write_text("skip: [age]\nwords:\n  looks: [frisse blik]\nsentence_words: 40\n", encoding="utf-8")
    warnings = _warnings(folder)
    assert not any("jonge collega" in w for w in warnings)
    assert any('"frisse blik"' in w and "uiterlijk" in w for w in warnings)


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        ("skip: [leeftijd]\n", 1, "skip[1]", "'leeftijd'"),
        ("words: [jong]\n", 1, "words", "schrijf words als een blok"),
        ("words:\n  age: jong\n", 2, "words.age", "schrijf words als een blok"),
        ("words:\n  leeftijd: [jong]\n", 2, "words.leeftijd", "'leeftijd'"),
        ("sentence_words: 3\n", 1, "sentence_words", "tussen 10 en 80"),
        ("sentence_words: veel\n", 1, "sentence_words", "tussen 10 en 80"),
        ("uit: [age]\n", 1, "uit", "skip"),
        ("- age\n", 1, "", "skip, words en sentence_words"),
        ("skip: [age\n", 2, "", "YAML"),
    ],
)
def test_a_wrong_wording_file_is_named_at_its_line(
    tmp_path: Path, text: str, line: int, field: str, words: str
) -> None:
    folder = copy_example(tmp_path / "site")
    (folder / "content/data/wording.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load(folder / "mkdocs.yml", {"CAREERSITE_TODAY": TODAY})
    report = error.value.report()
    assert f"content/data/wording.yml:{line}" in report, report
    assert field in report and words in report, report


def test_check_prints_how_each_vacancy_reads(tmp_path: Path) -> None:
    result = careersite(copy_example(tmp_path / "site"), "check", "mkdocs.yml")
    lines = [line for line in result.stdout.splitlines() if "leesbaarheid" in line]
    assert len(lines) >= 10 and all(line.startswith("vacancies/") for line in lines)
    assert any("Flesch-Douma, B1 vanaf 60" in line for line in lines)


def test_every_language_has_a_readability_formula_and_the_rule_files_parse() -> None:
    for language in ("nl", "nb", "en"):
        rules = wording.rules(language)
        assert rules is not None and {r.key for r in rules.rules} == set(wording.CATEGORIES), language
        assert rules.sources, language
        # Patterns are compiled when first used: every one of them compiles.
        for rule in rules.rules:
            for pattern in (*rule.patterns, *rule.vetoes):
                assert pattern.specs, (language, rule.key, pattern.text)
    for language, sentence in (
        ("sv", "Vi söker en nyexaminerad medarbetare med svenska som modersmål."),
        ("da", "Vi søger en nyuddannet medarbejder med dansk som modersmål."),
    ):
        # Swedish and Danish: the plain-language checks and the rules a word list can carry.
        rules = wording.site_rules(language, wording.SiteWording())
        assert rules.formula == "lix" and {r.key for r in rules.rules} == set(wording.CATEGORIES)
        assert [f.rule for f in rules.find(sentence)] == ["age", "origin"]
