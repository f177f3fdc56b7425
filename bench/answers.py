"""What counts as a success: for each request type, the words of its success answer.

A load answer is a success only when its speech is the answer that type stands for (an apology, a
re-ask or "I didn't catch that" is an error, counted and reported). The skill's answers are matched
against its own phrases (content/en/phrases/*.toml, every variant, placeholders as wildcards); the
peer's and the floors' against their fixed words.
"""

from __future__ import annotations

import re
import string
from functools import cache
from typing import Any

from content.loader import load_catalogue
from content.speech import plain

# The phrase keys whose words make each request type's success answer (any variant of any key).
SKILL_SUCCESS: dict[str, tuple[str, ...]] = {
    "launch": ("launch_returning", "launch_returning_fresh"),
    "tonight": ("tonight_offer",),
    "start": ("walk_opening",),
    # "again today" is not among them: each evening's "we did it" is the first of that day.
    "did_it": (
        "completed_first_day",
        "completed_streak",
        "completed_record",
        "completed_fresh_start",
        "completed_rest_day",
        "completed_fresh_start_explained",
    ),
    "gratitude_start": ("grat_start",),
    "gratitude": ("grat_thanks",),
    "gratitude_last": ("grat_round_done", "grat_round_done_rest_day"),  # not "..._not_counted": must be saved
    "summary": ("summary_gratitudes",),  # the week's gratitudes were read and reported
}
PEER_SUCCESS: dict[str, str] = {
    "launch": "Welcome back.",
    "tonight": "Tonight: ",
    "start": "Let's begin ",
    "did_it": "Well done.",
    "gratitude_start": "what do you appreciate",
    "gratitude": "Thank you, ",
    "gratitude_last": "Thank you both.",
    "summary": "You shared ",
}
FLOOR_SUCCESS = "Here is tonight's practice."


def _pattern(template: str) -> str:
    out = []
    for literal, name, _, _ in string.Formatter().parse(template):
        out.append(r"\s+".join(re.escape(w) for w in literal.split(" ")))
        if name is not None:
            out.append(".+?")
    return "".join(out)


@cache
def skill_patterns() -> dict[str, re.Pattern[str]]:
    variants = load_catalogue().phrases.variants
    return {
        t: re.compile("|".join(f"(?:{_pattern(v)})" for k in keys for v in variants[k]), re.S)
        for t, keys in SKILL_SUCCESS.items()
    }


def speech(body: dict[str, Any]) -> str:
    return plain(str((body.get("response") or {}).get("outputSpeech", {}).get("ssml", "")))


def success(impl: str, name: str, body: dict[str, Any]) -> bool:
    """Is ``body`` the success answer of request type ``name`` for target ``impl``?"""
    said = speech(body)
    if impl in ("bare", "design"):
        return said == FLOOR_SUCCESS
    if impl.startswith("peer"):
        return PEER_SUCCESS[name] in said
    return skill_patterns()[name].search(said) is not None


# The skill's apologies and re-asks (a setup flow that meets one has not done what it stands for).
APOLOGY_KEYS = (
    "error",
    "store_unavailable",
    "store_unavailable_not_saved",
    "not_understood",
    "fallback",
    "grat_not_saved",
    "grat_names_again",
    "join_wrong",
    "not_caught",
    "grat_not_in_round",
    "store_outcome_unknown",
    "store_outcome_unknown_gratitude",
)


@cache
def _apologies() -> re.Pattern[str]:
    variants = load_catalogue().phrases.variants
    return re.compile("|".join(f"(?:{_pattern(v)})" for k in APOLOGY_KEYS if k in variants for v in variants[k]), re.S)


def apology(body: dict[str, Any]) -> bool:
    return _apologies().search(speech(body)) is not None
