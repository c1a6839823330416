"""Export matters (the whole catalogue, a department, a theme or a reform batch) with the
matter Resource, and the blank import template.

Every matter is exported as editors see it: its latest revision when a draft is pending,
else what is live. That is what an import compares a row with, so export → import reports
zero changes. A reform batch exports its members (as its latest revision lists them) the same
way: while it is assembled, a member's latest revision is the one in the batch; a member
changed since it joined (which would stop the release) is exported as it is now.

Text that a spreadsheet program would run as a formula is written as text
(spreadsheets.formulas); the reader undoes that, so an exported file imports back unchanged.
"""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from cms_pages.models import MatterPage
from spreadsheets.columns import COLUMNS
from spreadsheets.formulas import csv_safe, looks_like_formula, xlsx_cell

from .batches import member_ids
from .resources import MatterResource

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def matters_for(department=None, theme=None, batch=None):
    matters = MatterPage.objects.all()
    if batch is not None:
        matters = matters.filter(pk__in=member_ids(batch))
    if department is not None:
        matters = matters.filter(department=department)
    if theme is not None:
        matters = matters.filter(themes=theme).distinct()
    return matters


def export_matters(matters, file_format="xlsx"):
    """Bytes of an .xlsx or .csv with one row per matter, in template column order."""
    dataset = MatterResource().export(matters)
    rows = [list(row) for row in dataset]
    if file_format == "csv":
        return write_csv(dataset.headers, rows)
    return write_xlsx(dataset.headers, rows)


