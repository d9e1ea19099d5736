"""nosecrets-fix keeps programs working: every corpus program prints the same before and after the fix.

The corpus (``tests/fix_corpus/*.py.tmpl``) holds no secret: each template has
slots (``{{GH}}``, ``{{PW}}``, ``{{PEM}}``…) that are filled here with values
from :mod:`secretgen`. All programs are fixed in ONE run (so a value used in
two files and a name wanted by two files are tested across files), then each
is run again with the env file loaded through python-dotenv into the child's
environment, and must print exactly what it printed before. The programs
print derived facts only (lengths, hash prefixes, comparisons).

File name prefixes select the encoding: ``crlf_`` (CRLF line endings),
``bom_`` (UTF-8 BOM), ``coding_latin1`` (PEP 263 latin-1 file).
"""

from __future__ import annotations

import ast
import re
import os
import subprocess
import sys
from pathlib import Path

import pytest
from dotenv import dotenv_values

import secretgen
from flake8_nosecrets import providers
from flake8_nosecrets.fix import cli, copies, files
from flake8_nosecrets.fix.codemod import detect

CORPUS = Path(__file__).parent / "fix_corpus"
TEMPLATES = sorted(CORPUS.glob("*.py.tmpl"))
# Programs whose secrets are all left for a human (nothing to rewrite): none at the moment.
MANUAL_ONLY: set[str] = set()


def slot_values() -> dict[str, str]:
    r = secretgen.rng("fix-corpus")
    gh = secretgen.provider_samples(providers.BY_ID["github-pat"])[0]
    gh2 = secretgen.provider_samples(providers.BY_ID["github-pat"], salt="second")[0]
    pem = secretgen.private_key_pem()
    aws = providers.BY_ID["aws-access-key-id"]
    return {
        "GH": gh,
        "GH2": gh2,
        "GH_HEAD": gh[:12],
        "GH_TAIL": gh[12:],
        "KEY": secretgen.random_key(r, 32),
        "KEY2": secretgen.random_key(r, 40),
        "KEY16": secretgen.random_key(r, 16),
        "KEY3": secretgen.random_key(r, 24),
        "KEY4": secretgen.random_key(r, 28),
        "KEY5": secretgen.random_key(r, 36),
        "KEY6": secretgen.random_key(r, 44),
        "KEY7": secretgen.random_key(r, 50),
        "PW3": secretgen.password(r),
        "PW4": secretgen.password(r),
        "PW": secretgen.password(r),
        "PW2": secretgen.password(r),
        "PEM": pem,
        "PEM_ESC": pem.replace("\n", "\\n"),
        "JWT": secretgen.jwt(r),
        "AWS_ID": secretgen.provider_samples(aws)[0],
        "AWS_SECRET": secretgen.random_key(r, 40, secretgen.string.ascii_letters + secretgen.string.digits + "/+"),
        # a human-typed signing key (NSC207): words, not a random value
        "WEAK": r.choice(["dev", "secret", "changeme", "super secret key", "my flask app"]),
        # a seeded password a person typed: a digit run, which an alphabet elsewhere holds by chance
        "WEAK_DIGITS": "".join(str(d % 10) for d in range(1, 1 + r.choice([8, 9]))),
    }


def fill(template: str, values: dict[str, str]) -> str:
    for slot, value in values.items():
        template = template.replace("{{" + slot + "}}", value)
    return template


def encode(name: str, text: str) -> bytes:
    if name.startswith("crlf_"):
        return text.replace("\n", "\r\n").encode("utf-8")
    if name.startswith("bom_"):
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if name.startswith("coding_latin1"):
        return text.encode("latin-1")
    return text.encode("utf-8")


