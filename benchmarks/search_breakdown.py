"""Where an uncached search request's time goes: run in a process of its own against the
benchmark's database and engine, `python -m benchmarks.search_breakdown < queries.json`.

Each query (none asked before in this process, with a cache directory of its own) is passed
once through Django's real WSGI handler, middleware included, as gunicorn would call it, with
search.timing recording spans around the real code paths. Prints the mean milliseconds per
request of every span, and the p50 of the whole, as JSON.
"""

import io
import json
import statistics
import sys
import time
import urllib.parse


def _environ(path):
    path, _sep, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query,
        "SERVER_NAME": "localhost", "SERVER_PORT": "80", "HTTP_HOST": "localhost",
        "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1", "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr,
        "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False,
    }  # fmt: skip


def _call(handler, path):
    statuses = []
    response = handler(_environ(path), lambda status, headers: statuses.append(status))
    body = b"".join(response)
    response.close()  # as the server does: request_finished, database connection closed
    assert statuses[0].startswith("200"), (path, statuses)
    return body


def breakdown(queries):
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    from search import timing

    handler = WSGIHandler()
    _call(handler, "/search/?q=" + urllib.parse.quote("营业执照"))  # imports, vocabulary, lexicon
    spans, totals = [], []
    for query in queries:
        with timing.recording() as found:
            started = time.perf_counter()
            _call(handler, "/search/?q=" + urllib.parse.quote(query))
            totals.append((time.perf_counter() - started) * 1000)
        spans.append(dict(found))
    names = {name for found in spans for name in found}
    means = {name: sum(f.get(name, 0.0) for f in spans) / len(spans) for name in names}
    return {
        "means": means,
        "total_mean": statistics.mean(totals),
        "total_p50": statistics.median(totals),
        "count": len(queries),
    }


if __name__ == "__main__":
    print(json.dumps(breakdown(json.load(sys.stdin))))


# The table's rows: label → how to get the mean milliseconds from the spans.
PARTS = {
    "解析查询（分词、同义词、英文标题）": lambda m: m.get("parse", 0) + m.get("english", 0),
    "组装引擎请求": lambda m: m.get("build", 0),
    "引擎 took（引擎内检索、聚合、高亮）": lambda m: m.get("took", 0),
    "引擎 HTTP 往返与 JSON": lambda m: m.get("engine", 0) - m.get("took", 0),
    "读取引擎结果、分面、一件事": lambda m: m.get("rows", 0) + m.get("hits", 0),
    "结果页模板": lambda m: m.get("template", 0),
    "结果页缓存读写（共享缓存）": lambda m: m.get("cache", 0),
}


def rows(found):
    """(label, mean ms) of each part, the rest of the view, and middleware with the handler."""
    means = found["means"]
    parts = [(label, share(means)) for label, share in PARTS.items()]
    view = means.get("view", 0) - sum(
        share(means) for label, share in PARTS.items() if "缓存" not in label
    )
    handler = found["total_mean"] - means.get("view", 0) - means.get("cache", 0)
    return parts + [("其余视图代码（链接、上下文）", view), ("中间件与 WSGI 处理", handler)]
