"""The files beside the code (:mod:`flake8_nosecrets.files`): every format's values at the right line and
column, its placeholders and interpolations quiet, broken files still searched for key formats, the
committed ``.env`` (NSC301), and the standalone command's handling of them (kinds, warnings, outputs).

Fake secrets are generated at test time (tests/secretgen.py); each case names its expected
``(line, col, code)`` findings, col 1-based as printed. The ``# NSCnnn``-annotated fixtures of the formats
with comments are in tests/fixtures/files/ (tests/test_fixtures.py).
"""

from __future__ import annotations

import json
import subprocess
import sysconfig
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

import secretgen
from flake8_nosecrets import cli, files, options, providers
from flake8_nosecrets.files import base
from flake8_nosecrets.files.scan import scan_text

R = secretgen.rng("config-files")
PW = secretgen.password(R)
KEY = secretgen.random_key(R, 32)
GH = secretgen.provider_samples(providers.BY_ID["github-pat"], "config")[0]
SECRETS = (PW, KEY, GH)


def scan(name: str, text: str, opts: options.Options = options.DEFAULT) -> tuple[set[tuple[int, int, str]], list[str]]:
    found, warnings = scan_text(text, text.splitlines(keepends=True), name, files.kind_of(name), opts)
    for f in found:
        assert all(s not in f.message for s in SECRETS)
    return {(f.line, f.col + 1, f.code) for f in found}, warnings


