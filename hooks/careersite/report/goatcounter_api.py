"""GoatCounter's export through its API, for `make report GOATCOUNTER=yes`: start a CSV export
(`POST /api/v0/export`), wait until it is made (`GET /api/v0/export/{id}/download` answers 202
until then), and download it (gzip) into a temporary file that the report reads and then deletes:
the export holds sessions and places, which the report never keeps.

The API key comes from the environment (`GOATCOUNTER_TOKEN`), never from a file of the repository;
it needs GoatCounter's Export permission. GoatCounter allows one export an hour.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from careersite.i18n import Translator

TOKEN_VARIABLE = "GOATCOUNTER_TOKEN"
WAIT_SECONDS = 600  # a month of a busy site exports in a minute or two
POLL_SECONDS = 2.0


class ExportFailed(Exception):
    """The export could not be fetched: the message says why and what to do."""


def fetch(
    address: str,
    environ: Mapping[str, str],
    t: Translator,
    wait: float = WAIT_SECONDS,
    poll: float = POLL_SECONDS,
    sleep: Callable[[float], None] = time.sleep,
) -> Path:
    """A new CSV export of the site at `address` (its address in GoatCounter), in a temporary
    file that the caller deletes."""
    token = environ.get(TOKEN_VARIABLE, "").strip()
    if not token:
        raise ExportFailed(t("report.goatcounter.no_token", variable=TOKEN_VARIABLE, address=address))
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    started = _call(f"{address}/api/v0/export", headers, t, address, body=b'{"format": "csv"}')
    export_id = started.get("id") if isinstance(started, dict) else None
    if not isinstance(export_id, int):
        raise ExportFailed(t("report.goatcounter.answer", address=address, detail="id"))
    download = f"{address}/api/v0/export/{export_id}/download"
    waited = 0.0
    while True:
        request = urllib.request.Request(download, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                if response.status == 202:  # still being made
                    if waited >= wait:
                        raise ExportFailed(t("report.goatcounter.slow", address=address, minutes=round(wait / 60)))
                    sleep(poll)
                    waited += poll
                    continue
                handle, name = tempfile.mkstemp(prefix="goatcounter-export-", suffix=".csv.gz")
                with os.fdopen(handle, "wb") as out:
                    while chunk := response.read(1 << 20):
                        out.write(chunk)
                return Path(name)
        except urllib.error.HTTPError as error:
            raise _failure(error, t, address) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", None) or error
            raise ExportFailed(t("report.goatcounter.unreachable", address=address, problem=reason)) from None


def _call(url: str, headers: dict[str, str], t: Translator, address: str, body: bytes) -> Any:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read(1 << 20) or b"null")
    except urllib.error.HTTPError as error:
        raise _failure(error, t, address) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", None) or error
        raise ExportFailed(t("report.goatcounter.unreachable", address=address, problem=reason)) from None
    except ValueError:
        raise ExportFailed(t("report.goatcounter.answer", address=address, detail="JSON")) from None


def _failure(error: urllib.error.HTTPError, t: Translator, address: str) -> ExportFailed:
    """GoatCounter's error answer (`{"error": "…"}`) as a message that says what to do."""
    try:
        said = json.loads(error.read(1 << 16) or b"{}").get("error", "")
    except (ValueError, AttributeError, OSError):
        said = ""
    detail = f"{error.code} {said or error.reason}".strip()
    if error.code in (401, 403):
        return ExportFailed(t("report.goatcounter.refused", address=address, variable=TOKEN_VARIABLE, detail=detail))
    if error.code == 429:
        return ExportFailed(t("report.goatcounter.hourly", address=address))
    return ExportFailed(t("report.goatcounter.failed", address=address, detail=detail))
