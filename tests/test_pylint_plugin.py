"""The pylint front-end: ids and symbols from rules.py, findings of scan_source, options, end to end."""

from __future__ import annotations

import subprocess
import sys

import astroid
import pytest
from pylint.testutils import CheckerTestCase, MessageTest

from flake8_nosecrets import pylint_plugin, rules
from flake8_nosecrets.scanner import scan_source
import secretgen


def _pw(salt: str) -> str:
    return secretgen.password(secretgen.rng("pylint:" + salt))


def test_ids_are_in_plugin_range_unique_and_derived_from_codes():
    ids = [pylint_plugin.message_id(r.code) for r in rules.RULES]
    assert len(set(ids)) == len(ids)
    for rule, mid in zip(rules.RULES, ids):
        assert mid[0] == "W" and 51 <= int(mid[1:3]) <= 99 and len(mid) == 5
        assert mid[3:] == rule.code[-2:]
    assert pylint_plugin.message_id("NSC401") == "W5401"


def _module(source: str, tmp_path):
    path = tmp_path / "m.py"
    path.write_text(source)
    return astroid.MANAGER.ast_from_file(str(path), "m", source=True)


class TestInferenceChecker(CheckerTestCase):
    """The NSC4xx family's checker (one checker per family: pylint needs shared checker digits)."""

    CHECKER_CLASS = pylint_plugin.FAMILY_CHECKERS[4]

    def test_inferred_constant(self, tmp_path):
        pw = _pw("inf")
        src = f"import psycopg2\nN = {pw!r}\npsycopg2.connect(password=N)\n"
        (f,) = scan_source(src)
        module = _module(src, tmp_path)
        with self.assertAddsMessages(
            MessageTest("nosecrets-credential-into-sink", line=2, col_offset=4, args=(f.flake8_text(),)),
        ):
            self.checker.visit_module(module)


class TestNameChecker(CheckerTestCase):
    CHECKER_CLASS = pylint_plugin.FAMILY_CHECKERS[2]

    def test_name_based_rule_too(self, tmp_path):
        pw = _pw("name")
        src = f"db_password = {pw!r}\n"
        (f,) = scan_source(src)
        module = _module(src, tmp_path)
        with self.assertAddsMessages(
            MessageTest(rules.BY_CODE[f.code].pylint_symbol, line=1, col_offset=f.col, args=(f.flake8_text(),)),
        ):
            self.checker.visit_module(module)

    def test_weak_signing_key(self, tmp_path):
        src = "import flask\napp = flask.Flask(__name__)\napp.secret_key = 'dev'\n"
        (f,) = scan_source(src, filename=str(tmp_path / "app.py"))
        assert f.code == "NSC207"
        module = _module(src, tmp_path)
        with self.assertAddsMessages(
            MessageTest("nosecrets-weak-or-default-secret", line=3, col_offset=17, args=(f.flake8_text(),)),
            ignore_position=True,
        ):
            self.checker.visit_module(module)

    def test_clean_module(self, tmp_path):
        module = _module("import os\npsycopg2 = None\nPW = os.environ['PW']\n", tmp_path)
        with self.assertNoMessages():
            self.checker.visit_module(module)

    def test_extract_node_module(self):
        node = astroid.extract_node("import os\nx = os.environ['K'] #@\n")
        with self.assertNoMessages():
            self.checker.visit_module(node.root())  # no file behind it: nothing to read, no crash


def _run(tmp_path, *args):
    return subprocess.run(
        [sys.executable, "-m", "pylint", "--load-plugins=flake8_nosecrets.pylint_plugin",
         "--disable=all", "--enable=nosecrets", "--score=n", *args],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )


def test_end_to_end(tmp_path):
    pw, key = _pw("e2e1"), _pw("e2e2")
    (tmp_path / "app.py").write_text(
        f"import jwt\nimport psycopg2\nDB = {pw!r}\nsecret_token = {key!r}\n"
        f"psycopg2.connect(password=DB)\n"
    )
    (tmp_path / "clean.py").write_text("import os\nimport psycopg2\npsycopg2.connect(password=os.environ['P'])\n")
    res = _run(tmp_path, "app.py", "clean.py")
    assert res.returncode == 4, res.stdout + res.stderr  # 4: warning messages issued
    lines = [ln for ln in res.stdout.splitlines() if ln.startswith(("app.py", "clean.py"))]
    assert any(ln.startswith("app.py:3:5: W5401: NSC401 password") and "psycopg2.connect(password=)" in ln
               and "(nosecrets-credential-into-sink)" in ln for ln in lines), res.stdout
    assert any(ln.startswith("app.py:4:") for ln in lines)
    assert not any(ln.startswith("clean.py") for ln in lines)
    assert pw not in res.stdout and key not in res.stdout


def test_options_from_pyproject(tmp_path):
    pw = _pw("opt")
    (tmp_path / "app.py").write_text(f"import psycopg2\nDB = {pw!r}\npsycopg2.connect(password=DB)\n")
    assert _run(tmp_path, "app.py").returncode == 4
    (tmp_path / "pyproject.toml").write_text("[tool.pylint.main]\nnosecrets-inference = false\n")
    res = _run(tmp_path, "app.py")
    assert res.returncode == 0 and "W5401" not in res.stdout, res.stdout + res.stderr


@pytest.mark.parametrize("enable", ["W5401", "nosecrets-credential-into-sink", "W5206"])
def test_one_message_enabled_alone(tmp_path, enable):
    """pylint skips a checker whose messages are all disabled: each family must emit its own."""
    pw, other = _pw("alone1"), _pw("alone2")
    (tmp_path / "app.py").write_text(
        f"import psycopg2\nDB = {pw!r}\npsycopg2.connect(password=DB)\ndef login(password={other!r}):\n    pass\n")
    res = subprocess.run(
        [sys.executable, "-m", "pylint", "--load-plugins=flake8_nosecrets.pylint_plugin", "--disable=all",
         f"--enable={enable}", "app.py"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    ids = {part for ln in res.stdout.splitlines() if ln.startswith("app.py") for part in ln.split() if
           part.startswith("W5") and part.endswith(":")}
    assert ids == {"W5206:" if enable == "W5206" else "W5401:"}, res.stdout + res.stderr
