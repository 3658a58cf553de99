"""Batch inputs: files, folders (recursive), globs, and .zip / .tar.gz archives read in place.

Folders and archives contribute every file whose **content** is a document the
parser reads (PDF, DOCX, DOC/WPS, HTML, text with Chinese in it), whatever its
suffix: a report saved as ``xxgkAnnualReport.jsp``, ``year_details.aspx``,
``年报.md`` or a suffixless ``2396`` is taken.  A file whose suffix names a
report format (:data:`REPORT_SUFFIXES`) is taken even when its bytes are wrong,
so the failure says what happened to the download.  Every other file is listed
in :attr:`Inputs.skipped` with its reason (:data:`SKIP_REASONS`): images,
tab-separated or JSON data, hidden files, files excluded by a glob, and the
output folder of this tool (named by ``outdir``, or any folder holding a
``manifest.jsonl`` next to a ``reports.jsonl``).  A file named on the command
line is always taken.
An archive member's name is ``archive.zip/dir/name.pdf``.  Zip members whose
names were stored in the local code page (flag bit 0x800 unset, as Windows
tools in China write them) are decoded as UTF-8 if valid, else as GB18030.

>>> import io, zipfile
>>> info = zipfile.ZipInfo("报告.pdf".encode("gbk").decode("cp437"))
>>> zip_member_name(info)
'报告.pdf'
"""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import functools
import glob
import hashlib
import os
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..config import ParseConfig
from ..errors import (
    CorruptFileError,
    EncryptedFileError,
    GovReportError,
    LimitExceededError,
    UnreadableFileError,
)

__all__ = [
    "ARCHIVE_SUFFIXES",
    "REPORT_SUFFIXES",
    "SKIP_REASONS",
    "Inputs",
    "Skipped",
    "Source",
    "expand_inputs",
    "sniff_input",
    "zip_member_name",
]

REPORT_SUFFIXES = (".pdf", ".docx", ".doc", ".wps", ".html", ".htm", ".shtml", ".xhtml", ".txt", ".text")
"""Suffixes taken from folders and archives (case-insensitive)."""

ARCHIVE_SUFFIXES = (".zip", ".tar.gz", ".tgz", ".tar", ".tar.bz2", ".tar.xz")
"""Suffixes read as archives of reports."""

SKIP_NAMES = ("__MACOSX/", ".DS_Store", "Thumbs.db")

SKIP_REASONS = ("not a document", "output of this tool", "hidden", "excluded")
"""Why a file in a folder or archive was not taken (``not a report`` and
``duplicate`` are decided later, when the document is read)."""

OUTPUT_MARKERS = ("manifest.jsonl", "reports.jsonl")
"""A folder holding both files is the output of a batch of this tool."""

