"""An OpenSearch node started with search/engine/engine.sh on a free port in its own home."""

import os
import subprocess

from . import ROOT
from .services import free_port

ENGINE = ROOT / "search" / "engine" / "engine.sh"


class Node:
    """A node a test session started; tests may stop and start it again (same port, same data)."""

    def __init__(self, home):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "OPENSEARCH_PORT": str(self.port),
                    "OPENSEARCH_HOME_DIR": str(home)}  # fmt: skip

    def _run(self, action):
        return subprocess.run([str(ENGINE), action], env=self.env, capture_output=True, text=True,
                              timeout=300)  # fmt: skip

    def start(self):
        result = self._run("start")
        if result.returncode != 0:
            raise RuntimeError(f"engine.sh start failed:\n{result.stdout}\n{result.stderr}")

    def stop(self):
        self._run("stop")
