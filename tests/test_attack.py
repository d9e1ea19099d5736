"""Attack our own outputs: from what every command prints or writes, try to recover each planted secret.

The attacker reads only the outputs (as in a public CI log or a committed
baseline) and knows everything public: this project's code and constants, each
provider's documented format, and the exact generator the weak secrets come
from. Planted secrets:

* ``common``: 4-12-character passwords from a common-password-style generator
  (a common base word or keyboard walk, its case, a number or year, a symbol);
* ``wordnum``: a word with digits;
* ``short``: 4 random lower-case letters and digits (the brute-force class);
* one sample token of every provider format.

Outputs: the flake8 plugin's lines, ``nosecrets`` text, JSON and SARIF,
``nosecrets-baseline``'s file, pylint's lines and ``nosecrets-fix --diff``
(diff and summary), for modules and notebooks, with the weak value also
sitting on lines a pragma or a ``# noqa: NSC206`` suppresses next to a line the
fixer changes (so the diff shows them as context).

Attack on a weak secret: enumerate its class's whole space (the dictionary;
for ``short``, every 4-character string: brute force) and keep the candidates
consistent with everything the outputs say about its file: a shown prefix, a
shown length, and any hex string that is a prefix of a hash of the candidate
(SHA-1/256/512, MD5, BLAKE2b, SHA-256 with this project's public salt, the
PBKDF2 of a baseline's salt). Recovered, or narrowed, when the candidates left
are one, or fewer than half the space (more than 1 bit learnt). Besides, every
weak file of a class must give the very same outputs once its name is
replaced (any derivation we did not think of would show there).

Attack on a token: what the outputs share with it (its longest substring
found in them) is taken as known; the rest, over the token's own alphabet,
must still take at least 2^80 guesses.
"""

from __future__ import annotations

import contextlib
import difflib
import bisect
import hashlib
import io
import itertools
import json
import math
import random
import re
import string
import time
from pathlib import Path
from typing import Callable, Iterator

import pytest

import secretgen
from flake8_nosecrets import baseline_cli, cli, findings, providers
from flake8_nosecrets.fix import cli as fix_cli

PER_CLASS = 4
TOKENS_PER_FILE = 24  # tokens share files: the fixer costs a libcst pass per file
SAFE_BITS = 80

# The weak generators. Their words are ordinary words and keyboard walks, not anyone's secrets.
BASES = ("dragon", "monkey", "shadow", "master", "sunshine", "princess", "football", "baseball", "welcome",
         "letmein", "qwerty", "asdfgh", "zxcvbn", "iloveyou", "trustno", "freedom", "whatever", "michael",
         "charlie", "summer", "winter", "autumn", "spring", "hello", "admin", "secret", "abc", "login", "pass",
         "starwars", "pokemon", "cookie", "soccer", "hockey", "ranger", "buster", "tigger", "ginger", "pepper")
WORDS = ("apple", "river", "stone", "cloud", "tiger", "maple", "orange", "silver", "garden", "planet", "rocket",
         "violet", "forest", "castle", "pirate", "candle", "wizard", "falcon", "harbor", "meadow")


def common_space() -> list[str]:
    suffixes = ["", "1", "12", "123", "1234", "!", "1!", "123!"] + [str(n) for n in range(10)] + \
        [str(y) for y in range(1970, 2030)] + [f"{y}!" for y in range(1990, 2030)]
    out = []
    for base in BASES:
        for word in (base, base.capitalize(), base.upper(), base.replace("a", "@").replace("o", "0")):
            out += [w for s in suffixes if 4 <= len(w := word + s) <= 12]
    return sorted(set(out))


def wordnum_space() -> list[str]:
    digits = [str(n) for n in range(10)] + [f"{n:02d}" for n in range(100)] + [f"{n:03d}" for n in range(1000)]
    return sorted({w for word in WORDS for case in (word, word.capitalize()) for d in digits
                   if 4 <= len(w := case + d) <= 12})


def short_space() -> Iterator[str]:
    alphabet = string.ascii_lowercase + string.digits
    return ("".join(t) for t in itertools.product(alphabet, repeat=4))


SPACES: dict[str, Callable[[], Iterator[str] | list[str]]] = {
    "common": common_space, "wordnum": wordnum_space, "short": short_space,
}
SPACE_SIZE = {"short": 36 ** 4}


def weak_secrets() -> dict[str, list[str]]:
    r = random.Random(f"{secretgen.SEED}:attack")
    out = {}
    for name, space in SPACES.items():
        pool = list(space()) if name != "short" else None
        picked: list[str] = []
        while len(picked) < 2 * PER_CLASS:  # half reported, half only on suppressed lines
            s = r.choice(pool) if pool else "".join(r.choice(string.ascii_lowercase + string.digits) for _ in range(4))
            if s not in picked:
                picked.append(s)
        out[name] = picked
    return out


