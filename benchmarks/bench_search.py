"""Search on the synthetic catalogue: rebuild time and documents/s for both backends, and
results-page latency at 8 concurrent clients over 20 representative queries, OpenSearch and
the database backend in the same run."""

import http.client
import os
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

ENGINE = ROOT / "search" / "engine" / "engine.sh"
QUERIES = [
    "营业执照", "个体户", "开饭店", "生孩子", "身份证丢了", "yyzz", "yingyezhizhao", "林木采发",
    "退休", "低保", "公积金", "出生登记", "结婚", "驾照丢了", "食品经营许可", "社保卡",
    "异地看病", "宅基地", "残疾证", "开发票",
]  # fmt: skip
CLIENTS = 8
REQUESTS_PER_CLIENT = 60
WORKERS = 4


def _manage(env, *args):
    started = time.perf_counter()
    result = subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT,
                            check=True, capture_output=True, text=True)  # fmt: skip
    return time.perf_counter() - started, result.stdout


def _client(base, paths, times, errors):
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    for i, path in enumerate(paths):
        started = time.perf_counter()
        connection.request("GET", path, headers={"Host": "localhost"})
        response = connection.getresponse()
        response.read()
        if i >= len(QUERIES):  # the first round only warms the workers up
            times.append((time.perf_counter() - started) * 1000)
        if response.status != 200:
            errors.append((path, response.status))
    connection.close()


def _paths():
    return ["/search/?q=" + urllib.parse.quote(q) for q in QUERIES]


def _latency(base):
    paths = _paths()
    times, errors, threads = [], [], []
    started = time.perf_counter()
    for n in range(CLIENTS):
        rotation = paths[n:] + paths[:n]
        plan = rotation + [rotation[i % len(paths)] for i in range(REQUESTS_PER_CLIENT)]
        threads.append(threading.Thread(target=_client, args=(base, plan, times, errors)))
        threads[-1].start()
    for thread in threads:
        thread.join()
    assert not errors, errors[:5]
    seconds = time.perf_counter() - started
    return statistics.median(times), percentile(times, 0.95), len(times) / seconds


def run(context):
    database = WORK / f"search-{context.scale}.sqlite3"
    shutil.copyfile(context.catalogue_database(), database)
    env = context.env(database)
    _manage(env, "migrate", "-v0")
    node_env = {**os.environ, "OPENSEARCH_PORT": str(free_port()),
                "OPENSEARCH_HOME_DIR": str(WORK / "opensearch")}  # fmt: skip
    subprocess.run([str(ENGINE), "reset"], env=node_env, check=False, capture_output=True)
    subprocess.run([str(ENGINE), "start"], env=node_env, check=True, capture_output=True)
    engine_url = f"http://127.0.0.1:{node_env['OPENSEARCH_PORT']}"
    figures = []
    try:
        db_seconds, out = _manage(env, "search_index", "rebuild", "--backend", "database", "-v0")
        count = int(re.search(r"(\d+) 个事项", out).group(1))
        engine_env = {**env, "TEST_OPENSEARCH_URL": engine_url}
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
                p50, p95, rps = _latency(base)
                single = context.latencies(base, _paths(), count=100)
            measure = f"结果页延迟 {label}（{CLIENTS} 并发，p50 / p95）"
            value = f"{p50:.0f} / {p95:.0f} ms · {rps:.0f} 次/s"
            figures.append(Figure("搜索", measure, value, target))
            figures.append(Figure("搜索", f"结果页延迟 {label}（单个客户端，p50 / p95）",
                                  f"{single['p50']:.0f} / {single['p95']:.0f} ms"))  # fmt: skip
    finally:
        os.environ.pop("TEST_OPENSEARCH_URL", None)
        subprocess.run([str(ENGINE), "stop"], env=node_env, check=False, capture_output=True)
    return figures
