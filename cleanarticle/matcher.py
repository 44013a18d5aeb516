"""Compile a ``RuleSet`` for matching and find the rule that recognises a block.

Running every rule pattern over every block is the cost that dominates a naive
cleaner, and joining them into one alternation does not help: the ``regex`` engine
tries each alternative at each position, so a combined search costs more than the
separate ones. What makes matching cheap is a literal prefilter. Each pattern is
read once to find the literal strings a match cannot do without (``(privacy|terms)
\\s+policy`` needs "privacy" or "terms", or "policy"); one scan of a block with a
trie of all those strings (stdlib ``re``, a lookahead at each position) names the
few rules that can match it, and only those run, each with the ``regex`` timeout.
Rules whose pattern yields no literal (dates, numbers) always run. A block with
more words than any rule's short-line guard allows is not searched at all.

The answer is the one the combined alternations of the first design gave, whose
precedence is kept exactly: per tier of the short-line guard, rules anchored at the
block start (a leading ``^``, no top-level ``|``) are tried first, in file order;
then the leftmost-matching other rule, the first listed on a tie; a winner whose
guard the block exceeds hands over to the first rule of the tier that allows the
block and matches.
"""

from __future__ import annotations

import bisect
import functools
import logging
import operator
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Final

import ahocorasick
import regex

from .errors import PatternTimeoutError
from .rules import Rule, RuleSet

logger = logging.getLogger(__name__)

#: Tier floors of the short-line guard. A block of ``w`` words is tested against the
#: rules of the highest tier whose floor is below ``w`` (a block without words gets
#: the top tier): rules whose ``max_words`` exceeds the floor.
TIER_FLOORS: Final = (0, 8, 30)

#: First characters whose candidate rules ``_Indexed`` keeps: text in any script
#: has a few hundred; the bound keeps hostile text of every character from growing it.
START_CACHE_SIZE: Final = 4096

#: Largest set of exact strings tracked for a sub-pattern (``(a|b)(c|d)`` is four):
#: beyond it the prefilter keeps the most selective of the parts' literal sets.
_EXACT_LIMIT: Final = 64

#: The value of an Aho-Corasick hit ``(end, value)``.
_SECOND: Final = operator.itemgetter(1)

# Case folding for the prefilter, length-preserving so offsets into a folded text
# are offsets into the text. ``regex`` with IGNORECASE lets an ASCII letter of a
# pattern match exactly four other characters (checked over all of Unicode with
# regex 2026.5): U+0130 and U+0131 (Turkish dotted and dotless i), U+017F (long s)
# and U+212A (Kelvin sign). ``str.lower`` maps the last to "k" but not the others,
# and U+0130 lowers to two characters; they are mapped first.
_FOLD_SPECIAL: Final = re.compile("[\u0130\u0131\u017f\u212a]")
_FOLD_TABLE: Final = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """``text`` case-folded for the literal prefilter, with the same length.

    >>> fold("SHARE on Facebook"), fold("Kelvin \u212a, long \u017f")
    ('share on facebook', 'kelvin k, long s')
    """
    if not text.isascii() and _FOLD_SPECIAL.search(text):
        text = text.translate(_FOLD_TABLE)
    return text.lower()


# --- what a pattern cannot match without ---------------------------------------------------


class _Unfilterable(Exception):
    """A construct the literal analysis does not model: the rule always runs."""


@dataclass(frozen=True, slots=True)
class _Info:
    """What is known of the strings a sub-pattern matches.

    ``exact``: all of them, when few (``None`` otherwise); ``required``: sets of
    strings, one string of each of which every match contains; ``first``: the
    folded characters a non-empty match can start with (``None``: any; ``_NONWORD``
    stands for every character but an ASCII letter, digit or underscore);
    ``nullable``: it may match the empty string.
    """

    exact: frozenset[str] | None
    required: tuple[frozenset[str], ...] = ()
    first: frozenset[str] | None = None
    nullable: bool = True


_NONWORD: Final = "\\W"
_DIGITS: Final = frozenset("0123456789")
_ANY_CHAR: Final = _Info(None, nullable=False)
_EMPTY: Final = _Info(frozenset({""}), first=frozenset())
_ZERO_WIDTH_ESCAPES: Final = frozenset("bBAZzGmM")
#: Escapes of one character, and what it can start with.
_CLASS_ESCAPES: Final = {
    "s": frozenset({_NONWORD}),
    "W": frozenset({_NONWORD}),
    "d": _DIGITS | {_NONWORD},  # Unicode digits beyond ASCII are in _NONWORD
    "S": None,
    "w": None,
    "D": None,
    "X": None,
}
_QUANTIFIER_RE: Final = re.compile(r"\{(\d*)(?:,(\d*))?\}")
_FLAGS_GROUP_RE: Final = re.compile(r"\?-?i:")


