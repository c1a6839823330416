#!/usr/bin/env python3
"""Generate fictional sample data for the 青山市 政务服务 transparency portal.

青山市 is a fictional county-level city (县级市). Every body, address, phone
number, code and local rule named 《青山市…》 in the output is invented. The
national laws and regulations cited are real; an article number is given only
where its text was checked, and no document number (文号) is given anywhere.

Two modes:

  default        write the curated catalogue (38 matters, 13 bodies) as
                 departmental spreadsheets and CSV exports, three "最多跑一次"
                 batch lists and the "一件事" bundles, under ../data
                 (relative to this file) or --data-dir.

  --scale N      write a synthetic catalogue of N matters to --out (.xlsx or
                 .csv) for benchmarks: the curated matters first, then
                 replicas in an endless series of fictional places.

Needs Python 3.11+ and openpyxl (pip install openpyxl); nothing else.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import itertools
import random
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

COLUMNS = (
    "序号", "实施编码", "事项名称", "事项类型", "实施主体", "承办机构", "服务对象",
    "所属主题", "行使层级", "设定依据", "受理条件", "申请材料", "办理流程",
    "法定办结时限", "承诺办结时限", "时限单位", "办件类型", "是否收费", "收费标准",
    "收费依据", "办理结果", "结果名称", "到办事现场次数", "必须现场办理原因",
    "是否网办", "网办深度", "办理地点", "办理窗口", "办理时间", "咨询电话",
    "监督投诉电话", "备注",
    # The portal's own columns: 特别关爱 tags and the figures before the reform.
    "特别关爱", "改革前到现场次数", "改革前环节数", "改革前材料数", "改革前法定办结时限",
    "改革前承诺办结时限",
)

# Matter types with the two-digit type code used inside the catalogue code.
MATTER_TYPES = {
    "行政许可": "01", "行政给付": "05", "行政确认": "07", "行政奖励": "08",
    "行政裁决": "09", "其他行政权力": "10", "公共服务": "20",
}
AUDIENCES = ("自然人", "法人", "自然人;法人")
LEVELS = ("市级", "县级", "乡镇级")
DAY_UNITS = ("工作日", "自然日")
ONLINE_DEPTHS = ("一级", "二级", "三级", "四级")  # 四级 = 全程网办
NECESSITIES = ("必要", "非必要", "容缺后补")
SOURCES = ("申请人自备", "政府部门核发", "调取电子证照库")

# National life-event theme lists (面向自然人 / 面向法人).
NATURAL_THEMES = frozenset((
    "生育收养 户籍办理 民族宗教 教育科研 入伍服役 就业创业 设立变更 准营准办 "
    "抵押质押 职业资格 行政缴费 婚姻登记 优待抚恤 规划建设 住房保障 社会保障 "
    "证件办理 交通出行 旅游观光 出境入境 消费维权 公共安全 司法公证 知识产权 "
    "环保绿化 文化体育 公用事业 医疗卫生 离职退休 死亡殡葬 其他"
).split())
LEGAL_THEMES = frozenset((
    "设立变更 准营准办 资质认证 年检年审 税收财务 人力资源 社会保障 投资审批 "
    "融资信贷 抵押质押 商务贸易 招标拍卖 海关口岸 涉外服务 农林牧渔 国土和规划建设 "
    "交通运输 环保绿化 应对气候变化 水务气象 医疗卫生 科技创新 文体教育 知识产权 "
    "民族宗教 质量技术 检验检疫 安全生产 公安消防 司法公证 公用事业 法人注销 "
    "档案文物 其他"
).split())

SELF, ISSUED, E_LICENCE = SOURCES  # short names for the curated data below

# --------------------------------------------------------------------------
# Codes
# --------------------------------------------------------------------------

QINGSHAN_DIVISION = "379981"  # fictional: no such 行政区划代码 exists
CODE_SUFFIX = "0-01"           # 实施编码 tail; opaque

_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def org_check_char(base: str) -> str:
    """Check character of an 8-character organisation code (GB 11714)."""
    total = sum(int(c, 36) * w for c, w in zip(base, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def uscc(reg_type: str, division: str, org_base: str) -> str:
    """18-character unified social credit code with valid check characters (GB 32100)."""
    first17 = reg_type + division + org_base + org_check_char(org_base)
    total = sum(_USCC_CHARSET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return first17 + _USCC_CHARSET[(31 - total % 31) % 31]


# --------------------------------------------------------------------------
# Model
# --------------------------------------------------------------------------

CENTRE_STREET = "文昌路188号"


def centre(area: str) -> str:
    """A place inside the 青山市 administrative service centre."""
    return f"青山市政务服务中心{area}（青山市{CENTRE_STREET}）"


HOURS = "周一至周五 上午9:00-12:00，下午13:30-17:00（法定节假日除外）"
HOURS_SEASONAL = ("周一至周五 上午9:00-12:00；下午13:30-17:00，"
                  "5月1日至9月30日为14:00-17:30（法定节假日除外）")
HOURS_SATURDAY = "周一至周五 9:00-12:00、13:30-17:00；周六9:00-12:00延时服务（法定节假日除外）"
HOURS_ONLINE = "网上办理全天24小时受理；窗口办理：周一至周五 上午9:00-12:00，下午13:30-17:00（法定节假日除外）"
STANDARD_HOURS = (HOURS, HOURS_SEASONAL, HOURS_SATURDAY, HOURS_ONLINE)

CENTRE_SUPERVISION = "0536-5550100；12345"


@dataclass(frozen=True)
class Body:
    """An implementing body (实施主体) and its defaults for the matters it owns."""

    slug: str            # ASCII file name of its departmental spreadsheet
    name: str
    pattern: str         # its name in another place, e.g. "{place}民政局"
    reg_type: str        # USCC positions 1-2: 11 机关, 12 事业单位, 13 群团组织
    org_base: str        # 8 characters; the check character is computed
    dept_code: str       # 4 digits inside the catalogue code
    phone: str
    handler: str         # default 承办机构
    place: str           # default 办理地点
    window: str          # default 办理窗口
    hours: str = HOURS
    supervision: str = CENTRE_SUPERVISION
    level: str = "县级"
    division: str = QINGSHAN_DIVISION
    titled: bool = False             # workbook has a title row and a notes row
    csv_encoding: str | None = None  # also exported as CSV in this encoding

    @property
    def uscc(self) -> str:
        return uscc(self.reg_type, self.division, self.org_base)


@dataclass(frozen=True)
class Material:
    name: str
    form: str | None = "原件1份"   # None: written without the parenthesis
    need: str = "必要"
    source: str = SELF

    def __str__(self) -> str:
        if self.form is None:
            return self.name
        return f"{self.name}（{self.form}；{self.need}；{self.source}）"


def mat(name: str, form: str | None = "原件1份", need: str = "必要", source: str = SELF) -> Material:
    return Material(name, form, need, source)


def e_licence(name: str, need: str = "必要") -> Material:
    """A material the centre fetches from the electronic licence library."""
    return Material(name, "电子证照", need, E_LICENCE)


@dataclass(frozen=True)
class Fee:
    standard: str
    basis: str


@dataclass(frozen=True)
class Matter:
    """One 政务服务事项 as published: one spreadsheet row."""

    body: Body
    item: int                       # main item number within the body; stable
    name: str
    kind: str                       # 事项类型
    audience: str                   # 服务对象
    themes: tuple[str, ...]
    basis: str                      # 设定依据
    conditions: tuple[str, ...]     # 受理条件, one per item
    materials: tuple[Material, ...]
    flow: str                       # 办理流程, see parse_flow()
    legal_days: int                 # 0 = 当场办结
    promised_days: int
    result: str                     # 办理结果
    result_name: str
    online_depth: int               # 1-4
    visits: int = 0
    onsite_reason: str = ""
    day_unit: str = "工作日"
    fee: Fee | None = None
    handler: str = ""               # "" = the body's default; likewise below
    place: str = ""
    window: str = ""
    hours: str = ""
    phone: str = ""
    note: str = ""
    delegable: bool = False         # may be replicated at 乡镇级 by --scale
    sub: int = 0                    # sub-item number; 0 = the main item
    dept_code: str = ""             # "" = the body's; replicas keep the template's

    @property
    def code(self) -> str:
        catalogue = (MATTER_TYPES[self.kind] + (self.dept_code or self.body.dept_code)
                     + f"{self.item:03d}{self.sub:03d}")
        return f"{self.body.uscc}-{catalogue}-{CODE_SUFFIX}"

    @property
    def instant(self) -> bool:
        """即办件 (promised within one day) rather than 承诺件."""
        return self.promised_days <= 1

    def as_row(self, seq: int) -> list:
        """Cell values in COLUMNS order (ints for the numeric columns)."""
        b = self.body
        return [
            seq, self.code, self.name, self.kind, b.name, self.handler or b.handler,
            self.audience, ";".join(self.themes), b.level, self.basis,
            render_conditions(self.conditions),
            "\n".join(f"{i}. {m}" for i, m in enumerate(self.materials, 1)),
            timed_flow(self, self.handler or b.handler), self.legal_days, self.promised_days,
            self.day_unit,
            "即办件" if self.instant else "承诺件",
            "是" if self.fee else "否",
            self.fee.standard if self.fee else "不收费",
            self.fee.basis if self.fee else "无",
            self.result, self.result_name, self.visits, self.onsite_reason or None,
            "是" if self.online_depth >= 3 else "否", ONLINE_DEPTHS[self.online_depth - 1],
            self.place or b.place, self.window or b.window, self.hours or b.hours,
            self.phone or b.phone, b.supervision, self.note or None,
            ";".join(care_tags(self)) or None, *before_reform(self),
        ]


# 特别关爱 tags, read off the matter's name: (word in the name, tag).
CARE_TAGS = ("妇女", "儿童", "老年人", "残疾人", "特困人员", "优抚对象")
CARE_WORDS = (("老年", "老年人"), ("高龄", "老年人"), ("退休", "老年人"), ("残疾", "残疾人"),
              ("最低生活保障", "特困人员"), ("特困", "特困人员"), ("临时救助", "特困人员"),
              ("生育", "妇女"), ("生育", "儿童"), ("出生", "儿童"), ("收养", "儿童"),
              ("入学", "儿童"), ("优抚", "优抚对象"), ("退役军人", "优抚对象"))


def care_tags(m: "Matter") -> list[str]:
    found = {tag for word, tag in CARE_WORDS if word in m.name}
    return [tag for tag in CARE_TAGS if tag in found]


def before_reform(m: "Matter") -> tuple:
    """Plausible figures before the 最多跑一次 reform: visits, steps, materials, statutory and
    promised days. Matters still needing two visits were not reformed (all unknown).
    Deterministic per 实施编码."""
    if m.visits >= 2:
        return (None,) * 5
    rng = random.Random(m.code)
    return (
        min(m.visits + rng.choice((1, 1, 2)), 3),
        len(parse_flow(m.flow)) + rng.choice((1, 2, 2, 3)),
        len(m.materials) + rng.choice((1, 2, 3)),
        m.legal_days,
        max(m.promised_days, round(m.legal_days * rng.choice((0.8, 1.0)))),
    )


def render_conditions(items: tuple[str, ...]) -> str:
    if len(items) == 1:
        return items[0] + "。"
    last = len(items)
    return "\n".join(f"{i}. {text}{'。' if i == last else '；'}" for i, text in enumerate(items, 1))


# --------------------------------------------------------------------------
# Curated data: implementing bodies
# --------------------------------------------------------------------------
# Body(slug, name, pattern, reg_type, org_base, dept_code, phone, handler, place, window, ...)

SHENPI = Body(
    "xingzheng-shenpi", "青山市行政审批服务局", "{place}行政审批服务局", "11", "MB153406", "0105",
    "0536-5551201", "青山市行政审批服务局综合受理科", centre("二楼"),
    "综合受理窗口（A区1-12号）", supervision="0536-5551299；0536-5550100；12345", titled=True)
GONGAN = Body(
    "gongan", "青山市公安局", "{place}公安局", "11", "MB153411", "0201",
    "0536-5551301", "青山市公安局户政管理大队",
    centre("一楼公安综合服务区") + "；青山市各公安派出所户籍窗口", "公安综合窗口（C区1-6号）",
    hours=HOURS_SATURDAY)
MINZHENG = Body(
    "minzheng", "青山市民政局", "{place}民政局", "11", "MB153428", "0301",
    "0536-5551401", "青山市民政局社会救助科", centre("二楼社会事务区"),
    "社会事务综合窗口（B区8-10号）", titled=True, csv_encoding="utf-8-sig")
RENSHE = Body(
    "renshe", "青山市人力资源和社会保障局", "{place}人力资源和社会保障局", "11", "MB153435", "0401",
    "0536-5551501", "青山市社会保险事业中心", centre("三楼人社服务区"),
    "人社综合窗口（D区1-10号）", hours=HOURS_ONLINE, titled=True, csv_encoding="gb18030")
WEIJIAN = Body(
    "weijian", "青山市卫生健康委员会", "{place}卫生健康委员会", "11", "MB153442", "0501",
    "0536-5551601", "青山市卫生健康委员会人口监测与家庭发展科", centre("二楼卫生健康窗口"),
    "卫生健康窗口（B区15号）")
YIBAO = Body(
    "yibao", "青山市医疗保障局", "{place}医疗保障局", "11", "MB153459", "0502",
    "0536-5551701", "青山市医疗保障服务中心", centre("三楼医保服务区"),
    "医保综合窗口（D区11-16号）", hours=HOURS_ONLINE, titled=True, csv_encoding="utf-8")
GONGJIJIN = Body(
    "gongjijin", "青山市住房公积金管理中心", "{place}住房公积金管理中心", "12", "MB153466", "0601",
    "0536-5551801", "青山市住房公积金管理中心归集提取科", centre("四楼公积金服务区"),
    "公积金综合窗口（E区1-6号）", hours=HOURS_SEASONAL)
BUDONGCHAN = Body(
    "budongchan", "青山市不动产登记中心", "{place}不动产登记中心", "12", "MB153473", "0701",
    "0536-5551901", "青山市不动产登记中心登记科", centre("四楼不动产登记专区"),
    "不动产登记综合窗口（E区8-20号）", hours=HOURS_SATURDAY,
    supervision="0536-5551999；0536-5550100；12345", titled=True)
SHUIWU = Body(
    "shuiwu", "国家税务总局青山市税务局", "国家税务总局{place}税务局", "11", "MB153480", "0801",
    "0536-5552001", "国家税务总局青山市税务局办税服务厅", centre("一楼办税服务厅"),
    "综合办税窗口（F区1-12号）", hours=HOURS_ONLINE, supervision="0536-5552099；12366；12345")
SHICHANG = Body(
    "shichang-jianguan", "青山市市场监督管理局", "{place}市场监督管理局", "11", "MB153497", "0901",
    "0536-5552101", "青山市市场监督管理局特种设备安全监察科", centre("二楼"),
    "市场监管窗口（A区15号）")
JIAOYU = Body(
    "jiaoyu", "青山市教育局", "{place}教育局", "11", "MB153503", "1001",
    "0536-5552201", "青山市教育局基础教育科", "青山市教育局（青山市育才路26号）",
    "教育服务窗口", titled=True)
CANLIAN = Body(
    "canlian", "青山市残疾人联合会", "{place}残疾人联合会", "13", "MB153510", "1101",
    "0536-5552301", "青山市残疾人联合会组织联络部", centre("二楼残联服务窗口"),
    "残联服务窗口（B区17号）")
LIUQUAN = Body(
    "liuquan-zhen", "青山市柳泉镇人民政府", "{place}人民政府", "11", "MB153527", "8001",
    "0536-5552401", "青山市柳泉镇便民服务中心", "青山市柳泉镇便民服务中心（柳泉镇泉兴路9号）",
    "综合受理窗口（1-4号）", level="乡镇级", titled=True)

BODIES = (SHENPI, GONGAN, MINZHENG, RENSHE, WEIJIAN, YIBAO, GONGJIJIN, BUDONGCHAN,
          SHUIWU, SHICHANG, JIAOYU, CANLIAN, LIUQUAN)

# --------------------------------------------------------------------------
# Curated data: matters
# --------------------------------------------------------------------------

MATTERS: tuple[Matter, ...] = (
    # ---- 青山市行政审批服务局 (一枚印章管审批) ----
    Matter(
        body=SHENPI, item=1, name="有限责任公司设立登记", kind="行政许可",
        audience="自然人;法人", themes=("设立变更",),
        handler="青山市行政审批服务局市场准入科",
        basis="《中华人民共和国公司法》第二十九条；《中华人民共和国市场主体登记管理条例》第三条、第十九条",
        conditions=(
            "由一个以上五十个以下股东出资设立",
            "有符合规定的公司名称，并建立符合有限责任公司要求的组织机构",
            "有公司住所",
            "全体股东认缴的出资额由股东按照公司章程的规定自公司成立之日起五年内缴足",
            "申请材料齐全、符合法定形式",
        ),
        materials=(
            mat("公司设立登记申请书"),
            mat("公司章程"),
            e_licence("股东的主体资格证明或者自然人身份证明"),
            mat("法定代表人、董事、监事和经理的任职文件"),
            mat("住所使用相关文件", "复印件1份", need="容缺后补"),
            mat("指定代表或者共同委托代理人的证明", need="非必要"),
            mat("依法须经批准的项目的批准文件或者许可证件", "复印件1份", "非必要", ISSUED),
        ),
        flow="申请→受理→审核→核准登记→发照",
        legal_days=3, promised_days=1,
        result="准予登记的，核发营业执照，同步生成电子营业执照；不予登记的，出具登记驳回通知书并说明理由。",
        result_name="营业执照", visits=0, online_depth=4,
        place=centre("二楼企业开办专区"), window="企业开办专区（A区1-6号窗口）",
        hours=HOURS_SATURDAY, note="纸质营业执照可选择窗口领取或免费邮寄送达。",
    ),
    Matter(
        body=SHENPI, item=2, name="个体工商户设立登记", kind="行政许可",
        audience="自然人", themes=("设立变更",),
        handler="青山市行政审批服务局市场准入科",
        basis="《中华人民共和国市场主体登记管理条例》第三条、第十九条；《促进个体工商户发展条例》",
        conditions=(
            "申请人为有经营能力的自然人，可以个人经营，也可以家庭经营",
            "有经营场所",
            "申请登记的经营范围不属于法律、行政法规禁止进入的行业",
        ),
        materials=(
            mat("个体工商户登记申请书"),
            e_licence("经营者身份证明"),
            mat("经营场所使用相关文件", "复印件1份"),
            mat("委托代理人身份证明及授权委托书", need="非必要"),
        ),
        flow="申请→受理→审核→登记→发照",
        legal_days=3, promised_days=0,
        result="准予登记的，核发个体工商户营业执照；不予登记的，出具登记驳回通知书。",
        result_name="个体工商户营业执照", visits=0, online_depth=4,
        place=centre("二楼企业开办专区") + "；各镇（街道）便民服务中心",
        window="企业开办专区（A区1-6号窗口）", hours=HOURS_SATURDAY, delegable=True,
        note="个体工商户可以使用名称，也可以不使用名称。",
    ),
    Matter(
        body=SHENPI, item=3, name="食品经营许可（新办）", kind="行政许可",
        audience="自然人;法人", themes=("准营准办",),
        handler="青山市行政审批服务局社会事务审批科",
        basis="《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》",
        conditions=(
            "已依法取得营业执照等合法主体资格",
            "具有与经营的食品品种、数量相适应的食品原料处理和食品加工、销售、贮存等场所，"
            "并与有毒、有害场所以及其他污染源保持规定的距离",
            "具有与经营的食品品种、数量相适应的经营设备或者设施",
            "有专职或者兼职的食品安全管理人员和保证食品安全的规章制度",
            "具有合理的设备布局和工艺流程，防止待加工食品与直接入口食品、原料与成品交叉污染",
        ),
        materials=(
            mat("食品经营许可申请书"),
            e_licence("营业执照"),
            e_licence("法定代表人或者负责人身份证明"),
            mat("经营场所平面图和设备布局、操作流程说明"),
            mat("保证食品安全的规章制度文本"),
            mat("食品安全管理人员健康证明", "复印件1份", need="容缺后补"),
            mat("授权委托书及代理人身份证明", need="非必要"),
        ),
        flow="申请→受理→材料审查→现场核查(5个工作日,不计入时限)→决定→制证送达",
        legal_days=10, promised_days=3,
        result="准予许可的，颁发《食品经营许可证》，有效期5年；不予许可的，出具《不予行政许可决定书》并说明理由。",
        result_name="食品经营许可证", visits=0, online_depth=4,
        note="仅销售预包装食品的，实行备案管理，无需申请许可。现场核查由审批人员到经营场所进行，申请人无需到窗口。",
    ),
    Matter(
        body=SHENPI, item=4, name="建筑工程施工许可证核发", kind="行政许可",
        audience="法人", themes=("国土和规划建设", "投资审批"),
        handler="青山市行政审批服务局工程建设项目审批科",
        basis="《中华人民共和国建筑法》第七条、第八条；《建筑工程施工许可管理办法》",
        conditions=(
            "已经办理该建筑工程用地批准手续",
            "依法应当办理建设工程规划许可证的，已经取得建设工程规划许可证",
            "需要拆迁的，其拆迁进度符合施工要求",
            "已经确定建筑施工企业",
            "有满足施工需要的资金安排、施工图纸及技术资料",
            "有保证工程质量和安全的具体措施",
        ),
        materials=(
            mat("建筑工程施工许可证申请表"),
            e_licence("不动产权证书或者其他用地批准文件"),
            e_licence("建设工程规划许可证"),
            mat("施工合同", "复印件1份"),
            mat("施工图设计文件审查合格意见", "电子文件1份", source=ISSUED),
            mat("建设资金安排承诺书"),
            mat("保证工程质量和安全的具体措施"),
            mat("授权委托书", need="非必要"),
        ),
        flow="申请→受理→[施工许可审查|工程质量监督登记|安全生产监督登记]→决定→送达",
        legal_days=7, promised_days=3,
        result="符合条件的，核发《建筑工程施工许可证》；不符合条件的，书面告知理由。",
        result_name="建筑工程施工许可证", visits=0, online_depth=4,
        place=centre("二楼工程建设项目审批专区"), window="工程建设项目综合窗口（A区20-24号）",
        note="工程投资额在30万元以下或者建筑面积在300平方米以下的建筑工程，可以不申请办理施工许可证。",
    ),
    Matter(
        body=SHENPI, item=5, name="建设工程规划许可证核发", kind="行政许可",
        audience="自然人;法人", themes=("规划建设", "国土和规划建设"),
        handler="青山市行政审批服务局工程建设项目审批科",
        basis="《中华人民共和国城乡规划法》第四十条",
        conditions=(
            "已依法取得建设项目用地，持有国有土地使用权出让合同、划拨决定书或者不动产权证书",
            "建设工程设计方案符合控制性详细规划和规划条件",
            "涉及人防工程、市政配套的，已按要求编制相应内容",
        ),
        materials=(
            mat("建设工程规划许可证申请表"),
            e_licence("不动产权证书或者土地出让合同、划拨决定书"),
            mat("建设工程设计方案文本及图纸", "原件2份，电子文件1份"),
            mat("规划条件", "复印件1份", source=ISSUED),
            mat("总平面图", "原件2份"),
            mat("授权委托书", need="非必要"),
        ),
        flow=("申请→受理→[规划方案审查|人防工程审查|市政配套审查]→批前公示(7个自然日,不计入时限)"
              "→听证(10个工作日,不计入时限)→决定→送达"),
        legal_days=20, promised_days=10,
        result="符合规划要求的，核发《建设工程规划许可证》及附图、附件；不符合的，书面告知理由。",
        result_name="建设工程规划许可证", visits=1,
        onsite_reason="设计方案纸质文本须加盖设计单位出图专用章，并在窗口核验与电子文件一致后方可受理。",
        online_depth=3,
        place=centre("二楼工程建设项目审批专区"), window="工程建设项目综合窗口（A区20-24号）",
        note="批前公示期间利害关系人申请听证的，依法组织听证；公示、听证时间不计入办理时限。",
    ),
    Matter(
        body=SHENPI, item=6, name="药品零售企业经营许可（新办）", kind="行政许可",
        audience="法人", themes=("准营准办", "医疗卫生"),
        handler="青山市行政审批服务局社会事务审批科",
        basis="《中华人民共和国药品管理法》第五十一条、第五十二条；《药品经营和使用质量监督管理办法》",
        conditions=(
            "有依法经过资格认定的药师或者其他药学技术人员",
            "有与所经营药品相适应的营业场所、设备、仓储设施和卫生环境",
            "有与所经营药品相适应的质量管理机构或者人员",
            "有保证药品质量的规章制度，并符合药品经营质量管理规范要求",
        ),
        materials=(
            mat("药品经营许可证申请表"),
            e_licence("营业执照"),
            mat("企业负责人、质量负责人身份证明及学历、执业资格证明", "复印件1份"),
            e_licence("执业药师注册证"),
            mat("营业场所、仓库平面布置图及房屋产权或者使用权证明", "复印件1份"),
            mat("药品质量管理文件及主要设施设备目录"),
            mat("授权委托书", need="非必要"),
        ),
        flow="申请→受理→材料审查→现场检查(10个工作日,不计入时限)→决定→发证",
        legal_days=20, promised_days=10,
        result="准予许可的，核发《药品经营许可证》，有效期5年；不予许可的，书面说明理由。",
        result_name="药品经营许可证", visits=0, online_depth=4,
    ),
    Matter(
        body=SHENPI, item=7, name="医疗机构执业登记（新办）", kind="行政许可",
        audience="法人", themes=("准营准办", "医疗卫生"),
        handler="青山市行政审批服务局社会事务审批科",
        basis="《医疗机构管理条例》；《医疗机构管理条例实施细则》",
        conditions=(
            "按照规定应当办理设置审批的，已取得设置医疗机构批准书",
            "符合医疗机构的基本标准",
            "有适合的名称、组织机构和场所",
            "有与其开展的业务相适应的经费、设施、设备和专业卫生技术人员",
            "有相应的规章制度",
            "能够独立承担民事责任",
        ),
        materials=(
            mat("医疗机构申请执业登记注册书"),
            mat("设置医疗机构批准书", "复印件1份", "非必要", ISSUED),
            mat("医疗机构用房产权证明或者使用证明", "复印件1份"),
            mat("医疗机构建筑设计平面图"),
            mat("医疗机构规章制度"),
            mat("医疗机构负责人及各科室负责人名录和资格证书、执业证书", "复印件1份"),
            mat("放射诊疗许可证", "复印件1份", "非必要", ISSUED),
        ),
        flow="申请→受理→材料审查→现场审查(10个工作日,不计入时限)→专家评审(5个工作日,不计入时限)→决定→发证",
        legal_days=45, promised_days=20,
        result="审核合格的，核发《医疗机构执业许可证》；审核不合格的，书面告知理由。",
        result_name="医疗机构执业许可证", visits=1,
        onsite_reason="需现场提交医疗机构建筑设计平面图等纸质图件，并核验医务人员资格证书、执业证书原件。",
        online_depth=3,
    ),
    Matter(
        body=SHENPI, item=8, name="道路货物运输经营许可（新办）", kind="行政许可",
        audience="自然人;法人", themes=("准营准办", "交通运输"),
        handler="青山市行政审批服务局交通运输审批科",
        basis="《中华人民共和国道路运输条例》；《道路货物运输及站场管理规定》",
        conditions=(
            "有与其经营业务相适应并经检测合格的车辆",
            "有符合规定条件的驾驶人员，取得相应的机动车驾驶证和道路货物运输从业资格证",
            "有健全的安全生产管理制度",
        ),
        materials=(
            mat("道路货物运输经营申请表"),
            e_licence("负责人身份证明"),
            mat("拟投入运输车辆承诺书"),
            mat("驾驶人员的机动车驾驶证、从业资格证", "复印件1份"),
            mat("安全生产管理制度文本"),
            mat("授权委托书", need="非必要"),
        ),
        flow="申请→受理→审查→决定→发证",
        legal_days=20, promised_days=5,
        result="准予许可的，核发《道路运输经营许可证》；不予许可的，书面告知理由。",
        result_name="道路运输经营许可证", visits=0, online_depth=4,
        note="使用总质量4500千克及以下普通货运车辆从事普通货运经营的，无需申请取得道路运输经营许可证。",
    ),
    Matter(
        body=SHENPI, item=9, name="建设项目环境影响报告表审批", kind="行政许可",
        audience="法人", themes=("环保绿化", "投资审批"),
        handler="青山市行政审批服务局生态环境审批科",
        basis="《中华人民共和国环境影响评价法》第二十二条；《建设项目环境保护管理条例》",
        conditions=(
            "建设项目类型及其选址、布局、规模等符合环境保护法律法规和相关法定规划",
            "所在区域环境质量满足相应功能区要求，或者已采取必要的削减措施",
            "拟采取的污染防治措施能确保污染物排放达到国家和地方排放标准",
            "环境影响报告表内容完整，评价结论明确",
        ),
        materials=(
            mat("建设项目环境影响报告表审批申请书"),
            mat("建设项目环境影响报告表", "原件2份，电子文件1份"),
            mat("环境影响报告表公开版本", "电子文件1份"),
            mat("删除涉及国家秘密、商业秘密等内容的说明", need="非必要"),
            mat("项目审批、核准或者备案文件", "复印件1份", source=ISSUED),
            mat("授权委托书", need="非必要"),
        ),
        flow=("申请→受理→受理公示(5个工作日,计入时限)→专家评审(10个工作日,不计入时限)"
              "→拟审批公示(5个工作日,不计入时限)→决定→送达"),
        legal_days=30, promised_days=15,
        result="作出批准或者不予批准的决定，出具建设项目环境影响报告表批复，并在政府网站公开。",
        result_name="建设项目环境影响报告表批复", visits=0, online_depth=4,
    ),

    # ---- 青山市公安局 ----
    Matter(
        body=GONGAN, item=1, name="居民身份证换领", kind="行政确认",
        audience="自然人", themes=("证件办理",),
        basis="《中华人民共和国居民身份证法》",
        conditions=(
            "居民身份证有效期满或者即将期满，可在有效期满前三个月内申请",
            "公民姓名等登记项目变更，或者登记内容有误需要更正",
            "证件严重损坏不能辨认",
        ),
        materials=(
            mat("原居民身份证"),
            mat("居民户口簿", need="非必要"),
            mat("符合标准的数码相片或者相片回执", "电子文件1份"),
            mat("未满十六周岁的，监护人身份证明", need="非必要"),
        ),
        flow="申请→受理→人像和指纹采集→审核→制证→发证",
        legal_days=60, promised_days=15, day_unit="自然日",
        fee=Fee("换领居民身份证工本费每证20元；补领每证40元；临时居民身份证每证10元。"
                "城市中领取最低生活保障金的居民、农村中有特殊生活困难的居民初次申领和换领时免收工本费。",
                "《中华人民共和国居民身份证法》；《国家发展改革委、财政部关于居民身份证收费标准及有关问题的通知》"),
        result="审核通过的，制发居民身份证，申请人可选择窗口领取或者邮寄送达。",
        result_name="居民身份证", visits=1,
        onsite_reason="申领居民身份证须本人到场采集人像和指纹信息并核验身份，不能委托他人代办。",
        online_depth=3, note="支持异地换领；网上预约后可优先办理。",
    ),
    Matter(
        body=GONGAN, item=2, name="户口迁入登记", kind="行政确认",
        audience="自然人", themes=("户籍办理",),
        basis="《中华人民共和国户口登记条例》第十条、第十三条",
        conditions=(
            "在青山市城区或者镇区有合法稳定住所（含租赁）的人员，本人及其共同居住生活的配偶、子女、父母",
            "在青山市参加城镇职工社会保险的就业人员",
            "夫妻投靠、父母投靠子女、未成年子女投靠父母",
            "全日制大中专院校毕业生",
        ),
        materials=(
            mat("户口迁移申请表"),
            mat("居民户口簿"),
            mat("居民身份证"),
            e_licence("合法稳定住所证明", need="容缺后补"),
            mat("结婚证、出生医学证明等亲属关系证明", need="非必要"),
        ),
        flow="申请→受理→审核→准予迁入→迁出地网上办理迁出→迁入登记",
        legal_days=20, promised_days=5,
        result="准予迁入的，办理迁入登记，签发或者签注居民户口簿；不予迁入的，书面告知理由。",
        result_name="居民户口簿", visits=1,
        onsite_reason="需本人携带居民户口簿原件到场核验，并在户口簿上签注迁入信息。",
        online_depth=3,
        note="符合受理条件所列情形之一即可申请；实行迁入地“一站式”办理，申请人无需往返迁出地。",
    ),
    Matter(
        body=GONGAN, item=3, name="出生登记", kind="行政确认",
        audience="自然人", themes=("户籍办理", "生育收养"),
        basis="《中华人民共和国户口登记条例》第七条",
        conditions=(
            "新生儿随父亲或者母亲一方在青山市申报常住户口",
            "一般应当在婴儿出生后一个月以内申报",
        ),
        materials=(
            e_licence("出生医学证明"),
            mat("父母双方居民户口簿"),
            e_licence("父母双方居民身份证"),
            e_licence("父母结婚证", need="非必要"),
        ),
        flow="申请→受理→审核→登记→发放户口簿",
        legal_days=1, promised_days=0,
        result="办理出生登记，在居民户口簿上增加新生儿户口页。",
        result_name="居民户口簿", visits=0, online_depth=4,
        note="可通过“新生儿出生一件事”联办，户口簿可邮寄送达。",
    ),
    Matter(
        body=GONGAN, item=4, name="养犬登记", kind="行政许可",
        audience="自然人;法人", themes=("公共安全", "其他"),
        handler="青山市公安局治安管理大队",
        basis="《中华人民共和国动物防疫法》第三十条；《青山市养犬管理办法》",
        conditions=(
            "申请人为在青山市有固定住所的完全民事行为能力人，或者依法设立的单位",
            "犬只已按照规定接种狂犬病疫苗并植入电子标识",
            "犬只不属于重点管理区内禁止饲养的犬只品种",
            "个人在重点管理区内每户限养一只犬",
        ),
        materials=(
            mat("养犬登记申请表"),
            e_licence("养犬人身份证明"),
            mat("狂犬病免疫证明"),
            mat("犬只正面、侧面彩色照片", "电子文件2张"),
            mat("住所证明材料", "复印件1份", need="非必要"),
        ),
        flow="申请→受理→审核→登记→发放犬牌",
        legal_days=10, promised_days=3,
        result="准予登记的，核发养犬登记证和犬牌；不予登记的，书面告知理由。",
        result_name="养犬登记证", visits=1,
        onsite_reason="首次登记需携带犬只到指定动物诊疗机构植入电子标识，并由工作人员现场核对犬只信息。",
        online_depth=3,
        place=centre("一楼公安综合服务区") + "；青山市各公安派出所",
        note="养犬登记证有效期1年，期满前30日内办理年审。",
    ),
    Matter(
        body=GONGAN, item=5, name="机动车驾驶证补领", kind="行政许可",
        audience="自然人", themes=("交通出行", "证件办理"),
        handler="青山市公安局交通警察大队车辆管理所",
        basis="《中华人民共和国道路交通安全法》第十九条；《机动车驾驶证申领和使用规定》",
        conditions=(
            "机动车驾驶证遗失或者损毁无法辨认",
            "机动车驾驶证在有效期内，且未处于被扣押、扣留、暂扣状态",
        ),
        materials=(
            e_licence("机动车驾驶人身份证明"),
            mat("机动车驾驶证申请表", "在线填写"),
            mat("近期免冠彩色照片", "电子文件1份"),
            mat("损毁的原机动车驾驶证", need="非必要"),
        ),
        flow="申请→受理→审核→制证→发证",
        legal_days=1, promised_days=0,
        fee=Fee("机动车驾驶证工本费每证10元。",
                "《中华人民共和国道路交通安全法》；"
                "《国家发展改革委 财政部关于加强和规范机动车牌证工本费等收费标准管理有关问题的通知》"),
        result="当日补发机动车驾驶证，可窗口领取或者邮寄送达。",
        result_name="机动车驾驶证", visits=0, online_depth=4,
        place="青山市公安局交通警察大队车辆管理所（青山市东环路66号）；青山市政务服务中心一楼交管窗口",
        window="驾驶证业务窗口（1-4号）", phone="0536-5551322",
        note="可通过公安交通管理互联网服务平台在线申请，新证邮寄到家。",
    ),

    # ---- 青山市民政局 ----
    Matter(
        body=MINZHENG, item=1, name="内地居民结婚登记", kind="行政确认",
        audience="自然人", themes=("婚姻登记",),
        handler="青山市民政局婚姻登记处",
        basis="《中华人民共和国民法典》第一千零四十六条至第一千零四十九条；《婚姻登记条例》",
        conditions=(
            "男女双方完全自愿",
            "男方年满二十二周岁，女方年满二十周岁",
            "双方均无配偶",
            "双方不是直系血亲或者三代以内的旁系血亲",
            "双方亲自到婚姻登记机关申请",
        ),
        materials=(
            mat("本人有效居民身份证"),
            mat("本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明", "现场签署"),
            mat("双方近期半身免冠合影2寸彩色照片", "原件3张"),
            mat("本人居民户口簿", need="非必要"),
        ),
        flow="预约→申请→受理→审查→登记→颁证",
        legal_days=0, promised_days=0,
        result="符合结婚条件的，当场予以登记，发给结婚证；不符合的，不予登记并说明理由。",
        result_name="结婚证", visits=1,
        onsite_reason="依据《中华人民共和国民法典》第一千零四十九条，要求结婚的男女双方应当亲自到婚姻登记机关申请结婚登记。",
        online_depth=2,
        place="青山市婚姻登记处（青山市政务服务中心一楼东侧）", window="结婚登记窗口（1-3号）",
        hours=HOURS + "；“5·20”“七夕”等特殊日期逢周末另行公告开放",
        phone="0536-5551408", note="可通过青山市政务服务网预约登记时段；提供免费颁证服务。",
    ),
    Matter(
        body=MINZHENG, item=2, name="内地居民离婚登记", kind="行政确认",
        audience="自然人", themes=("婚姻登记",),
        handler="青山市民政局婚姻登记处",
        basis="《中华人民共和国民法典》第一千零七十六条、第一千零七十七条、第一千零七十八条；《婚姻登记条例》",
        conditions=(
            "双方自愿离婚，均具有完全民事行为能力",
            "双方已签订书面离婚协议，对子女抚养、财产以及债务处理等事项协商一致",
            "双方亲自到婚姻登记机关申请",
        ),
        materials=(
            mat("本人有效居民身份证"),
            mat("结婚证"),
            mat("双方共同签署的离婚协议书", "原件3份"),
            mat("双方近期半身免冠单人2寸彩色照片", "原件各2张"),
            mat("本人居民户口簿", need="非必要"),
        ),
        flow="申请→受理→离婚冷静期(30个自然日,不计入时限)→双方申请发证→审查→登记发证",
        legal_days=0, promised_days=0,
        result="冷静期届满后三十日内双方共同到场申请且符合条件的，予以登记，发给离婚证；"
               "期满未申请的，视为撤回离婚登记申请。",
        result_name="离婚证", visits=2,
        onsite_reason="依据《中华人民共和国民法典》第一千零七十六条、第一千零七十七条，双方须亲自到场提交离婚登记申请，"
                      "并在三十日离婚冷静期届满后三十日内再次共同到场申请发给离婚证。",
        online_depth=2,
        place="青山市婚姻登记处（青山市政务服务中心一楼东侧）", window="离婚登记窗口（4号）",
        phone="0536-5551408",
        note="离婚冷静期内任何一方不愿意离婚的，可以向婚姻登记机关撤回离婚登记申请。",
    ),
    Matter(
        body=MINZHENG, item=3, name="最低生活保障审批", kind="行政给付",
        audience="自然人", themes=("社会保障",),
        basis="《社会救助暂行办法》第九条、第十一条",
        conditions=(
            "共同生活的家庭成员具有青山市户籍",
            "共同生活的家庭成员人均月收入低于青山市最低生活保障标准",
            "家庭财产状况符合青山市最低生活保障家庭财产认定规定",
        ),
        materials=(
            mat("最低生活保障申请书"),
            e_licence("共同生活家庭成员居民身份证、户口簿"),
            mat("家庭经济状况核对授权书"),
            mat("家庭收入及财产状况申报表"),
            mat("残疾人证、病历等特殊情况证明材料", "复印件1份", need="非必要"),
            mat("申请人认为需要提供的其他证明材料", form=None),
        ),
        flow=("申请→受理→[入户调查|家庭经济状况信息核对]→镇级审核→审核公示(7个自然日,不计入时限)"
              "→审批→资金发放"),
        legal_days=30, promised_days=20,
        result="符合条件的，批准给予最低生活保障，按月将低保金发放至申请人社会保障卡银行账户；不符合条件的，书面告知理由。",
        result_name="最低生活保障审批决定", visits=1,
        onsite_reason="需申请人现场签署家庭经济状况核对授权书，并配合工作人员入户调查核实家庭情况。",
        online_depth=3, delegable=True,
        place="户籍所在地镇（街道）便民服务中心；" + centre("二楼社会事务区"),
        note="申请有困难的，可委托村（居）民委员会代为提出申请。",
    ),
    Matter(
        body=MINZHENG, item=4, name="80周岁以上老年人高龄津贴申领", kind="行政给付",
        audience="自然人", themes=("社会保障",),
        handler="青山市民政局养老服务科",
        basis="《中华人民共和国老年人权益保障法》；《青山市高龄津贴发放办法》",
        conditions=(
            "具有青山市户籍",
            "年满80周岁，以居民身份证记载的出生日期为准",
        ),
        materials=(
            e_licence("老年人居民身份证或者户口簿"),
            mat("本人社会保障卡或者银行账户信息", "复印件1份"),
            mat("代办人身份证明及委托书", need="非必要"),
        ),
        flow="申请→受理→审核→审批→发放",
        legal_days=20, promised_days=10, day_unit="自然日",
        result="审核通过的，自次月起按月发放高龄津贴至本人账户。",
        result_name="高龄津贴发放通知", visits=0, online_depth=4, delegable=True,
        note="年满80周岁的户籍老年人经户籍信息比对后可“免申即享”，无需另行申请。",
    ),

    # ---- 青山市人力资源和社会保障局 ----
    Matter(
        body=RENSHE, item=1, name="失业保险金申领", kind="行政给付",
        audience="自然人", themes=("就业创业", "社会保障"),
        basis="《中华人民共和国社会保险法》第四十五条；《失业保险条例》",
        conditions=(
            "失业前用人单位和本人已经缴纳失业保险费满一年",
            "非因本人意愿中断就业",
            "已经进行失业登记，并有求职要求",
        ),
        materials=(
            e_licence("社会保障卡或者居民身份证"),
            mat("解除或者终止劳动关系的证明", "复印件1份"),
            mat("本人银行账户信息", need="非必要"),
        ),
        flow="申请→受理→审核→核定→发放",
        legal_days=10, promised_days=3,
        result="核定失业保险金领取期限和标准，按月发放至本人社会保障卡银行账户。",
        result_name="失业保险金核定结果", visits=0, online_depth=4,
    ),
    Matter(
        body=RENSHE, item=2, name="职工基本养老保险退休待遇核定", kind="行政确认",
        audience="自然人", themes=("离职退休", "社会保障"),
        basis="《中华人民共和国社会保险法》第十六条",
        conditions=(
            "达到国家规定的法定退休年龄",
            "累计缴费年限达到国家规定的最低缴费年限",
            "已按规定办理退休审批手续",
        ),
        materials=(
            e_licence("社会保障卡或者居民身份证"),
            mat("职工退休申报表"),
            mat("本人人事档案"),
            mat("视同缴费年限认定材料", "复印件1份", need="非必要"),
        ),
        flow="申请→受理→档案审核→待遇测算→核定→发放",
        legal_days=20, promised_days=10,
        result="核定基本养老金待遇，自达到退休条件的次月起按月发放。",
        result_name="基本养老金核定表", visits=1,
        onsite_reason="需提交本人人事档案原件，用于认定出生时间、参加工作时间和视同缴费年限。",
        online_depth=3,
    ),
    Matter(
        body=RENSHE, item=3, name="社会保障卡申领", kind="公共服务",
        audience="自然人", themes=("社会保障", "证件办理"),
        handler="青山市人力资源和社会保障局社会保障卡服务中心",
        basis="《中华人民共和国社会保险法》第五十八条",
        conditions=(
            "在青山市参加社会保险或者具有青山市户籍的人员",
            "本人未持有有效的社会保障卡",
        ),
        materials=(
            e_licence("居民身份证"),
            mat("近期免冠彩色数码照片", "电子文件1份"),
            mat("未成年人监护人身份证明", need="非必要"),
        ),
        flow="申请→受理→审核→制卡→发卡",
        legal_days=20, promised_days=0,
        result="即时制发社会保障卡，同步签发电子社会保障卡。",
        result_name="社会保障卡", visits=0, online_depth=4, delegable=True,
        note="在政务服务中心即时制卡窗口可当场领卡；网上申领的可邮寄送达。",
    ),
    Matter(
        body=RENSHE, item=4, name="就业创业证申领", kind="公共服务",
        audience="自然人", themes=("就业创业",),
        handler="青山市公共就业和人才服务中心",
        basis="《中华人民共和国就业促进法》；《就业服务与就业管理规定》",
        conditions=(
            "法定劳动年龄内、有劳动能力和就业要求、处于失业状态的城乡劳动者",
            "已就业或者创业的人员，可申领用于记载就业创业和享受政策情况",
        ),
        materials=(
            e_licence("居民身份证"),
            mat("就业创业登记表", "在线填写"),
            mat("解除或者终止劳动关系的证明", "复印件1份", need="非必要"),
        ),
        flow="申请→受理→审核→发证",
        legal_days=5, promised_days=1,
        result="发放电子《就业创业证》，记载就业失业登记和享受扶持政策情况。",
        result_name="就业创业证", visits=0, online_depth=4, delegable=True,
    ),
    Matter(
        body=RENSHE, item=5, name="企业职工基本养老保险丧葬补助金、抚恤金申领", kind="行政给付",
        audience="自然人", themes=("死亡殡葬", "社会保障"),
        basis="《中华人民共和国社会保险法》第十七条",
        conditions=(
            "参加企业职工基本养老保险的个人因病或者非因工死亡",
            "申领人为死者的合法遗属",
        ),
        materials=(
            e_licence("死亡证明或者火化证明"),
            e_licence("申领人居民身份证"),
            mat("申领人与死者亲属关系证明", "原件1份，复印件1份"),
            mat("申领人银行账户信息", "复印件1份"),
        ),
        flow="申请→受理→审核→核定→发放",
        legal_days=20, promised_days=5,
        result="核定丧葬补助金和抚恤金，一次性发放至申领人账户。",
        result_name="丧葬补助金、抚恤金核定结果", visits=1,
        onsite_reason="需现场核验申领人与死亡参保人员亲属关系证明原件。",
        online_depth=3,
        note="同时符合多项丧葬补助金领取条件的，遗属只能选择领取其中一项。",
    ),

    # ---- 青山市卫生健康委员会 ----
    Matter(
        body=WEIJIAN, item=1, name="生育登记", kind="公共服务",
        audience="自然人", themes=("生育收养",),
        basis="《中华人民共和国人口与计划生育法》",
        conditions=(
            "夫妻双方至少一方户籍在青山市，或者现居住地在青山市",
            "在孕期或者子女出生后办理",
        ),
        materials=(
            e_licence("夫妻双方居民身份证"),
            e_licence("结婚证", need="非必要"),
            mat("生育登记信息表", "在线填写"),
        ),
        flow="申请→受理→审核→登记",
        legal_days=1, promised_days=0,
        result="办理生育登记，出具电子生育服务登记凭证。",
        result_name="生育服务登记凭证", visits=0, online_depth=4, delegable=True,
        place=centre("二楼卫生健康窗口") + "；各镇（街道）便民服务中心",
    ),

    # ---- 青山市医疗保障局 ----
    Matter(
        body=YIBAO, item=1, name="城乡居民基本医疗保险参保登记", kind="公共服务",
        audience="自然人", themes=("社会保障", "医疗卫生"),
        basis="《中华人民共和国社会保险法》第二十五条；《国务院关于整合城乡居民基本医疗保险制度的意见》",
        conditions=(
            "未参加职工基本医疗保险的青山市户籍居民，或者持有青山市居住证的常住人口",
            "新生儿可在出生后凭出生医学证明办理参保",
        ),
        materials=(
            e_licence("居民身份证或者户口簿"),
            e_licence("居住证", need="非必要"),
            e_licence("出生医学证明", need="非必要"),
        ),
        flow="申请→受理→登记→缴费",
        legal_days=1, promised_days=0,
        result="完成参保登记，按规定缴费后享受城乡居民基本医疗保险待遇。",
        result_name="参保登记信息", visits=0, online_depth=4, delegable=True,
    ),
    Matter(
        body=YIBAO, item=2, name="异地就医备案", kind="公共服务",
        audience="自然人", themes=("医疗卫生", "社会保障"),
        basis="《中华人民共和国社会保险法》；"
              "《国家医疗保障局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》",
        conditions=(
            "参加青山市基本医疗保险，且属于异地长期居住人员、常驻异地工作人员、异地转诊就医人员或者临时外出就医人员",
        ),
        materials=(
            e_licence("医保电子凭证或者社会保障卡"),
            mat("异地就医备案登记表", "在线填写"),
            mat("个人承诺书", "在线签署"),
        ),
        flow="申请→审核→备案",
        legal_days=1, promised_days=0,
        result="备案成功后，可在就医地定点医药机构直接结算医疗费用。",
        result_name="异地就医备案信息", visits=0, online_depth=4,
        note="临时外出就医人员备案有效期内可多次就诊。",
    ),

    # ---- 青山市住房公积金管理中心 ----
    Matter(
        body=GONGJIJIN, item=1, name="购买自住住房提取住房公积金", kind="公共服务",
        audience="自然人", themes=("住房保障",),
        basis="《住房公积金管理条例》第二十四条、第二十五条",
        conditions=(
            "职工本人或者配偶购买自住住房",
            "住房公积金账户处于正常缴存状态",
            "提取总额不超过购房总价款",
        ),
        materials=(
            e_licence("居民身份证"),
            e_licence("不动产权证书或者购房合同"),
            mat("购房发票或者契税完税证明", "复印件1份"),
            e_licence("结婚证", need="非必要"),
            mat("本人银行卡", "复印件1份"),
        ),
        flow="申请→受理→审核→审批→转账",
        legal_days=3, promised_days=1,
        result="准予提取的，将提取金额转入本人银行账户；不准提取的，告知理由。",
        result_name="住房公积金提取结果", visits=0, online_depth=4,
    ),
    Matter(
        body=GONGJIJIN, item=2, name="离休、退休提取住房公积金", kind="公共服务",
        audience="自然人", themes=("离职退休", "住房保障"),
        basis="《住房公积金管理条例》第二十四条、第二十五条",
        conditions=(
            "职工已办理离休、退休手续",
            "提取后同时注销职工住房公积金账户",
        ),
        materials=(
            e_licence("居民身份证"),
            e_licence("离退休证明或者退休审批表"),
            mat("本人银行卡", "复印件1份"),
        ),
        flow="申请→受理→审核→销户转账",
        legal_days=3, promised_days=0,
        result="提取账户全部余额并注销住房公积金账户，资金转入本人银行账户。",
        result_name="住房公积金提取及销户结果", visits=0, online_depth=4,
    ),
    Matter(
        body=GONGJIJIN, item=3, name="单位住房公积金缴存登记", kind="公共服务",
        audience="法人", themes=("人力资源",),
        basis="《住房公积金管理条例》第十三条、第十四条",
        conditions=(
            "单位已依法设立并取得营业执照或者其他主体资格证明",
            "新设立的单位应当自设立之日起30日内办理缴存登记",
        ),
        materials=(
            e_licence("营业执照或者其他主体资格证明"),
            mat("单位住房公积金缴存登记表"),
            e_licence("经办人身份证明"),
            mat("职工花名册", "电子文件1份", need="容缺后补"),
        ),
        flow="申请→受理→审核→登记→开户",
        legal_days=5, promised_days=0,
        result="完成单位缴存登记，设立单位住房公积金账户。",
        result_name="住房公积金单位登记信息", visits=0, online_depth=4,
        note="单位应自登记之日起20日内为本单位职工办理住房公积金账户设立手续。",
    ),

    # ---- 青山市不动产登记中心 ----
    Matter(
        body=BUDONGCHAN, item=1, name="不动产转移登记（买卖）", kind="行政确认",
        audience="自然人;法人", themes=("住房保障", "国土和规划建设"),
        basis="《中华人民共和国民法典》第二百零九条；《不动产登记暂行条例》",
        conditions=(
            "不动产已办理首次登记",
            "不存在查封、异议登记等限制转移的情形",
            "买卖双方已签订不动产买卖合同并完成网签备案",
            "已依法缴纳相关税费",
        ),
        materials=(
            mat("不动产登记申请书"),
            e_licence("买卖双方身份证明"),
            mat("不动产权属证书"),
            e_licence("不动产买卖合同"),
            e_licence("完税凭证"),
            e_licence("婚姻状况证明", need="非必要"),
            mat("授权委托书及代理人身份证明", need="非必要"),
        ),
        flow="一窗受理→[交易审核|税款核定征收|登记审核]→登簿→缮证发证",
        legal_days=30, promised_days=3,
        fee=Fee("住宅类不动产登记费80元/件；非住宅类550元/件（车库、车位、储藏室80元/件）；"
                "核发一本不动产权属证书的不收取证书工本费，每增加一本加收证书工本费10元。",
                "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》"),
        result="准予登记的，记载于不动产登记簿，向买受人核发不动产权证书；不予登记的，书面告知理由。",
        result_name="不动产权证书", visits=1,
        onsite_reason="买卖双方需到场进行身份核验，并现场签署询问笔录，确认不动产转移的真实意愿。",
        online_depth=3, note="实行“一窗受理、并行办理”，交易、税收、登记同步办理。",
    ),
    Matter(
        body=BUDONGCHAN, item=2, name="不动产抵押权首次登记", kind="行政确认",
        audience="自然人;法人", themes=("抵押质押",),
        basis="《中华人民共和国民法典》第四百零二条；《不动产登记暂行条例》",
        conditions=(
            "抵押财产已办理不动产首次登记",
            "抵押人与抵押权人已签订主债权合同和抵押合同",
            "抵押财产不存在查封等限制抵押的情形",
        ),
        materials=(
            mat("不动产登记申请书"),
            e_licence("抵押人和抵押权人身份证明"),
            mat("不动产权属证书"),
            mat("主债权合同和抵押合同"),
            mat("授权委托书", need="非必要"),
        ),
        flow="申请→受理→审核→登簿→发证明",
        legal_days=30, promised_days=1,
        fee=Fee("住宅类不动产登记费80元/件；非住宅类550元/件；小微企业（含个体工商户）申请抵押权登记的免收登记费。",
                "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》；"
                "《财政部 国家发展改革委关于减免部分行政事业性收费有关政策的通知》"),
        result="准予登记的，记载于不动产登记簿，向抵押权人核发不动产登记证明。",
        result_name="不动产登记证明", visits=0, online_depth=4,
        note="可在青山市各合作银行网点“不动产登记+金融服务”窗口申请，登记证明以电子证照推送至银行。",
    ),

    # ---- 国家税务总局青山市税务局 ----
    Matter(
        body=SHUIWU, item=1, name="发票领用", kind="公共服务",
        audience="法人", themes=("税收财务",),
        basis="《中华人民共和国发票管理办法》",
        conditions=(
            "已办理设立登记并完成税务信息确认的纳税人",
            "有开具发票的实际需要",
        ),
        materials=(
            e_licence("经办人身份证明"),
            mat("发票领用申请", "在线填写"),
            mat("发票专用章印模", need="非必要"),
        ),
        flow="申请→受理→核定→发放",
        legal_days=1, promised_days=0,
        result="核定发票种类、数量及开票限额；使用全面数字化的电子发票的，赋予开具额度。",
        result_name="发票领用核定结果", visits=0, online_depth=4,
        note="使用全面数字化的电子发票的纳税人无需领用纸质发票，可通过电子发票服务平台开具。",
    ),
    Matter(
        body=SHUIWU, item=2, name="税务注销（清税申报）", kind="其他行政权力",
        audience="法人", themes=("法人注销", "税收财务"),
        basis="《中华人民共和国税收征收管理法》第十六条；《中华人民共和国税收征收管理法实施细则》",
        conditions=(
            "已结清应纳税款、滞纳金、罚款",
            "已缴销发票和税务证件",
            "未处于税务检查状态",
        ),
        materials=(
            mat("清税申报表", "在线填写"),
            e_licence("经办人身份证明"),
            mat("上级主管部门批复文件或者董事会决议", "复印件1份", need="非必要"),
        ),
        flow="申请→受理→清税审核→出具清税文书",
        legal_days=20, promised_days=1,
        result="符合条件的，出具《清税证明》；未结清的，出具《税务事项通知书》告知需结清事项。",
        result_name="清税证明", visits=0, online_depth=4,
        note="未领用发票、无欠税（滞纳金）及罚款的纳税人，可即时办结。",
    ),

    # ---- 青山市市场监督管理局 ----
    Matter(
        body=SHICHANG, item=1, name="特种设备使用登记", kind="行政许可",
        audience="法人", themes=("质量技术", "安全生产"),
        basis="《中华人民共和国特种设备安全法》第三十三条",
        conditions=(
            "特种设备经监督检验合格（需要监督检验的）",
            "使用单位已建立特种设备安全管理制度并配备安全管理人员",
            "在特种设备投入使用前或者投入使用后三十日内申请",
        ),
        materials=(
            mat("特种设备使用登记表", "原件2份"),
            e_licence("使用单位统一社会信用代码证明"),
            mat("产品合格证及产品数据表", "复印件1份"),
            mat("监督检验证明", "复印件1份", need="非必要"),
            mat("安全管理人员和作业人员资格证书", "复印件1份"),
        ),
        flow="申请→受理→审查→登记→发证",
        legal_days=15, promised_days=5,
        result="准予登记的，核发《特种设备使用登记证》；不予登记的，书面告知理由。",
        result_name="特种设备使用登记证", visits=0, online_depth=4,
        note="本事项由设区的市市场监督管理部门委托青山市市场监督管理局实施。",
    ),

    # ---- 青山市教育局 ----
    Matter(
        body=JIAOYU, item=1, name="义务教育阶段小学一年级新生入学", kind="公共服务",
        audience="自然人", themes=("教育科研",),
        basis="《中华人民共和国义务教育法》第十二条",
        conditions=(
            "当年8月31日前年满6周岁的适龄儿童",
            "具有学区内户籍且在学区内实际居住，或者符合青山市随迁子女入学条件",
        ),
        materials=(
            e_licence("儿童及父母或者其他法定监护人户口簿"),
            e_licence("出生医学证明"),
            e_licence("房屋产权证明或者住房租赁备案证明"),
            e_licence("居住证", need="非必要"),
            mat("监护人社会保险缴纳证明", "复印件1份", need="非必要"),
        ),
        flow=("网上报名→资格审核→现场核验(3个工作日,不计入时限)→录取公示(5个自然日,不计入时限)"
              "→录取→发放入学通知书"),
        legal_days=30, promised_days=20, day_unit="自然日",
        result="录取的，由学校发放入学通知书；不符合学区入学条件的，由青山市教育局统筹安排就近入学。",
        result_name="入学通知书", visits=1,
        onsite_reason="需监护人携带儿童户口簿、房产证明等原件到学校现场核验信息。",
        online_depth=3,
        place="学区内公办小学；青山市教育局（青山市育才路26号）", window="各小学招生报名点",
        hours="以当年招生公告为准（一般为每年7月）",
        note="报名时间和学区划分以青山市教育局当年发布的招生公告为准。",
    ),

    # ---- 青山市残疾人联合会 ----
    Matter(
        body=CANLIAN, item=1, name="残疾人证核发", kind="公共服务",
        audience="自然人", themes=("证件办理", "社会保障"),
        basis="《中华人民共和国残疾人保障法》；《中华人民共和国残疾人证管理办法》",
        conditions=(
            "具有青山市户籍",
            "经评定符合《残疾人残疾分类和分级》国家标准的视力、听力、言语、肢体、智力、精神或者多重残疾",
        ),
        materials=(
            mat("残疾人证申请表"),
            e_licence("居民身份证或者户口簿"),
            mat("近期2寸白底免冠彩色照片", "原件3张"),
            mat("相关病历及诊断证明", "复印件1份", need="非必要"),
        ),
        flow="申请→受理→残疾评定(10个工作日,不计入时限)→审核→审批→制证发证",
        legal_days=20, promised_days=10,
        result="经评定符合条件的，核发《中华人民共和国残疾人证》；不符合的，告知评定结果。",
        result_name="中华人民共和国残疾人证", visits=1,
        onsite_reason="申请人需本人到指定医疗机构接受残疾评定；行动不便的可申请上门评定。",
        online_depth=3, delegable=True,
        note="可在户籍所在地镇（街道）便民服务中心提交申请。",
    ),

    # ---- 青山市柳泉镇人民政府 (乡镇级) ----
    Matter(
        body=LIUQUAN, item=1, name="农村村民宅基地审批", kind="行政许可",
        audience="自然人", themes=("规划建设", "住房保障"),
        basis="《中华人民共和国土地管理法》第六十二条",
        conditions=(
            "申请人为本集体经济组织成员，以户为单位申请",
            "一户只能拥有一处宅基地，面积不超过省规定的标准",
            "符合乡（镇）国土空间规划和村庄规划",
            "农村村民出卖、出租、赠与住宅后，再申请宅基地的，不予批准",
        ),
        materials=(
            mat("农村宅基地和建房规划许可申请表"),
            e_licence("申请人及家庭成员居民身份证、户口簿"),
            mat("农村宅基地使用承诺书"),
            mat("村民小组会议记录和村级审查意见"),
            mat("拟建房屋设计图或者通用图", need="非必要"),
        ),
        flow=("申请→村级审查→村级公示(5个工作日,不计入时限)→受理→[自然资源审查|农业农村审查|住建审查]"
              "→实地审查(5个工作日,不计入时限)→审批→发证"),
        legal_days=20, promised_days=15,
        result="准予批准的，核发《农村宅基地批准书》和《乡村建设规划许可证》；不予批准的，书面告知理由。",
        result_name="农村宅基地批准书", visits=2,
        onsite_reason="申请时需现场提交村级审查意见等纸质材料；批准后申请人须到建房现场参加“实地丈量批放”，确定宅基地界址。",
        online_depth=2,
        note="涉及占用农用地的，应当依法先行办理农用地转用审批手续。",
    ),
    Matter(
        body=LIUQUAN, item=2, name="临时救助", kind="行政给付",
        audience="自然人", themes=("社会保障",),
        basis="《社会救助暂行办法》；《国务院关于全面建立临时救助制度的通知》",
        conditions=(
            "因火灾、交通事故等意外事件，或者家庭成员突发重大疾病等原因，导致基本生活暂时出现严重困难的家庭",
            "因生活必需支出突然增加超出家庭承受能力，导致基本生活暂时出现严重困难的最低生活保障家庭",
            "遭遇其他特殊困难的家庭或者个人",
        ),
        materials=(
            mat("临时救助申请书"),
            e_licence("申请人居民身份证、户口簿"),
            mat("家庭经济状况核对授权书"),
            mat("困难情况证明材料", "复印件1份"),
        ),
        flow="申请→受理→入户调查→公示(3个自然日,不计入时限)→审批→发放",
        legal_days=15, promised_days=10, day_unit="自然日",
        result="符合条件的，按规定发放临时救助金或者提供实物救助；不符合条件的，书面告知理由。",
        result_name="临时救助审批结果", visits=1,
        onsite_reason="需现场签署家庭经济状况核对授权书；情况紧急的可先行救助、事后补办手续。",
        online_depth=3,
        note="小额临时救助由柳泉镇人民政府受青山市民政局委托审批。",
    ),
)

_BY_NAME = {m.name: m for m in MATTERS}


def matter(name: str) -> Matter:
    """Look a curated matter up by its exact 事项名称."""
    return _BY_NAME[name]


# --------------------------------------------------------------------------
# Curated data: 最多跑一次 batches and 一件事 bundles
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Batch:
    number: int
    published: dt.date
    matters: tuple[Matter, ...]

    @property
    def title(self) -> str:
        return f"青山市第{'一二三四五六七八九'[self.number - 1]}批“最多跑一次”事项清单"


BATCHES = (
    Batch(1, dt.date(2026, 3, 16), tuple(map(matter, (
        "有限责任公司设立登记", "个体工商户设立登记", "食品经营许可（新办）", "居民身份证换领",
        "出生登记", "社会保障卡申领", "失业保险金申领", "城乡居民基本医疗保险参保登记",
        "异地就医备案", "购买自住住房提取住房公积金",
    )))),
    Batch(2, dt.date(2026, 6, 18), tuple(map(matter, (
        "建筑工程施工许可证核发", "建设工程规划许可证核发", "药品零售企业经营许可（新办）",
        "道路货物运输经营许可（新办）", "不动产转移登记（买卖）", "不动产抵押权首次登记", "发票领用",
        "税务注销（清税申报）", "离休、退休提取住房公积金", "单位住房公积金缴存登记", "特种设备使用登记",
    )))),
    Batch(3, dt.date(2026, 9, 22), tuple(map(matter, (
        "内地居民结婚登记", "最低生活保障审批", "80周岁以上老年人高龄津贴申领", "就业创业证申领",
        "企业职工基本养老保险丧葬补助金、抚恤金申领", "职工基本养老保险退休待遇核定", "生育登记",
        "残疾人证核发", "养犬登记",
    )))),
)

BUNDLES = (
    ("开办餐饮店一件事",
     "开办餐饮店涉及的个体工商户登记、食品经营许可、发票领用一次告知、一表申请、一窗受理，办理结果一次送达。",
     ("个体工商户设立登记", "食品经营许可（新办）", "发票领用")),
    ("新生儿出生一件事",
     "新生儿出生后，出生登记、城乡居民医保参保登记和社会保障卡申领联办，父母只需提交一次材料。",
     ("出生登记", "城乡居民基本医疗保险参保登记", "社会保障卡申领")),
    ("企业开办一件事",
     "企业设立登记、发票领用和住房公积金单位缴存登记一网通办，一个工作日内办结。",
     ("有限责任公司设立登记", "发票领用", "单位住房公积金缴存登记")),
    ("退休一件事",
     "职工达到退休条件时，养老保险待遇核定与住房公积金提取一次申请、并联办理。",
     ("职工基本养老保险退休待遇核定", "离休、退休提取住房公积金")),
)

NOTES_ROW = ("注：1. 办理时限以工作日计算的，不含法定节假日；承诺办结时限为0的，当场办结。"
             "2. “到办事现场次数”指申请材料齐全、符合法定形式时，申请人从申请到获得办理结果最多需要到现场的次数。"
             "3. 事项信息如有调整，以青山市政务服务网公布为准。")

# --------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------

_STEP = re.compile(r"(?P<name>[^()\[\]|→,]+)"
                   r"(?:\((?P<days>\d+)个(?P<unit>工作日|自然日),(?P<counted>计入时限|不计入时限)\))?")


def parse_flow(text: str) -> list[list[dict]]:
    """Parse 办理流程 into stages; a stage is a list of one step, or of two or more parallel steps.

    Grammar: steps joined by "→"; a parallel stage is "[a|b|c]"; a step may end with
    "(N个工作日,不计入时限)" (unit 工作日 or 自然日; 计入时限 or 不计入时限).
    """
    stages = []
    for part in text.split("→"):
        parallel = part.startswith("[") and part.endswith("]")
        branches = part[1:-1].split("|") if parallel else [part]
        if parallel and len(branches) < 2:
            raise ValueError(f"parallel stage needs two or more branches: {part!r}")
        steps = []
        for branch in branches:
            found = _STEP.fullmatch(branch)
            if not found:
                raise ValueError(f"bad step {branch!r} in {text!r}")
            steps.append({k: v for k, v in found.groupdict().items() if v is not None})
        stages.append(steps)
    return stages


APPLICANT_STEPS = ("申请", "预约", "网上报名")        # the applicant's own: no handler, no time
WINDOW_STEPS = ("受理", "一窗受理")                    # at the window, on the spot
DECISION_WORDS = ("决定", "审批", "核准", "核定", "批准", "准予")
DELIVERY_WORDS = ("发", "送达", "制", "缮证", "转账", "开户", "出具", "登簿", "登记", "缴费", "备案")


def _step_weight(name: str) -> int:
    """Share of the promised time a step takes: reviews most, decisions and delivery least."""
    if any(w in name for w in DECISION_WORDS) or any(w in name for w in DELIVERY_WORDS):
        return 1
    return 3


def timed_flow(m: "Matter", handler: str) -> str:
    """办理流程 with each step's handler and time, as the national guide gives them:
    `受理（受理窗口，即时）→审查（承办科室，3个工作日）`. The times along the critical path
    (special steps that count included) add up to at most the promised limit."""
    stages = parse_flow(m.flow)
    counted = sum(int(s["days"]) for stage in stages for s in stage
                  if s.get("counted") == "计入时限" and s.get("unit") == m.day_unit)
    timed = [stage for stage in stages
             if "days" not in stage[0] and stage[0]["name"] not in APPLICANT_STEPS + WINDOW_STEPS
             and "采集" not in stage[0]["name"]]
    budget = max(m.promised_days - counted, 0)
    weights = [_step_weight(stage[0]["name"]) if len(stage) == 1 else 3 for stage in timed]
    days = [budget * w // sum(weights) for w in weights] if weights else []
    if days:
        days[weights.index(max(weights))] += budget - sum(days)
    given = {id(stage): d for stage, d in zip(timed, days)}

    def step(s: dict, stage: list) -> str:
        name = s["name"]
        if "days" in s:
            return f"{name}({s['days']}个{s['unit']},{s['counted']})"
        if name in APPLICANT_STEPS:
            return name
        if name in WINDOW_STEPS or "采集" in name:
            return f"{name}（受理窗口，即时）"
        d = given[id(stage)]
        when = f"{d}个{m.day_unit}" if d else "即时"
        actor = "分管负责人" if any(w in name for w in DECISION_WORDS) and len(stage) == 1 else handler
        return f"{name}（{actor}，{when}）"

    return "→".join(
        step(stage[0], stage) if len(stage) == 1 else "[" + "|".join(step(s, stage) for s in stage) + "]"
        for stage in stages
    )


def _require(ok: bool, where: str, problem: str) -> None:
    if not ok:
        raise ValueError(f"{where}: {problem}")


def validate(matters: Iterable[Matter]) -> None:
    """Raise ValueError on the first curated matter that breaks a convention in the README."""
    codes = set()
    for m in matters:
        where = f"{m.body.name} / {m.name}"
        _require(m.code not in codes, where, "duplicate 实施编码")
        codes.add(m.code)
        _require(m.kind in MATTER_TYPES, where, f"unknown 事项类型 {m.kind}")
        _require(m.audience in AUDIENCES, where, f"unknown 服务对象 {m.audience}")
        allowed = ((NATURAL_THEMES if "自然人" in m.audience else frozenset())
                   | (LEGAL_THEMES if "法人" in m.audience else frozenset()))
        _require(bool(m.themes) and set(m.themes) <= allowed, where, f"theme not in the national list: {m.themes}")
        _require(m.body.level in LEVELS, where, "unknown 行使层级")
        _require(m.day_unit in DAY_UNITS, where, "unknown 时限单位")
        _require(0 <= m.promised_days <= m.legal_days, where, "promised time limit exceeds the legal one")
        _require(m.visits in (0, 1, 2), where, "到办事现场次数 must be 0, 1 or 2")
        _require(bool(m.onsite_reason) == (m.visits > 0), where, "必须现场办理原因 is required exactly when visits > 0")
        _require(1 <= m.online_depth <= 4, where, "网办深度 must be 1-4")
        _require(m.visits > 0 or m.online_depth == 4, where, "a matter needing no visit must be 四级 (全程网办)")
        _require(3 <= len(m.materials) <= 10, where, "expected 3-10 materials")
        for material in m.materials:
            _require(material.form is None or (material.need in NECESSITIES and material.source in SOURCES),
                     where, f"bad material {material}")
            _require(not re.search("[（）；]", material.name), where, f"material name contains （）； : {material.name}")
        try:
            parse_flow(m.flow)
        except ValueError as e:
            raise ValueError(f"{where}: {e}") from None
        _require("〔" not in m.basis + (m.fee.basis if m.fee else ""), where, "document numbers are not cited")
    listed = [m for batch in BATCHES for m in batch.matters]
    _require(all(m.visits <= 1 for m in listed), "batches", "a batch lists a matter needing two visits")
    _require(len({m.code for m in listed}) == len(listed), "batches", "a matter appears in two batches")


# --------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------

COLUMN_WIDTHS = {
    "序号": 6, "实施编码": 40, "事项名称": 26, "实施主体": 24, "承办机构": 26, "所属主题": 16,
    "设定依据": 40, "受理条件": 50, "申请材料": 60, "办理流程": 50, "收费标准": 36,
    "收费依据": 36, "办理结果": 40, "结果名称": 20, "必须现场办理原因": 36, "办理地点": 40,
    "办理窗口": 24, "办理时间": 36, "咨询电话": 14, "监督投诉电话": 24, "备注": 36,
}
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")


def _set_widths(ws, headers: Iterable[str]) -> None:
    for i, header in enumerate(headers, 1):
        ws.column_dimensions[get_column_letter(i)].width = COLUMN_WIDTHS.get(header, 12)


def write_table_xlsx(path: Path, sheet: str, headers: tuple[str, ...], rows: Iterable[list],
                     title: str | None = None, notes: str | None = None) -> None:
    """A styled workbook like a department would send: optional title row and notes row."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    width = len(headers)
    row = 1
    if title:
        ws.cell(1, 1, title).font = Font(bold=True, size=14)
        ws.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        ws.row_dimensions[1].height = 32
        row = 2
    for col, header in enumerate(headers, 1):
        cell = ws.cell(row, col, header)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.freeze_panes = ws.cell(row + 1, 1)
    wrap = Alignment(vertical="top", wrap_text=True)
    for values in rows:
        row += 1
        for col, value in enumerate(values, 1):
            cell = ws.cell(row, col, value)
            cell.border = _BORDER
            cell.alignment = wrap
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    if notes:
        row += 1
        ws.cell(row, 1, notes).alignment = Alignment(vertical="top", wrap_text=True)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        ws.row_dimensions[row].height = 48
    _set_widths(ws, headers)
    wb.save(path)


