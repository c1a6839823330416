"""A corpus of department spreadsheets as other hands write them, for the importer tests.

Not derived from the 青山市 sample: a fictional county 云溪县 (all bodies, codes, phones and
addresses invented; laws cited are real), three implementing bodies with their own habits —

- 应急管理局: material names with their own brackets, every national and provincial source
  and an unknown one, necessity as 必需/视情况提交/容缺受理, handlers and step times, a
  special step, a title with brackets (…许可（不带储存设施））, a `-` placeholder in 备注;
- 农业农村局: natural days, `乡（镇）人民政府初审`, a parallel stage with bracketed branch
  names, full-width digits in numeric cells, a phone written `+86 …`;
- 文化和旅游局: one-line material lists separated by ；, commas inside details, materials
  without details, an immediate matter with no visit.

`files()` writes the same catalogue as .xlsx (Excel-style shared strings, a merged title
and a 注 row), .xls (Excel 97) and GB18030 .csv; `rename_headers()` gives it the header
wordings of provincial templates. Run `python -m tests.importers.corpus DIR` to write the
files out for trying them in the admin.
"""

# Longer than ~400 lines because it is data: every habit of the three bodies in one place.

import copy
import csv
import io
import sys
from pathlib import Path

import xlwt
from openpyxl import Workbook

from spreadsheets.columns import COLUMNS

from .sheet_files import with_shared_strings

COUNTY = "云溪县"
DEPARTMENTS = {
    "yingji": f"{COUNTY}应急管理局",
    "nongye": f"{COUNTY}农业农村局",
    "wenlv": f"{COUNTY}文化和旅游局",
}
CREDIT_CODES = {
    "yingji": "11532329MB1Y00417K",
    "nongye": "11532329MB1Y00233N",
    "wenlv": "11532329MB1Y00581E",
}
PHONES = {"yingji": "0874-6120117", "nongye": "0874-6120338", "wenlv": "0874-6120562"}
CENTRE = "云溪县政务服务中心（云溪县滨河路66号）"
HOURS = "周一至周五 上午8:30-12:00，下午14:30-18:00（法定节假日除外）"


def code(department, catalogue):
    return f"{CREDIT_CODES[department]}-{catalogue}-0-01"


def matter(department, catalogue, **cells):
    row = {
        "实施编码": code(department, catalogue),
        "实施主体": DEPARTMENTS[department],
        "行使层级": "县级",
        "办件类型": "",
        "是否收费": "否",
        "收费标准": "不收费",
        "收费依据": "无",
        "办理地点": CENTRE,
        "办理时间": HOURS,
        "咨询电话": PHONES[department],
        "监督投诉电话": "0874-6120000；12345",
        "备注": "",
    }
    row.update(cells)
    promised = int(str(row["承诺办结时限"]).translate({0xFF10 + i: str(i) for i in range(10)}))
    row["办件类型"] = row["办件类型"] or ("即办件" if promised <= 1 else "承诺件")
    row.setdefault("是否网办", "是" if row["网办深度"] in ("三级", "四级") else "否")
    return row


