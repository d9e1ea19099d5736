"""nosecrets-fix end to end: exit codes, --diff, the env file, .gitignore, rotation warnings, the libcst tool,
symlinks, locking. Secrets are generated at test time (secretgen)."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from dotenv import dotenv_values

import secretgen
from flake8_nosecrets import providers
from flake8_nosecrets.fix import cli, dotenv_io
from flake8_nosecrets.fix.files import DEFAULT_EXCLUDE, gather
from flake8_nosecrets.findings import redact
from flake8_nosecrets.fix.codemod import detect

GH = secretgen.provider_samples(providers.BY_ID["github-pat"])[0]
KEY = secretgen.random_key(secretgen.rng("fix-cli"), 32)
PW = secretgen.random_key(secretgen.rng("fix-cli-pw"), 18)
HAS_GIT = subprocess.run(["git", "--version"], capture_output=True).returncode == 0
needs_git = pytest.mark.skipif(not HAS_GIT, reason="git not installed")


def run_fix(cwd: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    os.chdir(cwd)
    try:
        code = cli.main(list(args), stdout=out, stderr=err)
    finally:
        os.chdir(old)
    return code, out.getvalue(), err.getvalue()


def git(cwd: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@t")
    r = subprocess.run(["git", *args], cwd=cwd, capture_output=True, env=env, check=True)
    return r.stdout.decode()


@pytest.fixture
def project(tmp_path):
    (tmp_path / "app.py").write_text(f'import sys\nTOKEN = "{GH}"\nprint(len(TOKEN))\n')
    (tmp_path / "clean.py").write_text("print('hello')\n")
    return tmp_path


# ----------------------------------------------------------------------------- exit codes and --diff


def test_exit_0_when_nothing_to_change(project):
    (project / "app.py").unlink()
    assert run_fix(project, ".")[0] == 0
    assert not (project / ".env").exists()


def test_exit_1_when_changed_then_0(project):
    code, out, err = run_fix(project, ".")
    assert code == 1, err
    assert 'os.environ["' in (project / "app.py").read_text()
    assert run_fix(project, ".")[0] == 0


def test_exit_2_on_missing_path(project):
    code, out, err = run_fix(project, "nope.py")
    assert code == 2
    assert err.count("\n") == 1 and "nope.py" in err


def test_exit_2_on_usage_error(project, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["--bogus"])
    assert exc.value.code == 2


def test_diff_writes_nothing(project):
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in project.iterdir()}
    time.sleep(0.01)
    code, out, err = run_fix(project, "--diff", ".")
    assert code == 1
    assert out.startswith("--- a/app.py")
    assert GH not in out and GH not in err
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in project.iterdir()} == before


def test_diff_exit_0_when_clean(project):
    (project / "app.py").write_text("print(1)\n")
    assert run_fix(project, "--diff", ".")[0] == 0


WEAK = secretgen.weak_password(secretgen.rng("fix-cli-weak"))
SUPPRESSED = [  # each hides WEAK from the run; the line still sits in the diff's context
    'DB_PASSWORD = "{v}"  # pragma: allowlist secret\n',
    'DB_PASSWORD = "{v}"  # noqa: NSC206\n',
    'DB_PASSWORD = "{v}"  # nosec\n',
    'ADMIN_PASSWORD = "{v}"  # baselined\n',
]


@pytest.mark.parametrize("line", SUPPRESSED)
def test_diff_redacts_suppressed_secrets_on_context_lines(tmp_path, line):
    """A line that would be a finding without its suppression shows no value in the diff."""
    (tmp_path / "app.py").write_text(f'import os\n\n{line.format(v=WEAK)}TOKEN = "{GH}"\n')
    if "baselined" in line:
        from flake8_nosecrets import baseline, scan_source

        base = baseline.Baseline.new(str(tmp_path / "base.json"))
        base.add_file(str(tmp_path / "app.py"), [f for f in scan_source(line.format(v=WEAK)) if f.code == "NSC206"])
        baseline.write(base)
        (tmp_path / "setup.cfg").write_text("[flake8]\nnosecrets-baseline = base.json\n")
    code, out, err = run_fix(tmp_path, "--diff", "--no-history", ".")
    assert code == 1, err
    assert "+TOKEN = os.environ[" in out  # the token moves; the suppressed line is context
    assert WEAK not in out + err
    assert " DB_PASSWORD = \"<secret (value withheld)>\"" in out or " ADMIN_PASSWORD = \"<secret" in out


def test_diff_redacts_suppressed_secrets_in_notebooks(tmp_path):
    cells = [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
              "source": [f'DB_PASSWORD = "{WEAK}"  # pragma: allowlist secret\n', f'TOKEN = "{GH}"\n']}]
    (tmp_path / "nb.ipynb").write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4,
                                                   "nbformat_minor": 5}, indent=1))
    code, out, err = run_fix(tmp_path, "--diff", "--no-history", ".")
    assert code == 1, err
    assert WEAK not in out + err and GH not in out + err and "<secret (value withheld)>" in out


def test_unreadable_file_holding_a_finding_is_an_error(tmp_path):
    """A latin-1 file without a coding line cannot be decoded as Python reads it; the standalone scan still
    finds the token in it, so the fixer, asked to fix it, says so and exits 2 (not 'nothing to move')."""
    (tmp_path / "legacy.py").write_bytes(f'# caf\xe9\nTOKEN = "{GH}"\n'.encode("latin-1"))
    (tmp_path / "broken.py").write_text(f'def f(:\n    TOKEN = "{GH}"\n')
    (tmp_path / "clean_broken.py").write_text("def f(:\n    pass\n")
    code, out, err = run_fix(tmp_path, "--no-history", ".")
    assert code == 2
    assert "legacy.py: NOT changed, cannot decode" in err and "broken.py: NOT changed, not valid Python" in err
    assert "clean_broken.py: skipped" in err  # no finding in it: a warning, not a failure
    assert GH not in out + err and GH in (tmp_path / "legacy.py").read_bytes().decode("latin-1")


def test_unparseable_file_is_skipped_not_fatal(project):
    (project / "broken.py").write_text("def (:\n")
    code, out, err = run_fix(project, ".")
    assert code == 1 and "broken.py" in err


def test_summary_names_files_and_never_the_secret(project):
    code, out, err = run_fix(project, ".")
    assert "app.py:2" in out and "moved 1 secret" in out
    assert GH not in out + err
    assert GH[:4] in out  # the redacted prefix


# ----------------------------------------------------------------------------- the env file


def test_env_file_created_0600_and_read_back(project):
    run_fix(project, ".")
    env = project / ".env"
    assert stat.S_IMODE(env.stat().st_mode) == 0o600
    assert GH in dotenv_values(env).values()
    assert "TOKEN=" in (project / ".env.example").read_text()
    assert GH not in (project / ".env.example").read_text()


def test_existing_env_keeps_mode_and_entries(project):
    env = project / ".env"
    env.write_text("# mine\nDEBUG=1\nGITHUB_TOKEN=other\n")
    env.chmod(0o640)
    run_fix(project, ".")
    text = env.read_text()
    assert text.startswith("# mine\nDEBUG=1\nGITHUB_TOKEN=other\n")
    values = dotenv_values(env)
    # nothing in app.py (no class, dict, module word) tells the two apart: the number is the last resort
    assert values["GITHUB_TOKEN"] == "other" and values["GITHUB_TOKEN_2"] == GH
    assert stat.S_IMODE(env.stat().st_mode) == 0o640
    assert 'os.environ["GITHUB_TOKEN_2"]' in (project / "app.py").read_text()


def test_existing_entry_with_same_value_is_reused(project):
    (project / ".env").write_text(f"MY_GH='{GH}'\n")
    run_fix(project, ".")
    assert 'os.environ["MY_GH"]' in (project / "app.py").read_text()
    assert list(dotenv_values(project / ".env")) == ["MY_GH"]


def test_env_file_option(project):
    (project / "conf").mkdir()
    code, out, err = run_fix(project, "--env-file", "conf/prod.env", ".")
    assert code == 1
    assert GH in dotenv_values(project / "conf" / "prod.env").values()
    assert (project / "conf" / "prod.env.example").exists()


HOSTILE = [
    "it's \"quoted\"",
    "hash # not a comment",
    "dollar $HOME and ${HOME_NOT}x".replace("${", "$ {"),
    "back\\slash\\\\double",
    "multi\nline\nvalue\n",
    "carriage\r\nreturn\rhere",
    "trailing space ",
    " leading",
    "tab\tand = equals",
    "unicode é ✓",
    "'",
    "\\'",
    "export X=1",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_dotenv_round_trip(tmp_path, value):
    env = dotenv_io.EnvFile(tmp_path / ".env", tmp_path)
    env.merge({"V": value})
    assert dotenv_values(tmp_path / ".env")["V"] == value
    assert dotenv_values(tmp_path / ".env", interpolate=False)["V"] == value


def test_pem_round_trip(tmp_path):
    pem = secretgen.private_key_pem()
    env = dotenv_io.EnvFile(tmp_path / ".env", tmp_path)
    env.merge({"K": pem})
    assert dotenv_values(tmp_path / ".env")["K"] == pem


@pytest.mark.parametrize("value", ["a${B}c", "nul\x00byte"])
def test_unquotable_values_refused(value):
    with pytest.raises(dotenv_io.Unquotable):
        dotenv_io.quote(value)


def test_unquotable_secret_left_in_code(tmp_path):
    secret = KEY[:10] + "${X}" + KEY[10:]
    (tmp_path / "a.py").write_text(f'api_token = "{secret}"\n')
    code, out, err = run_fix(tmp_path, ".")
    assert code == 0
    assert secret in (tmp_path / "a.py").read_text()
    assert "by hand" in out and "${" in out


def test_symlink_outside_project_refused(tmp_path):
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "app.py").write_text(f'TOKEN = "{GH}"\n')
    outside = tmp_path / "elsewhere.env"
    (proj / ".env").symlink_to(outside)
    code, out, err = run_fix(proj, ".")
    assert code == 2 and "outside the project" in err
    assert not outside.exists()
    assert GH in (proj / "app.py").read_text()


def test_symlink_inside_project_followed(project):
    (project / "secrets").mkdir()
    target = project / "secrets" / "real.env"
    (project / ".env").symlink_to(target)
    assert run_fix(project, ".")[0] == 1
    assert (project / ".env").is_symlink()
    assert GH in dotenv_values(target).values()


def test_lock_serialises_two_runs(tmp_path):
    env_path = tmp_path / ".env"
    order = []

    def hold():
        with dotenv_io.locked(env_path):
            order.append("a-in")
            time.sleep(0.3)
            order.append("a-out")

    t = threading.Thread(target=hold)
    t.start()
    time.sleep(0.05)
    with dotenv_io.locked(env_path):
        order.append("b-in")
    t.join()
    assert order == ["a-in", "a-out", "b-in"]
    assert not Path(str(env_path) + ".lock").exists()


def test_concurrent_runs_lose_no_value(tmp_path):
    """Two processes fixing different files into one env file at once: both values end up there."""
    for i in range(2):
        d = tmp_path / f"p{i}"
        d.mkdir()
        (d / "a.py").write_text(f'api_token = "{secretgen.random_key(secretgen.rng(str(i)), 32)}"\n')
    code = "import sys; from flake8_nosecrets.fix.cli import main; sys.exit(main(sys.argv[1:]))"
    procs = [
        subprocess.Popen([sys.executable, "-c", code, "--no-history", "--env-file", str(tmp_path / ".env"),
                          str(tmp_path / f"p{i}")], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for i in range(2)
    ]
    assert [p.wait(60) for p in procs] == [1, 1]
    values = dotenv_values(tmp_path / ".env")
    assert len(values) == 2 and set(values) == {"API_TOKEN", "API_TOKEN_2"}
    for i in range(2):
        assert secretgen.random_key(secretgen.rng(str(i)), 32) in values.values()


# ----------------------------------------------------------------------------- files and config


def test_directory_walk_honours_exclude_and_gitignore(tmp_path):
    for sub in ("pkg", "build", "ignored", "pkg/deep"):
        (tmp_path / sub).mkdir(parents=True, exist_ok=True)
        (tmp_path / sub / "m.py").write_text(f'TOKEN = "{GH}"\n')
    (tmp_path / "setup.cfg").write_text("[flake8]\nextend-exclude = build\n")
    if HAS_GIT:
        git(tmp_path, "init", "-q")
        (tmp_path / ".gitignore").write_text("ignored/\n")
    files = {p.relative_to(tmp_path).as_posix() for p in _gather(tmp_path)}
    assert "pkg/m.py" in files and "pkg/deep/m.py" in files
    assert "build/m.py" not in files
    if HAS_GIT:
        assert "ignored/m.py" not in files


def _gather(root: Path):
    old = os.getcwd()
    os.chdir(root)
    try:
        return [root / p for p in gather(["."], DEFAULT_EXCLUDE + ("build",))]
    finally:
        os.chdir(old)


def test_config_options_apply(tmp_path):
    """nosecrets-allow in setup.cfg: the fixer leaves what flake8 would not report."""
    (tmp_path / "setup.cfg").write_text(f"[flake8]\nnosecrets-allow = ^{KEY[:8]}\n")
    (tmp_path / "a.py").write_text(f'api_token = "{KEY}"\n')
    assert run_fix(tmp_path, ".")[0] == 0
    assert KEY in (tmp_path / "a.py").read_text()


def test_config_ignore_applies(tmp_path):
    (tmp_path / "setup.cfg").write_text("[flake8]\nextend-ignore = NSC102\n")
    (tmp_path / "a.py").write_text(f'TOKEN = "{GH}"\n')
    assert run_fix(tmp_path, ".")[0] == 0


def test_per_file_ignores_apply(tmp_path):
    """per-file-ignores: the fixer leaves exactly the files flake8 and nosecrets leave."""
    (tmp_path / "setup.cfg").write_text("[flake8]\nper-file-ignores =\n    tests/*:NSC1\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "t.py").write_text(f'TOKEN = "{GH}"\n')
    (tmp_path / "app.py").write_text(f'TOKEN = "{GH}"\n')
    assert run_fix(tmp_path, ".")[0] == 1
    assert GH in (tmp_path / "tests" / "t.py").read_text() and GH not in (tmp_path / "app.py").read_text()


@pytest.mark.parametrize("marker", ["# noqa: NSC102", "# noqa:NSC1", "# pragma: allowlist secret"])
def test_suppressed_lines_left_alone(tmp_path, marker):
    (tmp_path / "a.py").write_text(f'TOKEN = "{GH}"  {marker}\n')
    assert run_fix(tmp_path, ".")[0] == 0


@pytest.mark.parametrize(("config", "moved"), [("", True), ("nosecrets-bare-noqa = true\n", False)])
def test_bare_noqa_hides_a_secret_only_when_configured(tmp_path, config, moved):
    """A bare ``# noqa`` (mostly written for a long line) does not stop the fixer, unless flake8's rule is asked for."""
    (tmp_path / "setup.cfg").write_text("[flake8]\n" + config)
    (tmp_path / "a.py").write_text(f'TOKEN = "{GH}"  # noqa\n')
    assert run_fix(tmp_path, ".")[0] == (1 if moved else 0)
    assert (GH in (tmp_path / "a.py").read_text()) is not moved


