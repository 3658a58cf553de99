"""The reuse table's growth: generated reports at 1,000 and 10,000, CPU time per report.

Each generated issuer publishes one report a year; a year's report keeps most sentences of
the year before and rewrites the rest, and a few issuers copy a neighbour's report (so the
LSH has real candidates across issuers). The figure is process CPU seconds per report of
building the table (hashing, LSH queries and inserts, exact shares); the floor is the same at
1,000 reports; near-linear is a ratio of 1.5 or less.

    .venv/bin/python scripts/bench_reuse.py            # prints both figures
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: Ideographs the generated sentences are drawn from.
_HAN = (
    "政府信息公开工作年度报告主动依申请办理答复行政复议诉讼平台建设监督保障"
    "网站新媒体解读回应关切规范制度落实推进加强完善提升服务质量水平组织领导队伍培训考核"
)


def _sentence(rng: random.Random) -> str:
    return "".join(rng.choice(_HAN) for _ in range(rng.randint(12, 40))) + "。"


def generated_records(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` report records: issuers of ten yearly reports each, 30 sentences a report."""
    rng = random.Random(seed)
    records: list[dict[str, Any]] = []
    issuers = max(1, n // 10)
    texts: dict[int, list[str]] = {}
    for year_index in range(10):
        for i in range(issuers):
            if len(records) >= n:
                break
            if i in texts:
                body = [s if rng.random() < 0.7 else _sentence(rng) for s in texts[i]]
            elif i % 50 == 1 and (i - 1) in texts:
                body = list(texts[i - 1])  # copies a neighbour's report
            else:
                body = [_sentence(rng) for _ in range(30)]
            texts[i] = body
            sha = f"{len(records):064x}"
            records.append({
                "source": {"sha256": sha, "name": f"gen/{i}/{2011 + year_index}.txt"},
                "year": 2011 + year_index, "issuer_canonical": f"生成省生成市第{i}县",
                "text": "\n".join(body), "metrics": {},
            })
    return records


def cpu_per_report(records: list[dict[str, Any]]) -> float:
    """Process CPU seconds per report to build the reuse table over ``records``."""
    from govreport_parse.export.reuse import reuse_rows

    t = time.process_time()
    rows = reuse_rows(records)
    spent = time.process_time() - t
    assert len(rows) == len(records)
    return spent / len(records)


def main() -> int:
    small = cpu_per_report(generated_records(1_000))
    large = cpu_per_report(generated_records(10_000))
    print(f"reuse table: {small * 1000:.2f} ms/report at 1k, {large * 1000:.2f} ms/report at 10k, "
          f"ratio {large / small:.2f} (goal <= 1.5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
