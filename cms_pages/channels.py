"""咨询方式 and 监督投诉方式 as channels: a phone, a window, a website, a letter, an email.

Departments write them in one cell, separated by ；: `电话：0874-6120117；窗口：综合受理区8号；
网上：https://…；信函：云溪县滨河路66号；邮箱：yj@example.cn`. A part without a label is read by
its shape (a number, a web address, an email address). The text is stored as written; this
module only reads it, for the page and for the importer's checks.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

KINDS = {
    "phone": _("电话"),
    "window": _("窗口"),
    "online": _("网上"),
    "letter": _("信函"),
    "email": _("邮箱"),
    "other": _("其他"),
}
# i18n: data
LABELS = {
    "电话": "phone", "热线": "phone", "咨询电话": "phone", "投诉电话": "phone", "监督电话": "phone",
    "窗口": "window", "现场": "window", "窗口咨询": "window", "现场咨询": "window",
    "网上": "online", "网址": "online", "网站": "online", "在线": "online", "网上咨询": "online",
    "网上投诉": "online",
    "信函": "letter", "来信": "letter", "通信地址": "letter", "邮寄地址": "letter",
    "邮箱": "email", "电子邮箱": "email", "邮件": "email", "电子邮件": "email",
}  # fmt: skip
# i18n: data
PHONE = re.compile(r"^\+?[\d\s()（）\-－—转]{3,30}$")
EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$")
URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
SEPARATORS = re.compile(r"[；;\n]")


@dataclass(frozen=True)
class Channel:
    kind: str
    value: str

    @property
    def label(self):
        return KINDS[self.kind]

    @property
    def href(self):
        """A link that is safe to put in an href: tel:, mailto: or an http(s) address."""
        if self.kind == "phone":
            # i18n: data
            digits = re.sub(r"[^\d+]", "", _number(self.value).split("转")[0])
            return f"tel:{digits}" if digits else ""
        if self.kind == "email" and EMAIL.match(self.value):
            return f"mailto:{self.value}"
        if self.kind == "online" and URL.match(self.value):
            return self.value
        return ""


LABELLED = re.compile(r"^([^：:]{1,6})[：:]\s*(.+)$", re.DOTALL)


def channel(part):
    text = part.strip()
    labelled = None if URL.match(text) else LABELLED.match(text)
    if labelled and labelled.group(1).strip() in LABELS:
        return Channel(LABELS[labelled.group(1).strip()], labelled.group(2).strip())
    if PHONE.match(_number(text)):
        return Channel("phone", text)
    for kind, pattern in (("online", URL), ("email", EMAIL)):
        if pattern.match(text):
            return Channel(kind, text)
    return Channel("other", text)


NOTE = re.compile(r"[（(][^（）()]*[)）]$")


def _number(text):
    """A phone number without a closing note such as `（工作日）`."""
    return NOTE.sub("", text).strip()


def parse_channels(text):
    return [channel(part) for part in SEPARATORS.split(text or "") if part.strip()]
