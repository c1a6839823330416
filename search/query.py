"""From what a citizen typed to what both backends look for.

The query is cut into words by jieba (the catalogue's vocabulary loaded, lexicon.py); filler,
shop and act words are set aside (wording.py). What remains is the subject. Both backends
receive the same ParsedQuery and walk the same ladder of rungs, stopping at the first that
finds something:

1. strict, in the short fields (title, aliases, result, memberships, themes, department):
   three in four of the subject's cjk bigrams, counted over the words that identify a
   matter (烟草 in 烟草许可, not 许可); or a synonym phrase whole; or the letters in the
   pinyin or initials; or the pinyin of a Han query (homophone typos); or a matter code;
2. strict, with every subject word also allowed in the long fields (materials, conditions);
3. approximate: half of those bigrams;
4. approximate: any one identifying word (or a word of a synonym phrase) in the short or
   the long fields;
5. approximate: the pinyin of any identifying word (a typo in one word of several).
Zero results only when no identifying word of the query occurs anywhere. Catalogue words
(登记, 许可, 补办) never match alone once something else was typed; they only rank.
"""

import math
import re
from dataclasses import dataclass, replace

import jieba

from . import lexicon, results_cache
from .chinese import (
    cjk_terms,
    is_han,
    is_pinyin_query,
    is_word,
    normalise,
    pinyin_full,
    query_words,
    word_parts,
)
from .synonyms import EXPANSION_BOOST, vocabulary
from .wording import (
    is_filler,
    is_generic,
    names_a_document,
    query_act,
    strip_leading_verb,
    strip_shop_suffix,
)

MAX_QUERY_LENGTH = 100
MAX_TERMS = 24
MAX_EXPANSIONS = 16
PART_BOOST = 0.8  # a word inside a query word (驾驶 in 驾驶执照), on the approximate rungs
_CODE = re.compile(r"[0-9a-z][0-9a-z-]{11,63}")


@dataclass(frozen=True)
class Expansion:
    phrase: str
    terms: tuple
    boost: float = EXPANSION_BOOST
    generic: bool = False  # only catalogue words (注销登记)


@dataclass(frozen=True)
class Clause:
    """Terms looked for together: cjk bigrams in the short fields, or jieba words in the long
    field (`long`). A document satisfies the clause when `required` of them occur; a clause
    requiring none only adds to the score of documents another clause found."""

    terms: tuple
    required: int
    boost: float = 1.0
    long: bool = False


@dataclass(frozen=True)
class Rung:
    """One step of the ladder: a document matches when it satisfies any clause with
    required terms, or its pinyin holds the letters or a homophone, or it has the code."""

    clauses: tuple = ()
    letters: str = ""
    homophones: tuple = ()
    code: str = ""
    approximate: bool = False

    @property
    def matches_something(self):
        return bool(
            any(c.required for c in self.clauses) or self.letters or self.homophones or self.code
        )


@dataclass(frozen=True)
class ParsedQuery:
    raw: str = ""
    subject: str = ""  # what was typed without its filler words, runs apart
    terms: tuple = ()  # bigrams of the subject
    anchors: tuple = ()  # bigrams of the subject's identifying words
    required: int = 0  # of the anchors
    words: tuple = ()  # the subject's words, for the long fields
    subjects: tuple = ()  # identifying words
    expansions: tuple = ()
    letters: str = ""
    homophone: str = ""
    code: str = ""
    act: str = ""  # wording.NEW, REPLACE, …: the member of a family asked for
    documents: tuple = ()  # phrases naming a document the citizen wants issued

    @property
    def is_empty(self):
        return not (self.terms or self.words or self.expansions or self.letters or self.code)

    @property
    def highlight_terms(self):
        terms = list(self.terms) + list(self.words)
        for expansion in self.expansions:
            terms.extend(expansion.terms)
        return tuple(dict.fromkeys(t for t in terms if len(t) > 1 or is_han(t)))

    def ladder(self):
        """The rungs to try, strictest first; a rung that would find nothing new is left out."""
        scoring = (Clause(self.terms, 0),) if self.terms and self.terms != self.anchors else ()
        # A synonym made of catalogue words only (不干了 → 注销) ranks but does not match
        # when the query names something (烟草店不干了).
        expansions = tuple(
            Clause(e.terms, 0 if self.subjects and e.generic else len(e.terms), e.boost)
            for e in self.expansions
        )
        anchors = (Clause(self.anchors, self.required),) if self.anchors else ()
        strict = Rung(anchors + scoring + expansions, self.letters,
                      (self.homophone,) if self.homophone else (), self.code)  # fmt: skip
        rungs = [strict]
        if self.words:
            parts = tuple(dict.fromkeys(p for w in self.words for p in word_parts(w)))
            long = Clause(parts, len(parts), long=True)
            rungs.append(replace(strict, clauses=strict.clauses + (long,)))
        fewer = math.ceil(len(self.anchors) / 2)
        if self.anchors and 0 < fewer < self.required:
            relaxed = (Clause(self.anchors, fewer),) + scoring + expansions
            rungs.append(Rung(relaxed, approximate=True))
        single = []
        for word, boost in self._relaxed_words():
            single.append(Clause(tuple(cjk_terms(word)), len(cjk_terms(word)), boost))
            parts = tuple(word_parts(word))
            single.append(Clause(parts, len(parts), boost, long=True))
        if single:
            rungs.append(Rung(tuple(single) + (Clause(self.terms, 0),), approximate=True))
        homophones = tuple(
            dict.fromkeys(pinyin_full(w) for w, _b in self._relaxed_words() if is_han(w))
        )
        if homophones and homophones != strict.homophones:
            rungs.append(Rung((Clause(self.terms, 0),), homophones=homophones, approximate=True))
        return [r for r in rungs if r.matches_something]

    def _relaxed_words(self):
        """Identifying words of the query, the shorter words inside them (驾驶 in 驾驶执照),
        then those of its synonym phrases (weighing less)."""
        found = {w: 1.0 for w in self.subjects}
        for subject in self.subjects:
            for part in word_parts(subject):
                if not is_generic(part):
                    found.setdefault(part, PART_BOOST)
        for expansion in self.expansions:
            for word in query_words(expansion.phrase):
                if not is_generic(word):
                    found.setdefault(word, expansion.boost)
        return list(found.items())


