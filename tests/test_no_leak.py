"""Nothing leaks: no output of ``nosecrets`` (text, JSON, SARIF, error lines) and no flake8 output holds a whole secret.

Secrets are generated at test time (tests/secretgen.py) for every provider format
and for generic secrets (passwords, random keys, JWTs, PEM blocks), and placed
in every context a secret takes in Python code. Two tests:

* a complete sweep: every provider sample and generic secret in every
  context, one file each, scanned once per output format by ``nosecrets``
  and by real flake8 (text and SARIF) in a subprocess;
* a property test (hypothesis, deterministic, bounded) that draws other
  samples of the same generators (new salts) and combinations of contexts
  in one module, through ``nosecrets`` in-process and the flake8 plugin.

Both also check that the detector did find most of what was planted, so that
"nothing printed" cannot pass by finding nothing.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterable, Iterator

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import secretgen
from flake8_nosecrets import cli, providers

# Context name -> module template; {s} is the secret. Each is a place where real code keeps secrets.
CONTEXTS: dict[str, str] = {
    "assignment": 'API_TOKEN = "{s}"\n',
    "keyword": 'client = Client(api_key="{s}", timeout=3)\n',
    "dict": 'SETTINGS = {{"secret": "{s}", "debug": False}}\n',
    "default": 'def connect(host, password="{s}"):\n    return host, password\n',
    "comment": "x = 1  # old token: {s}\n",
    "docstring": 'def login():\n    """Log in with {s} as the key."""\n',
    "f-string": 'line = f"--token={s} --user={{user}}"\n',
    "dsn": 'DATABASE_URL = "postgresql://admin:{s}@db.internal:5432/app"\n',
    "header": 'HEADERS = {{"Authorization": "Bearer {s}"}}\n',
}
PEM_CONTEXTS: dict[str, str] = {  # a multi-line value only fits where a multi-line literal (or comment block) does
    "assignment": 'PRIVATE_KEY = """{s}"""\n',
    "docstring": 'def sign():\n    """Signs with\n{s}\n    """\n',
    "comment": "{s}",  # every line commented out, see module()
}


def _sources() -> list[tuple[str, str]]:
    """``(label, secret)`` for every provider sample and the generic kinds."""
    out = []
    for p in providers.PROVIDERS:
        for i, s in enumerate(secretgen.provider_samples(p)):
            out.append((f"{p.id}-{i}", s))
    out += [
        ("password", secretgen.password()),
        ("random-key", secretgen.random_key()),
        ("hex-key", secretgen.hex_key(length=40)),
        ("jwt", secretgen.jwt()),
    ]
    return out


def module(template: str, secret: str) -> str:
    if template == PEM_CONTEXTS["comment"]:
        return "".join(f"# {line}\n" for line in secret.splitlines())
    return template.format(s=secret)


def strings_of(value: Any) -> Iterator[str]:
    """Every string inside a decoded JSON document (keys too): what a consumer of the report would see."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from strings_of(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings_of(v)


def haystack(*texts: str) -> str:
    """The outputs, and every string inside those that are JSON, decoded: what a reader of the reports sees."""
    parts = list(texts)
    for text in texts:
        if text.lstrip().startswith(("[", "{")):
            parts.extend(strings_of(json.loads(text)))
    return "\0".join(parts)


def assert_no_leak(secrets: Iterable[str], *texts: str) -> None:
    seen = haystack(*texts)
    leaked = [s for s in secrets if s in seen]
    assert not leaked, f"{len(leaked)} secret(s) printed whole"  # the values themselves are not repeated here


