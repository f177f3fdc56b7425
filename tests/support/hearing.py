"""`make chat`'s matcher (devtools/chat_match.py) over a locale's generated model, for the tests that
check what a phrasing reaches. Built once per locale and run: a matcher holds thousands of samples
(deploy/model/en/everyday.json) and takes about a second to build; hearing never changes it."""

from __future__ import annotations

from functools import cache

from devtools.chat_match import Matcher


@cache
def matcher(locale: str = "en-US") -> Matcher:
    """The matcher of deploy/skill-package/interactionModels/custom/<locale>.json."""
    return Matcher.for_locale(locale)
