from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class OpenDataConfig(AppConfig):
    name = "opendata"
    verbose_name = gettext_lazy("数据公开")

    def ready(self):
        from cms_pages import extensions
        from cms_pages.models import StatisticsPage

        from .statistics import register_builtin_sections

        register_builtin_sections()
        extensions.add_section(StatisticsPage, "body", "opendata/statistics_sections.html")
        connect_catalogue_rebuild()


def connect_catalogue_rebuild():
    """The catalogue files follow every change of a public matter or of a department's name,
    and every page made private or public again."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from cms_pages.models import DepartmentPage, MatterPage

    from .catalogue_files import schedule_rebuild

    for model in (MatterPage, DepartmentPage):
        for signal in (page_published, page_unpublished):
            uid = f"opendata-catalogue-{signal}-{model.__name__}"
            signal.connect(schedule_rebuild, sender=model, dispatch_uid=uid)
    post_page_move.connect(schedule_rebuild, dispatch_uid="opendata-catalogue-move")
    post_delete.connect(schedule_rebuild, sender=MatterPage, dispatch_uid="opendata-catalogue-gone")
    for signal in (post_save, post_delete):
        signal.connect(schedule_rebuild, sender=PageViewRestriction,
                       dispatch_uid=f"opendata-catalogue-privacy-{signal}")  # fmt: skip
