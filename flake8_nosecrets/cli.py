"""``nosecrets``: the flake8-nosecrets engine on its own, without the rest of flake8.

flake8 runs pycodestyle and pyflakes on every file as well; this command reads
each file once, parses it once and runs :func:`~flake8_nosecrets.scanner.scan_source`,
so a scan costs little more than parsing. It reads the same configuration as
the plugin (:mod:`.config`), honours the same suppressions (the inline markers
of :mod:`.suppress`, flake8's ``# noqa`` / ``# noqa: NSC…`` / ``# flake8: noqa``,
``ignore``/``extend-ignore``/``per-file-ignores`` entries that name NSC codes)
and the baseline (``nosecrets-baseline``).

Exit status: 0 nothing found, 1 findings, 2 a file could not be scanned (one
``path: error: reason`` line each on stderr; the run goes on) or a usage or
configuration error.

A file that cannot be decoded or parsed is not silently skipped: it is an
error (exit 2) and its text is still searched line by line with the
value-format rules (provider keys, private keys, credentials in URLs…), so a
key in a broken file is still reported.
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import gc
import io
import itertools
import json
import os
import sys
import time
from typing import IO, Any, Iterable, Iterator, Sequence

from . import __version__, config as cfg, options as opts, rules
from .files import CONFIG_KINDS, kind_of, python_patterns
from .findings import Finding, printable
from .scanner import scan_source, scan_unparsed
from .suppress import CodeFilter, apply_noqa
from .textio import FileError, decode, os_reason, read_bytes, split_lines
from .walk import DEFAULT_EXCLUDE, DEFAULT_FILENAMES, Walk

AUTO_JOBS_THRESHOLD = 50  # below this many files one process is faster than starting workers
CHUNK = 24  # files per task sent to a worker process


# --------------------------------------------------------------------------- per-file work


@dataclasses.dataclass(frozen=True)
class Settings:
    """What every worker needs; picklable."""

    options: opts.Options = opts.DEFAULT
    codes: CodeFilter = CodeFilter()
    disable_noqa: bool = False


@dataclasses.dataclass
class FileResult:
    path: str
    findings: list[Finding]
    errors: list[str]
    warnings: list[str] = dataclasses.field(default_factory=list)  # printed; the exit status ignores them


def _baseline_filter(findings: list[Finding], path: str, options: opts.Options) -> list[Finding]:
    if not findings or not options.baseline:
        return findings
    from . import baseline  # only runs that configure a baseline pay for it

    return baseline.filter_findings(findings, path, options)


def scan_text(text: str, path: str, settings: Settings, kind: str = "python") -> tuple[list[Finding], list[str]]:
    """Findings and error reasons for one decoded module (the part of :func:`scan_file` after reading);
    for a config file (*kind* from :mod:`.files`), warnings instead of errors."""
    errors: list[str] = []
    lines = split_lines(text)
    if kind in CONFIG_KINDS:
        from .files.scan import scan_text as scan_config

        findings, errors = scan_config(text, lines, path, kind, settings.options)
        return _filtered(findings, lines, path, settings), errors
    try:
        tree = ast.parse(text, path)
    except SyntaxError as exc:
        where = f"line {exc.lineno}" + (f", col {exc.offset}" if exc.offset else "") if exc.lineno else "unknown line"
        errors.append(f"syntax error ({where}): {printable(str(exc.msg), 120)}; names read from its tokens")
        tree = None
    except (ValueError, RecursionError, MemoryError) as exc:  # null bytes (older 3.11), nesting too deep
        errors.append(f"cannot parse: {printable(str(exc), 120)}; names read from its tokens")
        tree = None
    if tree is None:
        findings = scan_unparsed(lines, settings.options)
    else:
        findings = scan_source(filename=path, options=settings.options, tree=tree, lines=lines)
    del tree
    return _filtered(findings, lines, path, settings), errors


def _filtered(findings: list[Finding], lines: list[str], path: str, settings: Settings) -> list[Finding]:
    """*findings* minus what the baseline, the code filter and ``# noqa`` take out."""
    findings = _baseline_filter(findings, path, settings.options)  # first: it counts occurrences over all
    if findings and settings.codes:
        ignored = settings.codes.ignored_for(path)
        findings = [f for f in findings if settings.codes.reported(f.code, ignored)]
    if findings and not settings.disable_noqa:
        findings = apply_noqa(findings, lines, bare=settings.options.bare_noqa)
    return findings


