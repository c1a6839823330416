"""A request whose database connection dies on the way (PostgreSQL restarted, a failover, an
idle connection cut by a firewall, `pg_terminate_backend`) is never answered with a 500.

A connection that died between requests is replaced before use by Django's health check
(`CONN_HEALTH_CHECKS`, production settings). One that dies while a request uses it fails
that request: a GET or HEAD, which changes nothing, runs once more on a fresh connection; any
other method, or a second loss, gets 503 with Retry-After, since a form may have been saved
before the connection died and sending it again could save it twice."""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

RETRIED_METHODS = {"GET", "HEAD"}
RETRY_AFTER_SECONDS = 5


def connection_lost(exception):
    """True when `exception` came from a database connection that no longer works (an error
    on a working connection, such as a cancelled statement, is the request's own failure)."""
    if not isinstance(exception, (OperationalError, InterfaceError)):
        return False
    return any(
        conn.connection is None or not conn.is_usable()
        for conn in connections.all(initialized_only=True)
    )


def discard_lost_connections():
    for conn in connections.all(initialized_only=True):
        conn.close_if_unusable_or_obsolete()


def unavailable(request):
    if request.method in RETRIED_METHODS:
        message = _("服务暂时不可用，请稍后刷新页面重试。")
    else:
        message = _(
            "请求未能完成，请稍后再试。如果刚才提交了表单，请先确认是否已经提交成功，再决定是否重新提交。"
        )
    response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _note_lost_connection(sender, request=None, **kwargs):
    """An exception outside a view (a middleware's query) reaches the handler, not
    process_exception; Django announces it while handling it."""
    if request is not None and connection_lost(sys.exc_info()[1]):
        request.database_connection_lost = True


got_request_exception.connect(_note_lost_connection, dispatch_uid="portal-lost-connection")


class RetriedRequestFilter(logging.Filter):
    """Drops django.request's "Internal Server Error" for the first attempt of a GET or HEAD
    that lost its database connection: it is run again (LostConnectionMiddleware, which logs
    a warning), and what it answers then is logged as usual — a 503 after a second loss, any
    other error. Settings' LOGGING installs it."""

    def filter(self, record):
        request = getattr(record, "request", None)
        first_attempt_of_a_retry = (
            getattr(record, "status_code", None) == 500
            and getattr(request, "method", None) in RETRIED_METHODS
            and getattr(request, "database_connection_lost", False)
            and not getattr(request, "database_connection_retried", True)
        )
        return not first_attempt_of_a_retry


class LostConnectionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.database_connection_lost = False
        request.database_connection_retried = False
        response = self.get_response(request)
        if not request.database_connection_lost:
            return response
        discard_lost_connections()
        if request.method in RETRIED_METHODS:
            logger.warning("Database connection lost during %s; running it again", request.path)
            request.database_connection_lost = False
            request.database_connection_retried = True
            response = self.get_response(request)
            if not request.database_connection_lost:
                return response
            discard_lost_connections()
        return unavailable(request)

    def process_exception(self, request, exception):
        if connection_lost(exception):
            request.database_connection_lost = True
            return unavailable(request)
        return None
