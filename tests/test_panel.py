"""The panel over the shared corpora: one row per issuer × year, duplicates chosen by the
documented rule and flagged; the long metrics table keyed by year and issuer; DuckDB."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import govreport_parse as gp
from govreport_parse.export.dataset import write_tables
from govreport_parse.export.flat import record_rows, split_metric_name
from govreport_parse.export.jsonl import dumps_line
from govreport_parse.export.panel import panel_rows
from govreport_parse.export.tables import PANEL, column_names

from .conftest import CORPUS, SHARED, need_shared

PINGTAN_CODE = "350128"


def _inputs() -> list[Path]:
    out: list[Path] = []
    for corpus in (CORPUS, SHARED / "corpus-pingtan"):
        for gold in sorted((corpus / "gold").glob("*.json")):
            hits = sorted((corpus / "text").glob(gold.stem + ".*"))
            hits += sorted((corpus / "pdf").glob(gold.stem + ".pdf"))
            out.extend(hits[:1])
    return out


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    need_shared(CORPUS)
    need_shared(SHARED / "corpus-pingtan")
    return [gp.parse(p).to_dict() for p in _inputs()]


@pytest.fixture(scope="module")
def outdir(records: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("panel")
    with open(out / "reports.jsonl", "wb") as fh:
        for r in records:
            fh.write(dumps_line(r))
    counts = write_tables(out / "reports.jsonl", out, ("csv", "parquet", "duckdb"))
    assert counts["reports"] == len(records)
    return out


@pytest.mark.parametrize(
    ("name", "want"),
    [
        ("requests.disclosed.total", ("requests", "disclosed", "total")),
        ("statistics_2014.replies_disclosed.this_year",
         ("statistics_2014", "replies_disclosed", "this_year")),
        ("active_disclosure.admin_fees.amount_10k_cny",
         ("active_disclosure", "admin_fees", "amount_10k_cny")),
        ("requests_received", ("headline", "requests_received", None)),
        ("review.a.b.total", ("review", "a.b", "total")),
    ],
)
def test_split_metric_name(name: str, want: tuple[str, str, str | None]) -> None:
    got = split_metric_name(name)
    assert (got["table"], got["row"], got["column"]) == want


def test_pingtan_per_year_in_one_read_and_a_filter(outdir: Path) -> None:
    import pandas as pd

    panel = pd.read_parquet(outdir / "panel.parquet", filters=[("region_code", "==", PINGTAN_CODE)])
    by_year = panel.set_index("year")[["requests_received", "requests_disclosed"]]
    assert list(by_year.index) == [2011, 2012, 2013, 2014, 2015, 2016, 2017, 2019, 2023, 2025]
    # hand-checked in the reports' own tables (2023: 本年新收 81, 予以公开 22; 2019: table 三)
    assert by_year.loc[2023].tolist() == [81.0, 22.0]
    assert by_year.loc[2012, "requests_received"] == 0.0
    assert panel["issuer_canonical"].nunique() == 1


def test_duplicate_issuer_years_are_chosen_and_flagged(outdir: Path, records: list[dict[str, Any]]) -> None:
    import pandas as pd

    panel = pd.read_parquet(outdir / "panel.parquet")
    pingtan = panel[panel["region_code"] == PINGTAN_CODE].set_index("year")
    # 2012 and 2013: the county government and the experimental zone both reported
    assert pingtan.loc[2012, "n_reports"] == 2 and bool(pingtan.loc[2012, "duplicate"])
    assert pingtan.loc[2013, "n_reports"] == 2 and bool(pingtan.loc[2013, "duplicate"])
    assert not bool(pingtan.loc[2017, "duplicate"]) and pd.isna(pingtan.loc[2017, "other_sha256"])
    # every report is in the panel once: chosen, or named as not chosen
    named = set(panel["sha256"]) | {s for o in panel["other_sha256"].dropna() for s in o.split()}
    assert named == {r["source"]["sha256"] for r in records}
    # the rule does not depend on the input order
    assert panel_rows(records) == panel_rows(list(reversed(records)))
    hongze = panel[panel["region_code"] == "320813"]
    assert sorted(hongze["year"]) == [2023, 2024] and hongze["issuer_canonical"].nunique() == 1


def test_duckdb_answers_in_one_sql_line(outdir: Path) -> None:
    import duckdb
    import pandas as pd

    con = duckdb.connect(str(outdir / "govreport.duckdb"), read_only=True)
    try:
        rows = con.execute(
            "SELECT year, requests_received, requests_disclosed FROM panel WHERE region_code = '350128'"
        ).fetchall()
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        n_metrics = con.execute("SELECT count(*) FROM metrics WHERE issuer_canonical IS NOT NULL").fetchone()
    finally:
        con.close()
    parquet = pd.read_parquet(outdir / "panel.parquet", filters=[("region_code", "==", PINGTAN_CODE)])
    assert [r[0] for r in rows] == parquet["year"].tolist()
    assert (2023, 81.0, 22.0) in rows
    assert {"reports", "sections", "facts", "metrics", "checks", "panel_rows", "panel"} <= tables
    assert n_metrics is not None and n_metrics[0] > 0


def test_metrics_carry_year_issuer_and_the_split_name(records: list[dict[str, Any]]) -> None:
    record = next(r for r in records if r["year"] == 2023 and r["region_code"] == PINGTAN_CODE)
    rows = [dict(zip(column_names("metrics"), row, strict=True)) for row in record_rows(record, "metrics")]
    total = next(r for r in rows if r["name"] == "requests.disclosed.total")
    who = (total["year"], total["issuer_canonical"], total["region_code"])
    assert who == (2023, "福建省福州市平潭县", "350128")
    where = (total["table"], total["row"], total["column"], total["value"])
    assert where == ("requests", "disclosed", "total", 22.0)
    new = ("year", "issuer_canonical", "region_code", "table", "row", "column")
    assert not any(f'"{k}"' in (r["extra"] or "") for r in rows for k in new)


def test_panel_csv_matches_parquet(outdir: Path) -> None:
    import pandas as pd

    csv = pd.read_csv(outdir / "panel.csv", encoding="utf-8-sig", dtype={"region_code": "string"})
    assert list(csv.columns) == [c.name for c in PANEL]
    assert len(csv) == len(pd.read_parquet(outdir / "panel.parquet"))


def test_unknown_issuers_keep_a_row_each() -> None:
    base = {"source": {"sha256": "", "name": "x", "format": "txt"}, "year": 2020, "text": "x"}
    rows = panel_rows([{**base, "source": {**base["source"], "sha256": s}} for s in ("a", "b")])
    assert len(rows) == 2 and all(r[[c.name for c in PANEL].index("n_reports")] == 1 for r in rows)


def test_to_pandas_builds_the_panel(records: list[dict[str, Any]]) -> None:
    frame = gp.to_pandas(records, table="panel")
    assert list(frame.columns) == [c.name for c in PANEL]
    assert str(frame["year"].dtype) == "Int32"
    reuse = gp.to_pandas(records, table="reuse")
    assert len(reuse) == len(records) and str(reuse["same_issuer_year"].dtype) == "Int32"


def test_docs_describe_every_panel_column() -> None:
    from .conftest import ROOT

    text = (ROOT / "docs" / "batch.md").read_text(encoding="utf-8")
    section = text.split("### panel", 1)[1].split("\n## ", 1)[0]
    for col in PANEL:
        assert f"| `{col.name}` | {col.type} |" in section, col.name


def test_reuse_table_on_the_shared_corpora(outdir: Path, records: list[dict[str, Any]]) -> None:
    import pandas as pd

    reuse = pd.read_parquet(outdir / "reuse.parquet")
    assert len(reuse) == len(records)
    by_name = {Path(row["source_name"]).name: row for row in reuse.to_dict("records")}
    year_of = {r["source"]["sha256"]: r["year"] for r in records}
    # 2013 (the zone) repeats 2012 nearly word for word; its closest earlier Pingtan report is of 2012
    z2013 = by_name["pingtan-2013.web.txt"]
    assert z2013["same_issuer_year"] == 2012 and z2013["same_issuer_share"] >= 0.7
    assert year_of[z2013["same_issuer_sha256"]] == 2012
    # 2025 was rewritten: little is shared with any earlier Pingtan report
    assert by_name["pingtan-2025.web.txt"]["same_issuer_share"] < 0.15
    # Hongze 2024 against its 2023 report
    hz = by_name["huaian-hongze-2024.pdf"]
    assert hz["same_issuer_year"] == 2023 and hz["same_issuer_share"] > 0.2
    # the first report of an issuer has no earlier one of its own
    assert pd.isna(by_name["pingtan-2011.web.txt"]["same_issuer_sha256"])
    assert pd.isna(by_name["huadian-xinhua-street-2012.web.txt"]["same_issuer_sha256"])
    # the Xinhua street report shares nothing with the earlier Pingtan reports
    assert pd.isna(by_name["huadian-xinhua-street-2012.web.txt"]["any_issuer_sha256"])
    assert reuse["any_issuer_year"].dropna().lt(reuse.loc[reuse["any_issuer_year"].notna(), "year"]).all()


def test_reuse_does_not_depend_on_the_input_order(records: list[dict[str, Any]]) -> None:
    from govreport_parse.export.reuse import reuse_rows

    def key(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        return sorted(rows, key=lambda r: r[0])

    assert key(reuse_rows(records)) == key(reuse_rows(list(reversed(records))))


def test_docs_describe_every_reuse_column() -> None:
    from govreport_parse.export.tables import REUSE

    from .conftest import ROOT

    text = (ROOT / "docs" / "batch.md").read_text(encoding="utf-8")
    section = text.split("### reuse", 1)[1].split("\n## ", 1)[0]
    for col in REUSE:
        assert f"| `{col.name}` | {col.type} |" in section, col.name