def write_csv(path: Path, rows: Iterable[list], encoding: str = "utf-8",
              headers: tuple[str, ...] = COLUMNS) -> None:
    with open(path, "w", encoding=encoding, newline="") as f:
        out = csv.writer(f)
        out.writerow(headers)
        for values in rows:
            out.writerow("" if v is None else v for v in values)


def write_curated(data_dir: Path) -> list[Path]:
    """Write the curated departmental files, batch lists and bundles; return the paths."""
    validate(MATTERS)
    written = []
    departments = data_dir / "departments"
    batches = data_dir / "batches"
    departments.mkdir(parents=True, exist_ok=True)
    batches.mkdir(parents=True, exist_ok=True)

    for body in BODIES:
        own = [m for m in MATTERS if m.body is body]
        rows = [m.as_row(i) for i, m in enumerate(own, 1)]
        path = departments / f"{body.slug}.xlsx"
        if body.titled:
            write_table_xlsx(path, "事项清单", COLUMNS, rows,
                             title=f"{body.name}政务服务事项清单（2026年版）", notes=NOTES_ROW)
        else:
            write_table_xlsx(path, "事项清单", COLUMNS, rows)
        written.append(path)
        if body.csv_encoding:
            suffix = ".gb18030.csv" if body.csv_encoding == "gb18030" else ".csv"
            path = departments / f"{body.slug}{suffix}"
            write_csv(path, rows, body.csv_encoding)
            written.append(path)

    batch_headers = ("序号", "实施编码", "事项名称", "实施主体", "到办事现场次数", "公布日期", "备注")
    for batch in BATCHES:
        rows = [[i, m.code, m.name, m.body.name, m.visits, batch.published,
                 "全程网办，零跑腿" if m.visits == 0 else "最多跑一次"]
                for i, m in enumerate(batch.matters, 1)]
        path = batches / f"batch-{batch.number:02d}.xlsx"
        write_table_xlsx(path, "清单", batch_headers, rows, title=batch.title)
        written.append(path)

    path = data_dir / "bundles.csv"
    write_csv(path, ([name, about, ";".join(matter(n).code for n in names)] for name, about, names in BUNDLES),
              headers=("一件事名称", "说明", "包含事项实施编码"))
    written.append(path)
    return written


