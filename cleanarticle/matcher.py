"""Compile a ``RuleSet`` into a few combined patterns and match blocks against them.

Running hundreds of rule patterns one by one over every block is the cost that
dominates a naive cleaner. Line and section rules are instead joined into one
alternation per tier of the short-line guard, each rule in a named group, so a block
is usually tested with one ``search`` per kind, and ``lastgroup`` names the rule.
When several rules match, the one matching leftmost wins, then the one listed first.
Every search runs with the ``regex`` module's timeout, so no input can hang a run.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable
from dataclasses import dataclass

import regex

from .errors import PatternTimeoutError
from .rules import FLAGS, Rule, RuleSet

#: Tier floors of the short-line guard. A block of ``w`` words is tested against the
#: combined pattern of the highest tier whose floor is below ``w``: three compiled
#: patterns instead of one per distinct ``max_words`` keeps start-up well under a
#: second per language while long article paragraphs only meet the few rules that
#: allow long blocks.
TIER_FLOORS = (0, 8, 30)


@dataclass(frozen=True, slots=True)
class _Tier:
    floor: int
    #: Rules anchored at the block start, tried with ``match``: only position 0.
    anchored: regex.Pattern[str] | None
    #: The other rules, which need a ``search`` over the whole block.
    floating: regex.Pattern[str] | None
    rules: tuple[Rule, ...]

    def first_hit(self, text: str, timeout: float) -> regex.Match[str] | None:
        if self.anchored is not None:
            match = _timed(self.anchored.match, text, timeout)
            if match is not None:
                return match
        return None if self.floating is None else _timed(self.floating.search, text, timeout)


@dataclass(frozen=True, slots=True)
class _Combined:
    tiers: tuple[_Tier, ...]  # ascending floors
    names: dict[str, Rule]

    def search(self, text: str, words: int, timeout: float) -> Rule | None:
        tier = self.tiers[bisect.bisect_left([t.floor for t in self.tiers], words) - 1]
        match = tier.first_hit(text, timeout)
        if match is None or match.lastgroup is None:
            return None
        rule = self.names[match.lastgroup]
        if rule.max_words >= words:
            return rule
        # The leftmost hit is a rule whose guard this block exceeds; another rule of
        # the tier may still apply, so try them one by one (rare: long blocks only).
        for candidate in tier.rules:
            if candidate.max_words >= words and _timed(candidate.pattern.search, text, timeout):
                return candidate
        return None


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
class Matcher:
    """Line and section rules of one rule set, compiled for fast matching."""

    line: _Combined
    section: _Combined
    block: tuple[Rule, ...]
    timeout: float

    def line_rule(self, text: str, words: int) -> Rule | None:
        """The first line rule that matches ``text`` (a block of ``words`` words)."""
        return self.line.search(text, words, self.timeout)

    def section_rule(self, text: str, words: int) -> Rule | None:
        return self.section.search(text, words, self.timeout)

    def search(self, pattern: regex.Pattern[str], text: str) -> bool:
        return _timed(pattern.search, text, self.timeout) is not None


@functools.cache
def compile_matcher(rules: RuleSet, keep: frozenset[str], timeout: float) -> Matcher:
    """Build the matcher for ``rules`` without the rules of the ``keep`` categories."""

    def active(group: tuple[Rule, ...]) -> tuple[Rule, ...]:
        return tuple(r for r in group if r.category not in keep)

    return Matcher(
        line=_combine(active(rules.line)),
        section=_combine(active(rules.section)),
        block=active(rules.block),
        timeout=timeout,
    )


def _combine(rules: tuple[Rule, ...]) -> _Combined:
    names = {f"r{i}": rule for i, rule in enumerate(rules)}
    tiers = []
    for floor in TIER_FLOORS:
        members = {name: rule for name, rule in names.items() if rule.max_words > floor}
        anchored = {n: r for n, r in members.items() if is_anchored(r.pattern.pattern)}
        floating = {n: r for n, r in members.items() if n not in anchored}
        tiers.append(_Tier(floor, _join(anchored), _join(floating), tuple(members.values())))
    return _Combined(tuple(tiers), names)


def _join(rules: dict[str, Rule]) -> regex.Pattern[str] | None:
    if not rules:
        return None
    # The newline ends a trailing verbose-mode comment inside a rule's pattern.
    return regex.compile(
        "|".join(f"(?P<{n}>{r.pattern.pattern}\n)" for n, r in rules.items()), FLAGS
    )


def is_anchored(source: str) -> bool:
    r"""True when every alternative of a verbose pattern starts with ``^``.

    Only a leading ``^`` and no ``|`` outside groups and classes qualifies, which is
    conservative: an anchored pattern written otherwise is still searched correctly.

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
