"""`make cms`, the web editor's local server: reachable only from this computer and only by the
preview's page, it reads and writes only the content folders, and survives bad requests."""

from __future__ import annotations

import base64
import contextlib
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from careersite.editor import server
from conftest import EXAMPLE, ROOT

ORIGIN = "http://127.0.0.1:8000"


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A small checkout: content folders, and the files an attacker wants."""
    root = tmp_path / "site"
    for folder in ("vacancies", "stories/img", "hooks", ".git"):
        (root / folder).mkdir(parents=True)
    (root / "vacancies" / "ciso.md").write_text("---\ntitle: CISO\n---\nTekst\n", encoding="utf-8")
    (root / "stories" / "img" / "fatima.jpg").write_bytes(b"\xff\xd8 a photo")
    (root / ".git" / "config").write_text("[remote]\nurl = https://token@example.org/x.git\n")
    (root / "hooks" / "mkdocs_hooks.py").write_text("# the adapter\n")
    (root / "Makefile").write_text("site:\n")
    (root / "mkdocs.yml").write_text("site_name: x\n")
    return root


def _scope(root: Path) -> server.Scope:
    return server.scope_of(root, root / "vacancies", root / "stories", root / "stories" / "img")


@contextlib.contextmanager
def _running(root: Path) -> Iterator[server.EditorServer]:
    with server.running(_scope(root), server.preview_origins("127.0.0.1:8000")) as running:
        yield running


def call(
    port: int,
    body: object,
    *,
    host: str | None = None,
    origin: str | None = ORIGIN,
    content_type: str = "application/json",
    method: str = "POST",
    address: str = "127.0.0.1",
) -> tuple[int, dict[str, str], object]:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    connection = http.client.HTTPConnection(address, port, timeout=10)
    headers = {"Host": host or f"127.0.0.1:{port}", "Content-Type": content_type}
    if origin:
        headers["Origin"] = origin
    connection.request(method, "/api/v1", body=data if method == "POST" else None, headers=headers)
    response = connection.getresponse()
    raw = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), json.loads(raw) if raw else None


def alive(port: int) -> bool:
    status, _, answer = call(port, {"action": "info"})
    return status == 200 and answer["type"] == "local_fs"


def test_the_editor_reads_and_saves_entries_and_photos_in_the_content_folders(checkout: Path) -> None:
    with _running(checkout) as running:
        port = running.port
        status, headers, entries = call(
            port, {"action": "entriesByFolder", "params": {"folder": "vacancies", "extension": "md", "depth": 1}}
        )
        assert status == 200 and headers["Access-Control-Allow-Origin"] == ORIGIN
        assert [e["file"]["path"] for e in entries] == ["vacancies/ciso.md"] and entries[0]["data"].startswith("---")
        text = "---\ntitle: Jurist\n---\nJe adviseert.\n"
        photo = base64.b64encode(b"\x89PNG a photo").decode()
        status, _, _ = call(
            port,
            {
                "action": "persistEntry",
                "params": {
                    "entry": {"path": "vacancies/jurist.md", "raw": text},
                    "assets": [{"path": "stories/img/noor.png", "content": photo, "encoding": "base64"}],
                },
            },
        )
        assert status == 200
        assert (checkout / "vacancies" / "jurist.md").read_text(encoding="utf-8") == text
        assert (checkout / "stories" / "img" / "noor.png").read_bytes() == b"\x89PNG a photo"
        status, _, entry = call(port, {"action": "getEntry", "params": {"path": "vacancies/jurist.md"}})
        assert entry["data"] == text
        # A changed title moves the file (newPath), within its folder.
        status, _, _ = call(
            port,
            {
                "action": "persistEntry",
                "params": {
                    "entry": {"path": "vacancies/jurist.md", "raw": text, "newPath": "vacancies/jurist-2.md"},
                    "assets": [],
                },
            },
        )
        assert status == 200 and (checkout / "vacancies" / "jurist-2.md").exists()
        assert not (checkout / "vacancies" / "jurist.md").exists()
        status, _, media = call(port, {"action": "getMedia", "params": {"mediaFolder": "stories/img"}})
        assert sorted(m["name"] for m in media) == ["fatima.jpg", "noor.png"]
        status, _, _ = call(port, {"action": "deleteFile", "params": {"path": "stories/img/noor.png"}})
        assert status == 200 and not (checkout / "stories" / "img" / "noor.png").exists()
        assert any("saved vacancies/jurist.md" in m for m in running.messages)


@pytest.mark.parametrize(
    "request_body",
    [
        {"action": "getEntry", "params": {"path": ".git/config"}},
        {"action": "getMediaFile", "params": {"path": ".git/config"}},
        {"action": "entriesByFolder", "params": {"folder": ".git", "extension": "", "depth": 5}},
        {"action": "entriesByFolder", "params": {"folder": "", "extension": "", "depth": 5}},
        {"action": "getMedia", "params": {"mediaFolder": "hooks"}},
        {"action": "entriesByFiles", "params": {"files": [{"path": "vacancies/../mkdocs.yml"}]}},
        {
            "action": "persistMedia",
            "params": {
                "asset": {
                    "path": ".git/config",
                    "content": "W2NvcmVdCmZzbW9uaXRvciA9IHRvdWNoIC90bXAvcHduZWQK",
                    "encoding": "base64",
                }
            },
        },
        {
            "action": "persistEntry",
            "params": {"entry": {"path": "hooks/mkdocs_hooks.py", "raw": "import os"}, "assets": []},
        },
        {"action": "persistEntry", "params": {"entry": {"path": "Makefile", "raw": "all:\n\trm -rf /"}, "assets": []}},
        {"action": "persistEntry", "params": {"entry": {"path": "mkdocs.yml", "raw": "x"}, "assets": []}},
        {"action": "persistEntry", "params": {"entry": {"path": "vacancies/../Makefile", "raw": "x"}, "assets": []}},
        {"action": "persistEntry", "params": {"entry": {"path": "/etc/passwd", "raw": "x"}, "assets": []}},
        {"action": "persistEntry", "params": {"entry": {"path": "vacancies/.env", "raw": "x"}, "assets": []}},
        {"action": "persistEntry", "params": {"entry": {"path": "vacancies/x.sh", "raw": "x"}, "assets": []}},
        {"action": "persistEntry", "params": {"entry": {"path": "vacancies\\..\\Makefile", "raw": "x"}, "assets": []}},
        {"action": "persistEntry", "params": {"entry": {"path": "vacancies/sub/x.md", "raw": "x"}, "assets": []}},
        {"action": "persistEntry", "params": {"entry": {"path": "stories/img/x.md", "raw": "x"}, "assets": []}},
        # Every part is checked before anything is written: the good file is not saved either.
        {
            "action": "persistEntry",
            "params": {
                "entry": {"path": "vacancies/ok.md", "raw": "x"},
                "assets": [{"path": "hooks/x.jpg", "content": "", "encoding": "base64"}],
            },
        },
        {
            "action": "persistEntry",
            "params": {"entry": {"path": "vacancies/ok.md", "raw": "x", "newPath": "../../outside.md"}, "assets": []},
        },
        {
            "action": "persistEntry",
            "params": {"entry": {"path": "vacancies/ok.md", "raw": "x", "newPath": "/tmp/outside.md"}, "assets": []},
        },
        {"action": "deleteFile", "params": {"path": "Makefile"}},
        {"action": "deleteFiles", "params": {"paths": ["vacancies/ciso.md", "mkdocs.yml"]}},
    ],
)
def test_nothing_outside_the_content_folders_is_read_written_or_removed(checkout: Path, request_body: dict) -> None:
    before = {p: p.read_bytes() for p in checkout.rglob("*") if p.is_file()}
    with _running(checkout) as running:
        status, _, answer = call(running.port, request_body)
        assert 400 <= status < 500, answer
        assert "token" not in json.dumps(answer) and "error" in answer
        assert alive(running.port)  # the server goes on
    after = {p: p.read_bytes() for p in checkout.rglob("*") if p.is_file()}
    assert after == before
    assert not (checkout.parent / "outside.md").exists()


def test_links_in_the_content_folders_are_not_followed(checkout: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("outside the checkout\n")
    (checkout / "vacancies" / "link.md").symlink_to(secret)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(checkout / "stories" / "img")
    (checkout / "stories" / "img").symlink_to(elsewhere, target_is_directory=True)
    with _running(checkout) as running:
        status, _, entries = call(
            running.port, {"action": "entriesByFolder", "params": {"folder": "vacancies", "extension": "md"}}
        )
        assert [e["file"]["path"] for e in entries] == ["vacancies/ciso.md"]  # the link is not listed
        status, _, answer = call(running.port, {"action": "getEntry", "params": {"path": "vacancies/link.md"}})
        assert status == 403 and "link" in answer["error"] and "outside" not in json.dumps(answer)
        status, _, answer = call(
            running.port,
            {
                "action": "persistEntry",
                "params": {"entry": {"path": "vacancies/link.md", "raw": "overwritten"}, "assets": []},
            },
        )
        assert status == 403
        status, _, answer = call(
            running.port,
            {
                "action": "persistMedia",
                "params": {"asset": {"path": "stories/img/a.jpg", "content": "eHg=", "encoding": "base64"}},
            },
        )
        assert status == 403 and "link" in answer["error"]
    assert secret.read_text() == "outside the checkout\n" and not list(elsewhere.iterdir())


@pytest.mark.parametrize(
    ("host", "origin", "status"),
    [
        ("attacker.example:{port}", ORIGIN, 421),  # DNS rebinding: the attacker's name, pointed at 127.0.0.1
        ("127.0.0.1.nip.io:{port}", ORIGIN, 421),
        ("127.0.0.1:{port}", "http://localhost:3000", 403),  # another local web page
        ("127.0.0.1:{port}", "http://attacker.example:8000", 403),
        ("127.0.0.1:{port}", "null", 403),  # a sandboxed frame or a file:// page
        ("localhost:{port}", ORIGIN, 200),
        ("127.0.0.1:{port}", "http://localhost:8000", 200),
    ],
)
def test_only_the_preview_s_page_may_use_it(checkout: Path, host: str, origin: str, status: int) -> None:
    with _running(checkout) as running:
        port = running.port
        got, headers, answer = call(
            port,
            {"action": "getEntry", "params": {"path": "vacancies/ciso.md"}},
            host=host.format(port=port),
            origin=origin,
        )
        assert got == status, answer
        if status != 200:
            assert "Access-Control-Allow-Origin" not in headers and "CISO" not in json.dumps(answer)
            preflight, headers, _ = call(port, b"", host=host.format(port=port), origin=origin, method="OPTIONS")
            assert preflight == status and "Access-Control-Allow-Origin" not in headers


@pytest.mark.parametrize(
    "raw",
    [
        b"{not json",
        b"[1, 2, 3]",
        b'{"action": 5}',
        b'{"action": "constructor"}',
        b'{"action": "__init__"}',
        b'{"action": "getEntry", "params": []}',
        b'{"action": "getEntry", "params": {"path": 7}}',
        b'{"action": "persistEntry", "params": {"entry": {"path": "vacancies/a.md", "raw": 5}, "assets": []}}',
        b'{"action": "persistMedia", "params": {"asset": {"path": "stories/img/a.jpg", "content": "%%%", '
        b'"encoding": "base64"}}}',
        b'{"action": "persistMedia", "params": {"asset": {"path": "stories/img/a.jpg", "content": "eA==", '
        b'"encoding": "hex"}}}',
        b'{"action": "getEntry", "params": {"path": "vacancies/\\u0000.md"}}',
        b'{"action": "getEntry", "params": {"path": "vacancies/\\u001b[32mOK.md"}}',
        b"[" * 100_000 + b"]" * 100_000,
    ],
)
def test_bad_requests_get_an_error_and_the_server_goes_on(checkout: Path, raw: bytes) -> None:
    with _running(checkout) as running:
        status, _, answer = call(running.port, raw)
        assert 400 <= status < 500 and answer["error"]
        assert alive(running.port)
        assert all("\x1b" not in message for message in running.messages)  # escaped in its log


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "FOO"])
def test_other_methods_get_an_answer_and_change_nothing(checkout: Path, method: str) -> None:
    """Was: PUT, DELETE and PATCH were set to None on the handler, so each ended in a TypeError and
    a closed connection without an answer (the editor showed a network error)."""
    before = {p: p.read_bytes() for p in checkout.rglob("*.md")}
    with _running(checkout) as running:
        connection = http.client.HTTPConnection("127.0.0.1", running.port, timeout=10)
        body = json.dumps({"action": "deleteFiles", "params": {"paths": ["vacancies/a.md"]}})
        headers = {"Host": f"127.0.0.1:{running.port}", "Origin": ORIGIN, "Content-Type": "application/json"}
        connection.request(method, "/api/v1", body=body, headers=headers)
        assert connection.getresponse().status == 501
        connection.close()
        assert alive(running.port)
    assert {p: p.read_bytes() for p in checkout.rglob("*.md")} == before


def test_a_request_that_is_too_large_or_not_json_is_refused_before_it_is_read(checkout: Path) -> None:
    with _running(checkout) as running:
        port = running.port
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.putrequest("POST", "/api/v1", skip_host=True)
        for name, value in (("Host", f"127.0.0.1:{port}"), ("Origin", ORIGIN), ("Content-Type", "application/json")):
            connection.putheader(name, value)
        connection.putheader("Content-Length", str(server.MAX_BODY + 1))
        connection.endheaders()
        assert connection.getresponse().status == 413
        connection.close()
        status, _, _ = call(port, {"action": "info"}, content_type="text/plain")  # a form's "simple" request
        assert status == 415
        assert alive(port)


def _start(folder: Path, port: int, *extra: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "careersite", "cms", "mkdocs.yml", "--port", str(port), *extra],
        cwd=folder,
        env=dict(env or os.environ, PYTHONPATH=str(ROOT / "hooks")),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return process
        time.sleep(0.1)
    process.kill()
    raise AssertionError(process.communicate()[0])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _example(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    folder.mkdir()
    for name in ("mkdocs.yml", "vacancies", "stories", "content"):
        source = EXAMPLE / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, folder / name)
    return folder


def test_make_cms_ignores_a_dotenv_file_in_the_checkout(tmp_path: Path) -> None:
    """decap-server read `.env` at start: a committed one could move its writes elsewhere and let a
    foreign page in. Ours takes its settings from the command line and mkdocs.yml only."""
    folder = _example(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "vacancies").mkdir(parents=True)
    port, other_port = _free_port(), _free_port()
    (folder / ".env").write_text(
        f"GIT_REPO_DIRECTORY={elsewhere}\nORIGIN=http://attacker.example\nBIND_HOST=0.0.0.0\nPORT={other_port}\n"
    )
    process = _start(folder, port)
    try:
        status, _, _ = call(port, {"action": "info"}, origin="http://attacker.example")
        assert status == 403
        status, _, _ = call(
            port, {"action": "persistEntry", "params": {"entry": {"path": "vacancies/x.md", "raw": "x"}, "assets": []}}
        )
        assert status == 200 and (folder / "vacancies" / "x.md").exists()
        assert not list((elsewhere / "vacancies").iterdir())
        with pytest.raises(OSError), socket.create_connection(("127.0.0.1", other_port), timeout=1):
            pass
    finally:
        process.terminate()
        output = process.communicate(timeout=10)[0]
    assert "127.0.0.1" in output and "vacancies/" in output


def _outside_address() -> str | None:
    """An address of this computer that is not the loopback, if it has one."""
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing address
        address = probe.getsockname()[0]
        return None if address.startswith("127.") else address
    return None


@contextlib.contextmanager
def _namespace() -> Iterator[tuple[str, str]]:
    """A network namespace joined to this host by a virtual cable: (its name, this host's address
    on the cable), the host an outsider on the same network would reach."""
    if os.geteuid() != 0 or not shutil.which("ip"):
        pytest.skip("a network namespace needs root and iproute2 (CI runs as root)")
    name = f"cms{uuid.uuid4().hex[:8]}"
    host_end, ns_end = f"h{name[3:]}", f"n{name[3:]}"
    octet = int(name[3:5], 16) % 200 + 20

    def ip(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["ip", *args], capture_output=True, text=True, check=check)

    made = ip("netns", "add", name, check=False)
    if made.returncode != 0:
        pytest.skip(f"no network namespace here: {made.stderr.strip()}")
    try:
        ip("link", "add", host_end, "type", "veth", "peer", "name", ns_end)
        ip("link", "set", ns_end, "netns", name)
        ip("addr", "add", f"10.{octet}.81.1/24", "dev", host_end)
        ip("link", "set", host_end, "up")
        ip("-n", name, "addr", "add", f"10.{octet}.81.2/24", "dev", ns_end)
        ip("-n", name, "link", "set", ns_end, "up")
        ip("-n", name, "link", "set", "lo", "up")
        yield name, f"10.{octet}.81.1"
    finally:
        ip("link", "del", host_end, check=False)
        ip("netns", "del", name, check=False)


_KNOCK = """
import socket, sys
try:
    socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=3).close()
    print("connected")
