"""Exceptions raised by cleanarticle: one base class and a few specific kinds."""

from __future__ import annotations


class CleanArticleError(Exception):
    """Base class of every error cleanarticle raises on purpose."""


class RuleError(CleanArticleError):
    """A rule file is malformed: names the file, the rule and the problem."""


class InputTooLargeError(CleanArticleError, ValueError):
    """The input is larger than ``CleanConfig.max_input_chars`` allows."""


class PatternTimeoutError(CleanArticleError):
    """A rule pattern ran longer than its time budget (hostile input guard)."""


class DecodeError(CleanArticleError, ValueError):
    """HTML bytes whose character encoding cannot be determined; pass ``str`` instead."""
