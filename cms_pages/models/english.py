"""Optional English title and summary for the pages a foreign visitor navigates by.

Content is published in Chinese; an editor may add English for a matter, a department or a
theme. Readers who chose English see it where it is filled and the Chinese everywhere else.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


def reading_english():
    return (get_language() or "").startswith("en")


class EnglishFields(models.Model):
    title_en = models.CharField(_("英文名称"), max_length=255, blank=True)
    summary_en = models.TextField(_("英文简介"), blank=True)

    # The Chinese field `shown_summary` falls back to.
    chinese_summary_field = "search_description"

    english_panels = [
        MultiFieldPanel(
            [FieldPanel("title_en"), FieldPanel("summary_en")],
            heading=_("英文（可选）"),
            help_text=_("选择英文界面的读者看到这里填写的内容；留空时显示中文。"),
        )
    ]

    class Meta:
        abstract = True

    @property
    def shown_title(self):
        return self.title_en if reading_english() and self.title_en else self.title

    @property
    def shown_summary(self):
        if reading_english() and self.summary_en:
            return self.summary_en
        return getattr(self, self.chinese_summary_field)
