"""A request id on every response and every log line: one id to follow a citizen's complaint
("the page failed at 10:02") from the proxy's access log to the application's log.

A proxy's `X-Request-ID` is kept when it looks like an id; otherwise one is made."""

import contextvars
import json
import logging
import re
import uuid

_current = contextvars.ContextVar("request_id", default="")
_ACCEPTED = re.compile(r"[A-Za-z0-9._-]{8,64}")


def current_request_id():
    return _current.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.headers.get("X-Request-ID", "")
        request_id = offered if _ACCEPTED.fullmatch(offered) else uuid.uuid4().hex
        request.request_id = request_id
        # Not reset on the way out: Django logs a failed response (django.request) after the
        # middleware has returned, and that line must carry the id too.
        _current.set(request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for log collectors."""

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": current_request_id() or None,
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
