"""Configuration files, read the way flake8 reads them, for the front-ends that run without flake8.

The standalone ``nosecrets`` command and ``nosecrets-fix`` must mean the same
thing as the flake8 plugin for the same tree, so they read the same places:

* the ``[flake8]`` section of the first of ``setup.cfg``, ``tox.ini``,
  ``.flake8`` that has one, searching upward from the start directory and
  stopping at the home directory or the root (flake8's own search, from the
  current directory); the ``nosecrets-*`` keys become :class:`Options`, and
  flake8's ``exclude``, ``extend-exclude``, ``ignore``, ``extend-ignore``,
  ``select``, ``extend-select`` and ``per-file-ignores`` are kept for the
  file walk and the code filter;
* ``[tool.nosecrets]`` in the nearest ``pyproject.toml`` that has that table,
  with keys written with or without the ``nosecrets-`` prefix
  (``extra-names = ["pin"]``); its values win over ``[flake8]``.

Values are validated once by :func:`flake8_nosecrets.options.build`; any
error is a :class:`ConfigError` whose message names the file and the key.
"""

from __future__ import annotations

import configparser
import dataclasses
import functools
import os
from typing import Any, Mapping

from . import options as opts, suppress

CONFIG_NAMES = ("setup.cfg", "tox.ini", ".flake8")
SPEC_NAMES = frozenset(spec.name for spec in opts.SPECS)
# flake8's keys that decide which files and codes are looked at.
_FLAKE8_LIST_KEYS = ("exclude", "extend-exclude", "ignore", "extend-ignore", "select", "extend-select")


class ConfigError(opts.OptionError):
    """A configuration file is unreadable or holds an invalid value; the message names file and key."""


@dataclasses.dataclass(frozen=True)
class Config:
    """Everything the front-ends take from configuration files."""

    options: opts.Options = opts.DEFAULT
    values: Mapping[str, Any] = dataclasses.field(default_factory=dict)  # merged raw nosecrets-* values
    exclude: tuple[str, ...] | None = None  # flake8 ``exclude`` (normalised), None when not set
    extend_exclude: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()  # ``ignore`` + ``extend-ignore``
    select: tuple[str, ...] = ()  # ``select`` + ``extend-select``
    per_file_ignores: str = ""  # raw; parsed by flake8's own parser when used
    flake8_file: str | None = None
    pyproject_file: str | None = None
    warnings: tuple[str, ...] = ()

    @functools.cached_property
    def code_filter(self) -> suppress.CodeFilter:
        """flake8's select/ignore/per-file-ignores as a :class:`~flake8_nosecrets.suppress.CodeFilter`
        (per-file-ignores parsed by flake8's own parser, once per configuration, not once per file)."""
        per_file: tuple[tuple[str, tuple[str, ...]], ...] = ()
        if self.per_file_ignores.strip():
            from flake8 import utils as flake8_utils  # flake8's own parser for its own syntax

            try:
                mapping = flake8_utils.parse_files_to_codes_mapping(self.per_file_ignores)
            except Exception as exc:  # flake8 raises its own ValueError subclass with the reason
                raise ConfigError(f"{self.flake8_file}: [flake8] per-file-ignores: {exc}") from None
            per_file = tuple((flake8_utils.normalize_path(pattern), tuple(codes)) for pattern, codes in mapping)
        return suppress.CodeFilter(select=self.select, ignore=self.ignore, per_file=per_file)

    @property
    def root(self) -> str:
        """The directory relative patterns are anchored to: the flake8 config's directory, else the current one."""
        return os.path.dirname(self.flake8_file) if self.flake8_file else os.path.abspath(os.curdir)


