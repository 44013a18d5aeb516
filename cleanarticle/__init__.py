"""cleanarticle: strip publisher boilerplate from scraped articles and explain every removal.

>>> from cleanarticle import clean_text
>>> clean_text("Storm hits the coast\\nA sentence of the story.\\nAdvertisement").body
'A sentence of the story.'
"""

from __future__ import annotations

import logging

from .clean import clean_text
from .config import CleanConfig
from .errors import CleanArticleError, InputTooLargeError, PatternTimeoutError, RuleError
from .html import clean_html
from .language import detect_language
from .result import CATEGORIES, CleanResult, Removal, apply_removals
from .rules import load_rules

__version__ = "0.1.0"
__all__ = [
    "CATEGORIES",
    "CleanArticleError",
    "CleanConfig",
    "CleanResult",
    "InputTooLargeError",
    "PatternTimeoutError",
    "Removal",
    "RuleError",
    "__version__",
    "apply_removals",
    "clean_html",
    "clean_text",
    "detect_language",
    "load_rules",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
