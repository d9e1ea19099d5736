"""pip requirements and constraints files: index URLs with tokens, VCS and direct URLs with credentials.

pip's own line format: a `` #`` starts a comment, a trailing backslash joins
lines, ``${VAR}`` is expanded by pip from the environment (so never a
literal). Each URL-like word of a line is a value; the option before it
(``--extra-index-url``, ``-i``, ``--find-links``…) names it.
"""

from __future__ import annotations

import re

from .base import ConfigValue

_COMMENT_RE = re.compile(r"(?:^|\s)#")
_WORD_RE = re.compile(r"\S+")
_OPTION_RE = re.compile(r"--?[A-Za-z][\w-]*")


def values(text: str) -> list[ConfigValue]:
    out = []
    option = ""
    for n, line in enumerate(text.split("\n"), 1):
        m = _COMMENT_RE.search(line)
        body = line[:m.start()] if m else line
        words = list(_WORD_RE.finditer(body))
        if not words or not (body[:1].isspace() and out and option):
            option = ""  # a continuation keeps the option of the line it continues
        for w in words:
            word = w.group(0)
            if word == "\\":
                continue
            head, eq, rest = word.partition("=")
            if _OPTION_RE.fullmatch(head):
                option = head.lstrip("-")
                if not eq:
                    continue
                word, col = rest, w.start() + len(head) + 1
            else:
                col = w.start()
            if "@" in word.strip("@") or "://" in word or len(word) >= 16:
                out.append(ConfigValue(option, word.rstrip("\\"), n, col))
    return out
