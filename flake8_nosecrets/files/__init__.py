"""The files a Python project commits besides its code: config, requirements, ``.env`` and Docker files.

Each kind is read with its own parser (one small module per format family),
every value is mapped back to the line and column where its literal starts,
and the key that holds it is its binding, so that the same
:func:`~flake8_nosecrets.classify.classify` decides as for a Python assignment.

============  ==========================================================  ==========================
kind          files                                                       parser
============  ==========================================================  ==========================
yaml          ``*.yaml``, ``*.yml`` (compose files among them)            PyYAML (node positions)
toml          ``*.toml``                                                  tomllib
ini           ``*.ini``, ``*.cfg``, ``pip.conf``, ``.pypirc``               configparser
json          ``*.json``                                                  json
dotenv        ``.env``, ``.env.*``, ``*.env``                             python-dotenv
requirements  ``requirements*.txt``, ``constraints*.txt``, ``requirements/*.txt``, ``*.in``  pip's line format
dockerfile    ``Dockerfile``, ``Dockerfile.*``, ``*.Dockerfile``, ``Containerfile``      instruction lines
============  ==========================================================  ==========================

``python`` and ``notebook`` name the files the rest of the package scans. The
flake8 plugin only ever sees Python; the standalone scan, the pre-commit hook
and ``nosecrets-baseline`` look at every kind in ``nosecrets-file-kinds``
(default: all).
"""

from __future__ import annotations

import fnmatch
import os
import posixpath

CONFIG_KINDS = ("yaml", "toml", "ini", "json", "dotenv", "requirements", "dockerfile")
KINDS = ("python", "notebook") + CONFIG_KINDS

# Base-name patterns of each kind; the first that matches decides (compose files are YAML).
_PATTERNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("python", ("*.py", "*.pyi")),
    ("notebook", ("*.ipynb",)),
    ("dotenv", (".env", ".env.*", "*.env", "*.env.*")),
    ("requirements", ("*requirements*.txt", "*requirements*.in", "constraints*.txt", "*constraints.txt")),
    ("dockerfile", ("Dockerfile", "Dockerfile.*", "*.Dockerfile", "*.dockerfile", "Containerfile")),
    ("yaml", ("*.yaml", "*.yml")),
    ("toml", ("*.toml",)),
    ("ini", ("*.ini", "*.cfg", "pip.conf", ".pypirc")),
    ("json", ("*.json",)),
)
_COMPOSE = ("docker-compose*.yml", "docker-compose*.yaml", "compose*.yml", "compose*.yaml")
# ``.env.example``: a template meant to be committed (its values are still scanned).
TEMPLATE_WORDS = frozenset({"example", "sample", "template", "dist", "defaults", "tmpl", "tpl"})


def kind_of(path: str, kinds: frozenset[str] | None = None) -> str | None:
    """The kind of the file at *path* by its name (None when no kind, or its kind is not in *kinds*)."""
    name = os.path.basename(path)
    for kind, patterns in _PATTERNS:
        if any(fnmatch.fnmatchcase(name, p) for p in patterns):
            break
    else:
        parent = posixpath.basename(os.path.dirname(path).replace(os.sep, "/"))
        kind = "requirements" if parent == "requirements" and name.endswith((".txt", ".in")) else None
    if kind is None or (kinds is not None and kind not in kinds):
        return None
    return kind


def python_patterns(kinds: frozenset[str]) -> tuple[str, ...]:
    """The base-name patterns of the Python and notebook kinds among *kinds* (what ``--filename`` defaults to)."""
    return tuple(p for kind, patterns in _PATTERNS if kind in ("python", "notebook") and kind in kinds
                 for p in patterns)


def is_compose(path: str) -> bool:
    """A Docker Compose file by its name (``docker-compose.yml``, ``compose.prod.yaml``…)."""
    return any(fnmatch.fnmatchcase(os.path.basename(path), p) for p in _COMPOSE)


def is_env_template(path: str) -> bool:
    """``.env.example``, ``.env.sample``, ``example.env``: an env file meant to be committed."""
    parts = os.path.basename(path).lower().split(".")
    return any(p in TEMPLATE_WORDS for p in parts)
