"""One partner's answer to tonight's question (personal words: never in a repr or a log)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Answer:
    account: str  # the answering account's id (keys.couple_id_for_user)
    words: str

    def __repr__(self) -> str:  # never show the words in a traceback or a log
        return f"Answer(account={self.account[:8]}...)"
