"""The catalogue of bad and hostile inputs: each raises its typed error (or parses), within
its time bound, under a memory ceiling, and nothing but ``GovReportError`` escapes."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from typing import Any

import pytest

from .conftest import ROOT

MEMORY_MB = 3072  # address-space ceiling of the runner process
PEAK_RSS_MB = 1200  # no case may push the resident set above this


def _catalogue_module() -> Any:
    spec = importlib.util.spec_from_file_location("make_bad_inputs", ROOT / "scripts" / "make_bad_inputs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_bad_inputs"] = module
    spec.loader.exec_module(module)
    return module


CATALOGUE = _catalogue_module()
CASES = {case.name: case for case, _ in CATALOGUE.BUILDERS}


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("bad-inputs")
    CATALOGUE.build(folder)
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "run_catalogue.py"), str(folder), str(MEMORY_MB)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    return {r["name"]: r for r in results}


def test_catalogue_is_large_enough() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("name", sorted(CASES))
def test_case(name: str, outcomes: dict[str, dict[str, Any]]) -> None:
    case = CASES[name]
    got = outcomes[name]
    allowed = case.expect.split("|")
    assert got["error_type"] in allowed, (
        f"{name}: expected {case.expect}, got {got['error_type']}: {got['message']}"
    )
    if got["error_type"] != "ok":
        assert name in got["message"], "the message names the file"
        for word in case.words:
            assert word.lower() in got["message"].lower(), f"{name}: {word!r} not in {got['message']!r}"
    assert not got.get("missing"), f"{name}: the text lacks {got['missing']}"
    assert got["seconds"] <= case.seconds, f"{name} took {got['seconds']} s (bound {case.seconds} s)"
    assert got["rss_mb"] <= PEAK_RSS_MB, f"{name}: resident memory reached {got['rss_mb']} MB"
