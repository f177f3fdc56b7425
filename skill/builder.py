"""Builds the ASK skill: one ordered list of handler classes, dependencies passed to each."""

from __future__ import annotations

from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import SkillBuilder

from intents import builtin, gratitude, guard, guide, launch, partners, question, reminders, summary, thread, tonight
from intents.base import Deps, Handler, SaveState
from skill import apl, observe

# Tried in this order; the first whose can_handle is true wins. Catch-alls stay last.
HANDLER_CLASSES: tuple[type[Handler], ...] = (
    *guard.HANDLERS,  # first: refuses overlong spoken input for every conversation (intents/guard.py)
    # then help, repeat, pause, "where were we", stop, and other conversations' intents inside a
    # practice: these keep the place whatever the phase (intents/thread.py, docs/conversation.md)
    *thread.HANDLERS,
    *launch.HANDLERS,
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


def build_skill(deps: Deps) -> CustomSkill:
    builder = SkillBuilder()
    builder.skill_id = deps.settings.skill_id  # type: ignore[assignment]  # the SDK annotates it as None
    for handler in HANDLER_CLASSES:
        builder.add_request_handler(handler(deps))
    # Handlers say what is on screen (skill/screen.py); this one interceptor draws it (skill/apl.py).
    builder.add_global_response_interceptor(apl.ScreenInterceptor(deps.content, deps.settings.public_url))
    builder.add_global_response_interceptor(SaveState())
    for exception_handler in builtin.EXCEPTION_HANDLERS:
        builder.add_exception_handler(observe.Observed(exception_handler(deps)))
    return builder.create()
