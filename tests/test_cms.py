"""The web editor at /admin/: its form follows the content model, and it runs from the site alone."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from careersite.config import load
from careersite.content import model
from careersite.content.errors import ContentError
from careersite.content.fields import Field, choice
from careersite.i18n import LANGUAGES, Translator
from careersite.outputs import cms
from conftest import EXAMPLE, ROOT, TODAY, Build, careersite, copy_example, edit, run_build

CMS = ROOT / "tests" / "cms"
ADMIN = ROOT / "overrides" / "admin"
PLAYWRIGHT = ROOT / "tests" / "a11y" / "node_modules" / "playwright-core"
CHROMIUM = shutil.which("chromium")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    """The example as a site (a copy: the example's content with the theme it names)."""
    return load(copy_example(tmp_path_factory.mktemp("cms")) / "mkdocs.yml", {"CAREERSITE_TODAY": TODAY})


def fields(config: dict, collection: str) -> dict[str, dict]:
    found = next(c for c in config["collections"] if c["name"] == collection)
    return {f["name"]: f for f in found["fields"]}


def test_a_new_text_starts_as_new_vacancy_s_and_dates_follow_the_language(site) -> None:
    """The editor's text started empty, and dates followed the browser's format."""
    config = cms.config(site)
    assert fields(config, "vacancies")["body"]["default"] == site.t("scaffold.body")
    assert fields(config, "vacancies")["body"]["default"].startswith("## Wat ga je doen")
    assert fields(config, "stories")["body"]["default"] == site.t("scaffold.story_body")
    closes = fields(config, "vacancies")["closes"]
    assert closes["widget"] == "sitedate" and closes["date_format"] == "DD-MM-YYYY"
    assert closes["placeholder"] == "dd-mm-jjjj" and "15-01-2027" in closes["invalid"]
    formats = {language: Translator(language)("cms.date_format") for language in LANGUAGES}
    assert formats == {
        "nl": "DD-MM-YYYY",
        "nb": "DD.MM.YYYY",
        "en": "DD/MM/YYYY",
        "sv": "YYYY-MM-DD",
        "da": "DD.MM.YYYY",
    }


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_the_date_field_takes_each_language_s_way_of_writing_a_date() -> None:
    """A Swedish editor types 2027-01-15 (was: refused, only day-first dates were read)."""
    script = cms._START.split("const toStored = ", 1)[1].split("\n  };\n", 1)[0] + "\n  };"
    code = (
        f"const toStored = {script}\n"
        'console.log(JSON.stringify(["2027-01-15", "15-01-2027", "15.01.2027", "15/1/2027", '
        '"2027-02-30", "30.02.2027", "2027/01/15", "15-01-27"].map(toStored)));'
    )
    result = subprocess.run(["node", "-e", code], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        "2027-01-15",
        "2027-01-15",
        "2027-01-15",
        "2027-01-15",
        None,
        None,
        None,
        None,
    ]


def test_every_declared_field_is_in_the_form_with_its_required_flag_and_hint(site) -> None:
    config = cms.config(site)
    assert [c["name"] for c in config["collections"]] == ["vacancies", "stories", "departments"]
    for collection, kind, declared in (
        ("vacancies", "vacancy", model.VACANCY_FIELDS),
        ("stories", "story", model.STORY_FIELDS),
    ):
        form = fields(config, collection)
        assert list(form) == [f.name for f in declared] + ["body"]
        for spec in declared:
            assert form[spec.name]["required"] is spec.required, spec.name
            assert form[spec.name]["hint"] == site.t(f"cms.hint.{kind}.{spec.name}")
        assert form["body"]["widget"] == "markdown"
    vacancies = fields(config, "vacancies")
    assert vacancies["title"]["label"] == "Titel"  # in the site's language, under the front-matter name
    assert vacancies["closes"]["hint"] == "De laatste dag om te solliciteren; die dag telt mee."
    assert vacancies["published"]["widget"] == "sitedate"  # kept as YYYY-MM-DD, shown as the language writes


def test_choices_come_from_the_site(site) -> None:
    config = cms.config(site)
    form = fields(config, "vacancies")

    def values(name: str) -> list[str]:
        return [option["value"] for option in form[name]["options"]]

    assert values("scale") == list(site.salary_table.scales) and form["scale"]["multiple"]
    assert "10" in values("scale")
    assert values("process") == list(site.processes) == ["standaard", "assessment"]
    assert values("channels") == ["linkedin", "facebook", "instagram", "x"]
    assert values("employment") == ["permanent", "temporary", "internship", "traineeship"]
    assert form["employment"]["default"] == "permanent"
    assert {"label": "Hybride: op kantoor en thuis", "value": "hybrid"} in form["remote"]["options"]
    assert values("education") == ["vmbo", "mbo", "hbo", "wo"]
    assert values("status") == ["reviewing", "filled", "cancelled"]
    # A department is picked from the departments file, read when the form opens, where one is added.
    assert form["department"]["widget"] == "relation" and form["department"]["value_field"] == "departments.*"
    listing = next(c for c in config["collections"] if c["name"] == "departments")["files"][0]
    assert listing["file"] == "content/data/departments.yml" and listing["fields"][0]["widget"] == "list"
    departments = {v.vacancy.department for v in site.vacancies} | {s.department for s in site.stories}
    assert set(site.department_list) == departments and "Sociaal Domein" in departments
    steps = {step.key for p in site.processes.values() for step in p.steps}
    assert {f["name"] for f in form["process_dates"]["fields"]} == steps
    assert [f["name"] for f in form["social"]["fields"]] == ["linkedin", "facebook", "instagram", "x"]
    assert [f["name"] for f in form["contact"]["fields"]] == ["name", "role", "phone", "email"]
    assert [f["name"] for f in form["salary"]["fields"]] == ["min", "max", "period", "currency"]


def test_the_public_config_names_no_department_of_a_scheduled_vacancy(site_copy: Path) -> None:
    (site_copy / "vacancies" / "geheim.md").write_text(
        (site_copy / "vacancies" / "ciso.md")
        .read_text(encoding="utf-8")
        .replace("department: Informatie en ICT", "department: Geheime Projecten")
        .replace("published: 2026-11-06", "published: 2027-06-01")
        .replace("closes: 2026-12-11", "closes: 2027-07-09"),
        encoding="utf-8",
    )
    site = load(site_copy / "mkdocs.yml", {"CAREERSITE_TODAY": TODAY})
    assert "Geheime Projecten" in {v.department for v in site.content.vacancies}
    assert "Geheime Projecten" not in cms.render_config(site).decode()


def test_story_photos_go_where_stories_look_for_them(site) -> None:
    config = cms.config(site)
    stories = next(c for c in config["collections"] if c["name"] == "stories")
    assert stories["folder"] == "stories" and config["media_folder"] == "stories/img"
    assert (stories["media_folder"], stories["public_folder"]) == ("img", "img")  # photo: img/<file>
    assert fields(config, "stories")["photo"]["widget"] == "image"
    existing = next(iter(site.content.stories)).photo
    assert existing.startswith("img/") and (EXAMPLE / "stories" / existing).is_file()


def test_a_changed_declaration_changes_the_form(site, monkeypatch: pytest.MonkeyPatch) -> None:
    grade = Field("grade", choice("junior", "medior", "senior"), True, doc="seniority", form="choice")
    title = dataclasses.replace(model.VACANCY_FIELDS[0], required=False)
    monkeypatch.setattr(model, "VACANCY_FIELDS", (title, *model.VACANCY_FIELDS[1:], grade))
    form = fields(cms.config(site), "vacancies")
    assert form["grade"]["required"] is True and form["grade"]["widget"] == "select"
    assert form["grade"]["label"] == "grade"  # until the interface strings name it
    assert [o["value"] for o in form["grade"]["options"]] == ["junior", "medior", "senior"]
    assert form["grade"]["hint"] == "seniority"  # its meaning as declared, until translated
    assert form["title"]["required"] is False
    with pytest.raises(ValueError, match="form 'slider'"):
        Field("grade", choice("a"), form="slider")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_field_has_a_label_and_a_hint_in_every_language(language: str) -> None:
    t = Translator(language)
    for kind, declared in (("vacancy", model.VACANCY_FIELDS), ("story", model.STORY_FIELDS)):
        for spec in declared:
            assert t(f"cms.field.{spec.name}").strip(), spec.name
            assert t(f"cms.hint.{kind}.{spec.name}").strip(), (kind, spec.name)


def test_backends_from_the_settings(site) -> None:
    local = cms.config(site)
    assert local["backend"] == {"name": "proxy", "proxy_url": "http://127.0.0.1:8081/api/v1", "branch": "main"}
    assert "local_backend" not in local
    github = dataclasses.replace(site.settings.cms, backend="github", repo="lindewaard/werkenbij")
    assert cms.backend(github) == {"name": "github", "repo": "lindewaard/werkenbij", "branch": "main"}
    gitlab = dataclasses.replace(
        site.settings.cms, backend="gitlab", repo="lw/site", app_id="abc", base_url="https://git.example.nl"
    )
    assert cms.backend(gitlab) == {
        "name": "gitlab",
        "repo": "lw/site",
        "branch": "main",
        "auth_type": "pkce",
        "app_id": "abc",
        "base_url": "https://git.example.nl",
        "api_root": "https://git.example.nl/api/v4",
    }


@pytest.mark.parametrize(
    ("block", "field", "says"),
    [
        ("cms: github", "cms", "schrijf dit als een blok met backend"),
        ("cms: {backend: bitbucket}", "cms.backend", "kies uit local, github, gitlab"),
        ("cms: {backend: github}", "cms.repo", "schrijf voor github de eigenaar en de naam"),
        ("cms: {backend: github, repo: werkenbij}", "cms.repo", "'werkenbij' is geen repository"),
        ("cms: {backend: gitlab, repo: lw/site}", "cms.app_id", "Application ID"),
        ("cms: {backend: github, repo: a/b, base_url: oauth.example}", "cms.base_url", "begin het met https://"),
        ("cms: {backend: github, repo: a/b, branche: main}", "cms.branche", "branch"),
    ],
)
def test_wrong_cms_settings_are_named_at_their_line(tmp_path: Path, block: str, field: str, says: str) -> None:
    folder = copy_example(tmp_path / "site")
    edit(folder / "mkdocs.yml", "    default_channels:", f"    {block}\n    default_channels:")
    line = next(i for i, text in enumerate((folder / "mkdocs.yml").read_text().splitlines(), 1) if "cms:" in text)
    with pytest.raises(ContentError) as caught:
        load(folder / "mkdocs.yml", {"CAREERSITE_TODAY": TODAY})
    shown = [str(p) for p in caught.value.problems]
    assert any(s.startswith(f"mkdocs.yml:{line}: extra.careersite.{field}: ") and says in s for s in shown), shown


def test_the_vendored_editor_is_the_recorded_release() -> None:
    sums = (ADMIN / "SHA256SUMS").read_text().splitlines()
    assert "decap-cms 3.16.3" in sums[0]
    listed = dict(reversed(line.split("  ")) for line in sums if not line.startswith("#"))
    assert "decap-cms.js" in listed and len(listed) > 40  # the bundle and the parts it loads on demand
    for name, digest in listed.items():
        assert hashlib.sha256((ADMIN / name).read_bytes()).hexdigest() == digest, name
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert listed["decap-cms.js"] in readme and "decap-cms 3.16.3" in readme


def test_the_built_site_has_the_editor_outside_search_and_sitemap(example: Build) -> None:
    page = example.html("admin/index.html")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.html["lang"] == "nl"
    urls = [tag.get("src") or tag.get("href") for tag in page.find_all(["script", "link"])]
    urls += re.findall(r'\.src = "([^"]+)"', str(page))
    assert urls and all(u and not re.match(r"^(?:[a-z]+:)?//", u) for u in urls if u), urls
    assert "decap-cms.js" in urls
    config = yaml.safe_load((example.site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert [c["name"] for c in config["collections"]] == ["vacancies", "stories", "departments"]
    assert (example.site / "admin" / "decap-cms.js").stat().st_size > 4_000_000
    assert "/admin/" not in (example.site / "sitemap.xml").read_text(encoding="utf-8")
    assert '"admin/' not in (example.site / "search" / "search_index.json").read_text(encoding="utf-8")


def test_two_builds_write_the_same_editor(example: Build, tmp_path: Path) -> None:
    again = run_build(copy_example(tmp_path / "again"))
    assert again.returncode == 0, again.output
    for name in ("config.yml", "index.html"):
        assert (again.site / "admin" / name).read_bytes() == (example.site / "admin" / name).read_bytes()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _browser_ready() -> None:
    if not (CHROMIUM and shutil.which("node") and PLAYWRIGHT.is_dir()):
        pytest.skip("needs Chromium, Node.js and `npm ci` in tests/a11y (make test sets these up)")


@contextlib.contextmanager
def _serving(folder: Path) -> Iterator[int]:
    """`folder` on a web server at 127.0.0.1; its port."""
    web = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=web.serve_forever, daemon=True).start()
    try:
        yield web.server_address[1]
    finally:
        web.shutdown()


@contextlib.contextmanager
def _editing(folder: Path) -> Iterator[tuple[Build, str, str]]:
    """`folder` built and served on 127.0.0.1, with `make cms`'s server saving into it; the build,
    the editor's address and the server's."""
    _browser_ready()
    build = run_build(folder)
    assert build.returncode == 0, build.output
    port = _free_port()
    proxy = f"http://127.0.0.1:{port}/api/v1"
    config = build.site / "admin" / "config.yml"
    config.write_text(config.read_text().replace(cms.LOCAL_SERVER, proxy))
    with _serving(build.site) as web:
        origin = f"http://127.0.0.1:{web}"
        server = subprocess.Popen(
            [sys.executable, "-m", "careersite", "cms", "mkdocs.yml", "--port", str(port), "--origin", origin],
            cwd=build.folder,
            env=dict(os.environ, PYTHONPATH=str(ROOT / "hooks")),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(proxy.rsplit("/api", 1)[0], timeout=1)
                    break
                except OSError as error:
                    if getattr(error, "code", None):  # an HTTP answer: it listens
                        break
                    time.sleep(0.1)
            yield build, f"http://127.0.0.1:{web}/admin/", proxy
        finally:
            server.terminate()
            server.wait(timeout=10)


@pytest.fixture
def editor(tmp_path: Path) -> Iterator[tuple[Build, str, str]]:
    """A built copy of the example in the editor (`_editing`)."""
    with _editing(copy_example(tmp_path / "site")) as editing:
        yield editing


def _drive(admin: str, screenshot: Path, *args: str) -> dict:
    result = subprocess.run(
        ["node", str(CMS / "editor.js"), admin, str(screenshot), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ, CHROMIUM=CHROMIUM or ""),
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_editor_offers_both_collections_and_every_field(editor, tmp_path: Path) -> None:
    build, admin, proxy = editor
    seen = _drive(admin, tmp_path / "admin.png")
    links = {link["href"]: link["text"] for link in seen["collections"]}
    assert links["#/collections/vacancies"] == "Vacatures" and links["#/collections/stories"] == "Verhalen"
    assert "#/collections/vacancies/entries/ciso" in links  # it reads the files through make cms's server
    site = load(build.folder / "mkdocs.yml", {"CAREERSITE_TODAY": TODAY})
    for kind, declared in (("vacancy", model.VACANCY_FIELDS), ("story", model.STORY_FIELDS)):
        shown = " | ".join(label["text"] for label in seen[kind])
        for spec in declared:
            assert site.t(f"cms.field.{spec.name}") in shown, (kind, spec.name, shown)
    # Everything the editor loaded came from the site or from make cms's server, both on 127.0.0.1.
    origin, server = admin.split("/admin/")[0], proxy.split("/api/")[0]
    network = [u for u in seen["requests"] if not u.startswith(("data:", "blob:"))]
    assert network and all(u.startswith((origin + "/", server + "/")) for u in network), network
    assert not seen["errors"]
    shutil.copy(tmp_path / "admin.png", Path(os.environ.get("CMS_SCREENSHOT", tmp_path / "kept.png")))


def test_a_vacancy_and_a_story_made_in_the_editor_pass_make_check_and_build(editor, tmp_path: Path) -> None:
    build, admin, _ = editor
    photo = tmp_path / "noor.jpg"
    shutil.copy(EXAMPLE / "stories" / "img" / "fatima-el-amrani.jpg", photo)
    _drive(admin, tmp_path / "admin.png", "create", str(photo))
    vacancy = (build.folder / "vacancies" / "jurist-sociaal-domein.md").read_text(encoding="utf-8")
    assert "title: Jurist Sociaal Domein" in vacancy and "department: Sociaal Domein" in vacancy
    assert "\nid:" not in vacancy and "\ntags:" not in vacancy  # emptied fields are left out, not written empty
    # Dates typed as Dutch writes them (30-11-2026) are stored as YAML dates.
    assert "\npublished: 2026-11-30\n" in vacancy and "\ncloses: 2027-01-15\n" in vacancy
    story = (build.folder / "stories" / "noor-jansen.md").read_text(encoding="utf-8")
    assert "\nphoto: img/noor.jpg\n" in story  # uploaded where the story's photo is looked up
    assert (build.folder / "stories" / "img" / "noor.jpg").read_bytes() == photo.read_bytes()
    edited = build.folder / "vacancies" / "vergunningverlener-omgevingswet.md"
    _, head, body = (EXAMPLE / "vacancies" / edited.name).read_text(encoding="utf-8").split("---\n", 2)
    _, new_head, new_body = edited.read_text(encoding="utf-8").split("---\n", 2)
    assert new_body == body  # the text, untouched in the form, is saved as it was
    before, after = yaml.safe_load(head), yaml.safe_load(new_head)
    assert after.pop("location") == "Gemeentewerf, Lindewaard"
    before.pop("location")
    after["scale"] = [int(s) for s in after["scale"]]  # the form writes the scale keys as text: ["9", "10"]
    assert after == before  # everything else as it was, though the form writes its own YAML style
    check = careersite(build.folder, "check", "mkdocs.yml")
    assert check.returncode == 0, check.stdout + check.stderr + vacancy + story
    again = run_build(build.folder)
    assert again.returncode == 0, again.output
    page = again.html("verhalen/noor-jansen/index.html")
    assert "Een goed besluit lees je één keer." in page.get_text()
    assert page.select_one("img[src*='photos/noor-jansen-']") is not None
    assert "Jurist Sociaal Domein" in again.html("vacatures/jurist-sociaal-domein/index.html").get_text()


def test_on_the_published_host_a_local_only_editor_says_so_and_loads_nothing(example: Build, tmp_path: Path) -> None:
    _browser_ready()
    with _serving(example.site) as port:
        seen = _drive(f"http://werkenbij.test:{port}/admin/", tmp_path / "hosted.png", "visit")
    assert "make cms" in seen["text"] and "GitHub of GitLab" in seen["text"]
    assert [u.split(f":{port}", 1)[1] for u in seen["requests"]] == ["/admin/"]


def test_connected_to_github_the_editor_loads_from_the_site_alone(tmp_path: Path) -> None:
    _browser_ready()
    folder = copy_example(tmp_path / "site")
    block = "cms: {backend: github, repo: gemeente-lindewaard/werkenbij, base_url: https://auth.lindewaard.example}"
    edit(folder / "mkdocs.yml", "    default_channels:", f"    {block}\n    default_channels:")
    build = run_build(folder)
    assert build.returncode == 0, build.output
    config = yaml.safe_load((build.site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["name"] == "github" and config["local_backend"] == {"url": "http://127.0.0.1:8081/api/v1"}
    with _serving(build.site) as port:
        seen = _drive(f"http://werkenbij.test:{port}/admin/", tmp_path / "github.png", "visit")
    assert "GitHub" in seen["text"]  # the login button
    network = [u for u in seen["requests"] if not u.startswith(("data:", "blob:"))]
    assert all(u.startswith(f"http://werkenbij.test:{port}/admin/") for u in network), network
    assert {u.rsplit("/", 1)[1] for u in network} >= {"", "decap-cms.js", "config.yml"}


# An organisation's name written with JavaScript escapes: HTML-escaped, it passed through unchanged,
# and inside the page's script it became `<img … onerror=…>` handed to insertAdjacentHTML.
SCRIPTED_NAME = r"Gemeente \u003cimg src=x onerror=alert(document.domain)\u003e \x3cb\x3e"


def test_no_setting_is_written_into_the_editor_page_s_script(tmp_path: Path) -> None:
    folder = copy_example(tmp_path / "site")
    edit(folder / "mkdocs.yml", "    organisation: Gemeente Lindewaard", f"    organisation: '{SCRIPTED_NAME}'")
    site = load(folder / "mkdocs.yml", {"CAREERSITE_TODAY": TODAY})
    page = cms.render_page(site).decode()
    soup = BeautifulSoup(page, "html.parser")
    script = soup.find("script").string
    assert "Gemeente" not in script and "\\u003c" not in script and "onerror" not in script
    note = soup.select_one("main#not-connected[hidden]")
    assert note.h1.get_text() == f"Webeditor · {SCRIPTED_NAME}"  # shown as written, as text
    _browser_ready()
    (tmp_path / "admin").mkdir()
    (tmp_path / "admin" / "index.html").write_text(page, encoding="utf-8")
    with _serving(tmp_path) as port:
        seen = _drive(f"http://werkenbij.test:{port}/admin/", tmp_path / "hosted.png", "visit")
    assert SCRIPTED_NAME in seen["text"] and "make cms" in seen["text"]
    assert [u.split(f":{port}", 1)[1] for u in seen["requests"]] == ["/admin/"]  # no <img src=x> was made


def test_a_new_site_is_edited_in_the_browser_from_its_first_day(tmp_path: Path) -> None:
    """On a new site the department was a closed list of departments already on the site (none),
    so nothing could be saved and no department started. Now: a department added in the editor,
    a vacancy and a story saved in it, a mistake that make check names fixed in the editor."""
    folder = copy_example(tmp_path / "fork")
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main"]
    for command in (["init", "-q"], ["add", "."], ["commit", "-qm", "fork"]):
        subprocess.run([*git, *command], cwd=folder, check=True, capture_output=True)
    made = careersite(folder, "new", "site", "--organisation", "Gemeente Noordveen", "--url", "https://w.noordveen.nl/")
    assert made.returncode == 0, made.stderr
    photo = tmp_path / "noor.jpg"
    shutil.copy(EXAMPLE / "stories" / "img" / "fatima-el-amrani.jpg", photo)
    with _editing(folder) as (_, admin, _server):
        seen = _drive(admin, tmp_path / "new.png", "newsite", str(photo))
        assert "#/collections/departments" in [link["href"] for link in seen["collections"]]
        listed = yaml.safe_load((folder / "content/data/departments.yml").read_text(encoding="utf-8"))
        assert "Vergunningen" in listed["departments"]
        vacancy = (folder / "vacancies" / "vergunningverlener.md").read_text(encoding="utf-8")
        assert "department: Vergunningen" in vacancy and "\npublished: 2026-11-30\n" in vacancy
        assert "department: Vergunningen" in (folder / "stories" / "noor-jansen.md").read_text(encoding="utf-8")
        check = careersite(folder, "check", "mkdocs.yml")
        assert check.returncode == 1 and "vacancies/vergunningverlener.md:" in check.stderr
        assert "apply: " in check.stderr and "geen andere ontvangers" in check.stderr
        _drive(admin, tmp_path / "fixed.png", "fix", "vergunningverlener", "https://w.noordveen.nl/solliciteren/")
    check = careersite(folder, "check", "mkdocs.yml")
    assert check.returncode == 0, check.stderr
    built = run_build(folder)
    assert built.returncode == 0, built.output
    listing = built.html("vacatures/index.html").get_text()
    assert "Vergunningverlener" in listing and "Vergunningen" in listing
    assert "Ik help mensen bouwen" in built.html("verhalen/noor-jansen/index.html").get_text()
