"""A batch over a folder built like a real download folder: every report is taken whatever its
suffix, every other file is rejected or skipped with its reason, and no file is unaccounted for."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from govreport_parse.batch import Inputs, run_batch
from govreport_parse.cli import EXIT_NO_REPORT, EXIT_OK, main

from .conftest import FIXTURES
from .test_batch_corpus import variant_text
from .test_batch_inputs import gbk_zip

NOTICE = "关于报送2019年政府信息公开工作年度报告的通知\n各镇街：\n请于1月20日前报送。"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _html(text: str, charset: str = "utf-8") -> bytes:
    paras = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
    page = (
        f"<!DOCTYPE html><html><head><meta charset='{charset}'><title>{text.splitlines()[0]}</title></head>"
        f"<body><div class='nav'>首页 &gt; 政务公开</div>{paras}</body></html>"
    )
    return page.encode(charset)


LIST_PAGE = "".join(
    f"<li><a href='/{y}.htm'>某县人民政府{y}年政府信息公开工作年度报告</a>"
    f"<span>{y + 1}-01-2{y % 10}</span></li>"
    for y in range(2016, 2024)
)

# name -> what must become of it: "ok", "rejected", or ("skipped", reason)
EXPECTED: dict[str, object] = {
    "沭阳县2025年报.md": "ok",
    "xxgkAnnualReport.jsp": "ok",
    "year_details.aspx": "ok",
    "2396": "ok",
    "saved-page.txt": "ok",
    "index.htm": "rejected",
    "政府工作报告.html": "rejected",
    "links.tsv": ("skipped", "not a document"),
    "chart.png": ("skipped", "not a document"),
    "photo": ("skipped", "not a document"),
    "notes.json": ("skipped", "not a document"),
    ".DS_Store": ("skipped", "hidden"),
    ".cache": ("skipped", "hidden"),
    "old-run": ("skipped", "output of this tool"),
    "下载.zip/2019年/淄川区年报.txt": "ok",
    "下载.zip/通知/关于报送年报的通知.txt": "rejected",
    "下载.zip/图/封面.png": ("skipped", "not a document"),
}


def build_download_folder(root: Path) -> None:
    (root / "沭阳县2025年报.md").write_text("# " + variant_text(1), encoding="utf-8")
    (root / "xxgkAnnualReport.jsp").write_bytes(_html(variant_text(2)))
    (root / "year_details.aspx").write_bytes(_html(variant_text(3), "gbk"))
    (root / "2396").write_bytes(variant_text(4).encode("gb18030"))
    (root / "saved-page.txt").write_bytes(_html(variant_text(5)))
    (root / "index.htm").write_bytes(
        f"<html><head><meta charset='utf-8'></head><body><ul>{LIST_PAGE}</ul>"
        "<div>共2页 首页 上一页 下一页 尾页</div></body></html>".encode()
    )
    (root / "政府工作报告.html").write_bytes(
        _html("2024年某县政府工作报告\n各位代表：\n现在，我代表县人民政府向大会报告工作。\n深化政务公开。")
    )
    (root / "links.tsv").write_text(
        "标题\t链接\n年报\thttps://a.gov.cn/1.htm\n附件\thttps://a.gov.cn/2.pdf\n", encoding="utf-8"
    )
    (root / "chart.png").write_bytes(PNG)
    (root / "photo").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 64)
    (root / "notes.json").write_text('{"saved": "2025-01-02"}', encoding="utf-8")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / ".cache").mkdir()
    (root / ".cache" / "x.txt").write_text(variant_text(9), encoding="utf-8")
    old = root / "old-run"  # the output of an earlier batch, saved inside the download folder
    (old / "view").mkdir(parents=True)
    (old / "manifest.jsonl").write_text("{}\n", encoding="utf-8")
    (old / "reports.jsonl").write_text("{}\n", encoding="utf-8")
    (old / "view" / "index.html").write_bytes(_html(variant_text(6)))
    gbk_zip(
        root / "下载.zip",
        {
            # the longest name first: the helper's placeholders must not contain one another
            "通知/关于报送年报的通知.txt": NOTICE.encode("gbk"),
            "2019年/淄川区年报.txt": variant_text(7).encode("gbk"),
            "图/封面.png": PNG,
        },
    )


def _manifest(out: Path) -> list[dict[str, object]]:
    return [json.loads(x) for x in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]


def _check(root: Path, manifest: list[dict[str, object]]) -> None:
    by_name: dict[str, dict[str, object]] = {}
    for entry in manifest:
        name = os.path.relpath(str(entry["name"]), root)
        assert name not in by_name, f"{name} has two manifest lines"
        by_name[name] = entry
    assert set(by_name) == set(EXPECTED), "every input has exactly one line, nothing else"
    for name, want in EXPECTED.items():
        entry = by_name[name]
        if isinstance(want, tuple):
            assert (entry["status"], entry["reason"]) == want, entry
            assert entry["detail"], entry
        else:
            assert entry["status"] == want, entry
        if want == "rejected":
            assert entry["reason"] == "not a report" and "score" in str(entry["detail"]), entry


def test_a_download_folder_is_taken_by_content(tmp_path: Path) -> None:
    root = tmp_path / "下载"
    root.mkdir()
    build_download_folder(root)
    out = tmp_path / "out"
    summary = run_batch([root], out, workers=0, formats=("csv",), progress=False)
    _check(root, _manifest(out))
    taken = sum(1 for w in EXPECTED.values() if w in ("ok", "rejected"))
    assert (summary.parsed, summary.rejected, summary.failed_now) == (6, 3, 0)
    assert summary.inputs == taken
    assert sum(summary.not_taken.values()) == len(EXPECTED) - taken
    text = summary.format()
    assert "rejected   3" in text and "not taken  8 files" in text
    records = [json.loads(x) for x in (out / "reports.jsonl").read_text(encoding="utf-8").splitlines()]
    for r in records:
        assert "<" not in (r["title"] or ""), r["title"]  # HTML saved as .txt/.jsp is read as HTML
        assert r["evidence"]["kind"] == "annual_report"
    assert {r["year"] for r in records} == {2011, 2012, 2013, 2014, 2015, 2017}


def test_an_output_folder_inside_the_input_is_never_read_even_on_resume(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    for i in range(3):
        (root / f"{i}.txt").write_text(variant_text(i), encoding="utf-8")
    out = root / "out"
    args = ["batch", os.fspath(root), "-o", os.fspath(out), "--workers", "0", "-q", "--view"]
    assert main(args) == EXIT_OK
    first = _manifest(out)
    assert main([*args, "--resume"]) == EXIT_OK
    again = _manifest(out)
    assert [e["status"] for e in again[len(first) :]] == []  # nothing new: the output is not an input
    lines = (out / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3


def test_include_and_exclude_globs(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "2019").mkdir(parents=True)
    (root / "2019" / "a.txt").write_text(variant_text(1), encoding="utf-8")
    (root / "b.txt").write_text(variant_text(2), encoding="utf-8")
    (root / "c.jsp").write_bytes(_html(variant_text(3)))
    with Inputs([root], include=["*.txt"], exclude=["2019/*"]) as found:
        assert [os.path.basename(s.name) for s in found.sources] == ["b.txt"]
        why = {os.path.basename(s.name): (s.reason, s.detail) for s in found.skipped}
        assert why == {
            "a.txt": ("excluded", "matched by --exclude 2019/*"),
            "c.jsp": ("excluded", "not matched by --include"),
        }


def test_an_empty_folder_warns_and_has_its_own_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty").mkdir()
    code = main(["batch", os.fspath(tmp_path / "empty"), "-o", os.fspath(tmp_path / "out"), "-q"])
    assert code == EXIT_NO_REPORT
    assert "warning: no report found" in capsys.readouterr().err
    (tmp_path / "other").mkdir()
    shutil.copy(FIXTURES / "zhangdian-2018.txt", tmp_path / "other" / "z.txt")
    notice = "关于开展安全检查的通知\n各单位：请认真落实。"
    (tmp_path / "other" / "z.txt").write_text(notice, encoding="utf-8")
    code = main(["batch", os.fspath(tmp_path / "other"), "-o", os.fspath(tmp_path / "out2"), "-q"])
    assert code == EXIT_NO_REPORT
    assert "1 documents are not reports" in capsys.readouterr().err


def test_a_fifo_in_a_folder_is_skipped_without_being_opened(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(variant_text(1), encoding="utf-8")
    os.mkfifo(root / "pipe.txt")  # opening it would block until a writer came
    with Inputs([root]) as found:
        assert [os.path.basename(s.name) for s in found.sources] == ["a.txt"]
        (skipped,) = found.skipped
        assert (os.path.basename(skipped.name), skipped.reason) == ("pipe.txt", "not a document")
        assert "not a regular file" in skipped.detail


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("report.jsp", _html(variant_text(1)), "html"),
        ("2396", variant_text(2).encode("utf-16"), "txt"),
        ("x.bin", b"%PDF-1.7\n", "pdf"),
        ("a.zip", b"PK\x03\x04" + b"\x00" * 40, "zip"),
        ("b.docx", b"PK\x03\x04" + b"\x00" * 26 + b"[Content_Types].xml", "docx"),
        ("notes.txt", b"plain ascii notes only", None),
        ("data.csv", b"a\tb\tc\n1\t2\t3\n4\t5\t6\n", None),
        ("blob", bytes(range(256)) * 4, None),
        ("page.json", '{"a": "年报"}'.encode(), None),
    ],
)
def test_sniffing_cases(name: str, data: bytes, expected: str | None) -> None:
    from govreport_parse.batch.inputs import sniff_input

    fmt, what = sniff_input(data, name)
    assert fmt == expected, what
    assert (what == "") is (expected is not None)