@pytest.mark.parametrize(("source", "suppressed"), [
    ('KEY = """\n{GH}\n"""  # noqa: NSC1\n', True),  # flake8 reads noqa after a multi-line string's end
    ('CONFIG = dict(\n    token="{GH}",\n)  # noqa: NSC1\n', False),  # but not on another line of a call
])
def test_noqa_where_flake8_reads_it(tmp_path, source, suppressed):
    """The fixer reads ``# noqa`` exactly where flake8 does (one implementation for nosecrets and the fixer)."""
    (tmp_path / "a.py").write_text(source.format(GH=GH))
    r = subprocess.run([sys.executable, "-m", "flake8", "--select=NSC", "a.py"], cwd=tmp_path, capture_output=True)
    assert r.returncode == (0 if suppressed else 1)
    assert run_fix(tmp_path, ".")[0] == (0 if suppressed else 1)


def test_noqa_other_code_does_not_suppress(tmp_path):
    (tmp_path / "a.py").write_text(f'TOKEN = "{GH}"  # noqa: E501\n')
    assert run_fix(tmp_path, ".")[0] == 1


# ----------------------------------------------------------------------------- git


@needs_git
def test_gitignore_updated_in_git_repo(project):
    git(project, "init", "-q")
    run_fix(project, "--no-history", ".")
    assert ".env" in (project / ".gitignore").read_text().splitlines()
    r = subprocess.run(["git", "check-ignore", "-q", ".env"], cwd=project)
    assert r.returncode == 0
    # already ignored: not added twice
    (project / "b.py").write_text(f'api_token = "{KEY}"\n')
    run_fix(project, "--no-history", ".")
    assert (project / ".gitignore").read_text().splitlines().count(".env") == 1


