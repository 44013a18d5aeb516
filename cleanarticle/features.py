"""Statistical line features and the main-content window.

Phrase rules cannot know every publisher's menus and teaser lists. What they share
is shape: navigation is runs of short, title-cased lines without stop words or
sentence punctuation; article text is long lines dense in stop words that end in
terminal punctuation. Each line gets a score from those features alone (never from
its neighbours, which keeps cleaning idempotent), and the article is the run of
lines with the highest total score (Kadane's maximum-sum window). Lines outside the
window are page chrome: menus before the article, teasers and footers after it.
"""

from __future__ import annotations

import unicodedata
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

import regex

from . import rules

#: Punctuation marks, whose sequence is the template of a row of a list.
_MARK_RE: Final = regex.compile(r"[^\w\s]")
#: A count in brackets at the end ("April 2015 (1)", "Kommentare (12)") closes a
#: list entry or a label, not a sentence.
_COUNTED: Final = regex.compile(r"(?<![.!?…]\s?)\(\d+\)$")
#: Unicode categories of emoji, symbols and their joiners and modifiers.
_SYMBOLS: Final = frozenset({"So", "Sk", "Cf", "Mn"})
#: Sentence ends, Chinese and Japanese ones too ("。", "！", a closing "」" as "”").
_TERMINAL: Final = (*'.!?…"”’»)', "。", "！", "？", "」", "』")
#: A line that starts with a bullet glyph is an item of a list the author wrote
#: ("+ Added Slime Block" in a changelog), not a menu entry: menus scraped from
#: HTML carry their bullets in CSS. A hyphen is left out ("- Next Auto News" and
#: "- November 20, 2019" are page chrome), and so is an asterisk: "* Name geändert"
#: is a footnote that closes an article, not a list that goes on.
_BULLETS: Final = tuple("+•▪◦‣–—")

# Calibrated on the dev corpus' page_text lines (aeb and mozr, whose gold bodies
# label lines): lines of 10+ words ending in terminal punctuation are article text
# in 75% of cases, lines under 10 words without it in under 20%.
#: Words a prose line needs before it adds to the window.
PROSE_MIN_WORDS: Final = 10
#: Stop-word share from which a line reads like running text (jusText uses 0.30).
PROSE_STOPWORD_SHARE: Final = 0.2
#: Cost of a short or chrome-like line: a run of menu items outweighs a short
#: sentence, while one label between paragraphs does not break the article.
SHORT_LINE_COST: Final = 3.0
#: A short line with stop words or a full stop is a fragment of text (list item,
#: subheading with a verb), not a menu item: it costs little.
FRAGMENT_STOPWORD_SHARE: Final = 0.25
FRAGMENT_COST: Final = 0.5
#: A line of five or more words with a digit is a data row ("June 9 -- Coral Sky
#: Amphitheatre, West Palm Beach, FL"), not a menu item (menus are 1-4 words).
DATA_LINE_WORDS: Final = 5
#: A line of FLAT_MENU_MIN_WORDS words or more, nearly all capitalised
#: (FLAT_MENU_TITLE_SHARE), with almost no stop words (FLAT_MENU_STOPWORD_SHARE), no
#: comma and no sentence end is a menu or a select box flattened into one line
#: ("Choose vehicle brand Abarth Alfa Romeo Aston Martin Audi ..."). On the dev
#: corpus 23 such lines, none in a gold body; a comma keeps lists of names (a
#: cast, a team sheet) out of it.
FLAT_MENU_MIN_WORDS: Final = 15
FLAT_MENU_STOPWORD_SHARE: Final = 0.08
FLAT_MENU_TITLE_SHARE: Final = 0.7
#: Rows of a list after the article window that join it (see ``list_tail``).
LIST_MIN_ROWS: Final = 3
#: Words of a heading that introduces such a list ("Qualified teams").
LIST_HEADING_WORDS: Final = 4
#: Words of a row of a list that its punctuation marks as one ("Spain (Group F):
#: 11th appearance"); longer lines are sentences, whatever their punctuation.
TEMPLATE_ROW_WORDS: Final = 12
#: Words of a short sentence that closes the article (``closing_sentence``).
CLOSING_MIN_WORDS: Final = 5
#: Cost per word of a line a phrase rule removed: boilerplate inside the window
#: pulls it apart only when it is long.
REMOVED_WORD_COST: Final = 1.0
#: A chrome line costs more the longer the run of chrome lines it stands in: a
#: run of k lines costs SHORT_LINE_COST * k * (1 + k / RUN_GROWTH). One or two
#: labels inside an article are cheap; a 20-line menu or teaser list between two
#: prose blocks (cost 360) splits them even when the far block is long.
RUN_GROWTH: Final = 4.0
#: Words from which a line of the same words twice over is a doubled teaser link:
#: three words twice ("Read more Read more" is a label for the rules).
DOUBLED_MIN_WORDS: Final = 6


