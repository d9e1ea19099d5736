"""The env file: merge ``NAME=value`` so python-dotenv reads back exactly, safely and atomically.

* Quoting: values are written in single quotes (python-dotenv decodes only
  ``\\\\`` and ``\\'`` there, so ``#``, ``$``, ``"`` and real newlines of a PEM
  key stay as they are). A value with a carriage return is written in double
  quotes with ``\\r``/``\\n`` escapes, because text-mode reading would turn a raw
  ``\\r`` into ``\\n``. python-dotenv expands ``${VAR}`` in every value and has no
  escape for it, and an environment variable cannot hold a NUL character: such
  values are refused (:func:`quote` raises :class:`Unquotable`) and the fixer
  leaves them in the code with a warning.
* Every write is checked: the new file is parsed with ``dotenv_values`` before
  it replaces the old one; every new value must come back exactly and every
  existing entry must be unchanged.
* Existing text is kept byte for byte; new entries are appended.
* Atomic: temp file in the same directory, fsync, ``os.replace``, fsync of the
  directory. A new file gets mode 0600; an existing one keeps its mode.
* :func:`locked` serialises runs (a ``<env file>.lock`` file under ``flock``),
  so two fixers at once cannot lose each other's values.
* The env file may not be a symlink that leads outside the project.
"""

from __future__ import annotations

import contextlib
import glob
import io
import os
import stat
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Iterator, Mapping

ENV_MODE = 0o600


class EnvFileError(OSError):
    """The env file cannot be used or written; the message says why in one line."""


class Unquotable(ValueError):
    """A value python-dotenv cannot read back exactly."""


def quote(value: str) -> str:
    """*value* as a dotenv value that ``dotenv_values`` returns unchanged (see the module docstring), in a form
    a POSIX shell's ``set -a; . ./.env`` reads back the same whenever one exists (:func:`shell_reads`)."""
    if "\x00" in value:
        raise Unquotable("contains a NUL character, which no environment variable can hold")
    if "${" in value:
        raise Unquotable("contains '${', which python-dotenv expands as a variable and cannot escape")
    if "\r" in value:
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r").replace("\n", "\\n")
        return f'"{escaped}"'
    if "'" not in value and "\\" not in value:
        return "'" + value + "'"  # no escapes at all: the same for python-dotenv and sh
    if not any(c in value for c in "$`"):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'  # \\ and \" mean the same to both
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def shell_reads(value: str) -> bool:
    """Whether a POSIX shell sourcing :func:`quote`'s text gets *value* back exactly (python-dotenv always does):
    not for a carriage return, nor for a value holding ``'`` or ``\\`` together with ``$`` or a backquote."""
    if "\r" in value:
        return False
    return not (("'" in value or "\\" in value) and any(c in value for c in "$`"))


def parse(text: str) -> dict[str, str | None]:
    """What python-dotenv (with its default interpolation) makes of *text*."""
    from dotenv import dotenv_values

    return dict(dotenv_values(stream=io.StringIO(text)))


def fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # not supported (Windows): the rename itself is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, *, mode: int | None = None, new_mode: int = 0o644) -> None:
    """Replace *path* with *data* atomically: temp file, fsync, rename, fsync of the directory.

    The file keeps its permission bits (or *mode*); a new file gets *new_mode*.
    On any failure the temp file is removed and *path* is untouched.
    """
    path = Path(path)
    if mode is None:
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except FileNotFoundError:
            mode = new_mode
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".nosecrets-tmp", dir=path.parent)
    try:
        try:
            os.fchmod(fd, mode)
        except (AttributeError, OSError):
            pass
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def sweep_temps(path: Path) -> None:
    """Remove the temp files a killed run left next to *path* (``.<name>.*.nosecrets-tmp``; the env file's
    hold secrets and are not git-ignored). Called under the run lock, so no other run's temp file is in flight."""
    path = Path(path)
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.nosecrets-tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


def resolve_env_path(path: Path, project_root: Path) -> Path:
    """The file to write for *path*: a symlink is followed, but only to a place inside *project_root*."""
    path = Path(os.path.abspath(path))
    if path.is_symlink():
        target = path.resolve()
        root = project_root.resolve()
        if target != root and root not in target.parents:
            raise EnvFileError(
                f"{path} is a symlink to {target}, outside the project ({root}); refusing to write secrets there"
            )
        return target
    if path.exists() and not path.is_file():
        raise EnvFileError(f"{path} exists and is not a regular file")
    return path


@contextlib.contextmanager
def locked(path: Path, timeout: float = 60.0) -> Iterator[None]:
    """Hold an exclusive lock for *path* (``<path>.lock``) for the duration of the block."""
    lock_path = Path(str(path) + ".lock")
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: exclusive create
        fcntl = None  # type: ignore[assignment]
    deadline = time.monotonic() + timeout
    if fcntl is None:  # pragma: no cover
        while True:
            try:
                fd = os.open(lock_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, ENV_MODE)
                break
            except FileExistsError:
                if time.monotonic() > deadline:
                    raise EnvFileError(f"{lock_path} is held by another run (remove it if no run is active)")
                time.sleep(0.1)
        try:
            yield
        finally:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(lock_path)
        return
    while True:
        fd = os.open(lock_path, os.O_CREAT | os.O_RDWR, ENV_MODE)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise EnvFileError(f"{lock_path}: another nosecrets-fix run holds the lock") from None
                    time.sleep(0.05)
            # The holder before us may have removed the file: then our lock guards nothing; retry.
            try:
                same = os.stat(lock_path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock_path)  # while still holding it; late waiters notice and retry
        os.close(fd)