def run_program(path: Path, env_extra: dict[str, str], drop: set[str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(env_extra)
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run([sys.executable, str(path)], cwd=path.parent, env=env, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def fixed_corpus(tmp_path_factory):
    """Fill, run, fix all in one run, run again: ``(project, before, after, originals, values, exit code, out)``."""
    project = tmp_path_factory.mktemp("corpus")
    values = slot_values()
    originals: dict[str, bytes] = {}
    for tmpl in TEMPLATES:
        name = tmpl.name[: -len(".tmpl")]
        data = encode(name, fill(tmpl.read_text(encoding="utf-8"), values))
        (project / name).write_bytes(data)
        originals[name] = data
    before = {}
    for name in originals:
        r = run_program(project / name, {}, set())
        assert r.returncode == 0, (name, r.stderr.decode()[-500:])
        before[name] = r.stdout
    old = os.getcwd()
    os.chdir(project)
    try:
        import io

        out, err = io.StringIO(), io.StringIO()
        code = cli.main(["."], stdout=out, stderr=err)
    finally:
        os.chdir(old)
    envvals = {k: v for k, v in dotenv_values(project / ".env").items() if v is not None}
    after = {}
    for name in originals:
        r = run_program(project / name, envvals, set(envvals))
        after[name] = (r.returncode, r.stdout, r.stderr)
    return project, before, after, originals, values, code, out.getvalue() + err.getvalue(), envvals


def test_corpus_is_big_enough():
    assert len(TEMPLATES) >= 30


def test_templates_hold_no_secret():
    for tmpl in TEMPLATES:
        text = tmpl.read_text(encoding="utf-8")
        assert detect(text) == [], tmpl.name


@pytest.mark.parametrize("name", [t.name[: -len(".tmpl")] for t in TEMPLATES])
def test_same_output_after_fix(fixed_corpus, name):
    project, before, after, originals, values, code, output, env = fixed_corpus
    rc, stdout, stderr = after[name]
    assert rc == 0, stderr.decode()[-800:]
    assert stdout == before[name]
    new = (project / name).read_bytes()
    if name not in MANUAL_ONLY:
        assert new != originals[name], "nothing was rewritten"


@pytest.mark.parametrize("name", [t.name[: -len(".tmpl")] for t in TEMPLATES])
def test_fixed_file_keeps_everything_else(fixed_corpus, name):
    """Every line without a secret slot is still there, in order, byte for byte; encoding details are kept."""
    project, before, after, originals, values, code, output, env = fixed_corpus
    new = (project / name).read_bytes()
    old = originals[name]
    template = (CORPUS / (name + ".tmpl")).read_text(encoding="utf-8")
    # A late lone ``import os`` moves to the top import block (docs/fix.md): it is the one line that may go.
    keep = [ln for ln in template.split("\n") if "{{" not in ln and not ln.startswith("import os  #")]
    enc = "latin-1" if name.startswith("coding_latin1") else "utf-8"
    sep = "\r\n" if name.startswith("crlf_") else "\n"
    new_lines = new.decode(enc).lstrip("\ufeff").split(sep)
    it = iter(new_lines)
    for line in keep:
        assert any(candidate == line for candidate in it), f"line lost or changed: {line!r}"
    if name.startswith("crlf_"):
        assert new.count(b"\n") == new.count(b"\r\n")
    if name.startswith("bom_"):
        assert new.startswith(b"\xef\xbb\xbf") and old.startswith(b"\xef\xbb\xbf")
    if name.startswith("coding_latin1"):
        assert new.startswith(b"# -*- coding: latin-1 -*-") and "café".encode("latin-1") in new
    ast.parse(new)


@pytest.mark.parametrize("name", [t.name[: -len(".tmpl")] for t in TEMPLATES])
def test_detector_reports_nothing_fixable_after(fixed_corpus, name):
    project, *_ = fixed_corpus
    data = (project / name).read_bytes()
    text, _ = files.decode_source(data)
    left = [f for f in detect(text, name) if f.binding.kind not in ("comment", "docstring")]
    assert left == [], [f.message for f in left]


def test_a_shell_loading_the_env_file_gets_the_same_values(fixed_corpus):
    """``set -a; . ./.env`` (how deploy scripts and Makefiles load it) gives every variable the value
    python-dotenv gives, and the corpus program whose password holds a quote and a backslash prints the same
    under it; a value no quoting can serve both is named in the summary."""
    from flake8_nosecrets.fix import dotenv_io

    project, before, after, originals, values, code, output, env = fixed_corpus
    r = subprocess.run(["sh", "-c", "set -a; . ./.env; set +a; env -0"], cwd=project, capture_output=True)
    assert r.returncode == 0, r.stderr[-300:]
    shell = dict(item.split("=", 1) for item in r.stdout.decode("utf-8").split("\0") if "=" in item)
    for name, value in env.items():
        if dotenv_io.shell_reads(value):
            assert shell.get(name) == value, name
        else:
            assert f"{name}: a POSIX shell" in output, name
    run = subprocess.run(["sh", "-c", f"set -a; . ./.env; set +a; exec {sys.executable} shell_quoting.py"],
                         cwd=project, capture_output=True)
    assert run.returncode == 0 and run.stdout == before["shell_quoting.py"]


def test_env_file_holds_the_values(fixed_corpus):
    project, before, after, originals, values, code, output, env = fixed_corpus
    assert code == 1
    assert oct((project / ".env").stat().st_mode & 0o777) == oct(0o600)
    for slot in ("GH", "KEY", "PW", "PW2", "PEM", "KEY16", "WEAK"):
        assert values[slot] in env.values(), slot
    assert values["GH2"] in env.values()  # list element; the commented copy is rewritten


def test_names_across_files(fixed_corpus):
    """A value used in many places has one name; two values wanting one name are told apart by what their
    place says (here the module), never by a number."""
    project, before, after, originals, values, code, output, env = fixed_corpus
    by_value: dict[str, list[str]] = {}
    for k, v in env.items():
        by_value.setdefault(v, []).append(k)
    assert all(len(names) == 1 for names in by_value.values())
    assert not [k for k in env if k[-1].isdigit()], sorted(env)
    assert env["DB_PASSWORD"] == values["PW"] and env["COLLISION_DB_PASSWORD"] == values["PW2"]
    assert env["API_KEY"] == values["KEY4"] and env["MAPS_CLIENT_API_KEY"] == values["KEY3"]
    b = (project / "collision_b.py").read_text()
    assert 'os.environ["COLLISION_DB_PASSWORD"]' in b


def test_names_say_what_a_secret_is_for(fixed_corpus):
    """The class, the dict path, the config text's section and key, or the team's own env-style name."""
    project, before, after, originals, values, code, output, env = fixed_corpus
    assert env["GITLAB_TOKEN"] == values["KEY5"]
    assert env["DATABASES_DEFAULT_PASSWORD"] == values["PW3"]
    assert env["BILLING_PASSWORD"] == values["PW4"]
    assert env["PAYMENTS_SERVICE_API_KEY"] == values["KEY6"]


def test_output_never_shows_a_secret(fixed_corpus):
    project, before, after, originals, values, code, output, env = fixed_corpus
    for slot, value in values.items():
        if len(value) >= 8 and slot not in ("GH_HEAD",):
            assert value not in output, slot
    assert "moved" in output and "by hand" in output


def test_no_copy_of_a_moved_value_left_unsaid(fixed_corpus):
    """After the run no file it changed spells a moved value (comments included), unless the summary lists
    that value as still in the code instead of "moved" (a copy on a ``# noqa`` line stays by design)."""
    project, before, after, originals, values, code, output, env = fixed_corpus
    still = output.split("still spelled in the code", 1)[1].split("nosecrets-fix: moved", 1)[0] if (
        "still spelled in the code" in output) else ""
    changed = [n for n in originals if (project / n).read_bytes() != originals[n]]

    def spells(text: str, value: str) -> bool:  # a person's choice: only quoted in a comment (may_sit_inside)
        return value in text if copies.may_sit_inside(value) else bool(re.search(
            "#.*([\"'])" + re.escape(value) + r"\1", text))

    for name, value in env.items():
        holders = [n for n in changed if spells((project / n).read_text("utf-8", "replace"), value)]
        if holders:
            assert f"  {name}: " in still, (name, holders)
            assert f"-> {name}" not in output.split("nosecrets-fix: moved", 1)[-1], name
    for n in ("copies_left_behind.py", "copies_across_files.py", "comment_beside.py"):
        text = (project / n).read_bytes()
        assert not [slot for slot, v in values.items() if len(v) >= 8 and v.encode() in text], n
    assert "# SECRET_KEY = os.environ['SECRET_KEY']" in (project / "copies_left_behind.py").read_text()


def test_a_weak_value_elsewhere_is_no_copy(fixed_corpus):
    """A signing key a person typed is moved where the detector reports it (the setting, the HMAC key); the
    same words as a label and in a prose comment are a coincidence and stay as written."""
    project, before, after, originals, values, code, output, env = fixed_corpus
    text = (project / "weak_signing_key.py").read_text()
    weak = values["WEAK"]
    assert f'LABEL = "{weak}"' in text and f"# {weak}: the words" in text
    assert re.search(r'^SECRET_KEY = os\.environ\["\w+"\]$', text, re.M) and f'b"{weak}"' not in text


def test_a_weak_value_inside_another_literal_is_no_copy(fixed_corpus):
    """A seeded password a person typed (a digit run) is moved where it is passed; an alphabet that holds
    the same digits by chance stays as written, and the run says "moved", not "still in the code"."""
    project, before, after, originals, values, code, output, env = fixed_corpus
    text = (project / "seed_weak_digits.py").read_text()
    assert f'"{values["WEAK_DIGITS"]}"' not in text and 'ALPHABET = "1234567890"' in text
    name = next(n for n, v in env.items() if v == values["WEAK_DIGITS"])
    assert f"os.environ[\"{name}\"]" in text
    assert "still spelled in the code" not in output or f"  {name}: " not in output


def test_noqa_line_left_alone(fixed_corpus):
    project, *_rest = fixed_corpus
    values = _rest[3]
    text = (project / "noqa_kept.py").read_text()
    assert values["GH2"] in text and values["GH"] not in text


def test_second_run_changes_nothing(fixed_corpus):
    project, *_ = fixed_corpus
    snapshot = {p.name: p.read_bytes() for p in project.iterdir() if p.is_file()}
    old = os.getcwd()
    os.chdir(project)
    try:
        import io

        code = cli.main(["."], stdout=io.StringIO(), stderr=io.StringIO())
    finally:
        os.chdir(old)
    assert code == 0
    assert {p.name: p.read_bytes() for p in project.iterdir() if p.is_file()} == snapshot
