"""nosecrets-fix on a project as a team has it: errors and exit codes, the env file's hygiene, test code,
settings modules that override each other, and copies of a moved value left in the touched files."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest
from dotenv import dotenv_values

import secretgen
from test_fix_cli import GH, KEY, PW, run_fix


# ----------------------------------------------------------------------------- errors: one line, exit 2


def test_env_file_in_a_missing_directory_is_a_one_line_error(tmp_path):
    (tmp_path / "app.py").write_text(f'TOKEN = "{GH}"\n')
    code, out, err = run_fix(tmp_path, "--env-file", "config/prod.env", "app.py")
    assert code == 2
    assert err.count("\n") == 1 and "config" in err and "Traceback" not in err
    assert GH in (tmp_path / "app.py").read_text()


def test_undecodable_file_holding_a_finding_is_exit_2_naming_it(tmp_path):
    (tmp_path / "bad.py").write_bytes(b'# -*- coding: utf-8 -*-\nNAME = "caf\xe9"\nTOKEN = "' + GH.encode() + b'"\n')
    code, out, err = run_fix(tmp_path, "bad.py")
    assert code == 2
    assert "bad.py" in err and "decode" in err and GH not in err + out


def test_undecodable_file_without_a_finding_is_skipped(tmp_path):
    (tmp_path / "bad.py").write_bytes(b'# -*- coding: utf-8 -*-\nNAME = "caf\xe9"\n')
    code, out, err = run_fix(tmp_path, "bad.py")
    assert code == 0
    assert "bad.py" in err and "skipped" in err


def test_unexpected_os_error_is_one_line_exit_2(tmp_path, monkeypatch):
    from flake8_nosecrets.fix import dotenv_io

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / ".env.lock"))

    monkeypatch.setattr(dotenv_io.os, "open", refuse)
    (tmp_path / "app.py").write_text(f'TOKEN = "{GH}"\n')
    code, out, err = run_fix(tmp_path, "app.py")
    assert code == 2
    assert err.count("\n") == 1 and "Permission denied" in err
