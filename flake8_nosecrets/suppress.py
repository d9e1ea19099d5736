"""Inline suppression markers besides flake8's own ``# noqa: NSC…`` (which flake8 applies itself).

Teams migrating from other tools keep their markers working:

* ``# pragma: allowlist secret`` (detect-secrets), and on the line before a
  finding ``# pragma: allowlist nextline secret``;
* ``# nosec`` (bandit), bare or naming B105/B106/B107;
* ``# noqa: S105`` / ``S106`` / ``S107`` (ruff, flake8-bandit), which flake8
  would not map to NSC codes;
* ``# gitleaks:allow`` (gitleaks).

A marker counts only inside a comment, on the literal's first or last line.
"""

from __future__ import annotations

import re
from typing import Sequence

_SAME_LINE_RE = re.compile(
    r"(?:pragma:\s*allowlist\s+secret|gitleaks:allow"
    r"|\bnosec\b(?![\s:=]*B\d)|\bnosec\b[\s:=]*(?:B\d{3}[\s,]*)*B10[567]"
    r"|\bnoqa\s*:\s*(?:[A-Z]+\d+[\s,]*)*S10[567])",
    re.IGNORECASE,
)
_NEXT_LINE_RE = re.compile(r"pragma:\s*allowlist\s+nextline\s+secret", re.IGNORECASE)
# Both are searched from the line's first '#' (a prefilter that keeps them linear: a leading '#.*?' in the
# pattern was retried from every '#', quadratic on a line of many '#').


def _marked(pattern: re.Pattern[str], text: str) -> bool:
    start = text.find("#")
    return start >= 0 and pattern.search(text, start) is not None


def is_suppressed(lines: Sequence[str], first: int, last: int) -> bool:
    """True when a marker sits on line *first* or *last* (1-based), or a nextline marker above *first*."""
    for n in {first, last}:
        if 0 < n <= len(lines):
            text = lines[n - 1]
            if _marked(_SAME_LINE_RE, text):
                return True
    return 1 < first <= len(lines) + 1 and _marked(_NEXT_LINE_RE, lines[first - 2])