def test_no_gitignore_outside_git(project):
    run_fix(project, ".")
    assert not (project / ".gitignore").exists()


@needs_git
def test_rotation_warning_when_committed(project):
    git(project, "init", "-q")
    git(project, "add", "app.py")
    git(project, "commit", "-qm", "add app")
    sha = git(project, "rev-parse", "HEAD").strip()[:12]
    code, out, err = run_fix(project, ".")
    assert code == 1
    assert "ROTATE" in out and sha in out and "https://github.com/settings/tokens" in out
    assert GH not in out + err
    assert "scanned 1 of 1 commits" in out


@needs_git
def test_no_rotation_warning_when_never_committed(project):
    git(project, "init", "-q")
    git(project, "add", "clean.py")
    git(project, "commit", "-qm", "clean only")
    code, out, err = run_fix(project, ".")
    assert code == 1
    assert "ROTATE" not in out
    assert "scanned 1 of 1 commits" in out


@needs_git
def test_rotation_finds_escaped_spelling_and_pem(tmp_path):
    pem = secretgen.private_key_pem()
    (tmp_path / "k.py").write_text('KEY = "' + pem.replace("\n", "\\n") + '"\n')
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "k.py")
    git(tmp_path, "commit", "-qm", "key")
    code, out, err = run_fix(tmp_path, ".")
    assert "ROTATE" in out and "replace this key pair" in out
    assert pem.splitlines()[1] not in out


