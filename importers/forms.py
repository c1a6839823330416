from pathlib import Path

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cms_pages.models import Theme
from reform.models import ReformBatchPage

ACCEPTED = (".xlsx", ".xlsm", ".xls", ".csv")


class DepartmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class BatchChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("部门事项表格"),
        help_text=_("Excel（.xlsx、.xls）或 CSV（UTF-8、GB18030），不超过 50 MB。"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED)}),
    )
    attachments = forms.FileField(
        label=_("附件压缩包（可选）"),
        required=False,
        help_text=_(
            "表格的【空白表格】【示例样表】【结果样本】列写的是文件名时，把这些文件打成一个 zip "
            "一起上传（按文件名查找，不看文件夹）；只接受 pdf、doc、docx、xls、xlsx、jpg、png、"
            "ofd、wps。"
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip"}),
    )
    department = DepartmentChoiceField(
        label=_("导入到部门"),
        queryset=None,
        required=False,
        empty_label=_("按表中的“实施主体”分派"),
        help_text=_(
            "选定部门后，表中其他部门的事项会被列为错误；文件中没有的本部门事项列为疑似撤销。"
        ),
    )
    publish = forms.BooleanField(
        label=_("确认后直接发布"),
        required=False,
        help_text=_("仅对有发布权限的部门有效；否则以草稿导入，再走审核流程。"),
    )
    batch = BatchChoiceField(
        label=_("加入改革批次"),
        queryset=None,
        required=False,
        empty_label=_("不加入批次"),
        help_text=_(
            "选定后，新增和变更的事项以草稿加入该批次（仍在组建、未提交审核的批次），"
            "随批次审核后一起发布，不单独发布。"
        ),
    )

    create_departments = forms.BooleanField(
        label=_("新建表中尚未建立的部门"),
        required=False,
        help_text=_("“实施主体”不是网站上已有部门的，预览中列出，确认后新建（含编辑组、审核组和"
                    "两级审核流程）。仅审改办可用。"),
    )  # fmt: skip

    def __init__(self, *args, departments, can_publish, batches, can_create_departments=False,
                 **kwargs):  # fmt: skip
        super().__init__(*args, **kwargs)
        if not can_create_departments:
            del self.fields["create_departments"]
        self.fields["department"].queryset = departments
        if departments.count() == 1:
            self.fields["department"].required = True
            self.fields["department"].initial = departments.first()
        if not can_publish:
            del self.fields["publish"]
        if batches.exists():
            self.fields["batch"].queryset = batches
        else:
            del self.fields["batch"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("batch") and cleaned.get("publish"):
            raise forms.ValidationError(
                _("加入改革批次的事项随批次一起发布，不能同时勾选“确认后直接发布”。")
            )
        return cleaned

    def clean_attachments(self):
        upload = self.cleaned_data.get("attachments")
        if not upload:
            return None
        cap = settings.IMPORTERS_LIMITS["max_bytes"]
        if upload.size > cap:
            raise forms.ValidationError(
                _("附件压缩包 %(size).1f MB，超过 %(cap)d MB 的上限。")
                % {"size": upload.size / 1048576, "cap": cap // 1048576}
            )
        if Path(upload.name).suffix.lower() != ".zip":
            raise forms.ValidationError(_("附件只接受 .zip 压缩包（不接受 rar、7z）。"))
        return upload

    def clean_file(self):
        upload = self.cleaned_data["file"]
        cap = settings.IMPORTERS_LIMITS["max_bytes"]
        if upload.size > cap:
            raise forms.ValidationError(
                _("文件大小 %(size).1f MB，超过 %(cap)d MB 的上限。")
                % {"size": upload.size / 1048576, "cap": cap // 1048576}
            )
        if Path(upload.name).suffix.lower() not in ACCEPTED:
            raise forms.ValidationError(_("只接受 .xlsx、.xls 和 .csv 文件。"))
        return upload


class ConfirmForm(forms.Form):
    apply_valid = forms.BooleanField(
        label=_("只导入无误的行"),
        required=False,
        help_text=_("不勾选时，只要有一行错误就什么也不写入。"),
    )
    publish = forms.BooleanField(label=_("直接发布"), required=False)

    def __init__(self, *args, has_errors, can_publish, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_errors:
            del self.fields["apply_valid"]
        if not can_publish:
            del self.fields["publish"]


class HeaderMapForm(forms.Form):
    """A select per header the importer did not recognise: which template column it is."""

    def __init__(self, *args, unknown, mapped, present, **kwargs):
        from spreadsheets.columns import COLUMNS

        super().__init__(*args, **kwargs)
        self.headers = list(unknown) + [h for h in mapped if h not in unknown]
        free = [c for c in COLUMNS if c not in present]
        for index, header in enumerate(self.headers):
            current = mapped.get(header)
            choices = [("", _("忽略此列"))] + [(c, c) for c in free]
            if current and current not in free:
                choices.append((current, current))
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=header, choices=choices, required=False, initial=current or ""
            )

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned.get(f"column_{i}") for i in range(len(self.headers))]
        taken = [c for c in chosen if c]
        if len(taken) != len(set(taken)):
            raise forms.ValidationError(_("同一列只能对应一个表头。"))
        return cleaned

    def mapping(self):
        return {h: self.cleaned_data[f"column_{i}"] or "" for i, h in enumerate(self.headers)}


class ExportForm(forms.Form):
    department = DepartmentChoiceField(label=_("部门"), queryset=None, required=False,
                                       empty_label=_("全部事项"))  # fmt: skip
    theme = forms.ModelChoiceField(label=_("主题"), queryset=Theme.objects.all(), required=False,
                                   empty_label=_("不限"))  # fmt: skip
    batch = BatchChoiceField(
        label=_("改革批次"), queryset=ReformBatchPage.objects.order_by("-number", "-pk"),
        required=False, empty_label=_("不限"),
        help_text=_("只导出该批次（按其最新版本）所列的事项。"),
    )  # fmt: skip
    file_format = forms.ChoiceField(label=_("格式"), choices=[("xlsx", "Excel（.xlsx）"),
                                                             ("csv", "CSV（UTF-8）")])  # fmt: skip

    def __init__(self, *args, departments, all_allowed, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        if not all_allowed:
            self.fields["department"].required = True
            self.fields["department"].initial = departments.first()
