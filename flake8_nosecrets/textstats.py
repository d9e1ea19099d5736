"""How a run of characters reads: case flips, vowels, alphabet runs.

The character statistics the false-alarm filters (:mod:`filters`) and the credential tests
(:mod:`credential`) both ask, each written once here. Pure and linear in the text; entropy and
character classes are :mod:`entropy`'s.
"""

from __future__ import annotations

import re
from typing import Sequence

VOWELS = frozenset("aeiouy")
# The share of vowels among a word part's letters in words people write: below, a run of consonants
# (``qzmwpvtrxlkdbnhgf``, typed noise); above, a vowel string (``aeiouaei``).
MIN_VOWELS = 0.2
MAX_VOWELS = 0.7
_LOWER_RUN_RE = re.compile(r"[a-z]{4,}")


def case_flips(text: str) -> int:
    """Adjacent letter pairs whose case differs: 2 in ``camelCase``, 4 in ``hZEmnoOEYISjra``."""
    return sum(1 for a, b in zip(text, text[1:]) if a.isalpha() and b.isalpha() and a.islower() != b.islower())


def case_scrambled(text: str) -> bool:
    """``hZEmnoOEYISjra``: the case flips more often than once in four characters, which camelCase never does."""
    return case_flips(text) > len(text) / 4


def mixed_case_noise(text: str) -> bool:
    """``"JgHxKpQwRt"``: letters only, in both cases, none of them a lower-case word part (camelCase
    ``getElementById`` has ``lement``), a third to two thirds upper case: a short key, not a name."""
    upper = sum(c.isupper() for c in text)
    return text.isalpha() and 0.3 <= upper / len(text) <= 0.7 and not _LOWER_RUN_RE.search(text)


def vowel_ratio(text: str) -> float:
    """The share of vowels (``aeiouy``, either case) among the letters of *text* (0.0 without letters)."""
    letters = [c for c in text.lower() if c.isalpha()]
    return sum(c in VOWELS for c in letters) / len(letters) if letters else 0.0


def pronounceable(part: str) -> bool:
    """A word part with the vowels of written words: ``variable``, ``session``; not ``qzmwp`` nor ``aeiou``."""
    return MIN_VOWELS <= vowel_ratio(part) <= MAX_VOWELS


def looks_scrambled(text: str) -> bool:
    """Letters with no word structure: too few vowels (``"qzmwpvtrxlkdbnhgf"``) or scrambled case."""
    if not any(c.isalpha() for c in text):
        return False
    return vowel_ratio(text) < MIN_VOWELS or case_scrambled(text)


def breaks(chars: Sequence[str], wrap: bool = False) -> int:
    """Steps between neighbours that are not +1 in code point: 0 in ``abcd`` and ``3456``, 1 in ``abc123``
    (with *wrap*, ``9 -> 0``, ``f -> a`` and ``z -> a`` continue a run)."""
    def step(a: str, b: str) -> bool:
        return ord(b) - ord(a) == 1 or (wrap and (a, b) in (("9", "0"), ("f", "a"), ("z", "a")))

    return sum(1 for a, b in zip(chars, chars[1:]) if not step(a, b))


def is_alphabet_run(part: str) -> bool:
    """``abcd``, ``wxyz``, ``1234``: one unbroken run of the alphabet or the digits, typed filler, not a word."""
    return breaks(part) == 0
