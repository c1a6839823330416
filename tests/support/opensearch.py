"""OpenSearch started with search/engine/engine.sh on free ports in its own home: one node, or
a 3-node cluster (`engine.sh cluster`)."""

import contextlib
import os
import socket
import subprocess

from . import ROOT
from .services import free_port, missing

ENGINE = ROOT / "search" / "engine" / "engine.sh"


def distinct_free_ports(count):
    """`count` ports free at the same moment (each socket is held until all are chosen)."""
    with contextlib.ExitStack() as stack:
        ports = []
        for _ in range(count):
            sock = stack.enter_context(socket.socket())
            sock.bind(("127.0.0.1", 0))
            ports.append(sock.getsockname()[1])
        return ports


class _Engine:
    env: dict

    def _run(self, *action, timeout=300):
        return subprocess.run([str(ENGINE), *action], env=self.env, capture_output=True,
                              text=True, timeout=timeout)  # fmt: skip

    def _check(self, *action):
        result = self._run(*action)
        if result.returncode != 0:
            raise RuntimeError(
                f"engine.sh {' '.join(action)} failed:\n{result.stdout}\n{result.stderr}"
            )


class Node(_Engine):
    """A node a test session started; tests may stop and start it again (same port, same data)."""

    def __init__(self, home):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "OPENSEARCH_PORT": str(self.port),
                    "OPENSEARCH_HOME_DIR": str(home)}  # fmt: skip

    def start(self):
        self._check("start")

    def stop(self):
        self._run("stop")


class Cluster(_Engine):
    """Three nodes, one JVM each, every shard with one replica. `url` lists all three, as
    OPENSEARCH_URL does for a cluster. start/stop act on the whole cluster (so the cluster can
    stand in for the single node); stop_node/start_node on one member."""

    size = 3

    def __init__(self, home, heap="256m"):
        ports = distinct_free_ports(2 * self.size)
        self.ports, self.transport = ports[: self.size], ports[self.size :]
        self.urls = [f"http://127.0.0.1:{port}" for port in self.ports]
        self.url = ",".join(self.urls)
        self.env = {
            **os.environ,
            "OPENSEARCH_CLUSTER_HTTP_PORTS": ",".join(map(str, self.ports)),
            "OPENSEARCH_CLUSTER_TRANSPORT_PORTS": ",".join(map(str, self.transport)),
            "OPENSEARCH_CLUSTER_HOME_DIR": str(home),
            "OPENSEARCH_HEAP": heap,
            # Three JVMs starting at once on a busy 2-core machine take their time.
            "OPENSEARCH_START_TIMEOUT": os.environ.get("OPENSEARCH_START_TIMEOUT", "240"),
        }

    def start(self):
        self._check("cluster", "start")

    def stop(self):
        self._run("cluster", "stop")

    def start_node(self, number):
        self._check("cluster", "start-node", str(number))

    def stop_node(self, number):
        self._check("cluster", "stop-node", str(number))


def on_cluster():
    """TEST_OPENSEARCH_CLUSTER=1 runs every search test against a 3-node cluster."""
    return os.environ.get("TEST_OPENSEARCH_CLUSTER") == "1"


@contextlib.contextmanager
def started(engine):
    """Start a Node or Cluster for the block (skipped, or failed under CI, when it cannot)."""
    try:
        engine.start()
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
        engine.stop()
        missing(f"could not start OpenSearch: {error}")
    try:
        yield engine
    finally:
        engine.stop()
