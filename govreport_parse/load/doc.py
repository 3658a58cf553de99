"""DOC (Word 97–2003) and WPS reader: convert with LibreOffice, then read the DOCX.

Files in the OLE compound format are checked first: an encrypted Office file
(a password-protected DOCX is an OLE file with an ``EncryptedPackage``
stream; an encrypted DOC sets ``fEncrypted`` in its FIB) raises
:class:`~govreport_parse.errors.EncryptedFileError`; an OLE file without a
``WordDocument`` stream (an Excel or PowerPoint file) raises
:class:`~govreport_parse.errors.UnsupportedFormatError`. Then

    soffice -env:UserInstallation=file:///tmp/<private> --headless --convert-to docx --outdir <tmp> file.doc

runs with ``Limits.max_seconds`` as its timeout and the result is read by
:mod:`.docx`. Without ``soffice``/``libreoffice`` on ``PATH`` a
:class:`~govreport_parse.errors.DependencyMissingError` names the package to install.

>>> ole_summary(b"not an OLE file")
(False, False, None)
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

from ..config import ParseConfig
from ..errors import (
    CorruptFileError,
    DependencyMissingError,
    EncryptedFileError,
    ParseTimeoutError,
    UnsupportedFormatError,
)
from ..model import RawDocument

__all__ = ["INSTALL_HINT", "find_soffice", "load", "ole_summary"]

INSTALL_HINT = (
    "install LibreOffice Writer: `apt-get install -y libreoffice-writer-nogui` on Debian 12/Ubuntu 22.04+ "
    "(or `libreoffice-writer`), `brew install --cask libreoffice` on macOS, or the installer from "
    "libreoffice.org on Windows; then make sure `soffice` is on PATH. Alternatively save the file as "
    ".docx in Word or WPS"
)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END_OF_CHAIN = 0xFFFFFFFE
_FIB_IDENT = 0xA5EC
_F_ENCRYPTED = 0x0100


def find_soffice() -> str | None:
    """The LibreOffice command on ``PATH`` (``soffice`` or ``libreoffice``), or ``None``."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _sector(data: bytes, sid: int, size: int) -> bytes:
    start = (sid + 1) * size
    return data[start : start + size]


def ole_summary(data: bytes) -> tuple[bool, bool, bool | None]:
    """``(has_encrypted_package, has_word_document, word_encrypted)`` of an OLE compound file.

    ``word_encrypted`` is ``None`` when the FIB cannot be read. Never raises.
    """
    if not data.startswith(_OLE_MAGIC) or len(data) < 512:
        return False, False, None
    try:
        size = 1 << struct.unpack_from("<H", data, 0x1E)[0]
        if size not in (512, 4096):
            raise ValueError("sector size")
        n_fat = struct.unpack_from("<I", data, 0x2C)[0]
        first_dir = struct.unpack_from("<I", data, 0x30)[0]
        difat = [s for s in struct.unpack_from("<109I", data, 0x4C)[: min(n_fat, 109)]]
        fat: list[int] = []
        for sid in difat:
            sec = _sector(data, sid, size)
            fat.extend(struct.unpack(f"<{len(sec) // 4}I", sec))
        names: dict[str, tuple[int, int]] = {}
        sid = first_dir
        seen: set[int] = set()
        while sid < len(fat) and sid not in seen and len(seen) < 10_000:
            seen.add(sid)
            sec = _sector(data, sid, size)
            for off in range(0, len(sec) - 127, 128):
                name_len = struct.unpack_from("<H", sec, off + 64)[0]
                name = sec[off : off + max(0, name_len - 2)].decode("utf-16-le", "replace")
                start, length = struct.unpack_from("<II", sec, off + 0x74)
                names[name] = (start, length)
            sid = fat[sid]
    except (struct.error, ValueError):
        blob = data
        return (
            "EncryptedPackage".encode("utf-16-le") in blob,
            "WordDocument".encode("utf-16-le") in blob,
            None,
        )
    encrypted = None
    if "WordDocument" in names:
        start, length = names["WordDocument"]
        fib = _sector(data, start, size) if length >= 4096 else b""
        if len(fib) >= 12 and struct.unpack_from("<H", fib, 0)[0] == _FIB_IDENT:
            encrypted = bool(struct.unpack_from("<H", fib, 0x0A)[0] & _F_ENCRYPTED)
    return "EncryptedPackage" in names, "WordDocument" in names, encrypted


def load(data: bytes, path: str, config: ParseConfig, sha256: str) -> RawDocument:
    """Convert a DOC/WPS file to DOCX with LibreOffice and read it (typed errors otherwise)."""
    encrypted_package, word, word_encrypted = ole_summary(data)
    if encrypted_package:
        raise EncryptedFileError(
            "this is a password-protected Office document (encrypted DOCX inside an OLE container); "
            "open it in Word or WPS, remove the password and save it again",
            path=path,
        )
    if not word:
        raise UnsupportedFormatError(
            "an OLE compound file without a WordDocument stream: not a Word/WPS document "
            "(probably an Excel .xls or PowerPoint .ppt file)",
            path=path,
        )
    if word_encrypted:
        raise EncryptedFileError(
            "this Word 97–2003 document is password-protected; "
            "remove the password in Word or WPS and save again",
            path=path,
        )
    soffice = find_soffice()
    if soffice is None:
        raise DependencyMissingError(f"reading .doc/.wps files needs LibreOffice; {INSTALL_HINT}", path=path)
    converted = _convert(soffice, data, path, config)
    from .docx import load as load_docx

    raw = load_docx(converted, path, config, sha256)
    return dataclasses.replace(raw, source=dataclasses.replace(raw.source, format="doc", size=len(data)))


def _convert(soffice: str, data: bytes, path: str, config: ParseConfig) -> bytes:
    suffix = ".wps" if path.lower().endswith(".wps") else ".doc"
    with tempfile.TemporaryDirectory(prefix="govreport-doc-") as tmp:
        src = Path(tmp) / f"input{suffix}"
        src.write_bytes(data)
        outdir = Path(tmp) / "out"
        profile = Path(tmp) / "profile"
        cmd = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--convert-to",
            "docx",
            "--outdir",
            str(outdir),
            str(src),
        ]
        try:
            proc = subprocess.run(
                cmd,
                capture_output=True,
                timeout=config.limits.max_seconds,
                check=False,
                env={**os.environ, "HOME": tmp},
            )
        except subprocess.TimeoutExpired:
            limit = config.limits.max_seconds
            raise ParseTimeoutError(
                f"LibreOffice took longer than the max_seconds limit of {limit:g} s to convert the file; "
                "raise it with config={'limits': {'max_seconds': N}}",
                path=path,
                limit="max_seconds",
                maximum=limit,
            ) from None
        except OSError as exc:
            raise DependencyMissingError(f"cannot run {soffice} ({exc}); {INSTALL_HINT}", path=path) from None
        result = outdir / "input.docx"
        if not result.exists():
            detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()[-300:]
            raise CorruptFileError(
                f"LibreOffice could not convert this Word 97–2003/WPS file (exit {proc.returncode}"
                + (f": {detail}" if detail else "")
                + "); it may be damaged — open it in Word or WPS and save it as .docx",
                path=path,
            )
        return result.read_bytes()
