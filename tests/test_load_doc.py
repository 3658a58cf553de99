"""DOC/WPS reader: OLE checks, the missing-LibreOffice error, and conversion when soffice exists."""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from govreport_parse.config import ParseConfig
from govreport_parse.errors import DependencyMissingError, EncryptedFileError, UnsupportedFormatError
from govreport_parse.load import from_bytes
from govreport_parse.load.doc import find_soffice, ole_summary

from .conftest import FIXTURES

CFG = ParseConfig()
FREE, END, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def make_ole(streams: dict[str, bytes]) -> bytes:
    """A minimal compound file (CFB v3, 512-byte sectors): one FAT sector, one directory sector,
    every stream stored in regular sectors (streams are padded to 4096 bytes, the mini-stream cutoff)."""
    assert len(streams) <= 3
    data_sectors: list[bytes] = []
    fat = [FATSECT, END]
    entries = []
    for name, payload in streams.items():
        payload = payload.ljust(4096, b"\x00")
        first = 2 + len(data_sectors)
        chunks = [payload[i : i + 512] for i in range(0, len(payload), 512)]
        for k in range(len(chunks)):
            fat.append(first + k + 1 if k < len(chunks) - 1 else END)
        data_sectors.extend(chunks)
        entries.append((name, 2, first, len(payload)))

    def entry(name: str, kind: int, start: int, size: int, child: int = FREE, right: int = FREE) -> bytes:
        encoded = (name + "\x00").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\x00")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", FREE, right, child)
            + b"\x00" * 16
            + b"\x00" * 4
            + b"\x00" * 16
            + struct.pack("<III", start, size, 0)
        )

    directory = entry("Root Entry", 5, END, 0, child=1 if entries else FREE)
    for i, (name, kind, start, size) in enumerate(entries):
        directory += entry(name, kind, start, size, right=i + 2 if i + 1 < len(entries) else FREE)
    directory = directory.ljust(512, b"\x00")
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 0x2C, 1)  # FAT sectors
    struct.pack_into("<I", header, 0x30, 1)  # first directory sector
    struct.pack_into("<I", header, 0x38, 4096)
    struct.pack_into("<IIII", header, 0x3C, END, 0, END, 0)
    difat = [0] + [FREE] * 108
    struct.pack_into("<109I", header, 0x4C, *difat)
    fat_sector = struct.pack(f"<{len(fat)}I", *fat).ljust(512, b"\xff")
    return bytes(header) + fat_sector + directory + b"".join(data_sectors)


def fib(encrypted: bool) -> bytes:
    flags = 0x0100 if encrypted else 0
    return struct.pack("<HHHHHH", 0xA5EC, 0x00C1, 0, 0x0804, 0, flags)  # wIdent nFib unused lid pnNext flags


def test_ole_summary_reads_stream_names_and_the_fib() -> None:
    assert ole_summary(make_ole({"WordDocument": fib(False), "1Table": b"x"})) == (False, True, False)
    assert ole_summary(make_ole({"WordDocument": fib(True)})) == (False, True, True)
    assert ole_summary(make_ole({"EncryptedPackage": b"x", "EncryptionInfo": b"y"}))[0] is True
    junk = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\xff" * 600
    assert ole_summary(junk)[:2] == (False, False)  # never raises


def test_encrypted_docx_in_an_ole_container() -> None:
    data = make_ole({"EncryptedPackage": b"secret", "EncryptionInfo": b"info"})
    with pytest.raises(EncryptedFileError, match="password-protected"):
        from_bytes(data, "report.docx", CFG)


def test_encrypted_word97_document() -> None:
    with pytest.raises(EncryptedFileError, match="Word 97"):
        from_bytes(make_ole({"WordDocument": fib(True)}), "report.doc", CFG)


def test_ole_file_that_is_not_word() -> None:
    with pytest.raises(UnsupportedFormatError, match="WordDocument"):
        from_bytes(make_ole({"Workbook": b"xls"}), "table.xls.doc", CFG)


@pytest.mark.skipif(find_soffice() is not None, reason="LibreOffice is installed here")
def test_missing_libreoffice_names_the_fix() -> None:
    with pytest.raises(DependencyMissingError) as info:
        from_bytes(make_ole({"WordDocument": fib(False)}), "report.wps", CFG)
    message = str(info.value)
    assert "report.wps" in message and "LibreOffice" in message
    assert "apt-get install -y libreoffice-writer-nogui" in message


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_conversion_round_trip(tmp_path: Path) -> None:
    soffice = find_soffice()
    assert soffice is not None
    source = FIXTURES / "generated" / "narrative-2017.docx"
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless", "--convert-to", "doc",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    doc = tmp_path / "narrative-2017.doc"
    raw = from_bytes(doc.read_bytes(), "narrative-2017.doc", CFG)
    assert raw.source.format == "doc"
    assert "二、主动公开政府信息情况" in raw.text
    shutil.rmtree(tmp_path, ignore_errors=True)
