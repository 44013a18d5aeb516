"""Compile a ``RuleSet`` into a few combined patterns and match blocks against them.

Running hundreds of rule patterns one by one over every block is the cost that
dominates a naive cleaner. Line and section rules are instead joined into one
alternation per short-line-guard threshold, each rule in a named group, so a block is
tested with one ``search`` per kind: for a block of ``w`` words the pattern holding
exactly the rules whose ``max_words >= w`` is used, and ``lastgroup`` names the rule.
When several rules match, the one matching leftmost wins, then the one listed first.
Every search runs with the ``regex`` module's timeout, so no input can hang a run.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

import regex

from .errors import PatternTimeoutError
from .rules import FLAGS, Rule, RuleSet


@dataclass(frozen=True, slots=True)
class _Combined:
    thresholds: tuple[int, ...]  # ascending max_words values
    patterns: tuple[regex.Pattern[str], ...]  # patterns[i]: rules with max_words >= thresholds[i]
    rules: dict[str, Rule]

    def search(self, text: str, words: int, timeout: float) -> Rule | None:
        index = bisect.bisect_left(self.thresholds, words)
        if index == len(self.patterns):
            return None
        try:
            match = self.patterns[index].search(text, timeout=timeout)
        except TimeoutError as err:
            raise PatternTimeoutError(
                f"rule patterns took longer than {timeout}s on a {len(text)}-character block"
            ) from err
        if match is None or match.lastgroup is None:
            return None
        return self.rules[match.lastgroup]


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
        try:
            return pattern.search(text, timeout=self.timeout) is not None
        except TimeoutError as err:
            raise PatternTimeoutError(
                f"a block rule took longer than {self.timeout}s on a {len(text)}-character block"
            ) from err


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
    thresholds = tuple(sorted({rule.max_words for rule in rules}))
    patterns = []
    for threshold in thresholds:
        alternatives = [
            # The newline ends a trailing verbose-mode comment inside the rule.
            f"(?P<{name}>{rule.pattern.pattern}\n)"
            for name, rule in names.items()
            if rule.max_words >= threshold
        ]
        patterns.append(regex.compile("|".join(alternatives), FLAGS))
    return _Combined(thresholds, tuple(patterns), names)
