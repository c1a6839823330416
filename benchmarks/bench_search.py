"""Search on the synthetic catalogue: rebuild time for both backends; results-page and
suggest latency under 8 concurrent clients, OpenSearch and the database backend in the same
run.

The mix is what citizens type: every query of the relevance judgements
(benchmarks/data/search_judgements.tsv, over 500 distinct), drawn with a Zipf-like
distribution (the query ranked r is asked ∝ 1/r), so popular queries repeat and the long
tail arrives unseen, as on a live portal. The single-client figures are first requests of
queries no process has seen (nothing kept yet).
"""

import http.client
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

from tests.support.services import free_port

from . import Figure
from .context import ROOT, WORK, percentile
from .relevance import judgements
from .search_breakdown import rows as breakdown_rows

ENGINE = ROOT / "search" / "engine" / "engine.sh"
CLIENTS = 8
REQUESTS_PER_CLIENT = 250
WARM_UP = 100  # requests before measuring, drawn from the same mix
UNSEEN = 120  # single-client requests of queries not asked before
WORKERS = 4
ZIPF_EXPONENT = 1.0


def _manage(env, *args):
    started = time.perf_counter()
    result = subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT,
                            check=True, capture_output=True, text=True)  # fmt: skip
    return time.perf_counter() - started, result.stdout


def _queries():
    """The judgement queries in a fixed random order: their rank in the Zipf mix."""
    queries = sorted({j.query for j in judgements()})
    random.Random(7).shuffle(queries)
    return queries


def _mix(items, count, seed):
    weights = [1 / (rank + 1) ** ZIPF_EXPONENT for rank in range(len(items))]
    return random.Random(seed).choices(items, weights=weights, k=count)


def _search_path(query):
    return "/search/?q=" + urllib.parse.quote(query)


