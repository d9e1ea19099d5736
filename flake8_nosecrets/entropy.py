"""Shannon entropy and character-class measures of a string; pure functions only.

These feed the "does this look like a random key" decision. Everything here is
O(len(value)) and allocation-light, because every string literal of every file
may pass through it.
"""

from __future__ import annotations

import math
from collections import Counter


def shannon(value: str) -> float:
    """Bits of entropy per character of *value* (0.0 for the empty string)."""
    n = len(value)
    if n == 0:
        return 0.0
    return -sum(c / n * math.log2(c / n) for c in Counter(value).values())


def max_entropy(length: int, alphabet: int) -> float:
    """Highest entropy a string of *length* over *alphabet* symbols can reach."""
    if length <= 1:
        return 0.0
    return math.log2(min(length, alphabet))


def char_classes(value: str) -> int:
    """How many of lower, upper, digit, other-printable classes appear in *value*."""
    lower = upper = digit = other = 0
    for ch in value:
        if ch.islower():
            lower = 1
        elif ch.isupper():
            upper = 1
        elif ch.isdigit():
            digit = 1
        else:
            other = 1
    return lower + upper + digit + other
