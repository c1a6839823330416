"""What the benchmarks share: a synthetic catalogue, a database holding it, a served site."""

import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests.support.server import serve

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench"


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


class BenchContext:
    def __init__(self, scale):
        self.scale = scale
        WORK.mkdir(parents=True, exist_ok=True)

    def catalogue(self, suffix=".xlsx"):
        """The synthetic catalogue of `scale` matters, generated once."""
        path = WORK / f"catalog-{self.scale}{suffix}"
        if not path.exists():
            subprocess.run(
                [sys.executable, str(ROOT / "tools" / "make_catalog.py"),
                 "--scale", str(self.scale), "--out", str(path)],
                check=True, stdout=subprocess.DEVNULL,
            )  # fmt: skip
        return path

    def env(self, database_path):
        return {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test",
                "DATABASE_URL": f"sqlite:///{database_path}", "PYTHONPATH": str(ROOT),
                "DJANGO_CACHE_DIR": str(WORK / f"cache-{Path(database_path).stem}")}  # fmt: skip

    def demo_database(self, name, loader):
        """A cached SQLite database: the demo site, then `python -m <loader> <catalogue>`."""
        path = WORK / f"{name}-{self.scale}.sqlite3"
        manage = [sys.executable, str(ROOT / "manage.py")]
        if path.exists():
            # A database kept from an earlier run follows the models of this checkout.
            subprocess.run([*manage, "migrate", "-v0"], env=self.env(path), check=True, cwd=ROOT)
            return path
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        env = self.env(partial)
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        subprocess.run(
            [*manage, "load_demo_content", "--demo", "-v0"], env=env, check=True, cwd=ROOT
        )
        subprocess.run([sys.executable, "-m", loader, str(self.catalogue())], env=env,
                       check=True, cwd=ROOT)  # fmt: skip
        partial.rename(path)
        return path

    def catalogue_database(self):
        """The demo site plus the whole synthetic catalogue, live."""
        return self.demo_database("site", "benchmarks.load_catalogue")

    def serve(self, database_path, workers=2):
        """gunicorn on loopback over the given database, as production would run it, starting
        from an empty page cache so that a first request really renders."""
        env = self.env(database_path)
        shutil.rmtree(env["DJANGO_CACHE_DIR"], ignore_errors=True)
        return serve(env, workers=workers)

    @staticmethod
    def latencies(base, paths, count=200, shuffle=True):
        """Sequential request times (ms) on keep-alive connections: close to server time."""
        import http.client

        host, port = base.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        times = []
        order = random.Random(1).choices(paths, k=count) if shuffle else paths[:count]
        for path in order:
            started = time.perf_counter()
            connection.request("GET", path, headers={"Host": "localhost"})
            response = connection.getresponse()
            response.read()
            times.append((time.perf_counter() - started) * 1000)
            assert response.status == 200, (path, response.status)
        connection.close()
        return {"p50": statistics.median(times), "p95": percentile(times, 0.95)}

    @staticmethod
    def throughput(base, paths, connections=8, seconds=10):
        """Requests per second with wrk over a random rotation of `paths`."""
        script = WORK / "paths.lua"
        quoted = ",".join('"' + p.replace('"', '\\"') + '"' for p in paths)
        script.write_text(
            f"local paths = {{{quoted}}}\nlocal i = 0\n"
            "request = function()\n  i = i % #paths + 1\n"
            "  return wrk.format('GET', paths[i], {Host = 'localhost'})\nend\n"
            "done = function(summary, latency, requests)\n"
            "  io.write(string.format('RPS %f\\n', summary.requests / (summary.duration / 1e6)))\n"
            "  io.write(string.format('ERR %d\\n', summary.errors.status + summary.errors.connect"
            " + summary.errors.read + summary.errors.write + summary.errors.timeout))\nend\n",
            encoding="utf-8",
        )
        out = subprocess.run(
            ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", str(script), base],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        figures = dict(line.split() for line in out.splitlines() if line[:4] in ("RPS ", "ERR "))
        return float(figures["RPS"]), int(figures["ERR"])