@needs_git
def test_history_bound_is_reported(project):
    git(project, "init", "-q")
    for i in range(3):
        (project / f"f{i}.py").write_text(f"x = {i}\n")
        git(project, "add", f"f{i}.py")
        git(project, "commit", "-qm", str(i))
    git(project, "add", "app.py")
    git(project, "commit", "-qm", "secret")
    code, out, err = run_fix(project, "--history-max-commits", "2", ".")
    assert "newest 2 of 4 commits" in out and "older commits were not checked" in out


@needs_git
def test_history_search_puts_no_secret_on_a_command_line(project, monkeypatch):
    git(project, "init", "-q")
    git(project, "add", "app.py")
    git(project, "commit", "-qm", "add")
    seen_args = []
    real_popen, real_run = subprocess.Popen, subprocess.run

    def popen(args, *a, **k):
        seen_args.append(list(args))
        return real_popen(args, *a, **k)

    def run(args, *a, **k):
        seen_args.append(list(args))
        return real_run(args, *a, **k)

    monkeypatch.setattr(subprocess, "Popen", popen)
    monkeypatch.setattr(subprocess, "run", run)
    run_fix(project, ".")
    assert seen_args and not any(GH in " ".join(a) for a in seen_args)


# ----------------------------------------------------------------------------- the libcst tool


