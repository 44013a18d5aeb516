"""Load, validate and compile the boilerplate rule files.

Rules are data: ``rules/<lang>/<category>.toml`` inside the package (``any`` holds
language-neutral rules), plus any files a user names in ``CleanConfig.rules``.
Each file declares its ``language`` and ``category``; each ``[[rule]]`` has an
``id``, a ``category``, a ``kind``, a pattern (verbose ``regex`` syntax, matched
case-insensitively), an ``example`` the pattern must match and a ``comment``
saying why the rule exists. Anything malformed raises ``RuleError`` naming the
file, the rule and the problem.

Rule kinds:

``line``
    ``pattern`` is searched in one block (a line, or half of a glued line). The
    rule only fires when the block has at most ``max_words`` words: the short-line
    guard that keeps a long sentence mentioning "subscribe" in the article.
``block``
    ``start`` and ``end`` patterns: every block from a block matching ``start`` to
    the first block matching ``end`` (at most ``max_lines`` blocks) goes. For
    multi-paragraph appeals whose middle lines vary.
``section``
    ``pattern`` matches a short heading ("Comments", "Related articles") that opens
    a trailing section; the heading and what follows it go, up to the end
    (``until = "end"``) or until article-like paragraphs resume
    (``until = "content"``).
``inline``
    ``pattern`` is searched in the whole text, and each match goes from inside its
    line, whatever stands around it: for boilerplate set into a sentence, not
    glued to it (a hover card of teasers after a politician's name). The segmenter
    cuts the line at the match's ends, so the text on either side stays, as two
    paragraphs. The pattern runs over every text of its language: it must fail
    fast, and its ``example`` is the whole line it is cut from.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Final

import regex

from .errors import RuleError
from .result import CATEGORY_SET

FLAGS: Final = regex.IGNORECASE | regex.VERBOSE | regex.UNICODE

#: Default short-line guard. Boilerplate lines in the dev corpus are short: 95% of
#: lines hit by phrase rules have fewer than 25 words, while news paragraphs that
#: merely mention a phrase ("...urged readers to subscribe...") run longer.
DEFAULT_MAX_WORDS: Final = 30
#: Headings that open a section are short ("Most read", "Comments (12)").
DEFAULT_SECTION_WORDS: Final = 8
#: A multi-paragraph appeal longer than this is not one appeal.
DEFAULT_MAX_LINES: Final = 12

KINDS: Final = frozenset({"line", "block", "section", "inline"})
_COMMON_KEYS: Final = frozenset({"id", "category", "kind", "example", "comment"})
_KIND_KEYS: Final = {
    "line": frozenset({"pattern", "max_words"}),
    "block": frozenset({"start", "end", "end_example", "max_lines"}),
    "section": frozenset({"pattern", "max_words", "until"}),
    "inline": frozenset({"pattern"}),
}
_WORD_RE: Final = regex.compile(r"\w+")
#: Chinese and Japanese put no spaces between words: there every one or two
#: characters of those scripts count as a word (a word is 1.5 to 2 characters on
#: average), so that a sentence of them is as long as its translation, not one
#: word. Other text gets the same words as from ``\w+``.
_CJK_WORD_RE: Final = regex.compile(
    r"[^\W\p{Han}\p{Hiragana}\p{Katakana}]+|[\p{Han}\p{Hiragana}\p{Katakana}]{1,2}"
)


@dataclass(frozen=True, slots=True)
class Rule:
    """One validated, compiled rule."""

    id: str
    category: str
    kind: str
    pattern: regex.Pattern[str]
    example: str
    comment: str
    source: str
    max_words: int = DEFAULT_MAX_WORDS
    end: regex.Pattern[str] | None = None
    max_lines: int = DEFAULT_MAX_LINES
    until: str = "end"


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules that apply to one language, split by kind, in file order."""

    language: str
    line: tuple[Rule, ...]
    block: tuple[Rule, ...]
    section: tuple[Rule, ...]
    inline: tuple[Rule, ...] = ()
    #: The hash, computed once: every clean looks its matcher up by rule set, and
    #: hashing a few hundred rules with their patterns took 2% of the time.
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self,
            "_hash",
            hash((self.language, self.line, self.block, self.section, self.inline)),
        )

    def __hash__(self) -> int:
        return self._hash

    def __len__(self) -> int:
        return len(self.line) + len(self.block) + len(self.section) + len(self.inline)


