"""Sets of matters a batch of posters is printed for.

A source is one way of grouping matters (department, theme, hall window, …): it lists what can
be picked and gives the live matters of a pick, in print order. Another app adds its own kind
with `register()` from its AppConfig.ready(), e.g. reform batches:

    register(MatterSource("reform_batch", _("改革批次"), batch_choices, batch_matters))
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from cms_pages.models import DepartmentPage, MatterPage, ServiceWindow, Theme


@dataclass(frozen=True)
class MatterSource:
    kind: str
    label: str
    choices: Callable[[], list[tuple[str, str]]]  # [(id, name)] of the picks worth printing
    matters: Callable[[str], object]  # id → queryset of live MatterPage in print order


_sources = {}


def register(source):
    _sources[source.kind] = source


def all_sources():
    return list(_sources.values())


def get_source(kind):
    return _sources[kind]


def _live():
    return MatterPage.objects.live().order_by("path")


def _department_choices():
    with_matters = _live().values("department_id")
    pages = DepartmentPage.objects.live().filter(pk__in=with_matters).order_by("path")
    return [(str(page.pk), page.title) for page in pages]


def _theme_choices():
    themes = Theme.objects.filter(matters__in=_live()).distinct()
    return [(str(theme.pk), str(theme)) for theme in themes]


def _window_choices():
    windows = ServiceWindow.objects.filter(matters__in=_live()).distinct()
    return [(str(window.pk), str(window)) for window in windows.select_related("hall")]


register(MatterSource("department", _("部门"), _department_choices,
                      lambda pk: _live().filter(department_id=pk)))  # fmt: skip
register(MatterSource("theme", _("主题"), _theme_choices,
                      lambda pk: _live().filter(themes=pk)))  # fmt: skip
register(MatterSource("window", _("办事窗口"), _window_choices,
                      lambda pk: _live().filter(window_id=pk)))  # fmt: skip