except OSError as error:
    print(type(error).__name__)
"""


def test_another_computer_cannot_reach_make_cms(tmp_path: Path) -> None:
    """Tried as an outsider: from a network namespace (another host on the network) to this host's
    address, and from this host to its own network address. Only 127.0.0.1 answers."""
    folder = _example(tmp_path)
    port = _free_port()
    with _namespace() as (name, host_address):
        # Something listening on every address answers from the namespace: the cable works.
        control = socket.socket()
        control.bind(("0.0.0.0", 0))
        control.listen()
        try:
            knock = ["ip", "netns", "exec", name, sys.executable, "-c", _KNOCK, host_address]
            reached = subprocess.run([*knock, str(control.getsockname()[1])], capture_output=True, text=True)
            assert reached.stdout.strip() == "connected", reached
        finally:
            control.close()
        process = _start(folder, port)
        try:
            outsider = subprocess.run([*knock, str(port)], capture_output=True, text=True)
            assert outsider.stdout.strip() == "ConnectionRefusedError", outsider
            with pytest.raises(ConnectionRefusedError):
                socket.create_connection((host_address, port), timeout=3)
            address = _outside_address()
            if address:
                with pytest.raises(ConnectionRefusedError):
                    socket.create_connection((address, port), timeout=3)
            assert alive(port)  # while on 127.0.0.1 it answers
        finally:
            process.terminate()
            process.wait(timeout=10)


def test_a_refused_rename_or_delete_changes_nothing(checkout: Path) -> None:
    """A rename onto an existing file was refused after the entry and its photo were written; a
    list of deletions stopped at a link after deleting the files before it."""
    (checkout / "vacancies" / "hr-adviseur.md").write_text("---\ntitle: HR\n---\n", encoding="utf-8")
    (checkout / "vacancies" / "del1.md").write_text("one", encoding="utf-8")
    (checkout / "vacancies" / "link.md").symlink_to(checkout / "Makefile")
    before = {p: p.read_bytes() for p in checkout.rglob("*") if p.is_file() and not p.is_symlink()}
    with _running(checkout) as running:
        status, _, _ = call(
            running.port,
            {
                "action": "persistEntry",
                "params": {
                    "entry": {"path": "vacancies/ciso.md", "raw": "EDITED", "newPath": "vacancies/hr-adviseur.md"},
                    "assets": [{"path": "stories/img/new.png", "content": "eHg=", "encoding": "base64"}],
                },
            },
        )
        assert status == 409
        status, _, _ = call(
            running.port, {"action": "deleteFiles", "params": {"paths": ["vacancies/del1.md", "vacancies/link.md"]}}
        )
        assert status == 403
    after = {p: p.read_bytes() for p in checkout.rglob("*") if p.is_file() and not p.is_symlink()}
    assert after == before and not (checkout / "stories" / "img" / "new.png").exists()


def test_hard_links_odd_names_and_a_huge_media_folder(checkout: Path, tmp_path: Path, monkeypatch) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("SECRET")
    os.link(secret, checkout / "vacancies" / "hard.md")
    (checkout / "vacancies" / os.fsdecode(b"\xff.md")).write_text("x")  # a name that is no text
    with _running(checkout) as running:
        status, _, answer = call(running.port, {"action": "getEntry", "params": {"path": "vacancies/hard.md"}})
        assert status == 403 and "SECRET" not in json.dumps(answer)
        status, _, entries = call(running.port, {"action": "entriesByFolder", "params": {"folder": "vacancies"}})
        assert status == 200 and "vacancies/ciso.md" in [e["file"]["path"] for e in entries]
        status, _, _ = call(
            running.port,
            {"action": "persistEntry", "params": {"entry": {"path": "vacancies/\udcff.md", "raw": "x"}, "assets": []}},
        )
        assert status == 400
        monkeypatch.setattr(server, "MAX_MEDIA", 10)  # the media library's answer has a ceiling
        status, _, answer = call(running.port, {"action": "getMedia", "params": {"mediaFolder": "stories/img"}})
        assert status == 413 and "MB" in answer["error"]
        assert alive(running.port)
