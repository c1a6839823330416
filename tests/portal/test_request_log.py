"""Every response carries a request id, and log lines written while serving it carry the same."""

import io
import json
import logging

import pytest

from portal.request_log import JsonFormatter

pytestmark = pytest.mark.django_db


def test_response_carries_a_new_request_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_proxy_request_id_is_echoed_and_a_hostile_one_replaced(client):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="abc-12345678")["X-Request-ID"] == (
        "abc-12345678"
    )
    hostile = client.get("/healthz", HTTP_X_REQUEST_ID="x\r\nSet-Cookie: a=b")["X-Request-ID"]
    assert hostile != "x\r\nSet-Cookie: a=b" and len(hostile) == 32


def test_log_lines_are_json_with_the_request_id(client):
    """A missing page logs a warning through django.request while the request is served."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = client.get("/no-such-page-here/", HTTP_X_REQUEST_ID="trace-0001-xyz")
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 404
    [line] = [json.loads(text) for text in stream.getvalue().splitlines()]
    assert line["request_id"] == "trace-0001-xyz"
    assert line["level"] == "WARNING" and line["status"] == 404
    assert "no-such-page-here" in line["message"]
