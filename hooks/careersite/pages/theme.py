"""What Material's base template writes that the Nu HTML Checker rejects, where no block of the
template can be overridden: its drawer and search toggles are checkboxes with `autocomplete="off"`,
an attribute HTML allows only on text-like inputs (two errors on every page). Material sets it so
that Firefox does not bring a toggle back checked (the menu open) on going back to a page;
careersite.js unchecks both on `pageshow` instead.
"""

from __future__ import annotations

from careersite.pages.whitespace import squeeze

_TOGGLES = tuple(
    f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}" autocomplete="off">'
    for name in ("drawer", "search")
)


def valid(html: str) -> str:
    """`html` with Material's two toggles as valid HTML: the same inputs, without `autocomplete`."""
    for toggle in _TOGGLES:
        html = html.replace(toggle, toggle.replace(' autocomplete="off"', ""), 1)
    return html


def finished(html: str) -> str:
    """A rendered page as it is published: valid, and without its templates' indentation."""
    return squeeze(valid(html))
