"""Reading a file to scan: once, safely (no FIFO hang, no half-written file), and decoding it as Python does.

Shared by the standalone scan (:mod:`.cli`) for every kind of file it reads.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import tokenize

from .findings import printable


class FileError(Exception):
    """A file could not be (fully) scanned; ``str()`` is the one-line reason."""


def os_reason(exc: OSError) -> str:
    reason = exc.strerror or type(exc).__name__
    if exc.errno == errno.ELOOP:
        reason += " (a symlink loop)"
    return f"cannot read: {reason}"


def read_bytes(path: str) -> bytes:
    """The whole content of the regular file *path*, read once. Raises :class:`FileError`.

    The file is opened non-blocking (a FIFO named ``x.py`` must not hang the
    run), checked to be a regular file on the open descriptor (no race with a
    rename), and compared before and after reading: a file written to while
    it is read is reported, not scanned half-old and half-new.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise FileError(os_reason(exc)) from None
    try:
        before = os.fstat(fd)
        if not stat.S_ISREG(before.st_mode):
            kind = "a directory" if stat.S_ISDIR(before.st_mode) else "not a regular file"
            raise FileError(f"cannot read: {kind}")
        chunks = []
        total = 0
        limit = before.st_size + 1  # one byte more than expected: a single read usually sees the end
        while total < limit:  # bounded: a file that keeps growing is reported, not read forever
            chunk = os.read(fd, limit - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
        after = os.fstat(fd)
    except OSError as exc:
        raise FileError(os_reason(exc)) from None
    finally:
        os.close(fd)
    if len(data) != after.st_size or after.st_size != before.st_size or after.st_mtime_ns != before.st_mtime_ns:
        raise FileError("changed while it was being read; not scanned (run again)")
    return data


def decode(data: bytes) -> tuple[str, str | None]:
    """``(text, error)``: *data* decoded as Python does (BOM, PEP 263 cookie), newlines made ``\\n``.

    On failure the text is decoded with replacement characters and *error* says why.
    """
    encoding = "utf-8"
    head = data[:400]
    if head.startswith(b"\xef\xbb\xbf") or b"coding" in head:  # otherwise UTF-8: skip the detection
        try:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        except SyntaxError as exc:
            return data.decode("utf-8", "replace"), f"cannot decode: {printable(str(exc), 120)}"
    error = None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        error = f"cannot decode as {encoding}: {exc.reason} at byte {exc.start} (line {line})"
        text = data.decode(encoding, "replace")
    except LookupError:
        error = f"cannot decode: unknown encoding {printable(encoding, 40)!r}"
        text = data.decode("utf-8", "replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:  # universal newlines, as flake8 reads files
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, error


def split_lines(text: str) -> list[str]:
    """Lines as Python and flake8 count them: split on ``\\n`` only (not form feeds or U+2028)."""
    return io.StringIO(text).readlines()