MATTERS = [
    matter(
        "yingji",
        "010232001000",
        事项名称="危险化学品经营许可（不带储存设施）",
        事项类型="行政许可",
        承办机构="云溪县应急管理局危险化学品安全监督管理股",
        服务对象="法人",
        所属主题="准营准办;安全生产",
        设定依据="《危险化学品安全管理条例》第三十三条；《危险化学品经营许可证管理办法》第三条",
        受理条件="1. 有符合国家标准、行业标准的经营场所；\n"
        "2. 从业人员经过专业技术培训并经考核合格；\n3. 有健全的安全管理规章制度。",
        申请材料="1. 危险化学品经营许可证申请书（原件1份；必要；申请人自备）\n"
        "2. 营业执照（副本）（复印件1份；必要；调取电子证照库）\n"
        "3. 经营场所产权证明（不动产权证书、房屋所有权证或租赁合同）"
        "（复印件1份；必需；申请人自备）\n"
        "4. 安全评价报告（原件1份；必要；中介机构出具）\n"
        "5. 委托书（委托他人办理的）（原件1份；视情况提交；申请人自备）\n"
        "6. 主要负责人安全生产知识和管理能力考核合格证（复印件1份；容缺受理；政府部门核发）",
        办理流程="申请→受理（政务服务中心应急窗口，即时）→审查（危化股，5个工作日）→"
        "现场核查(3个工作日,计入时限)→决定（分管副局长，2个工作日）→"
        "送达（应急窗口，1个工作日）",
        法定办结时限=30,
        承诺办结时限=12,
        时限单位="工作日",
        办理结果="准予许可的，颁发危险化学品经营许可证。",
        结果名称="危险化学品经营许可证",
        到办事现场次数=1,
        必须现场办理原因="需现场核查经营场所安全条件。",
        网办深度="三级",
        办理窗口="综合受理区8号窗口",
        备注="-",
    ),  # fmt: skip
    matter(
        "yingji",
        "010232002000",
        事项名称="烟花爆竹经营（零售）许可",
        事项类型="行政许可",
        承办机构="云溪县应急管理局安全生产综合协调股",
        服务对象="自然人;法人",
        所属主题="准营准办",
        设定依据="《烟花爆竹安全管理条例》第十九条；《烟花爆竹经营许可实施办法》第十六条",
        受理条件="零售经营场所符合安全要求，主要负责人经过安全培训合格。",
        申请材料="1. 烟花爆竹经营（零售）许可证申请书（原件1份；必要；申请人自备）\n"
        "2. 零售经营场所平面布置图（原件1份；必要；申请人自备）\n"
        "3. 经营者身份证明（电子证照；必要；共享获取）\n"
        "4. 安全培训合格证明（复印件1份；非必要；其他）",
        办理流程="申请→受理（应急窗口，即时）→[场所核查（安全股，3个工作日）|"
        "消防（安全）审查（县消防救援大队，3个工作日）]→决定（局长，1个工作日）",
        法定办结时限=20,
        承诺办结时限=5,
        时限单位="工作日",
        办理结果="核发烟花爆竹经营（零售）许可证。",
        结果名称="烟花爆竹经营（零售）许可证",
        到办事现场次数=0,
        必须现场办理原因="",
        网办深度="四级",
        办理窗口="综合受理区8号窗口",
        咨询电话="+86 0874-6120117",
    ),  # fmt: skip
    matter(
        "yingji",
        "000732003000",
        事项名称="生产经营单位生产安全事故应急预案备案",
        事项类型="其他行政权力",
        承办机构="云溪县应急管理局应急救援股",
        服务对象="法人",
        所属主题="安全生产",
        设定依据="《生产安全事故应急条例》第七条",
        受理条件="预案已经评审或论证，并经本单位主要负责人签署。",
        申请材料="1. 应急预案备案申请表（原件1份；必要；申请人自备）\n"
        "2. 应急预案评审意见（原件1份；必要；中介机构出具）\n"
        "3. 风险评估结果和应急资源调查清单（电子文档；必要；乡（镇）安监站出具）",
        办理流程="申请→受理（应急窗口，即时）→备案审查（应急救援股，3个工作日）→出具备案登记表（1个工作日）",
        法定办结时限=20,
        承诺办结时限=5,
        时限单位="工作日",
        办理结果="出具应急预案备案登记表。",
        结果名称="生产经营单位生产安全事故应急预案备案登记表",
        到办事现场次数=0,
        必须现场办理原因="",
        网办深度="四级",
        办理窗口="综合受理区8号窗口",
    ),  # fmt: skip
    matter(
        "nongye",
        "010233001000",
        事项名称="农村村民宅基地审批",
        事项类型="行政许可",
        承办机构="云溪县农业农村局农村经营管理股",
        服务对象="自然人",
        所属主题="规划建设;住房保障",
        设定依据="《中华人民共和国土地管理法》第六十二条",
        受理条件="1. 本集体经济组织成员，以户为单位申请；\n2. 一户只能拥有一处宅基地。",
        申请材料="1. 农村宅基地和建房（规划许可）申请表（原件1份；必要；申请人自备）\n"
        "2. 户口簿（复印件1份；必要；政府部门核发）\n"
        "3. 村民小组会议记录（原件1份；必要；其他）",
        办理流程="申请→村民小组会议讨论（村民小组，5个自然日）→村级审查（村民委员会，５个自然日）→"
        "乡（镇）人民政府初审（乡镇人民政府，10个自然日）→公示(5个自然日,不计入时限)→"
        "审批（县农业农村局，10个自然日）",
        法定办结时限="３０",
        承诺办结时限="３０",
        时限单位="自然日",
        办理结果="核发农村宅基地批准书。",
        结果名称="农村宅基地批准书",
        到办事现场次数=2,
        必须现场办理原因="需实地丈量批放宅基地、开工查验。",
        网办深度="二级",
        办理窗口="乡（镇）便民服务中心",
        咨询电话="0874-6120338（工作日）",
    ),  # fmt: skip
    matter(
        "nongye",
        "010233002000",
        事项名称="兽药经营许可证核发",
        事项类型="行政许可",
        承办机构="云溪县农业农村局畜牧兽医股",
        服务对象="自然人;法人",
        所属主题="准营准办;农林牧渔",
        设定依据="《兽药管理条例》第二十二条",
        受理条件="有与所经营的兽药相适应的兽药技术人员、营业场所、设备和仓库设施。",
        申请材料="1. 兽药经营许可证申请表（原件1份；必要；申请人自备）\n"
        "2. 兽药技术人员资格证明（学历证书或职称证书）（复印件1份；必要；申请人自备）\n"
        "3. 营业场所、仓库设施的证明材料（复印件1份；必要；申请人自备）",
        办理流程="申请→受理（农业窗口，即时）→[资料审查（畜牧兽医股，5个工作日）|"
        "现场验收（验收组，8个工作日）]→决定（分管负责人，2个工作日）",
        法定办结时限=30,
        承诺办结时限=15,
        时限单位="工作日",
        办理结果="核发兽药经营许可证。",
        结果名称="兽药经营许可证",
        到办事现场次数=1,
        必须现场办理原因="需现场验收营业场所和仓库设施。",
        网办深度="三级",
        办理窗口="综合受理区12号窗口",
    ),  # fmt: skip
    matter(
        "wenlv",
        "010234001001",
        事项名称="娱乐场所从事娱乐场所经营活动审批（新办）",
        事项类型="行政许可",
        承办机构="云溪县文化和旅游局市场管理股",
        服务对象="法人",
        所属主题="准营准办;文体教育",
        设定依据="《娱乐场所管理条例》第九条；《娱乐场所管理办法》第八条",
        受理条件="符合娱乐场所设立条件，场所位置符合规定。",
        申请材料="申请书（原件1份，复印件1份；必要；申请人自备）；法定代表人身份证明（原件1份；必须；申请人自备）；"
        "场所平面图",
        办理流程="申请→受理（文旅窗口，即时）→审查（市场管理股，10个工作日）→听证(10个工作日,不计入时限)→决定（局长，2个工作日）",
        法定办结时限=20,
        承诺办结时限=12,
        时限单位="工作日",
        办理结果="核发娱乐经营许可证。",
        结果名称="娱乐经营许可证",
        到办事现场次数=1,
        必须现场办理原因="需核验场所实际情况。",
        网办深度="三级",
        办理窗口="综合受理区15号窗口",
    ),  # fmt: skip
    matter(
        "wenlv",
        "200234002000",
        事项名称="公共图书馆读者证办理",
        事项类型="公共服务",
        承办机构="云溪县图书馆",
        服务对象="自然人",
        所属主题="文化体育",
        设定依据="《中华人民共和国公共图书馆法》第三十三条",
        受理条件="持有效身份证件。",
        申请材料="居民身份证（原件1份，必要，申请人自备）",
        办理流程="申请→办理（图书馆服务台，即时）",
        法定办结时限=0,
        承诺办结时限=0,
        时限单位="工作日",
        办理结果="当场发放读者证。",
        结果名称="云溪县图书馆读者证",
        到办事现场次数=0,
        必须现场办理原因="",
        网办深度="四级",
        办理地点="云溪县图书馆一楼服务台",
        办理窗口="服务台",
        备注="@云溪县图书馆 微信公众号可在线办理",
    ),  # fmt: skip
]