# (file name, content, expected findings): positives with their exact position, negatives with none.
CASES = [
    # YAML: the value's literal start (the quote of a quoted scalar, the '|' of a block scalar)
    ("settings.yaml", f"db:\n  host: db\n  password: {PW}\n", {(3, 13, "NSC206")}),
    ("settings.yaml", f'db:\n  password: "{PW}"\n', {(2, 13, "NSC206")}),
    ("settings.yml", f"api:\n  token: |\n    {KEY}\n", {(2, 10, "NSC205")}),
    ("values.yaml", f"---\na: 1\n---\nauth:\n  - {GH}\n", {(5, 5, "NSC102")}),
    ("k8s.yaml", f"env:\n  - name: SIGNING_SECRET\n    value: '{KEY}'\n", {(3, 12, "NSC205")}),
    ("anchors.yaml", f"base: &b\n  password: {PW}\nprod:\n  <<: *b\n", {(2, 13, "NSC206")}),
    ("settings.yaml", "db:\n  password: ${DB_PASSWORD}\n  token: '{{ vault_token }}'\n  key: !ENV ${KEY}\n", set()),
    ("settings.yaml", "db:\n  password:\n  token: null\n  secret: ''\n  password_hint: true\n", set()),
    ("workflow.yml", "env:\n  PYPI_TOKEN: ${{ secrets.PYPI_TOKEN }}\n  API_KEY: \"{{ lookup('env', 'API_KEY') }}\"\n",
     set()),
    # compose: list items ``NAME=value`` and mappings under ``environment``
    ("docker-compose.yml", f"services:\n  web:\n    environment:\n      - DB_PASSWORD={PW}\n", {(4, 9, "NSC206")}),
    ("compose.yaml", f"services:\n  web:\n    environment:\n      SECRET_KEY: {KEY}\n", {(4, 19, "NSC205")}),
    ("docker-compose.yml", "services:\n  web:\n    environment:\n      - DB_PASSWORD=${DB_PASSWORD:-}\n"
     "      - TOKEN=$TOKEN\n      - URL=postgres://u:${PW}@db/x\n", set()),
    # TOML
    ("pyproject.toml", f'[[tool.uv.index]]\nurl = "https://ci:{PW}@pypi.corp.internal/simple"\n', {(2, 7, "NSC202")}),
    ("config.toml", f"[db]\npassword = '{PW}'\n[api]\ntoken = \"\"\"\n{KEY}\"\"\"\n",
     {(2, 12, "NSC206"), (4, 9, "NSC205")}),
    ("config.toml", f'creds = {{ user = "app", password = "{PW}" }}\n', {(1, 36, "NSC206")}),
    ("config.toml", 'password = "${DB_PASSWORD}"\ntoken = "{{ token }}"\nkey = ""\n', set()),
    # INI / CFG / pip.conf / .pypirc
    ("alembic.ini", f"[alembic]\nsqlalchemy.url = postgresql://a:{PW}@db.corp.internal/app\n", {(2, 18, "NSC202")}),
    (".pypirc", f"[pypi]\nusername = __token__\npassword: {PW}\n", {(3, 11, "NSC206")}),
    ("pip.conf", f"[global]\nextra-index-url =\n    https://pypi.org/simple\n"
     f"    https://ci:{PW}@pypi.corp.internal/s\n", {(4, 5, "NSC202")}),
    ("setup.cfg", "[db]\npassword = %(DB_PASSWORD)s\ntoken =\nsecret = ${SECRET}\n", set()),
    ("setup.cfg", f"[db]\npassword = {PW}  # pragma: allowlist secret\n", set()),
    # JSON (no comments: accepted through the baseline)
    ("config.json", f'{{\n  "db": {{"password": "{PW}", "port": 5432}}\n}}\n', {(2, 22, "NSC206")}),
    ("appsettings.json", f'[{{"name": "API_TOKEN", "value": "{KEY}"}}]', {(1, 33, "NSC205")}),
    ("config.json", f'{{"keys": ["{GH}"]}}', {(1, 11, "NSC102")}),
    ("config.json", '{"password": "", "token": "${TOKEN}", "secret": null, "auth": {"type": "bearer"}}', set()),
    ("tsconfig.json", f'{{\n  // JSON with comments\n  "api": {{"token": "{KEY}",}}, /* c */\n}}\n',
     {(3, 20, "NSC205")}),
    ("fixture.json", '[{"fields": {"translation_key": "ec7d5b6e-3b7a-4c1e-9f2d-8a6b4c3d2e1f", '
     '"password": "pbkdf2_sha256$600000$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"}}]', set()),
    # documentation (OpenAPI/JSON Schema ``example(s)``, SDK example files): by the value alone, as a docstring
    ("examples-1.json", f'{{"examples": {{"CreateUser": [{{"input": {{"Password": "{PW}"}}}}]}}}}', set()),
    ("openapi.yaml", f"components:\n  schemas:\n    Login:\n      example: {{password: {PW}}}\n", set()),
    ("examples-1.json", f'{{"examples": {{"Login": {{"output": {{"Token": "{GH}"}}}}}}}}', {(1, 45, "NSC102")}),
    # .env
    ("prod.env.example", f"DB_PASSWORD={PW}\nexport API_TOKEN='{KEY}'\n", {(1, 13, "NSC206"), (2, 18, "NSC205")}),
    (".env.sample", "DB_PASSWORD=\nAPI_TOKEN=${API_TOKEN}\nSECRET_KEY=your-secret-key\nDEBUG=1\n", set()),
    # requirements
    ("requirements.txt", f"--extra-index-url https://ci:{PW}@pypi.corp.internal/simple\nrequests\n",
     {(1, 19, "NSC202")}),
    ("requirements-dev.txt", f"-r base.txt\npkg @ git+https://{GH}@github.com/acme/pkg.git\n", {(2, 7, "NSC102")}),
    ("requirements.txt", "--index-url https://${PIP_USER}:${PIP_PASSWORD}@pypi.corp.internal/simple\nflask\n", set()),
    # Dockerfile
    ("Dockerfile", f"FROM python:3.12\nENV DB_PASSWORD={PW}\n", {(2, 17, "NSC206")}),
    ("Dockerfile", f'FROM python\nENV A=1 \\\n    API_TOKEN="{KEY}"\n', {(3, 15, "NSC205")}),
    ("Dockerfile", f"FROM python\nENV API_TOKEN {KEY}\n", {(2, 15, "NSC205")}),
    ("build.Dockerfile", f"FROM python\nRUN pip install --extra-index-url https://ci:{PW}@pypi.corp.internal/s x\n",
     {(2, 46, "NSC202")}),
    ("Dockerfile", "FROM python\nARG DB_PASSWORD\nENV DB_PASSWORD=$DB_PASSWORD TOKEN=${TOKEN}\n", set()),
]


