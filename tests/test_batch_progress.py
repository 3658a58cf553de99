"""Progress output (bar on a terminal, log lines elsewhere), the summary, and --view pages."""

from __future__ import annotations

import io
from pathlib import Path

from govreport_parse.batch import run_batch
from govreport_parse.batch.progress import Progress, format_duration

from .test_batch_corpus import variant_text


def test_bar_on_a_terminal_redraws_one_line() -> None:
    out = io.StringIO()
    bar = Progress(total=3, stream=out, tty=True)
    for ok in (True, False, True):
        bar.update(ok=ok, name="x.pdf", message="damaged")
    bar.close()
    text = out.getvalue()
    assert text.startswith("\r[") and text.endswith("\n")
    assert "3/3 (1 failed)" in text and "doc/s" in text and "ETA" in text
    # a failure is named on a line of its own above the bar (the bar's line is cleared first),
    # then the bar is drawn again: one line per failure plus the bar's own
    assert text.count("\r\x1b[Kfailed: x.pdf: damaged\n") == 1 and text.count("\n") == 2
    assert text.rsplit("\n", 2)[-2].startswith("\r[")


def test_log_lines_elsewhere_name_each_failure() -> None:
    out = io.StringIO()
    bar = Progress(total=2, stream=out, tty=False)
    bar.update(ok=False, name="bad.pdf", message="the PDF is damaged")
    bar.update(ok=True)
    bar.close()
    lines = out.getvalue().splitlines()
    assert "failed: bad.pdf: the PDF is damaged" in lines
    assert lines[-1].startswith("parsed 2/2 (1 failed)")
    assert "\r" not in out.getvalue()


def test_format_duration() -> None:
    assert [format_duration(s) for s in (0, 59.6, 75, 3725)] == ["0:00", "1:00", "1:15", "1:02:05"]


def test_view_writes_a_page_per_report_and_an_index(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(2):
        (folder / f"{i}.txt").write_text(variant_text(i), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    summary = run_batch([folder], tmp_path / "out", workers=0, progress=False, view=True, formats=())
    assert (summary.parsed, summary.failed) == (2, 1)
    pages = sorted(p.name for p in (tmp_path / "out" / "view").glob("*.html"))
    assert len(pages) == 3 and "index.html" in pages
    index = (tmp_path / "out" / "view" / "index.html").read_text(encoding="utf-8")
    assert "empty.txt" in index
    assert not summary.rows  # formats=() writes only the journals
    text = summary.format()
    assert "EmptyDocumentError 1" in text and "2 records, 1 failures in total" in text
