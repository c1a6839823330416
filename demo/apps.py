from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The 青山市 demo site (`load_demo_content`): it fills every app, so it sits above them."""

    name = "demo"
    verbose_name = _("示例内容")

    def ready(self):
        from . import safety  # noqa: F401  (registers the deploy check)
