"""JSON Lines: one dataset record a line, appended atomically.

A line is committed with one ``write`` of the complete line, then ``fsync``:
a crash leaves at most a partial last line, which :func:`read_jsonl` skips and
:func:`truncate_partial` cuts off.

>>> import os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "x.jsonl")
>>> fd = open_append(path)
>>> append_lines(fd, [dumps_line({"名": 1})]) > 0
True
>>> os.close(fd)
>>> list(read_jsonl(path))
[{'名': 1}]
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from typing import Any

__all__ = ["append_lines", "dumps_line", "open_append", "read_jsonl", "truncate_partial"]


def dumps_line(obj: Any) -> bytes:
    """``obj`` as one UTF-8 JSON line ending in ``\\n`` (Chinese kept as characters)."""
    return (json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def open_append(path: str | os.PathLike[str]) -> int:
    """A file descriptor opened for appending (created if missing)."""
    return os.open(os.fspath(path), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)


def append_lines(fd: int, lines: Iterable[bytes], *, fsync: bool = True) -> int:
    """Append complete lines in one write, then fsync; returns the file size after it."""
    data = memoryview(b"".join(lines))
    while data:
        written = os.write(fd, data)
        data = data[written:]
    if fsync:
        os.fsync(fd)
    return os.fstat(fd).st_size


def truncate_partial(path: str | os.PathLike[str]) -> int:
    """Cut a partial last line (no ``\\n``) off ``path``; returns the new size (0 if missing)."""
    p = os.fspath(path)
    if not os.path.exists(p):
        return 0
    with open(p, "rb+") as fh:
        size = fh.seek(0, os.SEEK_END)
        pos = size
        block = 1 << 16
        while pos > 0:
            start = max(0, pos - block)
            fh.seek(start)
            chunk = fh.read(pos - start)
            nl = chunk.rfind(b"\n")
            if nl >= 0:
                keep = start + nl + 1
                break
            pos = start
        else:
            keep = 0
        if keep != size:
            fh.truncate(keep)
        return keep


def read_jsonl(path: str | os.PathLike[str], *, limit: int | None = None) -> Iterator[Any]:
    """Each complete line of ``path`` as a JSON value (a partial last line is skipped).

    ``limit`` stops after that many bytes (the committed length from a manifest).
    """
    read = 0
    with open(os.fspath(path), "rb") as fh:
        for line in fh:
            read += len(line)
            if limit is not None and read > limit:
                return
            if not line.endswith(b"\n"):
                return
            if line.strip():
                yield json.loads(line)
