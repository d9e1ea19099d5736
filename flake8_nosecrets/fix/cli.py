"""``nosecrets-fix [--diff] [--env-file FILE] PATH...``: move reported secrets into the environment.

Order of work, so that an interruption at any point loses nothing:

1. read and transform every file in memory (each result must parse, and the
   detector must no longer report the moved values in it);
2. write the env file (atomically, fsync'd, read back through python-dotenv
   first), then ``.env.example`` and ``.gitignore``;
3. replace each source file atomically (temp file + rename, mode kept).

Until step 2 completes no file has changed; after it every value is in the env
file, so a source file that is still old still works and a new one finds its
value. Exit status: 0 nothing to change, 1 changed (or, with ``--diff``,
changes needed), 2 usage or I/O error (one-line reason on stderr).

Jupyter notebooks (``*.ipynb``) take the same path: step 1 runs the codemod on
each code cell through :func:`flake8_nosecrets.notebook.fix_notebook` (which
also clears the outputs that show a secret) and keeps the new notebook text in
memory; steps 2 and 3 are shared. A notebook that is not valid JSON (or, when
it needs fixing, not a valid notebook) is reported and left alone, exit 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import IO, Sequence

from .. import __version__
from ..files import CONFIG_KINDS, kind_of
from . import advice, plan, report, writing
from .change import FixError
from .files import DEFAULT_EXCLUDE, gather


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="nosecrets-fix",
        description=(
            "Move the hardcoded secrets flake8-nosecrets reports into environment variables: each flagged "
            "literal (or just its secret part) becomes os.environ[\"NAME\"] and the value goes to an env file "
            "that git ignores. Nothing printed contains a whole secret."
        ),
    )
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="files or directories (directories: *.py, *.ipynb and the config files of "
                        "nosecrets-file-kinds, recursively; compose files and committed .env files are fixed, "
                        "other config files get advice)")
    p.add_argument("--diff", action="store_true",
                   help="write nothing; print a unified diff (secrets redacted, so it is for review, not for patch)")
    p.add_argument("--env-file", default=".env", metavar="FILE",
                   help="env file the values are merged into (default: .env in the current directory)")
    p.add_argument("--exclude-tests", action="store_true",
                   help="leave test code alone (its fixtures' values stay; see --test-paths)")
    p.add_argument("--test-paths", default=",".join(advice.DEFAULT_TEST_PATHS), metavar="PATTERNS",
                   help="comma-separated patterns of test code: a file name, or DIR/* for a directory on the "
                        "path (default: %(default)s)")
    p.add_argument("--no-history", action="store_true", help="do not search git history for the moved values")
    p.add_argument("--history-max-commits", type=int, default=None, metavar="N",
                   help="search at most the newest N commits (default 2000)")
    p.add_argument("--history-timeout", type=float, default=None, metavar="SECONDS",
                   help="stop the history search after this many seconds (default 20)")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return p


def main(argv: Sequence[str] | None = None, stdout: IO[str] | None = None, stderr: IO[str] | None = None) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    args = build_parser().parse_args(argv)
    try:
        return run(args, out, err)
    except FixError as exc:
        err.write(f"nosecrets-fix: error: {exc}\n")
        return 2
    except KeyboardInterrupt:
        err.write("nosecrets-fix: interrupted; every file is either unchanged or complete\n")
        return 2
    except OSError as exc:  # anything the steps did not turn into a FixError: one line, never a traceback
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        err.write(f"nosecrets-fix: error: {where}{exc.strerror or exc}\n")
        return 2
    except Exception as exc:  # noqa: BLE001 - a bug: one line and exit 2, not a traceback that may quote a value
        err.write(f"nosecrets-fix: error: internal error {type(exc).__name__}; please report\n")
        return 2


def run(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    from .. import config as cfg
    from . import configs, dotenv_io, envname

    cwd = Path.cwd()
    try:
        conf = cfg.load_config(str(cwd))
    except (cfg.ConfigError, ValueError) as exc:
        raise FixError(str(exc)) from None
    for w in getattr(conf, "warnings", ()):
        err.write(f"nosecrets-fix: warning: {w}\n")
    exclude = tuple(conf.exclude if getattr(conf, "exclude", None) is not None else DEFAULT_EXCLUDE)
    exclude += tuple(getattr(conf, "extend_exclude", ()) or ())
    files = [p for p in gather(args.paths, exclude) if kind_of(str(p)) not in CONFIG_KINDS]
    config_files = configs.gather(args.paths, exclude, conf.options)
    test_paths = advice.parse_patterns(args.test_paths)
    skipped_tests = 0
    if args.exclude_tests:
        kept = [f for f in files if not advice.is_test_code(f, test_paths)]
        skipped_tests, files = len(files) - len(kept), kept
    root = dotenv_io.git_toplevel(cwd) or cwd
    env_arg = Path(args.env_file)
    try:
        env_target = dotenv_io.resolve_env_path(env_arg, root)
    except OSError as exc:
        raise FixError(str(exc)) from None
    if not env_target.parent.is_dir():
        raise FixError(f"{args.env_file}: the directory {env_target.parent} does not exist; create it first")
    stream = out if not args.diff else err
    lock = dotenv_io.locked(env_target) if not args.diff else _null()
    try:
        with lock:
            env = dotenv_io.EnvFile(env_arg, root)
            namer = envname.Namer(env.values)
            changes, warnings, failures = plan.plan_files(files, conf, namer, err)
            config_changes = configs.plan(config_files, conf.options, root)
            changed = [c for c in changes if c.changed]
            moves = [m for c in changed for m in c.moves]
            used = {m.name for m in moves}
            new_entries = {k: v for k, v in namer.new.items() if k in used}
            comments = {}
            for c in changed:
                for m in c.moves:
                    comments.setdefault(m.name, f"moved from {report.at(c, m, col=False)} by nosecrets-fix")
            redactor = report.redactor(changes)
            for w in warnings:
                err.write(f"nosecrets-fix: {w}\n")
            config_status = 1 if any(c.changed for c in config_changes) else 0  # advice alone: left for a human
            if args.diff:
                for c in changed:
                    out.write(redactor(report.diff(c)))
                for cc in config_changes:
                    out.write(configs.diff(cc))
                advised = _advice(changes, test_paths, env_arg, skipped_tests)
                report.summary(stream, changes, new_entries, env_arg, diff=True, notes=advised)
                configs.summary(config_changes, stream, diff_mode=True)
                report.history_report(args, changes, stream, root)
                return 2 if failures else (1 if changed else config_status)
            notes = writing.write_all(changed, env, new_entries, comments, env_arg, stream)
            configs.apply(config_changes, root, stream)
    except dotenv_io.EnvFileError as exc:
        raise FixError(str(exc)) from None
    notes += _advice(changes, test_paths, env_arg, skipped_tests)
    report.summary(stream, changes, new_entries, env_arg, diff=False, notes=notes)
    configs.summary(config_changes, stream, diff_mode=False)
    report.history_report(args, changes, stream, root)
    return 2 if failures else (1 if changed else config_status)


def _advice(changes, test_paths, env_arg: Path, skipped_tests: int) -> list[str]:
    notes = advice.test_code_notes(changes, test_paths, env_arg) + advice.override_notes(changes)
    if skipped_tests:
        notes.append(f"--exclude-tests: {skipped_tests} test file(s) left alone")
    return notes


class _null:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
