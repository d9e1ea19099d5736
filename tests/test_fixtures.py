"""Each generic code's annotated fixture: ``# NSCnnn`` lines are reported with that code, no other line is."""

from __future__ import annotations

import base64
import pathlib
import re

import pytest

import secretgen
from flake8_nosecrets import providers, scan_source

FIXTURES = pathlib.Path(__file__).parent / "fixtures"
_SLOT_RE = re.compile(r"\{\{(pw|weak|hex40|b62_32|jwt|basic|pem:[A-Z]*|provider:[a-z0-9\-]+)\}\}")
_EXPECT_RE = re.compile(r"#\s*(NSC\d{3})\s*$")


def weak_password(r) -> str:
    """A human-style weak password: capitalised word, year, symbol (``Autumn2019#``)."""
    word = r.choice(["Autumn", "Winter", "Falcon", "Harbor", "Marble", "Velvet", "Copper", "Meadow"])
    return f"{word}{r.randrange(1990, 2030)}{r.choice('!#$%&*')}"


def fill(text: str, salt: str) -> str:
    r = secretgen.rng(salt)

    def one(m: re.Match[str]) -> str:
        slot = m.group(1)
        if slot == "pw":
            return secretgen.password(r)
        if slot == "weak":
            return weak_password(r)
        if slot == "hex40":
            return secretgen.hex_key(r, 40)
        if slot == "b62_32":
            return secretgen.random_key(r, 32)
        if slot == "jwt":
            return secretgen.jwt(r)
        if slot == "basic":
            return base64.b64encode(f"svc:{secretgen.password(r)}".encode()).decode()
        if slot.startswith("pem:"):
            return secretgen.private_key_pem(slot[4:], r).replace("\n", "\\n").rstrip("\\n")
        pid = slot.split(":", 1)[1]
        return secretgen.provider_samples(providers.BY_ID[pid], salt)[0]

    return _SLOT_RE.sub(one, text)


def expected(text: str) -> set[tuple[int, str]]:
    return {(n, m.group(1)) for n, line in enumerate(text.splitlines(), 1) if (m := _EXPECT_RE.search(line))}


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("NSC*.py")), ids=lambda p: p.stem)
def test_fixture(path: pathlib.Path) -> None:
    source = fill(path.read_text(), path.stem)
    got = {(f.line, f.code) for f in scan_source(source, filename=str(path))}
    assert got == expected(source)


def test_every_generic_code_has_a_fixture() -> None:
    from flake8_nosecrets.rules import RULES

    generic = {r.code for r in RULES if r.code.startswith("NSC2")}
    assert generic <= {p.stem for p in FIXTURES.glob("NSC*.py")}
