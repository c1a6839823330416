"""The matter Resource: one django-import-export Field per spreadsheet column.

Parsing a row cleans every present column through its widget, then applies the rules that
span columns (promised ≤ statutory, a reason for visits, units). The canonical text of a
column is `widget.render(value)`; an import compares and hashes canonical texts, and an
export writes them, so export → import reports no change.
"""

import hashlib
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from import_export import resources
from import_export.fields import Field

from cms_pages.models import MatterPage
from cms_pages.service_rules import IMMEDIATE_KIND, offers_online_service
from cms_pages.taxonomy import LEVELS, MATTER_TYPES, TIME_UNITS
from spreadsheets.columns import COLUMNS, DEPARTMENT_COLUMN, KEY_COLUMN
from spreadsheets.text import normalise, number_text

from .attachment_cells import AttachmentWidget, MaterialAttachmentsField
from .cells import MAX_CELL_CHARS, CellError, parse_days
from .guide_cells import (
    parse_fee_items,
    parse_intermediary_services,
    render_fee_items,
    render_intermediary_services,
)
from .widgets import (
    CareTagsWidget,
    ChannelsWidget,
    ChildRowsWidget,
    ChoiceWidget,
    CodeWidget,
    DaysWidget,
    HandlingFormsWidget,
    HandlingKindWidget,
    IntegerWidget,
    LegalBasesWidget,
    MainItemWidget,
    MaterialsWidget,
    OnlineDepthWidget,
    OptionalDaysWidget,
    OptionalIntegerWidget,
    ProcedureWidget,
    ServiceObjectWidget,
    TextWidget,
    ThemesWidget,
    TimeUnitWidget,
    UrlWidget,
    YesNoWidget,
)

# Columns a new matter cannot do without (the model requires them).
# i18n: data
REQUIRED_FOR_NEW = [
    "事项名称", "事项类型", "服务对象", "行使层级", "承办机构", "受理条件", "法定办结时限",
    "承诺办结时限",
]  # fmt: skip
CHILD_ATTRIBUTES = ("materials", "legal_bases", "fee_items", "intermediary_services", "themes",
                    "care_tags")  # fmt: skip


def _text(attribute, column, required=False):
    max_length = getattr(MatterPage._meta.get_field(attribute), "max_length", None)
    return Field(attribute, column, TextWidget(max_length, required))


@dataclass
class ParsedRow:
    values: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    canonical: dict = field(default_factory=dict)
    digest: str = ""
    code: str = ""
    title: str = ""
    department_name: str = ""


