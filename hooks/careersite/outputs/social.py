"""What a shared link shows: the card images of each page and its Open Graph and Twitter tags."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from careersite.cards import draw as cards
from careersite.cards.sources import file_state
from careersite.content.model import Story, Vacancy, channels_of
from careersite.content.settings import Settings
from careersite.i18n.languages import LANGUAGES_BY_CODE
from careersite.offers import Offers
from careersite.site import Listed

LOCALES = {code: language.og_locale for code, language in LANGUAGES_BY_CODE.items()}
PORTRAIT_CHANNEL = "instagram"  # the one feed that posts the 1080×1350 portrait card


def wants_portrait(entry: Vacancy | Story, settings: Settings) -> bool:
    """Whether the Instagram feed carries the item: only then is its portrait card drawn (the
    portraits are the larger half of all card work and of the published cards)."""
    return PORTRAIT_CHANNEL in settings.channels and PORTRAIT_CHANNEL in channels_of(entry, settings)


@dataclass(frozen=True)
class Card:
    """A rendered card as a page refers to it."""

    spec: cards.CardSpec
    url: str  # relative to the site root
    alt: str

    @property
    def width(self) -> int:
        return self.spec.size[0]

    @property
    def height(self) -> int:
        return self.spec.size[1]

    @property
    def type(self) -> str:
        return self.spec.mime_type


@dataclass(frozen=True)
class CardSet:
    og: Card
    instagram: Card | None = None


@dataclass(frozen=True)
class OpenGraph:
    """The tags of one page, with absolute URLs."""

    title: str
    description: str
    url: str
    type: str
    image: str
    image_width: int
    image_height: int
    image_type: str
    image_alt: str
    locale: str
    site_name: str


class Cards:
    """The cards of one build: one set per open vacancy and published story, and one for the home page."""

    def __init__(self, view: Offers) -> None:
        self.view = view
        s = view.settings
        self.brand = cards.Brand(
            s.organisation,
            s.primary_colour,
            s.accent_colour,
            str(s.logo) if s.logo and s.logo.suffix.lower() != ".svg" else None,
        )
        self.home = self._set(
            "home",
            self._home_text(),
            view.t("card.alt.home", organisation=s.organisation, tagline=s.tagline),
            with_instagram=False,
        )
        # `make serve`: an item's cards as the previous rebuild described them, when it is the same
        self.vacancies = {
            item.vacancy.id: view.again(("vacancy cards", item.vacancy.id), item, partial(self._vacancy, item))
            for item in view.site.open_vacancies
        }
        self.stories = {
            story.id: view.again(
                ("story cards", story.id), (story, file_state(story.photo_path)), partial(self._story, story)
            )
            for story in view.site.stories
        }

    def all_specs(self) -> list[cards.CardSpec]:
        # A story's two cards side by side, so one worker decodes its photo once for both.
        sets = [*self.vacancies.values(), *self.stories.values(), self.home]
        return [card.spec for s in sets for card in (s.og, s.instagram) if card]

    def _set(
        self,
        name: str,
        text: cards.VacancyText | cards.StoryText | cards.HomeText,
        alt: str,
        with_instagram: bool = True,
    ) -> CardSet:
        def card(fmt: str) -> Card:
            spec = cards.CardSpec(name, fmt, self.view.settings.language, self.brand, text, alt)
            return Card(spec, f"cards/{spec.file_name}", alt)

        return CardSet(card("og"), card("instagram") if with_instagram else None)

    def _home_text(self) -> cards.HomeText:
        s = self.view.settings
        return cards.HomeText(self.view.t("card.home_headline", organisation=s.organisation), s.tagline)

    def _vacancy(self, item: Listed) -> CardSet:
        t, v = self.view.t, item.vacancy
        pay = self.view.pay(v)
        amounts = f"{pay.amounts} {t(f'card.period.{pay.range.period}')}"
        details = t("card.details", hours=self.view.of(item).working_time, location=v.location)
        closes = t.day_month(v.closes) if (v.closes - self.view.site.today).days < 300 else t.date(v.closes)
        deadline = t("card.deadline", date=closes)
        text = cards.VacancyText(v.title, amounts, details, deadline)
        alt = t(
            "card.alt.vacancy",
            title=v.title,
            organisation=self.view.settings.organisation,
            pay=amounts,
            details=details,
            deadline=deadline,
        )
        return self._set(f"vacancy-{v.slug}", text, alt, wants_portrait(v, self.view.settings))

    def _story(self, story: Story) -> CardSet:
        t = self.view.t
        text = cards.StoryText(t("card.quote", quote=story.quote), story.name, story.role, str(story.photo_path))
        alt = t("card.alt.story", name=story.name, role=story.role, quote=story.quote)
        return self._set(f"story-{story.slug}", text, alt, wants_portrait(story, self.view.settings))

    def for_vacancy(self, item: Listed) -> CardSet:
        return self.vacancies.get(item.vacancy.id, self.home)

    def for_story(self, story: Story) -> CardSet:
        return self.stories.get(story.id, self.home)


def open_graph(view: Offers, card: Card, title: str, description: str, path: str, kind: str = "website") -> OpenGraph:
    s = view.settings
    return OpenGraph(
        title=title,
        description=description,
        url=s.site_url + path,
        type=kind,
        image=s.site_url + card.url,
        image_width=card.width,
        image_height=card.height,
        image_type=card.type,
        image_alt=card.alt,
        locale=LOCALES[s.language],
        site_name=s.organisation,
    )


def vacancy_graph(view: Offers, cardset: CardSet, item: Listed) -> OpenGraph:
    v = item.vacancy
    return open_graph(view, cardset.og, v.title, v.summary, view.site.addresses.vacancy(v.slug))


def story_graph(view: Offers, cardset: CardSet, story: Story) -> OpenGraph:
    return open_graph(view, cardset.og, story.title, story.summary, view.site.addresses.story(story.slug), "article")
