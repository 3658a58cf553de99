"""Shared test helpers: where the fixtures and the shared corpus live."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "zhangdian-2018.txt"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
DOCNUMBERS = SHARED / "data" / "docnumbers"


def need_shared(path: Path) -> Path:
    """Skip the test cleanly when ../shared (or a part of it) is absent."""
    if not path.exists():
        pytest.skip(f"{path} is not available on this machine")
    return path
