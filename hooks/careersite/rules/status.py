"""A vacancy's status on a given day, from its dates and an optional manual override."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

MANUAL_STATUSES = ("reviewing", "filled", "cancelled")


class Status(StrEnum):
    SCHEDULED = "scheduled"  # before `published`: not built at all
    OPEN = "open"
    CLOSING_SOON = "closing_soon"  # open, in its last days
    CLOSED = "closed"
    REVIEWING = "reviewing"  # closed; applications are being assessed
    FILLED = "filled"
    CANCELLED = "cancelled"

    @property
    def is_open(self) -> bool:
        return self in (Status.OPEN, Status.CLOSING_SOON)

    @property
    def is_public(self) -> bool:
        return self is not Status.SCHEDULED


def vacancy_status(
    today: dt.date,
    published: dt.date,
    closes: dt.date,
    manual: str | None = None,
    closing_soon_days: int = 7,
) -> Status:
    """Scheduled before publication, open until the closing day inclusive, closed after.

    `filled` and `cancelled` close a vacancy at once; `reviewing` only shows once it has closed.
    """
    if today < published:
        return Status.SCHEDULED
    if manual in ("filled", "cancelled"):
        return Status(manual)
    if today > closes:
        return Status(manual) if manual == "reviewing" else Status.CLOSED
    if (closes - today).days < closing_soon_days:
        return Status.CLOSING_SOON
    return Status.OPEN
