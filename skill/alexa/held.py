"""Held time: a timed step's minutes played inside the answer itself, with APL for Audio.

A step that takes minutes is answered with its words (the ordinary output speech), then an
``Alexa.Presentation.APLA.RenderDocument`` directive that Alexa plays after them: a ``Silence`` for
the step's time, a soft chime from the Alexa Skills Kit sound library (nothing to host), and the
question that opens the microphone again. Every Alexa device plays APL for Audio, speakers included,
so no ``supportedInterfaces`` check is needed. Amazon caps one audio response at 240 seconds (all
its components together), so a longer step is held in parts (``parts``); docs/conversation.md,
"Held time", says why this design and which Amazon pages it rests on.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from ask_sdk_model.interfaces.alexa.presentation.apla import RenderDocumentDirective

# Amazon: "the total duration of the audio response ... can't exceed 240 seconds" (APLA Audio page).
APLA_LIMIT_SECONDS = 240
# Room for what is said in the same audio response (the question after the chime) with a margin;
# the step's own words travel as the output speech, before it.
WORDS_ALLOWANCE_SECONDS = 40
MAX_HOLD_SECONDS = APLA_LIMIT_SECONDS - WORDS_ALLOWANCE_SECONDS
CHIME = "soundbank://soundlibrary/musical/amzn_sfx_bell_short_chime_01"
DIRECTIVE = "Alexa.Presentation.APLA.RenderDocument"
TOKEN = "held-time"


def parts(seconds: int) -> list[int]:
    """A step's time in as few even parts as fit one audio response each (in seconds)."""
    if seconds <= 0:
        return []
    count = math.ceil(seconds / MAX_HOLD_SECONDS)
    return [seconds // count + (1 if i < seconds % count else 0) for i in range(count)]


def document(seconds: int, then_ssml: str) -> dict[str, Any]:
    """The APLA document: the held silence, the chime, then ``then_ssml`` (a whole SSML document)."""
    return {
        "type": "APLA",
        "version": "0.91",
        "mainTemplate": {
            "parameters": ["payload"],
            "item": {
                "type": "Sequencer",
                "items": [
                    {"type": "Silence", "duration": seconds * 1000},
                    {"type": "Audio", "source": CHIME},
                    {"type": "Speech", "contentType": "SSML", "content": then_ssml},
                ],
            },
        },
    }


def directive(seconds: int, then_ssml: str) -> RenderDocumentDirective:
    return RenderDocumentDirective(token=TOKEN, document=document(seconds, then_ssml), datasources={})


def played(directives: Iterable[dict[str, Any]]) -> list[tuple[str, Any]]:
    """What a response's APLA directives play, in order: ("silence", seconds), ("audio", source) and
    ("speech", SSML). For `make chat`, the replay and the tests, which show held time instead of waiting."""
    out: list[tuple[str, Any]] = []
    for d in directives:
        if d.get("type") != DIRECTIVE:
            continue
        item = d.get("document", {}).get("mainTemplate", {}).get("item", {})
        for part in item.get("items", [item]):
            kind = part.get("type")
            if kind == "Silence":
                out.append(("silence", int(part.get("duration", 0)) / 1000))
            elif kind == "Audio":
                out.append(("audio", part.get("source", "")))
            elif kind == "Speech":
                out.append(("speech", part.get("content", "")))
    return out