REPORTED = 'import os\n\nPASSWORD = "{s}"\nDATABASE_URL = "postgresql://app:{s}@db.internal:5432/app"\n'
QUIET = ('import os\n\nDB_PASSWORD = "{s}"  # pragma: allowlist secret\nADMIN_PASSWORD = "{s}"  # noqa: NSC206\n'
         'API_TOKEN = "{token}"\n')
TOKEN = 'TOKEN_{i} = "{s}"\n'


def notebook(source: str) -> str:
    cell = {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
            "source": source.splitlines(keepends=True)}
    return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"


# --------------------------------------------------------------------------- running every output


def _captured(fn: Callable[[], object]) -> str:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        fn()
    return out.getvalue() + err.getvalue()


def run_outputs(root: Path) -> dict[str, str]:
    """Every output of every command over *root* (the current directory)."""
    outputs = {fmt: _captured(lambda fmt=fmt: cli.main(["--isolated", "--format", fmt, "--jobs", "1", "."]))
               for fmt in ("text", "json", "sarif")}
    from flake8_nosecrets.flake8_plugin import Plugin
    import ast

    lines = []
    for path in sorted(root.glob("*.py")):
        source = path.read_text()
        plugin = Plugin(ast.parse(source), path.name, source.splitlines(keepends=True))
        lines += [f"./{path.name}:{line}:{col + 1}: {text}" for line, col, text, _ in plugin.run()]
    outputs["flake8"] = "\n".join(lines)
    _captured(lambda: baseline_cli.main(["-o", "base.json", "--isolated", "."]))
    outputs["baseline"] = (root / "base.json").read_text()
    outputs["pylint"] = _pylint(root)
    fix_out, fix_err = io.StringIO(), io.StringIO()
    fix_cli.main(["--diff", "--no-history", "."], stdout=fix_out, stderr=fix_err)
    outputs["fix-diff"] = fix_out.getvalue()
    outputs["fix-summary"] = fix_err.getvalue()
    return outputs


def _pylint(root: Path) -> str:
    from pylint.lint import Run
    from pylint.reporters.text import TextReporter

    from flake8_nosecrets import rules

    out = io.StringIO()
    symbols = ",".join(r.pylint_symbol for r in rules.RULES)
    Run(["--load-plugins=flake8_nosecrets.pylint_plugin", "--disable=all", f"--enable={symbols}",
         "--persistent=n", "--score=n", *sorted(str(p.name) for p in root.glob("*.py"))],
        reporter=TextReporter(out), exit=False)
    return out.getvalue()


def views(outputs: dict[str, str], names: list[str]) -> dict[str, dict[str, str]]:
    """What each output says about each file: its lines, records, baseline entries and diff chunk ('' if none)."""
    records = json.loads(outputs["json"])
    results = json.loads(outputs["sarif"])["runs"][0]["results"]
    base = json.loads(outputs["baseline"])
    entries, hashing = base["files"], base.get("hash")
    chunks = re.split(r"(?m)^(?=--- a/)", outputs["fix-diff"])
    out = {}
    for name in names:
        v = {key: "\n".join(line for line in outputs[key].splitlines() if name in line)
             for key in ("text", "flake8", "pylint", "fix-summary")}
        mine = [r for r in records if r["path"].endswith("/" + name)]
        v["json"] = json.dumps(mine) if mine else ""
        mine = [r for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == name]
        v["sarif"] = json.dumps(mine) if mine else ""
        v["baseline"] = json.dumps({"hash": hashing, "entries": entries[name]}) if name in entries else ""
        v["fix-diff"] = "".join(c for c in chunks if c.startswith(f"--- a/{name}\n"))
        out[name] = v
    return out


# --------------------------------------------------------------------------- the attacker


PUBLIC_SALTS = (b"", findings.FINGERPRINT_SALT)
_HEX = re.compile(r"(?<![0-9a-f])[0-9a-f]{6,128}(?![0-9a-f])")
# One shown value: a prefix, its length, a short hash (any of them may be missing).
_SHOWN = re.compile(r'"([^"\s]{0,12})…"(?: \((\d{1,4}) chars(?:, fp ([0-9a-f]{6}))?\))?')
FREE_HEX_SPACE_LIMIT = 100_000  # hashing every candidate costs ~10 us a family on the shared test machine