def write_csv(headers, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([csv_safe(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# i18n: data
def write_xlsx(headers, rows, sheet_title="事项清单", instructions=None):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title)
    sheet.freeze_panes = "C2"
    for index, header in enumerate(headers):
        # i18n: data
        width = 40 if header in ("受理条件", "申请材料", "办理流程", "设定依据") else 16
        sheet.column_dimensions[_letter(index)].width = width
    sheet.append([xlsx_cell(sheet, h, font=Font(bold=True), fill=HEADER_FILL) for h in headers])
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append([_xlsx_value(sheet, v, wrap) for v in row])
    if instructions:
        # i18n: data
        notes = workbook.create_sheet("填写说明")
        notes.column_dimensions["A"].width = 18
        notes.column_dimensions["B"].width = 100
        for line in instructions:
            notes.append([xlsx_cell(notes, v, alignment=wrap) for v in line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(sheet, value, wrap):
    """Plain numbers and one-line text go in as values (openpyxl writes them through one
    reused cell); only text that wraps or looks like a formula needs a cell of its own —
    a cell object for each of the whole catalogue's 600,000 cells took half its export."""
    if isinstance(value, str) and "\n" in value:
        return xlsx_cell(sheet, value, alignment=wrap)
    if (
        value is None
        or isinstance(value, int | float)
        or (isinstance(value, str) and not looks_like_formula(value))
    ):
        return value
    return xlsx_cell(sheet, value)


def _letter(index):
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


# i18n: data
EXAMPLE_ROW = {
    # 序号 is not a number, so the example is shown but never imported.
    "序号": "示例",
    "实施编码": "11379981MB15340631-010105999000-0-01",
    "事项名称": "有限责任公司设立登记",
    "事项类型": "行政许可",
    "实施主体": "青山市行政审批服务局",
    "承办机构": "青山市行政审批服务局市场准入科",
    "服务对象": "自然人;法人",
    "所属主题": "设立变更",
    "行使层级": "县级",
    "设定依据": "《中华人民共和国公司法》第二十九条；《中华人民共和国市场主体登记管理条例》第三条",
    "受理条件": "1. 由一个以上五十个以下股东出资设立；\n2. 有公司住所；\n"
    "3. 申请材料齐全、符合法定形式。",
    "申请材料": "1. 公司设立登记申请书（原件1份；必要；申请人自备）\n"
    "2. 公司章程（原件1份；必要；申请人自备）\n"
    "3. 股东的主体资格证明（电子证照；必要；调取电子证照库）",
    "办理流程": "申请→受理（企业开办专区，即时）→审核（市场准入科，1个工作日）"
    "→核准登记（分管负责人，即时）→发照",
    "法定办结时限": "3",
    "承诺办结时限": "1",
    "时限单位": "工作日",
    "办件类型": "即办件",
    "是否收费": "否",
    "收费标准": "不收费",
    "收费依据": "无",
    "办理结果": "准予登记的，核发营业执照。",
    "结果名称": "营业执照",
    "到办事现场次数": "0",
    "必须现场办理原因": "",
    "是否网办": "是",
    "网办深度": "四级",
    "办理地点": "青山市政务服务中心二楼企业开办专区",
    "办理窗口": "企业开办专区（A区1-6号窗口）",
    "办理时间": "周一至周五 9:00-12:00、13:30-17:00",
    "咨询电话": "0536-5551201",
    "监督投诉电话": "0536-5551299；12345",
    "备注": "",
    "网上办理地址": "https://zwfw.example.cn/qiye/kaiban",
    "办理形式": "窗口办理、网上办理、快递申请",
    "通办范围": "全市通办",
    "数量限制": "无数量限制",
    "中介服务": "无",
    "权力来源": "法定本级行使",
    "联办机构": "",
    "禁止性要求": "",
    "收费项目": "",
    "减免政策": "",
    "主项名称": "",
    "基本编码": "",
    "空白表格": "公司设立登记申请书：公司设立登记申请书.docx",
    "示例样表": "公司设立登记申请书：https://zwfw.example.cn/yangbiao/gongsi-sheli.pdf",
    "结果样本": "营业执照样本.pdf",
    "特别关爱": "",
    "改革前到现场次数": "2",
    "改革前环节数": "6",
    "改革前材料数": "5",
    "改革前法定办结时限": "20",
    "改革前承诺办结时限": "5",
}

# i18n: data
INSTRUCTIONS = [
    ("列", "填写规则"),
    (
        "通则",
        "第一行为表头，每个事项一行，序号填数字（序号为“示例”的行不会导入）；"
        "表头上方可以有标题行，末尾可以有“注：”说明行。"
        "实施编码是事项的唯一标识，导入时按它匹配已有事项：新编码新建事项，已有编码更新事项，"
        "文件中没有的已有事项只会被列为“疑似撤销”，不会被删除。",
    ),  # fmt: skip
    ("实施编码", "必填，全市唯一，发布后不要修改。"),
    ("事项名称", "必填；子项写在括号中，如“食品经营许可（新办）”。"),
    ("事项类型", "行政许可、行政确认、行政给付、行政奖励、行政裁决、其他行政权力、公共服务 之一。"),
    ("实施主体", "部门全称，须与网站上的部门名称一致。"),
    ("服务对象", "自然人、法人，或“自然人;法人”。"),
    (
        "所属主题",
        "国家主题目录中的名称，多个用“;”分隔；面向自然人的事项用个人主题，面向法人的用法人主题。",
    ),
    ("行使层级", "市级、县级 或 乡镇级。"),
    ("设定依据", "法律法规用“；”分隔，如“《中华人民共和国公司法》第二十九条”。"),
    (
        "申请材料",
        "每行一项：“序号. 名称（份数与形式；必要性；来源）”，如“营业执照（副本）（复印件1份；"
        "必要；申请人自备）”——名称可以带括号，最后一组括号写份数、必要性和来源，可省略。"
        "必要性：必要、非必要、容缺后补；来源：申请人自备、政府部门核发、中介机构出具、其他、"
        "调取电子证照库、共享获取。",
    ),  # fmt: skip
    (
        "办理流程",
        "环节用“→”连接，每个环节可注明办理人和时限，如“审查（审批科，3个工作日）”“受理（窗口，"
        "即时）”；并联审批写作“[分支|分支]”；特别程序写作“公示(7个自然日,不计入时限)”（半角括号"
        "和逗号）。环节很多时，可另建“办理环节”工作表（实施编码、环节名称、办理人、办理时限、"
        "并联分组、特别程序），表中本列留空。",
    ),  # fmt: skip
    (
        "办结时限",
        "法定办结时限、承诺办结时限填整数（可写“20个工作日”），承诺时限不能超过法定时限；"
        "0 表示当场办结。",
    ),  # fmt: skip
    ("时限单位", "工作日 或 自然日。"),
    ("是否收费", "是 或 否；收费的须填写收费标准和收费依据。"),
    ("到办事现场次数", "0、1 或 2；不为0时须填写必须现场办理原因。"),
    ("网办深度", "一级至四级，四级为全程网办。"),
    ("办件类型", "即办件（当场办结）、承诺件、联办件或上报件，按实际填写；留空按承诺时限推算。"),
    ("是否网办", "由网办深度推算，填写仅作核对。"),
    ("网上办理地址", "以 http:// 或 https:// 开头的网址；全程网办的事项，群众从这里申请。"),
    ("办理形式", "窗口办理、网上办理、快递申请、预约办理，多个用“、”分隔。"),
    ("中介服务", "每行一项：“名称（必要/非必要；收费说明）”；没有填“无”。"),
    ("收费项目", "每行一项：“项目：标准（依据：文件名称）”。"),
    (
        "咨询电话、监督投诉电话",
        "可列多个渠道，用“；”分隔，如“电话：…；窗口：…；网上：https://…；信函：…；邮箱：…”。",
    ),
    ("主项名称、基本编码", "同一主项的办理项（新办、变更、延续……）填同一主项名称和基本编码。"),
    (
        "空白表格、示例样表、结果样本",
        "填文件名或 http(s) 网址。文件打成一个 zip 压缩包随表格上传（后台“附件压缩包”，命令行"
        " --attachments），按文件名查找，不分大小写和全半角，不看文件夹；只接受 pdf、doc、docx、"
        "xls、xlsx、jpg、png、ofd、wps。空白表格、示例样表每行一项：“材料名称：文件名或网址”，"
        "材料名称与申请材料列一致（也可写其序号）；没写的材料保留后台已上传的文件。",
    ),  # fmt: skip
    ("特别关爱", "妇女、儿童、老年人、残疾人、特困人员、优抚对象，多个用“;”分隔；可不填。"),
    (
        "改革前……",
        "改革前到现场次数、环节数、材料数、法定和承诺办结时限（与本事项的时限单位相同），"
        "用于数据公开页的改革前后对比；不清楚的留空，不要填0。",
    ),
    ("公式与网页代码", "单元格内容一律按文字保存，不会被计算或执行。"),
]


def template_xlsx():
    return write_xlsx(COLUMNS, [[EXAMPLE_ROW[c] for c in COLUMNS]], instructions=INSTRUCTIONS)
