"""The words of a query that are not what the citizen is looking for, and what they say
about which member of a matter family is wanted.

A query mixes the thing (烟草, 饭店, 营业执照) with how people ask (我想, 怎么办), the act
(开, 办, 申请, 补办, 注销), shop and document words (店, 证, 手续) and what they want to know
about it (材料, 流程, 下载). Only the thing must match; the act picks the variant of a family
(食品经营许可（新办）/（变更）/（注销）) and generic catalogue words (登记, 许可) only rank.
"""

import re

# How someone asks, what they want to know about a matter, and lone verbs or measure
# words: none of it names a matter.
FILLER_WORDS = frozenset(
    "了 的 吗 呢 吧 啊 呀 么 嘛 哦 个 一个 这个 那个 我 我们 咱 刚 刚刚 已经 不想 不要 不用 "
    "家里 我家 有 有没有 快 前 之前 以前 后 之后 以后 时候 现在 "
    "哪些 哪几个 几个 哪种 什么样 有哪些 "
    "我要 我想 想 要 想要 需要 需 得 怎么 怎么办 怎样 如何 怎么样 咋 咋办 "
    "哪里 在哪 在哪里 在哪儿 去哪 去哪里 哪儿 哪个 什么 啥 请问 咨询 问 问下 问一下 一下 "
    "去 可以 能 能否 能不能 会 应该 该 还 再 也 就 都 和 与 及 或 给 帮 帮忙 把 被 在 到 "
    "流程 手续 程序 步骤 材料 资料 条件 要求 需要什么 要什么 带什么 表格 申请表 下载 "
    "多久 多长时间 时间 几天 多少钱 费用 收费 地址 地点 电话 窗口 网上 在线 线上 "
    "办 办理 办个 去办 开 开个 开一个 弄 搞 做 申请 申办 想开 想办 新开 开设 "
    "手续费 业务 事 事情 问题 情况 相关 有关 "
    # acts said in everyday words (the act is kept apart, see query_act)
    "丢 丢了 丢失 弄丢 掉 掉了 找不到 坏了 被偷 被盗 重新办 重办 补 补个 补一个 不干 不干了 "
    "不做了 不开了 倒闭 关门 关店 到期 过期 快到期 改 考 领".split()
)
# Words for "a shop" or "a paper" on their own: filler too, but part of a name when joined
# to a word (狗证, 药店), unlike the words above.
PLACE_WORDS = frozenset("店 店铺 铺子 门店 证 证件".split())
# Single characters that make a filler token when a token is made only of them (想开, 开个).
FILLER_CHARACTERS = frozenset("我想要开办个去弄搞做申请的了吗呢吧啊呀么嘛一下该能会")
# A trailing shop word that only says "a place": 火锅店 → 火锅. (A word ending in 证 that
# jieba keeps whole is a known document: 身份证 stays.)
SHOP_SUFFIXES = ("店", "铺")
# Catalogue words too common to identify a matter on their own; they rank, never match alone.
GENERIC_WORDS = frozenset(
    "登记 备案 审批 许可 许可证 核发 申请 申领 办理 证明 经营 服务 管理 信息 事项 手续 "
    "变更 注销 新办 延续 补办 补领 补发 换领 换证 设立 确认 核准 认定 审核 审查 发放 "
    "核定 认证 注册 批准 领取 提取 缴存 缴纳 查询 受理 给付 待遇 资格 一件事 "
    "证 证件 证书 执照 卡".split()
)

NEW, CHANGE, RENEW, REPLACE, CLOSE = "new", "change", "renew", "replace", "close"
# What a query asks for, by its words; a later act wins over 新办 (办补办 → replacement).
QUERY_ACTS = {
    REPLACE: "补办 补领 补发 补证 补 补一个 换领 遗失 丢 丢了 丢失 弄丢 掉 掉了 找不到 损坏 坏了 "
    "挂失 被偷 被盗 重新办 重办",
    CLOSE: "注销 歇业 停业 关店 关门 不干 不干了 不做了 不开了 倒闭 撤销 关闭 退出 销户",
    CHANGE: "变更 更改 修改 改 改名 改名字 换法人 改地址 搬家 迁址 更名 换名字",
    RENEW: "延续 续期 延期 到期 过期 快到期 续办 续证 年审 再注册",
    NEW: "办 开 申请 新办 申领 办理 考 领 首次 初次 注册 成立 开办 开设 设立 新开 想开 开个 办个",
}
ACT_OF_WORD = {word: act for act, words in QUERY_ACTS.items() for word in words.split()}
# How titles name the member of a family, checked from the end of the title.
TITLE_ACTS = {
    REPLACE: ("补办", "补领", "补发", "换领", "换发", "遗失"),
    CLOSE: ("注销", "歇业", "停业", "终止", "撤销"),
    CHANGE: ("变更", "更正", "更名"),
    RENEW: ("延续", "延期", "续期", "换证", "再注册"),
    NEW: ("新办", "核发", "设立", "首次", "初次", "申领", "开办", "新设", "准予"),
}
_TITLE_MARKER = re.compile("|".join(w for words in TITLE_ACTS.values() for w in words))
_ACT_OF_MARKER = {w: act for act, words in TITLE_ACTS.items() for w in words}
# A whole query ending like this names a document someone wants issued.
DOCUMENT_SUFFIXES = ("证", "照", "证明", "证书", "执照", "卡", "簿", "本", "牌", "许可证", "批准书")


def is_filler(token):
    """A filler word, or a token made only of filler characters (jieba's 想开, 开个)."""
    return token in PLACE_WORDS or is_asking(token)


def is_asking(token):
    """How someone asks or what they do, rather than what they ask for (开办, a word titles
    use, is neither)."""
    if token in FILLER_WORDS:
        return True
    return len(token) <= 3 and set(token) <= FILLER_CHARACTERS and token not in _ACT_OF_MARKER


def strip_shop_suffix(token):
    """火锅店 → 火锅; 饭店 stays whole (one character says too little)."""
    for suffix in SHOP_SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= 2:
            return token[: -len(suffix)]
    return token


def strip_leading_verb(token, known):
    """办狗证 → 狗证, 开药店 → 药店: jieba keeps some verb + thing pairs as one word. Only
    when what follows is a word itself (办公室 and 开发区 stay)."""
    if len(token) >= 3 and token[0] in "开办" and token not in ACT_OF_WORD and known(token[1:]):
        return token[1:]
    return token


def is_generic(word):
    return word in GENERIC_WORDS or len(word) < 2


def query_act(tokens):
    """The act a query asks for: the last act word that is not 新办, else 新办."""
    acts = [ACT_OF_WORD[t] for t in tokens if t in ACT_OF_WORD]
    specific = [a for a in acts if a != NEW]
    return specific[-1] if specific else NEW


def title_act(title):
    """Which member of a family a title names: the act word nearest its end, or ""."""
    found = _TITLE_MARKER.findall(title or "")
    return _ACT_OF_MARKER[found[-1]] if found else ""


def names_a_document(text):
    return len(text) >= 2 and text.endswith(DOCUMENT_SUFFIXES)
