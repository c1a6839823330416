"""How the review screens (compare revisions, workflow review) show a change: numbers as
"15 → 10" and yes/no as 是/否, instead of Wagtail's side-by-side "1510" and "False"; and a
flowchart only when its content changed, not when a re-save gave its list items new ids."""

from django.db import models
from django.utils.html import escape, format_html
from django.utils.translation import gettext as _
from wagtail.admin.compare import (
    FieldComparison,
    StreamFieldComparison,
    register_comparison_class,
)
from wagtail.fields import StreamField

from .normalise import stream_content


class ArrowComparison(FieldComparison):
    def display(self, value):
        return "—" if value is None else str(value)

    def htmldiff(self):
        before, after = self.display(self.val_a), self.display(self.val_b)
        if self.val_a == self.val_b:
            return escape(before)
        return format_html(
            '<span class="deletion">{}</span> → <span class="addition">{}</span>', before, after
        )


class NumberComparison(ArrowComparison):
    pass


class YesNoComparison(ArrowComparison):
    def display(self, value):
        if value is None:
            return "—"
        return _("是") if value else _("否")


register_comparison_class(models.IntegerField, comparison_class=NumberComparison)
register_comparison_class(models.DecimalField, comparison_class=NumberComparison)
register_comparison_class(models.FloatField, comparison_class=NumberComparison)
register_comparison_class(models.BooleanField, comparison_class=YesNoComparison)


class StreamContentComparison(StreamFieldComparison):
    def has_changed(self):
        prepare = self.field.stream_block.get_prep_value
        return stream_content(prepare(self.val_a)) != stream_content(prepare(self.val_b))


register_comparison_class(StreamField, comparison_class=StreamContentComparison)
