"""The editors' synonym list, applied at query time so an edit works on the next search, on
both backends, without re-indexing."""

import threading
import time
from collections import defaultdict

from django.conf import settings
from django.db.models import Count, Max
from django.db.models.signals import post_delete, post_save

from .chinese import pinyin_full, pinyin_initials, word_boundaries
from .models import Synonym, split_terms

EXPANSION_BOOST = 0.7  # a synonym counts a little less than the words typed
PINYIN_BOOST = 1.0  # a pinyin query that spells a known term means that term
HOMOPHONE_BOOST = 0.8  # a Han query that sounds like a known term (a typo) probably means it


def _phrases_in(text, bounds, longest):
    """(phrase) of `text` from a word start to a word end: 生孩子 in 生|孩子, 狗证 in 办|狗证;
    not 建房 in 翻建|房屋 nor 执照 in 驾驶执照."""
    edges = sorted(b for b in bounds if 0 <= b <= len(text))
    for i, start in enumerate(edges):
        for end in edges[i + 1 :]:
            if end - start > longest:
                break
            yield text[start:end]


class Vocabulary:
    def __init__(self, entries, version=None):
        # entries: (colloquial, official terms, two_way)
        self.entries = [(c, tuple(o), two_way) for c, o, two_way in entries]
        self.version = version
        self.by_pinyin = defaultdict(set)
        # Where each phrase is used: as the colloquial side of entries, or as an official
        # term of two-way entries (which then bring their colloquial side).
        self.as_colloquial = defaultdict(list)
        self.as_official = defaultdict(list)
        for index, (colloquial, official, two_way) in enumerate(self.entries):
            self.as_colloquial[colloquial].append(index)
            if two_way:
                for term in official:
                    self.as_official[term].append(index)
            for term in (colloquial, *official):
                if len(term) < 2:
                    continue
                self.by_pinyin[pinyin_full(term)].add(term)
                self.by_pinyin[pinyin_initials(term)].add(term)
        self.longest = max((len(p) for p in (*self.as_colloquial, *self.as_official)), default=0)

    def expand(self, text, letters="", bounds=None, homophone="", also=()):
        """Phrases to look for besides the query itself, with their boost; `bounds` are the
        offsets where the query's words start and end (jieba's, by default). A term of the
        list spelled by the letters, or sounding like the Han query (低报 → 低保), counts as
        typed; `also` holds more (text, bounds) to look in."""
        phrases = {}
        typed = text.replace(" ", "")
        said = {typed, *(t for t, _b in also)}
        sound = letters or homophone
        spelled = sorted(t for t in self.by_pinyin.get(sound, ()) if t not in said) if sound else []
        for term in spelled:
            phrases[term] = PINYIN_BOOST if letters else HOMOPHONE_BOOST
        bounds = word_boundaries(text) if bounds is None else bounds
        texts = [(text, bounds), *also, *((t, {0, len(t)}) for t in spelled)]
        found, reverse = set(), set()
        for piece, piece_bounds in texts:
            for phrase in _phrases_in(piece, piece_bounds, self.longest):
                found.update(self.as_colloquial.get(phrase, ()))
                reverse.update(self.as_official.get(phrase, ()))
        # In list order, as editors see it.
        for index in sorted(found | reverse):
            colloquial, official, _two_way = self.entries[index]
            if index in found:
                for term in official:
                    phrases.setdefault(term, EXPANSION_BOOST)
            else:
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
_cache = {"version": None, "vocabulary": Vocabulary([]), "checked": 0.0}


def vocabulary():
    """The current vocabulary; a cheap aggregate (at most every SEARCH_SYNONYMS_CHECK
    seconds; edits in this process at once) tells whether the list changed since it was built."""
    if time.monotonic() - _cache["checked"] < settings.SEARCH_SYNONYMS_CHECK:
        return _cache["vocabulary"]
    version = tuple(Synonym.objects.aggregate(n=Count("id"), changed=Max("updated_at")).values())
    if version != _cache["version"]:
        rows = Synonym.objects.values_list("colloquial", "official", "two_way")
        built = Vocabulary(((c, split_terms(o), two_way) for c, o, two_way in rows), version)
        with _lock:
            _cache.update(version=version, vocabulary=built)
    _cache["checked"] = time.monotonic()
    return _cache["vocabulary"]


def _edited(**kwargs):
    _cache["checked"] = 0.0


post_save.connect(_edited, sender=Synonym, dispatch_uid="search-synonym-saved")
post_delete.connect(_edited, sender=Synonym, dispatch_uid="search-synonym-deleted")
