"""Chinese text analysis done in Python, shared by both backends.

`cjk_terms` mirrors OpenSearch's built-in `cjk` analyzer (standard tokenizer, width folding,
lowercase, CJK bigrams, English stop words) so that the database backend indexes and queries
the same terms the engine does; tests/search/test_analysis_parity.py checks this against a
real node. jieba supplies whole words for long texts, pypinyin the pinyin of titles.
"""

import logging
import re
import unicodedata
from functools import lru_cache

import jieba
from pypinyin import Style, lazy_pinyin

jieba.setLogLevel(logging.WARNING)

# i18n: data
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(f"[{_HAN}]+|[a-z0-9]+")
_HAN_ONLY = re.compile(f"[{_HAN}]+")
_NOT_PINYIN = re.compile(r"[^a-z0-9]")
_ASCII_WORD = re.compile(r"[a-z0-9]+")
# The stop set of Lucene's CJKAnalyzer, which OpenSearch's `cjk` analyzer uses.
CJK_STOP_WORDS = frozenset(
    "a and are as at be but by for if in into is it no not of on or s such t that the their then "
    "there these they this to was will with www".split()
)


def normalise(text):
    """Full-width to half-width, lower case, one space between words."""
    return " ".join(unicodedata.normalize("NFKC", text or "").lower().split())


def is_han(text):
    return bool(text) and _HAN_ONLY.fullmatch(text) is not None


def cjk_terms(text):
    """The terms the `cjk` analyzer produces: bigrams of each run of Han characters (a lone
    character stays a unigram) and lower-cased Latin words and numbers, in order."""
    terms = []
    for run in _RUN.findall(normalise(text)):
        if run[0].isascii():
            if run not in CJK_STOP_WORDS:
                terms.append(run)
        elif len(run) == 1:
            terms.append(run)
        else:
            terms.extend(run[i : i + 2] for i in range(len(run) - 1))
    return terms


def index_words(text):
    """Words of a long text for the word index: jieba's search mode, which also emits the
    shorter words inside long ones, so a query word of either length finds them. Single
    characters (的, 在, list numbers) say too little to be worth indexing."""
    return [w for w in jieba.cut_for_search(normalise(text)) if len(w) > 1 and _RUN.fullmatch(w)]


def word_parts(word):
    """What a query word is looked for as in the word index: the shorter dictionary words
    jieba's search mode emits inside it (出生医学证明 → 出生, 医学, 证明), which are indexed
    whether or not the long word was in jieba's dictionary when the text was indexed."""
    parts = [w for w in jieba.cut_for_search(word) if w != word and len(w) > 1]
    return parts or [word]


def word_boundaries(text):
    """Offsets in `text` where jieba's words (precise mode) start or end."""
    bounds = {0, len(text)}
    for _word, start, end in jieba.tokenize(text):
        bounds.update((start, end))
    return bounds


def query_words(text):
    """Words of a query: jieba's precise mode (营业执照 stays one word)."""
    return [w for w in jieba.cut(normalise(text)) if _RUN.fullmatch(w)]


def is_word(text):
    """Whether jieba's dictionary (with the words added to it) holds this word."""
    return jieba.dt.FREQ.get(text, 0) > 0


@lru_cache(maxsize=4096)
def pinyin_full(text):
    """Toneless pinyin without separators: 营业执照 → yingyezhizhao."""
    return _NOT_PINYIN.sub("", "".join(lazy_pinyin(normalise(text))))


@lru_cache(maxsize=4096)
def pinyin_initials(text):
    """First letters: 营业执照 → yyzz (zh, ch and sh count as z, c and s, as people type them)."""
    return _NOT_PINYIN.sub("", "".join(lazy_pinyin(normalise(text), style=Style.FIRST_LETTER)))


def is_pinyin_query(text):
    """Letters only (spaces allowed): read as pinyin or initials, not as an English word."""
    compact = normalise(text).replace(" ", "")
    return bool(compact) and compact.isascii() and compact.isalpha()


def ascii_words(text):
    return _ASCII_WORD.findall(normalise(text))
