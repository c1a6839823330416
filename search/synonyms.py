"""The editors' synonym list, applied at query time so an edit works on the next search, on
both backends, without re-indexing."""

import threading
from collections import defaultdict

from django.db.models import Count, Max

from .chinese import pinyin_full, pinyin_initials, word_boundaries
from .models import Synonym, split_terms

EXPANSION_BOOST = 0.7  # a synonym counts a little less than the words typed
PINYIN_BOOST = 1.0  # a pinyin query that spells a known term means that term
HOMOPHONE_BOOST = 0.8  # a Han query that sounds like a known term (a typo) probably means it


def _occurs(phrase, text, bounds):
    """`phrase` in `text` from a word start to a word end: 生孩子 in 生|孩子, 狗证 in 办|狗证;
    not 建房 in 翻建|房屋 nor 执照 in 驾驶执照."""
    start = text.find(phrase)
    while start != -1:
        if start in bounds and start + len(phrase) in bounds:
            return True
        start = text.find(phrase, start + 1)
    return False


class Vocabulary:
    def __init__(self, entries, version=None):
        # entries: (colloquial, official terms, two_way)
        self.entries = [(c, tuple(o), two_way) for c, o, two_way in entries]
        self.version = version
        self.by_pinyin = defaultdict(set)
        for colloquial, official, _two_way in self.entries:
            for term in (colloquial, *official):
                if len(term) < 2:
                    continue
                self.by_pinyin[pinyin_full(term)].add(term)
                self.by_pinyin[pinyin_initials(term)].add(term)

    def expand(self, text, letters="", bounds=None, homophone="", also=()):
        """Phrases to look for besides the query itself, with their boost; `bounds` are the
        offsets where the query's words start and end (jieba's, by default). A term of the
        list spelled by the letters, or sounding like the Han query (低报 → 低保), counts as
        typed; `also` holds more (text, bounds) to look in."""
        phrases = {}
        typed = text.replace(" ", "")
        sound = letters or homophone
        said = {typed, *(t for t, _b in also)}
        spelled = sorted(t for t in self.by_pinyin.get(sound, ()) if t not in said) if sound else []
        for term in spelled:
            phrases[term] = PINYIN_BOOST if letters else HOMOPHONE_BOOST
        bounds = word_boundaries(text) if bounds is None else bounds
        texts = [(text, bounds), *also, *((t, {0, len(t)}) for t in spelled)]
        for colloquial, official, two_way in self.entries:
            if any(_occurs(colloquial, t, bounds) for t, bounds in texts):
                for term in official:
                    phrases.setdefault(term, EXPANSION_BOOST)
            elif two_way and any(_occurs(o, t, b) for o in official for t, b in texts):
                phrases.setdefault(colloquial, EXPANSION_BOOST)
        for term in (typed, *spelled):
            if phrases.get(term) == EXPANSION_BOOST:
                del phrases[term]  # the query itself is already searched for
        return phrases

    def with_entry(self, colloquial, official):
        """This vocabulary and one pair more (the zero-result review's preview)."""
        return Vocabulary([*self.entries, (colloquial, tuple(official), False)], self.version)

    def words(self):
        """Every phrase of the list, for jieba's dictionary."""
        return {t for c, official, _t in self.entries for t in (c, *official)}


_lock = threading.Lock()
_cache = {"version": None, "vocabulary": Vocabulary([])}


def vocabulary():
    """The current vocabulary; one cheap aggregate per call tells whether any process has
    edited the list since it was built."""
    version = tuple(Synonym.objects.aggregate(n=Count("id"), changed=Max("updated_at")).values())
    if version != _cache["version"]:
        rows = Synonym.objects.values_list("colloquial", "official", "two_way")
        built = Vocabulary(((c, split_terms(o), two_way) for c, o, two_way in rows), version)
        with _lock:
            _cache.update(version=version, vocabulary=built)
    return _cache["vocabulary"]
