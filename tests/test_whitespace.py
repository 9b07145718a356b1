"""Pages are published without their templates' indentation, and read and look the same."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from careersite.pages.whitespace import squeeze
from conftest import Build

# As Material and our templates write a page: nested indentation, blank lines, inline links on
# lines of their own, and the elements whose white space shows.
PAGE = """<!doctype html>
<html lang="nl">
  <head>
    <meta name="description" content="Werk dat je
        terugziet">
    <script>
      const text = `twee
          regels`;
      if (a
          < b) {}
    </script>
    <style>
      .x   { color: red }
    </style>
  </head>
  <body>


    <nav class="md-nav">
      <ul>
        <li>
          <a href="/a/">Vacatures</a>
          <a href="/b/">Verhalen</a>
        </li>
      </ul>
    </nav>
    <p>Salaris   <strong>€ 3.496</strong>
       <em>per maand</em> vanaf
\u00a0<strong>1 januari</strong>\u202f
    <b>2027</b></p>
    <pre><code>def f():
    <span class="k">return</span> 1
        <span>x</span></code></pre>
    <p>Typ <code>make
        serve</code> en <kbd>Ctrl
          C</kbd>.</p>
    <textarea>regel één
        <b>niet weg</b></textarea>
  </body>
</html>
"""


def _texts(html: str) -> list[str]:
    """What a reader (or a screen reader) gets, with white space as a browser shows it."""
    soup = BeautifulSoup(html, "html.parser")
    return [re.sub(r"[ \t\n\r\f]+", " ", text) for text in soup.find_all(string=True)]


def test_indentation_goes_and_the_page_reads_the_same() -> None:
    squeezed = squeeze(PAGE)
    assert len(squeezed) < len(PAGE) - 90
    assert "\n  <" not in squeezed and "\n\n" not in squeezed.split("<pre>")[0]
    # Every text keeps its white space as a browser shows it: no two words or links join.
    assert _texts(squeezed) == _texts(PAGE)
    assert "Vacatures</a>\n<a" in squeezed
    before, after = BeautifulSoup(PAGE, "html.parser"), BeautifulSoup(squeezed, "html.parser")
    assert [tag.attrs for tag in after.find_all(True)] == [tag.attrs for tag in before.find_all(True)]
    # Where white space shows, or is code, it is left exactly as written.
    for name in ("pre", "code", "kbd", "textarea", "script", "style"):
        assert [str(tag) for tag in after.find_all(name)] == [str(tag) for tag in before.find_all(name)], name


def test_hostile_pages_take_time_in_proportion_to_their_size() -> None:
    """A body of blank lines, or of `<code>` left unclosed, made the squeeze take seconds to hours
    (8.8 s for 40,000 blank lines): each run was matched again from every line in it."""
    script = f"""
import sys
sys.path.insert(0, {str(Path(__file__).parent.parent / "hooks")!r})
from careersite.pages.whitespace import squeeze
blank = "<div>" + "\\n" * 200_000 + "</div>"
assert squeeze(blank) == "<div>\\n</div>"
spaces = "<p>" + "\\n " * 200_000 + "<b>x</b></p>"
assert squeeze(spaces) == "<p>\\n<b>x</b></p>"
text = "<p>" + "\\n " * 200_000 + "x</p>"  # not before a tag: left as it is
assert squeeze(text) == text
unclosed = "<p>" + "<code>a\\n  <b>" * 40_000 + "</p>"
assert squeeze(unclosed) == unclosed  # all after an unclosed code is kept as written
"""
    subprocess.run([sys.executable, "-c", script], check=True, timeout=20)


def test_a_very_large_page_is_left_as_rendered() -> None:
    """Squeezing holds copies of a page in memory; the listing at 10,000 vacancies is 7 MB."""
    from careersite.pages.whitespace import LARGEST

    card = '\n    <li class="cs-card">\n      <a href="/v/">Vacature</a>\n    </li>'
    large = "<ul>" + card * (LARGEST // len(card) + 1) + "\n</ul>"
    assert squeeze(large) is large
    small = "<ul>" + card * 100 + "\n</ul>"
    assert len(squeeze(small)) < len(small) - 100 * 8


def test_a_page_without_indentation_is_unchanged() -> None:
    compact = '<p>Een <a href="/">link</a> en\n<a href="/b">nog een</a></p>\n<pre>\n  <b>x</b></pre>'
    assert squeeze(compact) == compact
    assert squeeze(squeeze(PAGE)) == squeeze(PAGE)


def test_the_published_pages_carry_no_template_indentation_and_no_source_maps(example: Build) -> None:
    pages = sorted(example.site.rglob("*.html"))
    assert len(pages) > 30
    kept = re.compile(r"<(pre|textarea|code|kbd|script|style)\b.*?</\1\s*>", re.S)
    for path in pages:
        if "admin" in path.parts:  # the web editor's own page, not made by our templates
            continue
        html = path.read_text(encoding="utf-8")
        if path.name == "404.html":
            continue  # written by MkDocs from a template, not as a page
        assert not re.search(r"\n[ \t]+<", kept.sub("", html)), path
    # Material's source maps serve only a developer reading the theme's code; what pages load is there.
    assert not list(example.site.rglob("*.map"))
    page = example.html("vacatures/ciso/index.html")
    for address in [s["src"] for s in page.select("script[src]")] + [
        link["href"] for link in page.select('link[rel="stylesheet"]')
    ]:
        if not address.startswith("http"):
            assert (example.site / "vacatures/ciso" / address).resolve().is_file(), address