def test_libcst_tool_codemod(tmp_path):
    (tmp_path / "a.py").write_text(f'import sys\nclient = Github(token="{GH}")\n')
    r = subprocess.run(
        [sys.executable, "-m", "libcst.tool", "codemod", "-x", "--no-format", "--hide-progress",
         "flake8_nosecrets.fix.codemod.MoveSecretsToEnv", "--env-file", "vals.env", "a.py"],
        cwd=tmp_path, capture_output=True, timeout=120,
    )
    assert r.returncode == 0, r.stderr.decode()[-1000:]
    text = (tmp_path / "a.py").read_text()
    assert GH not in text and 'Github(token=os.environ["GITHUB_TOKEN"])' in text and "import os" in text
    assert dotenv_values(tmp_path / "vals.env") == {"GITHUB_TOKEN": GH}
    assert stat.S_IMODE((tmp_path / "vals.env").stat().st_mode) == 0o600
    assert GH not in r.stdout.decode() + r.stderr.decode()


def test_fixed_code_runs_with_env_and_fails_clearly_without(project):
    run_fix(project, ".")
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_TOKEN"}
    r = subprocess.run([sys.executable, "app.py"], cwd=project, env=env, capture_output=True)
    assert r.returncode != 0 and b"KeyError: 'GITHUB_TOKEN'" in r.stderr
    env.update(dotenv_values(project / ".env"))
    r = subprocess.run([sys.executable, "app.py"], cwd=project, env=env, capture_output=True)
    assert r.returncode == 0 and r.stdout == f"{len(GH)}\n".encode()