def scan_notebook(path: str, settings: Settings) -> list[Finding]:
    """A Jupyter notebook's findings (code cells, markdown, outputs) placed at the ``.ipynb`` line holding them.

    The notebook module applies the inline markers inside cells; the code filter and the
    baseline apply here as for any file.
    """
    from . import notebook

    try:
        found = notebook.scan_notebook(path, settings.options)
    except notebook.NotebookError as exc:
        reason = str(exc)
        raise FileError(reason[len(path) + 2:] if reason.startswith(path + ": ") else reason) from None
    if found and settings.options.baseline:  # first: it counts occurrences over all
        kept = {id(f) for f in _baseline_filter([nf.finding for nf in found], path, settings.options)}
        found = [nf for nf in found if id(nf.finding) in kept]
    if found and settings.codes:
        ignored = settings.codes.ignored_for(path)
        found = [nf for nf in found if settings.codes.reported(nf.finding.code, ignored)]
    return [nf.file_finding() for nf in found]


def scan_file(path: str, settings: Settings, data: bytes | None = None) -> FileResult:
    """Scan one file; never raises for anything a file can contain or do."""
    kind = kind_of(path) or "python"
    if kind in CONFIG_KINDS and kind not in settings.options.file_kinds:
        return FileResult(path, [], [])  # named explicitly (pre-commit), but its kind is turned off
    try:
        if data is None:
            data = read_bytes(path)
            if kind == "notebook":
                return FileResult(path, scan_notebook(path, settings), [])
        text, error = decode(data)
        findings, errors = scan_text(text, path, settings, kind)
        if kind in CONFIG_KINDS:
            return FileResult(path, findings, [error] if error else [], errors)
        if error:
            errors.insert(0, error)
    except FileError as exc:
        return FileResult(path, [], [str(exc)])
    except Exception as exc:  # noqa: BLE001 - a bug of ours must not stop the run; no message text (could quote input)
        return FileResult(path, [], [f"internal error ({type(exc).__name__}); please report it"])
    return FileResult(path, findings, errors[:1])  # one line per file: the first cause (decoding before parsing)


# --------------------------------------------------------------------------- worker processes

_WORKER_SETTINGS = Settings()


def _init_worker(settings: Settings) -> None:
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings
    _tune_gc()


def _scan_chunk(paths: list[str]) -> list[FileResult]:
    return [scan_file(p, _WORKER_SETTINGS) for p in paths]


def _tune_gc() -> None:
    """Each module's tree dies by reference counting; the cyclic collector only re-walks long-lived objects.

    Freezing what exists after start-up and collecting less often keeps the collector
    from rescanning the same imports thousands of times; memory stays flat because
    trees hold no reference cycles.
    """
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)


