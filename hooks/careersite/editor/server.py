"""The web editor's local server (`make cms`): lets the editor at /admin/ of `make serve` save into
this checkout, and nothing else.

It speaks the protocol of Decap CMS's proxy backend (the `local_fs` actions of decap-server: info,
entriesByFolder, entriesByFiles, getEntry, persistEntry, getMedia, getMediaFile, persistMedia,
deleteFile, deleteFiles, getDeployPreview), with the guards decap-server lacks:

- it listens on the loopback address only, so no other computer can reach it;
- it answers only requests whose Host is itself (a web page that rebinds its own name to
  127.0.0.1 is refused) and whose Origin is the preview's (no other page in the author's browser
  may use it), and only JSON;
- it reads and writes only `*.md` files directly in the vacancies and stories folders and image
  files directly in the stories' media folder: no `.git`, hooks, Makefile or settings, no hidden
  file, no link and nothing outside the checkout; a file is replaced in one step;
- it reads no `.env` or other file for its settings: they come from the command line and
  `mkdocs.yml`;
- a bad request gets an error answer and the server goes on.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import http.server
import json
import os
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any

from careersite.content.fields import IMAGE_SUFFIXES
from careersite.content.text import terminal
from careersite.publish import kept

DEFAULT_PORT = 8081
MAX_BODY = 50 * 1024 * 1024  # a photo from a camera, as base64, with room to spare
MAX_FILES = 10_000  # files listed from one folder
MAX_FILE = 40 * 1024 * 1024  # one file read
MAX_MEDIA = 200 * 1024 * 1024  # all the photos the media library is sent at once
TEXT_SUFFIXES = (".md",)
_NAME_LIMIT = 200  # bytes of a file name


class Refused(Exception):
    """A request the server does not carry out: its HTTP status and the reason, said plainly."""

    def __init__(self, status: int, reason: str) -> None:
        self.status = status
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class Folder:
    """A folder the editor may use: where it is, as the editor names it, and which files it holds."""

    name: str  # relative to the checkout, with forward slashes: "vacancies", "stories/img"
    path: Path
    suffixes: tuple[str, ...]


@dataclass(frozen=True)
class Scope:
    """Everything the server may touch: its folders inside one checkout."""

    root: Path
    folders: tuple[Folder, ...]
    files: tuple[str, ...] = ()  # single files it may also use: the departments list

    def folder(self, name: Any) -> Folder:
        if not isinstance(name, str):
            raise Refused(400, "a folder must be text")
        name = name.strip("/")
        for folder in self.folders:
            if folder.name == name:
                return folder
        raise Refused(403, f"the folder {terminal(name)!r} is not one the editor may use")

    def file(self, value: Any) -> tuple[Folder, Path]:
        """The folder and the full path of a file the editor names, once it is known to be one it
        may use; refused otherwise, with the reason."""
        if not isinstance(value, str) or not value:
            raise Refused(400, "a file path must be non-empty text")
        if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in value) or "\\" in value:
            raise Refused(400, f"the path {terminal(value)!r} holds a control character or a backslash")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: a name no other program could show
            raise Refused(400, "the path is not valid text") from None
        pure = PurePosixPath(value)
        if pure.is_absolute() or any(part in ("", ".", "..") for part in value.split("/")):
            raise Refused(403, f"the path {terminal(value)!r} leaves its folder")
        name = pure.name
        if name.startswith(".") or len(name.encode("utf-8", "surrogatepass")) > _NAME_LIMIT:
            raise Refused(403, f"the file name {terminal(name)!r} is hidden or too long")
        if value in self.files:
            parent = str(pure.parent)
            return Folder(parent, self.root / parent, (pure.suffix,)), self.root / parent / name
        folder = self.folder(str(pure.parent))
        if not name.lower().endswith(folder.suffixes):
            raise Refused(
                403, f"{terminal(value)!r}: only {', '.join(folder.suffixes)} files are kept in {folder.name}/"
            )
        return folder, folder.path / name


def scope_of(root: Path, vacancies: Path, stories: Path, media: Path, departments: Path | None = None) -> Scope:
    """The folders of a checkout that the editor may use, and the departments file, each refused
    when it lies outside the checkout."""
    root = root.resolve()
    files: tuple[str, ...] = ()
    if departments is not None:
        name = os.path.relpath(departments, root).replace(os.sep, "/")
        if name.startswith("../") or os.path.isabs(name):
            raise ValueError(f"{departments} lies outside {root}")
        files = (name,)
    folders = []
    for path, suffixes in ((vacancies, TEXT_SUFFIXES), (stories, TEXT_SUFFIXES), (media, IMAGE_SUFFIXES)):
        name = os.path.relpath(path, root).replace(os.sep, "/")
        if name.startswith("../") or name == ".." or os.path.isabs(name):
            raise ValueError(f"{path} lies outside {root}")
        folders.append(Folder(name, root / name, suffixes))
    return Scope(root, tuple(folders), files)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Files:
    """The file operations, each within the scope: no link is followed, nothing else is touched."""

    def __init__(self, scope: Scope, log: Callable[[str], None]) -> None:
        self.scope = scope
        self.log = log
        self._writing = threading.Lock()

    def _checked_folder(self, folder: Folder, create: bool) -> Path | None:
        """The folder as it is on disk, if it is a real folder (no link) inside the checkout."""
        path = folder.path
        parts = Path(folder.name).parts
        current = self.scope.root
        for part in parts:
            current = current / part
            try:
                info = os.lstat(current)
            except FileNotFoundError:
                if not create:
                    return None
                os.mkdir(current)
                info = os.lstat(current)
            if not stat.S_ISDIR(info.st_mode):
                raise Refused(403, f"{folder.name}/ is a link or not a folder; the editor does not follow links")
        return path

    def read(self, value: Any) -> bytes | None:
        folder, path = self.scope.file(value)
        if self._checked_folder(folder, create=False) is None:
            return None
        return read_regular(path)

    def listing(self, folder_name: Any, suffix: Any = "") -> list[str]:
        folder = self.scope.folder(folder_name)
        path = self._checked_folder(folder, create=False)
        if path is None:
            return []
        wanted = suffix.lower() if isinstance(suffix, str) else ""
        names = []
        with os.scandir(path) as entries:
            for entry in entries:
                name = entry.name
                if (
                    not name.startswith(".")
                    and _text_name(name)
                    and name.lower().endswith(folder.suffixes)
                    and name.lower().endswith(wanted)
                    and entry.is_file(follow_symlinks=False)
                    and entry.stat(follow_symlinks=False).st_nlink == 1  # not a hard link to elsewhere
                ):
                    names.append(f"{folder.name}/{name}")
                    if len(names) >= MAX_FILES:
                        break
        return sorted(names)

    def write(self, value: Any, data: bytes) -> None:
        folder, path = self.scope.file(value)
        with self._writing:
            self._checked_folder(folder, create=True)
            _refuse_odd_file(path, value)
            partial = path.with_name(f".{path.name}.editor-{os.getpid()}-{threading.get_ident()}")
            handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                os.replace(partial, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(partial)
                raise
        self.log(f"saved {terminal(value)}")

    def move(self, source: Any, target: Any) -> None:
        from_folder, from_path = self.scope.file(source)
        to_folder, to_path = self.scope.file(target)
        if from_folder != to_folder:
            raise Refused(403, f"{terminal(source)!r} cannot move to another folder")
        with self._writing:
            if from_path == to_path:
                return
            _refuse_odd_file(from_path, source)
            if os.path.lexists(to_path):
                raise Refused(409, f"{terminal(target)!r} exists already; choose another title or name")
            os.rename(from_path, to_path)
        self.log(f"renamed {terminal(source)} to {terminal(target)}")

    def delete(self, value: Any) -> None:
        folder, path = self.scope.file(value)
        with self._writing:
            if self._checked_folder(folder, create=False) is None or not os.path.lexists(path):
                return
            _refuse_odd_file(path, value)
            os.unlink(path)
        self.log(f"deleted {terminal(value)}")


def _text_name(name: str) -> bool:
    """A file name that is text (a name of undecodable bytes is left alone)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _refuse_odd_file(path: Path, shown: Any) -> None:
    """Refuse a link, folder, pipe or device where a file is to be written or removed."""
    if os.path.lexists(path) and not kept.is_regular(path):
        raise Refused(403, f"{terminal(shown)!r} is a link or not a plain file; the editor leaves it alone")


