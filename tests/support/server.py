"""The site served by gunicorn on loopback, as production runs it: one launcher for the
browser journeys (tests/e2e) and the benchmarks."""

import contextlib
import subprocess
import sys
import time
import urllib.error
import urllib.request

from . import ROOT
from .services import free_port

GUNICORN_CONFIG = ROOT / "deploy" / "gunicorn.conf.py"

# Four workers importing the site on a busy 2-core machine took 45 s to answer.
STARTUP_SECONDS = 180


@contextlib.contextmanager
def serve(env, workers=2, threads=None, log=None):
    """Yield the base URL once gunicorn answers HTTP; stop it (and its workers) on exit.
    `threads`: per worker, when not the production configuration's. `log`: a file that
    takes the server's output (its log) instead of the test run's."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "-c", str(GUNICORN_CONFIG),
         "-b", f"127.0.0.1:{port}", "-w", str(workers), "--log-level", "warning",
         *(["--threads", str(threads)] if threads else [])],
        env=env, cwd=ROOT, stdout=log, stderr=log,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(base, server)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wait_until_answering(base, server):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {server.returncode} while starting")
        try:
            urllib.request.urlopen(base + "/", timeout=5)
            return
        except urllib.error.HTTPError:
            return  # it answers; what it answers is the test's business
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not answer on {base} within {STARTUP_SECONDS} s")
