"""The engine's build driven on the example site without MkDocs (`careersite/build.py`): the order
it owns, and the outputs it writes, read as their consumers read them. What MkDocs adds (pages,
search, the sitemap) is tested on full builds elsewhere; this is what a port to another engine
keeps."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import markdown
import pytest
from careersite import build as engine
from careersite.config import load
from careersite.content.errors import ContentError
from careersite.content.model import ref
from careersite.outputs import cms
from careersite.publish.files import Placer
from conftest import TODAY, copy_example
from PIL import Image
from rfc5545 import problems as calendar_problems


def _start(folder: Path) -> engine.Build:
    site = load(folder / "mkdocs.yml", {"CAREERSITE_TODAY": TODAY})
    return engine.Build.start(site, cms.EditorFiles(), {})


def _texts(build: engine.Build) -> None:
    """Each public item's text, rendered as an engine would, handed to the build."""
    for item in build.site.vacancies:
        build.take_body(ref(item.vacancy), markdown.markdown(item.vacancy.body))
    for story in build.site.stories:
        build.take_body(ref(story), markdown.markdown(story.body))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[engine.Build, Path, list[str]]:
    folder = copy_example(tmp_path_factory.mktemp("engine"))
    build = _start(folder)
    build.draw_cards(None)
    _texts(build)
    out = folder / "out"
    out.mkdir()
    said: list[str] = []
    build.finish(out, Placer(None, None, out), said.append)
    return build, out, said


def test_the_outputs_are_written_in_order_and_logged(built: tuple[engine.Build, Path, list[str]]) -> None:
    build, _, said = built
    assert [line.split(":")[0] for line in said] == [
        "Cards",
        "Feeds",
        "Share pages for colleagues",
        "Pages sending readers on",
        "Calendar",
    ]
    assert [output.__name__ for output in engine.OUTPUTS] == [
        "_indeed",
        "_feeds",
        "_jobs",
        "_share",
        "_redirects",
        "_editor",
        "_calendar",
        "_closing_dates",
    ]
    assert build.bodies == {}  # handed to the feeds, then let go


def test_feeds_carry_every_open_vacancy_with_its_text_and_card(built: tuple[engine.Build, Path, list[str]]) -> None:
    build, out, _ = built
    feed = feedparser.parse((out / "feeds/vacancies.xml").read_bytes())
    assert not feed.bozo
    open_ids = {f"vacancy:{i.vacancy.id}" for i in build.site.open_vacancies}
    assert {e.id for e in feed.entries} == open_ids
    for entry in feed.entries:
        assert entry.link.startswith("https://werkenbij.lindewaard.example/vacatures/")
        enclosure = entry.enclosures[0]
        card = out / enclosure.href.removeprefix("https://werkenbij.lindewaard.example/")
        assert card.stat().st_size == int(enclosure.length)  # the card is in the site, its size stated
        with Image.open(card) as image:
            assert image.size == (1200, 630)
        assert "<h2" in entry.content[0].value  # the page's text, as handed to the build


def test_jobs_json_lists_the_open_vacancies(built: tuple[engine.Build, Path, list[str]]) -> None:
    build, out, _ = built
    jobs = json.loads((out / "jobs.json").read_text(encoding="utf-8"))
    assert jobs["count"] == len(build.site.open_vacancies) == len(jobs["vacancies"])
    assert all(job["url"].endswith("/") and "/vacatures/" in job["url"] for job in jobs["vacancies"])


def test_the_calendar_and_the_editor_are_written(built: tuple[engine.Build, Path, list[str]]) -> None:
    _, out, _ = built
    assert calendar_problems((out / "calendar.ics").read_bytes()) == []
    assert "collections:" in (out / "admin/config.yml").read_text(encoding="utf-8")
    assert (out / "vacancies/index.html").is_file()  # an earlier address


def test_a_vacancy_page_asks_the_build_for_its_job_posting(built: tuple[engine.Build, Path, list[str]]) -> None:
    build, _, _ = built
    item = next(i for i in build.site.vacancies if i.vacancy.slug == "ciso")
    posting = json.loads(build.job_posting(item, "<p>tekst</p>") or "")
    assert posting["@type"] == "JobPosting" and posting["url"].endswith("/vacatures/ciso/")
    closed = next(i for i in build.site.vacancies if not i.status.is_open)
    assert build.job_posting(closed, "") is None


def test_a_rendered_text_with_mistakes_stops_the_build_with_its_file_and_line(tmp_path: Path) -> None:
    """A text checked only once rendered (`Site.deferred`, as `mkdocs build` loads): a script in
    it stops `finish` before any output is written."""
    folder = copy_example(tmp_path / "site")
    site = load(folder / "mkdocs.yml", {"CAREERSITE_TODAY": TODAY})
    build = engine.Build.start(site, cms.EditorFiles(), {})
    item = build.site.vacancies[0]
    text = item.vacancy.body + "\n<script>alert(1)</script>\n"  # never judged: a new text
    build.site.deferred[ref(item.vacancy)] = (text, item.vacancy.source, 20)
    assert not build.take_body(ref(item.vacancy), markdown.markdown(text))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(engine.Stop) as stopped:
        build.finish(out, Placer(None, None, out), print)
    assert f"{item.vacancy.source}:" in str(stopped.value)
    assert list(out.iterdir()) == []


def test_a_guessable_calendar_token_stops_the_build_with_what_to_do(tmp_path: Path) -> None:
    folder = copy_example(tmp_path / "site")
    site = load(folder / "mkdocs.yml", {"CAREERSITE_TODAY": TODAY})
    build = engine.Build.start(site, cms.EditorFiles(), {"CAREERSITE_CALENDAR_TOKEN": "abc"})
    build.draw_cards(None)
    _texts(build)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(engine.Stop) as stopped:
        build.finish(out, Placer(None, None, out), lambda line: None)
    assert "CAREERSITE_CALENDAR_TOKEN" in str(stopped.value)


def test_the_engine_loads_no_mkdocs() -> None:
    """The engine's modules import nothing of MkDocs: the adapter is the only part a port rewrites."""
    import subprocess
    import sys

    code = (
        "import sys; import careersite.build, careersite.__main__; "
        "print([m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')])"
    )
    hooks = Path(__file__).resolve().parent.parent / "hooks"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={"PYTHONPATH": str(hooks)}
    )
    assert result.stdout.strip() == "[]", result.stderr


def test_problems_in_content_never_reach_the_build(tmp_path: Path) -> None:
    folder = copy_example(tmp_path / "site")
    path = folder / "vacancies" / "ciso.md"
    path.write_text(path.read_text(encoding="utf-8").replace("closes: ", "closes: 30-02-", 1), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        _start(folder)
    assert "vacancies/ciso.md:" in error.value.report()