def _stat_key(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_dev


def _upward(start: str):
    """*start* and its parents, stopping before the home directory's parent and at the root (as flake8 does)."""
    path = os.path.abspath(start)
    if not os.path.isdir(path):
        path = os.path.dirname(path)
    home = _stat_key(os.path.expanduser("~"))
    seen = _stat_key(path)
    while True:
        yield path
        parent = os.path.dirname(path)
        key = _stat_key(parent)
        if parent == path or key == seen or (home is not None and key == home):
            return
        path, seen = parent, key


def find_flake8_config(start: str) -> str | None:
    """The first ``setup.cfg``/``tox.ini``/``.flake8`` with a ``[flake8]`` section, from *start* upward."""
    for directory in _upward(start):
        for name in CONFIG_NAMES:
            candidate = os.path.join(directory, name)
            if not os.path.isfile(candidate):
                continue
            parser = configparser.RawConfigParser()
            try:
                parser.read(candidate, encoding="UTF-8")
            except (UnicodeDecodeError, configparser.Error, OSError):
                continue  # flake8 skips an unparseable candidate too
            if parser.has_section("flake8") or parser.has_section("flake8:local-plugins"):
                return candidate
    return None


def find_pyproject(start: str) -> str | None:
    """The nearest ``pyproject.toml`` with a ``[tool.nosecrets]`` table, from *start* upward."""
    for directory in _upward(start):
        candidate = os.path.join(directory, "pyproject.toml")
        if not os.path.isfile(candidate):
            continue
        try:
            with open(candidate, "rb") as fh:
                data = fh.read()
        except OSError:
            continue
        if b"nosecrets" not in data:
            continue
        import tomllib

        try:
            table = tomllib.loads(data.decode("utf-8")).get("tool", {}).get("nosecrets")
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            return candidate  # mentions us but is broken: let the reader report it
        if table is not None:
            return candidate
    return None


def _list(raw: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in raw.replace("\n", ",").split(",") if x.strip())


def _normalise_paths(patterns: tuple[str, ...], parent: str) -> tuple[str, ...]:
    """flake8's rule: a pattern with a path separator (or ``.``) is made absolute relative to *parent*."""
    out = []
    for p in patterns:
        if p == "." or os.sep in p or (os.altsep and os.altsep in p):
            p = os.path.abspath(os.path.join(parent, p))
        out.append(p.rstrip(os.sep + (os.altsep or "")))
    return tuple(out)


def read_flake8_section(path: str) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """``(nosecrets values, flake8's own keys, warnings)`` of the ``[flake8]`` section of *path*."""
    parser = configparser.RawConfigParser()
    try:
        if not parser.read(path, encoding="UTF-8"):
            raise ConfigError(f"{path}: cannot read the file")
    except (UnicodeDecodeError, configparser.Error) as exc:
        raise ConfigError(f"{path}: not a valid INI file: {str(exc).splitlines()[0]}") from None
    ours: dict[str, str] = {}
    theirs: dict[str, str] = {}
    warnings: list[str] = []
    if not parser.has_section("flake8"):
        return ours, theirs, warnings
    for key, value in parser.items("flake8"):
        name = key.replace("_", "-")
        if name in SPEC_NAMES:
            ours[name] = value
        elif name.startswith("nosecrets-"):
            warnings.append(f"{path}: [flake8] {key}: unknown option (known: {', '.join(sorted(SPEC_NAMES))})")
        elif name in _FLAKE8_LIST_KEYS or name == "per-file-ignores":
            theirs[name] = value
    return ours, theirs, warnings


def read_pyproject_table(path: str) -> dict[str, Any]:
    """The ``[tool.nosecrets]`` table of *path*, keyed by full option name (``nosecrets-…``)."""
    import tomllib

    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the file: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    table = data.get("tool", {}).get("nosecrets", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.nosecrets] must be a table")
    values: dict[str, Any] = {}
    for key, value in table.items():
        name = key.replace("_", "-")
        if not name.startswith("nosecrets-"):
            name = "nosecrets-" + name
        if name not in SPEC_NAMES:
            known = ", ".join(sorted(n.removeprefix("nosecrets-") for n in SPEC_NAMES))
            raise ConfigError(f"{path}: [tool.nosecrets] {key}: unknown option (known: {known})")
        values[name] = value
    return values


def _validated(values: Mapping[str, Any], where: str) -> opts.Options:
    try:
        return opts.build(dict(values))
    except opts.OptionError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def load_config(
    start_dir: str = os.curdir,
    *,
    config_file: str | None = None,
    isolated: bool = False,
    overrides: Mapping[str, Any] | None = None,
) -> Config:
    """Read and validate the configuration that applies to *start_dir*.

    *config_file* names a file to use instead of the search (an INI file with
    a ``[flake8]`` section, or a ``pyproject.toml``); *isolated* ignores every
    file. *overrides* (command-line values, by option name) win over files.
    Raises :class:`ConfigError`.
    """
    flake8_file = pyproject_file = None
    if config_file is not None:
        if not os.path.isfile(config_file):
            raise ConfigError(f"{config_file}: no such configuration file")
        if os.path.basename(config_file).endswith(".toml"):
            pyproject_file = os.path.abspath(config_file)
        else:
            flake8_file = os.path.abspath(config_file)
    elif not isolated:
        flake8_file = find_flake8_config(start_dir)
        pyproject_file = find_pyproject(start_dir)

    ours: dict[str, Any] = {}
    theirs: dict[str, str] = {}
    warnings: list[str] = []
    if flake8_file:
        ours, theirs, warnings = read_flake8_section(flake8_file)
        _validated(ours, f"{flake8_file}: [flake8]")
    merged: dict[str, Any] = dict(ours)
    if pyproject_file:
        table = read_pyproject_table(pyproject_file)
        _validated(table, f"{pyproject_file}: [tool.nosecrets]")
        merged.update(table)
    if overrides:
        _validated(overrides, "command line")
        merged.update(overrides)
    options = _validated(merged, "configuration")

    root = os.path.dirname(flake8_file) if flake8_file else os.path.abspath(os.curdir)
    exclude = _normalise_paths(_list(theirs["exclude"]), root) if "exclude" in theirs else None
    return Config(
        options=options,
        values=merged,
        exclude=exclude,
        extend_exclude=_normalise_paths(_list(theirs.get("extend-exclude", "")), root),
        ignore=_list(theirs.get("ignore", "")) + _list(theirs.get("extend-ignore", "")),
        select=_list(theirs.get("select", "")) + _list(theirs.get("extend-select", "")),
        per_file_ignores=theirs.get("per-file-ignores", ""),
        flake8_file=flake8_file,
        pyproject_file=pyproject_file,
        warnings=tuple(warnings),
    )