def read_regular(path: Path) -> bytes | None:
    """A plain file's bytes, without following a link or waiting on a pipe; None when missing."""
    try:
        return kept.read_regular(path, check=partial(_readable, path.name))
    except FileNotFoundError:
        return None
    except kept.NotRegular:
        raise Refused(403, f"{path.name} is a link or not a plain file; the editor leaves it alone") from None


def _readable(name: str, info: os.stat_result) -> None:
    if info.st_nlink > 1:  # a hard link to a file elsewhere: the editor would read that file
        raise Refused(403, f"{name} is linked to another file; the editor leaves it alone")
    if info.st_size > MAX_FILE:
        raise Refused(413, f"{name} is larger than {MAX_FILE // 1024 // 1024} MB")


class Editor:
    """Decap CMS's local_fs actions, on `Files`."""

    def __init__(self, files: Files) -> None:
        self.files = files

    def __call__(self, body: Any) -> Any:
        if not isinstance(body, dict) or not isinstance(body.get("action"), str):
            raise Refused(422, "a request is a JSON object with an action")
        params = body.get("params") or {}
        if not isinstance(params, dict):
            raise Refused(422, "params must be an object")
        action = getattr(self, "do_" + body["action"], None) if body["action"].isidentifier() else None
        if action is None:
            raise Refused(422, f"unknown action {terminal(body['action'])!r}")
        return action(params)

    def do_info(self, params: dict[str, Any]) -> Any:
        return {"repo": self.files.scope.root.name, "publish_modes": ["simple"], "type": "local_fs"}

    def _entry(self, value: Any, label: Any = None) -> dict[str, Any]:
        if not isinstance(value, str):
            raise Refused(400, "a file path must be text")
        data = self.files.read(value)
        file: dict[str, Any] = {"path": value, "id": _sha256(data) if data is not None else None}
        if label is not None:
            file["label"] = label
        return {"data": data.decode("utf-8", "replace") if data is not None else None, "file": file}

    def do_entriesByFolder(self, params: dict[str, Any]) -> Any:
        return [self._entry(path) for path in self.files.listing(params.get("folder"), params.get("extension"))]

    def do_entriesByFiles(self, params: dict[str, Any]) -> Any:
        files = params.get("files")
        if not isinstance(files, list) or len(files) > MAX_FILES:
            raise Refused(400, "files must be a list")
        return [self._entry(_get(f, "path"), f.get("label") if isinstance(f, dict) else None) for f in files]

    def do_getEntry(self, params: dict[str, Any]) -> Any:
        return self._entry(params.get("path"))

    def do_persistEntry(self, params: dict[str, Any]) -> Any:
        entry = params.get("entry")
        data_files = params.get("dataFiles") or ([entry] if entry is not None else [])
        assets = params.get("assets") or []
        if not isinstance(data_files, list) or not data_files or not isinstance(assets, list):
            raise Refused(400, "persistEntry needs an entry (or dataFiles) and a list of assets")
        # Everything is checked before anything is written: a refused part saves nothing.
        texts = [(_get(f, "path"), _text(_get(f, "raw")), f.get("newPath")) for f in data_files]
        images = [(_get(a, "path"), _decoded(a)) for a in assets]
        for path, _, new_path in texts:
            self.files.scope.file(path)
            if new_path is not None and new_path != path:
                _, target = self.files.scope.file(new_path)
                if os.path.lexists(target):  # refused before anything is written, not halfway
                    raise Refused(409, f"{terminal(new_path)!r} exists already; choose another title or name")
        for path, _ in images:
            self.files.scope.file(path)
        for path, data in images:
            self.files.write(path, data)
        for path, raw, _ in texts:
            self.files.write(path, raw)
        for path, _, new_path in texts:
            if new_path and new_path != path:
                self.files.move(path, new_path)
        return {"message": "entry persisted"}

    def _media(self, value: Any) -> dict[str, Any]:
        data = self.files.read(value)
        if data is None:
            raise Refused(404, f"{terminal(value)!r} does not exist")
        return {
            "id": _sha256(data),
            "content": base64.b64encode(data).decode("ascii"),
            "encoding": "base64",
            "path": value,
            "name": PurePosixPath(value).name,
        }

    def do_getMedia(self, params: dict[str, Any]) -> Any:
        media, total = [], 0
        for path in self.files.listing(params.get("mediaFolder")):
            item = self._media(path)
            total += len(item["content"])
            if total > MAX_MEDIA:  # the answer is held in memory several times over
                folder = terminal(str(params.get("mediaFolder")))
                raise Refused(
                    413,
                    f"the photos in {folder}/ are over {MAX_MEDIA // 1024 // 1024} MB together; "
                    "remove photos no story uses",
                )
            media.append(item)
        return media

    def do_getMediaFile(self, params: dict[str, Any]) -> Any:
        return self._media(params.get("path"))

    def do_persistMedia(self, params: dict[str, Any]) -> Any:
        asset = params.get("asset")
        path, data = _get(asset, "path"), _decoded(asset)
        self.files.write(path, data)
        return self._media(path)

    def do_deleteFile(self, params: dict[str, Any]) -> Any:
        path = params.get("path")
        self.files.delete(path)
        return {"message": f"deleted file {path}"}

    def do_deleteFiles(self, params: dict[str, Any]) -> Any:
        paths = params.get("paths")
        if not isinstance(paths, list):
            raise Refused(400, "paths must be a list")
        for path in paths:
            _, full = self.files.scope.file(path)
            _refuse_odd_file(full, path)  # every one checked before any is removed
        for path in paths:
            self.files.delete(path)
        return {"message": f"deleted files {', '.join(paths)}"}

    def do_getDeployPreview(self, params: dict[str, Any]) -> Any:
        return None


