"""django-import-export widgets for matter columns: `clean` parses a cell, `render` writes the
canonical cell text back. render(clean(cell)) is what an import compares and hashes."""

from django.utils.translation import gettext as _
from import_export.widgets import Widget

from cms_pages.service_rules import handling_kind
from cms_pages.taxonomy import (
    CARE_TAG_ALIASES,
    CARE_TAGS,
    HANDLING_KINDS,
    LEGAL_PERSON,
    NATURAL_PERSON,
    THEMES_BY_AUDIENCE,
    TIME_UNITS,
)
from spreadsheets.text import normalise, number_text

from . import cells
from .cells import CellError
from .guide_cells import (
    check_channels,
    parse_handling_forms,
    parse_main_item,
    parse_url,
    render_main_item,
)
from .materials import parse_materials, render_materials
from .procedure import parse_procedure, render_procedure


class TextWidget(Widget):
    def __init__(self, max_length=None, required=False):
        super().__init__()
        self.max_length = max_length
        self.required = required

    def clean(self, value, row=None, **kwargs):
        text = normalise(value)
        if self.required and not text:
            raise CellError(_("不能为空。"))
        if self.max_length and len(text) > self.max_length:
            raise CellError(
                _("不能超过%(max_length)s个字，实际%(n_text)s个字。")
                % {"max_length": self.max_length, "n_text": len(text)}
            )
        return text

    def render(self, value, obj=None, **kwargs):
        return normalise(value)


class CodeWidget(TextWidget):
    """实施编码 and other codes: typed digits and letters folded to ASCII."""

    def clean(self, value, row=None, **kwargs):
        return super().clean(number_text(value))


class ChoiceWidget(TextWidget):
    def __init__(self, choices):
        super().__init__(required=True)
        self.choices = list(choices)

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value)
        if text not in self.choices:
            raise CellError(
                _("“%(text)s”不在允许的取值中（%(choices)s）。")
                % {"text": text[:20], "choices": "、".join(self.choices)}
            )
        return text


class IntegerWidget(Widget):
    def __init__(self, maximum=None):
        super().__init__()
        self.maximum = maximum

    def clean(self, value, row=None, **kwargs):
        number = cells.parse_int(value)
        if self.maximum is not None and number > self.maximum:
            raise CellError(
                _("不能大于%(maximum)s，实际为%(number)s。")
                % {"maximum": self.maximum, "number": number}
            )
        return number

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class OptionalIntegerWidget(IntegerWidget):
    """A figure that may be unknown: an empty cell is None, not 0."""

    def clean(self, value, row=None, **kwargs):
        return super().clean(value) if normalise(value) else None


class DaysWidget(IntegerWidget):
    """Days with an optional unit in the cell (`20个工作日`); the unit is checked by the row."""

    def clean(self, value, row=None, **kwargs):
        return cells.parse_days(value)[0]


class OptionalDaysWidget(DaysWidget):
    def clean(self, value, row=None, **kwargs):
        return super().clean(value) if normalise(value) else None


class YesNoWidget(Widget):
    def clean(self, value, row=None, **kwargs):
        return cells.parse_yes_no(value)

    def render(self, value, obj=None, **kwargs):
        return cells.render_yes_no(value)


class TimeUnitWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        return cells.parse_time_unit(value)


class OnlineDepthWidget(Widget):
    def clean(self, value, row=None, **kwargs):
        return cells.parse_online_depth(value)

    def render(self, value, obj=None, **kwargs):
        return cells.render_online_depth(value)


# i18n: data
SERVICE_OBJECTS = {
    "自然人": NATURAL_PERSON,
    "个人": NATURAL_PERSON,
    "法人": LEGAL_PERSON,
    "自然人;法人": "both",
    "法人;自然人": "both",
}
# i18n: data
SERVICE_OBJECT_NAMES = {
    NATURAL_PERSON: "自然人",
    LEGAL_PERSON: "法人",
    "both": "自然人;法人",
}


class ServiceObjectWidget(Widget):
    def clean(self, value, row=None, **kwargs):
        text = normalise(value).replace(" ", "")
        for separator in "；、,，/":
            text = text.replace(separator, ";")
        if text not in SERVICE_OBJECTS:
            raise CellError(
                _("“%(text)s”应为自然人、法人或“自然人;法人”。") % {"text": text[:20] or _("空")}
            )
        return SERVICE_OBJECTS[text]

    def render(self, value, obj=None, **kwargs):
        return SERVICE_OBJECT_NAMES.get(value, "")


