"""Search relevance on the demo catalogue: hit@1, hit@3 and MRR per query category of
benchmarks/data/search_judgements.tsv, on the database backend and on OpenSearch."""

import json
import os
import subprocess
import sys

from tests.support.services import free_port

from . import Figure
from .context import ROOT, WORK

ENGINE = ROOT / "search" / "engine" / "engine.sh"
TARGET = "hit@3 ≥ 0.95"
LABELS = {"database": "数据库检索", "opensearch": "OpenSearch"}


def _demo_database(context):
    """The demo site alone (38 matters, 4 一件事), built once; the vocabulary file is
    loaded again on every run so edits to it count."""
    path = WORK / "relevance-demo.sqlite3"
    manage = [sys.executable, str(ROOT / "manage.py")]
    if not path.exists():
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        env = context.env(partial)
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        subprocess.run([*manage, "load_demo_content", "--demo", "-v0"], env=env, check=True,
                       cwd=ROOT)  # fmt: skip
        partial.rename(path)
    env = context.env(path)
    for command in (["migrate", "-v0"], ["load_search_vocabulary"],
                    ["search_index", "rebuild", "--backend", "database", "-v0"]):  # fmt: skip
        subprocess.run([*manage, *command], env=env, check=True, cwd=ROOT, capture_output=True)
    return path


def run(context):
    database = _demo_database(context)
    node_env = {**os.environ, "OPENSEARCH_PORT": str(free_port()),
                "OPENSEARCH_HOME_DIR": str(WORK / "opensearch-relevance")}  # fmt: skip
    subprocess.run([str(ENGINE), "reset"], env=node_env, check=False, capture_output=True)
    subprocess.run([str(ENGINE), "start"], env=node_env, check=True, capture_output=True)
    try:
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.relevance", "--engine",
             f"http://127.0.0.1:{node_env['OPENSEARCH_PORT']}"],
            env={**context.env(database), "OPENSEARCH_TIMEOUT": "30"}, cwd=ROOT, check=True,
            stdout=subprocess.PIPE, text=True,
        ).stdout  # fmt: skip
    finally:
        subprocess.run([str(ENGINE), "stop"], env=node_env, check=False, capture_output=True)
    report = json.loads(out)
    figures = []
    categories = list(report["database"]["figures"])
    categories.sort(key=lambda c: (c == "全部", c))
    for category in categories:
        for backend in ("opensearch", "database"):
            f = report[backend]["figures"][category]
            measure = f"{category}（{f['queries']} 条）{LABELS[backend]} hit@1 / hit@3 / MRR"
            value = f"{f['hit@1']:.2f} / {f['hit@3']:.2f} / {f['mrr']:.2f}"
            figures.append(Figure("搜索相关度", measure, value, TARGET))
    missed = {b: {tuple(m[:2]) for m in report[b]["misses"]} for b in report}
    differ = missed["database"] ^ missed["opensearch"]
    measure = "两个后端前 3 名命中情况不同的搜索词"
    figures.append(Figure("搜索相关度", measure, str(len(differ)), "0"))
    for backend, misses in report.items():
        for category, query, position in misses["misses"]:
            where = "未找到" if position is None else f"第 {position} 名"
            print(f"   {LABELS[backend]} 未进前 3：[{category}] {query}（{where}）",
                  file=sys.stderr)  # fmt: skip
    return figures
