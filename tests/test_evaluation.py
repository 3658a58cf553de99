"""The evaluation gate: scores against the shared gold may not drop below their floors."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import CORPUS, ROOT, need_shared

SCRIPT = ROOT / "scripts" / "evaluate.py"


def _evaluate_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("evaluate_script", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_scores_at_or_above_floors() -> None:
    need_shared(CORPUS / "gold")
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, timeout=600, cwd=ROOT
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "sections.exact_match" in proc.stdout


def test_floors_file_pins_the_sections_scores() -> None:
    floors = json.loads((ROOT / "scripts" / "eval_floors.json").read_text(encoding="utf-8"))
    for key in ("sections.precision", "sections.recall", "sections.exact_match"):
        assert 0.0 < floors[key] <= 1.0


def test_below_floor_reports_drops_and_missing_scores() -> None:
    ev = _evaluate_module()
    floors = {"a.x": 0.9, "a.y": 0.5, "b.z": 1.0}
    problems = ev.below_floor({"a.x": 0.8, "a.y": 0.5}, floors)
    assert len(problems) == 2
    assert problems[0].startswith("a.x: 0.800 < floor 0.900")
    assert problems[1].startswith("b.z: no score")
    assert ev.below_floor({"a.x": 0.9 - 1e-12, "a.y": 1.0, "b.z": 1.0}, floors) == []


def test_floors_only_go_up() -> None:
    ev = _evaluate_module()
    assert ev.raised_floors({"a.x": 0.5, "a.y": 0.75, "c.new": 0.25}, {"a.x": 0.9, "a.y": 0.5}) == {
        "a.x": 0.9,
        "a.y": 0.75,
        "c.new": 0.25,
    }


def test_missing_scorer_module_is_skipped(capsys: pytest.CaptureFixture[str]) -> None:
    ev = _evaluate_module()
    found = ev.load_scorers(["sections", "no_such_scorer"])
    assert list(found) == ["sections"]
    assert "no_such_scorer" in capsys.readouterr().out


def test_check_fails_below_floor(tmp_path: Path) -> None:
    need_shared(CORPUS / "gold")
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"sections.precision": 2.0}), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--check", "--only", "sections", "--floors", str(floors)],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )
    assert proc.returncode == 1
    assert "sections.precision" in proc.stdout


def test_update_never_lowers(tmp_path: Path) -> None:
    need_shared(CORPUS / "gold")
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"sections.precision": 2.0, "other.kept": 0.5}), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--update", "--only", "sections", "--floors", str(floors)],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    written = json.loads(floors.read_text(encoding="utf-8"))
    assert written["sections.precision"] == 2.0
    assert written["other.kept"] == 0.5
    assert written["sections.recall"] > 0


def test_sections_compare_counts_in_order() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from evaluation.sections import compare
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    gold = [("一", "概述"), ("二", "公开"), ("三", "申请")]
    assert compare(gold, gold) == 3
    assert compare([("一", "概 述"), ("三", "申请")], gold) == 2
    assert compare([("三", "申请"), ("一", "概述")], gold) == 1
    assert compare([], gold) == 0
