"""Shannon entropy and character-class measures of a string; pure functions only.

These feed the "does this look like a random key" decision. Everything here is
O(len(value)) and allocation-light, because every string literal of every file
may pass through it.
"""

from __future__ import annotations

import math
from collections import Counter

HEX_CHARS = frozenset("0123456789abcdefABCDEF")
BASE64_CHARS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_"
)


def shannon(value: str) -> float:
    """Bits of entropy per character of *value* (0.0 for the empty string)."""
    n = len(value)
    if n == 0:
        return 0.0
    return -sum(c / n * math.log2(c / n) for c in Counter(value).values())


def charset(value: str) -> str:
    """'hex', 'base64' or 'other': the smallest usual key alphabet holding *value*."""
    chars = set(value)
    if chars <= HEX_CHARS:
        return "hex"
    if chars <= BASE64_CHARS:
        return "base64"
    return "other"


def max_entropy(length: int, alphabet: int) -> float:
    """Highest entropy a string of *length* over *alphabet* symbols can reach."""
    if length <= 1:
        return 0.0
    return math.log2(min(length, alphabet))


def relative_entropy(value: str) -> float:
    """Entropy as a fraction (0..1) of the most a string of this length and alphabet can have.

    Raw Shannon entropy grows with length, so a fixed threshold either passes
    short words or rejects short keys. Relative to the maximum for the string's
    own length and alphabet, a 20-char random key and a 60-char one score alike.
    """
    kind = charset(value)
    alphabet = 16 if kind == "hex" else 64 if kind == "base64" else 94
    top = max_entropy(len(value), alphabet)
    return shannon(value) / top if top else 0.0


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
