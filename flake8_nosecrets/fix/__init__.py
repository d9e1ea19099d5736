"""``nosecrets-fix``: move the secrets the detector reports into environment variables.

Nothing here is imported by the flake8 plugin: libcst is loaded only when the
fixer runs (:func:`main` and the names below import their modules on first use).

* :mod:`.cli` - the ``nosecrets-fix`` command;
* :mod:`.codemod` - the LibCST transform (also a ``libcst.tool codemod`` command);
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
