from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    """Complaints, 好差评 ratings and rectifications.

    A separate app because a case has its own lifecycle (the 12345 flow with working-day
    deadlines, reminders and a retention period), unrelated to page publishing."""

    name = "complaints"
    verbose_name = _("投诉与评价")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from cms_pages import extensions
        from cms_pages.models import ComplaintChannelsPage, MatterPage
        from cms_pages.page_cache import advance_generation
        from opendata.sections import Section, register

        from .models import ComplaintChannel
        from .statistics_section import MAX_AGE, complaints_section

        extensions.add_section(
            MatterPage, "complaints", "complaints/sections/matter_complaints.html"
        )
        extensions.add_section(ComplaintChannelsPage, "body", "complaints/sections/channels.html")
        register(Section("complaints", _("投诉与评价"), complaints_section, order=40,
                         max_age=MAX_AGE))  # fmt: skip
        # Channels appear on every cached matter page: a change must reach them at once.
        post_save.connect(
            advance_generation, sender=ComplaintChannel, dispatch_uid="complaint-channel-saved"
        )
        post_delete.connect(
            advance_generation, sender=ComplaintChannel, dispatch_uid="complaint-channel-deleted"
        )
