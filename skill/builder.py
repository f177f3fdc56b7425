"""The composition root's skill half: services, the ordered handler classes, interceptors, the runtime.

``build_runtime`` is what both entry points call (``skill.app.create_app`` for HTTPS and
``skill.lambda_entry``); it is the only code that knows every layer (docs/architecture.md).
"""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractExceptionHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_model import Response
from ask_sdk_runtime.dispatch_components import GenericRequestHandlerChain

from content.schema import Catalogue, Languages
from intents import (
    builtin,
    gratitude,
    guard,
    guide,
    launch,
    partners,
    question,
    reminders,
    summary,
    thread,
    tonight,
    walkthrough,
)
from intents.base import Handler, LoadCouple, OpenTurn, SaveState
from skill.alexa import apl
from skill.core import observe
from skill.core.settings import Settings
from skill.services import Services, build_services
from skill.store.couples import CoupleStore
from skill.store.errors import OutcomeUnknown, StoreUnavailable
from skill.web.pipeline import Runtime


class Observed(AbstractExceptionHandler):
    """Wraps one of the skill's exception handlers: records the outcome, then lets it answer."""

    def __init__(self, inner: AbstractExceptionHandler) -> None:
        self.inner = inner

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return bool(self.inner.can_handle(handler_input, exception))

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response | None:
        observe.set_outcome(
            observe.STORE_UNAVAILABLE
            if isinstance(exception, StoreUnavailable)
            else observe.OUTCOME_UNKNOWN
            if isinstance(exception, OutcomeUnknown)
            else observe.ERROR
        )
        return self.inner.handle(handler_input, exception)


# Tried in this order; the first whose can_handle is true wins. Catch-alls stay last.
HANDLER_CLASSES: tuple[type[Handler], ...] = (
    *guard.HANDLERS,  # first: refuses overlong spoken input for every conversation (intents/guard.py)
    # then help, repeat, pause, "where were we", stop, and other conversations' intents inside a
    # practice: these keep the place whatever the phase (intents/thread.py, docs/conversation.md)
    *thread.HANDLERS,
    *launch.HANDLERS,
    *walkthrough.HANDLERS,  # inside a walkthrough: yes, next, skip, "tell me more" and "step N" are its own
    *gratitude.HANDLERS,  # before the guide's: "next" in a round passes the turn on
    *question.HANDLERS,  # before the guide's too: "next" while tonight's question is on is another question
    *guide.HANDLERS,  # before tonight's: "another one" right after a reason means another reason
    *tonight.HANDLERS,
    *partners.HANDLERS,
    *summary.HANDLERS,
    *reminders.HANDLERS,
    *builtin.HANDLERS,
    *builtin.CATCH_ALL,
)


def build_skill(services: Services) -> CustomSkill:
    builder = SkillBuilder()
    # Every request first gets its turn (the typed session state); the chosen handler's chain then
    # reads what that handler needs (intents/base.py, ``LoadCouple``) before it runs.
    builder.add_global_request_interceptor(OpenTurn(services))
    for handler_class in HANDLER_CLASSES:
        handler = handler_class(services)
        builder.runtime_configuration_builder.request_handler_chains.append(
            GenericRequestHandlerChain(request_handler=handler, request_interceptors=[LoadCouple(handler)])
        )
    # Handlers say what is on screen (skill/alexa/screen.py); this one interceptor draws it (skill/alexa/apl.py).
    builder.add_global_response_interceptor(apl.ScreenInterceptor(services.languages, services.settings.public_url))
    builder.add_global_response_interceptor(SaveState())
    for exception_handler in builtin.EXCEPTION_HANDLERS:
        builder.add_exception_handler(Observed(exception_handler(services)))
    return builder.create()


def build_runtime(
    settings: Settings, catalogue: Catalogue | Languages | None = None, store: CoupleStore | None = None
) -> Runtime:
    """The same services, handlers and store for every entry point. No DynamoDB client yet (it is lazy)."""
    services = build_services(settings, catalogue, store)
    return Runtime(settings=settings, store=services.couples, skill=build_skill(services), languages=services.languages)