# --------------------------------------------------------------------------
# Synthetic catalogue (--scale)
# --------------------------------------------------------------------------

REGION_FIRST = "岚澄筠蔚琅珂瑶琪璟翡沅澈漪汐泷淇渌潆霁岫峤嵘珞璐"
REGION_SECOND = "汀渚屿麓川原畈垣峪岙坞埭浦渡泽陂塬冈岘矶滩"
TOWN_FIRST = "柳桃杏梨榆槐松柏枫桂兰荷菱苇芦竹梅棠杉桑"
TOWN_SECOND = "泉溪河湾岭岗坪塘桥埠庄集店铺湖坡屯营寨口"
ROADS = ("人民路", "建设路", "文化路", "和平路", "新华路", "振兴路", "政通路", "府前街", "长安街", "金城大道")
COUNTIES_PER_CITY = 4   # the first is a district (区) of the city
TOWNS_PER_COUNTY = 8
SUB_ITEMS = ("变更", "延续", "注销")  # sub-items of matters whose name ends in （新办）
EXTRA_NOTES = ("提供帮办代办服务。", "支持“跨省通办”。", "可预约延时服务。", "办理结果可免费邮寄送达。")


@dataclass(frozen=True)
class Place:
    level: str      # 市级 / 县级 / 乡镇级
    name: str       # full name as used in body names: 岚汀市, 岚汀市琅屿区, 筠麓县柳桥镇
    short: str      # the place itself: 柳桥镇 (same as name above 乡镇级)
    county: str     # the county-level place that contains it (itself above 乡镇级)
    division: str   # fictional 行政区划代码, first digit 9


