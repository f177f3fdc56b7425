"""Tonight's questions are said by Alexa, a narrator: "When do you feel closest to me?" in her voice
asks about Alexa. Every question speaks of "your partner" or "the two of you", never as one of them
(issue 22, item 7); the content loader refuses a question that slips back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from content.loader import load_catalogue
from content.schema import ContentError

# First person, singular (a partner speaking) or plural (Alexa counting herself in the couple).
SPEAKER = re.compile(r"\b(i|me|my|mine|myself|we|us|our|ours|ourselves)\b|\b(i|we)'", re.IGNORECASE)


def test_no_question_speaks_as_a_partner() -> None:
    questions = load_catalogue().questions
    assert len(questions) >= 100
    first_person = [q.text for q in questions if SPEAKER.search(q.text)]
    assert not first_person, first_person


def test_the_partner_is_named_as_the_partner() -> None:
    """The questions that were about "me" now say who they are about."""
    texts = [q.text for q in load_catalogue().questions]
    assert "When do you feel closest to your partner without saying a word?" in texts
    assert sum("your partner" in t for t in texts) >= 40


@pytest.mark.parametrize(
    "question",
    ["When do you feel closest to me without saying a word?", "What's a trip we took?", "Which of my habits helps?"],
)
def test_the_loader_refuses_a_question_in_the_first_person(tmp_path: Path, question: str) -> None:
    group = f'[[question_group]]\nid = "light"\ntitle = "More"\nquestions = ["{question}"]\n'
    (tmp_path / "more.toml").write_text(group)
    with pytest.raises(ContentError, match="your partner"):
        load_catalogue([tmp_path])
