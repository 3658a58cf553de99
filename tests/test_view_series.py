"""The review index's issuers over time: per-issuer series linked to each report page and to
a compare page from each year to the previous one."""

from __future__ import annotations

import re
from pathlib import Path

from govreport_parse.batch import run_batch

from .conftest import SHARED, need_shared


def test_series_and_compare_pages(tmp_path: Path) -> None:
    text = need_shared(SHARED / "corpus-pingtan" / "text")
    inputs = [text / "pingtan-2017.web.txt", text / "pingtan-2023.web.txt", text / "pingtan-2025.web.txt"]
    out = tmp_path / "out"
    summary = run_batch(inputs, out, workers=0, progress=False, formats=("jsonl",), view=True)
    assert summary.failed == 0
    index = (out / "view" / "index.html").read_text(encoding="utf-8")
    section = index.split('id="series-h"', 1)[1].split("<h2", 1)[0]
    assert "福建省福州市平潭县" in section and "350128" in section
    links = re.findall(r'href="(compare-[0-9a-f]{12}-[0-9a-f]{12}\.html)"', section)
    assert len(links) == 2  # 2017 → 2023 → 2025
    for link in links:
        page = (out / "view" / link).read_text(encoding="utf-8")
        assert "Reuse:" in page and "requests_received" in page
    last = (out / "view" / links[-1]).read_text(encoding="utf-8")
    assert "2023 → " in last and "<mark" in last  # the 信息处理费 sentence is reused
    # every year links to its report page, which exists
    for page in re.findall(r'<th class="num"><a href="([0-9a-f]{12}\.html)">', section):
        assert (out / "view" / page).exists()


def test_one_year_issuers_get_no_series(tmp_path: Path) -> None:
    text = need_shared(SHARED / "corpus-pingtan" / "text")
    out = tmp_path / "out"
    run_batch([text / "pingtan-2017.web.txt"], out, workers=0, progress=False, formats=("jsonl",), view=True)
    index = (out / "view" / "index.html").read_text(encoding="utf-8")
    assert "No issuer has two reported years" in index
    assert not list((out / "view").glob("compare-*.html"))