def _names(first: str, second: str, rng: random.Random) -> Iterator[str]:
    """Two-character place names in a seeded order, repeating once all are used."""
    pairs = [a + b for a in first for b in second]
    rng.shuffle(pairs)
    return itertools.cycle(pairs)


def fictional_places(rng: random.Random) -> Iterator[Place]:
    """Endless fictional places: a city, then each of its counties followed by their towns."""
    regions = _names(REGION_FIRST, REGION_SECOND, rng)
    towns = _names(TOWN_FIRST, TOWN_SECOND, rng)
    for p in itertools.count(1):
        city = next(regions) + "市"
        yield Place("市级", city, city, city, f"9{p % 1000:03d}00")
        for c in range(1, COUNTIES_PER_CITY + 1):
            county = (city + next(regions) + "区") if c == 1 else (next(regions) + "县")
            division = f"9{p % 1000:03d}{c:02d}"
            yield Place("县级", county, county, county, division)
            for _ in range(TOWNS_PER_COUNTY):
                town = next(towns) + rng.choice(("镇", "镇", "镇", "街道", "乡"))
                yield Place("乡镇级", county + town, town, county, division)


def _localise(text: str, place: Place) -> str:
    text = text.replace("青山市柳泉镇", place.name).replace("柳泉镇", place.short)
    return text.replace("青山市", place.county)


