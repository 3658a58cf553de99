"""Review pages in a real browser: headless Chromium driven by Selenium.

Needs Debian's ``chromium`` and ``chromium-driver`` (``scripts/system_deps.sh``
installs them); skips cleanly when they are absent. Set ``GOVREPORT_DOCS_IMG``
to a folder to also save the screenshots used by docs/review-pages.md.
"""

from __future__ import annotations

import copy
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import govreport_parse as gp
from govreport_parse.view import page_name, write_index, write_page
from govreport_parse.view.page import target_id

from .conftest import CORPUS, FIXTURES, SEED, need_shared

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1366,900",
)
PDF = CORPUS / "pdf" / "huaian-hongze-2023.pdf"
ROOT = Path(__file__).resolve().parent.parent
# the screenshots docs/review-pages.md shows (saved when GOVREPORT_DOCS_IMG is set)
DOCS_SHOTS = ("review-page.png", "review-page-pdf.png", "index-page.png")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("chromium/chromedriver are not installed (run scripts/system_deps.sh as root)")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="govreport-chromium-")
    options = webdriver.ChromeOptions()
    for arg in ARGS:
        options.add_argument(arg)
    options.add_argument(f"--user-data-dir={profile}")
    options.binary_location = str(CHROMIUM)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        driver.set_window_size(1366, 900)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _shot(driver: Any, tmp_path: Path, name: str) -> Path:
    """Save a screenshot into tmp_path (and into $GOVREPORT_DOCS_IMG when set)."""
    path = tmp_path / name
    assert driver.save_screenshot(str(path))
    assert path.stat().st_size > 10_000
    docs = os.environ.get("GOVREPORT_DOCS_IMG")
    if docs and name in DOCS_SHOTS:
        Path(docs).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(docs) / name)
    return path


def _seed_record_with_checks() -> dict[str, Any]:
    """The seed's record plus a failing check between two facts and a metric read far down the page."""
    rec = gp.parse(SEED).to_dict()
    rec = copy.deepcopy(rec)
    facts = rec["facts"]
    assert len(facts) >= 2
    first, last = facts[0], facts[-1]
    rec["checks"] = [
        {
            "rule": "prose_share",
            "status": "fail",
            "expected": 92.2,
            "actual": 90.0,
            "message": "the stated share does not match its parts",
            "refs": [
                {"start": first["start"], "end": first["end"]},
                {"start": last["start"], "end": last["end"]},
            ],
        }
    ]
    rec["metrics"] = {
        "requests_received": {
            "value": 142,
            "raw": "142",
            "unit": "件",
            "source": "text",
            "start": last["start"],
            "end": last["end"],
            "derived": False,
            "page": None,
            "label": "依申请公开",
        }
    }
    return rec


def _in_viewport(driver: Any, element: Any) -> bool:
    return bool(
        driver.execute_script(
            "const r = arguments[0].getBoundingClientRect();"
            "return r.top >= 0 && r.bottom <= window.innerHeight"
            " && r.left >= 0 && r.right <= window.innerWidth;",
            element,
        )
    )


def _count(driver: Any, selector: str) -> int:
    return int(driver.execute_script("return document.querySelectorAll(arguments[0]).length;", selector))


def _wait_marked(driver: Any, element_id: str) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 5).until(
        lambda d: "target" in (d.find_element("id", element_id).get_attribute("class") or "").split()
    )
    return driver.find_element("id", element_id)


# --------------------------------------------------------------------------- the seed's page


def test_seed_page_in_the_browser(browser: Any, tmp_path: Path) -> None:
    rec = gp.parse(SEED).to_dict()
    page = write_page(rec, tmp_path / page_name(rec))
    browser.get(page.as_uri())
    assert browser.title.startswith(rec["title"])
    assert _count(browser, "mark.fact") == len(rec["facts"]) > 0
    # the five image markers removed by cleaning are shown, struck through, in place
    dels = browser.find_elements("css selector", 'del.artifact[data-kind="image_marker"]')
    assert len(dels) == 5
    for el in dels:
        assert el.is_displayed()
        assert el.value_of_css_property("text-decoration-line") == "line-through"
        assert el.text.startswith("[image: image")
    # the toggle hides them and brings them back
    box = browser.find_element("id", "show-artifacts")
    box.click()
    assert not any(el.is_displayed() for el in dels)
    box.click()
    assert all(el.is_displayed() for el in dels)
    _shot(browser, tmp_path, "review-page-seed.png")


