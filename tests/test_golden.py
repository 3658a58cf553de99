"""Golden file: the whole dataset record of the seed report.

Any change to what the parser produces for the seed (text, sections, facts, metrics, checks,
artifacts, diagnostics) shows up here as a diff. When a change is intended, regenerate with
``GOVREPORT_UPDATE_GOLDEN=1 pytest tests/test_golden.py`` and review the diff of
``tests/golden/zhangdian-2018.json`` in the commit.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import govreport_parse as gp

from .conftest import ROOT, SEED

GOLDEN = ROOT / "tests" / "golden" / "zhangdian-2018.json"


def _record(path: Path) -> dict[str, Any]:
    record = gp.parse(path, name=path.name).to_dict()
    record.pop("parser_version")  # the release number is not behaviour
    return record


def test_seed_record_equals_golden() -> None:
    record = _record(SEED)
    if os.environ.get("GOVREPORT_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert record.keys() == golden.keys()
    for key in golden:
        assert record[key] == golden[key], f"record field {key!r} differs from {GOLDEN.name}"
