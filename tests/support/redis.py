"""A throwaway Redis server on a free loopback port (Debian's redis-server)."""

import contextlib
import shutil
import socket
import subprocess
import time

from .services import free_port, missing


@contextlib.contextmanager
def redis_server(folder):
    binary = shutil.which("redis-server")
    if not binary:
        missing("redis-server is not installed (make system-packages)")
    port = free_port()
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=20)
