"""The standalone ``nosecrets`` command: output formats, exit codes, configuration, suppressions, jobs
and every way a file can fail to be scanned (one ``path: error: reason`` line, the run goes on, exit 2)."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import secretgen
from flake8_nosecrets import baseline, cli, findings, providers, sarif, scan_source

GH = secretgen.provider_samples(providers.BY_ID["github-pat"])[0]
PW = secretgen.weak_password(secretgen.rng("cli"))
KEY = secretgen.random_key(secretgen.rng("cli-key"), 32)
SECRETS = (GH, PW, KEY)

LEAKY = f'token = "{GH}"\npassword = "{PW}"\n'  # NSC102 at 1:9, NSC206 at 2:12


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content) if content.startswith("\n") else content)


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """``run(*argv) -> (status, stdout, stderr)`` with ``nosecrets`` run in-process from *tmp_path*."""
    monkeypatch.chdir(tmp_path)

    def _run(*argv: str) -> tuple[int, str, str]:
        status = cli.main(list(argv))
        out, err = capsys.readouterr()
        for secret in SECRETS:
            assert secret not in out and secret not in err
        return status, out, err

    return _run


def codes(out: str) -> list[tuple[str, int, str]]:
    """``(path, line, code)`` of text output lines."""
    rows = []
    for line in out.splitlines():
        path, ln, _col, rest = line.split(":", 3)
        rows.append((path, int(ln), rest.split()[0]))
    return rows


# --------------------------------------------------------------------------- formats and exit codes


def test_text_output_is_flake8_style(tmp_path: Path, run) -> None:
    write(tmp_path, {"app.py": LEAKY})
    status, out, err = run()
    assert status == 1 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith('./app.py:1:9: NSC102 GitHub personal access token "ghp_…" (40 chars, fp ')
    assert lines[1].startswith("./app.py:2:12: NSC206 hardcoded password ")
    assert lines[1].endswith("assigned to 'password'")
    assert len(lines) == 2


def test_clean_tree_exits_zero_silently(tmp_path: Path, run) -> None:
    write(tmp_path, {"a.py": 'token_type = "bearer"\n', "pkg/b.py": "import os\nKEY = os.environ['KEY']\n"})
    assert run() == (0, "", "")


def test_json_output(tmp_path: Path, run) -> None:
    write(tmp_path, {"app.py": LEAKY})
    status, out, _ = run("--format", "json")
    assert status == 1
    records = json.loads(out)
    assert [(r["path"], r["line"], r["col"], r["code"], r["rule"], r["provider"]) for r in records] == [
        ("./app.py", 1, 9, "NSC102", "vcs-ci-token", "github-pat"),
        ("./app.py", 2, 12, "NSC206", providers_rule("NSC206"), ""),
    ]
    assert records[0]["fingerprint"] == findings.fingerprint(GH)
    assert records[1]["fingerprint"] is None  # a weak value: nothing derived from it is shown
    assert set(records[0]) == {"path", "line", "col", "code", "rule", "provider", "message", "fingerprint"}


def providers_rule(code: str) -> str:
    from flake8_nosecrets import rules

    return rules.BY_CODE[code].slug


def test_json_output_when_clean_is_an_empty_list(tmp_path: Path, run) -> None:
    write(tmp_path, {"a.py": "x = 1\n"})
    status, out, _ = run("--format", "json")
    assert (status, json.loads(out)) == (0, [])


def test_sarif_output(tmp_path: Path, run) -> None:
    write(tmp_path, {"app.py": LEAKY})
    status, out, _ = run("--format", "sarif")
    assert status == 1
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    results = log["runs"][0]["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results] == [
        ("NSC102", 1), ("NSC206", 2)
    ]
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "app.py"
    assert sarif.FINGERPRINT_KEY in results[0]["partialFingerprints"]


def test_output_file(tmp_path: Path, run) -> None:
    write(tmp_path, {"app.py": LEAKY})
    status, out, _ = run("--output-file", "report.json", "--format", "json", "app.py")
    assert (status, out) == (1, "")
    assert len(json.loads((tmp_path / "report.json").read_text())) == 2


def test_explicit_file_with_any_extension_is_scanned(tmp_path: Path, run) -> None:
    write(tmp_path, {"bin/tool": LEAKY, "notes.txt": LEAKY})
    status, out, _ = run()
    assert (status, out) == (0, "")  # directories only yield *.py
    status, out, _ = run("bin/tool")
    assert status == 1 and [c for _, _, c in codes(out)] == ["NSC102", "NSC206"]


def test_stdin(tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(LEAKY.encode())))
    status, out, _ = run("--stdin-display-name", "piped.py", "-")
    assert status == 1 and codes(out) == [("piped.py", 1, "NSC102"), ("piped.py", 2, "NSC206")]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--jobs", "0"], "expected at least 1 process"),
        (["--jobs", "many"], "expected a number of processes"),
        (["--format", "xml"], "invalid choice"),
        (["--nosecrets-entropy", "9"], "nosecrets-entropy: 9.0 is outside 0-8"),
        (["--nosecrets-allow", "("], "nosecrets-allow: invalid regular expression"),
        (["--nosecrets-disable-providers", "nope"], "unknown provider id(s) nope"),
        (["--config", "missing.cfg"], "missing.cfg: no such configuration file"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, run, argv: list[str], message: str) -> None:
    write(tmp_path, {"app.py": LEAKY})
    status, out, err = run(*argv)
    assert (status, out) == (2, "")
    assert message in err.splitlines()[-1]


def test_console_script_and_module_entry(tmp_path: Path) -> None:
    write(tmp_path, {"app.py": LEAKY})
    script = Path(sys.executable).with_name("nosecrets")
    for argv in ([str(script)] if script.exists() else []) + [[sys.executable, "-m", "flake8_nosecrets.cli"]]:
        argv = argv if isinstance(argv, list) else [argv]
        proc = subprocess.run([*argv, "."], cwd=tmp_path, capture_output=True, text=True, timeout=60)
        assert proc.returncode == 1, proc.stderr
        assert [c for _, _, c in codes(proc.stdout)] == ["NSC102", "NSC206"]
        assert GH not in proc.stdout and PW not in proc.stdout


# --------------------------------------------------------------------------- jobs


def _tree(root: Path, n: int = 70) -> None:
    files: dict[str, str | bytes] = {}
    for i in range(n):
        kind = i % 5
        if kind == 0:
            files[f"pkg{i % 3}/m{i:03}.py"] = LEAKY
        elif kind == 1:
            files[f"pkg{i % 3}/m{i:03}.py"] = f"def f(x, api_key='{KEY}'):\n    return x\n"
        elif kind == 2:
            files[f"pkg{i % 3}/m{i:03}.py"] = "def broken(:\n" + f"    url = 'https://{GH}@github.com/o/r'\n"
        else:
            files[f"pkg{i % 3}/m{i:03}.py"] = f"VALUE = {i}\n"
    write(root, files)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_jobs_2_gives_the_same_results_as_jobs_1(tmp_path: Path, run, fmt: str) -> None:
    _tree(tmp_path)
    one = run("--jobs", "1", "--format", fmt)
    two = run("--jobs", "2", "--format", fmt)
    auto = run("--format", fmt)  # 70 files: above the threshold, so worker processes
    assert one == two == auto
    assert one[0] == 2  # the broken files are errors
    assert one[2].count(": error: syntax error") == 14


def test_jobs_below_threshold_stays_in_process(tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    def no_pool(*a, **k):
        raise AssertionError("a pool was started for a handful of files")

    monkeypatch.setattr(multiprocessing, "Pool", no_pool)
    write(tmp_path, {f"m{i}.py": LEAKY for i in range(5)})
    assert run()[0] == 1


# --------------------------------------------------------------------------- configuration

PIN = f'pin = "{KEY}"\n'  # reported only when 'pin' is configured as a secret-like name


@pytest.mark.parametrize("config_name", ["setup.cfg", "tox.ini", ".flake8"])
def test_flake8_config_files(tmp_path: Path, run, config_name: str) -> None:
    write(tmp_path, {"app.py": PIN})
    assert run()[0] == 0
    write(tmp_path, {config_name: "[flake8]\nmax-line-length = 100\nnosecrets-extra-names = pin\n"})
    status, out, _ = run()
    assert status == 1 and codes(out) == [("./app.py", 1, "NSC205")]


def test_config_is_found_from_a_subdirectory(tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"sub/app.py": PIN, "setup.cfg": "[flake8]\nnosecrets_extra_names = pin\n"})
    monkeypatch.chdir(tmp_path / "sub")
    assert run()[0] == 1


def test_config_without_flake8_section_is_skipped(tmp_path: Path, run) -> None:
    write(tmp_path, {"app.py": PIN, "setup.cfg": "[metadata]\nname = x\n",
                     "tox.ini": "[flake8]\nnosecrets-extra-names = pin\n"})
    assert run()[0] == 1


def test_pyproject_table(tmp_path: Path, run) -> None:
    write(tmp_path, {"app.py": PIN + f'value = "{GH}"\n'})
    assert codes(run()[1]) == [("./app.py", 2, "NSC102")]
    write(tmp_path, {"pyproject.toml": '[project]\nname = "x"\n\n[tool.nosecrets]\nextra-names = ["pin"]\n'
                                       'disable_providers = "github-pat"\n'})
    status, out, _ = run()
    assert codes(out) == [("./app.py", 1, "NSC205")]


def test_pyproject_wins_over_flake8_section_and_command_line_over_both(tmp_path: Path, run) -> None:
    write(tmp_path, {
        "app.py": PIN,
        "setup.cfg": "[flake8]\nnosecrets-extra-names = pin\n",
        "pyproject.toml": "[tool.nosecrets]\nnosecrets-extra-names = []\n",
    })
    assert run()[0] == 0
    assert run("--nosecrets-extra-names", "pin")[0] == 1
    assert run("--isolated")[0] == 0
    assert run("--config", "setup.cfg")[0] == 1


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"setup.cfg": "[flake8]\nnosecrets-entropy = lots\n"},
         "setup.cfg: [flake8]: nosecrets-entropy: expected a number of bits per character, got 'lots'"),
        ({"tox.ini": "[flake8]\nnosecrets-allow = ^(\n"}, "tox.ini: [flake8]: nosecrets-allow: invalid regular"),
        ({".flake8": "[flake8]\nnosecrets-inference = maybe\n"}, "nosecrets-inference: expected true or false"),
        ({"pyproject.toml": "[tool.nosecrets]\nentropy = 12\n"},
         "pyproject.toml: [tool.nosecrets]: nosecrets-entropy: 12.0 is outside 0-8"),
        ({"pyproject.toml": "[tool.nosecrets]\nextra-nmes = ['pin']\n"},
         "pyproject.toml: [tool.nosecrets] extra-nmes: unknown option"),
        ({"pyproject.toml": "[tool.nosecrets\nentropy = 1\n"}, "pyproject.toml: not valid TOML"),
        ({"setup.cfg": "[flake8]\nper-file-ignores = tests/*\n"}, "per-file-ignores"),
    ],
)
def test_invalid_configuration_is_one_line_and_exit_2(tmp_path: Path, run, files: dict, message: str) -> None:
    write(tmp_path, {"app.py": LEAKY, **files})
    status, out, err = run()
    assert (status, out) == (2, "")
    assert len(err.splitlines()) == 1 and err.startswith("nosecrets: error: ")
    assert message in err


def test_unknown_nosecrets_key_in_flake8_section_warns(tmp_path: Path, run) -> None:
    write(tmp_path, {"app.py": PIN, "setup.cfg": "[flake8]\nnosecrets-extra-name = pin\n"})
    status, _, err = run()
    assert status == 0
    assert "setup.cfg: [flake8] nosecrets-extra-name: unknown option" in err


# --------------------------------------------------------------------------- suppressions


BOTH = {"NSC102", "NSC206"}


@pytest.mark.parametrize(
    ("marker", "reported", "bare_rule"),  # reported by default, and with nosecrets-bare-noqa (flake8's rule)
    [
        ("", BOTH, BOTH),
        ("# noqa", BOTH, set()),  # by default a bare noqa (mostly written for a long line) hides no secret
        ("# NOQA", BOTH, set()),
        ("#noqa", BOTH, BOTH),  # flake8 needs '# noqa'
        ("# noqa:NSC206", {"NSC102"}, {"NSC102"}),
        ("# noqa: NSC206", {"NSC102"}, {"NSC102"}),
        ("# noqa: NSC2", {"NSC102"}, {"NSC102"}),
        ("# noqa: NSC", BOTH, set()),  # a code needs digits: flake8 reads a blanket noqa
        ("# noqa: E501", BOTH, BOTH),
        ("# noqa: E501,NSC102", {"NSC206"}, {"NSC206"}),
        ("# noqa: E501 NSC102 NSC206", set(), set()),
        ("# noqa : NSC206", BOTH, set()),  # flake8 reads a blanket noqa here
        ("# noqa: nsc206", BOTH, BOTH),  # codes compare case-sensitively in flake8
        ("# pragma: allowlist secret", set(), set()),
    ],
)
def test_noqa_semantics(tmp_path: Path, run, marker: str, reported: set[str], bare_rule: set[str]) -> None:
    write(tmp_path, {"app.py": f'creds = {{"token": "{GH}", "password": "{PW}"}}  {marker}\n'})
    status, out, _ = run()
    assert {c for _, _, c in codes(out)} == reported
    assert status == (1 if reported else 0)
    status, out, _ = run("--nosecrets-bare-noqa", "true")
    assert {c for _, _, c in codes(out)} == bare_rule
    assert status == (1 if bare_rule else 0)


def test_noqa_and_multiline_tokens(tmp_path: Path, run) -> None:
    """flake8 joins the lines of one multi-line token (a triple-quoted string) for noqa, not of a bracketed call."""
    source = f'doc = """\n{GH}\n"""  # noqa: NSC102\n' f'call(\n    token="{GH}",\n    user="x",\n)  # noqa: NSC102\n'
    write(tmp_path, {"app.py": source})
    status, out, _ = run()
    assert status == 1 and codes(out) == [("./app.py", 5, "NSC102")]


def test_file_level_noqa_and_disable_noqa(tmp_path: Path, run) -> None:
    write(tmp_path, {"app.py": "# flake8: noqa\n" + LEAKY + f'x = "{GH}"  # noqa\n'})
    assert len(codes(run()[1])) == 3  # by default neither hides a secret
    assert run("--nosecrets-bare-noqa", "true")[0] == 0  # flake8's rule: the file is skipped
    status, out, _ = run("--nosecrets-bare-noqa", "true", "--disable-noqa")
    assert status == 1 and len(codes(out)) == 3
    write(tmp_path, {"app.py": "x = 1  # flake8: noqa\n" + LEAKY})  # not on its own line: flake8 ignores it
    assert run("--nosecrets-bare-noqa", "true")[0] == 1


def test_ignore_and_per_file_ignores(tmp_path: Path, run) -> None:
    write(tmp_path, {"app.py": LEAKY, "tests/test_app.py": LEAKY, "other.py": LEAKY})
    write(tmp_path, {"setup.cfg": "[flake8]\nextend-ignore = E203, NSC206\nper-file-ignores =\n"
                                  "    tests/*: NSC1\n    other.py: NSC\n"})
    status, out, _ = run()
    assert status == 1
    assert codes(out) == [("./app.py", 1, "NSC102")]


def test_select_longer_than_ignore_wins(tmp_path: Path, run) -> None:
    write(tmp_path, {"app.py": LEAKY, "setup.cfg": "[flake8]\nselect = E,F,W,NSC206\nignore = NSC2\n"})
    status, out, _ = run()
    assert {c for _, _, c in codes(out)} == {"NSC102", "NSC206"}


def test_baseline(tmp_path: Path, run) -> None:
    write(tmp_path, {"app.py": LEAKY, "new.py": f'token = "{GH}"\n'})
    base = baseline.Baseline.new(str(tmp_path / ".nosecrets-baseline.json"))
    base.add_file(str(tmp_path / "app.py"), scan_source(LEAKY))
    baseline.write(base)
    status, out, _ = run("--nosecrets-baseline", ".nosecrets-baseline.json")
    assert status == 1 and codes(out) == [("./new.py", 1, "NSC102")]
    write(tmp_path, {"setup.cfg": "[flake8]\nnosecrets-baseline = .nosecrets-baseline.json\n"})
    assert codes(run()[1]) == [("./new.py", 1, "NSC102")]
    status, out, err = run("--nosecrets-baseline", "missing.json")
    assert (status, out) == (2, "") and "missing.json" in err and len(err.splitlines()) == 1


def test_same_results_as_flake8(tmp_path: Path, run) -> None:
    """The same tree, configuration and markers: the plugin under flake8 and this command agree line for line."""
    write(tmp_path, {
        "setup.cfg": "[flake8]\nnosecrets-extra-names = pin\nextend-ignore = NSC206\n"
                     "per-file-ignores = legacy/*: NSC1\nextend-exclude = vendored\n",
        "app.py": LEAKY + PIN + f'ok = "{GH}"  # noqa: NSC1\n',
        "legacy/old.py": LEAKY + PIN,
        "vendored/lib.py": LEAKY,
        "pkg/multi.py": f'x = call(\n    token="{GH}",\n)  # noqa\ny = """\n{GH}\n"""\n',
    })
    proc = subprocess.run([sys.executable, "-m", "flake8", "--select=NSC", "."], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    status, out, _ = run()
    assert sorted(out.splitlines()) == sorted(proc.stdout.splitlines())
    assert status == proc.returncode == 1


# --------------------------------------------------------------------------- excludes


def test_default_excludes(tmp_path: Path, run) -> None:
    write(tmp_path, {f"{d}/x.py": LEAKY for d in (".git", ".venv", "node_modules", "__pycache__", "a.egg")})
    write(tmp_path, {"src/x.py": LEAKY})
    status, out, _ = run()
    assert {p for p, _, _ in codes(out)} == {"./src/x.py"}


def test_configured_and_command_line_excludes(tmp_path: Path, run) -> None:
    write(tmp_path, {"src/x.py": LEAKY, "build/gen.py": LEAKY, "src/skip_me.py": LEAKY, ".venv/y.py": LEAKY})
    write(tmp_path, {"setup.cfg": "[flake8]\nextend-exclude = build,skip_*.py\n"})
    assert {p for p, _, _ in codes(run()[1])} == {"./src/x.py"}
    write(tmp_path, {"setup.cfg": "[flake8]\nexclude = ./src/skip_me.py\n"})  # replaces the defaults, like flake8
    assert {p for p, _, _ in codes(run()[1])} == {"./src/x.py", "./build/gen.py", "./.venv/y.py"}
    assert {p for p, _, _ in codes(run("--exclude", "src,.venv")[1])} == {"./build/gen.py"}
    assert {p for p, _, _ in codes(run("--extend-exclude", "build")[1])} == {"./src/x.py", "./.venv/y.py"}


# --------------------------------------------------------------------------- files that cannot be scanned


def _one_error(err: str, path: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"{path}: error: ")
    return lines[0]


def test_permission_denied(tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"a.py": LEAKY, "locked.py": LEAKY, "z.py": LEAKY})
    real_open = os.open

    def fake_open(path, flags, *a, **k):
        if os.path.basename(path) == "locked.py":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return real_open(path, flags, *a, **k)

    monkeypatch.setattr(os, "open", fake_open)
    status, out, err = run()
    assert status == 2
    assert "Permission denied" in _one_error(err, "./locked.py")
    assert {p for p, _, _ in codes(out)} == {"./a.py", "./z.py"}


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_permission_denied_for_real(tmp_path: Path, run) -> None:
    write(tmp_path, {"a.py": LEAKY, "locked.py": LEAKY})
    (tmp_path / "locked.py").chmod(0)
    status, out, err = run()
    assert status == 2 and "Permission denied" in _one_error(err, "./locked.py")


def test_unlistable_directory(tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"a.py": LEAKY, "secret_dir/b.py": LEAKY})
    real_scandir = os.scandir

    def fake_scandir(path="."):
        if os.path.basename(os.fspath(path)) == "secret_dir":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", fake_scandir)
    status, out, err = run()
    assert status == 2 and "cannot list directory: Permission denied" in _one_error(err, "./secret_dir")
    assert {p for p, _, _ in codes(out)} == {"./a.py"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_named_like_a_module_does_not_hang(tmp_path: Path, run) -> None:
    write(tmp_path, {"a.py": LEAKY})
    os.mkfifo(tmp_path / "pipe.py")
    status, out, err = run()
    assert status == 2 and "not a regular file" in _one_error(err, "./pipe.py")
    assert codes(out)[0][0] == "./a.py"


def test_directory_named_like_a_module_is_walked(tmp_path: Path, run) -> None:
    write(tmp_path, {"x.py/inner.py": LEAKY})
    status, out, err = run("x.py")
    assert (status, err) == (1, "") and {p for p, _, _ in codes(out)} == {"x.py/inner.py"}


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_loop_and_dangling_link(tmp_path: Path, run) -> None:
    write(tmp_path, {"a.py": LEAKY})
    os.symlink("loop2.py", tmp_path / "loop1.py")
    os.symlink("loop1.py", tmp_path / "loop2.py")
    os.symlink("gone.py", tmp_path / "dangling.py")
    os.symlink(".", tmp_path / "again")  # a directory loop: not followed, as in flake8
    status, out, err = run()
    assert status == 2
    errors = sorted(err.splitlines())
    assert errors[0] == "./dangling.py: error: cannot read: No such file or directory"
    assert errors[1].startswith("./loop1.py: error: cannot read: Too many levels of symbolic links (a symlink loop)")
    assert errors[2].startswith("./loop2.py: error: ")
    assert len(errors) == 3
    assert {p for p, _, _ in codes(out)} == {"./a.py"}


def test_file_deleted_between_listing_and_reading(tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"a.py": LEAKY, "b.py": LEAKY})
    real_open = os.open

    def open_after_delete(path, flags, *a, **k):
        if os.path.basename(path) == "a.py":
            os.unlink(path)
        return real_open(path, flags, *a, **k)

    monkeypatch.setattr(os, "open", open_after_delete)
    status, out, err = run()
    assert status == 2 and "No such file or directory" in _one_error(err, "./a.py")
    assert {p for p, _, _ in codes(out)} == {"./b.py"}


def test_file_changed_while_read(tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"a.py": LEAKY, "b.py": LEAKY})
    real_read = os.read
    grown = []

    def read_then_append(fd, n):
        data = real_read(fd, n)
        if data and not grown and os.readlink(f"/proc/self/fd/{fd}").endswith("a.py"):
            grown.append(True)
            with open(tmp_path / "a.py", "a") as fh:
                fh.write("x = 1\n")
        return data

    if not os.path.isdir("/proc/self/fd"):
        pytest.skip("needs /proc")
    monkeypatch.setattr(os, "read", read_then_append)
    status, out, err = run()
    assert status == 2 and "changed while it was being read" in _one_error(err, "./a.py")
    assert {p for p, _, _ in codes(out)} == {"./b.py"}


@pytest.mark.parametrize(
    ("content", "reason", "found"),
    [
        # Undecodable bytes: an error, and the value formats are still searched in the readable text.
        (b"x = '\xff\xfe'\n" + f'token = "{GH}"\n'.encode(),
         "cannot decode as utf-8: invalid start byte at byte 5 (line 1)", ["NSC102"]),
        (b"# -*- coding: klingon -*-\nx = 1\n", "cannot decode: unknown encoding", []),
        # A syntax error: key formats, and the name rules on the names the tokens give (not a positional argument).
        (f'def f(:\n    token = "{GH}"\n    password = "{PW}"\n    user(name, "{KEY}")\n'.encode(),
         "syntax error (line 1, col 7): invalid syntax", ["NSC102", "NSC206"]),
        # Python 2: an assignment, a dict key, a comparison and a getter's fallback are named from the tokens.
        (f'print "go"\napi_key = "{KEY}"\ncfg = {{"db_pass": "{PW}"}}\nif pwd == "{PW}": pass\n'
         f'v = getenv("TOKEN", "{KEY}")\nx = "{KEY}"\n'.encode(),
         "syntax error (line 1, col 1): Missing parentheses in call to 'print'",
         ["NSC205", "NSC206", "NSC206", "NSC205"]),
        # The tokenizer stops at an unterminated string: the lines from it on get the value rules, line by line
        # (``api_key = "…"`` there is an embedded setting).
        (f'token = "{KEY}"\nx = """\napi_key = "{KEY}"\n{GH}\n'.encode(),
         "syntax error", ["NSC205", "NSC205", "NSC102"]),
        (b"x = 1\0\n", "source code string cannot contain null bytes", []),
        (b"x = " + b"(" * 300 + b")" * 300 + b"\n", "too many nested parentheses", []),
    ],
    ids=["undecodable", "unknown-encoding", "syntax-error", "python2", "unterminated", "null-byte", "too-deep"],
)
def test_undecodable_and_unparseable(tmp_path: Path, run, content: bytes, reason: str, found: list[str]) -> None:
    write(tmp_path, {"bad.py": content, "good.py": LEAKY})
    status, out, err = run()
    assert status == 2
    assert reason in _one_error(err, "./bad.py")
    assert [c for p, _, c in codes(out) if p == "./bad.py"] == found
    assert [c for p, _, c in codes(out) if p == "./good.py"] == ["NSC102", "NSC206"]


