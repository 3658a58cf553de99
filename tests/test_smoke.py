"""End-to-end smoke tests of the public API on the seed."""

from __future__ import annotations

import subprocess
import sys

import govreport_parse as gp

from .conftest import SEED


def test_seed_parses_with_metadata() -> None:
    report = gp.parse(SEED)
    assert report.title == "张店区人民政府2018年政府信息公开工作年度报告"
    assert report.issuer == "张店区人民政府"
    assert report.year == 2018
    record = report.to_dict()
    assert record["schema_version"] == "1.0"
    assert record["source"]["format"] == "txt"


def test_import_is_cheap() -> None:
    code = (
        "import sys, govreport_parse\n"
        "heavy = [m for m in ('jieba','pdfplumber','docx','pyarrow','pandas','dask','pypdfium2','lxml')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_every_public_name_resolves_and_the_lazy_model_list_matches_the_model() -> None:
    from govreport_parse import _MODEL_NAMES, model

    assert set(_MODEL_NAMES) <= set(model.__all__)
    for name in gp.__all__:
        assert getattr(gp, name) is not None
