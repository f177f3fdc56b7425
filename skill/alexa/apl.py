"""Screens: one response interceptor turns what a handler showed (skill.alexa.screen) into an APL directive.

Only devices whose ``supportedInterfaces`` list ``Alexa.Presentation.APL`` get a RenderDocument
directive; the documents and data sources are content (content/apl/). The weekly summary's Standard
card also gets the strip image (skill/alexa/strip.py) when the skill knows its public URL, so the Alexa app
shows the week on any device. A failure here is logged and the spoken answer goes out without it.
"""

from __future__ import annotations

import copy
import logging
from typing import Any

from ask_sdk_core.dispatch_components import AbstractResponseInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_locale, get_supported_interfaces
from ask_sdk_model import Response
from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective
from ask_sdk_model.interfaces.connections import SendRequestDirective
from ask_sdk_model.ui import Image, StandardCard

from content import speech
from content.schema import Catalogue, Languages, ScreenTemplate
from skill.alexa.screen import PracticeScreen, WeekScreen, shown
from skill.alexa.strip import strip_path

log = logging.getLogger("close_together.apl")

APL_INTERFACE = "Alexa.Presentation.APL"


def supports_apl(handler_input: HandlerInput) -> bool:
    """The device says it renders APL (Echo Show, Echo Spot, Fire TV...); speakers don't list it."""
    try:
        interfaces = get_supported_interfaces(handler_input)
    except AttributeError:  # a request from no device (a skill event) renders nothing
        return False
    return getattr(interfaces, "alexa_presentation_apl", None) is not None


def fill(template: Any, values: dict[str, Any]) -> Any:
    """A copy of a data source template with each "=field" replaced by ``values[field]``."""
    if isinstance(template, str) and template.startswith("="):
        return values[template[1:]]
    if isinstance(template, dict):
        return {k: fill(v, values) for k, v in template.items()}
    if isinstance(template, list):
        return [fill(v, values) for v in template]
    return copy.deepcopy(template)


def practice_values(screen: ScreenTemplate, shown: PracticeScreen) -> dict[str, Any]:
    labels = screen.labels
    count = len(shown.steps)
    active = range(*shown.part) if shown.part else range(0)
    if shown.part is None:
        heading, hint = labels["offer_heading"], labels["hint_offer"]
    else:
        first, last = shown.part[0] + 1, shown.part[1]
        key = "guide_heading" if first == last else "guide_heading_range"
        heading = labels[key].format(first=first, last=last, count=count)
        hint = labels["hint_last"] if shown.last else labels["hint_next"]
    return {
        "heading": heading,
        "title": shown.title,
        "minutes": labels["minutes"].format(minutes=shown.minutes),
        "guiding": shown.part is not None,
        "hint": hint,
        "steps": [{"number": str(n + 1), "text": text, "active": n in active} for n, text in enumerate(shown.steps)],
    }


def week_values(screen: ScreenTemplate, shown: WeekScreen) -> dict[str, Any]:
    labels = screen.labels
    monday_first = labels["day_letters"].split()
    letters = monday_first[shown.first_weekday :] + monday_first[: shown.first_weekday]
    gratitudes = labels["more_than"].format(count=shown.gratitudes) if shown.more_gratitudes else str(shown.gratitudes)
    return {
        "heading": labels["heading"],
        "label": shown.label,
        "days_active": labels["days_active"].format(active=sum(shown.active)),
        "days": [{"letter": letter, "active": on} for letter, on in zip(letters, shown.active, strict=True)],
        "streak": str(shown.streak),
        "streak_label": labels[speech.counted("streak_label", shown.streak)],
        "gratitudes": gratitudes,
        "gratitudes_label": labels[
            "gratitudes_label_one" if shown.gratitudes == 1 and not shown.more_gratitudes else "gratitudes_label"
        ],
    }


def directive(content: Catalogue, value: PracticeScreen | WeekScreen) -> RenderDocumentDirective:
    if isinstance(value, PracticeScreen):
        screen = content.screens["practice"]
        values = practice_values(screen, value)
    else:
        screen = content.screens["week"]
        values = week_values(screen, value)
    return RenderDocumentDirective(
        token=f"close-together-{screen.name}", document=screen.document, datasources=fill(screen.datasource, values)
    )


class ScreenInterceptor(AbstractResponseInterceptor):
    def __init__(self, languages: Languages, public_url: str | None) -> None:
        self.languages = languages  # the screen speaks the request's locale, as the answer does
        self.public_url = public_url.rstrip("/") if public_url else None

    def process(self, handler_input: HandlerInput, response: Response) -> None:
        value = shown(handler_input.attributes_manager.request_attributes)
        if value is None or response is None:
            return
        try:
            content = self.languages.for_locale(get_locale(handler_input))
            if isinstance(value, WeekScreen):
                self._strip_on_card(response, value, content.language)
            directives = list(response.directives or [])
            # A permission request hands the conversation to Alexa: nothing is drawn over it.
            if supports_apl(handler_input) and not any(isinstance(d, SendRequestDirective) for d in directives):
                response.directives = [*directives, directive(content, value)]
        except Exception:  # the screen is a bonus: never lose the spoken answer over it
            log.exception("could not add the screen to the response")

    def _strip_on_card(self, response: Response, week: WeekScreen, language: str) -> None:
        if self.public_url and isinstance(response.card, StandardCard):
            url = self.public_url + strip_path(list(week.active), week.streak, week.first_weekday, language)
            response.card.image = Image(small_image_url=url, large_image_url=url)