class Space:
    """A class's every value, sorted (a prefix is a bisection away)."""

    def __init__(self, values: Iterator[str] | list[str]) -> None:
        self.values = sorted(set(values))

    def starting(self, prefix: str) -> list[str]:
        lo = bisect.bisect_left(self.values, prefix)
        hi = bisect.bisect_left(self.values, prefix + "\U0010ffff")
        return self.values[lo:hi]


def _digests(candidate: str) -> Iterator[str]:
    data = candidate.encode()
    for salt in PUBLIC_SALTS:
        for algo in ("sha256", "sha1", "md5"):
            yield hashlib.new(algo, salt + data).hexdigest()


def _hits(candidates: list[str], hexes: set[str]) -> list[str]:
    lengths = {len(h) for h in hexes}
    return [c for c in candidates if any(d[:n] in hexes for d in _digests(c) for n in lengths)]


def narrowest(space: Space, text: str) -> list[str]:
    """The smallest set of candidates that the evidence in *text* about one shown value leaves
    (the whole space when nothing in *text* speaks of a value of this class)."""
    sets = []
    for prefix, length, fp in _SHOWN.findall(text):
        left = [c for c in space.starting(prefix) if not length or len(c) == int(length)]
        if fp:
            left = _hits(left, {fp}) or left
        if left:
            sets.append(left)
    free = set(_HEX.findall(_SHOWN.sub("", text)))
    if free and len(space.values) <= FREE_HEX_SPACE_LIMIT:
        sets += [hit] if (hit := _hits(space.values, free)) else []
    salts = re.findall(r'"salt": "([0-9a-f]+)"', text)
    iterations = [int(n) for n in re.findall(r'"iterations": (\d+)', text)]
    for salt, n in zip(salts, iterations):  # a salted slow hash (version 1 baselines): at most 2,000 guesses
        guesses = min(sets, key=len) if sets else space.values
        if len(guesses) <= 2000:
            wanted = set(_HEX.findall(text))
            sets += [hit] if (hit := [c for c in guesses if hashlib.pbkdf2_hmac(
                "sha256", c.encode(), bytes.fromhex(salt), n).hex() in wanted]) else []
    return min(sets, key=len) if sets else space.values


def longest_shared(secret: str, text: str) -> int:
    """The length of the longest substring of *secret* that appears in *text*."""
    best = 0
    for i in range(len(secret)):
        n = best + 1
        while i + n <= len(secret) and secret[i:i + n] in text:
            best, n = n, n + 1
    return best


def remaining_bits(secret: str, shown: int) -> float:
    alphabet = 0
    for cls in (string.ascii_lowercase, string.ascii_uppercase, string.digits):
        if any(ch in cls for ch in secret):
            alphabet += len(cls)
    alphabet += len({ch for ch in secret if not ch.isalnum()})
    return (len(secret) - shown) * math.log2(max(alphabet, 2))


# --------------------------------------------------------------------------- the test


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("attack")
    weak = weak_secrets()
    tokens = {p.id: secretgen.provider_samples(p, salt="attack")[0] for p in providers.PROVIDERS}
    fixer_token = tokens["github-pat"]
    files: dict[str, tuple[str, str]] = {}  # file name -> (class, secret)
    for cls, secrets in weak.items():
        for i, s in enumerate(secrets[:PER_CLASS]):
            files[f"{cls}_{i:02d}.py"] = (cls, s)
            (root / f"{cls}_{i:02d}.py").write_text(REPORTED.format(s=s))
        for i, s in enumerate(secrets[PER_CLASS:]):
            files[f"{cls}_quiet_{i:02d}.py"] = (cls, s)
            (root / f"{cls}_quiet_{i:02d}.py").write_text(QUIET.format(s=s, token=fixer_token))
        files[f"{cls}_nb.ipynb"] = (cls, secrets[0])
        (root / f"{cls}_nb.ipynb").write_text(notebook(REPORTED.format(s=secrets[0])))
    ids = sorted(tokens)
    for n in range(0, len(ids), TOKENS_PER_FILE):
        name = f"tokens_{n // TOKENS_PER_FILE:02d}.py"
        group = ids[n:n + TOKENS_PER_FILE]
        (root / name).write_text("".join(TOKEN.format(i=i, s=tokens[pid]) for i, pid in enumerate(group)))
        files.update({f"{name}:{pid}": ("token", tokens[pid]) for pid in group})
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        start = time.perf_counter()
        outputs = run_outputs(root)
        elapsed = time.perf_counter() - start
    seen = views(outputs, sorted({name.split(":")[0] for name in files}))
    return {"files": files, "outputs": outputs, "elapsed": elapsed,
            "views": {name: seen[name.split(":")[0]] for name in files}}


