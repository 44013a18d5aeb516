"""Where the segmenter cuts a line at a glued join, and where it must not."""

from __future__ import annotations

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleanarticle import clean_text
from cleanarticle.segment import _URLISH_RE, URLISH_PLAIN, segment


@pytest.mark.parametrize(
    ("line", "units"),
    [
        (
            "...makes all the difference.Russian soldiers are",
            ["...makes all the difference.", "Russian soldiers are"],
        ),
        ("AdvertisementThe minister said", ["Advertisement", "The minister said"]),
        ("Read moreInnenminister Faeser sagte", ["Read more", "Innenminister Faeser sagte"]),
        # A label glued to a sentence that starts with "In" (BBC's inline ad label).
        (
            "AdvertisementIn a wide-ranging interview",
            ["Advertisement", "In a wide-ranging interview"],
        ),
    ],
)
def test_a_glued_join_is_cut(line: str, units: list[str]) -> None:
    assert [unit.text for unit in segment(line).units] == units


@pytest.mark.parametrize(
    "line",
    [
        # German's gender-inclusive plural, with a capital I: one word.
        "Wie geht es LehrerInnen und SchülerInnen nach dem Lockdown?",
        # An "In" that no sentence follows is the end of a word.
        "Im LinkedIn-Profil ist der Slogan zu lesen.",
        "Gesucht wird eine PfarrerIn.",
        "iPhone, McDonald, YouTube and U.S.Army stay whole",
        # Handles and hashtags spell their words in camel case (mozr/medium-3 lost
        # "@Kevin" of "@KevinColeman" as a follow widget's bare handle).
        "@BuildingTwenty: Both @s_bielefeld and I wrote similar critiques.",
        "Wow, conspiracy theory territory. #JetFuelCantMeltSteelBeams",
    ],
)
def test_a_word_with_an_inner_capital_is_not_cut(line: str) -> None:
    assert [unit.text for unit in segment(line).units] == [line]


def test_a_paragraph_naming_linkedin_is_kept_whole() -> None:
    # tfe/changelog.blog on the dev corpus: cut at "Linked|In-Profil", the
    # paragraph's first half scored apart and the article window cut it.
    story = (
        "Zigarettenhersteller Philip Morris International möchte bis 2025 weltweit 40 "
        "Prozent seines Umsatzes mit risikoreduzierten Produkten erzielen. 40 Millionen "
        "Zigarettenraucher sollen von Alternativen überzeugt werden. Auf der OMR sprach "
        "ich mit CTO Michael Voegele. Auf seinem LinkedIn-Profil ist der Slogan "
        "„Designing a smoke-free future“ zu lesen. Ein heeres Ziel und ein Traumjob für "
        "einen digitalen Transformator, der Dinge bewegen will."
    )
    teasers = [
        "Digitalisierung, Künstliche Intelligenz, Nachhaltigkeit",
        "Digitalisierung für die Tonne – Müllvermeidung im Handel",
        "von Annette Henkel",
        '"Gewinnmaximierung ist ein Auslaufmodell“',
        "Nächster Beitrag →",
    ]
    assert story in clean_text("\n".join([story, *teasers])).paragraphs


#: Pieces of URLs, addresses and domains, and what breaks them up.
URL_PIECES = ["a", "B", "é", "1", "_", ".", "..", "-", "@", "/", ":", " ", "com", "Co", "de"]
URL_PIECES += ["io", "http://", "www."]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(URL_PIECES), max_size=24).map("".join))
# Cases a first linear form got wrong: an address led by "@", a domain led by
# hyphens, a run broken by "..", a dot that only hyphens precede.
@example("@B@1de..")
@example("-io1.Co:")
@example("foo..bar.com")
@example("-.é-.deiowww.Co")
@example("news.community.co.uk/x")  # "com" without a word end is no top-level domain
def test_the_linear_url_pattern_finds_what_the_plain_one_finds(text: str) -> None:
    # _URLISH_RE is written to take time linear in the line (a plain "\S+@" took
    # 52 s on 8,000 characters of "a@"); it must protect the same spans.
    plain = regex.compile(URLISH_PLAIN, regex.IGNORECASE)
    assert [m.span() for m in _URLISH_RE.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize(
    ("line", "protected"),
    [
        ("Mehr unter www.example.com/ThemaNeu", "www.example.com/ThemaNeu"),
        ("Schreiben Sie an leserbriefe@zeitung.de", "leserbriefe@zeitung.de"),
        ("Quelle: news.example.co.uk/MehrZumThema", "news.example.co.uk/MehrZumThema"),
    ],
)
def test_a_glued_looking_join_inside_a_url_is_not_cut(line: str, protected: str) -> None:
    assert protected in [unit.text for unit in segment(line).units][-1]