@pytest.mark.parametrize("name, text, expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_values_at_their_literal(name: str, text: str, expected: set[tuple[int, int, str]]) -> None:
    got, warnings = scan(name, text)
    assert warnings == []
    assert got == expected


BROKEN = [
    ("settings.yaml", f"db: [\n  url: https://ci:{PW}@pypi.corp.internal/x\n", "not valid YAML"),
    ("pyproject.toml", f"[tool\nurl = \"https://ci:{PW}@pypi.corp.internal/x\"\n", "not valid TOML"),
    ("setup.cfg", f"no section\nurl = https://ci:{PW}@pypi.corp.internal/x\n", "not valid INI"),
    ("config.json", f'{{"url": "https://ci:{PW}@pypi.corp.internal/x",\n', "not valid JSON"),
    (".env.example", f"this is not a binding\nURL=https://ci:{PW}@pypi.corp.internal/x\n'unclosed\n", "not KEY=value"),
]


@pytest.mark.parametrize("name, text, reason", BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_file_is_still_searched_for_key_formats(name: str, text: str, reason: str) -> None:
    got, warnings = scan(name, text)
    assert {code for _, _, code in got} == {"NSC202"}
    assert len(warnings) == 1 and warnings[0].startswith(reason) and PW not in warnings[0]


@pytest.mark.parametrize("value, is_reference", [
    ("${DB_PASSWORD}", True), ("${DB_PASSWORD:-}", True), ("${X:-fallback}", True), ("$TOKEN", True),
    ("{{ vault_token }}", True), ("{{ .Values.token }}", True), ("${{ secrets.PYPI }}", True),
    ("%(password)s", True), ("env(DB_PASSWORD)", True), ("%env(APP_SECRET)%", True), (" ${A} ${B} ", True),
    ("{% raw %}", True), ("", False), ("plain", False), ("pre${X}", False), ("pa$word", False), ("100%", False),
])
def test_interpolation_references(value: str, is_reference: bool) -> None:
    assert base.is_reference(value) is is_reference


@pytest.mark.parametrize("path, shown", [
    (("db", "password"), "db.password"),
    (("services", "web", "environment", "POSTGRES_PASSWORD"), "web.environment.POSTGRES_PASSWORD"),
    (("a" * 30, "b" * 30, "token"), "b" * 30 + ".token"),
    (("keys", ""), "keys"),
])
def test_shown_key_keeps_the_head(path: tuple[str, ...], shown: str) -> None:
    assert base.shown_key(path) == shown


@pytest.mark.parametrize("name, kind", [
    ("settings.yaml", "yaml"), ("docker-compose.yml", "yaml"), ("pyproject.toml", "toml"), ("tox.ini", "ini"),
    ("setup.cfg", "ini"), ("pip.conf", "ini"), (".pypirc", "ini"), ("package.json", "json"), (".env", "dotenv"),
    (".env.production", "dotenv"), ("docker.env", "dotenv"), ("requirements.txt", "requirements"),
    ("requirements-dev.txt", "requirements"), ("constraints.txt", "requirements"),
    ("requirements/base.txt", "requirements"), ("Dockerfile", "dockerfile"), ("Dockerfile.prod", "dockerfile"),
    ("api.Dockerfile", "dockerfile"), ("app.py", "python"), ("nb.ipynb", "notebook"), ("README.md", None),
    ("notes.txt", None), ("nginx.conf", None),
])
def test_kind_of(name: str, kind: str | None) -> None:
    assert files.kind_of(name) == kind


# --------------------------------------------------------------------------- NSC301: the committed .env


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@t", "PATH": "/usr/bin:/bin", "HOME": str(root)})


@pytest.mark.parametrize("name, setup, placement", [
    (".env", "tracked", "tracked by git"),
    (".env", "untracked", "in a git work tree and not git-ignored"),
    (".env.production", "tracked", "tracked by git"),
    ("docker.env", "untracked", "in a git work tree and not git-ignored"),
    (".env", "ignored", None),
    (".env.example", "tracked", None),
    (".env.template", "tracked", None),
    (".env", "no-git", None),
])
def test_committed_env_file(tmp_path: Path, name: str, setup: str, placement: str | None) -> None:
    path = tmp_path / name
    path.write_text("DEBUG=1\n")
    if setup != "no-git":
        git(tmp_path, "init", "-q")
    if setup == "ignored":
        (tmp_path / ".gitignore").write_text(".env\n")
    if setup == "tracked":
        git(tmp_path, "add", name)
    found, _ = scan_text(path.read_text(), path.read_text().splitlines(True), str(path), "dotenv", options.DEFAULT)
    got = [(f.line, f.col, f.code, f.message) for f in found]
    assert got == ([(1, 0, "NSC301", f"environment file {placement}")] if placement else [])


def test_committed_env_file_values_are_findings_too_and_markers_work(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    env = tmp_path / ".env"
    env.write_text(f"DB_PASSWORD={PW}\n")
    got, _ = scan(str(env), env.read_text())
    assert got == {(1, 1, "NSC301"), (1, 13, "NSC206")}
    env.write_text(f"DB_PASSWORD={PW}  # pragma: allowlist secret\n")
    assert scan(str(env), env.read_text())[0] == set()


# --------------------------------------------------------------------------- the standalone command


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(f'password = "{PW}"\n')
    (tmp_path / "settings.yaml").write_text(f"db:\n  password: {PW}\n")
    (tmp_path / "broken.json").write_text(f'{{"url": "https://ci:{PW}@pypi.corp.internal/x"')
    (tmp_path / "requirements").mkdir()
    (tmp_path / "requirements" / "base.txt").write_text(f"-i https://ci:{PW}@pypi.corp.internal/simple\n")
    (tmp_path / "README.md").write_text(f"password: {PW}\n")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(["--isolated", "--no-progress", *argv])
    out, err = capsys.readouterr()
    assert all(s not in out + err for s in SECRETS)
    return status, out, err


def test_the_scan_walks_config_files_and_a_broken_one_is_a_warning(tree: Path, capsys) -> None:
    status, out, err = run(capsys, ".")
    assert [line.split(": ")[0] for line in out.splitlines()] == [
        "./app.py:1:12", "./broken.json:1:21", "./settings.yaml:2:13", "./requirements/base.txt:1:4"]
    assert status == 1  # findings; the JSON file that does not parse is a warning, not an error
    end = len('{"url": "https://ci:@pypi.corp.internal/x"') + len(PW) + 1
    assert err == f"./broken.json: warning: not valid JSON (line 1, col {end}): Expecting ',' delimiter; " \
                  "only key formats were checked\n"


def test_file_kinds_option(tree: Path, capsys) -> None:
    status, out, _ = run(capsys, "--nosecrets-file-kinds", "python", ".")
    assert status == 1 and [line.split(":")[0] for line in out.splitlines()] == ["./app.py"]
    (tree / "pyproject.toml").write_text('[tool.nosecrets]\nfile-kinds = ["yaml"]\n')
    status, out, _ = run(capsys, ".", "settings.yaml", "requirements/base.txt")
    status = cli.main(["--no-progress", ".", "requirements/base.txt"])  # configured (not --isolated)
    out, err = capsys.readouterr()
    assert [line.split(":")[0] for line in out.splitlines()] == ["./settings.yaml"]  # a named file of a kind off
    status, _, err = run(capsys, "--nosecrets-file-kinds", "xml", ".")
    assert status == 2 and "unknown kind(s) xml" in err


def test_json_and_sarif_outputs_carry_config_findings(tree: Path, capsys) -> None:
    _, out, _ = run(capsys, "--format", "json", "settings.yaml")
    assert [(r["path"], r["line"], r["col"], r["code"], r["rule"]) for r in json.loads(out)] == [
        ("settings.yaml", 2, 13, "NSC206", "hardcoded-password")]
    _, out, _ = run(capsys, "--format", "sarif", "settings.yaml")
    result = json.loads(out)["runs"][0]["results"][0]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert result["ruleId"] == "NSC206" and (region["startLine"], region["startColumn"]) == (2, 13)


def test_noqa_and_baseline_apply_to_config_files(tree: Path, capsys) -> None:
    (tree / "settings.yaml").write_text(f"db:\n  password: {PW}  # noqa: NSC206\n  token: {KEY}\n")
    _, out, _ = run(capsys, "settings.yaml")
    assert [line.split(": ")[0] for line in out.splitlines()] == ["settings.yaml:3:10"]
    from flake8_nosecrets import baseline_cli

    assert baseline_cli.main(["--isolated", "-o", "base.json", "."]) == 0  # records the config files' findings too
    status, out, _ = run(capsys, "--nosecrets-baseline", "base.json", ".")
    assert status == 0 and out == ""


# --------------------------------------------------------------------------- the readers against their parsers


def _strings(obj: object) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for v in obj.values() for s in _strings(v)]
    if isinstance(obj, list):
        return [s for v in obj for s in _strings(v)]
    return []


TOML_SUITE = Path(sysconfig.get_paths()["stdlib"]) / "test" / "test_tomllib" / "data" / "valid"


@pytest.mark.skipif(not TOML_SUITE.is_dir(), reason="CPython's tomllib test data is not installed")
def test_toml_reader_finds_every_string_tomllib_decodes() -> None:
    """CPython's own valid-TOML suite: the position reader finds exactly the strings tomllib decodes."""
    from flake8_nosecrets.files import tomlfile

    checked = 0
    for path in sorted(TOML_SUITE.rglob("*.toml")):
        text = path.read_text(encoding="utf-8")
        assert sorted(v.value for v in tomlfile.values(text)) == sorted(_strings(tomlfile.tomllib.loads(text))), path
        checked += 1
    assert checked >= 10


def test_json_with_many_unclosed_comments_stays_linear() -> None:
    import time

    text = '{"a": "' + PW + '", ' + "/*" * 100_000
    start = time.process_time()
    found, warnings = scan("config.json", text)
    assert time.process_time() - start < 5 and warnings and warnings[0].startswith("not valid JSON")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(json_values, st.sampled_from([None, 1, 2]))
def test_json_reader_finds_every_string_value(data: object, indent: int | None) -> None:
    from flake8_nosecrets.files import jsonfile

    text = json.dumps(data, indent=indent)
    found = jsonfile.values(text)
    assert sorted(v.value for v in found) == sorted(_strings(json.loads(text)))
    for v in found:  # each at its literal: the quote that opens the JSON string of that value
        line = text.splitlines()[v.line - 1]
        assert line[v.col] == '"' and json.loads(text[v.start:v.end]) == v.value
