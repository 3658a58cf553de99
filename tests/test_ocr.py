"""OCR of scanned pages: the scans of ``scripts/make_scans.py`` give the source's record.

The engine (rapidocr-onnxruntime, the ``ocr`` extra) runs for real here. The corpus
scans at 150/200/300 dpi are scored by ``scripts/evaluation/scans.py`` (pinned floors);
these cases cover the shapes a scan can take: a seal over the text and a 1.5° turn, a
landscape table page, a page stored sideways with ``/Rotate``, a text PDF whose table
is a picture, a forced OCR of a text PDF, and what happens without text or without OCR.
"""

from __future__ import annotations

import importlib.util
import io
import math
import sys
from pathlib import Path
from typing import Any

import pytest

import govreport_parse as gp
from govreport_parse.errors import NoTextLayerError
from govreport_parse.load import ocr

from .conftest import CORPUS, ROOT, need_shared

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("rapidocr_onnxruntime") is None, reason="the OCR extra is not installed"
)

sys.path.insert(0, str(ROOT / "scripts"))
from make_scans import half_image_pdf, scan_pdf, sideways_pdf  # noqa: E402

FIXTURE = ROOT / "fixtures" / "generated" / "standard-2021.pdf"
HONGZE = CORPUS / "pdf" / "huaian-hongze-2024.pdf"


def _values(report: gp.Report, prefix: str = "") -> dict[str, Any]:
    return {m.name: m.value for m in report.metrics if m.name.startswith(prefix)}


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def fixture_report() -> gp.Report:
    return gp.parse(FIXTURE)


def test_sealed_and_turned_scan_gives_the_source_record(tmp_path: Path) -> None:
    need_shared(HONGZE)
    source = gp.parse(HONGZE)
    scan = gp.parse(scan_pdf(HONGZE, tmp_path / "scan.pdf", dpi=200, angle=1.5, seal=True))
    assert scan.source.ocr_pages == (1, 2, 3, 4, 5)
    assert scan.source.ocr_engine and scan.source.ocr_engine.startswith("rapidocr-onnxruntime")
    assert scan.source.ocr_confidence is not None and scan.source.ocr_confidence > 0.9
    assert [(s.number, s.title) for s in scan.sections] == [(s.number, s.title) for s in source.sections]
    assert _values(scan, "requests.") == _values(source, "requests.")
    for name in ("requests_received", "active_disclosed", "admin_review_cases", "admin_litigation_cases"):
        assert scan.metric(name).value == source.metric(name).value, name
    assert [c.rule for c in scan.checks if c.status == "fail"] == [
        c.rule for c in source.checks if c.status == "fail"
    ]
    codes = {d.code for d in scan.diagnostics}
    assert {"ocr_pages", "ocr_deskewed"} <= codes
    # every OCR text box placed in the clean text holds its own characters
    placed = [o for o in scan.ocr if o.start >= 0]
    assert len(placed) >= 0.9 * len(scan.ocr)
    for o in placed:
        assert _squash(scan.text[o.start : o.end]) == _squash(o.text)
    assert gp.Report.from_dict(scan.to_dict()) == scan


def test_landscape_table_page(tmp_path: Path, fixture_report: gp.Report) -> None:
    path = sideways_pdf(FIXTURE, tmp_path / "landscape.pdf", pages=[3], landscape=True)
    report = gp.parse(path, require_report=False)
    want = _values(fixture_report, "requests.")
    got = _values(report, "requests.")
    assert got == want
    assert report.layout == "standard_2021"


def test_page_stored_sideways_is_read_upright(tmp_path: Path, fixture_report: gp.Report) -> None:
    path = sideways_pdf(FIXTURE, tmp_path / "sideways.pdf", pages=[3], landscape=False)
    import pypdfium2 as pdfium

    assert pdfium.PdfDocument(str(path))[0].get_rotation() == 90
    report = gp.parse(path, require_report=False)
    assert _values(report, "requests.") == _values(fixture_report, "requests.")


def test_table_pasted_as_a_picture_in_a_text_pdf(tmp_path: Path) -> None:
    need_shared(HONGZE)
    source = gp.parse(HONGZE)
    path = half_image_pdf(HONGZE, tmp_path / "half.pdf", page=3)
    report = gp.parse(path)
    assert report.source.ocr_pages == (3,)  # only the picture's page, and only the picture on it
    assert [(s.number, s.title) for s in report.sections] == [(s.number, s.title) for s in source.sections]
    got = _values(report, "requests.received_this_year.")
    assert got and got == _values(source, "requests.received_this_year.")
    # the prose of the page still comes from its text layer
    assert all(o.page == 3 for o in report.ocr)
    assert "收到和处理政府信息公开申请情况" in report.text


def test_forced_ocr_of_a_text_pdf_gives_its_sections(fixture_report: gp.Report) -> None:
    report = gp.parse(FIXTURE, config={"ocr": "force"})
    assert report.source.ocr_pages == (1, 2, 3, 4)
    assert [s.number for s in report.sections] == [s.number for s in fixture_report.sections]
    for got, want in zip(report.sections, fixture_report.sections, strict=True):
        assert want.title.startswith(got.title), (got.title, want.title)
    assert _values(report, "requests.") == _values(fixture_report, "requests.")