def catalogue(departments=None):
    """The corpus rows (canonical column → cell), optionally only some departments'."""
    rows = [copy.deepcopy(r) for r in MATTERS]
    if departments:
        names = {DEPARTMENTS[d] for d in departments}
        rows = [r for r in rows if r["实施主体"] in names]
    for serial, row in enumerate(rows, start=1):
        row["序号"] = serial
    return rows


# Header wordings found in provincial templates, for the same columns.
HEADER_VARIANTS = {
    "实施编码": "实施清单编码",
    "事项名称": "事项名称（全称）",
    "事项类型": "权力类型",
    "实施主体": "实施机构",
    "承办机构": "承办处室",
    "服务对象": "办理对象",
    "所属主题": "主题分类",
    "设定依据": "办理依据",
    "受理条件": "申请条件",
    "申请材料": "申请材料清单",
    "办理流程": "办理流程（环节、办理人、时限）",
    "法定办结时限": "法定时限（工作日）",
    "承诺办结时限": "承诺时限（工作日）",
    "办理结果": "审批结果",
    "结果名称": "结果证照名称",
    "到办事现场次数": "到现场次数（次）",
    "必须现场办理原因": "必须到现场原因",
    "网办深度": "网上办理深度",
    "办理地点": "办理地址",
    "办理窗口": "受理窗口",
    "办理时间": "办公时间",
    "咨询电话": "咨询方式",
    "监督投诉电话": "监督投诉方式",
    "备注": "其他说明",
}


