"""National classification lists that matters are filed under.

Kept as plain data so the seeding migration, the importers and the tests read one source.
"""

from django.utils.translation import pgettext_lazy

NATURAL_PERSON = "natural"
LEGAL_PERSON = "legal"

NATURAL_THEMES = [
    "生育收养", "户籍办理", "民族宗教", "教育科研", "入伍服役", "就业创业", "设立变更", "准营准办",
    "抵押质押", "职业资格", "行政缴费", "婚姻登记", "优待抚恤", "规划建设", "住房保障", "社会保障",
    "证件办理", "交通出行", "旅游观光", "出境入境", "消费维权", "公共安全", "司法公证", "知识产权",
    "环保绿化", "文化体育", "公用事业", "医疗卫生", "离职退休", "死亡殡葬", "其他",
]  # fmt: skip

LEGAL_THEMES = [
    "设立变更", "准营准办", "资质认证", "年检年审", "税收财务", "人力资源", "社会保障", "投资审批",
    "融资信贷", "抵押质押", "商务贸易", "招标拍卖", "海关口岸", "涉外服务", "农林牧渔",
    "国土和规划建设", "交通运输", "环保绿化", "应对气候变化", "水务气象", "医疗卫生", "科技创新",
    "文体教育", "知识产权", "民族宗教", "质量技术", "检验检疫", "安全生产", "公安消防", "司法公证",
    "公用事业", "法人注销", "档案文物", "其他",
]  # fmt: skip

THEMES_BY_AUDIENCE = {NATURAL_PERSON: NATURAL_THEMES, LEGAL_PERSON: LEGAL_THEMES}

MATTER_TYPES = [
    "行政许可",
    "行政确认",
    "行政给付",
    "行政奖励",
    "行政裁决",
    "其他行政权力",
    "公共服务",
]
LEVELS = ["市级", "县级", "乡镇级"]
TIME_UNITS = ["工作日", "自然日"]
RESULT_TYPES = ["证照", "批文", "其他", "无"]
NECESSITIES = ["必要", "非必要", "容缺后补"]
# 材料来源渠道 of the national guide standard, then provincial forms of shared sources. Files
# also name others (村委会出具 …); those are kept as written.
MATERIAL_SOURCES = [
    "申请人自备",
    "政府部门核发",
    "中介机构出具",
    "其他",
    "调取电子证照库",
    "共享获取",
]
SHARED_SOURCES = ["调取电子证照库", "共享获取"]
# 办件类型 as departments state it (即办件: handled on the spot).
HANDLING_KINDS = ["即办件", "承诺件", "联办件", "上报件"]
# 办理形式 and 通办范围 as the national guide standard words them.
HANDLING_FORMS = ["窗口办理", "网上办理", "快递申请", "预约办理"]
SERVICE_SCOPES = ["全市通办", "全省通办", "跨省通办", "全国通办", "就近办理"]
ONLINE_DEPTHS = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}
# 特别关爱: the secondary tag set for groups that get extra care; "老人" is a common variant.
CARE_TAGS = ["妇女", "儿童", "老年人", "残疾人", "特困人员", "优抚对象"]
CARE_TAG_ALIASES = {"老人": "老年人", "残障人士": "残疾人", "孕产妇": "妇女"}

# What readers of the English interface see for each value above. Only the display changes:
# stored values, the importer's spellings, the exports, the search index and the API all keep
# the Chinese as written. The context keeps these apart from interface words that look alike
# (written out each time: xgettext reads only literal contexts).
LABELS = {
    "行政许可": pgettext_lazy("national catalogue", "行政许可"),
    "行政确认": pgettext_lazy("national catalogue", "行政确认"),
    "行政给付": pgettext_lazy("national catalogue", "行政给付"),
    "行政奖励": pgettext_lazy("national catalogue", "行政奖励"),
    "行政裁决": pgettext_lazy("national catalogue", "行政裁决"),
    "其他行政权力": pgettext_lazy("national catalogue", "其他行政权力"),
    "公共服务": pgettext_lazy("national catalogue", "公共服务"),
    "市级": pgettext_lazy("national catalogue", "市级"),
    "县级": pgettext_lazy("national catalogue", "县级"),
    "乡镇级": pgettext_lazy("national catalogue", "乡镇级"),
    "工作日": pgettext_lazy("national catalogue", "工作日"),
    "自然日": pgettext_lazy("national catalogue", "自然日"),
    "证照": pgettext_lazy("national catalogue", "证照"),
    "批文": pgettext_lazy("national catalogue", "批文"),
    "其他": pgettext_lazy("national catalogue", "其他"),
    "无": pgettext_lazy("national catalogue", "无"),
    "必要": pgettext_lazy("national catalogue", "必要"),
    "非必要": pgettext_lazy("national catalogue", "非必要"),
    "容缺后补": pgettext_lazy("national catalogue", "容缺后补"),
    "申请人自备": pgettext_lazy("national catalogue", "申请人自备"),
    "政府部门核发": pgettext_lazy("national catalogue", "政府部门核发"),
    "中介机构出具": pgettext_lazy("national catalogue", "中介机构出具"),
    "调取电子证照库": pgettext_lazy("national catalogue", "调取电子证照库"),
    "共享获取": pgettext_lazy("national catalogue", "共享获取"),
    "即办件": pgettext_lazy("national catalogue", "即办件"),
    "承诺件": pgettext_lazy("national catalogue", "承诺件"),
    "联办件": pgettext_lazy("national catalogue", "联办件"),
    "上报件": pgettext_lazy("national catalogue", "上报件"),
    "窗口办理": pgettext_lazy("national catalogue", "窗口办理"),
    "网上办理": pgettext_lazy("national catalogue", "网上办理"),
    "快递申请": pgettext_lazy("national catalogue", "快递申请"),
    "预约办理": pgettext_lazy("national catalogue", "预约办理"),
    "全市通办": pgettext_lazy("national catalogue", "全市通办"),
    "全省通办": pgettext_lazy("national catalogue", "全省通办"),
    "跨省通办": pgettext_lazy("national catalogue", "跨省通办"),
    "全国通办": pgettext_lazy("national catalogue", "全国通办"),
    "就近办理": pgettext_lazy("national catalogue", "就近办理"),
    "一级": pgettext_lazy("national catalogue", "一级"),
    "二级": pgettext_lazy("national catalogue", "二级"),
    "三级": pgettext_lazy("national catalogue", "三级"),
    "四级": pgettext_lazy("national catalogue", "四级"),
    "妇女": pgettext_lazy("national catalogue", "妇女"),
    "儿童": pgettext_lazy("national catalogue", "儿童"),
    "老年人": pgettext_lazy("national catalogue", "老年人"),
    "残疾人": pgettext_lazy("national catalogue", "残疾人"),
    "特困人员": pgettext_lazy("national catalogue", "特困人员"),
    "优抚对象": pgettext_lazy("national catalogue", "优抚对象"),
}


def label(value):
    """A catalogue value as the reader's language shows it; other text as written."""
    return LABELS.get(value, value)


def choices(values):
    """Model choices storing the value (a list's items, a dict's keys) and showing the label
    of the Chinese."""
    pairs = values.items() if isinstance(values, dict) else ((v, v) for v in values)
    return [(stored, label(written)) for stored, written in pairs]
