"""Real first names (up to 12 letters) the bench couples are given, as they would say them."""

from __future__ import annotations

import hashlib

FIRST_NAMES = (
    "Sam",
    "Alex",
    "Ana",
    "Li",
    "Omar",
    "Priya",
    "Marisol",
    "Teodoro",
    "Aisha",
    "Kenji",
    "Fatima",
    "Mateo",
    "Ingrid",
    "Olusegun",
    "Siobhan",
    "Dmitri",
    "Yasmin",
    "Tomasz",
    "Leilani",
    "Joaquin",
    "Margarethe",
    "Oluwaseun",
    "Anastasia",
    "Guillermo",
    "Bartholomew",
    "Valentina",
    "Maximilian",
    "Christopher",
    "Alessandra",
    "Konstantinos",
    "Christabelle",
    "Jacqueline",
    "Nkechi",
    "Eleanor",
    "Rafael",
    "Mei",
    "Giovanni",
    "Esperanza",
    "Thandiwe",
    "Radhika",
    "Sebastian",
    "Francesca",
    "Wilhelmina",
    "Aleksandra",
)
# The worst realistic couple: full names as a couple might give them, each exactly the 30 characters
# the skill keeps (skill.domain.profile.MAX_NAME_CHARS). Couple 0 of every pool has them, so every pool
# includes the far end of the distribution; the in-process couple has them too (the largest profile).
FULL_NAMES: tuple[str, str] = ("Anastasia Wilhelmina Rodriguez", "Guillermo Esperanza Montgomery")
LONGEST: tuple[str, str] = FULL_NAMES


def couple_names(pool: str, index: int) -> tuple[str, str]:
    """Two different names for couple ``index`` of a pool, spread over the list; couple 0 the longest."""
    if index == 0:
        return FULL_NAMES
    digest = hashlib.sha256(f"{pool}:{index}".encode()).digest()
    first = digest[0] % len(FIRST_NAMES)
    second = (first + 1 + digest[1] % (len(FIRST_NAMES) - 1)) % len(FIRST_NAMES)
    return FIRST_NAMES[first], FIRST_NAMES[second]


def person_id(pool: str, index: int, partner: int) -> str:
    """A voice's personId as Alexa sends it: the prefix and 100 upper-case letters and digits."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    digest = hashlib.sha512(f"{pool}:{index}:{partner}".encode()).digest()
    digest += hashlib.sha512(digest).digest()
    return "amzn1.ask.person." + "".join(alphabet[b % 32] for b in digest[:100])
