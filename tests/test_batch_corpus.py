"""Generated batch inputs: report variants of the seed plus known-bad files, in a folder."""

from __future__ import annotations

import os
import random
from pathlib import Path

from .conftest import SEED

ISSUERS = (
    "张店区", "淄川区", "博山区", "临淄区", "周村区", "桓台县",
    "高青县", "沂源县", "历下区", "市中区", "槐荫区",
)

# name -> (bytes, the error type the batch must report)
BAD_FILES: dict[str, tuple[bytes, str]] = {
    "bad/empty.txt": (b"", "EmptyDocumentError"),
    "bad/photo.pdf": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "UnsupportedFormatError"),
    "bad/truncated.docx": (b"PK\x03\x04" + bytes(range(200)), "CorruptFileError"),
    "bad/locked.pdf": (
        b"%PDF-1.4\n1 0 obj<</Filter/Standard/V 2/R 3/O(x)/U(y)/P -4>>endobj\n"
        b"trailer<</Encrypt 1 0 R/Root 2 0 R>>\n%%EOF\n",
        "EncryptedFileError",
    ),
    "bad/program.txt": (
        b"\x7fELF\x02\x01\x01" + bytes(random.Random(7).randrange(256) for _ in range(4000)),
        "UnsupportedFormatError",
    ),
}


def seed_lines() -> list[str]:
    return [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


def variant_text(i: int, lines: list[str] | None = None) -> str:
    """A shortened report in the seed's shape: another issuer and year, a subset of paragraphs."""
    lines = lines or seed_lines()
    rng = random.Random(i)
    issuer = ISSUERS[i % len(ISSUERS)]
    year = 2010 + i % 9
    body = lines[1:]
    keep = sorted(rng.sample(range(len(body)), k=min(len(body), 8 + i % 5)))
    text = "\n".join(body[k] for k in keep)
    text = text.replace("张店区", issuer).replace("2018", str(year))
    return f"{issuer}人民政府{year}年政府信息公开工作年度报告\n\n{text}\n（编号 {i}）\n"


def write_corpus(folder: Path, n_good: int = 55) -> dict[str, str]:
    """Write ``n_good`` variants (text, some as HTML) and the bad files; returns name -> expected.

    The expected value is ``"ok"`` or the error type.
    """
    lines = seed_lines()
    expected: dict[str, str] = {}
    for i in range(n_good):
        text = variant_text(i, lines)
        if i % 9 == 4:
            paras = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
            name = f"html/{i:03d}.html"
            data = f"<html><head><meta charset='utf-8'></head><body>{paras}</body></html>".encode()
        elif i % 7 == 3:
            name = f"gbk/{i:03d}.txt"
            data = text.encode("gb18030")
        else:
            name = f"txt/{i:03d}.txt"
            data = text.encode("utf-8")
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        expected[os.fspath(path)] = "ok"
    for name, (data, error) in BAD_FILES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        expected[os.fspath(path)] = error
    (folder / "notes.json").write_text("{}", encoding="utf-8")  # not a report suffix: ignored
    return expected


def test_variants_are_distinct_reports() -> None:
    texts = [variant_text(i) for i in range(60)]
    assert len(set(texts)) == 60
    assert all("政府信息公开工作年度报告" in t.splitlines()[0] for t in texts)
