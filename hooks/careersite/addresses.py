"""Every address of the site, in one place: the item pages, the listings, the organisation's own
pages and the files beside them, relative to the site root or absolute, as MkDocs makes them with
`use_directory_urls` on (`salaris/`, the default) or off (`salaris.html`).

The item pages live in the folder of their listing page: the page with `template: vacancies.html`
(`content/vacatures/index.md` in the example) puts every vacancy at `vacatures/<slug>/`, and
`stories.html` does the same for stories. A site in another language renames that folder, and its
items follow. Addresses a site had before (`vacancies/` before the example moved to `vacatures/`)
are kept as redirect pages: the setting `earlier_addresses` (`outputs/redirects.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import quote, urlencode

CLOSING_DATES = "ics"  # the folder of the open vacancies' closing dates as calendar files

# Where the items go on a site without a listing page of that kind (a site may leave one out).
DEFAULT_FOLDERS = {"vacancies.html": "vacancies", "stories.html": "stories"}


def page_folder(src: str) -> str:
    """The folder a page's address names: `vacatures` for `vacatures/index.md` or `vacatures.md`."""
    stem = src.removesuffix(".md")
    return stem.removesuffix("/index") if stem.endswith("/index") else stem


@dataclass(frozen=True)
class Addresses:
    """The site's addresses. `root` is the site's own address with a closing slash
    (`https://werkenbij.lindewaard.example/`); `directory_urls` is MkDocs' `use_directory_urls`."""

    root: str
    directory_urls: bool = True
    vacancy_folder: str = "vacancies"
    story_folder: str = "stories"
    vacancy_listing_page: str | None = None  # the listing page's file in the pages folder, if any
    story_listing_page: str | None = None

    @classmethod
    def of(cls, root: str, page_templates: Mapping[str, str], directory_urls: bool = True) -> Addresses:
        """The addresses of a site whose pages use `page_templates` (template → page file)."""
        vacancies = page_templates.get("vacancies.html")
        stories = page_templates.get("stories.html")
        return cls(
            root,
            directory_urls,
            page_folder(vacancies) if vacancies else DEFAULT_FOLDERS["vacancies.html"],
            page_folder(stories) if stories else DEFAULT_FOLDERS["stories.html"],
            vacancies,
            stories,
        )

    # Relative to the site root (as MkDocs' `url` filter and the search index take them).

    def page(self, src: str) -> str:
        """The address of the page made from `src` in the pages folder (`salaris.md`, `index.md`);
        a web address (a setting may name one instead of a page) stays as it is."""
        if "://" in src:
            return src
        stem = src.removesuffix(".md")
        if not self.directory_urls:
            return f"{stem}.html"
        if stem == "index":
            return ""
        return f"{stem.removesuffix('/index')}/"

    def item(self, folder: str, slug: str) -> str:
        return f"{folder}/{slug}/" if self.directory_urls else f"{folder}/{slug}.html"

    def vacancy(self, slug: str) -> str:
        return self.item(self.vacancy_folder, slug)

    def story(self, slug: str) -> str:
        return self.item(self.story_folder, slug)

    def closing_date(self, slug: str) -> str:
        """A vacancy's closing date as a calendar file for candidates (`ics/ict-architect.ics`): a
        download named after the vacancy, in a folder of its own (an item's folder is kept from one
        rebuild of `make serve` to the next, and would keep the file of a vacancy that closed)."""
        return f"{CLOSING_DATES}/{slug}.ics"

    def item_source(self, kind: str, slug: str) -> str:
        """The name under which an item's page goes into the build: `vacatures/<slug>.md`."""
        return f"{self.vacancy_folder if kind == 'vacancy' else self.story_folder}/{slug}.md"

    @property
    def vacancies(self) -> str:
        """The vacancy listing."""
        return self.page(self.vacancy_listing_page or f"{self.vacancy_folder}/index.md")

    @property
    def stories(self) -> str:
        """The story listing."""
        return self.page(self.story_listing_page or f"{self.story_folder}/index.md")

    def department(self, slug: str) -> str:
        """The vacancy listing showing one department."""
        return f"{self.vacancies}?{urlencode({'department': slug})}"

    def story_file(self, name: str) -> str:
        """A file published beside the stories (a video), by its name in the stories folder."""
        return quote(f"{self.story_folder}/{name}")

    @property
    def item_folders(self) -> tuple[str, str]:
        return (self.vacancy_folder, self.story_folder)

    # Absolute, for feeds, jobs.json, structured data, share tags and calendars.

    def absolute(self, address: str) -> str:
        return self.root + address

    # Where an address's page is, as a file in the site folder.

    @staticmethod
    def file(address: str) -> str:
        """The file in the site folder that answers `address` (relative, without query)."""
        path = address.split("?", 1)[0].split("#", 1)[0]
        return f"{path}index.html" if path == "" or path.endswith("/") else path


# The networks a page can be shared on through their own dialogs, by the name people know them by
# ("" for e-mail, which the site names in its language).
NETWORK_NAMES = {"linkedin": "LinkedIn", "facebook": "Facebook", "x": "X", "whatsapp": "WhatsApp", "email": ""}


def share_dialogs(title: str, text: str, tagged: Callable[[str], str]) -> list[tuple[str, str]]:
    """(network, address) of each network's share dialog for a page: `tagged(network)` is the
    page's address with that network's tags, `text` what a message says before it."""
    return [
        ("linkedin", "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": tagged("linkedin")})),
        ("facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": tagged("facebook")})),
        ("x", "https://x.com/intent/post?" + urlencode({"text": title, "url": tagged("x")})),
        ("whatsapp", "https://wa.me/?" + urlencode({"text": f"{text} {tagged('whatsapp')}"})),
        ("email", f"mailto:?subject={quote(title)}&body={quote(text + chr(10) + chr(10) + tagged('email'))}"),
    ]