def _phone(rng: random.Random) -> str:
    return f"0536-555{rng.randrange(10_000):04d}"


def _org_base(serial: int) -> str:
    """Organisation-code base for synthetic body number `serial`: M, a letter, six digits."""
    block, number = divmod(serial, 1_000_000)
    return "M" + _USCC_CHARSET[10 + block % 21] + f"{number:06d}"


class _Replicator:
    """Makes the bodies and the matter replicas for one fictional place."""

    def __init__(self, place: Place, rng: random.Random, serials: Iterator[int]):
        self.place = place
        self.rng = rng
        self.serials = serials
        self.street = f"{rng.choice(ROADS)}{rng.randint(1, 399)}号"
        self.supervision = f"{_phone(rng)}；12345"
        self.bodies: dict[str, Body] = {}

    def localise(self, text: str) -> str:
        return _localise(text, self.place).replace(CENTRE_STREET, self.street)

    def body(self, template: Body) -> Body:
        """The place's counterpart of a curated body; a town has one body for everything."""
        place = self.place
        key = "town" if place.level == "乡镇级" else template.slug
        if key in self.bodies:
            return self.bodies[key]
        own = dict(org_base=_org_base(next(self.serials)), division=place.division,
                   phone=_phone(self.rng), supervision=self.supervision, level=place.level)
        if place.level == "乡镇级":
            hall = f"{place.name}便民服务中心"
            body = replace(
                template, reg_type="11",
                name=place.name + ("办事处" if place.short.endswith("街道") else "人民政府"),
                handler=hall, place=f"{hall}（{place.short}{self.street}）",
                window=f"综合受理窗口（1-{self.rng.randint(2, 6)}号）",
                hours=self.rng.choice(STANDARD_HOURS), **own)
        else:
            body = replace(
                template, name=template.pattern.format(place=place.name),
                handler=self.localise(template.handler), place=self.localise(template.place), **own)
        self.bodies[key] = body
        return body

    def matter(self, m: Matter, **changes) -> Matter:
        """A replica of curated matter m in this place; `changes` override any field."""
        rng = self.rng
        town = self.place.level == "乡镇级"
        hours = m.hours or m.body.hours
        note = self.localise(m.note)
        if rng.random() < 0.3:
            note = (note + " " if note else "") + rng.choice(EXTRA_NOTES)
        fields = dict(
            body=self.body(m.body), dept_code=m.body.dept_code,
            # In a town the service centre handles everything: use the town body's defaults.
            handler="" if town else self.localise(m.handler),
            place="" if town else self.localise(m.place),
            window="" if town else m.window,
            hours=rng.choice(STANDARD_HOURS) if hours in STANDARD_HOURS else self.localise(hours),
            phone="", note=note,
            basis=self.localise(m.basis), result=self.localise(m.result),
            conditions=tuple(self.localise(c) for c in m.conditions),
            onsite_reason=self.localise(m.onsite_reason),
            promised_days=max(0, m.promised_days - rng.choice((0, 0, 0, 1, 2))),
        )
        fields.update(changes)
        return replace(m, **fields)

    def sub_items(self, m: Matter) -> Iterator[Matter]:
        """Some of the 变更/延续/注销 sub-items of a matter named "…（新办）"."""
        for sub, label in enumerate(SUB_ITEMS, 1):
            if self.rng.random() < 0.5:
                continue
            extra = mat("变更事项证明材料", "复印件1份") if label == "变更" else mat("原许可证件")
            yield self.matter(
                m, sub=sub, name=m.name.removesuffix("（新办）") + f"（{label}）",
                materials=(m.materials[:3] if label == "注销" else m.materials) + (extra,),
                flow="申请→受理→审核→注销→送达" if label == "注销" else m.flow,
                promised_days=min(m.promised_days, self.rng.choice((1, 2, 3))))


