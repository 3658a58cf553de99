"""Batch inputs (folders, globs, zip with GBK names, tar.gz) and the crash-safe journal."""

from __future__ import annotations

import io
import json
import os
import tarfile
import zipfile
from pathlib import Path

import pytest

from govreport_parse.batch import Inputs, expand_inputs, run_batch
from govreport_parse.batch.inputs import Source, zip_member_name
from govreport_parse.batch.journal import Journal
from govreport_parse.batch.worker import Outcome, failure_outcome
from govreport_parse.cli import main
from govreport_parse.errors import CorruptFileError, EncryptedFileError

from .test_batch_corpus import variant_text


def gbk_zip(path: Path, members: dict[str, bytes], *, encrypted: tuple[str, ...] = ()) -> None:
    """A zip whose member names are stored in GBK without the UTF-8 flag (as Chinese Windows
    tools write them); members in ``encrypted`` get the encryption flag bit."""
    placeholders = {}
    with zipfile.ZipFile(path, "w") as zf:
        for i, (name, data) in enumerate(members.items()):
            raw = name.encode("gbk")
            placeholder = f"{i:0{len(raw)}d}"[-len(raw) :].encode("ascii")
            assert len(placeholder) == len(raw)
            placeholders[placeholder] = (raw, name in encrypted)
            zf.writestr(placeholder.decode("ascii"), data)
    blob = bytearray(path.read_bytes())
    for placeholder, (raw, lock) in placeholders.items():
        start = 0
        while (at := blob.find(placeholder, start)) >= 0:
            blob[at : at + len(raw)] = raw
            start = at + len(raw)
            for sig, flag_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
                header = at - name_at
                if header >= 0 and blob[header : header + 4] == sig and lock:
                    blob[header + flag_at] |= 0x01
    path.write_bytes(bytes(blob))


def test_zip_member_names_in_gbk_are_decoded() -> None:
    for name in ("报告.txt", "2019年/张店区政府信息公开年度报告.pdf", "plain.txt"):
        info = zipfile.ZipInfo(name.encode("gbk").decode("cp437"))
        assert zip_member_name(info) == name
    utf8 = zipfile.ZipInfo("年报.txt".encode().decode("cp437"))
    assert zip_member_name(utf8) == "年报.txt"


