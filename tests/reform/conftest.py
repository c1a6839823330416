import pytest


@pytest.fixture(autouse=True)
def demo(demo_site):
    """Tests here read the demo site unless their module overrides `demo`."""
