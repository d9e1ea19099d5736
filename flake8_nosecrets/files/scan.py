"""One config file -> findings: the format's parser, then the classifier; the fallback when it does not parse.

Only this module knows every format. A file that does not parse in its format
is still searched line by line for key formats (provider keys, private keys,
credentials in URLs…), and the reason is returned as a warning for the run to
print. Full-line comments are searched for key formats too, as Python
comments are.
"""

from __future__ import annotations

from typing import Sequence

from ..findings import Binding, Finding
from ..options import Options
from . import is_compose
from .base import ConfigValue, ParseFailure, line_scan, unsuppressed, value_findings

_COMMENT_STARTS = {"ini": ("#", ";")}


def scan_text(
    text: str, lines: Sequence[str], path: str, kind: str, options: Options
) -> tuple[list[Finding], list[str]]:
    """Findings (sorted, inline markers applied) and warnings for the config file *path* of *kind*."""
    warnings: list[str] = []
    extra: list[int] = []  # lines scanned for key formats alone
    try:
        values = _values(text, path, kind, extra, warnings)
    except ParseFailure as exc:
        warnings.append(f"{exc}; only key formats were checked")
        found = line_scan(lines, options)
    else:
        starts = _COMMENT_STARTS.get(kind, ("#",))
        comments = [n for n, line in enumerate(lines, 1) if line.lstrip().startswith(starts)]
        found = (value_findings(values, lines, options) + line_scan(lines, options, "in a comment", comments)
                 + line_scan(lines, options, "in an instruction", extra))
    if kind == "dotenv":
        found = placement_findings(path, lines) + found
    return sorted(found, key=lambda f: (f.line, f.col, f.code)), warnings


def _values(text: str, path: str, kind: str, extra: list[int], warnings: list[str]) -> list[ConfigValue]:
    if kind == "yaml":
        from . import yamlfile

        return yamlfile.values(text, compose=is_compose(path))
    if kind == "toml":
        from . import tomlfile

        return tomlfile.values(text)
    if kind == "ini":
        from . import inifile

        return inifile.values(text)
    if kind == "json":
        from . import jsonfile

        return jsonfile.values(text)
    if kind == "requirements":
        from . import reqfile

        return reqfile.values(text)
    if kind == "dockerfile":
        from . import dockerfile

        values, other = dockerfile.values(text)
        extra.extend(other)
        return values
    if kind == "dotenv":
        from . import envfile

        values, broken = envfile.values(text)
        if broken:
            shown = ", ".join(map(str, broken[:5])) + (", …" if len(broken) > 5 else "")
            warnings.append(f"not KEY=value on line {shown}; only key formats were checked there")
            extra.extend(broken)
        return values
    raise ValueError(f"not a config file kind: {kind}")


def placement_findings(path: str, lines: Sequence[str]) -> list[Finding]:
    """NSC301 for a ``.env`` file git tracks or would commit (see :mod:`.envfile`)."""
    from . import envfile
    placement = envfile.git_placement(path)
    if placement is None:
        return []
    where = "tracked by git" if placement == "tracked" else "in a git work tree and not git-ignored"
    finding = Finding(code="NSC301", line=1, col=0, message=f"environment file {where}", rule="committed-env-file",
                      provider="", binding=Binding("string"), secret="", node_line=1, end_line=1)
    return unsuppressed([finding], lines)