def _suggest_path(query):
    return "/search/suggest/?q=" + urllib.parse.quote(query[: 1 + len(query) // 3])


def _client(base, paths, times, errors):
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    for path in paths:
        started = time.perf_counter()
        connection.request("GET", path, headers={"Host": "localhost"})
        response = connection.getresponse()
        response.read()
        if times is not None:
            times.append((time.perf_counter() - started) * 1000)
        if response.status != 200:
            errors.append((path, response.status))
    connection.close()


def _concurrent(base, plans, measured):
    times, errors = [], []
    threads = [threading.Thread(target=_client, args=(base, plan, times if measured else None,
                                                      errors)) for plan in plans]  # fmt: skip
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors[:5]
    return times, time.perf_counter() - started


def _latency(base, queries, to_path, seed):
    """(p50, p95, requests/s, queries asked) of CLIENTS clients over the mix."""
    warm = [[to_path(q) for q in _mix(queries, WARM_UP // CLIENTS, seed + n)]
            for n in range(CLIENTS)]  # fmt: skip
    asked = [_mix(queries, REQUESTS_PER_CLIENT, seed + 100 + n) for n in range(CLIENTS)]
    _concurrent(base, warm, measured=False)
    times, seconds = _concurrent(base, [[to_path(q) for q in plan] for plan in asked], True)
    every = {q for plan in [*asked, *warm] for q in plan}
    return statistics.median(times), percentile(times, 0.95), len(times) / seconds, every


def _unseen(base, queries):
    """Single-client latency of queries no process has been asked yet."""
    times, errors = [], []
    _client(base, [_search_path(q) for q in queries[:UNSEEN]], times, errors)
    assert not errors, errors[:5]
    return statistics.median(times), percentile(times, 0.95), len(times), statistics.mean(times)


def _breakdown(env, queries, over_http):
    """Where the time of one uncached OpenSearch results page goes: the same never-asked
    queries again, in a process of their own with an empty cache (search_breakdown.py)."""
    env = {**env, "DJANGO_CACHE_DIR": str(WORK / "cache-search-breakdown")}
    shutil.rmtree(env["DJANGO_CACHE_DIR"], ignore_errors=True)
    out = subprocess.run([sys.executable, "-m", "benchmarks.search_breakdown"], env=env, cwd=ROOT,
                         input=json.dumps(queries[:UNSEEN]), check=True, capture_output=True,
                         text=True).stdout  # fmt: skip
    found = json.loads(out)
    title = f"未搜过的词耗时分解（OpenSearch，{found['count']} 个词，每次请求平均）"
    figures = [Figure("搜索", f"{title}：{label}", f"{ms:.1f} ms")
               for label, ms in breakdown_rows(found)]  # fmt: skip
    figures += [
        Figure("搜索", f"{title}：进程内合计（经 Django WSGI 处理）",
               f"{found['total_mean']:.1f} ms · p50 {found['total_p50']:.1f} ms"),
        Figure("搜索", f"{title}：HTTP 与 gunicorn（经 HTTP 的平均减进程内合计）",
               f"{over_http - found['total_mean']:.1f} ms"),
    ]  # fmt: skip
    return figures


def run(context):
    database = WORK / f"search-{context.scale}.sqlite3"
    shutil.copyfile(context.catalogue_database(), database)
    env = context.env(database)
    _manage(env, "migrate", "-v0")
    _manage(env, "load_search_vocabulary")
    node_env = {**os.environ, "OPENSEARCH_PORT": str(free_port()),
                "OPENSEARCH_HOME_DIR": str(WORK / "opensearch")}  # fmt: skip
    subprocess.run([str(ENGINE), "reset"], env=node_env, check=False, capture_output=True)
    subprocess.run([str(ENGINE), "start"], env=node_env, check=True, capture_output=True)
    engine_url = f"http://127.0.0.1:{node_env['OPENSEARCH_PORT']}"
    queries = _queries()
    figures = []
    try:
        db_seconds, out = _manage(env, "search_index", "rebuild", "--backend", "database", "-v0")
        count = int(re.search(r"(\d+) 个事项", out).group(1))
        # Bulk requests of a rebuild on a busy machine take longer than a search may.
        engine_env = {**env, "TEST_OPENSEARCH_URL": engine_url, "OPENSEARCH_TIMEOUT": "120"}
        os_seconds, _ = _manage(engine_env, "search_index", "rebuild", "--backend", "opensearch",
                                "-v0")  # fmt: skip
        figures += [
            Figure("搜索", f"重建 OpenSearch 索引（{count} 个事项）",
                   f"{os_seconds:.1f} s · {count / os_seconds:.0f} 项/s", "≤ 60 s"),
            Figure("搜索", f"重建数据库检索索引（{count} 个事项）",
                   f"{db_seconds:.1f} s · {count / db_seconds:.0f} 项/s"),
        ]  # fmt: skip
        for label, url, target in (("OpenSearch", engine_url, "p95 ≤ 50 ms"),
                                   ("数据库检索", "", "p95 ≤ 150 ms")):  # fmt: skip
            os.environ["TEST_OPENSEARCH_URL"] = url
            with context.serve(database, workers=WORKERS) as base:
                p50, p95, rps, asked = _latency(base, queries, _search_path, 1)
                unseen = [q for q in queries if q not in asked]
                single = _unseen(base, unseen)
                s50, s95, srps, _ = _latency(base, queries, _suggest_path, 2)
            mix = f"{CLIENTS} 并发，{len(queries)} 个搜索词的齐夫分布，p50 / p95"
            cold = f"单个客户端，{single[2]} 个未搜过的词，p50 / p95"
            figures += [
                Figure("搜索", f"结果页延迟 {label}（{mix}）",
                       f"{p50:.0f} / {p95:.0f} ms · {rps:.0f} 次/s", target),
                Figure("搜索", f"结果页延迟 {label}（{cold}）",
                       f"{single[0]:.0f} / {single[1]:.0f} ms",
                       "≤ 20 ms" if label == "OpenSearch" else ""),
                Figure("搜索", f"输入提示延迟 {label}（{CLIENTS} 并发，p50 / p95）",
                       f"{s50:.0f} / {s95:.0f} ms · {srps:.0f} 次/s", "p95 ≤ 20 ms"),
            ]  # fmt: skip
            if url:
                figures += _breakdown({**env, "TEST_OPENSEARCH_URL": url}, unseen, single[3])
    finally:
        os.environ.pop("TEST_OPENSEARCH_URL", None)
        subprocess.run([str(ENGINE), "stop"], env=node_env, check=False, capture_output=True)
    return figures
