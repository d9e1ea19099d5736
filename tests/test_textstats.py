"""One case table per character statistic (flake8_nosecrets/textstats.py): what it says yes to, and no to."""

from __future__ import annotations

import inspect

import pytest

from flake8_nosecrets import textstats

CASES = {
    textstats.case_scrambled: (
        ["hZEmnoOEYISjra", "aBcDeFgH", "xYxYxY"],
        ["camelCase", "getElement", "HTTPServer", "lowercase", "UPPER_CASE", "snake_case_name", ""],
    ),
    textstats.mixed_case_noise: (
        ["JgHxKpQwRt", "QwErTyUiOp"],
        ["getElementById", "JgHxKpQwRt9", "lowercase", "UPPERCASE", "AB"],
    ),
    textstats.pronounceable: (
        ["variable", "session", "timeout", "default"],
        ["qzmwpvtr", "aeiouaei", "xkcd", ""],
    ),
    textstats.looks_scrambled: (
        ["qzmwpvtrxlkdbnhgf", "hZEmnoOEYISjraWq", "bcdfghjklmnpqrst"],
        ["client_secret_basic", "AuthenticationFailed", "0123456789", "", "AuthenticationFailedError"],
    ),
    textstats.is_alphabet_run: (
        ["abcd", "wxyz", "1234", "ABCDEF"],
        ["abce", "dcba", "word", "12345a"],
    ),
}


@pytest.mark.parametrize(
    ("stat", "text", "want"),
    [(stat, text, True) for stat, (yes, _) in CASES.items() for text in yes]
    + [(stat, text, False) for stat, (_, no) in CASES.items() for text in no],
    ids=lambda v: getattr(v, "__name__", repr(v)[:30]),
)
def test_statistic(stat, text: str, want: bool) -> None:
    assert stat(text) is want


@pytest.mark.parametrize(
    ("text", "flips"),
    [("camelCase", 2), ("hZEmnoOEYISjra", 4), ("snake_Case", 1), ("a1B", 0), ("HTTPServer", 1), ("", 0)],
)
def test_case_flips_count_adjacent_letters_only(text: str, flips: int) -> None:
    assert textstats.case_flips(text) == flips


@pytest.mark.parametrize(
    ("text", "ratio"),
    [("variable", 0.5), ("QZMW", 0.0), ("Ai-9y", 1.0), ("1234", 0.0), ("", 0.0), ("sky", 1 / 3)],
)
def test_vowel_ratio_counts_letters_in_either_case(text: str, ratio: float) -> None:
    assert textstats.vowel_ratio(text) == pytest.approx(ratio)


@pytest.mark.parametrize(
    ("chars", "wrap", "count"),
    [("abcdef", False, 0), ("abc123", False, 1), ("7890", False, 1), ("7890", True, 0), ("efab", True, 0),
     ("xyza", True, 0), ("xyza", False, 1), ("a", False, 0), ("", False, 0), ("q7q7q7", False, 5)],
)
def test_breaks_counts_the_steps_that_are_not_plus_one(chars: str, wrap: bool, count: int) -> None:
    assert textstats.breaks(chars, wrap=wrap) == count


def test_every_statistic_has_cases() -> None:
    public = {name for name, v in vars(textstats).items() if inspect.isfunction(v) and not name.startswith("_")}
    assert public == {f.__name__ for f in CASES} | {"case_flips", "vowel_ratio", "breaks"}
