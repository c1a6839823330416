import pytest


@pytest.fixture(autouse=True)
def demo(demo_site):
    """Hostile input is sent to the demo site: its real pages, links and forms."""
