"""Couples' own words as they are shown and read back: whole, or cut only where a thought ends.

What is kept was decided when it was said (skill/domain/hearing.py: filler off the two ends only,
never from the middle), so nothing here takes words out.
"""

from __future__ import annotations

import re

from content.schema import TurnRules
from skill.domain.hearing import READ_BACK_WORDS, read_back

# The weekly summary says a dozen other things in its 25 seconds: its quote is a little shorter.
SUMMARY_QUOTE_WORDS = 12


def clean_words(words: str) -> str:
    """The words as kept, spaces tidied; nothing taken out."""
    return re.sub(r"\s+", " ", words).strip(" ,;:.")


def quote(words: str, rules: TurnRules, limit: int = READ_BACK_WORDS) -> str:
    """The words read back (skill.domain.hearing.read_back): whole up to ``limit`` words, else cut
    where a thought ends, never mid-phrase."""
    return read_back(clean_words(words), rules, limit)
