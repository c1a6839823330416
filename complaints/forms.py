"""Public forms: filing a complaint, looking a case up, rating a service. Every field is
hostile input: lengths are capped, choices checked, files judged by content."""

import re

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cms_pages.content_language import ContentSelect
from cms_pages.models import Hall, MatterPage, ServiceWindow

from . import attachments
from .models import GRADE_CHOICES, Category, Rating

PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{7,8})$")
CODE_IN_BRACKETS = re.compile(r"[（(]\s*([A-Za-z0-9\-]{4,64})\s*[)）]\s*$")
MATTER_SUGGESTIONS = 8


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        limit = settings.COMPLAINTS_ATTACHMENTS["max_files"]
        if len(files) > limit:
            raise forms.ValidationError(_("最多上传 %(n)s 个附件。") % {"n": limit})
        cleaned = []
        for upload in files:
            upload = super().clean(upload, initial)
            try:
                cleaned.append((upload, attachments.inspect(upload)))
            except attachments.AttachmentError as error:
                raise forms.ValidationError(str(error)) from None
        return cleaned


def matter_candidates(query):
    """Live matters matching what a person typed: code, title or common name."""
    query = (query or "").replace("\x00", "").strip()[:60]
    if not query:
        return MatterPage.objects.none()
    return (
        MatterPage.objects.live()
        .public()
        .filter(
            Q(code__iexact=query) | Q(title__icontains=query) | Q(common_names__icontains=query)
        )
        .select_related("department")
        .order_by("title")
    )


def place_choices():
    choices = [("", _("不涉及具体窗口"))]
    for hall in Hall.objects.prefetch_related("windows"):
        options = [(f"hall:{hall.pk}", _("%(hall)s（大厅其他位置）") % {"hall": hall.name})]
        options += [(f"window:{w.pk}", w.name) for w in hall.windows.all()]
        choices.append((hall.name, options))
    return choices


def resolve_place(value):
    """(hall, window) for a place choice value, or (None, None)."""
    kind, _sep, pk = (value or "").partition(":")
    if not pk.isdigit():
        return None, None
    if kind == "window":
        window = ServiceWindow.objects.select_related("hall").filter(pk=pk).first()
        return (window.hall, window) if window else (None, None)
    if kind == "hall":
        return Hall.objects.filter(pk=pk).first(), None
    return None, None


class ComplaintForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("投诉类别"),
        queryset=Category.objects.filter(active=True),
        empty_label=_("请选择"),
        widget=ContentSelect,
        error_messages={
            "required": _("请选择投诉类别。"),
            "invalid_choice": _("请从列表中选择投诉类别。"),
        },
    )
    matter = forms.CharField(
        label=_("涉及事项"),
        required=False,
        max_length=120,
        help_text=_("输入事项名称或实施编码，从提示中选择；不涉及具体事项可留空。"),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "data-matter-search": "", "list": "matter-suggestions"}
        ),
    )
    place = forms.ChoiceField(label=_("大厅或窗口"), required=False, widget=ContentSelect)
    text = forms.CharField(
        label=_("投诉内容"),
        min_length=10,
        max_length=2000,
        help_text=_("请写明时间、地点、经过和您的诉求，10至2000字。"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("请填写投诉内容。"),
            "min_length": _("投诉内容至少10个字，请写明经过。"),
            "max_length": _("投诉内容不能超过2000字。"),
        },
    )
    attachments = AttachmentsField(
        label=_("附件（可选）"),
        required=False,
        help_text=_("图片（JPG、PNG、GIF、WebP）或 PDF，最多3个，每个不超过5 MB。"),
        widget=MultipleFileInput(
            attrs={"accept": "image/jpeg,image/png,image/gif,image/webp,application/pdf"}
        ),
    )
    contact_name = forms.CharField(label=_("称呼（可选）"), required=False, max_length=30)
    contact_phone = forms.CharField(
        label=_("联系电话（可选）"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    contact_email = forms.EmailField(
        label=_("电子邮箱（可选）"),
        required=False,
        max_length=120,
        error_messages={"invalid": _("电子邮箱格式不正确。")},
    )
    # Honeypot: hidden from people, filled in by bots that fill in everything.
    website = forms.CharField(required=False, max_length=200, label=_("网址（请勿填写）"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = place_choices()
        self.fields["place"].error_messages["invalid_choice"] = _("请从列表中选择大厅或窗口。")
        self.matter_page = None
        self.suggestions = []

    def clean_matter(self):
        value = self.cleaned_data["matter"].strip()
        if not value:
            return ""
        bracketed = CODE_IN_BRACKETS.search(value)
        code = bracketed.group(1) if bracketed else value
        exact = MatterPage.objects.live().public().filter(code__iexact=code).first()
        if exact is None:
            title = CODE_IN_BRACKETS.sub("", value).strip()
            exact = MatterPage.objects.live().public().filter(title=title).first()
        if exact is not None:
            self.matter_page = exact
            return value
        self.suggestions = list(matter_candidates(value)[:MATTER_SUGGESTIONS])
        if len(self.suggestions) == 1:
            self.matter_page = self.suggestions[0]
            return value
        if self.suggestions:
            raise forms.ValidationError(_("找到多个相近的事项，请从下方建议中选择一个。"))
        raise forms.ValidationError(_("没有找到这个事项。请换个说法，或留空并在投诉内容中说明。"))

    def clean_contact_phone(self):
        value = re.sub(r"[\s()（）]", "", self.cleaned_data["contact_phone"])
        if value and not PHONE.match(value):
            raise forms.ValidationError(_("请填写11位手机号或带区号的固定电话。"))
        return value

    def clean(self):
        cleaned = super().clean()
        hall, window = resolve_place(cleaned.get("place"))
        cleaned["hall"], cleaned["window"] = hall, window
        cleaned["matter_page"] = self.matter_page
        if not self.errors and self.matter_page is None and hall is None:
            raise forms.ValidationError(_("请填写涉及的事项，或选择大厅、窗口。"))
        return cleaned

    @property
    def is_spam(self):
        return bool(self.data.get("website"))


class StatusForm(forms.Form):
    code = forms.CharField(
        label=_("查询码"), max_length=40, error_messages={"required": _("请填写查询码。")}
    )
    secret = forms.CharField(
        label=_("查询密码"),
        max_length=40,
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "off"}),
        error_messages={"required": _("请填写查询密码。")},
    )


def grade_field(label, required=True):
    return forms.TypedChoiceField(
        label=label,
        choices=GRADE_CHOICES,
        coerce=int,
        required=required,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("请选择“%(label)s”的评价。") % {"label": label},
            "invalid_choice": _("评价等级无效，请重新选择。"),
        },
    )


class RatingForm(forms.Form):
    """一事一评 / 一次一评: the overall grade, the channel's national dimensions, a comment and,
    if the person wants to be called back about a bad rating, a name and phone."""

    comment = forms.CharField(
        label=_("评价意见（可选）"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    contact_name = forms.CharField(label=_("姓名（可选，实名评价）"), required=False, max_length=30)
    contact_phone = forms.CharField(
        label=_("联系电话（可选，用于差评回访）"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    website = forms.CharField(required=False, max_length=200, label=_("网址（请勿填写）"))

    def __init__(self, *args, channel=Rating.ONLINE, **kwargs):
        super().__init__(*args, **kwargs)
        self.channel = channel
        dimensions = Rating.DIMENSIONS[channel]
        grades = {
            f"dim_{key}": grade_field(label, required=(key == "overall"))
            for key, label in dimensions
        }
        self.fields = {**grades, **self.fields}

    clean_contact_phone = ComplaintForm.clean_contact_phone

    def clean(self):
        cleaned = super().clean()
        cleaned["dimensions"] = {
            name.removeprefix("dim_"): value
            for name, value in cleaned.items()
            if name.startswith("dim_") and value not in (None, "")
        }
        cleaned["grade"] = cleaned["dimensions"].get("overall")
        return cleaned

    @property
    def is_spam(self):
        return bool(self.data.get("website"))

    def grade_fields(self):
        return [self[name] for name in self.fields if name.startswith("dim_")]

    def other_fields(self):
        return [self[name] for name in self.fields if not name.startswith("dim_")]
