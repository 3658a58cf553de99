"""The cookbook's Python blocks run as written against a batch over the fixtures."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from govreport_parse.batch import run_batch

from .conftest import FIXTURES, ROOT, SHARED, need_shared

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


def test_cookbook_facts_recipes_are_sensible_on_the_shared_corpora(tmp_path: Path) -> None:
    """The facts recipes on real reports: no table runs summed, labels that say what is
    counted, shares linked to real counts."""
    import pandas as pd

    corpus = SHARED / "corpus"
    dirs = [corpus / "text", corpus / "pdf", SHARED / "corpus-pingtan" / "text", SHARED / "seeds"]
    for d in dirs:
        need_shared(d)
    summary = run_batch(dirs, tmp_path / "out", workers=0, progress=False)
    assert summary.failed == 0 and summary.parsed >= 15
    facts = pd.read_parquet(tmp_path / "out" / "facts.parquet")
    quantities = facts[facts["kind"] == "quantity"]
    assert len(quantities) >= 300
    # no flattened table run and no table cell is a quantity
    assert quantities["value"].max() < 1e8
    assert not quantities["text"].str.contains(r"\d{10}").any()
    assert quantities["unit"].notna().mean() > 0.98
    by_label = quantities.groupby(["label", "unit"])["value"].agg(["count", "sum"])
    top = by_label.sort_values("count", ascending=False)
    labels = [label for label, _ in top.head(10).index]
    assert "主动公开政府信息" in labels
    assert not {"信息", "总数", "数量", "现场", "突破", "项共"} & set(labels), labels
    assert all(len(label) >= 2 for label in labels)
    shares = facts[facts["kind"] == "percentage"]
    counts = quantities[["sha256", "start", "text", "value"]].rename(
        columns={"start": "count_start", "text": "count_text", "value": "count"}
    )
    linked = shares.merge(counts, on=["sha256", "count_start"], how="left")
    has_count = linked["count_start"].notna()
    assert has_count.sum() >= 30
    assert linked.loc[has_count, "count_text"].notna().all()  # every link points at a real count
    assert linked["label"].notna().mean() > 0.8