class EnvFile:
    """An env file being merged into. Read :attr:`values`, then :meth:`merge` new entries."""

    def __init__(self, path: Path, project_root: Path | None = None) -> None:
        self.requested = Path(path)
        self.path = resolve_env_path(self.requested, Path(project_root or os.getcwd()))
        try:
            self.raw = self.path.read_bytes()
            self.exists = True
        except FileNotFoundError:
            self.raw, self.exists = b"", False
        except OSError as exc:
            raise EnvFileError(f"cannot read {self.path}: {exc.strerror or exc}") from None
        try:
            self.text = self.raw.decode("utf-8")
        except UnicodeDecodeError:
            raise EnvFileError(f"{self.path} is not UTF-8 text, which python-dotenv needs") from None
        self.values = parse(self.text)

    def render(self, new: Mapping[str, str], comments: Mapping[str, str] | None = None) -> str:
        """The file's text with *new* entries appended (existing text kept as it is)."""
        text = self.text
        nl = self.newline
        if new and text and not text.endswith("\n"):
            text += nl
        for name, value in new.items():
            if name in self.values:
                raise EnvFileError(f"{self.path}: refusing to overwrite the existing entry {name}")
            if comments and comments.get(name):
                text += f"# {comments[name]}{nl}"
            text += f"{name}={quote(value)}{nl}"
        return text

    @property
    def newline(self) -> str:
        """The file's own line ending: CRLF when its first line ends so, else LF."""
        first = self.text.find("\n")
        return "\r\n" if first > 0 and self.text[first - 1] == "\r" else "\n"

    def loose_mode(self) -> int:
        """The permission bits when an existing file is readable or writable by group or others, else 0."""
        try:
            mode = stat.S_IMODE(os.stat(self.path).st_mode)
        except OSError:
            return 0
        return mode if mode & 0o077 else 0

    @property
    def example(self) -> Path:
        """``.env.example`` beside the env file as named (beside a symlink, not its target)."""
        return example_path(Path(os.path.abspath(self.requested)))

    def merge(self, new: Mapping[str, str], comments: Mapping[str, str] | None = None) -> None:
        """Append *new* entries, check the result reads back exactly, and write it atomically (0600 if new)."""
        if not new:
            return
        text = self.render(new, comments)
        got = parse(text)
        for name, value in new.items():
            if got.get(name) != value:
                raise EnvFileError(f"{self.path}: entry {name} would not read back exactly; nothing written")
        for name, value in self.values.items():
            if got.get(name) != value:
                raise EnvFileError(f"{self.path}: appending would change the existing entry {name}; nothing written")
        atomic_write(self.path, text.encode("utf-8"), mode=None if self.exists else ENV_MODE, new_mode=ENV_MODE)
        self.raw, self.text, self.values, self.exists = text.encode("utf-8"), text, got, True


def example_path(env_path: Path) -> Path:
    """``.env`` -> ``.env.example``; ``config/prod.env`` -> ``config/prod.env.example``."""
    return env_path.with_name(env_path.name + ".example")


def update_example(path: Path, names: list[str]) -> bool:
    """Add ``NAME=`` lines for *names* missing from the example file *path* (:attr:`EnvFile.example`); True
    when it was written."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = "# Environment variables this project reads (values are not kept in git).\n"
    present = set(parse(text))
    missing = [n for n in names if n not in present]
    if not missing:
        return False
    if text and not text.endswith("\n"):
        text += "\n"
    text += "".join(f"{n}=\n" for n in missing)
    atomic_write(path, text.encode("utf-8"))
    return True


# ----------------------------------------------------------------------------- git


def git(args: list[str], cwd: Path, stdin: bytes | None = None, timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", *args], cwd=cwd, input=stdin, capture_output=True, timeout=timeout, check=False,
    )


def git_toplevel(directory: Path) -> Path | None:
    """The work tree root containing *directory*, or None (not a git work tree, or no git)."""
    try:
        r = git(["rev-parse", "--show-toplevel"], directory)
    except (OSError, subprocess.SubprocessError):
        return None
    if r.returncode != 0:
        return None
    return Path(r.stdout.decode("utf-8", "surrogateescape").strip())


def is_ignored(path: Path, toplevel: Path) -> bool:
    r = git(["check-ignore", "-q", "--", str(path)], toplevel)
    return r.returncode == 0


def is_tracked(path: Path, toplevel: Path) -> bool:
    r = git(["ls-files", "--error-unmatch", "--", str(path)], toplevel)
    return r.returncode == 0


def gitignore_plan(env_path: Path) -> tuple[Path, str] | None:
    """``(.gitignore path, line to add)`` when *env_path* is in a git work tree and not ignored yet."""
    top = git_toplevel(env_path.parent)
    if top is None:
        return None
    try:
        rel = env_path.resolve().relative_to(top.resolve())
    except ValueError:
        return None
    try:
        if is_ignored(env_path, top):
            return None
    except (OSError, subprocess.SubprocessError):
        return None  # git misbehaves: leave .gitignore alone rather than guess
    line = rel.as_posix() if len(rel.parts) > 1 else rel.name
    return top / ".gitignore", line


def add_to_gitignore(gitignore: Path, line: str) -> None:
    try:
        data = gitignore.read_bytes()
    except FileNotFoundError:
        data = b""
    newline = b"\r\n" if b"\r\n" in data else b"\n"
    if data and not data.endswith(b"\n"):
        data += newline
    data += b"# secrets moved out of the code by nosecrets-fix" + newline + line.encode("utf-8") + newline
    atomic_write(gitignore, data)