def test_every_output_was_produced_and_reports_what_was_planted(planted: dict) -> None:
    """Not vacuous: each reported file is in the report of every command (quiet files are suppressed)."""
    seen = planted["views"]
    reported = [n for n in planted["files"] if "_quiet_" not in n]
    assert len(reported) >= len(providers.PROVIDERS) + 3 * PER_CLASS
    missing = {key: [n for n in reported if not seen[n][key]] for key in ("text", "json", "sarif", "baseline")}
    assert all(len(m) <= 0.05 * len(reported) for m in missing.values()), {k: m[:5] for k, m in missing.items()}
    py_reported = [n for n in reported if n.split(":")[0].endswith(".py")]
    for key in ("flake8", "pylint"):
        assert sum(bool(seen[n][key]) for n in py_reported) >= 0.95 * len(py_reported), key
    assert sum(bool(seen[n]["fix-diff"]) for n in planted["files"]) >= 0.9 * len(planted["files"])
    token_lines = [line for line in planted["outputs"]["text"].splitlines() if line.startswith("./tokens_")]
    assert len(token_lines) >= 0.95 * len(providers.PROVIDERS)  # each token file reports its tokens


@pytest.mark.parametrize("cls", sorted(SPACES))
def test_no_weak_secret_is_recovered_or_narrowed(planted: dict, cls: str) -> None:
    space = Space(SPACES[cls]())
    results = []
    for name, (c, secret) in planted["files"].items():
        if c != cls:
            continue
        text = "\n".join(planted["views"][name].values())
        left = [secret] if secret in text else narrowest(space, text)  # printed whole: recovered
        assert secret in space.values, f"{name}: the attacker's model is wrong"  # the dictionary holds it
        results.append((name, len(space.values), len(left) if secret in left else len(space.values)))
    learnt = {name: math.log2(size / max(n, 1)) for name, size, n in results}
    print(f"\n{cls}: {len(results)} secrets, search space {results[0][1]:,} each (budget), "
          f"candidates left {min(n for *_, n in results):,}-{max(n for *_, n in results):,}, "
          f"at most {max(learnt.values()):.2f} bits learnt")
    assert all(n > 1 and bits <= 1.0 for (name, _, n), bits in zip(results, learnt.values())), \
        {name: bits for name, bits in learnt.items() if bits > 1.0}


@pytest.mark.parametrize("cls", sorted(SPACES))
def test_every_weak_file_gives_the_same_outputs(planted: dict, cls: str) -> None:
    """Whatever the weak value, the outputs about its file are the same: nothing in them depends on it."""
    for kind in ("", "_quiet"):
        names = sorted(n for n, (c, _) in planted["files"].items()
                       if c == cls and re.fullmatch(rf"{cls}{kind}_\d+\.py", n))
        seen = {}
        for name in names:
            v = dict(planted["views"][name])
            sarif = json.loads(v["sarif"] or "[]")
            for r in sarif:
                r.pop("partialFingerprints")  # a hash over the file name and the message: compared apart
            v["sarif"] = json.dumps(sarif)
            # The fixer's summary also advises on other files that assign the same names (lines naming two
            # files): compared here are the lines placed in this file.
            v["fix-summary"] = "\n".join(line for line in v["fix-summary"].splitlines()
                                         if line.lstrip().startswith(name + ":"))
            # The fixer names a value from its file and binding and numbers a name taken by another value
            # (PASSWORD_2, SECRET_03_PASSWORD) in the order files come: equal values share a name, which tells
            # two places hold one value and nothing about the value. Names are compared as one placeholder.
            text = json.dumps(v).replace(name, "FILE")
            seen[name] = re.sub(r"\b(?:[A-Z][A-Z0-9_]*)?PASSWORD[A-Z0-9_]*\b", "ENV_NAME", text)
        distinct = sorted(set(seen.values()))
        assert len(names) == PER_CLASS and len(distinct) == 1, "".join(difflib.unified_diff(
            distinct[0].replace("\\n", "\n").splitlines(True), distinct[-1].replace("\\n", "\n").splitlines(True)))


def test_no_token_is_narrowed_below_2_to_the_80(planted: dict) -> None:
    weakest = (SAFE_BITS * 10, "")
    for name, (cls, token) in planted["files"].items():
        if cls != "token":
            continue
        text = "\n".join(planted["views"][name].values())
        bits = remaining_bits(token, longest_shared(token, text))
        weakest = min(weakest, (bits, name))
    print(f"\ntokens: {sum(c == 'token' for c, _ in planted['files'].values())} providers; "
          f"the least unknown part left takes 2^{weakest[0]:.0f} guesses ({weakest[1]}); "
          f"all outputs took {planted['elapsed']:.1f} s")
    assert weakest[0] >= SAFE_BITS, weakest[1]