class ThemesWidget(Widget):
    """Theme names, validated against the national list(s) of the row's service object."""

    service_object = ServiceObjectWidget()

    # i18n: data
    def __init__(self, column="服务对象"):
        super().__init__()
        self.column = column
        self._themes = None

    def themes(self):
        if self._themes is None:
            from cms_pages.models import Theme

            self._themes = {(t.audience, t.name): t for t in Theme.objects.all()}
        return self._themes

    def clean(self, value, row=None, **kwargs):
        names = list(dict.fromkeys(cells.split_list(value)))
        if not names:
            return []
        try:
            audience = self.service_object.clean((row or {}).get(self.column))
        except CellError:
            audience = "both"
        audiences = [NATURAL_PERSON, LEGAL_PERSON] if audience == "both" else [audience]
        themes = self.themes()
        found = [themes[(a, n)] for n in names for a in audiences if (a, n) in themes]
        unknown = [n for n in names if not any(n in THEMES_BY_AUDIENCE[a] for a in audiences)]
        if unknown:
            # i18n: data
            lists = "、".join({NATURAL_PERSON: "面向自然人", LEGAL_PERSON: "面向法人"}[a]
                             for a in audiences)  # fmt: skip
            raise CellError(
                _("“%(unknown)s”不在国家主题目录（%(lists)s）中。")
                % {"unknown": "、".join(unknown)[:60], "lists": lists}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        themes = value.all() if hasattr(value, "all") else value or []
        ordered = sorted(themes, key=lambda t: (t.audience != NATURAL_PERSON, t.sort_order))
        return ";".join(dict.fromkeys(t.name for t in ordered))


class CareTagsWidget(Widget):
    """特别关爱 tags by name (妇女;老年人), common variants accepted (老人 → 老年人)."""

    def clean(self, value, row=None, **kwargs):
        from cms_pages.models import CareTag

        names = [CARE_TAG_ALIASES.get(n, n) for n in cells.split_list(value)]
        names = list(dict.fromkeys(names))
        unknown = [n for n in names if n not in CARE_TAGS]
        if unknown:
            raise CellError(
                _("“%(unknown)s”不是特别关爱标签（%(care_tags)s）。")
                % {"unknown": "、".join(unknown)[:40], "care_tags": "、".join(CARE_TAGS)}
            )
        tags = {t.name: t for t in CareTag.objects.filter(name__in=names)}
        return [tags[n] for n in names if n in tags]

    def render(self, value, obj=None, **kwargs):
        tags = value.all() if hasattr(value, "all") else value or []
        return ";".join(t.name for t in sorted(tags, key=lambda t: CARE_TAGS.index(t.name)))


class MaterialsWidget(Widget):
    def clean(self, value, row=None, notes=None, **kwargs):
        from cms_pages.models import MatterMaterial

        materials = parse_materials(value, notes)
        cap = MatterMaterial._meta.get_field("source").max_length
        for number, material in enumerate(materials, start=1):
            if len(material["source"]) > cap:
                raise CellError(
                    _("第%(number)s项材料的来源“%(source)s”超过%(cap)s个字。")
                    % {"number": number, "source": material["source"], "cap": cap}
                )
        return [MatterMaterial(**m) for m in materials]

    def render(self, value, obj=None, **kwargs):
        return render_materials(value.all() if hasattr(value, "all") else value or [])


class LegalBasesWidget(Widget):
    def clean(self, value, row=None, **kwargs):
        from cms_pages.models import MatterLegalBasis

        bases = cells.parse_legal_bases(value)
        for basis in bases:
            if len(basis["name"]) > 200 or len(basis["article"]) > 200:
                raise CellError(
                    _("“%(name)s…”的名称或条款超过200个字。") % {"name": basis["name"][:30]}
                )
        return [MatterLegalBasis(**b) for b in bases]

    def render(self, value, obj=None, **kwargs):
        return cells.render_legal_bases(value.all() if hasattr(value, "all") else value or [])


class ProcedureWidget(Widget):
    """Step times are in the matter's unit: the row's 时限单位 when it has one."""

    def clean(self, value, row=None, notes=None, **kwargs):
        try:
            # i18n: data
            unit = cells.parse_time_unit(row["时限单位"]) if row and row.get("时限单位") else None
        except CellError:
            unit = None  # reported on its own column
        return parse_procedure(value, unit, notes)

    def render(self, value, obj=None, **kwargs):
        unit = obj.get("time_unit") if isinstance(obj, dict) else getattr(obj, "time_unit", None)
        return render_procedure(value, unit or TIME_UNITS[0])


class UrlWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        return super().clean(parse_url(value))


class HandlingFormsWidget(TextWidget):
    def clean(self, value, row=None, notes=None, **kwargs):
        return super().clean(parse_handling_forms(value, notes))


class ChannelsWidget(TextWidget):
    """咨询方式 / 监督投诉方式: stored as written, read as channels by the page."""

    def clean(self, value, row=None, notes=None, **kwargs):
        return super().clean(check_channels(value, notes))


class ChildRowsWidget(Widget):
    """A cell that lists child rows of the matter (fee items, intermediary services)."""

    def __init__(self, model_name, parse, render):
        super().__init__()
        self.model_name, self.parse, self.render_rows = model_name, parse, render

    def clean(self, value, row=None, **kwargs):
        from django.apps import apps

        model = apps.get_model("cms_pages", self.model_name)
        return [model(**item) for item in self.parse(value)]

    def render(self, value, obj=None, **kwargs):
        return self.render_rows(value.all() if hasattr(value, "all") else value or [])


class MainItemWidget(Widget):
    """主项名称 (this column) and 基本编码 (its own column) name the main item."""

    def clean(self, value, row=None, **kwargs):
        from cms_pages.models import MainItem

        # i18n: data
        ref = parse_main_item(value, (row or {}).get("基本编码"))
        if ref is not None and not ref.name:
            found = MainItem.objects.filter(code=ref.code).first()
            if found is None:
                raise CellError(
                    _("没有基本编码为“%(code)s”的主项，请同时填写主项名称。") % {"code": ref.code}
                )
            return found
        return ref

    def render(self, value, obj=None, **kwargs):
        return render_main_item(value)


class HandlingKindWidget(Widget):
    """办件类型 stored as stated; a blank cell reads as the time limit suggests, so a file
    that states it the derived way matches a matter that does not state it."""

    def clean(self, value, row=None, **kwargs):
        text = normalise(value)
        if text and text not in HANDLING_KINDS:
            raise CellError(
                _("“%(text)s”应为%(handling_kinds)s之一。")
                % {"text": text[:20], "handling_kinds": "、".join(HANDLING_KINDS)}
            )
        return text

    def render(self, value, obj=None, **kwargs):
        if value:
            return value
        promised = obj.get("promised_days") if isinstance(obj, dict) else getattr(
            obj, "promised_days", None)  # fmt: skip
        return handling_kind(promised) if promised is not None else ""
