"""What a citizen is shown for a query: the results page's titles, and the backend's answer."""

import re
from html import unescape

from search import backends


def shown(client, query, **filters):
    """The matters the results page lists (narrowed by these filters), as a reader sees their
    titles."""
    response = client.get("/search/", {"q": query, **filters})
    assert response.status_code == 200
    links = re.findall(r'<a class="matter-link" href="[^"]+">(.*?)</a>', response.content.decode())
    return [unescape(re.sub(r"<[^>]+>", "", link)) for link in links]


def titles(query):
    results, degraded = backends.search(query)
    assert not degraded
    return [hit.title for hit in results.hits]
