"""jieba's user dictionary: the catalogue's own words and the vocabulary's phrases.

Without it jieba cuts what it does not know into pieces (狗证 → 狗/证, 养犬登记 → 养犬/登记)
and a query's filler words and shop words cannot be told from its subject. Words are added
once per process as they appear (jieba's dictionary only grows); a new matter, alias or
synonym is picked up on the next query after the vocabulary or the index changed.
"""

import re
import threading

import jieba

from .chinese import is_han
from .wording import ACT_OF_WORD, FILLER_WORDS, GENERIC_WORDS, is_asking

MAX_WORD = 10
_PIECES = re.compile(r"[（）()、，,；;：:·\s“”\"《》【】\[\]]+")
_lock = threading.Lock()
_added = set()
_state = {"version": None}


def pieces(text):
    """The parts of a title or name between brackets and punctuation (食品经营许可（新办）
    → 食品经营许可, 新办), short enough to be words."""
    return [p for p in _PIECES.split(text or "") if 2 <= len(p) <= MAX_WORD and is_han(p)]


def _names_only(phrase):
    """A phrase of the synonym list that holds no asking or act word: 身份证丢了 and 开饭店
    must stay cut so their filler is recognised; 狗证 and 养犬登记 become words."""
    return not any(is_asking(token) for token in jieba.lcut(phrase))


def _add(words):
    new = [w for w in words if w and w not in _added]
    for word in new:
        jieba.add_word(word)
    _added.update(new)


def ensure(version, vocabulary_words, document_words):
    """Bring jieba's dictionary up to `version`; the word sources are only read when the
    version changed (callables, so an unchanged version costs nothing)."""
    if version == _state["version"]:
        return
    with _lock:
        if version == _state["version"]:
            return
        if not _added:
            _add(sorted(FILLER_WORDS | GENERIC_WORDS | set(ACT_OF_WORD)))
        _add(w for w in vocabulary_words() if len(w) <= MAX_WORD and _names_only(w))
        _add(w for text in document_words() for w in pieces(text))
        _state["version"] = version