def test_text_pdf_is_not_ocrd(fixture_report: gp.Report) -> None:
    assert fixture_report.source.ocr_pages == ()
    assert fixture_report.ocr == ()
    assert not any(d.code.startswith("ocr_") for d in fixture_report.diagnostics)


def _blank_scan() -> bytes:
    from PIL import Image

    pages = [Image.new("L", (1240, 1754), 255) for _ in range(2)]
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", save_all=True, append_images=pages[1:], resolution=150.0)
    return buf.getvalue()


def test_blank_scan_says_ocr_found_nothing() -> None:
    with pytest.raises(NoTextLayerError) as err:
        gp.load.from_bytes(_blank_scan(), "blank-scan.pdf", gp.config.resolve_config(None))
    assert "OCR found no text" in err.value.message


def test_ocr_off_names_the_extra() -> None:
    cfg = gp.config.resolve_config({"ocr": "off"})
    with pytest.raises(NoTextLayerError) as err:
        gp.load.from_bytes(_blank_scan(), "blank-scan.pdf", cfg)
    assert "govreport-parse[ocr]" in err.value.message
    assert "ocrmypdf" in err.value.message


def test_unknown_ocr_setting_is_refused() -> None:
    with pytest.raises(ValueError, match="ocr"):
        gp.config.resolve_config({"ocr": "sometimes"})


# --------------------------------------------------------------------------- geometry


def _lines_image(angle: float) -> Any:
    """A page image of dark text-like bars (lines of 'text'), turned by ``angle`` degrees."""
    import cv2
    import numpy as np

    img = np.full((1400, 1000), 255, np.uint8)
    for k in range(20):
        y = 150 + 55 * k
        for x in range(120, 880, 28):
            cv2.rectangle(img, (x, y), (x + 20, y + 22), 0, -1)
    matrix = cv2.getRotationMatrix2D((500, 700), angle, 1.0)
    return cv2.warpAffine(img, matrix, (1000, 1400), borderValue=255)


@pytest.mark.parametrize("angle", [0.0, 0.75, -1.5, 2.0])
def test_find_skew_levels_the_page(angle: float) -> None:
    found = ocr.find_skew(_lines_image(angle))
    assert math.isclose(found, -angle, abs_tol=0.3), found


def test_find_skew_of_an_empty_page_is_zero() -> None:
    import numpy as np

    assert ocr.find_skew(np.full((800, 600), 255, np.uint8)) == 0.0


def test_ruling_edges_of_a_drawn_grid() -> None:
    import cv2
    import numpy as np

    img = np.full((1000, 800), 255, np.uint8)
    for y in (100, 200, 300, 400):
        cv2.line(img, (100, y), (700, y), 0, 2)
    for x in (100, 300, 500, 700):
        cv2.line(img, (x, 100), (x, 400), 0, 2)
    cv2.putText(img, "2024", (150, 160), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)  # text is not a rule
    edges = ocr.ruling_edges(img, 0.5)
    assert sorted(round(e.top) for e in edges if e.orientation == "h") == [50, 100, 150, 200]
    assert sorted(round(e.x0) for e in edges if e.orientation == "v") == [50, 150, 250, 350]


def test_box_glyphs_share_the_width_by_character_width() -> None:
    glyphs = ocr.box_glyphs("共 12件", 0.0, 0.0, 40.0, 10.0)
    assert [g.char for g in glyphs] == ["共", "1", "2", "件"]
    assert glyphs[-1].x1 == pytest.approx(40.0)
    assert glyphs[1].width == pytest.approx(glyphs[0].width / 2)


def test_scanned_corpus_is_scored_at_every_resolution() -> None:
    import json

    floors = json.loads((ROOT / "scripts" / "eval_floors.json").read_text(encoding="utf-8"))
    for dpi in (150, 200, 300):
        for key in ("table_applications_accuracy", "key_counts_accuracy", "sections_exact_match"):
            assert f"scans.{key}_{dpi}" in floors


def test_a_worker_busy_on_a_long_scan_is_not_taken_for_a_hung_one() -> None:
    """Each OCR'd page beats the pool's heartbeat; the hang watchdog waits while it beats."""
    import time

    from govreport_parse import timebudget
    from govreport_parse.batch import worker
    from govreport_parse.batch.local import _Pool
    from govreport_parse.config import ParseConfig

    pool = _Pool(1, ParseConfig())
    pool.beat.value = time.time() - 100
    assert not pool.busy(30)
    worker._BEAT, saved = pool.beat, worker._BEAT
    try:
        with timebudget.extender(lambda _s: worker.beat()):
            timebudget.extend(60.0)  # what the PDF loader does before it OCRs a page
    finally:
        worker._BEAT = saved
    assert pool.busy(30)