def test_batch_reads_zip_and_tar_gz_in_place(tmp_path: Path) -> None:
    a, b, c = (variant_text(i).encode("utf-8") for i in (1, 2, 3))
    gbk_zip(
        tmp_path / "reports.zip",
        {"2019年/淄川区年报.txt": a, "说明.json": b"{}", "加密/博山区年报.txt": b, "__MACOSX/._x.txt": b"x"},
        encrypted=("加密/博山区年报.txt",),
    )
    with tarfile.open(tmp_path / "more.tar.gz", "w:gz") as tf:
        info = tarfile.TarInfo("临淄区/年报.txt")
        info.size = len(c)
        tf.addfile(info, io.BytesIO(c))
    out = tmp_path / "out"
    code = main(["batch", os.fspath(tmp_path / "reports.zip"), os.fspath(tmp_path / "*.tar.gz"),
                 "-o", os.fspath(out), "--workers", "0", "--quiet"])
    assert code == 1
    manifest = [json.loads(x) for x in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    zip_name = os.fspath(tmp_path / "reports.zip")
    not_taken = {m["name"]: (m["reason"], m["detail"]) for m in manifest if m["status"] == "skipped"}
    assert not_taken == {
        f"{zip_name}/说明.json": ("not a document", "JSON data"),
        f"{zip_name}/__MACOSX/._x.txt": ("hidden", "a hidden or system file"),
    }
    names = {m["name"]: m for m in manifest if m["status"] != "skipped"}
    assert set(names) == {
        f"{zip_name}/2019年/淄川区年报.txt",
        f"{zip_name}/加密/博山区年报.txt",
        f"{os.fspath(tmp_path / 'more.tar.gz')}/临淄区/年报.txt",
    }
    assert names[f"{zip_name}/2019年/淄川区年报.txt"]["status"] == "ok"
    locked = names[f"{zip_name}/加密/博山区年报.txt"]
    assert locked["status"] == "failed" and locked["error_type"] == "EncryptedFileError"
    records = [json.loads(line) for line in (out / "reports.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["source"]["name"].rsplit("/", 1)[-1] for r in records) == ["年报.txt", "淄川区年报.txt"]


def test_damaged_archives_become_failures(tmp_path: Path) -> None:
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
    with Inputs([tmp_path / "broken.zip"]) as found:
        (source,) = found.sources
        with pytest.raises(CorruptFileError, match="zip archive"):
            found.read(source)
    payload = io.BytesIO()
    with tarfile.open(fileobj=payload, mode="w:gz") as tf:
        data = variant_text(4).encode()
        info = tarfile.TarInfo("a.txt")
        info.size = len(data)
        tf.addfile(info, io.BytesIO(data))
    (tmp_path / "cut.tar.gz").write_bytes(payload.getvalue()[:60])
    with Inputs([tmp_path / "cut.tar.gz"]) as found:
        assert any(s.problem is not None for s in found.sources)


def test_encrypted_member_is_reported_by_the_reader(tmp_path: Path) -> None:
    gbk_zip(tmp_path / "x.zip", {"秘密.txt": b"abc"}, encrypted=("秘密.txt",))
    with Inputs([tmp_path / "x.zip"]) as found:
        (source,) = found.sources
        assert source.name.endswith("x.zip/秘密.txt")
        with pytest.raises(EncryptedFileError, match="password"):
            found.read(source)


def test_folders_globs_and_ignored_files(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/one.txt", "a/b/two.PDF", "a/b/three.html", "a/b/skip.json", "a/.hidden.txt", "four.docx"):
        (tmp_path / name).write_bytes(b"x")
    with Inputs([tmp_path / "a", tmp_path / "*.docx"]) as found:
        names = [os.path.relpath(s.name, tmp_path) for s in found.sources]
        assert names == ["a/one.txt", "a/b/three.html", "a/b/two.PDF", "four.docx"]
        assert [os.path.basename(p) for p in found.ignored] == ["skip.json"]
    (named,) = expand_inputs([tmp_path / "a" / "b" / "skip.json"])  # named explicitly: taken
    assert named.name.endswith("skip.json")


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["batch", os.fspath(tmp_path / "nope"), "-o", os.fspath(tmp_path / "out")]) == 2
    assert main(["batch", os.fspath(tmp_path / "*.pdf"), "-o", os.fspath(tmp_path / "out")]) == 2


def test_duplicates_are_parsed_once(tmp_path: Path) -> None:
    data = variant_text(5).encode()
    (tmp_path / "in").mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "in" / name).write_bytes(data)
    summary = run_batch([tmp_path / "in"], tmp_path / "out", workers=0, progress=False, formats=())
    assert (summary.parsed, summary.duplicates) == (1, 1)
    manifest = [json.loads(x) for x in (tmp_path / "out" / "manifest.jsonl").read_text().splitlines()]
    assert [m["status"] for m in manifest] == ["ok", "duplicate"]
    assert manifest[1]["duplicate_of"].endswith("a.txt")


def ok_outcome(i: int) -> Outcome:
    return Outcome(index=i, name=f"d{i}.txt", sha256=f"{i:064x}", seconds=0.1, line=b'{"n":%d}\n' % i,
                   counts={"facts": i})


def test_journal_recovery_drops_uncommitted_data(tmp_path: Path) -> None:
    j = Journal(tmp_path)
    j.commit(ok_outcome(1))
    j.commit(failure_outcome(2, "bad.pdf", "f" * 64, "CorruptFileError", "damaged"))
    j.close()
    # a record written but not yet in the manifest, and a torn manifest line
    with open(tmp_path / "reports.jsonl", "ab") as fh:
        fh.write(b'{"n":3}\n{"n":')
    with open(tmp_path / "manifest.jsonl", "ab") as fh:
        fh.write(b'{"name":"d3.txt","sha')
    j = Journal(tmp_path, resume=True)
    assert j.done == {f"{1:064x}", "f" * 64}
    assert j.previous == {"ok": 1, "failed": 1}
    j.commit(ok_outcome(3))
    j.close()
    assert (tmp_path / "reports.jsonl").read_bytes() == b'{"n":1}\n{"n":3}\n'
    lines = (tmp_path / "manifest.jsonl").read_bytes().splitlines()
    assert len(lines) == 3 and json.loads(lines[-1])["reports_end"] == len(b'{"n":1}\n{"n":3}\n')


def test_journal_refuses_to_overwrite(tmp_path: Path) -> None:
    Journal(tmp_path).close()
    (tmp_path / "manifest.jsonl").write_bytes(b"{}\n")
    with pytest.raises(ValueError, match="--resume"):
        Journal(tmp_path)


def test_source_from_bytes_needs_no_file() -> None:
    with Inputs([]) as reader:
        assert reader.read(Source(name="m.txt", data=b"abc")) == b"abc"


def test_parse_many_reads_archive_members_from_expand_inputs(tmp_path: Path) -> None:
    import govreport_parse as gp

    gbk_zip(tmp_path / "a.zip", {"甲/年报.txt": variant_text(6).encode(), "乙/空.txt": b""})
    sources = expand_inputs([tmp_path / "a.zip"])  # the archive is closed again here
    results = list(gp.parse_many(sources, workers=0, config={"extract_labels": False}))
    assert [type(r).__name__ for r in results] == ["Report", "Failure"]
    assert isinstance(results[0], gp.Report) and results[0].source.name.endswith("a.zip/甲/年报.txt")


def test_a_flush_interrupted_before_the_manifest_is_redone_cleanly(tmp_path: Path) -> None:
    j = Journal(tmp_path)
    j.add(ok_outcome(1))
    with open(tmp_path / "reports.jsonl", "ab") as fh:  # as if a first flush stopped after the data write
        fh.write(b'{"n":1}\n')
    j.close()
    assert (tmp_path / "reports.jsonl").read_bytes() == b'{"n":1}\n'
    assert len((tmp_path / "manifest.jsonl").read_bytes().splitlines()) == 1


def test_an_archive_named_twice_is_read_once_per_mention(tmp_path: Path) -> None:
    gbk_zip(tmp_path / "a.zip", {"年报.txt": variant_text(7).encode()})
    with tarfile.open(tmp_path / "b.tar.gz", "w:gz") as tf:
        data = variant_text(8).encode()
        info = tarfile.TarInfo("b.txt")
        info.size = len(data)
        tf.addfile(info, io.BytesIO(data))
    twice = [tmp_path / "a.zip", tmp_path / "a.zip", tmp_path / "b.tar.gz", tmp_path / "b.tar.gz"]
    summary = run_batch(twice, tmp_path / "out", workers=0, progress=False, formats=(),
                        config={"extract_labels": False})
    assert (summary.inputs, summary.parsed, summary.duplicates) == (4, 2, 2)
