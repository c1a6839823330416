from django.utils.text import slugify
from pypinyin import lazy_pinyin


def pinyin_slug(text, max_length=80):
    """ASCII slugs for Chinese titles: URLs stay readable when printed and typed."""
    return slugify("-".join(lazy_pinyin(text)))[:max_length].strip("-") or "page"
