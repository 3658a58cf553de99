"""A batch on a real ``distributed.LocalCluster``: URL inputs opened by the workers, records
written by the workers as parts, the same dataset as the local executor's, resume after a
killed worker or a killed client."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from govreport_parse.batch import run_batch
from govreport_parse.batch.inputs import Inputs
from govreport_parse.batch.parts import PARTS, part_key
from govreport_parse.batch.remote import is_url, list_url, read_url
from govreport_parse.errors import LimitExceededError, OutputError, UnreadableFileError

from .conftest import ROOT
from .test_batch_corpus import write_corpus

fsspec = pytest.importorskip("fsspec")

NO_LABELS = {"extract_labels": False}
OPTIONS: dict[str, Any] = {"progress": False, "config": NO_LABELS, "formats": ("jsonl", "csv", "parquet")}
TABLES = ("reports", "sections", "facts", "metrics", "checks")


# ---------------------------------------------------------------------------- URLs, no cluster


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("s3://bucket/2019/*.pdf", True),
        ("file:///data/a.pdf", True),
        ("memory://doc", True),
        ("gs://b/x.docx", True),
        ("zip://a.pdf::s3://b/x.zip", True),
        # lookalikes: local paths
        ("/data/2019/a.pdf", False),
        ("data/s3:/x.pdf", False),
        ("./s3://x.pdf", False),
        ("C:\\data\\a.pdf", False),
        ("报告://x", False),
        ("", False),
    ],
)
def test_what_is_a_url(item: str, expected: bool) -> None:
    assert is_url(item) is expected


@pytest.fixture
def memfs() -> Iterator[Any]:
    fs = fsspec.filesystem("memory")
    fs.store.clear()
    fs.pseudo_dirs.clear()
    fs.pseudo_dirs.append("")
    yield fs
    fs.store.clear()


def test_a_url_folder_is_listed_by_name_without_reading(memfs: Any) -> None:
    memfs.pipe("/d/b.pdf", b"%PDF")
    memfs.pipe("/d/sub/a.TXT", "报告".encode())
    memfs.pipe("/d/.secret.txt", b"x")
    memfs.pipe("/d/__MACOSX/a.txt", b"x")
    memfs.pipe("/d/all.zip", b"PK")
    memfs.pipe("/d/2396", "报告".encode())
    listing = list_url("memory://d")
    assert listing.urls == ["memory:///d/b.pdf", "memory:///d/sub/a.TXT"]
    reasons = {s.name.rsplit("/", 1)[-1]: (s.reason, s.detail) for s in listing.skipped}
    assert reasons[".secret.txt"][0] == reasons["a.txt"][0] == "hidden"
    assert reasons["all.zip"] == ("not a document", "an archive at a URL is not expanded (extract it first)")
    assert reasons["2396"][0] == "not a document" and "name it" in reasons["2396"][1]
    # named, or matched by a glob: always taken, as a local file named on the command line
    assert list_url("memory:///d/2396").urls == ["memory:///d/2396"]
    assert list_url("memory:///d/23*").urls == ["memory:///d/2396"]


def test_bad_urls_say_what_is_wrong(memfs: Any) -> None:
    with pytest.raises(ValueError, match="does not exist"):
        list_url("memory:///nothing/here")
    with pytest.raises(ValueError, match="no file matches"):
        list_url("memory:///nothing/*.pdf")
    with pytest.raises(UnreadableFileError, match="names no file"):
        read_url("memory:///gone.pdf", "gone.pdf", 100)
    memfs.pipe("/big.txt", b"x" * 101)
    with pytest.raises(LimitExceededError):
        read_url("memory:///big.txt", "big.txt", 100)


def test_url_inputs_keep_include_exclude_and_the_local_reader_reads_them(memfs: Any) -> None:
    memfs.pipe("/r/2019/a.txt", "某区2019年政府信息公开工作年度报告".encode())
    memfs.pipe("/r/2020/b.txt", "某区2020年政府信息公开工作年度报告".encode())
    with Inputs(["memory://r"], exclude=["2020/*"]) as reader:
        assert [s.name for s in reader.sources] == ["memory:///r/2019/a.txt"]
        assert [(s.name, s.reason) for s in reader.skipped] == [("memory:///r/2020/b.txt", "excluded")]
        assert reader.read(reader.sources[0]).decode().startswith("某区2019")


# ---------------------------------------------------------------------------- on a LocalCluster


@pytest.fixture(scope="module")
def cluster() -> Iterator[tuple[Any, Any]]:
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=50
        ) as lc,
        distributed.Client(lc) as client,
    ):
        yield lc, client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cluster-corpus")
    write_corpus(folder, 6)
    (folder / "txt" / "copy.txt").write_bytes((folder / "txt" / "000.txt").read_bytes())  # a duplicate
    return folder


def dataset(out: Path) -> dict[str, Any]:
    """Everything a batch wrote, minus what differs between two local runs too: the timings
    (``seconds``, hence the byte length of failures.jsonl, ``failures_end``) and where the lines of
    files not taken fall among the first commit's lines (they are kept in listing order, apart)."""

    def lines(name: str) -> list[dict[str, Any]]:
        rows = [json.loads(x) for x in (out / name).read_text(encoding="utf-8").splitlines()]
        for row in rows:
            row.pop("seconds", None)
            row.pop("failures_end", None)
        return rows

    manifest = lines("manifest.jsonl")
    found: dict[str, Any] = {
        "reports.jsonl": (out / "reports.jsonl").read_bytes(),
        "failures.jsonl": lines("failures.jsonl"),
        "manifest.jsonl": [m for m in manifest if m["status"] != "skipped"],
        "not taken": [(m["name"], m["reason"], m["detail"]) for m in manifest if m["status"] == "skipped"],
    }
    for table in TABLES:
        found[f"{table}.csv"] = (out / f"{table}.csv").read_bytes()
        pq = pytest.importorskip("pyarrow.parquet")
        found[f"{table}.parquet"] = pq.read_table(out / f"{table}.parquet").to_pylist()
    return found


