"""`make nav` (issue 28): the open vacancies of a Norwegian site as ads for NAV's stillingsimport,
checked offline with `file:line: field:` messages; a dry run by default; with SEND=yes only new
and changed ads go, ended ones are stopped, and each receipt of NAV's always-200 stream is read.
Tested against a local stand-in that answers in the shapes of navikt/pam-import-api."""

from __future__ import annotations

import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from conftest import ROOT, TODAY, copy_example, edit

TOKEN = "nav-test-token-31f"
PROVIDER = "10041"
ORGNR = "974760673"
# NAV's value lists for the properties it checks (PropertyNameValueValidation and its kodeverk).
VALID = {
    "extent": {"Heltid", "Deltid"},
    "engagementtype": {
        "Fast",
        "Vikariat",
        "Engasjement",
        "Prosjekt",
        "Åremål",
        "Sesong",
        "Lærling",
        "Selvstendig næringsdrivende",
        "Trainee",
        "Feriejobb",
        "Annet",
    },
    "sector": {"Privat", "Offentlig"},
    "remote": {"Hjemmekontor", "Hybridkontor", "Hjemmekontor ikke mulig"},
}


class Nav(http.server.BaseHTTPRequestHandler):
    """A stand-in for arbeidsplassen-api's stillingsimport: the stream of ads, one receipt per ad
    written one after another, always HTTP 200; an ad breaking the API's rules gets a receipt with
    status ERROR; the same content again SKIPPED; DELETE stops an ad."""

    calls: ClassVar[list[tuple[str, str, list[str]]]] = []  # (method, path, references)
    seen: ClassVar[dict[str, str]] = {}  # reference -> content, as NAV keeps it
    reject: ClassVar[set[str]] = set()

    def _answer(self, status: int, body: bytes, kind: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            self._answer(401, b'{"message":"Unauthorized"}')
            return
        if self.path != f"/stillingsimport/api/v1/transfers/{PROVIDER}":
            self._answer(404, b"{}")
            return
        decoder, at, receipts, refs = json.JSONDecoder(), 0, [], []
        while at < len(body):
            while at < len(body) and body[at].isspace():
                at += 1
            if at >= len(body):
                break
            ad, at = decoder.raw_decode(body, at)
            refs.append(ad.get("reference", ""))
            receipts.append(self._receive(ad))
        Nav.calls.append(("POST", self.path, refs))
        self._answer(200, b"".join(json.dumps(r).encode() for r in receipts), "application/x-json-stream")

    def _receive(self, ad: dict[str, Any]) -> dict[str, Any]:
        problems = []
        if not ad.get("reference") or len(ad["reference"]) >= 255:
            problems.append("reference is blank or size > 255")
        if not ad.get("title") or len(ad["title"]) >= 512:
            problems.append("title is blank or size > 512")
        if not str(ad.get("adText", "")).strip():
            problems.append("adtext is blank")
        if not ad.get("employer"):
            problems.append("Employer should not be empty")
        if not ad.get("locationList") and not (ad.get("employer") or {}).get("orgnr"):
            problems.append("LocationList is empty, please specify at least one Location")
        for name, allowed in VALID.items():
            value = (ad.get("properties") or {}).get(name)
            if value and value not in allowed:
                problems.append(f"property {name} contains invalid value {value}")
        if ad.get("reference") in Nav.reject:
            problems.append("Invalid value: NOT_APPROVED at properties")
        if problems:
            return {"versionId": None, "status": "ERROR", "message": "; ".join(problems), "md5": "", "items": 1}
        text = json.dumps(ad, sort_keys=True)
        if Nav.seen.get(ad["reference"]) == text:
            return {"status": "SKIPPED", "message": "Content already exist, skipping", "items": 1}
        Nav.seen[ad["reference"]] = text
        return {"versionId": len(Nav.seen), "status": "RECEIVED", "md5": "A8", "items": 1}

    def do_DELETE(self) -> None:
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            self._answer(401, b'{"message":"Unauthorized"}')
            return
        reference = self.path.rsplit("/", 1)[1]
        Nav.calls.append(("DELETE", self.path, [reference]))
        self._answer(200, json.dumps({"reference": reference, "status": "STOPPED"}).encode())

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def nav_api() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Nav)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/stillingsimport"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def fjordvik(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new Norwegian site (`make new-site`) with an organisation number and an address, and two
    open vacancies: its example one, made public, and a copy of it."""
    from test_new_site import SITES, fork, new_site

    folder = fork(tmp_path_factory.mktemp("nb") / "fork")
    made = new_site(folder, *SITES["nb"]["args"], "--url", SITES["nb"]["url"])
    assert made.returncode == 0, made.stderr
    (vacancy,) = (folder / "vacancies").glob("*.md")
    text = re.sub(r"published: \S+", "published: 2026-11-02", vacancy.read_text(encoding="utf-8"))
    text = re.sub(r"closes: \S+", "closes: 2026-12-11", text)
    vacancy.write_text(text, encoding="utf-8")
    (folder / "vacancies" / "radgiver-plan.md").write_text(text, encoding="utf-8")
    edit(
        folder / "mkdocs.yml",
        "    organisation: Fjordvik kommune",
        "    organisation: Fjordvik kommune\n"
        f'    nav_orgnr: "{ORGNR}"\n'
        "    address: {street: Rådhusgata 1, postal_code: '6800', locality: Fjordvik, region: Vestland}",
    )
    return folder


def norwegian(site: Path, folder: Path) -> Path:
    shutil.copytree(site, folder, symlinks=True)
    return folder


def run(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "careersite", "nav", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "hooks"), "CAREERSITE_TODAY": TODAY, "PATH": "/usr/bin:/bin", **env},
        timeout=120,
    )


def ids(folder: Path) -> list[str]:
    return sorted(p.stem for p in (folder / "vacancies").glob("*.md"))


def test_a_dry_run_checks_and_lists_the_ads_and_sends_nothing(fjordvik: Path, tmp_path: Path, nav_api: str) -> None:
    folder = norwegian(fjordvik, tmp_path / "no")
    Nav.calls.clear()
    done = run(folder, NAV_API=nav_api, NAV_PROVIDER_ID=PROVIDER, NAV_TOKEN=TOKEN)
    assert done.returncode == 0, done.stderr
    assert "2 ledige stillinger som NAV-annonser: 2 nye eller endret, 0 uendret, 0 skal stoppes." in done.stdout
    assert "En prøvekjøring: ingenting ble sendt." in done.stdout and Nav.calls == []


def test_what_nav_would_reject_is_said_at_its_place_before_anything_is_sent(fjordvik: Path, tmp_path: Path) -> None:
    done = run(copy_example(tmp_path / "nl"))
    assert done.returncode == 1
    assert "mkdocs.yml: country: De stillingsimport van NAV is voor werkgevers in Noorwegen" in done.stderr
    folder = norwegian(fjordvik, tmp_path / "no")
    edit(folder / "mkdocs.yml", f'    nav_orgnr: "{ORGNR}"\n', "")
    edit(folder / "mkdocs.yml", "postal_code: '6800'", "postal_code: '68 00 NO'")
    vacancy = folder / "vacancies" / "radgiver-plan.md"
    text = vacancy.read_text(encoding="utf-8")
    vacancy.write_text(text[: text.index("\n---\n", 4) + 5] + "\n", encoding="utf-8")  # no text below
    done = run(folder)
    assert done.returncode == 1
    assert "mkdocs.yml: extra.careersite.nav_orgnr: mangler; skriv nav_orgnr:" in done.stderr
    assert "extra.careersite.address.postal_code: '68 00 NO' er ikke et norsk postnummer" in done.stderr
    assert re.search(r"vacancies/radgiver-plan\.md:\d+: stillingen har ingen tekst under front matter", done.stderr)
    assert "Traceback" not in done.stderr


def test_only_new_and_changed_ads_go_and_ended_ones_are_stopped(fjordvik: Path, tmp_path: Path, nav_api: str) -> None:
    folder = norwegian(fjordvik, tmp_path / "no")
    env = {"NAV_API": nav_api, "NAV_PROVIDER_ID": PROVIDER, "NAV_TOKEN": TOKEN}
    Nav.calls.clear()
    Nav.seen.clear()
    first = run(folder, "--send", **env)
    assert first.returncode == 0, first.stderr
    assert "NAV mottok 2, hoppet over 0 uendrede, stoppet 0; 0 avvist." in first.stdout
    assert [(m, sorted(r)) for m, _, r in Nav.calls] == [("POST", ids(folder))]
    ad = json.loads(Nav.seen["radgiver-plan"])
    assert ad["employer"] == {
        "businessName": "Fjordvik kommune",
        "orgnr": ORGNR,
        "location": {
            "address": "Rådhusgata 1",
            "postalCode": "6800",
            "city": "Fjordvik",
            "municipal": "Fjordvik",
            "county": "Vestland",
            "country": "Norge",
        },
    }
    assert ad["locationList"] == [ad["employer"]["location"]]
    properties = ad["properties"]
    assert properties["sector"] == "Offentlig" and properties["workLanguage"] == '["Norsk"]'
    assert properties["sourceurl"] == "https://jobb.fjordvik.no/ledige-stillinger/radgiver-plan/"
    assert ad["published"] == "2026-11-02T00:00:00" and ad["expires"] == "2026-12-12T00:00:00"
    assert properties["applicationdue"] == "11.12.2026" and ad["positions"] == 1 and ad["privacy"] == "SHOW_ALL"
    assert ad["adText"].startswith("<p>") and ad["contactList"][0]["name"]
    # Nothing changed: nothing goes.
    Nav.calls.clear()
    again = run(folder, "--send", **env)
    assert again.returncode == 0 and Nav.calls == []
    assert "0 nye eller endret, 2 uendret" in again.stdout
    # One changed and one filled: the changed one goes, the filled one is stopped.
    (other,) = [i for i in ids(folder) if i != "radgiver-plan"]
    edit(folder / "vacancies" / "radgiver-plan.md", "closes: 2026-12-11", "closes: 2026-12-18")
    edit(folder / "vacancies" / f"{other}.md", "\n---\n", "\nstatus: filled\n---\n")
    Nav.calls.clear()
    third = run(folder, "--send", **env)
    assert third.returncode == 0, third.stderr
    assert Nav.calls == [
        ("POST", f"/stillingsimport/api/v1/transfers/{PROVIDER}", ["radgiver-plan"]),
        ("DELETE", f"/stillingsimport/api/v1/transfers/{PROVIDER}/{other}", [other]),
    ]


def test_a_rejected_receipt_in_the_200_stream_is_said_and_sent_again_next_time(
    fjordvik: Path, tmp_path: Path, nav_api: str
) -> None:
    folder = norwegian(fjordvik, tmp_path / "no")
    env = {"NAV_API": nav_api, "NAV_PROVIDER_ID": PROVIDER, "NAV_TOKEN": TOKEN}
    Nav.seen.clear()
    Nav.reject = {"radgiver-plan"}
    try:
        done = run(folder, "--send", **env)
    finally:
        Nav.reject = set()
    assert done.returncode == 1
    assert "radgiver-plan: NAV avviste annonsen: Invalid value: NOT_APPROVED at properties" in done.stderr
    assert "NAV mottok 1, hoppet over 0 uendrede, stoppet 0; 1 avvist." in done.stdout
    Nav.calls.clear()
    retry = run(folder, "--send", **env)
    assert retry.returncode == 0
    assert Nav.calls == [("POST", f"/stillingsimport/api/v1/transfers/{PROVIDER}", ["radgiver-plan"])]


@pytest.mark.parametrize(
    "env, says",
    [
        ({}, "NAV_PROVIDER_ID og NAV_TOKEN er ikke satt"),
        ({"NAV_PROVIDER_ID": PROVIDER, "NAV_TOKEN": "wrong"}, "NAV avviste provider-id-en eller tokenet (HTTP 401)"),
        ({"NAV_PROVIDER_ID": PROVIDER, "NAV_TOKEN": TOKEN, "NAV_API": "http://127.0.0.1:9/x"}, "NAV kan ikke nås"),
    ],
)
def test_missing_or_refused_credentials_and_an_unreachable_nav_are_messages(
    fjordvik: Path, tmp_path: Path, nav_api: str, env: dict[str, str], says: str
) -> None:
    folder = norwegian(fjordvik, tmp_path / "no")
    done = run(folder, "--send", **({"NAV_API": nav_api} | env))
    assert done.returncode == 2 and says in done.stderr and "Traceback" not in done.stderr
    sent = folder / ".cache" / "nav-sent.json"
    assert not sent.exists() or TOKEN not in sent.read_text(encoding="utf-8")