# i18n: data (its fields are the national template's Chinese column names)
class MatterResource(resources.ModelResource):
    serial = Field(column_name="序号", readonly=True, dehydrate_method="dehydrate_serial")
    code = Field(
        "code", "实施编码", CodeWidget(MatterPage._meta.get_field("code").max_length, True)
    )
    title = _text("title", "事项名称", required=True)
    matter_type = Field("matter_type", "事项类型", ChoiceWidget(MATTER_TYPES))
    department = Field(column_name=DEPARTMENT_COLUMN, readonly=True,
                       dehydrate_method="dehydrate_department")  # fmt: skip
    handling_office = _text("handling_office", "承办机构", required=True)
    service_object = Field("service_object", "服务对象", ServiceObjectWidget())
    themes = Field("themes", "所属主题", ThemesWidget())
    level = Field("level", "行使层级", ChoiceWidget(LEVELS))
    legal_bases = Field("legal_bases", "设定依据", LegalBasesWidget())
    conditions = _text("conditions", "受理条件", required=True)
    materials = Field("materials", "申请材料", MaterialsWidget())
    procedure = Field("procedure", "办理流程", ProcedureWidget())
    statutory_days = Field("statutory_days", "法定办结时限", DaysWidget())
    promised_days = Field("promised_days", "承诺办结时限", DaysWidget())
    time_unit = Field("time_unit", "时限单位", TimeUnitWidget())
    handling_kind = Field("handling_kind", "办件类型", HandlingKindWidget())
    fee_charged = Field("fee_charged", "是否收费", YesNoWidget())
    fee_standard = _text("fee_standard", "收费标准")
    fee_basis = _text("fee_basis", "收费依据")
    result_description = _text("result_description", "办理结果")
    result_name = _text("result_name", "结果名称")
    visits = Field("visits", "到办事现场次数", IntegerWidget(maximum=9))
    visit_reason = _text("visit_reason", "必须现场办理原因")
    online = Field(column_name="是否网办", readonly=True, dehydrate_method="dehydrate_online")
    online_depth = Field("online_depth", "网办深度", OnlineDepthWidget())
    place = _text("place", "办理地点")
    window_text = _text("window_text", "办理窗口")
    hours = _text("hours", "办理时间")
    enquiry_phone = Field("enquiry_phone", "咨询电话", ChannelsWidget(300))
    complaint_phones = Field("complaint_phones", "监督投诉电话", ChannelsWidget(300))
    notes = _text("notes", "备注")
    online_url = Field("online_url", "网上办理地址", UrlWidget(500))
    handling_forms = Field("handling_forms", "办理形式", HandlingFormsWidget(60))
    service_scope = _text("service_scope", "通办范围")
    quantity_limit = _text("quantity_limit", "数量限制")
    intermediary_services = Field(
        "intermediary_services",
        "中介服务",
        ChildRowsWidget(
            "MatterIntermediaryService", parse_intermediary_services, render_intermediary_services
        ),
    )
    power_source = _text("power_source", "权力来源")
    joint_bodies = _text("joint_bodies", "联办机构")
    prohibitions = _text("prohibitions", "禁止性要求")
    fee_items = Field(
        "fee_items", "收费项目", ChildRowsWidget("MatterFeeItem", parse_fee_items, render_fee_items)
    )
    fee_waiver = _text("fee_waiver", "减免政策")
    main_item = Field("main_item", "主项名称", MainItemWidget())
    main_item_code = Field(
        column_name="基本编码", readonly=True, dehydrate_method="dehydrate_main_item_code"
    )
    blank_form_refs = MaterialAttachmentsField("blank_form_refs", "空白表格")
    sample_refs = MaterialAttachmentsField("sample_refs", "示例样表")
    result_sample_ref = Field("result_sample_ref", "结果样本", AttachmentWidget())
    care_tags = Field("care_tags", "特别关爱", CareTagsWidget())
    before_visits = Field("before_visits", "改革前到现场次数", OptionalIntegerWidget(maximum=9))
    before_steps = Field("before_steps", "改革前环节数", OptionalIntegerWidget(maximum=999))
    before_materials = Field("before_materials", "改革前材料数", OptionalIntegerWidget(maximum=999))
    before_statutory_days = Field(
        "before_statutory_days", "改革前法定办结时限", OptionalDaysWidget()
    )
    before_promised_days = Field("before_promised_days", "改革前承诺办结时限", OptionalDaysWidget())

    class Meta:
        model = MatterPage
        fields = (
            "serial", "code", "title", "matter_type", "department", "handling_office",
            "service_object", "themes", "level", "legal_bases", "conditions", "materials",
            "procedure", "statutory_days", "promised_days", "time_unit", "handling_kind",
            "fee_charged", "fee_standard", "fee_basis", "result_description", "result_name",
            "visits", "visit_reason", "online", "online_depth", "place", "window_text", "hours",
            "enquiry_phone", "complaint_phones", "notes", "online_url", "handling_forms",
            "service_scope", "quantity_limit", "intermediary_services", "power_source",
            "joint_bodies", "prohibitions", "fee_items", "fee_waiver", "main_item",
            "main_item_code", "blank_form_refs", "sample_refs", "result_sample_ref",
            "care_tags", "before_visits",
            "before_steps", "before_materials", "before_statutory_days", "before_promised_days",
        )  # fmt: skip
        export_order = fields
        import_id_fields = ("code",)
        skip_diff = True
        report_skipped = True
        clean_model_instances = False
        use_bulk = True
        batch_size = 200

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._serial = 0
        self._department_titles = {}
        self._stored = [f for f in self.get_export_fields() if f.attribute and not f.readonly]
        self.stored_columns = {f.column_name for f in self._stored}
        # What a row's raw fingerprint covers: stored columns and those read with them.
        # i18n: data
        self.hashed_columns = self.stored_columns | {"基本编码"}

    # -- columns ---------------------------------------------------------------------------

    def stored_fields(self):
        """Fields an import writes onto the matter, in column order."""
        return self._stored

    def field_for_column(self, column):
        return next(f for f in self.get_export_fields() if f.column_name == column)

    # -- import: one row -------------------------------------------------------------------

    def parse_row(self, row, units=None):
        """Clean every present column of `row` (canonical header → cell text)."""
        # i18n: data
        parsed = ParsedRow(
            code=number_text(row.get(KEY_COLUMN)),
            title=normalise(row.get("事项名称")),
            department_name=normalise(row.get(DEPARTMENT_COLUMN)),
        )
        for column, value in row.items():
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                parsed.errors[column] = _(
                    "内容有%(n_value)s个字符，超过单元格上限%(max_cell_chars)s个字符。"
                ) % {
                    "n_value": format(len(value), ","),
                    "max_cell_chars": format(MAX_CELL_CHARS, ","),
                }
        for f in self.stored_fields():
            if f.column_name not in row or f.column_name in parsed.errors:
                continue
            notes = []
            try:
                parsed.values[f.attribute] = f.clean(row, notes=notes)
            except CellError as error:
                parsed.errors[f.column_name] = str(error)
            parsed.notes.extend(f"【{f.column_name}】{note}" for note in notes)
        self._check_row(row, parsed, units or {})
        if not parsed.errors:
            for f in self.stored_fields():
                if f.attribute in parsed.values:
                    value = parsed.values[f.attribute]
                    parsed.canonical[f.column_name] = f.widget.render(value, obj=parsed.values)
            parsed.digest = digest(parsed.canonical)
        return parsed

    def _check_row(self, row, parsed, units):
        values, errors = parsed.values, parsed.errors
        self._check_units(row, parsed, units)
        statutory, promised = values.get("statutory_days"), values.get("promised_days")
        if statutory is not None and promised is not None and promised > statutory:
            message = _("承诺办结时限%(promised)s超过法定办结时限%(statutory)s。") % {
                "promised": promised,
                "statutory": statutory,
            }
            # i18n: data
            errors.setdefault("承诺办结时限", message)
        if values.get("visits", 0) >= 1 and "visit_reason" in values and not values["visit_reason"]:
            # i18n: data
            errors.setdefault("必须现场办理原因", _("到办事现场次数不为0时必须填写。"))
        if "fee_charged" in values:
            if values["fee_charged"]:
                if "fee_standard" in values and not values["fee_standard"]:
                    # i18n: data
                    errors.setdefault("收费标准", _("收费事项必须填写收费标准。"))
            else:
                # i18n: data
                values["fee_standard"] = values.get("fee_standard") or "不收费"
                values["fee_basis"] = ""
        kind = values.get("handling_kind")
        if kind == IMMEDIATE_KIND and promised:
            unit = values.get("time_unit") or TIME_UNITS[0]
            parsed.notes.append(
                _("【办件类型】即办件指当场办结，但承诺办结时限为%(promised)s个%(unit)s，请核对。")
                % {"promised": promised, "unit": unit}
            )
        # i18n: data
        online = normalise(row.get("是否网办"))
        depth = values.get("online_depth")
        # i18n: data
        if online and depth is not None and (online == "是") != offers_online_service(depth):
            parsed.notes.append(
                _("【是否网办】“%(online)s”与网办深度不符，以网办深度为准。") % {"online": online}
            )

    def _check_units(self, row, parsed, units):
        """Units may sit in the 时限单位 column, in a cell (`20个工作日`) or in a header note
        (承诺时限（工作日）). A cell must agree with the row's 时限单位; a header note is only
        a default for the column: where the row says otherwise, the row wins."""
        in_cells, in_headers = {}, {}
        # i18n: data
        for column in ("法定办结时限", "承诺办结时限"):
            if column in parsed.errors or column not in row:
                continue
            if unit := parse_days(row[column])[1]:
                in_cells[column] = unit
            elif unit := units.get(column):
                in_headers[column] = unit
        # i18n: data
        explicit = "time_unit" in parsed.values and normalise(row.get("时限单位"))
        if explicit:
            for column, unit in in_cells.items():
                if unit != explicit:
                    parsed.errors[column] = _(
                        "时限单位“%(unit)s”与【时限单位】列“%(explicit)s”不一致。"
                    ) % {"unit": unit, "explicit": explicit}
            for column, unit in in_headers.items():
                if unit != explicit:
                    parsed.notes.append(
                        _(
                            "【%(column)s】表头注明的单位是“%(unit)s”，本行【时限单位】为“%(explicit)s”，以本行为准。"
                        )
                        % {"column": column, "unit": unit, "explicit": explicit}
                    )
        # i18n: data
        elif "时限单位" not in parsed.errors:
            found = {**in_headers, **in_cells}
            if len(set(found.values())) > 1:
                # i18n: data
                parsed.errors["承诺办结时限"] = _("法定时限与承诺时限的单位不一致。")
            # i18n: data
            elif found or "时限单位" in row:
                parsed.values["time_unit"] = next(iter(found.values()), TIME_UNITS[0])

    def matter_values(self, row):
        """Parsed values of a row that must be valid (demo and benchmark loaders)."""
        parsed = self.parse_row(row)
        if parsed.errors:
            raise CellError("；".join(f"【{c}】{m}" for c, m in parsed.errors.items()))
        return parsed.values

    def missing_for_new(self, row_columns):
        return [c for c in REQUIRED_FOR_NEW if c not in row_columns]

    def canonical_of(self, matter, columns):
        """Canonical texts of a saved matter (latest content) for the given columns."""
        return {
            f.column_name: f.widget.render(f.get_value(matter), obj=matter)
            for f in self.stored_fields()
            if f.column_name in columns
        }

    # -- export ----------------------------------------------------------------------------

    def before_export(self, queryset, **kwargs):
        from cms_pages.models import DepartmentPage

        self._serial = 0
        self._department_titles = dict(DepartmentPage.objects.values_list("id", "title"))

    def iter_queryset(self, queryset):
        """Matters as editors see them: the latest revision when a draft is pending."""
        queryset = queryset.order_by("path").prefetch_related(*CHILD_ATTRIBUTES)
        for start in range(0, queryset.count(), 500):
            for matter in queryset[start : start + 500]:
                if matter.has_unpublished_changes and matter.latest_revision_id:
                    yield matter.get_latest_revision_as_object()
                else:
                    yield matter

    def export_field(self, field, instance, **kwargs):
        # Widgets that write in the matter's own terms (step times in its unit) need it.
        return super().export_field(field, instance, obj=instance, **kwargs)

    def dehydrate_main_item(self, matter):
        return matter.main_item.name if matter.main_item_id else ""

    def dehydrate_main_item_code(self, matter):
        return matter.main_item.code if matter.main_item_id else ""

    def dehydrate_serial(self, matter):
        self._serial += 1
        return str(self._serial)

    def dehydrate_department(self, matter):
        return self._department_titles.get(matter.department_id, "")

    def dehydrate_online(self, matter):
        # i18n: data
        return "是" if offers_online_service(matter.online_depth) else "否"

    def dehydrate_fee_basis(self, matter):
        # i18n: data
        return matter.fee_basis if matter.fee_charged else "无"


def digest(canonical):
    """SHA-256 of a row's canonical texts; equal digests mean equal imported content."""
    hasher = hashlib.sha256()
    for column in COLUMNS:
        if column in canonical:
            hasher.update(f"{column}\x1f{canonical[column]}\x1e".encode())
    return hasher.hexdigest()


def apply_values(matter, values):
    """Set parsed values on a MatterPage (unsaved, a page row or a revision's object). The
    result type is guessed from the result name for a new matter only: afterwards it is the
    editors' to set."""
    for attribute, value in values.items():
        setattr(matter, attribute, value)
    if "result_name" in values and matter.pk is None:
        matter.result_type = result_type(values["result_name"])
    return matter


def result_type(result_name):
    # i18n: data
    if not result_name or result_name == "无":
        # i18n: data
        return "无"
    # i18n: data
    if any(word in result_name for word in ("证", "照", "执照", "卡")):
        # i18n: data
        return "证照"
    # i18n: data
    if any(word in result_name for word in ("批复", "决定", "批准", "通知书")):
        # i18n: data
        return "批文"
    # i18n: data
    return "其他"