@dataclass(frozen=True, slots=True)
class LineFeatures:
    words: int
    stopword_share: float
    terminal: bool
    title_case_share: float
    has_digit: bool = False
    bulleted: bool = False
    #: Ends in a colon: introduces what follows ("Tour dates:").
    colon: bool = False
    #: The same words twice over ("Coach sale takes 50% off Coach sale takes 50%
    #: off"): a teaser link scraped with its image's alt text, never a sentence.
    doubled: bool = False
    #: A menu or select box flattened into one line (see FLAT_MENU_MIN_WORDS).
    flat_menu: bool = False
    #: Starts with an asterisk and a space: a footnote alone, a list item in a run.
    starred: bool = False

    @property
    def list_row(self) -> bool:
        """An item of a list or a row of data ("June 9 -- Coral Sky Amphitheatre, FL")."""
        return self.bulleted or (self.has_digit and self.words >= DATA_LINE_WORDS)

    @property
    def run_row(self) -> bool:
        """A row of a list when it stands in a run of them (``list_head``,
        ``list_tail``): ``list_row``, or an item of a list bulleted with asterisks."""
        return self.list_row or self.starred

    @property
    def prose(self) -> bool:
        """Reads like a sentence of running text."""
        return self.words >= PROSE_MIN_WORDS and (
            self.terminal or self.stopword_share >= PROSE_STOPWORD_SHARE
        )


def without_symbols(text: str) -> str:
    """``text`` without the emoji and symbols after its last word or mark: "... on
    KLOOK! 🙂" ends a sentence, whatever follows the "!"."""
    # A scan back from the end: a pattern anchored at the end would try every
    # start in a long run of symbols in the middle of a line.
    end = len(text)
    while end and (unicodedata.category(text[end - 1]) in _SYMBOLS or text[end - 1].isspace()):
        end -= 1
    return text if end == len(text) else text[:end]


def line_features(text: str, stopwords: frozenset[str]) -> LineFeatures:
    words = rules.words(text)
    count = len(words)
    if not count:
        return LineFeatures(0, 0.0, False, 0.0)
    stops = sum(1 for w in words if w.lower() in stopwords)
    capitals = sum(1 for w in words if w[0].isupper())
    has_digit = any(w[0].isdigit() for w in words)
    bulleted = text.startswith(_BULLETS) and text[1:2].isspace()
    starred = text.startswith("*") and text[1:2].isspace()
    end = without_symbols(text)
    terminal = end.endswith(_TERMINAL) and not (end[-1:] == ")" and _COUNTED.search(end))
    colon = text.endswith(":")
    half = count // 2
    doubled = (
        count >= DOUBLED_MIN_WORDS
        and not count % 2
        and words[0] == words[half]
        and words[:half] == words[half:]
    )
    flat_menu = (
        count >= FLAT_MENU_MIN_WORDS
        and stops < FLAT_MENU_STOPWORD_SHARE * count
        and capitals >= FLAT_MENU_TITLE_SHARE * count
        and not terminal
        and "," not in text
    )
    return LineFeatures(
        count,
        stops / count,
        terminal,
        capitals / count,
        has_digit,
        bulleted,
        colon,
        doubled,
        flat_menu,
        starred,
    )


class TextMeasure:
    """Word counts and line features of one document's texts, each computed once.

    The cleaner asks about the same unit many times: line rules, section rules, the
    context pass, the article window and the final trim all count its words, and
    the window and the trim score it. Tokenising was the largest cost when each
    question tokenised again; now each text of the document being cleaned is
    tokenised once (keyed by text, so a joined block is measured as itself), and
    nothing outlives the document.
    """

    __slots__ = ("_features", "stopwords")

    def __init__(self, stopwords: frozenset[str]) -> None:
        self.stopwords = stopwords
        self._features: dict[str, LineFeatures] = {}

    def words(self, text: str) -> int:
        """The number of words in ``text``, as ``rules.word_count`` counts them."""
        return self.features(text).words

    def features(self, text: str) -> LineFeatures:
        found = self._features.get(text)
        if found is None:
            found = self._features[text] = line_features(text, self.stopwords)
        return found


def line_score(features: LineFeatures, removed: bool) -> float:
    """Positive for article-like lines, negative for chrome; see the constants."""
    if removed or features.doubled or features.flat_menu:
        return -max(SHORT_LINE_COST, REMOVED_WORD_COST * features.words)
    if features.prose:
        # Prose with few stop words (lists of names, tables) counts for less.
        return features.words * min(1.0, 0.5 + features.stopword_share * 2)
    if features.words >= PROSE_MIN_WORDS:
        return 0.25 * features.words - SHORT_LINE_COST
    if features.terminal or features.list_row or features.stopword_share >= FRAGMENT_STOPWORD_SHARE:
        # A short sentence or list item ("Eat 60-90 minutes before your workout"):
        # near neutral, and not chrome, so it never lengthens a chrome run.
        return -FRAGMENT_COST
    return -SHORT_LINE_COST


def is_chrome(score: float) -> bool:
    """A score of page chrome: costing ``SHORT_LINE_COST`` or more (a menu item, a
    label, a removed line); fragments and prose score above it."""
    return score <= -SHORT_LINE_COST