def synthetic_matters(seed: int) -> Iterator[Matter]:
    """Endless, deterministic stream: the curated matters, then replicas in fictional places.

    At 市级 and 县级 every department matter is replicated, with some 变更/延续/注销
    sub-items; at 乡镇级 only delegable matters and the town's own matters are.
    Codes stay unique: each replica body gets its own USCC, and a replica keeps
    its template's catalogue code (with the sub-item number for sub-items).
    """
    yield from MATTERS
    rng = random.Random(seed)
    serials = itertools.count()
    county_templates = [m for m in MATTERS if m.body.level == "县级"]
    town_templates = [m for m in MATTERS if m.delegable or m.body.level == "乡镇级"]
    for place in fictional_places(rng):
        local = _Replicator(place, rng, serials)
        if place.level == "乡镇级":
            yield from map(local.matter, town_templates)
            continue
        for m in county_templates:
            yield local.matter(m)
            if m.name.endswith("（新办）"):
                yield from local.sub_items(m)


def write_synthetic(path: Path, n: int, seed: int, encoding: str) -> None:
    """Stream n synthetic rows to an .xlsx (write-only mode) or .csv file."""
    rows = (m.as_row(i) for i, m in enumerate(itertools.islice(synthetic_matters(seed), n), 1))
    if path.suffix.lower() == ".csv":
        write_csv(path, rows, encoding)
        return
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("事项清单")
    _set_widths(ws, COLUMNS)
    header = []
    for name in COLUMNS:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    for values in rows:
        ws.append(values)
    wb.save(path)


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Generate fictional 政务服务事项 sample data for the 青山市 portal "
                    "(青山市 is a fictional county-level city).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="""\
