"""Real components a test starts itself (OpenSearch, gunicorn, Chromium)."""

import os
import socket

import pytest


def missing(reason):
    """Skip when a component is absent on a developer's machine; fail under CI."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: a missing engine or browser is a failure)")
    pytest.skip(reason)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