def words(text: str) -> list[str]:
    """The words of ``text``: runs of word characters, CJK ones in pairs."""
    # An ASCII text has no CJK character, and \w+ finds its words faster.
    found: list[str] = (_WORD_RE if text.isascii() else _CJK_WORD_RE).findall(text)
    return found


def word_count(text: str) -> int:
    return len(words(text))


def builtin_languages() -> tuple[str, ...]:
    """Languages that have a rule folder in the package (``any`` excluded)."""
    root = resources.files("cleanarticle") / "rules"
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and p.name != "any"))


@functools.cache
def builtin_rules(language: str) -> tuple[Rule, ...]:
    """Rules of the built-in files for one language folder, validated and compiled.

    Cached on the language code string, never on a user-given collection.
    """
    folder = resources.files("cleanarticle") / "rules" / language
    if not folder.is_dir():
        return ()
    rules: list[Rule] = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".toml"):
            label = f"rules/{language}/{entry.name}"
            rules.extend(parse_rule_file(entry.read_text(encoding="utf-8"), label))
    _check_unique(rules)
    return tuple(rules)


#: A user rule file as the cache sees it: the path as given (for messages), the
#: resolved path, and its modification time and size, so that a file edited on disk,
#: or another file under the same relative name, is read again.
FileKey = tuple[Path, Path, int, int]


def _file_key(path: Path) -> FileKey:
    try:
        stat = path.stat()
        resolved = path.resolve()
    except OSError as err:
        raise RuleError(f"{path}: cannot read rule file: {err.strerror or err}") from err
    return path, resolved, stat.st_mtime_ns, stat.st_size


@functools.cache
def _user_rules(key: FileKey) -> tuple[Rule, ...]:
    path, resolved = key[0], key[1]
    try:
        text = resolved.read_text(encoding="utf-8")
    except OSError as err:
        raise RuleError(f"{path}: cannot read rule file: {err.strerror or err}") from err
    except UnicodeDecodeError as err:
        raise RuleError(f"{path}: rule file is not UTF-8 ({err.reason})") from err
    return tuple(parse_rule_file(text, str(path)))


def load_rules(language: str, extra: Iterable[Path] = (), disable: Iterable[str] = ()) -> RuleSet:
    """Return the rules for ``language``: neutral, English, the language, then ``extra``.

    English rules apply to every language because English boilerplate ("Share",
    "Advertisement", cookie banners) is common on non-English pages. A rule in a
    later file with the id of an earlier one replaces it; ``disable`` drops ids.

    Raises:
        RuleError: a file is malformed, or a disabled id names no rule.
    """
    keys = tuple(_file_key(Path(p)) for p in extra)
    return _load_rules(language, keys, frozenset(disable))


@functools.cache
def _load_rules(language: str, extra: tuple[FileKey, ...], disable: frozenset[str]) -> RuleSet:
    merged: dict[str, Rule] = {}
    folders = ["any", "en"] + ([language] if language not in ("any", "en") else [])
    for folder in folders:
        for rule in builtin_rules(folder):
            merged[rule.id] = rule
    for key in extra:
        for rule in _user_rules(key):
            merged[rule.id] = rule
    unknown = sorted(disable - merged.keys())
    if unknown:
        raise RuleError(f"cannot disable unknown rule ids: {', '.join(unknown)}")
    kept = [rule for rule in merged.values() if rule.id not in disable]
    return RuleSet(
        language=language,
        line=tuple(r for r in kept if r.kind == "line"),
        block=tuple(r for r in kept if r.kind == "block"),
        section=tuple(r for r in kept if r.kind == "section"),
        inline=tuple(r for r in kept if r.kind == "inline"),
    )