def _literal(char: str) -> _Info:
    first = frozenset({char.lower()}) if _caseless(char) else None
    return _Info(frozenset({char}), first=first, nullable=False)


def _caseless(char: str) -> bool:
    """A character ``fold`` keeps and no other character matches case-insensitively:
    ASCII, or an uncased punctuation, symbol or space character ("©", "–", "×";
    checked over all of Unicode with regex 2026.5, circled letters excluded)."""
    return char.isascii() or (
        unicodedata.category(char)[0] in "PSZ" and char.lower() == char == char.upper()
    )


def _piece(literal: str) -> str:
    """The longest run of ``_caseless`` characters of ``literal``, lowercased: a
    string every text containing ``literal`` contains once folded."""
    pieces, current = [], []
    for char in literal:
        if _caseless(char):
            current.append(char)
        else:
            pieces.append("".join(current))
            current = []
    pieces.append("".join(current))
    return max(pieces, key=len).lower()


def _best(info: _Info) -> frozenset[str] | None:
    """The most selective required set of ``info``, as folded pieces."""
    candidates = list(info.required)
    if info.exact is not None:
        candidates.append(info.exact)
    best: frozenset[str] | None = None
    best_key = (0, 0)
    for strings in candidates:
        pieces = frozenset(_piece(s) for s in strings)
        if not pieces or "" in pieces:
            continue
        key = (min(map(len, pieces)), -len(pieces))
        if key > best_key:
            best, best_key = pieces, key
    return best


def _concat(parts: list[_Info]) -> _Info:
    current: set[str] = {""}
    exact = True
    required: list[frozenset[str]] = []
    first: frozenset[str] | None = frozenset()
    nullable = True

    def flush() -> None:
        if "" not in current:
            required.append(frozenset(current))

    for part in parts:
        if nullable:  # every part so far may be empty: this one may give the first char
            first = None if first is None or part.first is None else first | part.first
            nullable = part.nullable
        required.extend(part.required)
        if part.exact is None:
            flush()
            current, exact = {""}, False
        elif len(current) * len(part.exact) <= _EXACT_LIMIT:
            current = {a + b for a in current for b in part.exact}
        else:
            flush()
            current, exact = set(part.exact), False
    if exact:
        return _Info(frozenset(current), tuple(required), first, nullable)
    flush()
    return _Info(None, tuple(required), first, nullable)


def _alternation(branches: list[_Info]) -> _Info:
    if len(branches) == 1:
        return branches[0]
    firsts = [b.first for b in branches]
    first = None if None in firsts else frozenset().union(*(f for f in firsts if f is not None))
    nullable = any(b.nullable for b in branches)
    exacts = [b.exact for b in branches]
    if all(e is not None for e in exacts):
        union = frozenset().union(*(e for e in exacts if e is not None))
        if len(union) <= _EXACT_LIMIT:
            return _Info(union, (), first, nullable)
    sets = [_best(b) for b in branches]
    if any(s is None for s in sets):
        return _Info(None, (), first, nullable)
    required = frozenset().union(*(s for s in sets if s is not None))
    return _Info(None, (required,), first, nullable)


def _repeat(atom: _Info, low: int, high: int | None) -> _Info:
    if low == 0:
        if high == 0:
            return _EMPTY
        exact = atom.exact | {""} if high == 1 and atom.exact is not None else None
        return _Info(exact, (), atom.first, True)
    if low == high == 1:
        return atom
    if atom.exact is not None and low == high and len(atom.exact) ** low <= _EXACT_LIMIT:
        return _concat([atom] * low)
    best = _best(atom)
    required = atom.required + ((best,) if best is not None else ())
    return _Info(None, required, atom.first, atom.nullable)