def run_scaled(scores: Sequence[float]) -> array[float]:
    """Scale each chrome score by the length of the run of chrome lines it is in.

    Chrome lines are those ``is_chrome`` takes; fragments and prose end a run.
    An array of doubles: a score a line, 8 bytes each.

    >>> run_scaled([5.0, -3.0, 5.0, -3.0, -3.0, -3.0, -3.0, -0.5]).tolist()
    [5.0, -3.75, 5.0, -6.0, -6.0, -6.0, -6.0, -0.5]
    """
    scaled = array("d", scores)
    index = 0
    while index < len(scores):
        if not is_chrome(scores[index]):
            index += 1
            continue
        end = index
        while end < len(scores) and is_chrome(scores[end]):
            end += 1
        factor = 1 + (end - index) / RUN_GROWTH
        for k in range(index, end):
            scaled[k] = scores[k] * factor
        index = end
    return scaled


def list_tail(features: list[LineFeatures | None], end: int, text: Callable[[int], str]) -> int:
    """``end`` moved past a list that closes the article, if one starts there.

    Tour dates, a calendar, a changelog: rows that score as fragments, so that the
    maximum-sum window stops before them, though they end the article. A run of
    LIST_MIN_ROWS rows or more right after the window goes with it, and so does the
    line that introduces it: one ending in a colon, or a short heading ("Qualified
    teams"). Rows that share their punctuation make a list too ("England (Group A):
    10th appearance" over "Czech Republic (Group A): Seventh appearance"): ``text``
    gives a block's text. ``None`` marks a block that is not a candidate (removed by
    a rule).
    """
    index = end
    if index < len(features) and (first := features[index]) is not None:
        index += first.colon or (first.words <= LIST_HEADING_WORDS and not first.terminal)
    rows = index
    while index < len(features) and (row := features[index]) is not None and row.run_row:
        index += 1
    if index - rows < LIST_MIN_ROWS:
        index = _same_marks(features, rows, text)
    return index if index - rows >= LIST_MIN_ROWS else end


def closing_sentence(features: list[LineFeatures | None], end: int) -> int:
    """``end`` moved past a short last sentence of the article, if one is there.

    Wire stories end on a line of under PROSE_MIN_WORDS words ("Officials did not
    immediately provide any other details."): a fragment, which the maximum-sum
    window leaves out. A sentence (terminal, with stop words, CLOSING_MIN_WORDS
    words or more) right after a paragraph of prose goes with the article when the
    text ends or a rule's removal follows it: a teaser's blurb follows its title,
    not the article's last paragraph. ``None`` marks a block a rule removed.
    """
    if not 0 < end < len(features):
        return end
    before, last = features[end - 1], features[end]
    if (
        before is not None
        and before.prose
        and last is not None
        and last.terminal
        and not last.prose
        and last.words >= CLOSING_MIN_WORDS
        and last.stopword_share >= FRAGMENT_STOPWORD_SHARE
        and (end + 1 == len(features) or features[end + 1] is None)
    ):
        return end + 1
    return end


def widened(
    features: list[LineFeatures | None], start: int, end: int, text: Callable[[int], str]
) -> tuple[int, int]:
    """A maximum-sum window ``start``..``end`` widened over what goes with the
    article though it scores low: a list that opens it (``list_head``), a list that
    closes it (``list_tail``) and then its short last sentence (``closing_sentence``).

    The article window and the trim of what is kept both widen with this: were
    they to widen differently, a second clean would cut what the first kept.
    """
    return list_head(features, start), closing_sentence(features, list_tail(features, end, text))


def _same_marks(features: list[LineFeatures | None], start: int, text: Callable[[int], str]) -> int:
    """The end of the run of short blocks from ``start`` whose punctuation, but for a
    closing full stop, is the same and not empty: the rows of one template."""
    index, shape = start, None
    while (
        index < len(features)
        and (row := features[index]) is not None
        and not row.prose
        and row.words <= TEMPLATE_ROW_WORDS
    ):
        marks = "".join(_MARK_RE.findall(text(index).rstrip(".!?…")))
        if not marks or (shape is not None and marks != shape):
            break
        shape = marks
        index += 1
    return index


def list_head(features: list[LineFeatures | None], start: int) -> int:
    """``start`` moved back over a list that opens the article, if one ends there.

    A changelog or a list of facts right under the headline scores as fragments as
    much as one that closes the article (``list_tail``): a run of LIST_MIN_ROWS
    rows or more right before the window goes with it.
    """
    index = start
    while index > 0 and (row := features[index - 1]) is not None and row.run_row:
        index -= 1
    return index if start - index >= LIST_MIN_ROWS else start


def best_window(scores: Sequence[float]) -> tuple[int, int]:
    """Start and end (exclusive) of the maximum-sum run of ``scores``.

    Ties go to the earliest, shortest run. An empty or all-negative list gives an
    empty window ``(0, 0)``.

    >>> best_window([-3, 5, -1, 4, -9, 2])
    (1, 4)
    """
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for index, score in enumerate(scores):
        if total <= 0:
            total, start = 0.0, index
        total += score
        if total > best:
            best, best_span = total, (start, index + 1)
    return best_span
