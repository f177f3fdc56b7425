"""Couples' own words as they are shown and read back: whole, or cut only where a thought ends.

What is kept was decided when it was said (skill/domain/hearing.py: filler off the two ends only,
never from the middle), so nothing here takes words out.
"""

from __future__ import annotations

import re

from content.schema import TurnRules
from skill.domain.hearing import read_back


def clean_words(words: str) -> str:
    """The words as kept, spaces tidied; nothing taken out."""
    return re.sub(r"\s+", " ", words).strip(" ,;:.")


def quote(words: str, rules: TurnRules) -> str:
    """The words read back (skill.domain.hearing.read_back): whole up to a limit, else cut where a
    thought ends, never mid-phrase."""
    return read_back(clean_words(words), rules)
