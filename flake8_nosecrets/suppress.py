"""Suppressions: the markers of the tools teams migrate from, and flake8's own for the other front-ends.

Teams migrating from other tools keep their markers working:

* ``# pragma: allowlist secret`` (detect-secrets), and on the line before a
  finding ``# pragma: allowlist nextline secret``;
* ``# nosec`` (bandit), bare or naming B105/B106/B107;
* ``# noqa: S105`` / ``S106`` / ``S107`` (ruff, flake8-bandit), which flake8
  would not map to NSC codes;
* ``# gitleaks:allow`` (gitleaks).

A marker counts only inside a comment, on the literal's first or last line.

Inside flake8, flake8 itself applies ``# noqa`` and select/ignore/per-file-ignores.
The standalone scan (``nosecrets``, the pre-commit hook) and the fixer
(``nosecrets-fix``) run without flake8's style guide, so :func:`apply_noqa` and
:class:`CodeFilter` decide for them, in one place. There a bare ``# noqa``
(written for a long line, say) does not hide a secret: only a ``noqa`` naming an
NSC code does, unless ``nosecrets-bare-noqa = true`` asks for flake8's rule.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import re
import tokenize
from typing import Sequence

from .findings import Finding

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


# --------------------------------------------------------------------------- flake8's noqa and code selection

# flake8's own patterns (flake8/defaults.py), so that ``# noqa`` means here what it means there.
NOQA_INLINE_RE = re.compile(r"# noqa(?::[\s]?(?P<codes>([A-Z]+[0-9]+(?:[,\s]+)?)+))?", re.IGNORECASE)
NOQA_FILE_RE = re.compile(r"\A\s*# flake8[:=]\s*noqa", re.IGNORECASE)
_CODE_SPLIT_RE = re.compile(r"[,\s]")


def _noqa_mapping(lines: Sequence[str]) -> dict[int, str]:
    """flake8's ``_noqa_line_mapping``: each line -> the text of the whole logical line it belongs to."""
    mapping: dict[int, str] = {}
    try:
        tokens = list(tokenize.generate_tokens(iter(lines).__next__))
    except (tokenize.TokenError, SyntaxError):
        return mapping
    lo, hi = len(lines) + 2, -1
    for tok in tokens:
        if tok.type in (tokenize.ENDMARKER, tokenize.DEDENT):
            continue
        lo, hi = min(lo, tok.start[0]), max(hi, tok.end[0])
        if tok.type in (tokenize.NL, tokenize.NEWLINE):
            joined = "".join(lines[lo - 1:hi])
            for n in range(lo, hi + 1):
                mapping[n] = joined
            lo, hi = len(lines) + 2, -1
    return mapping


def apply_noqa(findings: list[Finding], lines: Sequence[str], bare: bool = False) -> list[Finding]:
    """``# noqa: X,Y`` on the (logical) line drops codes equal to or starting with X or Y. With *bare*
    (flake8's rule), ``# noqa`` without codes drops every finding there and ``# flake8: noqa`` on its own
    line skips the file; without it both are ignored, since they are mostly written for other checks."""
    if not findings:
        return findings
    if bare and any(NOQA_FILE_RE.match(line) for line in lines if "noqa" in line.lower()):
        return []
    if not any("noqa" in line.lower() for line in lines):
        return findings
    mapping = _noqa_mapping(lines)
    kept = []
    for f in findings:
        text = mapping.get(f.line)
        if text is None:
            text = lines[f.line - 1] if 0 < f.line <= len(lines) else ""
        m = NOQA_INLINE_RE.search(text)
        if m is None:
            kept.append(f)
            continue
        if m.group("codes") is None:
            if not bare:
                kept.append(f)
            continue
        codes = tuple(c for c in _CODE_SPLIT_RE.split(m.group("codes")) if c)
        if not (f.code in codes or f.code.startswith(codes)):
            kept.append(f)
    return kept


@dataclasses.dataclass(frozen=True)
class CodeFilter:
    """flake8's select/ignore decision, restricted to what can concern NSC codes.

    ``select`` not naming NSC does not turn this command off (running it asks
    for NSC); otherwise the longest matching prefix wins, as in flake8's
    ``DecisionEngine``.
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (normalised pattern, codes)

    def __bool__(self) -> bool:
        return bool(self.ignore or self.per_file)

    def ignored_for(self, path: str) -> tuple[str, ...]:
        if not self.per_file:
            return self.ignore
        matching = [(pat, codes) for pat, codes in self.per_file if matches_filename(path, (pat,))]
        if not matching:
            return self.ignore
        return self.ignore + max(matching, key=lambda pc: len(pc[0]))[1]

    def reported_in(self, code: str, path: str) -> bool:
        """Whether *code* is reported in the file at *path* (per-file-ignores applied)."""
        return self.reported(code, self.ignored_for(path))

    def reported(self, code: str, ignored: tuple[str, ...]) -> bool:
        ign = sorted((p for p in ignored if p and code.startswith(p)), reverse=True)
        if not ign:
            return True
        sel = sorted((p for p in self.select if p and code.startswith(p)), reverse=True)
        return bool(sel) and len(sel[0]) > len(ign[0])


def matches_filename(path: str, patterns: Sequence[str]) -> bool:
    """flake8's ``matches_filename``: the base name, else the absolute path, against fnmatch patterns."""
    if not patterns:
        return False
    base = os.path.basename(path)
    if base not in (".", "..") and any(fnmatch.fnmatch(base, p) for p in patterns):
        return True
    full = os.path.abspath(path)
    return any(fnmatch.fnmatch(full, p) for p in patterns)