def test_facts_show_details_on_keyboard_focus(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.keys import Keys

    rec = gp.parse(SEED).to_dict()
    page = write_page(rec, tmp_path / page_name(rec))
    browser.get(page.as_uri())
    first = browser.find_element("id", "f-0")
    browser.execute_script("arguments[0].focus();", first)
    tip = browser.execute_script("return getComputedStyle(arguments[0], '::after').content;", first)
    assert f"{rec['facts'][0]['kind']} «{rec['facts'][0]['text']}»" in tip
    first.send_keys(Keys.TAB)
    active = browser.switch_to.active_element
    assert active.get_attribute("id") == "f-1"
    assert active.get_attribute("title").startswith(rec["facts"][1]["kind"])
    # on a fresh load the skip link is the first stop; following it, the next stop is the first fact
    from selenium.webdriver.common.action_chains import ActionChains

    browser.get(page.as_uri())
    ActionChains(browser).send_keys(Keys.TAB).perform()
    skip = browser.switch_to.active_element
    assert skip.get_attribute("class") == "skip" and skip.is_displayed()
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert browser.switch_to.active_element.get_attribute("id") == "f-0"


def test_clicking_a_metric_scrolls_to_and_marks_its_source(browser: Any, tmp_path: Path) -> None:
    rec = _seed_record_with_checks()
    page = write_page(rec, tmp_path / page_name(rec))
    browser.get(page.as_uri())
    m = rec["metrics"]["requests_received"]
    tid = target_id(m["start"], m["end"])
    source = browser.find_element("id", tid)
    assert not _in_viewport(browser, source), "the source should start off screen"
    browser.find_element("css selector", 'a.metric-link[data-metric="requests_received"]').click()
    source = _wait_marked(browser, tid)
    assert "flash" in source.get_attribute("class").split()
    assert _in_viewport(browser, source)
    assert source.text == rec["text"][m["start"] : m["end"]]
    assert browser.execute_script("return location.hash;") == f"#{tid}"
    assert browser.switch_to.active_element.get_attribute("id") == tid
    _shot(browser, tmp_path, "review-page-metric.png")


def test_failing_check_links_to_both_sides(browser: Any, tmp_path: Path) -> None:
    rec = _seed_record_with_checks()
    page = write_page(rec, tmp_path / page_name(rec))
    browser.get(page.as_uri())
    box = browser.find_element("id", "failing-checks")
    assert box.is_displayed() and _in_viewport(browser, box)
    links = box.find_elements("css selector", "a.check-ref")
    assert len(links) == 2
    ids = [target_id(r["start"], r["end"]) for r in rec["checks"][0]["refs"]]
    for link, tid in zip(links, ids, strict=True):
        browser.execute_script("window.scrollTo(0, 0);")
        link.click()
        target = _wait_marked(browser, tid)
        assert _in_viewport(browser, target)
        # only one spot is marked at a time
        assert _count(browser, ".target") == 1
    _shot(browser, tmp_path, "review-page-check.png")
    if os.environ.get("GOVREPORT_DOCS_IMG"):
        browser.execute_script("window.scrollTo(0, 0);")
        links[1].click()
        target = _wait_marked(browser, ids[1])
        # show a fact's details as keyboard focus does
        browser.execute_script("arguments[0].querySelector('mark.fact').focus();", target)
        _shot(browser, tmp_path, "review-page.png")


# --------------------------------------------------------------------------- a real PDF


def test_real_pdf_page_in_the_browser(browser: Any, tmp_path: Path) -> None:
    need_shared(PDF)
    if not (ROOT / "govreport_parse" / "load" / "pdf.py").exists():
        pytest.skip("the PDF reader is not available")
    rec = gp.parse(PDF).to_dict()
    page = write_page(rec, tmp_path / page_name(rec))
    browser.get(page.as_uri())
    assert _count(browser, "mark.fact") == len(rec["facts"])
    assert _count(browser, "del.artifact") == len(rec["artifacts"])
    assert "pdf" in browser.find_element("css selector", "header.top").text
    shown = browser.execute_script(
        "const t = document.getElementById('text').cloneNode(true);"
        "t.querySelectorAll('del.artifact, .page-marker').forEach(e => e.remove());"
        "return t.textContent;"
    )
    assert shown == rec["text"]
    pages = sorted({f["page"] for f in rec["facts"] if f["page"] is not None})
    markers = browser.find_elements("css selector", ".page-marker")
    assert [el.text for el in markers] == [f"p.{p}" for p in pages]
    for i, fact in enumerate(rec["facts"]):
        if fact["page"] is not None:
            assert f"page {fact['page']}" in browser.find_element("id", f"f-{i}").get_attribute("title")
    # each kind of artifact can be hidden on its own
    kinds = browser.find_elements("css selector", "input.artifact-kind")
    if kinds:
        kind = kinds[0].get_attribute("data-kind")
        same = browser.find_elements("css selector", f'del.artifact[data-kind="{kind}"]')
        others = [e for e in browser.find_elements("css selector", "del.artifact") if e not in same]
        kinds[0].click()
        assert not any(e.is_displayed() for e in same)
        assert all(e.is_displayed() for e in others[:20])
        kinds[0].click()
    _shot(browser, tmp_path, "review-page-pdf.png")


# --------------------------------------------------------------------------- the dataset index


def _index_records() -> list[dict[str, Any]]:
    records = [_seed_record_with_checks()]
    if PDF.exists() and (ROOT / "govreport_parse" / "load" / "pdf.py").exists():
        for pdf in sorted((CORPUS / "pdf").glob("*.pdf")):
            try:
                records.append(gp.parse(pdf).to_dict())
            except gp.GovReportError:
                continue
    # two more years of the seed's issuer with a headline metric, so the charts have bars to compare
    for year, value in ((2019, 96), (2020, 201)):
        rec = copy.deepcopy(records[0])
        rec["year"] = year
        rec["title"] = rec["title"].replace("2018", str(year))
        rec["source"] = {**rec["source"], "sha256": f"{year:x}".rjust(64, "0")}
        rec["metrics"] = {"requests_received": {**rec["metrics"]["requests_received"], "value": value}}
        records.append(rec)
    return records


def test_index_opens_with_working_links_and_charts(browser: Any, tmp_path: Path) -> None:
    records = _index_records()
    for rec in records:
        write_page(rec, tmp_path / page_name(rec))
    failures = [
        {"path": "broken.pdf", "sha256": None, "error_type": "CorruptFileError", "message": "no xref table"}
    ]
    index = write_index(tmp_path, records, failures)
    browser.get(index.as_uri())
    assert browser.title == "Dataset overview"
    links = browser.find_elements("css selector", "a.report-link")
    assert len(links) == len(records)
    for link in links:
        href = link.get_attribute("href")
        assert href.startswith("file://")
        assert (tmp_path / href.rsplit("/", 1)[-1]).exists()
    bars = browser.find_elements("css selector", "#chart-requests_received svg rect.bar")
    with_metric = [r for r in records if (r.get("metrics") or {}).get("requests_received")]
    assert len(bars) == len(with_metric) >= 3
    heights = [b.rect["height"] for b in bars]
    assert all(h > 0 for h in heights) and len(set(heights)) > 1
    assert "CorruptFileError" in browser.find_element("css selector", "table.failures").text
    browser.set_window_size(1366, 1600)  # tall enough to show the charts and the tables
    try:
        _shot(browser, tmp_path, "index-page.png")
    finally:
        browser.set_window_size(1366, 900)
    # a report link opens its page
    target = links[0].get_attribute("href")
    links[0].click()
    assert browser.current_url == target
    assert _count(browser, "mark.fact") > 0 or _count(browser, "#text") == 1


def test_batch_view_of_the_fixtures_opens_with_working_links_and_charts(browser: Any, tmp_path: Path) -> None:
    """`govreport-parse batch fixtures --view`: the index the batch writes, opened in the browser."""
    import json

    from govreport_parse.cli import main as cli_main

    if (
        not (ROOT / "govreport_parse" / "batch").exists()
        and not (ROOT / "govreport_parse" / "batch.py").exists()
    ):
        pytest.skip("the batch runner is not available")
    out = tmp_path / "out"
    code = cli_main(
        ["batch", str(FIXTURES), "-o", str(out), "--view", "--quiet", "--workers", "1", "--format", "jsonl"]
    )
    assert code == 0
    records = [
        json.loads(line) for line in (out / "reports.jsonl").read_text(encoding="utf-8").splitlines() if line
    ]
    index = next(out.rglob("index.html"))
    browser.get(index.as_uri())
    links = browser.find_elements("css selector", "a.report-link")
    assert len(links) == len(records) > 0
    for link in links:
        assert (index.parent / link.get_attribute("href").rsplit("/", 1)[-1]).exists()
    charted = [r for r in records if "requests_received" in (r.get("metrics") or {})]
    if charted:
        bars = browser.find_elements("css selector", "#chart-requests_received svg rect.bar")
        assert len(bars) == len(charted)
    # the seed's page, reached from the index, shows every fact of its record
    seed = next(r for r in records if r["source"]["name"].endswith("zhangdian-2018.txt"))
    browser.find_element("css selector", f'a.report-link[href="{page_name(seed)}"]').click()
    assert _count(browser, "mark.fact") == len(seed["facts"])
    assert _count(browser, 'del.artifact[data-kind="image_marker"]') == 5
