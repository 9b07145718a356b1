"""Pages without the indentation of the templates they were made from.

A page's HTML is about a seventh white space that only the templates' indentation put there:
4.2 of 33.8 MB over the pages of a site with 1,000 vacancies. A run of HTML white space (space,
tab, line feed, carriage return, form feed) that crosses a line and ends at a tag is shortened to
one line break. The page looks and reads the same: a browser shows any such run in text as one
space, and the run stays white space (never removed, so two words or links never join). Other
spaces (a non-breaking space, U+00A0) are text and stay. Left as written: `pre`, `textarea`, `code`
and `kbd` (white space shows there, and in print for `code` and `kbd`), `script` and `style`, and
all that follows one of them left unclosed. Attribute values that our templates and Markdown write
escape `<`, so a run that ends at one is not inside them; an author's raw HTML with a line break
and a `<` inside an attribute value, or with `kbd` in `kbd`, may lose spaces there.

Both expressions take time in proportion to the page, whatever its content: a run is matched from
its start only and never taken apart again (possessive quantifiers), and an element left unclosed
keeps the rest of the page instead of being looked for again at every later tag.

A page of over a million characters is left as rendered: squeezing it holds three more copies of it
in memory at once (45 MB for the listing at 10,000 vacancies, 7.3 million characters, which took a
build past 300 MB), for little: a listing's cards carry 4 % indentation.
"""

from __future__ import annotations

import re

_KEPT = re.compile(r"(<(pre|textarea|code|kbd|script|style)(?=[\s/>])(?:.*?</\2\s*>|.*))", re.S | re.I)
# From the start of a run (not after white space), to its end, if it holds a line feed and a tag or
# a kept element (the end of a part) follows.
_INDENT = re.compile(r"(?<![ \t\n\r\f])[ \t\r\f]*+\n[ \t\n\r\f]*+(?=<|\Z)")
LARGEST = 1_000_000  # characters of a page that is squeezed


def squeeze(html: str) -> str:
    """`html` with each run of white space that crosses a line before a tag made one line break."""
    if len(html) > LARGEST:
        return html
    parts = _KEPT.split(html)  # text, kept element, its name, text, ...
    parts[::3] = [_INDENT.sub("\n", text) for text in parts[::3]]
    del parts[2::3]
    return "".join(parts)
