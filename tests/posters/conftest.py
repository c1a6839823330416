import pytest


@pytest.fixture(autouse=True)
def demo(demo_site):
    """Tests here read the demo site unless their module overrides `demo`."""


@pytest.fixture(autouse=True)
def poster_settings(settings, tmp_path):
    """Batches build inline (the immediate task backend) into a throwaway media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