def parse_rule_file(text: str, label: str) -> list[Rule]:
    """Parse and validate the TOML text of one rule file (``label`` names it in errors)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise RuleError(f"{label}: not valid TOML: {err}") from err
    category = data.get("category")
    if category not in CATEGORY_SET:
        raise RuleError(
            f"{label}: file category {category!r} is not one of {', '.join(sorted(CATEGORY_SET))}"
        )
    if not isinstance(data.get("language"), str):
        raise RuleError(f'{label}: the file needs a top-level language = "xx"')
    entries = data.get("rule", [])
    if not isinstance(entries, list) or not entries:
        raise RuleError(f"{label}: no [[rule]] tables")
    rules = [_parse_rule(entry, label, category) for entry in entries]
    _check_unique(rules)
    return rules


def _parse_rule(entry: Any, label: str, file_category: str) -> Rule:
    if not isinstance(entry, Mapping):
        raise RuleError(f"{label}: every [[rule]] must be a table")
    rule_id = entry.get("id")
    if not isinstance(rule_id, str) or not rule_id:
        raise RuleError(f"{label}: a rule has no id")
    where = f"{label}: rule {rule_id!r}"
    kind = entry.get("kind", "line")
    if kind not in KINDS:
        raise RuleError(f"{where}: kind {kind!r} is not one of {', '.join(sorted(KINDS))}")
    unknown = set(entry) - _COMMON_KEYS - _KIND_KEYS[kind]
    if unknown:
        raise RuleError(f"{where}: unknown keys for a {kind} rule: {', '.join(sorted(unknown))}")
    if entry.get("category") != file_category:
        raise RuleError(
            f"{where}: category {entry.get('category')!r} differs from the file's {file_category!r}"
        )
    for key in ("example", "comment"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise RuleError(f"{where}: needs a non-empty {key}")
    example, comment = entry["example"], entry["comment"]
    if kind == "block":
        pattern = _compile(entry, "start", where)
        end = _compile(entry, "end", where)
        end_example = entry.get("end_example")
        if not isinstance(end_example, str) or not end_example.strip():
            raise RuleError(f"{where}: a block rule needs a non-empty end_example")
        if not end.search(end_example):
            raise RuleError(f"{where}: end pattern does not match its end_example {end_example!r}")
    else:
        pattern = _compile(entry, "pattern", where)
        end = None
    if not pattern.search(example):
        raise RuleError(f"{where}: pattern does not match its own example {example!r}")
    default_words = DEFAULT_SECTION_WORDS if kind == "section" else DEFAULT_MAX_WORDS
    max_words = _positive_int(entry, "max_words", default_words, where)
    if kind in ("line", "section") and word_count(example) > max_words:
        raise RuleError(f"{where}: example has more than max_words={max_words} words")
    until = entry.get("until", "end")
    if until not in ("end", "content"):
        raise RuleError(f'{where}: until must be "end" or "content"')
    return Rule(
        id=rule_id,
        category=file_category,
        kind=kind,
        pattern=pattern,
        example=example,
        comment=comment,
        source=label,
        max_words=max_words,
        end=end,
        max_lines=_positive_int(entry, "max_lines", DEFAULT_MAX_LINES, where),
        until=until,
    )


def _compile(entry: Mapping[str, Any], key: str, where: str) -> regex.Pattern[str]:
    source = entry.get(key)
    if not isinstance(source, str) or not source.strip():
        raise RuleError(f"{where}: needs a non-empty {key} pattern")
    try:
        return regex.compile(source, FLAGS)
    except regex.error as err:
        raise RuleError(f"{where}: {key} is not a valid pattern: {err}") from err


def _positive_int(entry: Mapping[str, Any], key: str, default: int, where: str) -> int:
    value = entry.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise RuleError(f"{where}: {key} must be a positive integer")
    return value


def _check_unique(rules: Iterable[Rule]) -> None:
    seen: dict[str, str] = {}
    for rule in rules:
        if rule.id in seen:
            raise RuleError(
                f"{rule.source}: duplicate rule id {rule.id!r} (also in {seen[rule.id]})"
            )
        seen[rule.id] = rule.source