def no_duplicates(out: Path) -> None:
    manifest = [json.loads(x) for x in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    names = [m["name"] for m in manifest]
    assert len(names) == len(set(names)), "an input was committed twice"
    shas = [json.loads(x)["source"]["sha256"] for x in (out / "reports.jsonl").read_text().splitlines()]
    assert len(shas) == len(set(shas))


@pytest.fixture(scope="module")
def local_dataset(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("local") / "out"
    summary = run_batch(["file://" + os.fspath(corpus)], out, workers=0, **OPTIONS)
    assert (summary.parsed, summary.failed, summary.duplicates) == (7 - 1, 5, 1)
    return dataset(out)


def test_file_urls_on_the_cluster_give_the_local_dataset(
    cluster: tuple[Any, Any], corpus: Path, local_dataset: dict[str, Any], tmp_path: Path
) -> None:
    _, client = cluster
    out = tmp_path / "dask"
    summary = run_batch(["file://" + os.fspath(corpus)], out, client=client, **OPTIONS)
    assert summary.executor.startswith("dask")
    assert dataset(out) == local_dataset
    # the workers wrote every parsed record as a part; the entries name the inputs
    parts = out / PARTS
    records = sorted(p.name for p in (parts / "reports").iterdir())
    first = json.loads((out / "reports.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert part_key(first["source"]["name"]) + ".jsonl" in records
    assert not [p for p in (parts / "reports").iterdir() if p.name.startswith(".tmp-")]


def test_local_paths_travel_as_before_unless_parts_are_named(
    cluster: tuple[Any, Any], corpus: Path, tmp_path: Path
) -> None:
    _, client = cluster
    txt = sorted(os.fspath(p) for p in (corpus / "txt").iterdir())[:3]
    local = run_batch(txt, tmp_path / "local", workers=0, **OPTIONS)
    run_batch(txt, tmp_path / "shipped", client=client, **OPTIONS)
    assert not (tmp_path / "shipped" / PARTS).exists()  # bytes out, records back: as in 0.1.0
    run_batch(txt, tmp_path / "parted", client=client, parts=os.fspath(tmp_path / "shared"), **OPTIONS)
    assert len(list((tmp_path / "shared" / "reports").iterdir())) == local.parsed == 3
    assert dataset(tmp_path / "shipped") == dataset(tmp_path / "local") == dataset(tmp_path / "parted")
    # parts on a store the client does not share with the workers (each process has its own
    # memory://): every record is a typed failure that says so, nothing is silently lost
    lost = run_batch(txt, tmp_path / "lost", client=client, parts="memory://parts", **OPTIONS)
    failures = [json.loads(x) for x in (tmp_path / "lost" / "failures.jsonl").read_text().splitlines()]
    assert lost.failed == 3 and {f["error_type"] for f in failures} == {"OutputError"}
    assert "share" in failures[0]["message"]


def _fill_memory(files: dict[str, bytes]) -> None:
    import fsspec

    fs = fsspec.filesystem("memory")
    for path, data in files.items():
        fs.pipe(path, data)


def test_memory_urls_are_opened_by_the_workers(
    cluster: tuple[Any, Any], corpus: Path, tmp_path: Path
) -> None:
    _, client = cluster
    files = {
        "/archive/" + p.relative_to(corpus).as_posix(): p.read_bytes()
        for p in sorted(corpus.rglob("*"))
        if p.is_file()
    }
    _fill_memory(files)  # the client lists these ...
    client.run(_fill_memory, files)  # ... each worker process has its own memory file system
    local = run_batch(["memory://archive"], tmp_path / "local", workers=0, **OPTIONS)
    remote = run_batch(["memory://archive"], tmp_path / "dask", client=client, **OPTIONS)
    assert (remote.parsed, remote.failed, remote.duplicates) == (local.parsed, local.failed, local.duplicates)
    assert dataset(tmp_path / "dask") == dataset(tmp_path / "local")
    # a file the workers do not have: a typed failure for that input, the others go on
    _fill_memory({"/archive/only-on-the-client.txt": b"x"})
    out = tmp_path / "missing"
    run_batch(["memory://archive"], out, client=client, **OPTIONS)
    failures = [json.loads(x) for x in (out / "failures.jsonl").read_text(encoding="utf-8").splitlines()]
    missing = [f for f in failures if f["path"].endswith("only-on-the-client.txt")]
    assert [f["error_type"] for f in missing] == ["UnreadableFileError"]


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(
    cluster: tuple[Any, Any], tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    _, client = cluster
    folder = tmp_path_factory.mktemp("bigger")
    write_corpus(folder, 24)
    url = "file://" + os.fspath(folder)
    local = tmp_path / "local"
    run_batch([url], local, workers=0, **OPTIONS)
    out = tmp_path / "dask"
    result: dict[str, Any] = {}
    thread = threading.Thread(target=lambda: result.update(s=run_batch([url], out, client=client, **OPTIONS)))
    thread.start()
    done = out / PARTS / "done"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (done.is_dir() and any(done.iterdir())):
        time.sleep(0.01)
    finished_before = len(list(done.iterdir()))
    pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    os.kill(victim, signal.SIGKILL)
    killed_mid_run = thread.is_alive() and finished_before < 24
    thread.join(300)
    assert not thread.is_alive()
    assert killed_mid_run, "the run ended before the worker was killed: the test proved nothing"
    client.wait_for_workers(2, timeout=60)  # the nanny restarted it
    assert dataset(out) == dataset(local)
    no_duplicates(out)


_CLIENT = """
import sys
import govreport_parse.batch.run as batch_run
from govreport_parse.batch import run_batch
batch_run.GROUP_MAX = 1  # commit each document on its own, so the kill lands between commits
run_batch([sys.argv[1]], sys.argv[2], executor="dask", scheduler=sys.argv[3], progress=False,
          config={"extract_labels": False}, formats=("jsonl", "csv", "parquet"))
"""


def test_a_killed_client_resumes_from_the_manifest_and_the_parts(
    cluster: tuple[Any, Any], tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    lc, client = cluster
    folder = tmp_path_factory.mktemp("resume")
    write_corpus(folder, 24)
    url = "file://" + os.fspath(folder)
    local = tmp_path / "local"
    run_batch([url], local, workers=0, **OPTIONS)
    out = tmp_path / "dask"
    env = {**os.environ, "PYTHONPATH": os.fspath(ROOT)}
    argv = [sys.executable, "-c", _CLIENT, url, os.fspath(out), lc.scheduler_address]
    proc = subprocess.Popen(argv, env=env)
    manifest = out / "manifest.jsonl"
    deadline = time.monotonic() + 120
    committed = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if manifest.exists():
            committed = sum('"status":"ok"' in x for x in manifest.read_text(encoding="utf-8").splitlines())
            if committed >= 3:
                break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 3 <= committed < 24, "the client was not killed mid-run"
    assert not (out / "reports.csv").exists()  # it never reached the end
    summary = run_batch([url], out, client=client, resume=True, **OPTIONS)
    assert summary.skipped >= 3
    assert dataset(out) == dataset(local)
    no_duplicates(out)


# ---------------------------------------------------------------------------- S3 (moto server)


def _configure_s3(endpoint: str) -> None:
    """The usual fsspec configuration, in each process: where S3 is and its (test) credentials."""
    import fsspec.config

    fsspec.config.conf["s3"] = {"endpoint_url": endpoint, "key": "testing", "secret": "testing"}


@pytest.fixture
def s3_endpoint(cluster: tuple[Any, Any]) -> Iterator[str]:
    pytest.importorskip("s3fs")
    server_mod = pytest.importorskip("moto.server")
    server = server_mod.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    import fsspec.config

    before = dict(fsspec.config.conf)
    _, client = cluster
    _configure_s3(endpoint)
    client.run(_configure_s3, endpoint)
    try:
        yield endpoint
    finally:
        fsspec.config.conf.clear()
        fsspec.config.conf.update(before)
        client.run(fsspec.config.conf.pop, "s3", None)
        server.stop()


def test_s3_inputs_and_the_dataset_on_an_s3_endpoint(
    cluster: tuple[Any, Any], corpus: Path, local_dataset: dict[str, Any], s3_endpoint: str, tmp_path: Path
) -> None:
    _, client = cluster
    fs = fsspec.filesystem("s3", skip_instance_cache=True)
    fs.mkdir("archive")
    fs.mkdir("results")
    for p in sorted(corpus.rglob("*")):
        if p.is_file():
            fs.pipe_file("archive/in/" + p.relative_to(corpus).as_posix(), p.read_bytes())
    local = tmp_path / "local"
    run_batch(["s3://archive/in"], local, workers=0, **OPTIONS)
    out = tmp_path / "dask"
    summary = run_batch(
        ["s3://archive/in"], out, client=client, parts="s3://results/run/parts",
        publish="s3://results/run/dataset", **OPTIONS,
    )
    assert (summary.parsed, summary.failed, summary.duplicates) == (6, 5, 1)
    assert dataset(out) == dataset(local)
    assert not (out / PARTS).exists()  # the workers wrote their records to S3
    fs.invalidate_cache()
    parts = fs.ls("results/run/parts/reports")
    assert len(parts) == 7  # every parsed input, the duplicate too (it is dropped when released)
    published = sorted(p.rsplit("/", 1)[-1] for p in fs.ls("results/run/dataset"))
    expected = {"reports.jsonl", "failures.jsonl", "manifest.jsonl", "facts.parquet", "reports.csv"}
    assert expected <= set(published)
    assert fs.cat_file("results/run/dataset/reports.jsonl") == (out / "reports.jsonl").read_bytes()


def test_a_new_batch_clears_only_its_own_part_folders(tmp_path: Path) -> None:
    from govreport_parse.batch.parts import PartEntry, Parts, from_part

    store = tmp_path / "store"
    (store / "notes").mkdir(parents=True)
    (store / "notes" / "keep.txt").write_text("mine")
    parts = Parts(os.fspath(store))
    parts.write(PartEntry(0, "a.txt", "ab" * 32, 0.1, {"facts": 1}), b'{"x":1}\n')
    assert parts.finished() == {part_key("a.txt")}
    assert Parts(os.fspath(tmp_path / "none")).finished() == frozenset()
    done = from_part(5, "a.txt", parts)
    assert done is not None and (done.index, done.line, done.counts) == (5, b'{"x":1}\n', {"facts": 1})
    assert from_part(0, "b.txt", parts) is None  # no part: parsed
    (store / "reports" / (part_key("a.txt") + ".jsonl")).unlink()
    assert from_part(0, "a.txt", parts) is None  # an entry whose record is gone: parsed again
    parts.clear()
    assert sorted(p.name for p in store.iterdir()) == ["notes"]
    assert (store / "notes" / "keep.txt").read_text() == "mine"


def test_resume_with_the_same_bytes_under_a_new_name_adds_no_record(
    cluster: tuple[Any, Any], corpus: Path, tmp_path: Path
) -> None:
    _, client = cluster
    folder = tmp_path / "in"
    folder.mkdir()
    first = corpus / "txt" / "001.txt"
    (folder / "001.txt").write_bytes(first.read_bytes())
    url = "file://" + os.fspath(folder)
    out = tmp_path / "out"
    run_batch([url], out, client=client, **OPTIONS)
    (folder / "later-copy.txt").write_bytes(first.read_bytes())  # the same report, downloaded again
    (folder / "002.txt").write_bytes((corpus / "txt" / "002.txt").read_bytes())
    summary = run_batch([url], out, client=client, resume=True, **OPTIONS)
    assert (summary.skipped, summary.parsed, summary.duplicates) == (1, 1, 1)
    no_duplicates(out)
    manifest = [json.loads(x) for x in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    copy = [m for m in manifest if m["name"].endswith("later-copy.txt")]
    assert [(m["status"], m["duplicate_of"]) for m in copy] == [("duplicate", url + "/001.txt")]


def test_the_command_line_takes_urls_and_publishes_the_dataset(corpus: Path, tmp_path: Path) -> None:
    from govreport_parse.cli import main

    url = "file://" + os.fspath(corpus / "txt")
    out, pub = tmp_path / "out", tmp_path / "published"
    argv = ["batch", url, "-o", os.fspath(out), "--workers", "0", "--quiet", "--format", "jsonl,csv"]
    assert main([*argv, "--publish", os.fspath(pub)]) == 0
    assert sorted(p.name for p in pub.iterdir()) == sorted(
        p.name for p in out.iterdir() if p.is_file() and not p.name.startswith(".")
    )
    assert (pub / "reports.jsonl").read_bytes() == (out / "reports.jsonl").read_bytes()
    # a publish target that cannot be written is a typed error with advice, after the dataset is complete
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="publish it again"):
        run_batch([url], tmp_path / "out2", workers=0, progress=False, formats=("jsonl",),
                  config=NO_LABELS, publish=os.fspath(blocker / "sub"))
    assert (tmp_path / "out2" / "reports.jsonl").stat().st_size > 0


def test_parse_many_reads_a_url(memfs: Any) -> None:
    import govreport_parse as gp

    from .conftest import SEED

    memfs.pipe("/one/seed.txt", SEED.read_bytes())
    report, missing = gp.parse_many(["memory:///one/seed.txt", "memory:///one/gone.txt"], workers=0)
    assert isinstance(report, gp.Report) and report.source.name == "memory:///one/seed.txt"
    assert isinstance(missing, gp.Failure) and missing.error_type == "UnreadableFileError"