def required_terms(count):
    """OpenSearch's minimum_should_match "1<75%": a single term, else 75% rounded down (one
    of two, two of three, three of four)."""
    return count if count <= 1 else (count * 3) // 4


def _boundaries(raw):
    """Where the query's words start and end, a leading verb counting as a word (办|狗证)."""
    bounds = {0, len(raw)}
    for word, start, end in jieba.tokenize(raw):
        bounds.update((start, end))
        if strip_leading_verb(word, is_word) != word:
            bounds.add(start + 1)
    return bounds


def _subject(raw):
    """Runs of subject words (jieba words between filler words), the subject as typed, and
    all of the query's words."""
    tokens = query_words(raw)
    runs, run, typed = [], [], []
    for token in tokens:
        if is_filler(token):
            runs, run = runs + [run], []
            continue
        word = strip_leading_verb(token, is_word)
        run.append(strip_shop_suffix(word))
        typed.append(word)
    runs = [r for r in runs + [run] if r]
    return runs, typed, tokens


def _joined(words):
    """The words as one text, with their boundaries: 公司|注销 from 公司不想做了怎么注销."""
    bounds, offset = {0}, 0
    for word in words:
        offset += len(word)
        bounds.add(offset)
    return "".join(words), bounds


def _identifying(runs):
    """Runs cut again at catalogue words, so bigrams never span 烟草|许可."""
    pieces = []
    for run in runs:
        piece = []
        for word in run:
            if is_generic(word):
                pieces, piece = pieces + [piece], []
            else:
                piece.append(word)
        pieces.append(piece)
    return ["".join(p) for p in pieces if p]


def _document_words():
    from .models import SearchDocument

    for title, aliases, result in SearchDocument.objects.values_list(
        "title", "aliases", "result_name"
    ).iterator(chunk_size=2000):
        yield from (title, aliases, result)


def parse(raw, known=None):
    """The ParsedQuery of what was typed; `known` replaces the synonym list (a preview).
    Parses are kept per text, synonym list and index generation (the catalogue's words)."""
    raw = normalise(raw)[:MAX_QUERY_LENGTH]
    if not raw:
        return ParsedQuery()
    current = vocabulary()
    version = (current.version, results_cache.generation())
    lexicon.ensure(version, current.words, _document_words)
    if known is not None:
        return _parse(raw, known)
    key = ("parse", raw, version)
    parsed = results_cache.answers.get(key)
    if parsed is None:
        parsed = _parse(raw, current)
        results_cache.answers.put(key, parsed)
    return parsed


def _parse(raw, known):
    runs, typed, tokens = _subject(raw)
    subject_text, subject_bounds = _joined(typed)
    terms = tuple(dict.fromkeys(cjk_terms(" ".join("".join(r) for r in runs))))[:MAX_TERMS]
    anchors = tuple(dict.fromkeys(cjk_terms(" ".join(_identifying(runs)))))[:MAX_TERMS] or terms
    compact = raw.replace(" ", "")
    letters = compact if is_pinyin_query(raw) and len(compact) >= 2 else ""
    han = "".join("".join(r) for r in runs)
    homophone = pinyin_full(han) if is_han(han) and len(han) >= 2 else ""
    # Synonyms are looked for in what was typed and in it without its filler words.
    phrases = known.expand(raw, letters, _boundaries(raw), homophone,
                           also=[(subject_text, subject_bounds)])  # fmt: skip
    expansions = tuple(
        Expansion(
            phrase, tuple(cjk_terms(phrase)), boost, all(map(is_generic, query_words(phrase)))
        )
        for phrase, boost in phrases.items()
        if cjk_terms(phrase)
    )[:MAX_EXPANSIONS]
    # A query that is only the name of a document (营业执照, 驾照) asks for what issues it.
    # The subject as typed, when it is one or two words (营业执照, 个体工商户营业执照).
    named = subject_text if len(runs) == 1 and len(typed) <= 2 else ""
    documents = ()
    if names_a_document(named):
        named = [named, *(e.phrase for e in expansions if names_a_document(e.phrase))]
        documents = tuple(dict.fromkeys(named))
    return ParsedQuery(
        raw=raw,
        subject=" ".join("".join(r) for r in runs),
        terms=terms,
        anchors=anchors,
        required=required_terms(len(anchors)),
        words=tuple(dict.fromkeys(w for r in runs for w in r if len(w) > 1))[:MAX_TERMS],
        subjects=tuple(dict.fromkeys(w for r in runs for w in r if not is_generic(w)))[:MAX_TERMS],
        expansions=expansions,
        letters=letters,
        homophone=homophone,
        code=compact if _CODE.fullmatch(compact) and any(c.isdigit() for c in compact) else "",
        act=query_act(tokens),
        documents=documents,
    )
