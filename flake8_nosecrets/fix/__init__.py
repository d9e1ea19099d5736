"""``nosecrets-fix``: move the secrets the detector reports into environment variables.

Nothing here is imported by the flake8 plugin: libcst is loaded only when the
fixer runs (:func:`main` and the names below import their modules on first use).

* :mod:`.cli` - the ``nosecrets-fix`` command: options, and the order of a run;
* :mod:`.files` - which files a run reads, and how a module decodes;
* :mod:`.plan` - step 1: each file transformed in memory and checked;
* :mod:`.writing` - steps 2 and 3: the env file, then the sources, atomically;
* :mod:`.report` - progress, the redacted ``--diff``, the summary;
* :mod:`.change` - what the steps pass on (:class:`~.change.FileChange`, :class:`~.change.FixError`);
* :mod:`.codemod` - the LibCST transform (also a ``libcst.tool codemod`` command): findings matched to
  string nodes; :mod:`.rewrite` rewrites one node, :mod:`.imports` reaches ``os.environ``;
* :mod:`.moves` - the findings a run acts on, and what it did with each;
* :mod:`.envname` - environment variable names;
* :mod:`.dotenv_io` - the env file, ``.env.example`` and ``.gitignore``;
* :mod:`.history` - which moved values are in committed git history (rotation warnings).
"""

from __future__ import annotations

from typing import Any

__all__ = ["MoveSecretsToEnv", "fix_code", "main"]


def main(argv: Any = None) -> int:
    from .cli import main as _main

    return _main(argv)


def __getattr__(name: str) -> Any:
    if name in ("MoveSecretsToEnv", "fix_code"):
        from . import codemod

        return getattr(codemod, name)
    raise AttributeError(name)
