"""Notebooks: code cells with IPython syntax, markdown and outputs scanned; fix round-trip through nbformat.

The fix tests use a stand-in transform (text substitution of the flagged literal by
``os.environ[...]`` plus an added ``import os`` line) because ``fix_notebook`` takes the
transform as a callable; the real codemod plugs in the same way.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import secretgen
from flake8_nosecrets import notebook, options as opts, providers
from flake8_nosecrets.fix import codemod, envname
from flake8_nosecrets.scanner import scan_source

nbformat = pytest.importorskip("nbformat")
v4 = nbformat.v4

GH = secretgen.provider_samples(providers.BY_ID["github-pat"])[0]
OPENAI = secretgen.provider_samples(providers.BY_ID["openai-api-key"])[0]
PW = secretgen.password(secretgen.rng("nb"))
JWT = secretgen.jwt()
BEARER = secretgen.random_key(secretgen.rng("nb-bearer"), 40)


def make(tmp_path: Path, *cells, name: str = "nb.ipynb") -> Path:
    nb = v4.new_notebook()
    nb.cells = list(cells)
    path = tmp_path / name
    nbformat.write(nb, str(path))
    return path


def locations(path: Path, **kw) -> list[tuple[str, str]]:
    return [(nf.location, nf.finding.code) for nf in notebook.scan_notebook(str(path), **kw)]


def stream(text: str):
    return v4.new_output("stream", name="stdout", text=text)


# ---------------------------------------------------------------- check mode


def test_code_cell_finding_names_cell_and_line(tmp_path: Path) -> None:
    path = make(tmp_path, v4.new_markdown_cell("# Title"), v4.new_code_cell(f'import os\n\ntoken = "{GH}"'))
    (nf,) = notebook.scan_notebook(str(path))
    assert (nf.cell, nf.kind, nf.location, nf.finding.code) == (2, "code", "cell 2, line 3", "NSC102")
    assert nf.finding.rule == "vcs-ci-token"
    text = nf.format()
    assert text.startswith(f"{path}: cell 2, line 3, col 9: NSC102 ") and GH not in text


@pytest.mark.parametrize(
    "ipython",
    [
        "%matplotlib inline",
        "!pip install requests",
        "files = !ls -la",
        "result = %timeit -o sum(range(10))",
        "os.path?",
        "??os",
        "%load_ext autoreload\n%autoreload 2",
        "for f in files:\n    !echo {f}",
        "await asyncio.sleep(0)",
    ],
)
def test_ipython_syntax_is_tolerated(tmp_path: Path, ipython: str) -> None:
    src = f'{ipython}\npassword = "{PW}"'
    path = make(tmp_path, v4.new_code_cell(src))
    line = ipython.count("\n") + 2
    assert locations(path) == [(f"cell 1, line {line}", "NSC206")]


def test_python_cell_magic_body_is_python(tmp_path: Path) -> None:
    path = make(tmp_path, v4.new_code_cell(f'%%time\napi_token = "{GH}"'))
    assert locations(path) == [("cell 1, line 2", "NSC102")]


def test_other_language_cell_is_scanned_as_text(tmp_path: Path) -> None:
    path = make(tmp_path, v4.new_code_cell(f'%%bash\nexport X=1\ncurl -H "Authorization: Bearer {JWT}" x'))
    found = locations(path)
    assert found and all(loc == "cell 1, line 3" for loc, _ in found)


def test_env_magic_is_an_environment_write(tmp_path: Path) -> None:
    path = make(tmp_path, v4.new_code_cell(f"%env OPENAI_API_KEY={OPENAI}\nimport openai"))
    (nf,) = notebook.scan_notebook(str(path))
    assert (nf.location, nf.finding.code) == ("cell 1, line 1", "NSC105")
    assert "OPENAI_API_KEY" in nf.finding.message and OPENAI not in nf.format()


def test_env_magic_with_password_name(tmp_path: Path) -> None:
    path = make(tmp_path, v4.new_code_cell(f"%env DB_PASSWORD={PW}"))
    assert locations(path) == [("cell 1, line 1", "NSC206")]


def test_shell_escape_with_token(tmp_path: Path) -> None:
    path = make(tmp_path, v4.new_code_cell(f"x = 1\n!git clone https://{GH}@github.com/o/r.git"))
    assert locations(path) == [("cell 1, line 2", "NSC102")]


def test_markdown_and_raw_cells_scanned_by_value(tmp_path: Path) -> None:
    path = make(tmp_path, v4.new_markdown_cell(f"Use this key:\n\n`{GH}`"), v4.new_raw_cell(f"token: {OPENAI}"))
    assert locations(path) == [("cell 1, line 3", "NSC102"), ("cell 2, line 1", "NSC105")]


@pytest.mark.parametrize(
    "output",
    [
        lambda: stream(f"connecting...\nusing {GH}\n"),
        lambda: v4.new_output("execute_result", data={"text/plain": f"'{GH}'"}, execution_count=1),
        lambda: v4.new_output("display_data", data={"text/html": f"<b>\n{GH}</b>"}),
        lambda: v4.new_output("error", ename="ValueError", evalue=f"bad token {GH}", traceback=["\x1b[31mx"]),
    ],
    ids=["stream", "execute_result", "display_data", "error"],
)
def test_outputs_are_scanned(tmp_path: Path, output) -> None:
    cell = v4.new_code_cell("print(get_token())", outputs=[stream("ok\n"), output()])
    path = make(tmp_path, cell)
    found = notebook.scan_notebook(str(path))
    assert [(nf.kind, nf.output, nf.finding.code) for nf in found] == [("output", 2, "NSC102")]
    assert found[0].location.startswith("cell 1, output 2, line ")
    assert GH not in found[0].format()


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # a response echoed in lower case: the scheme in any case, a random-looking token after it
        (f"{{'authorization': 'bearer {BEARER}', 'status': 200}}\n", ["NSC203"]),
        (f"token_type=bearer access={BEARER}\nbearer {BEARER}\n", ["NSC203"]),
        # a word after 'bearer' is prose, not a token
        ("The server expects a bearer token in the authorization header.\n", []),
    ],
    ids=["dict-repr", "lone-bearer", "prose"],
)
def test_lower_case_bearer_in_outputs(tmp_path: Path, text: str, codes: list[str]) -> None:
    path = make(tmp_path, v4.new_code_cell("print(resp.request.headers)", outputs=[stream(text)]))
    found = notebook.scan_notebook(str(path))
    assert [nf.finding.code for nf in found] == codes
    assert all(BEARER not in nf.format() for nf in found)


def test_code_secret_echoed_in_output_is_reported(tmp_path: Path) -> None:
    cell = v4.new_code_cell(f'password = "{PW}"\nprint(password)', outputs=[stream(f"{PW}\n")])
    path = make(tmp_path, cell)
    found = notebook.scan_notebook(str(path))
    assert [(nf.location, nf.finding.code) for nf in found] == [
        ("cell 1, line 1", "NSC206"), ("cell 1, output 1, line 1", "NSC206")]
    assert "printed in a cell output" in found[1].finding.message and PW not in found[1].format()
    assert {nf.finding.rule for nf in found} == {"hardcoded-password"}


@pytest.mark.parametrize("marker", ["# noqa: NSC206", "# noqa: NSC2", "# pragma: allowlist secret", "# nosec"])
def test_suppression_markers_in_code_cells(tmp_path: Path, marker: str) -> None:
    path = make(tmp_path, v4.new_code_cell(f'%matplotlib inline\npassword = "{PW}"  {marker}'))
    assert locations(path) == []


def test_bare_noqa_hides_a_finding_only_under_flake8s_rule(tmp_path: Path) -> None:
    path = make(tmp_path, v4.new_code_cell(f'%matplotlib inline\npassword = "{PW}"  # noqa'))
    assert [nf.finding.code for nf in notebook.scan_notebook(str(path))] == ["NSC206"]
    assert notebook.scan_notebook(str(path), opts.build({"nosecrets-bare-noqa": "true"})) == []


def test_noqa_for_another_code_does_not_suppress(tmp_path: Path) -> None:
    path = make(tmp_path, v4.new_code_cell(f'password = "{PW}"  # noqa: E501'))
    assert locations(path) == [("cell 1, line 1", "NSC206")]


@pytest.mark.parametrize(
    "source",
    [
        'password = os.environ["PASSWORD"]',
        'api_key = "your-api-key-here"',
        "%env MODEL=gpt-4o",
        "!pip install flake8-nosecrets",
        "def f(:\n  broken",  # not Python, no secret: nothing, no crash
    ],
)
def test_clean_cells(tmp_path: Path, source: str) -> None:
    path = make(tmp_path, v4.new_code_cell(source), v4.new_markdown_cell("Set `OPENAI_API_KEY` first."))
    assert locations(path) == []


def test_unreadable_notebook_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ipynb"
    bad.write_text("{not json")
    with pytest.raises(notebook.NotebookError, match="bad.ipynb"):
        notebook.scan_notebook(str(bad))


def test_to_python_keeps_line_count_and_restores() -> None:
    src = '%load_ext x\nfiles = !ls\nfor f in files:\n    !echo {f}\nos.path?\nvalue = 1'
    cell = notebook.to_python(src)
    assert cell.python is not None and cell.python.count("\n") == src.count("\n")
    assert "%" not in cell.python and "!" not in cell.python
    assert notebook.restore(cell.python, cell) == src


def test_check_mode_cli(tmp_path: Path) -> None:
    path = make(tmp_path, v4.new_code_cell(f'token = "{GH}"'))
    proc = subprocess.run([sys.executable, "-m", "flake8_nosecrets.notebook", str(path)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "cell 1, line 1, col 9: NSC102" in proc.stdout and GH not in proc.stdout
    clean = make(tmp_path, v4.new_code_cell("x = 1"), name="clean.ipynb")
    assert subprocess.run([sys.executable, "-m", "flake8_nosecrets.notebook", str(clean)], cwd=tmp_path,
                          capture_output=True, timeout=60).returncode == 0


# ---------------------------------------------------------------- fix round-trip


def stand_in_transform(source: str) -> str:
    """A minimal fixer: each flagged literal becomes os.environ[...], and ``import os`` is added on top."""
    found = scan_source(source)
    for n, f in enumerate(found):
        for quote in ('"', "'"):
            source = source.replace(f"{quote}{f.secret}{quote}", f'os.environ["SECRET_{n}"]')
    return source if not found or source.startswith("import os\n") else "import os\n" + source


def test_fix_round_trip(tmp_path: Path) -> None:
    cells = [
        v4.new_markdown_cell("# Demo"),
        v4.new_code_cell("%matplotlib inline\nimport requests"),
        v4.new_code_cell(
            f'%load_ext autoreload\ntoken = "{GH}"\nfiles = !ls\npassword = "{PW}"\nprint(password)',
            outputs=[stream(f"{PW}\n"), stream("done\n")], execution_count=2,
        ),
        v4.new_code_cell("print('hello')", outputs=[stream("hello\n")], execution_count=3),
    ]
    path = make(tmp_path, *cells)
    before = json.loads(path.read_text())
    result = notebook.fix_notebook(str(path), stand_in_transform)
    assert (result.changed, result.cells_rewritten, result.outputs_cleared) == (True, 1, 1)
    assert result.remaining == []
    text = path.read_text()
    assert GH not in text and PW not in text
    assert text.endswith("}\n") and text.startswith('{\n "cells": [\n  {')  # nbformat/Jupyter layout: indent 1
    nbformat.validate(nbformat.reads(text, as_version=4))
    after = json.loads(text)
    fixed = "".join(after["cells"][2]["source"])
    assert fixed == (
        'import os\n%load_ext autoreload\ntoken = os.environ["SECRET_0"]\nfiles = !ls\n'
        'password = os.environ["SECRET_1"]\nprint(password)'
    )
    assert after["cells"][2]["outputs"] == [before["cells"][2]["outputs"][1]]  # only the leaking output went
    for i in (0, 1, 3):
        assert after["cells"][i] == before["cells"][i]
    assert after["metadata"] == before["metadata"] and after["nbformat_minor"] == before["nbformat_minor"]
    assert notebook.scan_notebook(str(path)) == []
    # a second run has nothing to do and leaves the file byte for byte
    again = notebook.fix_notebook(str(path), stand_in_transform)
    assert not again.changed and path.read_text() == text


def test_fix_leaves_clean_notebook_untouched(tmp_path: Path) -> None:
    path = make(tmp_path, v4.new_code_cell("x = 1"))
    raw = path.read_bytes()
    # a notebook saved by another editor (different key order and indent) must not be reformatted
    data = json.loads(raw)
    path.write_text(json.dumps(data, indent=4))
    raw = path.read_bytes()
    assert not notebook.fix_notebook(str(path), stand_in_transform).changed
    assert path.read_bytes() == raw


def test_fix_reports_what_it_cannot_fix(tmp_path: Path) -> None:
    path = make(tmp_path, v4.new_code_cell(f"%%bash\necho {GH}"), v4.new_markdown_cell(f"key {OPENAI}"))
    result = notebook.fix_notebook(str(path), stand_in_transform)
    assert not result.changed
    assert [(nf.kind, nf.finding.code) for nf in result.remaining] == [("code", "NSC102"), ("markdown", "NSC105")]


def test_fix_dry_run_does_not_write(tmp_path: Path) -> None:
    path = make(tmp_path, v4.new_code_cell(f'token = "{GH}"'))
    raw = path.read_bytes()
    result = notebook.fix_notebook(str(path), stand_in_transform, write=False)
    assert result.changed and result.remaining == [] and path.read_bytes() == raw


def test_fix_with_the_real_codemod(tmp_path: Path) -> None:
    """The nosecrets-fix codemod plugs in as the transform: one code cell at a time, magics kept."""
    path = make(tmp_path, v4.new_code_cell(
        f'%pip install PyGithub\nfrom github import Github\ngh = Github(login_or_token="{GH}")\nprint(gh)',
        outputs=[stream(f"{GH}\n")]))
    namer = envname.Namer({})
    moves = []

    def transform(source: str) -> str:
        out, moved, _manual = codemod.fix_code(source, str(path), name_for=lambda f, v, w: namer.name_for(v, w))
        moves.extend(moved)
        return out.decode("utf-8")

    result = notebook.fix_notebook(str(path), transform)
    assert (result.cells_rewritten, result.outputs_cleared, result.remaining) == (1, 1, [])
    source = "".join(json.loads(path.read_text())["cells"][0]["source"])
    assert GH not in path.read_text() and "os.environ[" in source
    assert "%pip install PyGithub" in source.splitlines()  # the IPython line is back, untouched
    assert 'gh = Github(login_or_token=os.environ["' in source
    assert len(moves) == 1


# ---------------------------------------------------------------- positions in the .ipynb file


@pytest.mark.parametrize("layout", ["nbformat", "indent4-string-sources"])
def test_file_line_points_at_the_json_string_holding_the_secret(tmp_path: Path, layout: str) -> None:
    cells = [
        v4.new_markdown_cell(f"intro\n\nkey: {OPENAI}\n"),
        v4.new_code_cell(
            f'%load_ext autoreload\nimport os\n\npassword = "{PW}"\nprint(password)',
            outputs=[stream(f"hello\n{PW}\n"),
                     v4.new_output("error", ename="E", evalue="x", traceback=["\x1b[31mTraceback", f"bad {GH}"])],
        ),
    ]
    path = make(tmp_path, *cells)
    if layout != "nbformat":
        data = json.loads(path.read_text())
        for cell in data["cells"]:
            cell["source"] = "".join(cell["source"])
        path.write_text(json.dumps(data, indent=4))
    raw_lines = path.read_text().splitlines()
    found = notebook.scan_notebook(str(path))
    assert [(nf.location, nf.finding.code) for nf in found] == [
        ("cell 1, line 3", "NSC105"), ("cell 2, line 4", "NSC206"),
        ("cell 2, output 1, line 2", "NSC206"), ("cell 2, output 2, line 2", "NSC102"),
    ]
    for nf in found:
        assert nf.file_line > 0 and nf.finding.secret in raw_lines[nf.file_line - 1], nf.location
        ff = nf.file_finding()
        assert (ff.line, ff.col, ff.code) == (nf.file_line, 0, nf.finding.code) and nf.location in ff.message


def test_sarif_for_a_notebook_points_into_the_file(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from flake8_nosecrets import sarif

    path = make(tmp_path, v4.new_code_cell(f'x = 1\ntoken = "{GH}"'))
    found = notebook.scan_notebook(str(path))
    log = sarif.build([(str(path), nf.file_finding()) for nf in found], root=str(tmp_path))
    schema = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(log)
    (result,) = log["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert GH in path.read_text().splitlines()[region["startLine"] - 1]
    assert "(cell 1, line 2)" in result["message"]["text"] and GH not in json.dumps(log)


# ---------------------------------------------------------------- fix: what nosecrets-fix builds on


def test_fix_without_writing_returns_the_text_and_where(tmp_path: Path) -> None:
    cells = [
        v4.new_markdown_cell(f"key `{OPENAI}`"),
        v4.new_code_cell(f'password = "{PW}"\nprint(password)', outputs=[stream("start\n"), stream(f"{PW}\n")]),
        v4.new_code_cell("print(token())", outputs=[stream(f"{GH}\n")]),
    ]
    path = make(tmp_path, *cells)
    raw = path.read_text()
    seen = []

    def transform(source: str) -> str:
        seen.append(source)
        return stand_in_transform(source)

    result = notebook.fix_notebook("elsewhere.ipynb", transform, write=False, raw=raw)
    assert path.read_text() == raw  # raw given: the path is only a name
    assert (result.transformed, result.cleared, result.outputs_cleared) == ([2], [(2, 2), (3, 1)], 2)
    assert len(seen) == 1 and result.text and PW not in result.text and GH not in result.text
    nbformat.validate(nbformat.reads(result.text, as_version=4))
    assert [(nf.location, nf.kind) for nf in result.found] == [
        ("cell 1, line 1", "markdown"), ("cell 2, line 1", "code"),
        ("cell 2, output 2, line 1", "output"), ("cell 3, output 1, line 1", "output")]
    assert [nf.location for nf in result.remaining] == ["cell 1, line 1"]


def test_fix_select_narrows_what_is_acted_on(tmp_path: Path) -> None:
    cell = v4.new_code_cell(f'token = "{GH}"\npassword = "{PW}"', outputs=[stream(f"{GH}\n"), stream(f"{PW}\n")])
    path = make(tmp_path, cell)
    result = notebook.fix_notebook(str(path), stand_in_transform, write=False,
                                   select=lambda found: [nf for nf in found if nf.finding.code != "NSC102"])
    assert result.cleared == [(1, 2)]  # the output with the unselected token stays
    after = json.loads(result.text)["cells"][0]
    assert [o["text"] for o in after["outputs"]] == [[f"{GH}\n"]]
    assert {nf.finding.code for nf in result.found} == {"NSC206"}
    nothing = notebook.fix_notebook(str(path), stand_in_transform, select=lambda found: [])
    assert not nothing.changed and nothing.transformed == [] and nothing.text == ""


def test_fix_refuses_a_notebook_nbformat_rejects_without_quoting_it(tmp_path: Path, capfd, caplog) -> None:
    path = make(tmp_path, v4.new_code_cell(f'token = "{GH}"'))
    data = json.loads(path.read_text())
    data["cells"][0]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": 7, "x": GH}]
    path.write_text(json.dumps(data))
    raw = path.read_bytes()
    with pytest.raises(notebook.NotebookError) as exc:
        notebook.fix_notebook(str(path), stand_in_transform)
    assert str(exc.value) == f"{path}: not a valid notebook: does not match the nbformat schema in cell 1"
    assert path.read_bytes() == raw
    captured = capfd.readouterr()
    assert GH not in captured.out + captured.err + caplog.text


def test_fix_refuses_what_is_not_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ipynb"
    bad.write_text('{"cells": [')
    with pytest.raises(notebook.NotebookError, match="not a readable notebook"):
        notebook.fix_notebook(str(bad), stand_in_transform)
    assert bad.read_text() == '{"cells": ['


@pytest.mark.parametrize(
    "cell, reason",
    [
        (lambda: v4.new_markdown_cell(f"`{GH}`"), "in a markdown cell"),
        (lambda: v4.new_raw_cell(f"{GH}"), "in a raw cell"),
        (lambda: v4.new_code_cell(f"%%bash\necho {GH}"), "in a cell that is not Python"),
        (lambda: v4.new_code_cell(f"x = 1\n!curl -u u:{PW} https://{GH}@h/"), "on an IPython magic or shell line"),
        (lambda: v4.new_code_cell(f'%matplotlib inline\ntoken = "{GH}"'), ""),
        (lambda: v4.new_code_cell("print(1)", outputs=[stream(f"{GH}\n")]), "in a cell output"),
    ],
)
def test_untransformed_reason(tmp_path: Path, cell, reason: str) -> None:
    path = make(tmp_path, cell())
    nb = notebook.load(str(path))
    found = notebook.scan_notebook(str(path))
    assert found and {notebook.untransformed_reason(nb, nf) for nf in found} == {reason}