def test_detect_matches_flake8(project):
    """The fixer's detect() reports what real flake8 reports for the same file."""
    r = subprocess.run([sys.executable, "-m", "flake8", "--select=NSC", "app.py"], cwd=project, capture_output=True)
    flake8_codes = sorted(line.split()[1] for line in r.stdout.decode().splitlines())
    ours = sorted(f.code for f in detect((project / "app.py").read_text(), "app.py"))
    assert ours == flake8_codes and ours


def test_flake8_path_does_not_import_libcst():
    code = ("import sys, flake8_nosecrets.flake8_plugin, flake8_nosecrets.fix, flake8_nosecrets.fix.cli; "
            "print('libcst' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    assert r.stdout.strip() == b"False"


# ----------------------------------------------------------------------------- notebooks

NB_PW = secretgen.password(secretgen.rng("fix-cli-nb"))


def nb_make(path: Path, *cells) -> Path:
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    nbformat.write(nb, str(path))
    return path


def nb_cell(source: str, *printed: str):
    """A code cell whose stored outputs are *printed* (one stream output each)."""
    v4 = pytest.importorskip("nbformat").v4
    outputs = [v4.new_output("stream", name="stdout", text=text) for text in printed]
    return v4.new_code_cell(source, outputs=outputs, execution_count=1 if outputs else None)


def nb_source(path: Path, index: int) -> str:
    source = json.loads(path.read_text())["cells"][index]["source"]
    return "".join(source) if isinstance(source, list) else source


def run_cli(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """The real command, in its own process."""
    return subprocess.run([sys.executable, "-m", "flake8_nosecrets.fix.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def run_python(cwd: Path, source: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", source], cwd=cwd, capture_output=True, text=True, timeout=60,
                          env=env)


def test_notebook_secret_moved_and_echoing_output_cleared(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    code = f'import sys\npassword = "{NB_PW}"\nprint(password)\nprint(len(password), file=sys.stdout)'
    before_run = run_python(tmp_path, code)
    assert before_run.returncode == 0 and NB_PW in before_run.stdout
    path = nb_make(tmp_path / "analysis.ipynb", nbformat.v4.new_markdown_cell("# Analysis"),
                   nb_cell(code, before_run.stdout), nb_cell("print('hello')", "hello\n"))
    old = json.loads(path.read_text())
    proc = run_cli(tmp_path, "--no-history", ".")
    assert proc.returncode == 1, proc.stderr
    assert NB_PW not in proc.stdout + proc.stderr
    assert "moved 1 secret(s) from 1 file(s)" in proc.stdout
    assert "analysis.ipynb: cell 2, line 2, col 12: NSC" in proc.stdout
    assert "cleared 1 cell output(s)" in proc.stdout and "analysis.ipynb: cell 2, output 1" in proc.stdout

    raw = path.read_text()
    assert NB_PW not in raw
    nbformat.validate(nbformat.reads(raw, as_version=4))
    env_path = tmp_path / ".env"
    assert stat.S_IMODE(env_path.stat().st_mode) == 0o600
    values = dotenv_values(env_path)
    assert values == {"PASSWORD": NB_PW}
    new = json.loads(raw)
    source = nb_source(path, 1)
    assert 'password = os.environ["PASSWORD"]' in source.splitlines() and "import os" in source.splitlines()
    assert new["cells"][1]["outputs"] == []  # the output echoing the secret is gone
    assert new["cells"][0] == old["cells"][0] and new["cells"][2] == old["cells"][2]
    after_run = run_python(tmp_path, source, env={**os.environ, **values})
    assert after_run.returncode == 0 and after_run.stdout == before_run.stdout
    # fixed: a second run has nothing to do and leaves the notebook byte for byte
    again = run_cli(tmp_path, "--no-history", ".")
    assert again.returncode == 0 and path.read_text() == raw and "nothing to move" in again.stdout


def test_notebook_and_module_share_names_and_env_file(tmp_path):
    (tmp_path / "app.py").write_text(f'TOKEN = "{GH}"\n')
    path = nb_make(tmp_path / "nb.ipynb", nb_cell(f'TOKEN = "{GH}"\nDB_PASSWORD = "{NB_PW}"'))
    code, out, err = run_fix(tmp_path, "--no-history", ".")
    assert code == 1, err
    assert dotenv_values(tmp_path / ".env") == {"GITHUB_TOKEN": GH, "DB_PASSWORD": NB_PW}
    assert 'TOKEN = os.environ["GITHUB_TOKEN"]' in (tmp_path / "app.py").read_text()
    assert 'TOKEN = os.environ["GITHUB_TOKEN"]' in nb_source(path, 0)
    assert "moved 3 secret(s) from 2 file(s)" in out and "(2 new entries)" in out
    assert "# moved from nb.ipynb: cell 1, line 2 by nosecrets-fix" in (tmp_path / ".env").read_text()
    assert GH not in out + err and NB_PW not in out + err


def test_notebook_diff_writes_nothing(tmp_path):
    quoted = KEY[:12] + '"' + KEY[12:20] + "\\" + KEY[20:]  # JSON escapes both: no escaped spelling in the diff
    literal = "'" + quoted.replace("\\", "\\\\") + "'"
    path = nb_make(tmp_path / "nb.ipynb", nb_cell(f"password = {literal}\nprint(password)", quoted + "\n"),
                   nb_cell(f'api_token = "{GH}"'))
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    time.sleep(0.01)
    code, out, err = run_fix(tmp_path, "--diff", ".")
    assert code == 1, err
    assert out.startswith("--- a/nb.ipynb\n+++ b/nb.ipynb\n")
    assert '+    "password = os.environ[\\"PASSWORD\\"]\\n",' in out
    for secret in (quoted, GH):
        for spelling in (secret, json.dumps(secret)[1:-1], json.dumps(literal)[1:-1]):
            assert spelling not in out + err
    assert "would move 2 secret(s)" in err and "would clear 1 cell output(s)" in err
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()} == before
    assert path.exists() and not (tmp_path / ".env").exists()


def test_clean_notebook_left_byte_identical(tmp_path):
    path = nb_make(tmp_path / "clean.ipynb", nb_cell("import os\ntoken = os.environ['TOKEN']\nprint('ok')", "ok\n"))
    path.write_text(json.dumps(json.loads(path.read_text()), indent=4))  # not the layout nbformat writes
    raw = path.read_bytes()
    proc = run_cli(tmp_path, "--no-history", ".")
    assert proc.returncode == 0, proc.stderr
    assert path.read_bytes() == raw and not (tmp_path / ".env").exists()
    assert proc.stdout == "nosecrets-fix: nothing to move\n" and proc.stderr == ""


@pytest.mark.parametrize("content", ["{not json", '{"cells": 3}', ""])
def test_broken_notebook_is_one_line_exit_2_and_the_rest_continue(tmp_path, content):
    bad = tmp_path / "broken.ipynb"
    bad.write_text(content)
    (tmp_path / "app.py").write_text(f'TOKEN = "{GH}"\n')
    code, out, err = run_fix(tmp_path, "--no-history", ".")
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("nosecrets-fix: broken.ipynb: error: not a")
    assert bad.read_text() == content
    assert 'os.environ["GITHUB_TOKEN"]' in (tmp_path / "app.py").read_text()  # the other file was fixed
    assert run_fix(tmp_path, "--no-history", "broken.ipynb")[0] == 2  # named explicitly: the same


def test_invalid_notebook_with_a_secret_is_not_written_and_not_quoted(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    path = nb_make(tmp_path / "nb.ipynb", nbformat.v4.new_code_cell(f'TOKEN = "{GH}"'))
    data = json.loads(path.read_text())
    data["cells"][0]["outputs"] = {"not": GH}  # the schema wants a list; nbformat's message would quote it
    path.write_text(json.dumps(data))
    raw = path.read_bytes()
    code, out, err = run_fix(tmp_path, "--no-history", ".")
    assert code == 2 and path.read_bytes() == raw and not (tmp_path / ".env").exists()
    assert err == "nosecrets-fix: nb.ipynb: error: not a valid notebook: does not match the nbformat schema in cell 1\n"
    assert GH not in out + err


def test_output_only_secret_cleared_without_env_file(tmp_path):
    path = nb_make(tmp_path / "nb.ipynb", nb_cell("print(get_token())", f"{GH}\n", "done\n"))
    code, out, err = run_fix(tmp_path, "--no-history", ".")
    assert code == 1, err
    outputs = json.loads(path.read_text())["cells"][0]["outputs"]
    assert [o["text"] for o in outputs] == [["done\n"]]
    assert GH not in path.read_text() and GH not in out + err
    assert not (tmp_path / ".env").exists() and not (tmp_path / ".env.example").exists()
    assert "nothing to move" not in out and "cleared 1 cell output(s) showing a secret in 1 notebook(s)" in out


def test_notebook_leftovers_reported_not_counted(tmp_path):
    v4 = pytest.importorskip("nbformat").v4
    path = nb_make(tmp_path / "nb.ipynb", v4.new_markdown_cell(f"token: `{GH}`"), nb_cell(f"%%bash\necho {GH}"),
                   nb_cell(f"!git clone https://{GH}@github.com/o/r.git\nx = 1"))
    raw = path.read_bytes()
    code, out, err = run_fix(tmp_path, "--no-history", ".")
    assert code == 0 and path.read_bytes() == raw
    assert "3 secret(s) left for you to remove by hand" in out
    assert "nb.ipynb: cell 1, line 1, col 9: NSC102" in out and "in a markdown cell" in out
    assert "in a cell that is not Python" in out and "on an IPython magic or shell line" in out
    assert GH not in out + err


def test_notebook_config_ignore_applies(tmp_path):
    (tmp_path / "setup.cfg").write_text("[flake8]\nextend-ignore = NSC102\n")
    path = nb_make(tmp_path / "nb.ipynb", nb_cell(f'TOKEN = "{GH}"\nprint(TOKEN)', f"{GH}\n"))
    raw = path.read_bytes()
    assert run_fix(tmp_path, "--no-history", ".")[0] == 0
    assert path.read_bytes() == raw


def test_directory_walk_takes_notebooks_with_the_same_rules(tmp_path):
    for sub in ("pkg", "build", "ignored"):
        (tmp_path / sub).mkdir()
        nb_make(tmp_path / sub / "n.ipynb", nb_cell("x = 1"))
        (tmp_path / sub / "n.txt").write_text("")
    if HAS_GIT:
        git(tmp_path, "init", "-q")
        (tmp_path / ".gitignore").write_text("ignored/\n")
    files = {p.relative_to(tmp_path).as_posix() for p in _gather(tmp_path)}
    assert "pkg/n.ipynb" in files and "build/n.ipynb" not in files and "pkg/n.txt" not in files
    if HAS_GIT:
        assert "ignored/n.ipynb" not in files


@needs_git
def test_notebook_rotation_warning_when_committed(tmp_path):
    nb_make(tmp_path / "nb.ipynb", nb_cell(f'password = "{NB_PW}"\nprint(get_token())', f"{GH}\n"))
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "nb.ipynb")
    git(tmp_path, "commit", "-qm", "notebook")
    sha = git(tmp_path, "rev-parse", "HEAD").strip()[:12]
    code, out, err = run_fix(tmp_path, ".")
    assert code == 1, err
    assert "ROTATE" in out and f"PASSWORD {redact(NB_PW)}: first seen in commit {sha}" in out
    # the token only ever printed in an output was committed too
    assert f"nb.ipynb: cell 1, output 1, line 1 {redact(GH)}: first seen in commit {sha}" in out
    assert "https://github.com/settings/tokens" in out
    assert GH not in out + err and NB_PW not in out + err


@pytest.mark.parametrize("weak", ["dev", "super secret key"])
def test_commented_out_copy_of_a_moved_key_is_rewritten_not_left_by_hand(tmp_path, weak):
    """``# app.secret_key = '…'`` under the live line (a tutorial's shape): the comment now names the variable,
    and the run does not list it as left for a human; the same words as prose or another literal stay."""
    (tmp_path / "app.py").write_text(
        f'from flask import Flask\n\napp = Flask(__name__)\napp.secret_key = "{weak}"\n'
        f'# app.secret_key = "{weak}"\nMODE = "{weak}"  # {weak} or prod\n', encoding="utf-8")
    code, out, err = run_fix(tmp_path, "--no-history", ".")
    text = (tmp_path / "app.py").read_text(encoding="utf-8")
    assert code == 1, err
    assert '# app.secret_key = os.environ["SECRET_KEY"]' in text
    assert f'MODE = "{weak}"  # {weak} or prod' in text
    assert "by hand" not in out and "still spelled" not in out
