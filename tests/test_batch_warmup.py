"""The worker warm-up: it loads what the first document would load, and a failure is not hidden."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from govreport_parse.batch.worker import warm_up
from govreport_parse.config import ParseConfig

from .conftest import ROOT


def test_warm_up_loads_the_label_tagger_in_a_fresh_process() -> None:
    code = textwrap.dedent(
        """
        from govreport_parse.batch.worker import warm_up
        from govreport_parse.extract import labels
        assert not labels._TAGGER
        warm_up()
        assert labels._TAGGER, "warm-up did not load jieba's tagger"
        print("ok")
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_warm_up_without_labels_runs() -> None:
    warm_up(ParseConfig(extract_labels=False))


@pytest.mark.parametrize("config", [{"no_such_setting": 1}, "config.toml"])
def test_warm_up_errors_propagate(config: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        warm_up(config)  # type: ignore[arg-type]