def test_internal_error_is_reported_per_file_without_its_message(tmp_path: Path, run,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"a.py": LEAKY, "b.py": LEAKY})
    real = cli.scan_source

    def boom(*, filename, **kw):
        if filename.endswith("a.py"):
            raise RuntimeError(f"value was {GH}")
        return real(filename=filename, **kw)

    monkeypatch.setattr(cli, "scan_source", boom)
    status, out, err = run()
    assert status == 2
    assert _one_error(err, "./a.py") == "./a.py: error: internal error (RuntimeError); please report it"
    assert {p for p, _, _ in codes(out)} == {"./b.py"}


# --------------------------------------------------------------------------- decoding and positions


def test_encodings_newlines_and_form_feeds(tmp_path: Path, run) -> None:
    write(tmp_path, {
        "latin.py": "# -*- coding: latin-1 -*-\nname = 'café'\n".encode("latin-1") + f'token = "{GH}"\n'.encode(),
        "bom.py": b"\xef\xbb\xbf" + f'token = "{GH}"\n'.encode(),
        "crlf.py": f'x = 1\r\n\r\ntoken = "{GH}"\r\n'.encode(),
        "ff.py": f'x = 1\n\x0c\nname = "\u2028"\ntoken = "{GH}"\n'.encode(),
        "wide.py": f'label = "ééé"; token = "{GH}"\n'.encode(),
    })
    status, out, err = run()
    assert (status, err) == (1, "")
    rows = {line.split(":", 1)[0]: line.split(":")[1:3] for line in out.splitlines()}
    assert rows == {
        "./latin.py": ["3", "9"], "./bom.py": ["1", "9"], "./crlf.py": ["3", "9"], "./ff.py": ["4", "9"],
        "./wide.py": ["1", "24"],  # characters, not UTF-8 bytes
    }


