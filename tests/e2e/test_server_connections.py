"""The server as production runs it (deploy/gunicorn.conf.py): a phone's browser sends its next
requests on the connection it opened, as HTTP/1.1 lets it, instead of opening one per page."""

import http.client
from urllib.parse import quote, urlsplit


def test_a_visitor_reads_several_pages_over_one_connection(live_site):
    address = urlsplit(live_site)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    opened = None
    try:
        for path in ("/", "/search/?q=" + quote("营业执照"), "/search/suggest/?q=yy", "/"):
            connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
            response = connection.getresponse()
            response.read()
            assert response.status == 200, path
            assert (response.getheader("Connection") or "").lower() != "close", path
            opened = opened or connection.sock
            assert connection.sock is opened, f"{path} came over a new connection"
    finally:
        connection.close()