def _get(mapping: Any, key: str) -> Any:
    if not isinstance(mapping, dict) or key not in mapping:
        raise Refused(400, f"{key} is missing")
    return mapping[key]


def _text(value: Any) -> bytes:
    if not isinstance(value, str):
        raise Refused(400, "an entry's text must be text")
    return value.encode("utf-8", "surrogatepass")


def _decoded(asset: Any) -> bytes:
    if _get(asset, "encoding") != "base64" or not isinstance(asset.get("content"), str):
        raise Refused(400, "a file is sent as base64 text")
    try:
        return base64.b64decode(asset["content"], validate=True)
    except ValueError:
        raise Refused(400, "a file's content is not valid base64") from None


class Handler(http.server.BaseHTTPRequestHandler):
    """One request: checked for where it comes from and what it asks, then answered as JSON."""

    server: EditorServer
    protocol_version = "HTTP/1.1"
    server_version = "careersite-editor"
    sys_version = ""
    timeout = 60  # a connection that sends nothing for a minute is closed

    def log_message(self, format: str, *args: Any) -> None:
        pass  # each save is logged by `Files`; requests are not

    def _allowed_origin(self) -> str | None:
        """The request's Origin when it is the preview's; refused otherwise."""
        origin = self.headers.get("Origin")
        if origin is None:
            return None  # not from a web page (a page always sends it on a cross-origin request)
        if origin.lower().rstrip("/") not in self.server.origins:
            raise Refused(403, f"requests from {terminal(origin)!r} are not allowed; open the editor from make serve")
        return origin

    def _check_host(self) -> None:
        host = (self.headers.get("Host") or "").strip().lower()
        if host not in self.server.hosts:
            # DNS rebinding: a page at http://attacker.example:8081/ whose name now points to
            # 127.0.0.1 sends its own name as the Host.
            raise Refused(421, f"this server answers only as {' or '.join(sorted(self.server.hosts))}")

    def _answer(self, status: int, value: Any, origin: str | None, extra: dict[str, str] | None = None) -> None:
        data = json.dumps(value, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Vary", "Origin")
        if origin is not None:
            self.send_header("Access-Control-Allow-Origin", origin)
        for name, header in (extra or {}).items():
            self.send_header(name, header)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _refuse(self, refused: Refused, origin: str | None = None) -> None:
        self.server.log(f"refused: {refused.reason}")
        self.close_connection = True
        self._answer(refused.status, {"error": refused.reason}, origin)

    def _admitted(self) -> tuple[bool, str | None]:
        """Whether the request may be answered (a refusal is sent when not), and its Origin."""
        try:
            self._check_host()
            return True, self._allowed_origin()
        except Refused as refused:
            self._refuse(refused)
            return False, None

    def do_OPTIONS(self) -> None:
        admitted, origin = self._admitted()
        if not admitted:
            return
        self._answer(
            204 if origin else 200,
            None,
            origin,
            {
                "Access-Control-Allow-Methods": "POST",
                "Access-Control-Allow-Headers": "Content-Type",
                "Access-Control-Max-Age": "600",
            },
        )

    def do_GET(self) -> None:
        admitted, origin = self._admitted()
        if not admitted:
            return
        self._answer(200, {"server": "careersite local editor server", "api": "/api/v1"}, origin)

    def do_POST(self) -> None:
        origin = None
        try:
            self._check_host()
            origin = self._allowed_origin()
            if self.path.split("?")[0] != "/api/v1":
                raise Refused(404, "the editor's address is /api/v1")
            if (self.headers.get("Content-Type") or "").split(";")[0].strip().lower() != "application/json":
                raise Refused(415, "requests are JSON (Content-Type: application/json)")
            if self.headers.get("Transfer-Encoding"):
                raise Refused(411, "send the request's length (Content-Length)")
            try:
                length = int(self.headers.get("Content-Length") or "")
            except ValueError:
                raise Refused(411, "send the request's length (Content-Length)") from None
            if not 0 <= length <= MAX_BODY:
                raise Refused(413, f"a request may hold at most {MAX_BODY // 1024 // 1024} MB")
            raw = self.rfile.read(length)
            try:
                body = json.loads(raw)
            except (ValueError, RecursionError):
                raise Refused(400, "the request is not valid JSON") from None
            self._answer(200, self.server.editor(body), origin)
        except Refused as refused:
            self._refuse(refused, origin)
        except OSError as error:  # the disk is full, a folder is read-only, …
            self._refuse(Refused(500, f"{error.strerror or error}: {terminal(error.filename or '')}"), origin)
        except Exception as error:  # anything else: an answer, and the server goes on
            self._refuse(Refused(500, f"{type(error).__name__}: {terminal(str(error))}"), origin)


class EditorServer(http.server.ThreadingHTTPServer):
    """The server on 127.0.0.1:`port` (IPv4 loopback only)."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 16

    def __init__(
        self,
        files: Files,
        port: int,
        origins: tuple[str, ...],
        log: Callable[[str], None],
    ) -> None:
        super().__init__(("127.0.0.1", port), Handler)
        bound = self.server_address[1]
        self.port = bound
        self.hosts = frozenset({f"127.0.0.1:{bound}", f"localhost:{bound}"})
        self.origins = frozenset(origin.lower().rstrip("/") for origin in origins)
        self.editor = Editor(files)
        self.log = log

    def handle_error(self, request: Any, client_address: Any) -> None:
        self.log(f"a request failed: {terminal(str(sys.exc_info()[1]))}")


def preview_origins(dev_addr: str) -> tuple[str, ...]:
    """The addresses of `make serve` (MkDocs's `dev_addr`, 127.0.0.1:8000 by default) as a
    browser names them."""
    host, _, port = (dev_addr or "127.0.0.1:8000").rpartition(":")
    port = port if port.isdigit() else "8000"
    names = {"127.0.0.1", "localhost"} | ({host} if host in ("127.0.0.1", "localhost") else set())
    return tuple(sorted(f"http://{name}:{port}" for name in names))


def serve(scope: Scope, port: int, origins: tuple[str, ...], ready: Callable[[EditorServer], None]) -> None:
    """Run until interrupted."""

    def log(message: str) -> None:
        print(f"{time.strftime('%H:%M:%S')} {message}", flush=True)

    server = EditorServer(Files(scope, log), port, origins, log)
    ready(server)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@contextlib.contextmanager
def running(scope: Scope, origins: tuple[str, ...], port: int = 0) -> Iterator[EditorServer]:
    """The server in a thread of this process, for as long as the block runs (tests)."""
    messages: list[str] = []
    server = EditorServer(Files(scope, messages.append), port, origins, messages.append)
    server.messages = messages  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