def test_unprintable_path_stays_on_one_line(tmp_path: Path, run) -> None:
    write(tmp_path, {"we\nird.py": LEAKY})
    status, out, _ = run()
    assert status == 1 and len(out.splitlines()) == 2 and out.startswith("./we\\nird.py:1:9: NSC102")


# --------------------------------------------------------------------------- progress


class _Tty:
    def __init__(self, tty: bool) -> None:
        self.tty, self.text = tty, ""

    def isatty(self) -> bool:
        return self.tty

    def write(self, s: str) -> int:
        self.text += s
        return len(s)

    def flush(self) -> None:
        pass


@pytest.mark.parametrize("tty", [True, False])
def test_progress_only_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, tty: bool) -> None:
    write(tmp_path, {f"m{i}.py": "x = 1\n" for i in range(30)})
    monkeypatch.chdir(tmp_path)
    fake = _Tty(tty)
    monkeypatch.setattr(sys, "stderr", fake)
    monkeypatch.setattr(cli.Progress, "DELAY", 0.0)
    monkeypatch.setattr(cli.Progress, "EVERY", 0.0)
    assert cli.main(["--jobs", "1"]) == 0
    if tty:
        assert "\rnosecrets: 30 files scanned, 0 findings" in fake.text and fake.text.endswith("\r\x1b[K")
    else:
        assert fake.text == ""
    assert cli.main(["--jobs", "1", "--no-progress"]) == 0
    assert fake.text.count("files scanned") == (30 if tty else 0)