def run_nosecrets(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(["--isolated", *argv])
    return status, out.getvalue(), err.getvalue()


FORMATS = ("text", "json", "sarif")


# --------------------------------------------------------------------------- the complete sweep


@pytest.fixture(scope="module")
def sweep(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("leak-sweep")
    planted: dict[str, str] = {}  # file name -> secret
    for label, secret in _sources():
        for context, template in CONTEXTS.items():
            name = f"{label}__{context}.py".replace("-", "_")
            planted[name] = secret
            (root / name).write_text(module(template, secret))
    for kind in ("RSA", "EC", "OPENSSH"):
        pem = secretgen.private_key_pem(kind)
        for context, template in PEM_CONTEXTS.items():
            name = f"pem_{kind}__{context}.py"
            planted[name] = pem
            (root / name).write_text(module(template, pem))
    outputs = {fmt: run_nosecrets("--format", fmt, "--jobs", "2", str(root)) for fmt in FORMATS}
    flake8 = {
        fmt: subprocess.run([sys.executable, "-m", "flake8", "--isolated", "--select=NSC", f"--format={fmt}", "."],
                            cwd=root, capture_output=True, text=True, timeout=600)
        for fmt in ("default", "sarif")
    }
    return {"root": root, "planted": planted, "outputs": outputs, "flake8": flake8}


def test_sweep_every_provider_in_every_context_leaks_nothing(sweep: dict[str, Any]) -> None:
    texts = [t for status, out, err in sweep["outputs"].values() for t in (out, err)]
    texts += [t for proc in sweep["flake8"].values() for t in (proc.stdout, proc.stderr)]
    assert_no_leak(set(sweep["planted"].values()), *texts)
    print(f"\nleak sweep: {len(sweep['planted'])} files, {len(set(sweep['planted'].values()))} secrets, "
          f"{len(FORMATS)} nosecrets formats + flake8 text and SARIF")


def test_sweep_found_what_was_planted(sweep: dict[str, Any]) -> None:
    """The no-leak check means something only if the values were found and reported."""
    status, out, _ = sweep["outputs"]["text"]
    assert status == 1
    reported = {os.path.basename(line.split(":", 1)[0]) for line in out.splitlines()}
    planted = sweep["planted"]
    missed = sorted(set(planted) - reported)
    # Provider samples and PEM blocks are found wherever they sit; the generic kinds depend on the name
    # or the URL they sit in (a random key in a comment is not evidence), so they are counted apart.
    generic = ("password__", "random_key__", "hex_key__")
    specific_missed = [m for m in missed if not m.startswith(generic)]
    print(f"\nleak sweep: {len(planted) - len(missed)}/{len(planted)} planted files reported; "
          f"provider/JWT/PEM files missed: {len(specific_missed)}")
    assert len(specific_missed) <= 0.02 * len(planted), specific_missed[:20]
    flake8_lines = sweep["flake8"]["default"].stdout.splitlines()
    assert len(flake8_lines) == len(out.splitlines())  # same engine, same findings


# --------------------------------------------------------------------------- the property test

_SOURCES = [label for label, _ in _sources()]
_BY_LABEL = {p.id: p for p in providers.PROVIDERS}


def _secret(label: str, salt: int) -> str:
    pid, _, index = label.rpartition("-")
    if pid in _BY_LABEL:
        samples = secretgen.provider_samples(_BY_LABEL[pid], salt=str(salt))
        return samples[int(index) % len(samples)]
    r = secretgen.rng(f"{label}:{salt}")
    return {
        "password": lambda: secretgen.password(r),
        "random-key": lambda: secretgen.random_key(r),
        "hex-key": lambda: secretgen.hex_key(r, 40),
        "jwt": lambda: secretgen.jwt(r),
    }[label]()


@st.composite
def planted_modules(draw: st.DrawFn) -> tuple[list[str], str]:
    """A module holding one to three generated secrets, each in a drawn context."""
    secrets, parts = [], []
    for _ in range(draw(st.integers(1, 3))):
        secret = _secret(draw(st.sampled_from(_SOURCES)), draw(st.integers(0, 10_000)))
        context = draw(st.sampled_from(sorted(CONTEXTS)))
        secrets.append(secret)
        parts.append(module(CONTEXTS[context], secret))
    return secrets, "import os\n\n" + "\n".join(parts)


PROPERTY_CASES = 300


def test_property_no_output_holds_a_secret() -> None:
    stats = {"cases": 0, "with_findings": 0}
    from conftest import results  # what flake8 prints comes from the plugin class

    @settings(max_examples=PROPERTY_CASES, derandomize=True, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(planted_modules())
    def check(case: tuple[list[str], str]) -> None:
        secrets, source = case
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp, "case.py")
            path.write_text(source)
            texts = []
            for fmt in FORMATS:
                status, out, err = run_nosecrets("--format", fmt, "--jobs", "1", str(path))
                assert status in (0, 1), err  # a generated module is always scannable
                texts += [out, err]
            texts.append("\n".join(sorted(results(source))))
        assert_no_leak(secrets, *texts)
        stats["cases"] += 1
        stats["with_findings"] += bool(texts[0])

    check()
    print(f"\nno-leak property test: {stats['cases']} cases, {stats['with_findings']} with findings")
    assert stats["cases"] >= PROPERTY_CASES * 0.9
    assert stats["with_findings"] >= stats["cases"] * 0.8  # not vacuous: most cases reported something


# --------------------------------------------------------------------------- what a message shows, per value

_R = secretgen.rng("redaction")
REDACTION = [  # (label, value, known provider prefix, shown as strong)
    ("weak password", secretgen.weak_password(_R), "", False),
    ("word with digits", "meadow" + "2027", "", False),
    ("four random characters", secretgen.random_key(_R, 4), "", False),
    ("12 random printable characters", secretgen.password(_R, 12), "", False),  # < 80 bits whatever it is
    ("a keyboard walk, long", "qwertyuiop" * 3, "", False),
    ("a repeated character", "a" * 40, "", False),
    ("AWS key id: 16 base32 characters after its prefix", secretgen.provider_samples(
        providers.BY_ID["aws-access-key-id"])[0], "AKIA", False),  # 80 bits by format; zxcvbn says fewer
    ("random 40-character key", secretgen.random_key(_R, 40), "", True),
    ("GitHub token", secretgen.provider_samples(providers.BY_ID["github-pat"])[0], "ghp_", True),
    ("40 hex digits", secretgen.hex_key(_R, 40), "", True),
]


@pytest.mark.parametrize(("label", "value", "prefix", "strong"), REDACTION, ids=[r[0] for r in REDACTION])
def test_redaction_shows_a_value_only_when_what_stays_hidden_takes_2_to_the_80_guesses(
        label: str, value: str, prefix: str, strong: bool) -> None:
    from flake8_nosecrets import findings, strength

    shown = findings.redact(value, prefix)
    if strong:
        visible = findings.visible_prefix(value, prefix)
        assert shown == f'"{visible}…" ({len(value)} chars, fp {findings.fingerprint(value)})'
        assert strength.guess_bits(value[len(visible):]) >= strength.SAFE_BITS
        assert len(visible) <= max(len(prefix), min(4, len(value) // 4))
    else:
        assert shown == findings.WITHHELD  # no prefix, no length, no fingerprint
        assert value not in shown and str(len(value)) not in shown


def test_guess_estimate_is_conservative_for_human_values() -> None:
    """A long value made of words or patterns is weak whatever its length; random characters are not."""
    from flake8_nosecrets import strength

    assert strength.guess_bits("correct" + "horse" + "battery" + "staple") < strength.SAFE_BITS
    assert strength.guess_bits("Password" + "1234" * 5) < strength.SAFE_BITS
    assert strength.alphabet_bound("ab12") == pytest.approx(4 * math.log2(36))
    assert strength.guess_bits(secretgen.random_key(_R, 32)) >= strength.SAFE_BITS


@pytest.mark.parametrize(
    ("first", "copy"),
    [
        ('app.secret_key = "{v}"', 'print("{v}")'),  # a weak value: withheld in both messages
        ('API_TOKEN = "{v}"', 'client.call("{v}")'),
    ],
)
def test_a_copy_is_reported_as_what_the_first_was_and_nothing_more(first: str, copy: str) -> None:
    """"same value as line N": the copy's message is the first finding's kind, the value as redacted, and
    the pointer to the first; not the first's binding again, and never the value."""
    from flake8_nosecrets.scanner import scan_source

    value = "super secret key" if "secret_key" in first else secretgen.random_key(secretgen.rng("copy"), 32)
    source = f"from flask import Flask\napp = Flask(__name__)\n{first.format(v=value)}\n{copy.format(v=value)}\n"
    found = scan_source(source, filename="app/main.py")
    assert [f.line for f in found] == [3, 4]
    original, repeated = found
    assert repeated.code == original.code and repeated.what == original.what
    assert repeated.message == f"{original.what} {original.shown} same value as line 3"
    assert value not in repeated.message