def _chunked(items: Iterable[str], size: int) -> Iterator[list[str]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


# --------------------------------------------------------------------------- output


def _display(path: str) -> str:
    return printable(path, 4096)


def format_text(path: str, f: Finding) -> str:
    return f"{_display(path)}:{f.line}:{f.col + 1}: {f.code} {f.message}"


def json_record(path: str, f: Finding) -> dict[str, Any]:
    rule = rules.BY_CODE.get(f.code)
    return {
        "path": path,
        "line": f.line,
        "col": f.col + 1,
        "code": f.code,
        "rule": rule.slug if rule else "",
        "provider": f.provider,
        "message": f.message,
        "fingerprint": f.fingerprint or None,  # None: the value is too guessable to show a fingerprint
    }


class Progress:
    """A one-line counter on stderr, only on a terminal and only once a run has lasted a moment."""

    DELAY, EVERY = 0.5, 0.1

    def __init__(self, stream: IO[str], enabled: bool) -> None:
        self.stream, self.enabled = stream, enabled
        self.start = self.last = time.monotonic()
        self.shown = False

    def update(self, files: int, findings: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start < self.DELAY or now - self.last < self.EVERY:
            return
        self.last = now
        self.stream.write(f"\rnosecrets: {files} files scanned, {findings} findings\x1b[K")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


# --------------------------------------------------------------------------- command line


def _jobs(text: str) -> int:
    if text == "auto":
        return 0
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of processes or 'auto', got {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1 process, got {n}")
    return n


def _comma_list(text: str) -> list[str]:
    return [x.strip() for x in text.split(",") if x.strip()]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="nosecrets",
        description="Find hardcoded secrets in Python files and the config, requirements, .env and Docker files "
                    "beside them (flake8-nosecrets without the rest of flake8).",
        epilog="Exit status: 0 nothing found, 1 findings, 2 a file could not be scanned or a usage error.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files and directories to scan (default: .)")
    p.add_argument("--format", choices=("text", "json", "sarif"), default="text",
                   help="text (flake8 style, default), json (a list of findings) or sarif (2.1.0)")
    p.add_argument("-j", "--jobs", type=_jobs, default=0, metavar="N",
                   help=f"processes to use; default 'auto': 1 below {AUTO_JOBS_THRESHOLD} files, else one per CPU")
    p.add_argument("--output-file", metavar="FILE", help="write the report to FILE instead of standard output")
    p.add_argument("--config", metavar="FILE",
                   help="use this setup.cfg/tox.ini/.flake8 or pyproject.toml instead of searching for one")
    p.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    p.add_argument("--exclude", type=_comma_list, metavar="PATTERNS",
                   help="comma-separated patterns to skip, replacing the configured ones and the defaults "
                        f"({','.join(DEFAULT_EXCLUDE)})")
    p.add_argument("--extend-exclude", type=_comma_list, default=[], metavar="PATTERNS",
                   help="comma-separated patterns to skip in addition")
    p.add_argument("--filename", type=_comma_list, default=None, metavar="PATTERNS",
                   help=f"patterns of the files looked at in directories, replacing the default: "
                        f"{','.join(DEFAULT_FILENAMES)} and the config files of nosecrets-file-kinds")
    p.add_argument("--disable-noqa", action="store_true", help="report findings on lines marked # noqa too")
    p.add_argument("--stdin-display-name", default="stdin", metavar="NAME",
                   help="the name shown for source read from standard input ('-')")
    p.add_argument("--no-progress", action="store_true", help="never show the progress line on a terminal")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    group = p.add_argument_group("detector options (also read from configuration files)")
    for spec in opts.SPECS:
        group.add_argument("--" + spec.name, dest=spec.name.replace("-", "_"), default=None,
                           metavar=spec.metavar or "VALUE", help=spec.help)
    return p


def _error(stream: IO[str], text: str) -> None:
    stream.write(f"nosecrets: error: {text}\n")


def _settings(args: argparse.Namespace, conf: cfg.Config) -> tuple[Settings, tuple[str, ...]]:
    cwd = os.path.abspath(os.curdir)
    if args.exclude is not None:
        exclude = tuple(cfg._normalise_paths(tuple(args.exclude), cwd))
    elif conf.exclude is not None:
        exclude = conf.exclude
    else:
        exclude = DEFAULT_EXCLUDE
    exclude += conf.extend_exclude + cfg._normalise_paths(tuple(args.extend_exclude), cwd)
    codes = conf.code_filter
    return Settings(options=conf.options, codes=codes, disable_noqa=args.disable_noqa), exclude


def main(argv: Sequence[str] | None = None) -> int:
    stdout, stderr = sys.stdout, sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors (argparse has printed them)
        return exc.code if isinstance(exc.code, int) else 2
    configured = _configure(args, stderr)
    if configured is None:
        return 2
    settings, exclude = configured
    if args.format == "sarif":
        try:
            from . import sarif  # noqa: F401 - shipped with the package; checked before any file is read
        except ImportError:  # pragma: no cover - shipped with the package
            _error(stderr, "SARIF output is not available in this installation")
            return 2

    kinds = settings.options.file_kinds
    if args.filename is None:
        walk = Walk(exclude=exclude, filename=python_patterns(kinds), kinds=kinds)
    else:
        walk = Walk(exclude=exclude, filename=tuple(args.filename))
    files = walk.files(args.paths or ["."])
    progress = Progress(stderr, stderr.isatty() and not args.no_progress)
    out = _open_output(args, stdout, stderr)
    if out is None:
        return 2
    tally = _Tally()
    try:
        _report(_results(files, settings, args), walk, args, out, stderr, progress, tally)
    except BrokenPipeError:  # ``nosecrets | head``: the reader has what it wanted
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stdout.fileno())
        except (OSError, ValueError, io.UnsupportedOperation):
            pass
    except KeyboardInterrupt:
        progress.clear()
        _error(stderr, "interrupted")
        return 130
    finally:
        if out is not stdout:
            out.close()
    if tally.errors:
        return 2
    return 1 if tally.findings else 0


def _configure(args: argparse.Namespace, stderr: IO[str]) -> tuple[Settings, tuple[str, ...]] | None:
    """The settings and exclude patterns from the configuration files and the command line, warnings written
    to *stderr*; None (the error written) when a file or an option is invalid."""
    overrides = {spec.name: getattr(args, spec.name.replace("-", "_")) for spec in opts.SPECS}
    overrides = {k: v for k, v in overrides.items() if v is not None}
    try:
        conf = cfg.load_config(os.curdir, config_file=args.config, isolated=args.isolated, overrides=overrides)
        settings, exclude = _settings(args, conf)
        warnings = list(conf.warnings)
        if settings.options.baseline:
            from . import baseline

            try:
                legacy = baseline.legacy_warning(baseline.cached(settings.options.baseline))
            except baseline.BaselineError as exc:
                raise cfg.ConfigError(str(exc)) from None
            if legacy:
                warnings.append(legacy)
    except opts.OptionError as exc:
        _error(stderr, printable(str(exc), 500))
        return None
    for warning in warnings:
        stderr.write(f"nosecrets: warning: {printable(warning, 500)}\n")
    return settings, exclude


def _open_output(args: argparse.Namespace, stdout: IO[str], stderr: IO[str]) -> IO[str] | None:
    """The stream the report goes to: ``--output-file``, else standard output set to escape what it cannot
    encode; None (the error written) when the file cannot be opened."""
    if args.output_file:
        try:
            return open(args.output_file, "w", encoding="utf-8", errors="backslashreplace")
        except OSError as exc:
            _error(stderr, f"{printable(args.output_file, 500)}: cannot write: {exc.strerror}")
            return None
    if hasattr(stdout, "reconfigure"):
        try:
            stdout.reconfigure(errors="backslashreplace")
        except (ValueError, io.UnsupportedOperation):
            pass
    return stdout


@dataclasses.dataclass
class _Tally:
    """What a run has met so far (kept by :func:`main` when the report stops early)."""

    files: int = 0
    findings: int = 0
    errors: int = 0


def _report(results: Iterable[FileResult], walk: Walk, args: argparse.Namespace, out: IO[str], stderr: IO[str],
            progress: Progress, tally: _Tally) -> None:
    """Write each file's errors and warnings to *stderr* and its findings to *out* (text as they come, JSON
    and SARIF once at the end), counting them in *tally*."""
    collected: list[tuple[str, Finding]] = []
    for result in results:
        tally.files += 1
        for reason in result.errors:
            tally.errors += 1
            progress.clear()
            stderr.write(f"{_display(result.path)}: error: {reason}\n")
        for reason in result.warnings:
            progress.clear()
            stderr.write(f"{_display(result.path)}: warning: {reason}\n")
        for f in result.findings:
            tally.findings += 1
            if args.format == "text":
                progress.clear()
                out.write(format_text(result.path, f) + "\n")
            else:
                collected.append((result.path, f))
        progress.update(tally.files, tally.findings)
    for path, reason in walk.errors:
        tally.errors += 1
        stderr.write(f"{_display(path)}: error: {reason}\n")
    progress.clear()
    if args.format == "json":
        json.dump([json_record(p, f) for p, f in collected], out, indent=2)
        out.write("\n")
    elif args.format == "sarif":
        from . import sarif

        out.write(sarif.dumps(sarif.build(collected)) + "\n")
    out.flush()


def _read_stdin(name: str, settings: Settings) -> FileResult:
    try:
        data = sys.stdin.buffer.read()
    except OSError as exc:
        return FileResult(name, [], [os_reason(exc)])
    return scan_file(name, settings, data)


def _results(files: Iterator[str], settings: Settings, args: argparse.Namespace) -> Iterator[FileResult]:
    """Results in file order: in this process, or across ``--jobs`` worker processes."""
    jobs = args.jobs
    head = list(itertools.islice(files, AUTO_JOBS_THRESHOLD))
    if jobs == 0:
        jobs = 1 if len(head) < AUTO_JOBS_THRESHOLD else (os.cpu_count() or 1)
    todo: Iterator[str] = itertools.chain(head, files)
    if jobs == 1:
        gc_was = gc.get_threshold()
        _tune_gc()
        try:
            for path in todo:
                yield _read_stdin(args.stdin_display_name, settings) if path == "-" else scan_file(path, settings)
        finally:
            gc.unfreeze()
            gc.set_threshold(*gc_was)
        return
    import multiprocessing

    stdin_first = []
    if "-" in head:  # standard input belongs to this process
        stdin_first.append(_read_stdin(args.stdin_display_name, settings))
        todo = (p for p in todo if p != "-")
    with multiprocessing.Pool(jobs, initializer=_init_worker, initargs=(settings,)) as pool:
        yield from stdin_first
        for chunk in pool.imap(_scan_chunk, _chunked(todo, CHUNK)):
            yield from chunk


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
