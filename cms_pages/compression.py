"""Which responses are gzipped, decided once for the whole site.

Django's GZipMiddleware looks for the word "gzip" anywhere in Accept-Encoding, so a client
saying `gzip;q=0` ("never gzip") got gzip anyway, and it compresses whatever passes, a zip
container (xlsx) included: CPU spent for no smaller body.
"""

from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers

# Zip containers and compressed images: gzip makes them no smaller.
ALREADY_COMPRESSED = (
    "application/vnd.openxmlformats-officedocument.",
    "application/zip",
    "application/gzip",
    "image/png",
    "image/jpeg",
    "image/webp",
)


def _weight(parameters):
    """The q of one coding (1 when absent); None when it is not a valid weight."""
    for parameter in parameters:
        name, _sep, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                weight = float(value.strip())
            except ValueError:
                return None
            return weight if 0 <= weight <= 1 else None
    return 1.0


def accepts_gzip(accept_encoding):
    """Whether an Accept-Encoding header (RFC 9110 §12.5.3) allows a gzip body: gzip (or its
    alias x-gzip) with a weight above 0, or else `*` with a weight above 0. A malformed entry
    counts as not said."""
    named, anything = None, None
    for entry in (accept_encoding or "").split(","):
        coding, *parameters = entry.split(";")
        coding = coding.strip().lower()
        weight = _weight(parameters)
        if weight is None:
            continue
        if coding in ("gzip", "x-gzip"):
            named = max(named or 0.0, weight)
        elif coding == "*":
            anything = weight
    if named is not None:
        return named > 0
    return bool(anything)


def already_compressed(response):
    return response.get("Content-Type", "").lower().startswith(ALREADY_COMPRESSED)


class SiteGZipMiddleware(GZipMiddleware):
    """GZipMiddleware (BREACH length mitigation included) for the clients that accept gzip,
    on bodies gzip can shrink."""

    def process_response(self, request, response):
        if response.has_header("Content-Encoding") or already_compressed(response):
            return response
        if not accepts_gzip(request.headers.get("Accept-Encoding")):
            # The body still depends on the header: another client would get it gzipped.
            if response.streaming or len(response.content) >= 200:
                patch_vary_headers(response, ("Accept-Encoding",))
            return response
        return super().process_response(request, response)
