"""Reading what Alexa heard: slot values, their entity resolution, the request's ids.

The one place a slot's resolutions are parsed; every conversation asks through these functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_slot

from skill.domain.profile import MAX_NAME_CHARS

MATCH = "ER_SUCCESS_MATCH"


@dataclass(frozen=True)
class Heard:
    """One slot as Alexa sent it: the words, and what entity resolution made of them."""

    spoken: str | None  # the words as heard, stripped; None when empty or missing
    codes: tuple[str, ...] = ()  # each resolution authority's status code (none for a free-speech slot)
    resolved_id: str | None = None  # the id of the first authority's match, if any

    @property
    def usable(self) -> bool:
        """A spoken value and, when Alexa resolved it against a slot type, a match."""
        return self.spoken is not None and (not self.codes or MATCH in self.codes)

    @property
    def unsure(self) -> bool:
        """Some authority could not match what was heard (recognition may be wrong)."""
        return any(code and code != MATCH for code in self.codes)


def heard(handler_input: HandlerInput, name: str) -> Heard:
    slot = get_slot(handler_input, name)
    if slot is None:
        return Heard(None)
    value = getattr(slot, "value", None)
    spoken = value.strip() if isinstance(value, str) and value.strip() else None
    codes: list[str] = []
    resolved: str | None = None
    authorities = getattr(getattr(slot, "resolutions", None), "resolutions_per_authority", None) or []
    for authority in authorities:
        code = getattr(getattr(authority, "status", None), "code", None)
        code = getattr(code, "value", code)  # the SDK's StatusCode enum, or a plain string
        codes.append("" if code is None else str(code))  # no status: not a match either
        if code == MATCH and resolved is None and getattr(authority, "values", None):
            resolved = authority.values[0].value.id
    return Heard(spoken, tuple(codes), resolved)


def slot_text(handler_input: HandlerInput, name: str) -> str | None:
    """The slot's words as heard, or None."""
    return heard(handler_input, name).spoken


def resolution(handler_input: HandlerInput, name: str) -> tuple[str | None, str | None]:
    """(resolved id, words as heard) of a slot; either may be missing."""
    found = heard(handler_input, name)
    return found.resolved_id, found.spoken


def slot_usable(handler_input: HandlerInput, name: str) -> bool:
    return heard(handler_input, name).usable


_NAME = re.compile(r"^[^\W\d_]+(?:[ '\-][^\W\d_]+)?$")


def name_unsure(handler_input: HandlerInput, name: str) -> bool:
    """A first name as heard may be wrong: resolution found no match, or it doesn't look like a name."""
    found = heard(handler_input, name)
    value = found.spoken or ""
    return not _NAME.match(value) or len(value) > MAX_NAME_CHARS or found.unsure


def request_id(handler_input: HandlerInput) -> str:
    return str(getattr(handler_input.request_envelope.request, "request_id", ""))


def person_id(handler_input: HandlerInput) -> str | None:
    """The recognised speaker's personId (Alexa voice profiles), when Alexa knew who spoke."""
    system = getattr(handler_input.request_envelope.context, "system", None)
    value = getattr(getattr(system, "person", None), "person_id", None)
    return value if isinstance(value, str) and value else None