class _Parser:
    """Reads a verbose ``regex`` pattern into an ``_Info`` (a subset of the syntax:
    anything else raises ``_Unfilterable``)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.pos = 0
        #: Every top-level alternative starts with ``^``.
        self.anchored = True

    def parse(self) -> _Info:
        info = self._alternation(top=True)
        if self.pos != len(self.source):
            raise _Unfilterable("unbalanced )")
        return info

    def _skip(self) -> None:
        src = self.source
        while self.pos < len(src):
            char = src[self.pos]
            if char.isspace():
                self.pos += 1
            elif char == "#":
                end = src.find("\n", self.pos)
                self.pos = len(src) if end < 0 else end + 1
            else:
                return

    def _peek(self) -> str:
        src, pos = self.source, self.pos
        if pos < len(src) and not src[pos].isspace() and src[pos] != "#":
            return src[pos]  # the common case, without a call (warm-up time)
        self._skip()
        return src[self.pos] if self.pos < len(src) else ""

    def _alternation(self, top: bool = False) -> _Info:
        branches = [self._sequence(top)]
        while self._peek() == "|":
            self.pos += 1
            branches.append(self._sequence(top))
        return _alternation(branches)

    def _sequence(self, top: bool) -> _Info:
        parts: list[_Info] = []
        if top and self._peek() != "^":
            self.anchored = False
        while self._peek() not in ("", "|", ")"):
            parts.append(self._quantified(self._atom()))
        return _concat(parts)

    def _quantified(self, atom: _Info) -> _Info:
        char = self._peek()
        if char in ("*", "+", "?"):
            self.pos += 1
            low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[char]
        elif char == "{":
            found = _QUANTIFIER_RE.match(self.source, self.pos)
            if found is None:
                raise _Unfilterable("brace that is not a plain quantifier")
            self.pos = found.end()
            low = int(found.group(1) or 0)
            upper = found.group(2) if found.group(2) is not None else found.group(1)
            high = int(upper) if upper else None
        else:
            return atom
        if self.pos < len(self.source) and self.source[self.pos] in "?+":
            self.pos += 1  # lazy or possessive: the same strings
        if self._peek() in ("*", "+", "?", "{"):
            raise _Unfilterable("stacked quantifiers")
        return _repeat(atom, low, high)

    def _atom(self) -> _Info:
        src = self.source
        char = src[self.pos]
        self.pos += 1
        if char == "(":
            return self._group()
        if char == "[":
            self._skip_class()
            return _ANY_CHAR
        if char == ".":
            return _ANY_CHAR
        if char in "^$":
            return _EMPTY
        if char == "\\":
            return self._escape()
        if char in "*+?{":
            raise _Unfilterable("quantifier without an atom")
        return _literal(char)

    def _group(self) -> _Info:
        src = self.source
        if src.startswith("?", self.pos):
            head = src[self.pos : self.pos + 3]
            if head.startswith(("?:", "?>")):
                self.pos += 2
            elif head.startswith(("?=", "?!")) or head in ("?<=", "?<!"):
                negative = "!" in head
                self.pos += 3 if head.startswith("?<") else 2
                inner = self._alternation()
                self._close()
                best = _best(inner)
                if negative or best is None:
                    return _EMPTY
                return _Info(frozenset({""}), (best,), frozenset(), True)
            elif head.startswith(("?P<", "?<")):
                end = src.find(">", self.pos)
                if end < 0:
                    raise _Unfilterable("unterminated group name")
                self.pos = end + 1
            elif _FLAGS_GROUP_RE.match(src, self.pos):
                # Scoped case flags only: (?-i:X) matches a subset of what X does.
                self.pos = src.index(":", self.pos) + 1
            else:
                raise _Unfilterable(f"group syntax ({head}")
        inner = self._alternation()
        self._close()
        return inner

    def _close(self) -> None:
        if self._peek() != ")":
            raise _Unfilterable("unclosed group")
        self.pos += 1

    def _skip_class(self) -> None:
        src = self.source
        if src.startswith("^", self.pos):
            self.pos += 1
        if src.startswith("]", self.pos):
            raise _Unfilterable("] first in a class")
        while self.pos < len(src):
            char = src[self.pos]
            if char == "\\":
                self.pos += 2
                if src[self.pos - 1 : self.pos] in ("p", "P", "N") and src.startswith(
                    "{", self.pos
                ):
                    self.pos = src.index("}", self.pos) + 1
            elif char == "[":
                if not src.startswith("[:", self.pos):
                    raise _Unfilterable("nested class")
                self.pos = src.index(":]", self.pos) + 2
            elif char == "]":
                self.pos += 1
                return
            else:
                self.pos += 1
        raise _Unfilterable("unterminated class")

    def _escape(self) -> _Info:
        src = self.source
        if self.pos >= len(src):
            raise _Unfilterable("trailing backslash")
        char = src[self.pos]
        self.pos += 1
        if char in _ZERO_WIDTH_ESCAPES:
            return _EMPTY
        if char in _CLASS_ESCAPES:
            return _Info(None, first=_CLASS_ESCAPES[char], nullable=False)
        if char in "pPN":
            if src.startswith("{", self.pos):
                self.pos = src.index("}", self.pos) + 1
            else:
                self.pos += 1
            return _ANY_CHAR
        if char in "xuU":
            digits = {"x": 2, "u": 4, "U": 8}[char]
            code = src[self.pos : self.pos + digits]
            if len(code) != digits or not all(c in "0123456789abcdefABCDEF" for c in code):
                raise _Unfilterable(f"escape \\{char}{code}")
            self.pos += digits
            return _literal(chr(int(code, 16)))
        if char.isascii() and not char.isalnum():
            return _literal(char)
        raise _Unfilterable(f"escape \\{char}")


@dataclass(frozen=True, slots=True)
class _Analysis:
    literals: frozenset[str] | None  # None: the rule runs on every block
    anchored: bool  # every top-level alternative starts with ^: try position 0 only
    #: Anchored rules: the folded characters a block can start with (None: any).
    first: frozenset[str] | None = None


# Every language's rule set holds the English and language-neutral rules again: one
# analysis per rule instead of one per rule and language cut the start-up time
# (the first page of each language) by a second over the seven languages.
@functools.cache
def _analyse(rule: Rule, pattern: regex.Pattern[str], example: str | None) -> _Analysis:
    """Literals and anchoring of ``pattern`` (of ``rule``), checked on ``example``
    when given: a literal set that misses an example the pattern matches would be a
    bug of the analysis, and the rule then runs on every block."""
    try:
        parser = _Parser(pattern.pattern)
        info = parser.parse()
    except (_Unfilterable, ValueError, IndexError) as err:
        logger.debug("rule %s: no literal prefilter (%s)", rule.id, err)
        return _Analysis(None, is_anchored(pattern.pattern))
    first = info.first if parser.anchored and not info.nullable else None
    if first is not None and example is not None and not _may_start(first, fold(example)):
        logger.debug("rule %s: first characters %s miss its example", rule.id, sorted(first))
        first = None
    literals = _best(info)
    if literals is not None:
        # A literal that contains another of the set adds nothing to "any of".
        literals = frozenset(s for s in literals if not any(o != s and o in s for o in literals))
        if example is not None and not any(s in fold(example) for s in literals):
            logger.debug("rule %s: literals %s miss its example", rule.id, sorted(literals))
            literals = None
    return _Analysis(literals, parser.anchored, first)


def _may_start(first: frozenset[str], folded: str) -> bool:
    """Whether a match at the start of ``folded`` can begin with its first character."""
    char = folded[:1]
    if char in first:
        return True
    return _NONWORD in first and not (char.isascii() and (char.isalnum() or char == "_"))


# --- matching ------------------------------------------------------------------------------


def _timed(
    method: Callable[..., regex.Match[str] | None], text: str, timeout: float
) -> regex.Match[str] | None:
    try:
        return method(text, timeout=timeout)
    except TimeoutError as err:
        raise PatternTimeoutError(
            f"rule patterns took longer than {timeout}s on a {len(text)}-character block"
        ) from err


@dataclass(frozen=True, slots=True)
class _Indexed:
    """Rules of one kind, their prefilter and their precedence."""

    rules: tuple[Rule, ...]
    #: Per rule: in the precedence group tried first (anchored as the first design saw it).
    first: tuple[bool, ...]
    #: Per rule: ``match`` (position 0 only) or ``search``.
    methods: tuple[Callable[..., regex.Match[str] | None], ...]
    #: Per rule: the characters a block must start with (anchored rules), or None.
    firsts: tuple[frozenset[str] | None, ...]
    #: Indices of the rules without a literal: candidates for every block.
    always: frozenset[int]
    #: Finds every literal in a folded block, with the rules that need it (``None``:
    #: no rule has a literal). Aho-Corasick scans a block once for all literals,
    #: three times faster than the regex trie it replaced.
    scanner: ahocorasick.Automaton | None
    #: The largest ``max_words``: a longer block matches no rule.
    max_words: int
    #: Per tier of ``TIER_FLOORS``: the indices of the rules it tests.
    tiers: tuple[frozenset[int], ...]
    #: Per folded first character of a block: the indices of the rules that can
    #: match it (``_starting``). Filled as blocks come: a page has few distinct first
    #: characters, and the test of each rule's ``firsts`` per block was 5% of the time.
    #: A memo of ``firsts``, so not part of the value (equality, hash).
    by_start: dict[str, frozenset[int]] = field(compare=False, hash=False)

    def _starting(self, char: str) -> frozenset[int]:
        found = self.by_start.get(char)
        if found is None:
            found = frozenset(
                i for i, first in enumerate(self.firsts) if first is None or _may_start(first, char)
            )
            if len(self.by_start) < START_CACHE_SIZE:
                self.by_start[char] = found
        return found

    def candidates(self, folded: str) -> frozenset[int]:
        if self.scanner is None:
            return self.always
        # A common literal is found many times in a block: de-duplicate its rule set
        # in C (the sets are hashable) before the union.
        return self.always.union(*set(map(_SECOND, self.scanner.iter(folded))))

    def search(self, text: str, words: int, folded: str | None, timeout: float) -> Rule | None:
        if words > self.max_words:
            return None
        tier = self.tiers[bisect.bisect_left(TIER_FLOORS, words) - 1]
        if folded is None:
            folded = fold(text)
        members = sorted(self.candidates(folded).intersection(tier, self._starting(folded[:1])))
        if not members:
            return None
        winner = self._winner(members, text, timeout)
        if winner is None:
            return None
        if winner.max_words >= words:
            return winner
        # The winner's guard is below this block; another rule of the tier may
        # still apply (rare: long blocks only).
        for i in members:
            rule = self.rules[i]
            if rule.max_words >= words and _timed(rule.pattern.search, text, timeout):
                return rule
        return None

    def _winner(self, members: list[int], text: str, timeout: float) -> Rule | None:
        rules, first, methods = self.rules, self.first, self.methods
        for i in members:
            if first[i] and _timed(methods[i], text, timeout) is not None:
                return rules[i]
        best: Rule | None = None
        best_start = len(text) + 1
        for i in members:
            if first[i]:
                continue
            found = _timed(methods[i], text, timeout)
            if found is not None and found.start() < best_start:
                best, best_start = rules[i], found.start()
                if best_start == 0:
                    break
        return best


def _index(rules: tuple[Rule, ...]) -> _Indexed:
    analyses = [_analyse(rule, rule.pattern, rule.example) for rule in rules]
    by_literal: dict[str, set[int]] = {}
    for i, analysis in enumerate(analyses):
        for literal in analysis.literals or ():
            by_literal.setdefault(literal, set()).add(i)
    scanner = None
    if by_literal:
        scanner = ahocorasick.Automaton()
        for literal, needing in by_literal.items():
            scanner.add_word(literal, frozenset(needing))
        scanner.make_automaton()
    return _Indexed(
        rules=rules,
        first=tuple(is_anchored(rule.pattern.pattern) for rule in rules),
        methods=tuple(
            rule.pattern.match if a.anchored else rule.pattern.search
            for rule, a in zip(rules, analyses, strict=True)
        ),
        firsts=tuple(a.first for a in analyses),
        always=frozenset(i for i, a in enumerate(analyses) if a.literals is None),
        scanner=scanner,
        max_words=max((rule.max_words for rule in rules), default=-1),
        tiers=tuple(
            frozenset(i for i, rule in enumerate(rules) if rule.max_words > floor)
            for floor in TIER_FLOORS
        ),
        by_start={},
    )


@dataclass(frozen=True, slots=True)
class Prefilter:
    """The literals a pattern needs (``None``: it may match anything)."""

    literals: frozenset[str] | None

    def may_match(self, folded: str) -> bool:
        """False when ``folded`` (a ``fold``-ed text) cannot match the pattern."""
        return self.literals is None or any(s in folded for s in self.literals)


def _prefilter(rule: Rule, pattern: regex.Pattern[str] | None, example: str | None) -> Prefilter:
    if pattern is None:
        return Prefilter(None)
    return Prefilter(_analyse(rule, pattern, example).literals)


@dataclass(frozen=True, slots=True)
class Matcher:
    """Line, section and block rules of one rule set, indexed for fast matching."""

    line: _Indexed
    section: _Indexed
    block: tuple[Rule, ...]
    timeout: float
    #: Per block rule (same order): the prefilters of its start and end patterns.
    block_filters: tuple[tuple[Prefilter, Prefilter], ...]
    #: Rules whose matches go from inside a line, searched in the whole text.
    inline: tuple[Rule, ...] = ()

    @property
    def line_max_words(self) -> int:
        """No line rule matches a block with more words than this."""
        return self.line.max_words

    @property
    def section_max_words(self) -> int:
        return self.section.max_words

    def line_rule(self, text: str, words: int, folded: str | None = None) -> Rule | None:
        """The line rule that recognises ``text`` (a block of ``words`` words).

        ``folded`` is ``fold(text)`` when the caller has it.
        """
        return self.line.search(text, words, folded, self.timeout)

    def section_rule(self, text: str, words: int, folded: str | None = None) -> Rule | None:
        return self.section.search(text, words, folded, self.timeout)

    def search(self, pattern: regex.Pattern[str], text: str) -> bool:
        return _timed(pattern.search, text, self.timeout) is not None

    def inline_spans(self, text: str) -> list[tuple[int, int, Rule]]:
        """The non-empty matches of the inline rules in ``text``, as (start, end,
        rule), by start; where two overlap, the one that starts first wins.

        The text is searched a chunk of about INLINE_CHUNK_CHARS at a time, cut at
        a line break, so that the timeout bounds each chunk's scan as it bounds one
        block's for the other kinds (a scan of 50 MB at once outran it). A match
        lies within its line; in a line longer than a chunk, one across a cut at
        a space is not found.
        """
        if not self.inline:
            return []
        found: list[tuple[int, int, Rule]] = []
        for start, end in _chunks(text, INLINE_CHUNK_CHARS):
            for rule in self.inline:
                try:
                    found.extend(
                        (m.start(), m.end(), rule)
                        for m in rule.pattern.finditer(text, start, end, timeout=self.timeout)
                        if m.end() > m.start()
                    )
                except TimeoutError as err:
                    raise PatternTimeoutError(
                        f"rule {rule.id} took longer than {self.timeout}s on a "
                        f"{end - start}-character stretch of text"
                    ) from err
        found.sort(key=lambda span: span[0])
        spans: list[tuple[int, int, Rule]] = []
        for span in found:
            if not spans or span[0] >= spans[-1][1]:
                spans.append(span)
        return spans


#: Characters of text an inline rule scans under one timeout (``Matcher.inline_spans``).
INLINE_CHUNK_CHARS: Final = 1 << 20
_SPACE_RE: Final = regex.compile(r"\s")


def _chunks(text: str, size: int) -> Iterator[tuple[int, int]]:
    """``text`` in stretches of about ``size`` characters, each ending at a line
    break (or, in a line longer than ``size``, at a space), as (start, end)."""
    start = 0
    while start < len(text):
        end = start + size
        if end >= len(text):
            yield start, len(text)
            return
        cut = text.find("\n", end, end + size)
        if cut == -1:
            space = _SPACE_RE.search(text, end, end + size)
            cut = end if space is None else space.start()
        yield start, cut
        start = cut


@functools.cache
def compile_matcher(rules: RuleSet, keep: frozenset[str], timeout: float) -> Matcher:
    """Build the matcher for ``rules`` without the rules of the ``keep`` categories."""

    def active(group: tuple[Rule, ...]) -> tuple[Rule, ...]:
        return tuple(r for r in group if r.category not in keep)

    block = active(rules.block)
    return Matcher(
        line=_index(active(rules.line)),
        section=_index(active(rules.section)),
        block=block,
        timeout=timeout,
        # The end pattern's example is not kept on the Rule (rules.py checked it).
        block_filters=tuple(
            (_prefilter(r, r.pattern, r.example), _prefilter(r, r.end, None)) for r in block
        ),
        inline=active(rules.inline),
    )


def is_anchored(source: str) -> bool:
    r"""True when a verbose pattern starts with ``^`` and has no top-level ``|``.

    This is the precedence test of the first design, kept so that results do not
    change: ``^a$|^b$`` is anchored too, and is tried at position 0 only, but ranks
    with the rules that need a search.

    >>> is_anchored(r"^share\s+this"), is_anchored(r"^a|b"), is_anchored(r"^(a|b)")
    (True, False, True)
    """
    if not source.lstrip().startswith("^"):
        return False
    depth, in_class, escaped = 0, False, False
    for char in source:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return False
    return True
