import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def demo(demo_site):
    """Tests here read the demo site."""


@pytest.fixture(autouse=True)
def fresh_cache():
    """Cached pages belong to one test only."""
    cache.clear()