default mode:
  Writes the curated catalogue (38 matters, 13 bodies) under --data-dir:
  departments/<slug>.xlsx (+ 3 CSV exports), batches/batch-0N.xlsx, bundles.csv.

--scale mode:
  Writes N matters to --out. The first rows are the curated matters; the rest
  replicate them across an endless series of fictional places (a 市级 city,
  its 县级 counties/districts and their 乡镇级 towns/streets) with unique
  实施编码 and slightly varied text. Output is deterministic for a given
  --seed, and the first N rows of a larger run equal an N-row run. Rows are
  streamed (openpyxl write-only mode), so memory stays small.

examples:
  python make_catalog.py
  python make_catalog.py --scale 12000 --out /tmp/catalog-12k.xlsx
  python make_catalog.py --scale 50000 --out /tmp/catalog-50k.csv --encoding gb18030
""")
    parser.add_argument("--data-dir", type=Path, default=Path(__file__).resolve().parent.parent / "demo_data",
                        help="where the curated files go (default: ../data next to this script)")
    parser.add_argument("--scale", type=int, metavar="N", help="write a synthetic catalogue of N matters")
    parser.add_argument("--out", type=Path, metavar="PATH", help="output of --scale: a .xlsx or .csv file")
    parser.add_argument("--seed", type=int, default=2026, help="random seed for --scale (default 2026)")
    parser.add_argument("--encoding", default="utf-8",
                        help="encoding of a --scale CSV (default utf-8; e.g. utf-8-sig, gb18030)")
    args = parser.parse_args(argv)

    if args.scale is None:
        if args.out:
            parser.error("--out is only used with --scale")
        for path in write_curated(args.data_dir):
            print(f"{path.stat().st_size:>9,}  {path}")
        return 0

    if args.scale < 1:
        parser.error("--scale must be at least 1")
    if args.out is None or args.out.suffix.lower() not in (".xlsx", ".csv"):
        parser.error("--scale needs --out PATH ending in .xlsx or .csv")
    validate(MATTERS)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_synthetic(args.out, args.scale, args.seed, args.encoding)
    print(f"{args.scale} matters -> {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