SNIFF_BYTES = 8192


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file in a folder or archive that was not taken, and why.

    ``reason`` is one of :data:`SKIP_REASONS`; ``detail`` says what the file is.
    """

    name: str
    reason: str
    detail: str = ""

    def to_dict(self) -> dict[str, str]:
        """The manifest line of this file (without the journal offsets)."""
        return {"name": self.name, "status": "skipped", "reason": self.reason, "detail": self.detail}


_TEXT_FORMATS = ("txt", "html")


def _is_zip_archive(data: bytes) -> bool:
    """A zip that is not an Office document (no ``[Content_Types].xml`` / ``word/``)."""
    head = data[:SNIFF_BYTES]
    return head.startswith(b"PK\x03\x04") and b"[Content_Types].xml" not in head and b"word/" not in head


def _is_tar_archive(data: bytes) -> bool:
    """A tar (plain, or gzip whose first member header says ``ustar``; bzip2 and xz are tried)."""
    if data[:2] == b"\x1f\x8b":
        with contextlib.suppress(zlib.error):
            data = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, 512)
    elif data[:3] == b"BZh" or data[:6] == b"\xfd7zXZ\x00":
        return True
    return data[257:262] == b"ustar"


def _text_problem(head: bytes) -> str | None:
    """Why text-like bytes are not a document, or ``None``: binary, tab-separated or JSON data,
    or no Chinese at all."""
    from ..load.txt import decode_text

    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    if b"\x00" in head:
        return "binary data"
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if controls * 20 > len(head):
        return "binary data"
    try:
        text, _ = decode_text(head, "<head>")
    except GovReportError:
        try:
            text, _ = decode_text(head[: len(head) - 4], "<head>")
        except GovReportError:
            return "bytes in no known text encoding"
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(lines) >= 3 and sum("\t" in ln for ln in lines) * 5 >= len(lines) * 3:
        return "tab-separated data"
    stripped = text.strip()
    if stripped[:1] in ("{", "[") and (stripped[-1:] in ("}", "]") or len(head) >= SNIFF_BYTES):
        return "JSON data"
    if not any("\u4e00" <= ch <= "\u9fff" for ch in text):
        return "text without Chinese characters"
    return None


def sniff_input(head: bytes, name: str) -> tuple[str | None, str]:
    r"""Decide from the first bytes of a file whether the parser reads it.

    Returns ``(format, "")`` for a document, ``("zip" | "tar", "")`` for an
    archive, ``(None, what it is)`` otherwise.

    >>> sniff_input("<html><body>某区2019年政府信息公开工作年度报告</body></html>".encode(), "a.jsp")
    ('html', '')
    >>> sniff_input("标题\t链接\n年报\thttp://a\n年报\thttp://b\n".encode(), "links.tsv")
    (None, 'tab-separated data')
    >>> sniff_input(b"\x89PNG\r\n\x1a\n...", "chart.png")
    (None, 'a PNG image')
    >>> sniff_input("一、总体情况".encode("gb18030"), "2396")
    ('txt', '')
    """
    from ..errors import UnsupportedFormatError
    from ..load import sniff_format

    if _is_zip_archive(head) and not is_report_name(name):
        return "zip", ""
    if _is_tar_archive(head) and not is_report_name(name):
        return "tar", ""
    try:
        fmt = sniff_format(head, name)
    except UnsupportedFormatError as exc:
        what = exc.message.split(",")[0].removeprefix("this is ")
        return None, what
    if fmt in _TEXT_FORMATS:
        problem = _text_problem(head) if fmt == "txt" else None
        if problem is not None:
            return None, problem
    return fmt, ""


@dataclass(frozen=True, slots=True)
class Source:
    """One input document: a file (``path``), an archive member, or bytes in memory.

    ``problem`` is set when the input is known to be unreadable (a damaged archive).
    """

    name: str
    path: str | None = None
    archive: str | None = None
    member: str | None = None
    data: bytes | None = field(default=None, repr=False)
    problem: GovReportError | None = None
    url: str | None = None
    """An fsspec URL (``s3://...``): read by whoever parses it, see :mod:`.remote`."""


def display_name(name: str) -> str:
    """``name`` as valid Unicode for the records: a file name whose bytes are not UTF-8
    (Python keeps them as lone surrogates) is read as GB18030 when it is valid GB18030
    (names written by Chinese Windows), else its bad bytes are shown as ``\\xNN``.

    >>> display_name(os.fsdecode("报告.pdf".encode("gbk")))
    '报告.pdf'
    >>> display_name(os.fsdecode(b"a\\xff\\xfe.txt"))
    'a\\\\xff\\\\xfe.txt'
    >>> display_name("报告.pdf")
    '报告.pdf'
    """
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        pass
    raw = name.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace")


def expand_glob(pattern: str) -> list[str]:
    """The sorted matches of ``pattern``; ``**`` matches any number of folders, without
    following symbolic links to folders (a link to ``.`` or ``..`` would never end).

    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> os.makedirs(os.path.join(d, "a", "b"))
    >>> for p in ("x.txt", "a/y.txt", "a/b/z.txt"):
    ...     open(os.path.join(d, p), "w").close()
    >>> os.symlink("..", os.path.join(d, "a", "up"))
    >>> [os.path.relpath(m, d) for m in expand_glob(os.path.join(d, "**", "*.txt"))]
    ['a/b/z.txt', 'a/y.txt', 'x.txt']
    """
    parts = pattern.split(os.sep)
    if "**" not in parts:
        return sorted(glob.glob(pattern))
    at = parts.index("**")
    prefix, rest = os.sep.join(parts[:at]), os.sep.join(parts[at + 1 :]).replace("**", "*")
    bases = glob.glob(prefix) if glob.has_magic(prefix) else [prefix or os.curdir]
    found: set[str] = set()
    for base in bases:
        if not os.path.isdir(base):
            continue
        for root, dirs, _files in os.walk(base):  # os.walk does not follow links to folders
            dirs.sort()
            if rest:
                found.update(glob.glob(os.path.join(glob.escape(root), rest)))
            else:
                found.update(os.path.join(root, n) for n in (*dirs, *_files))
    if not prefix:
        found = {os.path.relpath(f) if not os.path.isabs(pattern) else f for f in found}
    return sorted(found)


def _unique(name: str, seen: set[str]) -> str:
    """``name``, or ``name#2``, ``name#3`` ... when an archive holds it more than once."""
    shown, n = name, 1
    while shown in seen:
        n += 1
        shown = f"{name}#{n}"
    seen.add(shown)
    return shown


def _lower(name: str) -> str:
    return name.lower()


def is_report_name(name: str) -> bool:
    """Whether a file in a folder or archive is taken as a report."""
    return _lower(name).endswith(REPORT_SUFFIXES)


def is_archive_name(name: str) -> bool:
    """Whether a path is read as an archive."""
    return _lower(name).endswith(ARCHIVE_SUFFIXES)


def zip_member_name(info: zipfile.ZipInfo) -> str:
    """The member's real name: UTF-8 flag honoured, else UTF-8 if valid, else GB18030."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:  # already decoded with another metadata encoding
        return info.filename
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def _skipped(member: str) -> bool:
    base = member.rsplit("/", 1)[-1]
    hidden = base.startswith(".") or base in SKIP_NAMES
    return hidden or member.startswith(SKIP_NAMES) or "/__MACOSX/" in member


class Inputs:
    """The expanded list of :class:`Source` and a reader for their bytes.

    Archives stay open while the batch runs; use as a context manager.
    ``skipped`` lists every file of a folder or archive not taken, with its
    reason; ``outdir`` (the batch's output folder) is never read;
    ``include`` / ``exclude`` are globs matched against the file's name and its
    path (``*.pdf``, ``2019/*``).
    """

    def __init__(
        self,
        inputs: Iterable[str | os.PathLike[str]],
        config: ParseConfig | None = None,
        *,
        outdir: str | os.PathLike[str] | None = None,
        include: Iterable[str] = (),
        exclude: Iterable[str] = (),
    ) -> None:
        self.config = config or ParseConfig()
        self.sources: list[Source] = []
        self.skipped: list[Skipped] = []
        self._outdir = os.path.realpath(os.fspath(outdir)) if outdir is not None else None
        self._include = tuple(include)
        self._exclude = tuple(exclude)
        self._zips: dict[str, zipfile.ZipFile] = {}
        self._tars: dict[str, tuple[tarfile.TarFile, dict[str, tarfile.TarInfo]]] = {}
        self._zip_entries: dict[str, dict[str, zipfile.ZipInfo]] = {}
        for item in inputs:
            self._add_input(os.fspath(item))

    @property
    def ignored(self) -> list[str]:
        """Names of the files skipped as not documents (the other reasons are in :attr:`skipped`)."""
        return [s.name for s in self.skipped if s.reason == "not a document"]

    def _skip(self, name: str, reason: str, detail: str = "") -> None:
        self.skipped.append(Skipped(name=name, reason=reason, detail=detail))

    def _excluded(self, name: str) -> str | None:
        base = name.rsplit("/", 1)[-1]
        def hit(pattern: str) -> bool:
            return fnmatch.fnmatch(base, pattern) or fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(
                name, f"*/{pattern}"
            )
        if self._include and not any(hit(p) for p in self._include):
            return "not matched by --include"
        for pattern in self._exclude:
            if hit(pattern):
                return f"matched by --exclude {pattern}"
        return None

    def _is_output(self, folder: str) -> bool:
        real = os.path.realpath(folder)
        if self._outdir is not None and real == self._outdir:
            return True
        return all(os.path.isfile(os.path.join(folder, m)) for m in OUTPUT_MARKERS)

    def __enter__(self) -> Inputs:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the open archives."""
        for zf in self._zips.values():
            zf.close()
        for tf, _ in self._tars.values():
            tf.close()
        self._zips.clear()
        self._tars.clear()

    # ------------------------------------------------------------------ expansion

    def _add_input(self, item: str) -> None:
        from .remote import is_url, list_url

        if is_url(item):  # listed only: the bytes are read by whoever parses the input
            listing = list_url(item)
            self.skipped.extend(listing.skipped)
            for url in listing.urls:
                why = None if url == item else self._excluded(url)
                if why is None:
                    self.sources.append(Source(name=url, url=url))
                else:
                    self._skip(url, "excluded", why)
            return
        if os.path.isdir(item):
            self._add_folder(item)
        elif os.path.exists(item):
            self._add_file(item, explicit=True)
        elif glob.has_magic(item):
            matches = expand_glob(item)
            if not matches:
                raise ValueError(f"no file matches {item!r}")
            for match in matches:
                if os.path.isdir(match):
                    self._add_folder(match)
                else:
                    self._add_file(match, explicit=True)
        else:
            raise ValueError(f"input {item!r} does not exist (give files, folders, globs or archives)")

    def _add_folder(self, folder: str) -> None:
        if self._is_output(folder):
            self._skip(folder, "output of this tool", "a batch output folder")
            return
        for root, dirs, files in os.walk(folder):
            keep = []
            for d in sorted(dirs):
                path = os.path.join(root, d)
                if d.startswith("."):
                    self._skip(path, "hidden", "a hidden folder")
                elif self._outdir is not None and os.path.realpath(path) == self._outdir:
                    continue  # this batch's own output: not an input, and not listed
                elif self._is_output(path):
                    self._skip(path, "output of this tool", "a batch output folder")
                else:
                    keep.append(d)
            dirs[:] = keep
            for name in sorted(files):
                path = os.path.join(root, name)
                if name.startswith(".") or name in SKIP_NAMES:
                    self._skip(path, "hidden", "a hidden or system file")
                    continue
                self._add_file(path, explicit=False)

    def _add_file(self, path: str, *, explicit: bool) -> None:
        if explicit:
            if is_archive_name(path):
                self._add_archive(path, "zip" if path.lower().endswith(".zip") else "tar")
            else:
                self.sources.append(Source(name=display_name(path), path=path))
            return
        shown = display_name(path)
        why = self._excluded(shown)
        if why is not None:
            self._skip(shown, "excluded", why)
            return
        try:
            st = os.stat(path)
        except OSError as exc:
            self._skip(shown, "not a document", f"cannot be read: {exc.strerror or exc}")
            return
        kind = not_regular(st.st_mode)
        if kind is not None:
            self._skip(shown, "not a document", f"{kind}, not a regular file; not opened")
            return
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            with open(fd, "rb") as fh:
                head = fh.read(SNIFF_BYTES)
        except OSError as exc:  # unreadable: let the reader raise its typed error
            if is_report_name(path):
                self.sources.append(Source(name=shown, path=path))
            else:
                self._skip(shown, "not a document", f"cannot be read: {exc.strerror or exc}")
            return
        self._take(shown, head, lambda kind: self._add_archive(path, kind), Source(name=shown, path=path))

    def _take(self, name: str, head: bytes, archive: Any, source: Source) -> None:
        """Take ``source`` when ``head`` is a document (or its suffix says it should be one)."""
        if not head:
            if is_report_name(name):
                self.sources.append(source)  # the failure says it is empty
            else:
                self._skip(name, "not a document", "an empty file")
            return
        fmt, what = sniff_input(head, name)
        if fmt in ("zip", "tar"):
            archive(fmt)
        elif fmt is not None or is_report_name(name):
            self.sources.append(source)
        else:
            self._skip(name, "not a document", what)

    def _add_archive(self, path: str, kind: str) -> None:
        if kind == "zip":
            self._add_zip(path)
        else:
            self._add_tar(path)

    def _add_zip(self, path: str) -> None:
        shown_path = display_name(path)
        try:
            zf = self._zips.get(path) or zipfile.ZipFile(path)
        except UnicodeDecodeError:  # a member flagged as UTF-8 whose name is not
            problem = CorruptFileError(
                "the zip archive flags a member name as UTF-8 but it is not valid UTF-8; "
                "unpack it with a tool that lets you choose the name encoding (e.g. unzip -O GBK)",
                path=shown_path,
            )
            self.sources.append(Source(name=shown_path, path=path, problem=problem))
            return
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            message = f"cannot open the zip archive ({exc}); is it complete?"
            problem = CorruptFileError(message, path=shown_path)
            self.sources.append(Source(name=shown_path, path=path, problem=problem))
            return
        first = path not in self._zips
        self._zips[path] = zf
        entries = self._zip_entries.setdefault(path, {})
        seen: set[str] = set()
        for info in zf.infolist():
            if info.is_dir():
                continue
            member = display_name(zip_member_name(info))
            key = _unique(info.filename, seen)  # the same name twice: both entries are inputs
            shown = f"{shown_path}/{member}" + key[len(info.filename) :]
            if _skipped(member):
                self._skip(shown, "hidden", "a hidden or system file")
                continue
            if first:
                entries[key] = info
            source = Source(name=shown, archive=path, member=key)
            self._member(shown, source, functools.partial(_zip_head, zf, info))

    def _add_tar(self, path: str) -> None:
        shown_path = display_name(path)
        if path in self._tars:  # named twice: the same members again (duplicates by sha256)
            tf, members = self._tars[path]
            self.sources.extend(
                Source(name=f"{shown_path}/{_shown_member(m)}", archive=path, member=m) for m in members
            )
            return
        members = {}
        try:
            tf = tarfile.open(path, "r:*")  # noqa: SIM115 -- stays open while the batch reads members
        except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
            message = f"cannot open the tar archive ({exc}); is it complete?"
            problem = CorruptFileError(message, path=shown_path)
            self.sources.append(Source(name=shown_path, path=path, problem=problem))
            return
        self._tars[path] = (tf, members)
        seen: set[str] = set()
        try:
            for info in tf:
                if info.isdir():
                    continue
                shown = f"{shown_path}/{display_name(info.name)}"
                if _skipped(info.name):
                    self._skip(shown, "hidden", "a hidden or system file")
                    continue
                if not (info.isfile() or info.islnk()):
                    why = "a symbolic link, device or FIFO in the archive; not read"
                    self._skip(shown, "not a document", why)
                    continue
                key = _unique(info.name, seen)
                members[key] = info
                before = len(self.sources)
                source = Source(name=shown + key[len(info.name) :], archive=path, member=key)
                self._member(source.name, source, functools.partial(_tar_head, tf, info))
                if len(self.sources) == before:
                    del members[key]
        except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
            problem = CorruptFileError(
                f"the tar archive is damaged after {len(members)} members ({exc}); the rest was not read",
                path=shown_path,
            )
            self.sources.append(Source(name=shown_path, path=path, problem=problem))

    def _member(self, shown: str, source: Source, head: Any) -> None:
        """An archive member: excluded, sniffed, taken or skipped (archives in archives are not opened)."""
        why = self._excluded(shown)
        if why is not None:
            self._skip(shown, "excluded", why)
            return
        try:
            data = head()
        except Exception:  # encrypted or damaged: the reader raises the typed error
            self.sources.append(source)
            return

        def nested(kind: str) -> None:
            self._skip(shown, "not a document", f"a {kind} archive inside an archive (extract it first)")

        self._take(shown, data, nested, source)

    # ------------------------------------------------------------------ reading

    def read(self, source: Source) -> bytes:
        """The bytes of ``source``; a typed :class:`GovReportError` when they cannot be read."""
        limit = self.config.limits.max_input_bytes
        if source.problem is not None:
            raise source.problem
        if source.data is not None:
            data = source.data
        elif source.url is not None:
            from .remote import read_url

            data = read_url(source.url, source.name, limit)
        elif source.archive is not None and source.member is not None:
            data = self._read_member(source, limit)
        elif source.path is not None:
            data = _read_file(source.path, source.name, limit)
        else:
            raise GovReportError("input has neither a path nor bytes", path=source.name)
        if len(data) > limit:
            raise _too_big(source.name, len(data), limit)
        return data

    def _open_archive(self, archive: str) -> None:
        """Open an archive not expanded by this reader (a Source from another Inputs)."""
        if archive in self._zips or archive in self._tars:
            return
        if archive.lower().endswith(".zip"):
            self._zips[archive] = zipfile.ZipFile(archive)
        else:
            tf = tarfile.open(archive, "r:*")  # noqa: SIM115 -- closed by close()
            seen: set[str] = set()
            self._tars[archive] = (
                tf,
                {_unique(m.name, seen): m for m in tf.getmembers() if m.isfile() or m.islnk()},
            )

    def _read_member(self, source: Source, limit: int) -> bytes:
        archive, member = str(source.archive), str(source.member)
        try:
            self._open_archive(archive)
            if archive in self._zips:
                zf = self._zips[archive]
                info = self._zip_entries.get(archive, {}).get(member) or zf.getinfo(member)
                if info.flag_bits & 0x1:
                    raise EncryptedFileError(
                        "the archive member is password-protected; extract it with its password first",
                        path=source.name,
                    )
                if info.file_size > limit:
                    raise _too_big(source.name, info.file_size, limit)
                with zf.open(info) as fh:
                    return fh.read(limit + 1)
            tf, members = self._tars[archive]
            extracted = tf.extractfile(members[member])
            if extracted is None:
                raise CorruptFileError("the archive member has no data", path=source.name)
            with extracted:
                return extracted.read(limit + 1)
        except GovReportError:
            raise
        except _ARCHIVE_ERRORS as exc:
            raise CorruptFileError(f"cannot read the archive member ({exc})", path=source.name) from None


def _zip_head(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    if info.flag_bits & 0x1:
        raise RuntimeError("encrypted")
    with zf.open(info) as fh:
        return fh.read(SNIFF_BYTES)


def _tar_head(tf: tarfile.TarFile, info: tarfile.TarInfo) -> bytes:
    extracted = tf.extractfile(info)
    if extracted is None:
        return b""
    with extracted:
        return extracted.read(SNIFF_BYTES)


_ARCHIVE_ERRORS = (
    zipfile.BadZipFile, tarfile.TarError, OSError, EOFError, zlib.error, KeyError, RuntimeError
)


def _too_big(name: str, size: int, limit: int) -> LimitExceededError:
    return LimitExceededError(
        f"input is {size:,} bytes, above the max_input_bytes limit of {limit:,}; "
        "raise it with --limit max_input_bytes=N",
        path=name,
        limit="max_input_bytes",
        value=size,
        maximum=limit,
    )


def _shown_member(key: str) -> str:
    return display_name(key)


def not_regular(mode: int) -> str | None:
    """What a file that is not a regular file is (``None`` for a regular file).

    >>> not_regular(stat.S_IFIFO), not_regular(stat.S_IFREG) is None
    ('a FIFO (named pipe)', True)
    """
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _read_file(path: str, name: str, limit: int) -> bytes:
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise UnreadableFileError(
                "is a folder, not a document; pass it to `govreport-parse batch`", path=name
            )
        kind = not_regular(st.st_mode)
        if kind is not None:
            raise UnreadableFileError(f"is {kind}, not a regular file; it was not read", path=name)
        if st.st_size > limit:
            raise _too_big(name, st.st_size, limit)
        # O_NONBLOCK: a file replaced by a FIFO after the check must not block the batch
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as fh:
            if not_regular(os.fstat(fd).st_mode) is not None:
                raise OSError(errno.EINVAL, "not a regular file")
            return fh.read(limit + 1)
    except OSError as exc:
        raise UnreadableFileError(f"cannot read file: {exc.strerror or exc}", path=name) from None


def sha256_of(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def expand_inputs(inputs: Iterable[str | os.PathLike[str]]) -> list[Source]:
    """The documents named by ``inputs`` (files, folders, globs, archives) as :class:`Source`.

    Archive members carry no bytes here; :class:`Inputs` reads them.

    >>> import os, tempfile
    >>> d = tempfile.mkdtemp()
    >>> for n in ("a.txt", "b.pdf", "notes.json"):
    ...     open(os.path.join(d, n), "w").close()
    >>> [os.path.basename(s.name) for s in expand_inputs([d])]
    ['a.txt', 'b.pdf']
    """
    with Inputs(inputs) as found:
        return list(found.sources)


def as_source(item: Any) -> Source:
    """A :class:`Source` from a path, a ``(name, bytes)`` pair or a Source."""
    if isinstance(item, Source):
        return item
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], (bytes, bytearray, memoryview)):
        return Source(name=str(item[0]), data=bytes(item[1]))
    with contextlib.suppress(TypeError):
        path = os.fsdecode(item)
        from .remote import is_url

        if is_url(path):  # one file at an fsspec URL (no listing: parse_many takes files)
            return Source(name=path, url=path)
        return Source(name=path, path=path)
    raise TypeError(f"parse_many inputs are paths or (name, bytes) pairs, not {type(item).__name__}")


def iter_sources(items: Iterable[Any]) -> Iterator[Source]:
    """:func:`as_source` over ``items``."""
    for item in items:
        yield as_source(item)
