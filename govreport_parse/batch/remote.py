"""Inputs given as fsspec URLs (``file://``, ``memory://``, ``s3://``, ``gs://`` ...).

The client only *lists* a URL input (a glob expands through the file system's
own ``glob``, a folder through ``find``); each worker opens its input itself
with :func:`read_url`.  Credentials come from the usual fsspec / cloud
configuration (environment, ``~/.aws``, instance roles), never from the command
line.  A plain path (no ``scheme://``) is not a URL: local paths keep the
local reader, its content sniffing and archive expansion.

In a folder or glob at a URL, files are taken **by name** (the client does not
read them): a report suffix (:data:`~govreport_parse.batch.inputs.REPORT_SUFFIXES`)
is taken, hidden files are skipped as ``hidden``, archives and every other
name as ``not a document``.  A URL naming one file is always taken.

>>> is_url("s3://bucket/reports/*.pdf"), is_url("/data/2019/a.pdf"), is_url("C:\\\\data\\\\a.pdf")
(True, False, False)
>>> import fsspec
>>> fs = fsspec.filesystem("memory")
>>> fs.pipe("/doc/a.txt", "某区2019年政府信息公开工作年度报告".encode())
>>> fs.pipe("/doc/.hidden.txt", b"x")
>>> fs.pipe("/doc/links.json", b"[]")
>>> listing = list_url("memory://doc")
>>> listing.urls
['memory:///doc/a.txt']
>>> [(s.name, s.reason) for s in listing.skipped]
[('memory:///doc/.hidden.txt', 'hidden'), ('memory:///doc/links.json', 'not a document')]
>>> read_url("memory:///doc/a.txt", "a.txt", 1000)[:3].decode()
'某'
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import DependencyMissingError, GovReportError, UnreadableFileError
from .inputs import SKIP_NAMES, Skipped, _too_big, is_archive_name, is_report_name

__all__ = ["Listing", "filesystem", "is_url", "list_url", "read_url"]

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


def is_url(item: str) -> bool:
    """Whether an input names an fsspec URL (``scheme://...``) rather than a local path."""
    return bool(_URL.match(item))


def filesystem(url: str) -> tuple[Any, str]:
    """The fsspec file system of ``url`` and the path inside it.

    A scheme whose driver is not installed (``s3://`` without ``s3fs``) is a
    :class:`~govreport_parse.errors.DependencyMissingError` naming the package.
    """
    try:
        import fsspec
    except ImportError:  # pragma: no cover - fsspec comes with dask
        raise DependencyMissingError(
            "URL inputs need fsspec; install it with pip install 'govreport-parse[dask]'"
        ) from None
    try:
        fs, path = fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:
        raise DependencyMissingError(f"cannot open {url!r}: {exc}") from None
    return fs, path


@dataclass(frozen=True, slots=True)
class Listing:
    """What a URL input expands to: the file URLs taken (sorted) and the files not taken."""

    urls: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _hidden(path: str) -> bool:
    parts = path.strip("/").split("/")
    return parts[-1].startswith(".") or parts[-1] in SKIP_NAMES or "__MACOSX" in parts


def list_url(url: str) -> Listing:
    """Expand one URL input (a file, a folder, or a glob) into file URLs, without reading them.

    Raises ``ValueError`` when nothing matches or the URL does not exist, as for local inputs.
    """
    from glob import has_magic

    fs, path = filesystem(url)
    try:
        if has_magic(path):
            found = sorted(p for p in fs.glob(path) if not fs.isdir(p))
            if not found:
                raise ValueError(f"no file matches {url!r}")
            explicit = True  # as for a local glob: every match is taken
        elif fs.isdir(path):
            found = sorted(fs.find(path))
            explicit = False
        elif fs.exists(path):
            return Listing(urls=[url])  # one file named: always taken, its URL as given
        else:
            raise ValueError(f"input {url!r} does not exist (give files, folders or globs)")
    except OSError as exc:
        raise ValueError(f"cannot list {url!r}: {exc}") from None
    listing = Listing()
    for p in found:
        full = fs.unstrip_protocol(p)
        if _hidden(p):
            listing.skipped.append(Skipped(full, "hidden", "a hidden or system file"))
        elif explicit or is_report_name(p):
            listing.urls.append(full)
        elif is_archive_name(p):
            listing.skipped.append(
                Skipped(full, "not a document", "an archive at a URL is not expanded (extract it first)")
            )
        else:
            listing.skipped.append(
                Skipped(
                    full,
                    "not a document",
                    "not a report file name (files at a URL are taken by name; name it to take it)",
                )
            )
    return listing


def read_url(url: str, name: str, limit: int) -> bytes:
    """The bytes at ``url`` (at most ``limit``); a typed error when they cannot be read."""
    try:
        fs, path = filesystem(url)
        size = None
        with contextlib.suppress(OSError, NotImplementedError, ValueError, TypeError):
            size = fs.size(path)
        if size is not None and size > limit:
            raise _too_big(name, size, limit)
        with fs.open(path, "rb") as fh:
            data: bytes = fh.read(limit + 1)
    except GovReportError:
        raise
    except FileNotFoundError:
        message = "the URL names no file (was it removed after listing?)"
        raise UnreadableFileError(message, path=name) from None
    except Exception as exc:  # any driver error: network, permissions, credentials
        raise UnreadableFileError(f"cannot read the URL ({type(exc).__name__}: {exc})", path=name) from None
    if len(data) > limit:
        raise _too_big(name, len(data), limit)
    return data