def rename_headers(header, variants=None):
    variants = HEADER_VARIANTS if variants is None else variants
    return [variants.get(h, h) for h in header]


def table(rows, columns=COLUMNS):
    """(header, rows of cells) in the given column order."""
    return list(columns), [[row.get(c, "") for c in columns] for row in rows]


TITLE = f"{COUNTY}政务服务事项实施清单（2026年版）"
NOTE = "注：1. 本清单由各实施机构于每年3月底前更新；2. 时限均为承诺时限。"


# The 办理环节 sheet: the homestead and veterinary-drug procedures one step per row.
STEP_HEADER = ["实施编码", "环节名称", "办理人", "办理时限", "并联分组", "特别程序"]
STEPS = {
    code("nongye", "010233001000"): [
        ["申请", "", "", "", ""],
        ["村民小组会议讨论", "村民小组", "5个自然日", "", ""],
        ["村级审查", "村民委员会", "５个自然日", "", ""],
        ["乡（镇）人民政府初审", "乡镇人民政府", "10个自然日", "", ""],
        ["公示", "", "5个自然日", "", "不计入时限"],
        ["审批", "县农业农村局", "10个自然日", "", ""],
    ],
    code("nongye", "010233002000"): [
        ["申请", "", "", "", ""],
        ["受理", "农业窗口", "即时", "", ""],
        ["资料审查", "畜牧兽医股", "5个工作日", "甲", ""],
        ["现场验收", "验收组", "8个工作日", "甲", ""],
        ["决定", "分管负责人", "2个工作日", "", ""],
    ],
}


def with_steps_sheet(rows):
    """The catalogue with the STEPS matters' 办理流程 cells left empty, and the steps rows."""
    rows = copy.deepcopy(rows)
    for row in rows:
        if row["实施编码"] in STEPS:
            row["办理流程"] = ""
    steps = [[c, *step] for c, matter_steps in STEPS.items() for step in matter_steps]
    return rows, steps


def xlsx(rows, header=None, formulas=None, steps=None):
    """Excel as departments save it: merged title, header, data, merged 注 row, shared
    strings. `formulas` ({(row index, column): formula}) writes real formula cells; `steps`
    adds a 办理环节 sheet."""
    columns, cells = table(rows)
    header = header or columns
    book = Workbook()
    sheet = book.active
    sheet.title = "实施清单"
    sheet.append([TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append(header)
    for row in cells:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # typed text, as Excel keeps it with a quote prefix
    for (index, column), formula in (formulas or {}).items():
        sheet.cell(index + 3, columns.index(column) + 1).value = formula
    last = len(cells) + 3
    sheet.cell(last, 1).value = NOTE
    sheet.merge_cells(start_row=last, start_column=1, end_row=last, end_column=len(header))
    if steps:
        step_sheet = book.create_sheet("办理环节")
        for row in [STEP_HEADER, *steps]:
            step_sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return with_shared_strings(buffer.getvalue())


def xls(rows, header=None, formulas=None, steps=None):
    """Excel 97-2003, numbers as numbers, a merged title row; formulas as real formulas."""
    columns, cells = table(rows)
    header = header or columns
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("实施清单")
    sheet.write_merge(0, 0, 0, len(header) - 1, TITLE)
    for c, name in enumerate(header):
        sheet.write(1, c, name)
    for r, row in enumerate(cells, start=2):
        for c, value in enumerate(row):
            formula = (formulas or {}).get((r - 2, columns[c]))
            sheet.write(r, c, xlwt.Formula(formula.lstrip("=")) if formula else value)
    if steps:
        step_sheet = book.add_sheet("办理环节")
        for r, row in enumerate([STEP_HEADER, *steps]):
            for c, value in enumerate(row):
                step_sheet.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def gb18030_csv(rows, header=None):
    columns, cells = table(rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header or columns)
    writer.writerows([["" if v is None else str(v) for v in row] for row in cells])
    return buffer.getvalue().encode("gb18030")


def files(rows=None, header=None):
    """{file name: bytes} of the catalogue in every format departments send."""
    rows = catalogue() if rows is None else rows
    return {
        "yunxi.xlsx": xlsx(rows, header),
        "yunxi.xls": xls(rows, header),
        "yunxi.gb18030.csv": gb18030_csv(rows, header),
    }


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "corpus")
    out.mkdir(parents=True, exist_ok=True)
    for name, data in files().items():
        (out / name).write_bytes(data)
    for name, data in files(header=rename_headers(COLUMNS)).items():
        (out / f"variants-{name}").write_bytes(data)
