"""The two searches every literal goes through, against their plain definitions.

``classify.has_value_keyword`` (one Aho-Corasick pass) must say exactly whether some value-rule keyword
occurs in the value, and ``embedded.setting_keywords`` (found backwards from each ``=`` or ``:``) must
find exactly the spans that ``re.finditer`` of the setting pattern finds. Both were rewritten for speed;
these tests hold them to what they replaced, on strings built from the pieces that matter (keywords,
their fragments, separators, quotes, case changes, letters that fold to ASCII under IGNORECASE).
"""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from flake8_nosecrets import classify, embedded, providers

VALUE_ONLY = {"PRIVATE KEY", "://", "uthorization", "UTHORIZATION", "earer", "EARER", classify._B64_PEM}
KEYWORDS = sorted(set(providers.KEYWORDS.keys()) | VALUE_ONLY)
FRAGMENTS = sorted({k[:i] for k in KEYWORDS for i in (1, 2, len(k) - 1) if 0 < i < len(k)})
PIECES = KEYWORDS + FRAGMENTS + list("aZ0_-.:=/ \"'\n\x00é") + ["\U0001f600", "\ud800"]


def _defined_has_keyword(value: str, start: int) -> bool:
    return any(k in value[start:] for k in KEYWORDS)


@settings(max_examples=3000, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12), st.integers(min_value=0, max_value=40))
def test_has_value_keyword_is_substring_search(parts: list[str], start: int) -> None:
    value = "".join(parts)
    assert classify.has_value_keyword(value, start) == _defined_has_keyword(value, start)


@settings(max_examples=2000, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12))
def test_provider_stage_sees_every_keyword(parts: list[str]) -> None:
    value = "".join(parts)
    found = {keyword for _, keyword in providers.KEYWORDS.iter(value)}
    assert found == {k for p in providers.PROVIDERS for k in p.keywords if k in value}


# The definition the backwards search replaced.
SETTING_RE = re.compile(
    r"(?i:pass(?:word|wd|phrase)?|pwd|secret|token|key|credentials?|auth)[\"']?\s{0,3}[=:]\s{0,3}[\"']?"
)
SETTING_PIECES = ["pass", "password", "passwd", "passphrase", "pwd", "secret", "token", "key", "credential",
                  "credentials", "auth", "PASS", "Token", "KEY", "sEcReT", "x", "_", "-", ".", "=", ":", " ",
                  "   ", "\t", '"', "'", "a1", "\u017f", "\u212a", "s", "d", "\n", ";", "&", "?", "/"]


@settings(max_examples=5000, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(SETTING_PIECES), max_size=14))
def test_setting_keywords_match_the_pattern(parts: list[str]) -> None:
    value = "".join(parts)
    assert list(embedded.setting_keywords(value)) == [m.span() for m in SETTING_RE.finditer(value)]


def test_setting_keywords_on_real_settings() -> None:
    value = 'Server=db;Password = "x1";api_key:\'k\' token==t CREDENTIALS"   =   "v'
    assert [value[a:b] for a, b in embedded.setting_keywords(value)] == [
        'Password = "', "key:'", "token=", 'CREDENTIALS"   =   "'  # the longest keyword, quote and spaces
    ]


# ---- comment lines are found by searching the text, not line by line ----

LINE_PIECES = ["#", "x", " ", "'", "\n", "\r\n", "\r", "\x0c", "\u2028", "\x1c", "ghp_", "# a", "\u00e9"]


@settings(max_examples=3000, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(LINE_PIECES), max_size=16))
def test_hash_lines_are_the_lines_with_a_hash(parts: list[str]) -> None:
    from flake8_nosecrets.scanner import _hash_lines

    lines = "".join(parts).splitlines(keepends=True)
    expected = [(n, line.find("#")) for n, line in enumerate(lines, 1) if "#" in line]
    assert list(_hash_lines(lines, "".join(lines))) == expected