# --------------------------------------------------------------------------- notebooks


def _notebook(*cells: tuple[str, str]) -> str:
    return json.dumps({
        "cells": [
            {"cell_type": kind, "metadata": {}, "source": source.splitlines(keepends=True),
             **({"outputs": [], "execution_count": None} if kind == "code" else {})}
            for kind, source in cells
        ],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
    }, indent=1)


def test_notebooks_are_scanned(tmp_path: Path, run) -> None:
    write(tmp_path, {
        "analysis.ipynb": _notebook(("markdown", "# Notes\n"), ("code", f'import os\ntoken = "{GH}"\n'),
                                    ("code", f'ok = "{GH}"  # noqa: NSC102\n')),
        "broken.ipynb": "{not json",
        "stub.pyi": f'token: str = "{GH}"\n',
    })
    status, out, err = run()
    assert status == 2
    assert _one_error(err, "./broken.ipynb")
    rows = codes(out)
    assert rows == [("./analysis.ipynb", rows[0][1], "NSC102"), ("./stub.pyi", 1, "NSC102")]
    assert out.splitlines()[0].endswith("assigned to 'token' (cell 2, line 2)")
    assert rows[0][1] > 1  # the line of the .ipynb file that holds the cell's source line
    status, out, _ = run("--format", "json", "analysis.ipynb")
    assert status == 1 and [r["code"] for r in json.loads(out)] == ["NSC102"]
