"""From what a citizen typed to what both backends look for.

Both backends receive the same ParsedQuery, so the matching rules live here once:
- `terms` (cjk bigrams of what is left once filler words are removed) must mostly occur
  in the short fields: three in four, rounded down (OpenSearch's "1<75%");
- or an expansion occurs whole in the short fields (synonyms; a pinyin query that spells a
  known term);
- or the letters occur in the pinyin or the initials of a title, alias or result name;
- or the pinyin of a Han query occurs in that pinyin (homophone typos: 林木采发 → 林木采伐);
- or the query is a matter code;
- and only when none of that finds anything: every query word occurs in the long fields
  (`words`: materials, conditions, handling office).
"""

import re
from dataclasses import dataclass

from .chinese import (
    cjk_terms,
    is_han,
    is_pinyin_query,
    normalise,
    pinyin_full,
    query_words,
)
from .synonyms import EXPANSION_BOOST, vocabulary

MAX_QUERY_LENGTH = 100
MAX_TERMS = 24
# Words that say how someone asks, not what they ask for.
FILLER_WORDS = frozenset(
    "了 的 吗 呢 吧 啊 呀 么 我 我要 我想 想 要 想要 需要 怎么 怎么办 怎样 如何 怎么样 "
    "哪里 在哪 在哪里 去哪 去哪里 哪儿 什么 啥 请问 咨询 办 办理 去 可以 能 能否 能不能 "
    "应该 该 流程 手续".split()
)
_CODE = re.compile(r"[0-9a-z][0-9a-z-]{11,63}")


@dataclass(frozen=True)
class Expansion:
    phrase: str
    terms: tuple
    boost: float = EXPANSION_BOOST


@dataclass(frozen=True)
class ParsedQuery:
    raw: str = ""
    terms: tuple = ()
    required: int = 0
    words: tuple = ()
    expansions: tuple = ()
    letters: str = ""
    homophone: str = ""
    code: str = ""

    @property
    def is_empty(self):
        return not (self.terms or self.words or self.expansions or self.letters or self.code)

    @property
    def highlight_terms(self):
        terms = list(self.terms) + list(self.words)
        for expansion in self.expansions:
            terms.extend(expansion.terms)
        return tuple(dict.fromkeys(t for t in terms if len(t) > 1 or is_han(t)))


def required_terms(count):
    """OpenSearch's minimum_should_match "1<75%": a single term, else 75% rounded down (one
    of two, two of three, three of four)."""
    return count if count <= 1 else (count * 3) // 4


def parse(raw):
    raw = normalise(raw)[:MAX_QUERY_LENGTH]
    if not raw:
        return ParsedQuery()
    # Runs of what remains once filler words are taken out (我要|办|营业执照 → 营业执照):
    # bigrams are taken within a run, never across a removed word.
    runs, run = [], ""
    for word in query_words(raw):
        if word in FILLER_WORDS:
            runs, run = runs + [run], ""
        else:
            run += word
    runs = [r for r in runs + [run] if r]
    terms = tuple(dict.fromkeys(cjk_terms(" ".join(runs))))[:MAX_TERMS]
    # A lone character (丢 in 身份证丢) is never a word of the word index.
    content = [w for r in runs for w in query_words(r) if len(w) > 1]
    compact = raw.replace(" ", "")
    letters = compact if is_pinyin_query(raw) and len(compact) >= 2 else ""
    han = "".join(runs)
    homophone = pinyin_full(han) if is_han(han) and len(han) >= 2 else ""
    phrases = vocabulary().expand(raw, letters)
    expansions = tuple(
        Expansion(phrase, tuple(cjk_terms(phrase)), boost)
        for phrase, boost in phrases.items()
        if cjk_terms(phrase)
    )
    return ParsedQuery(
        raw=raw,
        terms=terms,
        required=required_terms(len(terms)),
        words=tuple(dict.fromkeys(content))[:MAX_TERMS],
        expansions=expansions,
        letters=letters,
        homophone=homophone,
        code=compact if _CODE.fullmatch(compact) and any(c.isdigit() for c in compact) else "",
    )
