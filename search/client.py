"""The connection to OpenSearch, and what counts as the engine being unavailable."""

import logging
import threading
import time
from contextlib import contextmanager
from functools import lru_cache

from django.conf import settings
from opensearchpy import OpenSearch
from opensearchpy.exceptions import ConnectionError as EngineConnectionError
from opensearchpy.exceptions import TransportError

logger = logging.getLogger(__name__)


class EngineUnavailable(Exception):
    """The engine could not answer; the caller falls back to the database."""


def engine_configured():
    return bool(getattr(settings, "OPENSEARCH_URL", None))


def alias_name():
    return settings.OPENSEARCH_INDEX


def engine_hosts(url):
    """OPENSEARCH_URL names one node, or several separated by commas (a cluster)."""
    return [host.strip() for host in url.split(",") if host.strip()]


POOL_SIZE = 16


@lru_cache(maxsize=4)
def _client(url, username, password, ca_certs, verify_certs, timeout):
    hosts = engine_hosts(url)
    # With several nodes a request that finds one gone (refused, reset, timed out, 502-504)
    # is sent to the next and the gone one is set aside for a while: losing a node loses no
    # search. With one node there is nowhere to retry; the database answers instead.
    retries = len(hosts) - 1
    # One client serves every thread of a worker (deploy/gunicorn.conf.py): a pool of one
    # connection per node would open and drop a connection for each concurrent search.
    options = {"hosts": hosts, "timeout": timeout, "max_retries": retries,
               "retry_on_timeout": retries > 0, "pool_maxsize": POOL_SIZE}  # fmt: skip
    if username:
        options["http_auth"] = (username, password or "")
    if hosts[0].startswith("https://"):
        options.update(use_ssl=True, verify_certs=verify_certs, ssl_show_warn=verify_certs)
        if ca_certs:
            options["ca_certs"] = ca_certs
    return OpenSearch(**options)


def get_client():
    return _client(
        settings.OPENSEARCH_URL,
        settings.OPENSEARCH_USERNAME,
        settings.OPENSEARCH_PASSWORD,
        settings.OPENSEARCH_CA_CERTS,
        settings.OPENSEARCH_VERIFY_CERTS,
        settings.OPENSEARCH_TIMEOUT,
    )


class _Breaker:
    """After a failure, skip the engine for a while instead of making every citizen wait for
    a timeout; OPENSEARCH_RETRY_AFTER seconds later the next request tries again."""

    def __init__(self):
        self._lock = threading.Lock()
        self._down_until = 0.0

    def is_open(self):
        return time.monotonic() < self._down_until

    def trip(self):
        with self._lock:
            self._down_until = time.monotonic() + settings.OPENSEARCH_RETRY_AFTER

    def reset(self):
        with self._lock:
            self._down_until = 0.0


breaker = _Breaker()


def _is_outage(error):
    if isinstance(error, EngineConnectionError):
        return True
    status = error.status_code if isinstance(error.status_code, int) else 0
    return status in (404, 429) or status >= 500


@contextmanager
def engine_call(what):
    """Run an engine request; an outage becomes EngineUnavailable, anything else (a query
    the engine rejects) is a bug and propagates."""
    if breaker.is_open():
        raise EngineUnavailable(f"{what}: engine marked unavailable")
    try:
        yield get_client()
    except TransportError as error:
        if not _is_outage(error):
            raise
        breaker.trip()
        logger.warning("OpenSearch unavailable during %s: %s", what, error)
        raise EngineUnavailable(f"{what}: {error}") from error
