from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    """Complaints, 好差评 ratings and rectifications.

    A separate app because a case has its own lifecycle (the 12345 flow with working-day
    deadlines, reminders and a retention period), unrelated to page publishing."""

    name = "complaints"
    verbose_name = _("投诉与评价")
    default_auto_field = "django.db.models.BigAutoField"
