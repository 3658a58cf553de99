"""The cookbook's Python blocks run as written against a batch over the fixtures."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from govreport_parse.batch import run_batch

from .conftest import FIXTURES, ROOT

COOKBOOK = ROOT / "docs" / "cookbook.md"


def test_cookbook_blocks_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = run_batch([FIXTURES], tmp_path / "out", workers=0, progress=False)
    assert summary.failed == 0 and summary.parsed >= 1
    (tmp_path / "fixtures").symlink_to(FIXTURES, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    blocks = re.findall(r"```python\n(.*?)```", COOKBOOK.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 5
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, os.fspath(COOKBOOK), "exec"), namespace)
    panel = namespace["panel"]
    assert panel.loc["张店区人民政府", 2018] == 142  # type: ignore[attr-defined]
