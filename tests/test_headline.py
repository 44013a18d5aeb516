"""Headline detection on plain text: small hand-written pages, one behaviour each."""

from __future__ import annotations

import doctest

from conftest import check_invariants

import cleanarticle.headline
from cleanarticle import CleanConfig, clean_text
from cleanarticle.headline import title_runs

BODY = (
    "The council voted on Monday to close the old bridge for repairs, after "
    "engineers found cracks in two of its pillars during a routine inspection.\n"
    "Traffic will be diverted through the town centre until the work ends, which "
    "the council expects to take at least six months and cost about two million.\n"
    "Shop owners on the high street said they welcomed the extra passing trade but "
    "worried about parking, which is already scarce on market days in the summer."
)


def _clean(text: str) -> str | None:
    result = clean_text(text)
    check_invariants(text, result)
    return result.headline


def test_doctests() -> None:
    failures, tried = doctest.testmod(cleanarticle.headline)
    assert tried and failures == 0


def test_a_part_led_by_a_lower_case_article_is_no_site_name() -> None:
    title = "FUTURE of HOPE – Island befreit sich von den Bankstern – der Film"
    assert cleanarticle.headline.strip_site_name(title) == title


def test_title_runs_split_at_separators_and_colons() -> None:
    assert "unbefriedigt" in title_runs("Unbefriedigt | Deviante Pfade")
    assert "lotte tobisch ist tot" in title_runs("Chronik: Lotte Tobisch ist tot - wien.ORF.at")
    # A hyphen inside a word is not a separator.
    assert "spider" not in title_runs("Spider-Man returns - Site")


def test_repeat_of_title_part_nearest_the_article_wins() -> None:
    # A blog: the site name is repeated as a logo at the top, the post title
    # just above the post. The site name must not win for being longer.
    text = (
        "Unbefriedigt | Deviante Pfade\nDeviante Pfade\nHome\nAbout\nArchive\nUnbefriedigt\n" + BODY
    )
    assert _clean(text) == "Unbefriedigt"


def test_repeat_keeps_the_dash_inside_the_headline() -> None:
    # The title's own dash ("... – Zeugenaufruf") stays: the repeated line is
    # the headline verbatim, whatever site-name stripping would cut.
    text = (
        "Hund vertreibt Einbrecher – Zeugenaufruf – Hildesheimer Presse\n"
        "Home\nNews\n"
        "Hund vertreibt Einbrecher – Zeugenaufruf\n" + BODY
    )
    assert _clean(text) == "Hund vertreibt Einbrecher – Zeugenaufruf"


def test_repeat_after_site_prefix_and_kicker() -> None:
    text = (
        "Zoll online - Fachmeldungen - Verkündung des Tabaksteuergesetzes\n"
        "Zoll online\nFachmeldungen\n"
        "Verkündung des Tabaksteuergesetzes\n" + BODY
    )
    assert _clean(text) == "Verkündung des Tabaksteuergesetzes"


def test_breadcrumb_repeating_a_kicker_is_not_the_headline() -> None:
    # "Lübeck" is a part of the title, but it leaves out the whole headline.
    text = "Lübeck: So war die Auktion für St. Johannes in Kücknitz\nHome\nLübeck\n" + BODY
    assert _clean(text) != "Lübeck"


def test_repeat_opening_a_long_title_is_the_headline() -> None:
    # Headline, subtitle, journal and volume: the rest of the title is more
    # words than a site name, but a repeat this long that opens it is no kicker.
    # The authors' list puts the heading too far above the body for a reworded one.
    authors = "".join(f"Author Number{n}, PhD\n" for n in range(45))
    text = (
        "The Effect of Influenza Vaccination for the Elderly on Mortality: An Observational "
        "Study With a Regression Discontinuity Design: Annals of Internal Medicine: Vol 172\n"
        "Journals\nIssues\nMultimedia\n"
        "The Effect of Influenza Vaccination for the Elderly on Mortality\n"
        "An Observational Study With a Regression Discontinuity Design\n" + authors + BODY
    )
    assert _clean(text) == "The Effect of Influenza Vaccination for the Elderly on Mortality"


def test_repeat_drops_a_full_stop_the_title_lacks() -> None:
    text = (
        "Les clés pour donner les bonnes bactéries à son intestin\n"
        "Ophélie Ostermann\n| Le 19 février 2020\n"
        "Les clés pour donner les bonnes bactéries à son intestin.\n" + BODY
    )
    assert _clean(text) == "Les clés pour donner les bonnes bactéries à son intestin"
    # A title with the full stop keeps it.
    assert _clean("Nebelsuppe. | Ein Blog\nHome\nNebelsuppe.\n" + BODY) == "Nebelsuppe."


def test_repeat_of_the_whole_title_is_spelled_as_the_title() -> None:
    text = "Forums-Regeln\nSuchen\nForum\nForums - Regeln\n" + BODY
    assert _clean(text) == "Forums-Regeln"
    # A title with marks at its ends is the worse spelling.
    assert _clean("...: Tach auch!\nBlog\nArchiv\nTach auch!\n" + BODY) == "Tach auch!"


def test_a_quoted_sentence_is_not_the_headline() -> None:
    quote = (
        "President Obama told the assembly that he would seek “real breakthroughs on "
        "these two issues, the nuclear program and peace.”"
    )
    result = clean_text(quote + "\n" + BODY)
    check_invariants(quote + "\n" + BODY, result)
    assert result.headline is None
    assert result.paragraphs[0] == quote


def test_a_long_line_of_two_sentences_is_not_the_headline() -> None:
    lead = (
        "Also, we hope you have as much fun as we did getting to know him better! "
        "Here’s what he had to say…"
    )
    assert _clean(lead + "\n" + BODY) is None
    # Two short sentences may be a headline.
    assert _clean("Leasing oder Finanzierung? Jetzt Angebote berechnen!\n" + BODY) == (
        "Leasing oder Finanzierung? Jetzt Angebote berechnen!"
    )


def test_a_sentence_closed_by_an_ideographic_full_stop_is_not_the_headline() -> None:
    sentence = "先日、不正に改造したiPhoneを販売したとして、男性が逮捕されたという話を聞きました。"
    assert _clean(sentence + "\n" + BODY) is None


def test_a_subheading_holding_the_title_words_stays_in_the_body() -> None:
    # Deep inside the article only a near-copy of the title is a headline: a
    # subheading that adds words to it is the article's own, and the text above
    # it is no ticker to cut away.
    title = "Remote Support with Smart Glasses – AR Service of the Future?"
    subheading = "Benefits of Remote Support with Smart Glasses"
    text = f"{title}\nMenu\nSearch\nLogin\n{BODY}\n{BODY}\n{subheading}\n{BODY}\n"
    result = clean_text(text)
    check_invariants(text, result)
    assert result.headline == title
    assert subheading in result.paragraphs
    assert result.paragraphs[0] == BODY.split("\n")[0]


def test_a_subheading_extending_the_title_deep_inside_is_not_the_headline() -> None:
    title = "Remote Support with Smart Glasses | Service Weekly"
    subheading = "Benefits of Remote Support with Smart Glasses"
    text = f"{title}\nMenu\nSearch\nLogin\n{BODY}\n{BODY}\n{subheading}\n{BODY}\n"
    result = clean_text(text)
    check_invariants(text, result)
    assert result.headline != subheading
    assert subheading in result.paragraphs


def test_a_teaser_with_a_kicker_over_the_heading_goes_with_it() -> None:
    text = (
        "Lübeck: So war die Auktion für St. Johannes in Kücknitz\n"
        "Home\nLokales\nNewsletter\n"
        "Lokales Lübeck So lief die Auktion der Schätzchen von St. Johannes\n"
        "18:34 19.10.2019\n"
        "So lief die Auktion der Schätzchen von St. Johannes\n" + BODY
    )
    result = clean_text(text)
    check_invariants(text, result)
    assert result.headline == "So lief die Auktion der Schätzchen von St. Johannes"
    assert not any("Lokales Lübeck" in paragraph for paragraph in result.paragraphs)


def test_a_dateline_under_the_headline_is_no_standfirst() -> None:
    text = (
        "Aston Martin reveals its first electric sports car\n"
        "Chris Davies - Nov 19, 2019, 10:31 pm CST\n" + BODY
    )
    result = clean_text(text)
    check_invariants(text, result)
    assert result.headline == "Aston Martin reveals its first electric sports car"
    assert result.standfirst is None
    dateline = next(r for r in result.removals if r.rule == "headline.dateline")
    assert (dateline.text, dateline.category) == (
        "Chris Davies - Nov 19, 2019, 10:31 pm CST",
        "byline",
    )
    kept = clean_text(text, config=CleanConfig(keep=frozenset({"byline"})))
    assert kept.standfirst is None
    assert "Chris Davies - Nov 19, 2019, 10:31 pm CST" in kept.paragraphs


def test_moving_the_headline_to_the_heading_below_keeps_the_dateline() -> None:
    dateline = "Chris Davies - Nov 19, 2019, 10:31 pm CST"
    text = (
        "Lübeck: So war die Auktion für St. Johannes in Kücknitz\n"
        "Home\nLokales\nNewsletter\n"
        "Lokales Lübeck So lief die Auktion der Schätzchen von St. Johannes\n"
        f"{dateline}\n"
        "So lief die Auktion der Schätzchen von St. Johannes\n" + BODY
    )
    result = clean_text(text)
    check_invariants(text, result)
    assert result.headline == "So lief die Auktion der Schätzchen von St. Johannes"
    assert dateline not in result.paragraphs
    assert any(r.rule == "headline.dateline" and r.text == dateline for r in result.removals)


def test_the_fuller_heading_under_the_titles_short_form_is_the_headline() -> None:
    text = (
        "Weihnachten nicht zunehmen: 10 Tipps | WOMEN'S HEALTH\n"
        "Abos & Hefte\nErnährung\n"
        "Weihnachten nicht zunehmen: 10 Tipps\n"
        "Abnehm-Tricks für Weihnachten "
        "Weihnachten nicht zunehmen: 10 Tipps für ein schlankes Fest\n" + BODY
    )
    result = clean_text(text)
    check_invariants(text, result)
    assert result.headline == "Weihnachten nicht zunehmen: 10 Tipps für ein schlankes Fest"
    assert result.standfirst is None


def test_a_web_address_is_no_headline_and_goes_with_the_header() -> None:
    url = "https://www.ctpost.com/news/article/Deval-Patrick-takes-nascent-2020-campaign.php"
    text = f"{url}\nDeval Patrick takes nascent 2020 campaign to South Carolina\n{BODY}"
    result = clean_text(text)
    check_invariants(text, result)
    assert result.headline == "Deval Patrick takes nascent 2020 campaign to South Carolina"
    link = next(r for r in result.removals if r.rule == "headline.link")
    assert (link.text, link.category) == (url, "navigation")
    # Under the headline, a link is no standfirst.
    text = f"Deval Patrick takes nascent 2020 campaign\n//www.nbcdfw.com/news/local/x.html\n{BODY}"
    result = clean_text(text)
    check_invariants(text, result)
    assert result.standfirst is None
    assert not any("nbcdfw" in paragraph for paragraph in result.paragraphs)


def test_a_caption_with_its_credit_is_not_the_headline() -> None:
    caption = "Symbolbild: Ann Kiessling hat viele Entdeckungen gemacht, ©BillionPhotos.com"
    heading = "Erfinderinnen: Ann Kiessling und ihre Forschung im Kampf gegen das HIV-Virus"
    assert _clean(f"{caption}\n{heading}\n{BODY}") == heading


def test_the_first_line_over_an_article_keeps_its_dash() -> None:
    # Article text (an extractor's output): the first line is the heading, not a
    # page title, and the part after its dash is no site name.
    assert _clean("Hund vertreibt Einbrecher – Zeugenaufruf\n" + BODY) == (
        "Hund vertreibt Einbrecher – Zeugenaufruf"
    )
    # A line with a web address in it is no headline.
    wayback = "The Wayback Machine - https://web.archive.org/web/2007/http://example.fr/x.html"
    assert _clean(f"{wayback}\n{BODY}") is None


def test_repeat_of_a_cut_site_name_is_not_the_headline() -> None:
    text = (
        "Tite diz que errou ao levar taça a Lula - 21/12/2018 - Esporte - Folha\n"
        "Folha\nEsporte\n" + BODY
    )
    assert _clean(text) not in ("Esporte", "Folha")


def test_byline_with_a_full_date_is_not_the_headline() -> None:
    text = (
        "FINTECH 20. Juni 2019\n"
        "creditshelf kooperiert mit finleap und plant eine Akquisition\n"
        "IT Finanzmagazin /PP 20. Juni 2019 Aktuell, FinTech\n" + BODY
    )
    assert _clean(text) == "creditshelf kooperiert mit finleap und plant eine Akquisition"


def test_the_tail_of_a_hard_wrapped_sentence_is_not_the_headline() -> None:
    # A lower-case line under one ending in a comma or a lower-case word goes on
    # that line's sentence: an author's affiliation, the middle of a caption.
    byline = "Share\nJames Lynch\nfrom University of Michigan\nLast updated on 20 Feb, 2020\n"
    assert _clean(byline + BODY) is None
    caption = (
        "Photos\nwhich were released online and are making the rounds on social media,\n"
        "show Nigerian actress Kate Henshaw looking stunning in new\nmake-up photos.\n"
    )
    assert _clean(caption + BODY) is None


def test_dateline_first_line_is_not_a_page_title() -> None:
    # A first line like "31. Oktober 2023" is no <title>: a byline sharing its
    # date is not a copy of it.
    text = (
        "31. Oktober 2023 31. Oktober 2023\n"
        "Halloween: Bizarrer Horrorclown versetzt Österreich in Angst\n"
        "von Die Tagespresse 31. Oktober 2023 31. Oktober 2023\n" + BODY
    )
    assert _clean(text) == "Halloween: Bizarrer Horrorclown versetzt Österreich in Angst"


def test_list_of_categories_is_not_the_headline() -> None:
    text = (
        "Allgemein, Essen und Trinken, Gesellschaft, Kommentare, Lifestyle\n"
        "Die Überforderung durch Überangebote\n" + BODY
    )
    assert _clean(text) == "Die Überforderung durch Überangebote"


def test_heading_just_above_the_dateline_when_the_title_differs() -> None:
    # The page title and the on-page heading differ; the heading sits above
    # the author and the date, over the menus' title-like lines.
    text = (
        "Aktuelles - Eawag\n"
        "Home\nSiedlungshygiene & Wasser für Entwicklung\nForschung\nProjekte\n"
        "Auf das erste Elektron kommt es an\n"
        "Andri Bryner\n"
        "12. März 2021\n" + BODY
    )
    assert _clean(text) == "Auf das erste Elektron kommt es an"


def test_a_blog_title_written_as_a_sentence_above_the_dateline() -> None:
    # thisisjanewayne: the post's title ends in a full stop; the dateline under it
    # says it is the heading, not a sentence of the post.
    text = (
        "Warum ich lieber Bauchgeburt statt Kaiserschnitt sage.\n"
        "Nike Jane – 14.09.2022 – Kolumne, Allgemein, Feminismus\n" + DE_BODY
    )
    assert _clean(text) == "Warum ich lieber Bauchgeburt statt Kaiserschnitt sage."


def test_a_long_sentence_above_the_dateline_is_not_a_title() -> None:
    sentence = (
        "Das Bundesamt hat am Montag eine neue Karte veröffentlicht, die zeigt, wie viel"
        " Radon in den Böden vorkommt."
    )
    text = f"{sentence}\nNike Jane – 14.09.2022 – Kolumne\n" + DE_BODY
    assert _clean(text) != sentence


def test_a_dash_inside_an_on_page_heading_is_kept() -> None:
    # hildesheimer-presse: under the page's first line, a heading's dash joins its
    # own halves; only the page title's dash sets off a site name.
    text = "Polizeimeldungen\nHund vertreibt Einbrecher – Zeugenaufruf\n12. März 2021\n" + DE_BODY
    assert _clean(text) == "Hund vertreibt Einbrecher – Zeugenaufruf"


def test_a_breadcrumb_over_the_headline_is_not_the_headline() -> None:
    # japantimes: the section trail came first and took the headline's place, and
    # the headline became the standfirst.
    text = (
        "National / Crime & Legal\n"
        "Losing face: 6,000 surgical masks stolen from Kobe hospital\n"
        "JIJI\nFeb 18, 2020\nArticle history\nOnline: Feb 18, 2020\n"
        "Last Modified: Feb 18, 2020\nPRINT\nSHARE\n" + BODY
    )
    assert _clean(text) == "Losing face: 6,000 surgical masks stolen from Kobe hospital"


def test_author_name_above_the_dateline_is_not_the_headline() -> None:
    text = (
        "Level 3 LIVE from Cork as Ireland adapts to new restrictions\n"
        "Gavin O'Callaghan\n"
        "Updated 21:22, 6 OCT 2020\n" + BODY
    )
    assert _clean(text) == "Level 3 LIVE from Cork as Ireland adapts to new restrictions"


DE_BODY = (
    "Das Bundesamt hat am Montag eine neue Karte veröffentlicht, die zeigt, wie viel "
    "Radon in den Böden der einzelnen Regionen Deutschlands vorkommt.\n"
    "Hausbesitzer können damit abschätzen, ob sich eine Messung in ihrem Keller lohnt, "
    "und bei Bedarf die Lüftung ihrer Räume verbessern lassen.\n"
    "Die Daten stammen aus mehreren tausend Messungen, die in den vergangenen Jahren "
    "von Fachleuten in allen Bundesländern durchgeführt wurden."
)


def test_repeat_removed_by_a_rule_is_the_headline() -> None:
    # "Von ..." reads as a byline to the rules, and "Aktuelles" opens a section
    # rule that sweeps up the heading under it: a repeat of the title wins anyway.
    text = (
        "Bestseller-Autorin im Talk - Von Sprachregeln, Gender-Politik und «Deutsch»\n"
        "Startseite\nBestseller-Autorin im Talk\n"
        "Von Sprachregeln, Gender-Politik und «Deutsch»\n" + DE_BODY
    )
    assert _clean(text) == "Von Sprachregeln, Gender-Politik und «Deutsch»"
    text = (
        "BfS - Pressemitteilungen - Radon im Boden: Neue Karte gibt Orientierung\n"
        "Aktuelles\nPressemitteilungen\n"
        "Radon im Boden: Neue Karte gibt Orientierung\n"
        "Ausgabejahr 2022\nDatum 25.01.2022\n" + DE_BODY
    )
    assert _clean(text) == "Radon im Boden: Neue Karte gibt Orientierung"


def test_removed_one_word_repeat_is_a_section_label() -> None:
    text = "News - Eawag\nHome\nNews\nAuf das erste Elektron kommt es an\n" + BODY
    assert _clean(text) != "News"


def test_title_line_cut_by_the_segmenter_is_read_whole() -> None:
    # "wien.ORF.at" looks like two glued sentences to the segmenter; the page
    # title is still the whole first line.
    text = (
        "Chronik: Lotte Tobisch ist tot - wien.ORF.at\n"
        "Zum Inhalt [AK+1] / Zur ORF.at-Navigation [AK+3]\n"
        "Radio Wien\nChronik\n"
        "Lotte Tobisch ist tot\n" + DE_BODY
    )
    assert _clean(text) == "Lotte Tobisch ist tot"


def test_repeat_removed_as_consent_boilerplate_is_not_the_headline() -> None:
    # The rules remove "privacy policy" as a consent link, not as a section.
    text = "privacy policy: SibenLab privacy policy\nprivacy policy\n" + BODY
    assert _clean(text) != "privacy policy"


def test_short_headline_with_a_year_is_a_headline() -> None:
    text = "Europas Topathleten fit für München 2022\n" + DE_BODY
    assert _clean(text) == "Europas Topathleten fit für München 2022"


def test_month_and_year_line_is_not_a_headline() -> None:
    text = "Januar 2022\nTrotz Eindämmungsmaßnahmen auf Erholungskurs\n" + DE_BODY
    assert _clean(text) == "Trotz Eindämmungsmaßnahmen auf Erholungskurs"


def test_first_line_right_above_the_article_is_its_headline() -> None:
    # No separator: not a page title to find a longer copy of, but the heading
    # of an article-only text (a later line extending it is a subheading).
    text = (
        "Bridge closed for repairs\n"
        + BODY
        + "\nWhy the bridge closed for repairs this year\n"
        + BODY
    )
    assert _clean(text) == "Bridge closed for repairs"


def test_a_menu_bar_in_capitals_is_not_the_headline() -> None:
    title = "When you take a multivitamin every day, this is what happens to your body"
    text = "\n".join(
        [
            "LIVING",
            "Privacy Policy",
            title,
            "NEWS FEATURES BEAUTY ENTERTAINMENT ROYALS HEALTH LOVE",
            title,
            "Shutterstock",
            "By Cat Lafuente / June 12, 2020 9:49 am EST",
            "Do you take a multivitamin every day? When you think of the best ways to be "
            "healthy, a few practices come to mind: a balanced diet and regular exercise.",
            "People take multivitamins for a wide variety of reasons: they want to get "
            "healthier, perform better at the gym, or they hope for more energy.",
        ]
    )
    assert clean_text(text).headline == title


def test_a_kicker_glued_to_the_heading_is_cut_off() -> None:
    # The heading carries the section kicker in front ("Montréal La fin ..."); the
    # page title has the headline alone, so the kicker goes.
    text = "\n".join(
        [
            "La fin des trottinettes en libre-service à Montréal | Le Devoir",
            "Montréal La fin des trottinettes en libre-service à Montréal",
            "La Ville de Montréal met fin à l'expérience des trottinettes électriques en "
            "libre-service, faute de respect des règles par les usagers cette année.",
            "Les entreprises avaient obtenu un permis pour deux ans, mais la Ville a jugé "
            "que trop d'appareils étaient laissés sur les trottoirs du centre-ville.",
        ]
    )
    assert clean_text(text).headline == "La fin des trottinettes en libre-service à Montréal"


def test_a_heading_that_the_title_holds_whole_keeps_its_kicker() -> None:
    text = "\n".join(
        [
            "Home Issues Prison official: ‘Anyone’ could escape from Northward",
            "Prison official: ‘Anyone’ could escape from Northward",
            "The prison's director told lawmakers on Tuesday that the perimeter fence "
            "had gaps that anyone determined enough could climb through at night.",
            "Officials said repairs would begin next month, once the budget for the "
            "work had been approved by the finance committee of the parliament.",
        ]
    )
    assert clean_text(text).headline == "Prison official: ‘Anyone’ could escape from Northward"


# A page whose <title> words the story otherwise than its on-page heading (an SEO
# title, as tfe/smava.de on the dev corpus), with a menu between the two.
SEO_TITLE = "Bridge repairs: what the closure will cost | Town Gazette"
MENU = "Home\nLocal\nPolitics\nBusiness\nSport\nCulture\nServices"


def test_the_heading_right_above_the_article_beats_a_reworded_page_title() -> None:
    text = f"{SEO_TITLE}\n{MENU}\nWhy the old bridge stays shut until the summer\n{BODY}"
    assert _clean(text) == "Why the old bridge stays shut until the summer"


def test_a_section_heading_above_the_article_is_not_its_heading() -> None:
    # Sharing one word with the page title, the line is a label ("Letzte Artikel").
    text = f"{SEO_TITLE}\n{MENU}\nNews from the region\n{BODY}"
    assert _clean(text) == "Bridge repairs: what the closure will cost"


def test_a_first_line_without_separators_is_the_article_heading() -> None:
    # Article text starts at its own heading; a subheading above the first
    # paragraph (here under photo credits) does not replace it.
    text = (
        "Old bridge closed for months as repairs begin\n"
        "The bridge at dawn\nPhoto: Town archive\nMap: Town council\nVideo: Newsroom\n"
        "Chart: Newsroom\nHow the old bridge repairs will work\n" + BODY
    )
    assert _clean(text) == "Old bridge closed for months as repairs begin"


def test_a_repeat_is_found_whatever_its_first_character() -> None:
    # _title_repeat folds only the units whose first character can start a run:
    # a capital folds to its lower case ("Über", "ÉTÉ"), punctuation is skipped.
    for heading in ("Über die Brücke nach Süden", "ÉTÉ: la route des vacances", "«Gute Löhne»"):
        text = f"{heading} | Stadtanzeiger\nHome\nNews\nSport\n{heading}\n{BODY}"
        assert _clean(text) == heading


def test_the_first_lines_of_a_hard_wrapped_paragraph_are_no_headline() -> None:
    # mozr/title-en-dash as an extractor wrote it: one paragraph wrapped at 80
    # columns, its first line taken for the headline and its second for the dek.
    text = (
        "The council voted on Monday to close the bridge to lorries after engineers\n"
        "found cracks in two of its supporting piers during a routine inspection last\n"
        "month, and repairs are expected to take the rest of the year, officials said.\n"
        "Buses will use a diversion through the town centre while the work goes on."
    )
    result = clean_text(text)
    assert result.headline is None and result.standfirst is None
    assert "found cracks" in result.body and "The council voted" in result.body
    check_invariants(text, result)


def test_a_short_lower_case_byline_under_the_headline_is_no_wrap() -> None:
    text = (
        "Das vermutlich schwulste Musikvideo der Welt\n"
        "vom Krimiblogger\n"
        "Okay, hat wieder nichts mit Krimi zu tun. Im Gegenteil. Keine Gewalt, kein Blut,"
        " kein Mord, kein Totschlag, nur Musik und ein Video, das man gesehen haben muss."
    )
    assert clean_text(text).headline == "Das vermutlich schwulste Musikvideo der Welt"


def test_the_title_as_a_breadcrumbs_last_item_is_not_the_heading() -> None:
    # tonight.de: the page title comes back as the trail's current page, under a
    # trail that ends in its separator; the article's own heading, worded
    # otherwise, sits under it, over the dateline.
    text = "\n".join(
        [
            "Bridge closed: lorries diverted",
            "Home",
            "News",
            "Sport",
            "Kontakt",
            "Impressum",
            "Tonight News > Local > Traffic >",
            "Bridge closed: lorries diverted",
            "Traffic",
            "Cracks in two pillars: bridge shut",
            "March 16, 2021",
            BODY,
        ]
    )
    assert _clean(text) == "Cracks in two pillars: bridge shut"
    # Without the trail, the repeat of the title is the heading.
    untrailed = text.replace("Tonight News > Local > Traffic >\n", "")
    assert _clean(untrailed) == "Bridge closed: lorries diverted"


def test_a_heading_a_related_list_swept_up_is_found_over_its_dateline() -> None:
    # mtb-news: "Auch interessant" and its teaser titles run straight into the
    # article's heading, author and date; the list's section takes them all, as
    # it ends only where the article's paragraphs start. The heading nearest the
    # dateline is the article's, not the teaser titles above it.
    text = "\n".join(
        [
            "Bridge closed: lorries diverted | Tonight News",
            "Home",
            "News",
            BODY.split("\n")[0],
            "You may also like",
            "New helmets for the season: lighter and cheaper than ever",
            "Disc brakes tested: more stopping power for less money",
            "Cracks in two pillars of the old bridge close it for six months",
            "Jane Smith",
            "March 16, 2021",
            *BODY.split("\n")[1:],
        ]
    )
    assert _clean(text) == "Cracks in two pillars of the old bridge close it for six months"


def test_the_heading_over_the_first_of_several_datelines_is_found() -> None:
    # fluter.de: heading, dek, author, date, a tag, then the reading time; the
    # reading time is the dateline nearest the article, and the heading sits
    # over the date further up.
    text = "\n".join(
        [
            "Big data against the virus? An interview on risks and side effects",
            "Topic – Health",
            "“A new era of data use is beginning”",
            "Can big data end the crisis? A media scholar weighs the risks for us all.",
            "Interview: Julia Lauter",
            "31.03.2020",
            "Health",
            "6 min read",
            BODY,
        ]
    )
    assert _clean(text) == "“A new era of data use is beginning”"


def test_a_heading_that_opens_the_window_over_a_byline_is_found() -> None:
    # Appen: a long heading that scores as the article's first paragraph, the
    # byline right under it; the page title words the story otherwise.
    heading = (
        "Bridge closures in the county: cracks in two pillars, six months of "
        "diversions, and how the town centre is already coping with the lorries"
    )
    text = "\n".join(
        [
            "The future of our roads | Tonight News",
            *(["Home", "News", "Sport", "Weather", "Contact", "Jobs"] * 2),
            "Blog Home Roads & Traffic • October 18, 2019",
            heading,
            "By Jane Smith",
            BODY,
        ]
    )
    assert _clean(text) == heading


def test_a_caption_with_its_credit_is_no_headline() -> None:
    caption = "Herbert Grönemeyer is among the supporters. Photo: dpa"
    text = "\n".join(["Music stars call for a new streaming model", "By Jane Smith", caption, BODY])
    assert not cleanarticle.headline._title_like(caption)
    assert _clean(text) == "Music stars call for a new streaming model"


def test_a_two_word_first_line_over_the_body_is_the_headline() -> None:
    assert _clean("\n".join(["Speeding police", "Leave a reply", BODY])) == "Speeding police"


def test_a_two_word_first_line_over_a_heading_is_a_kicker() -> None:
    # "Urgent appeal" over the heading, "E-Schrott" over two section labels and
    # the heading: labels, not titles.
    heading = "VW chief warns of Tesla and a Golf made in China"
    assert _clean("\n".join(["Urgent appeal", heading, BODY])) == heading
    text = "\n".join(["E-waste", "Business & Markets", "Science & Tech", heading, BODY])
    assert _clean(text) == heading
    assert _clean("\n".join(["CLIMATE CHANGE", "Leave a reply", BODY])) is None


def test_the_page_a_breadcrumb_names_is_the_headline() -> None:
    # handwerk-magazin: the trail's last item is the page's title; the heading
    # prints it after a kicker glued on.
    title = "Cyber attacks: put a fifth of the IT budget into security!"
    text = "\n".join(
        [
            "Home",
            "News",
            f"home / Business / IT / {title}",
            "IT - 21 January 2022",
            f"Investing in security {title}",
            BODY,
        ]
    )
    assert _clean(text) == title


def test_a_section_that_ends_a_trail_names_only_the_unit_under_it() -> None:
    # "Essen-Westviertel" right under "... » Essen » Essen-Westviertel" is the page's
    # heading; a short last item elsewhere is a section's name, not the title.
    trail = "Sie sind hier: Startseite » Essen » Essen Teil 2 » Essen-Westviertel"
    caption = "Essen-Westviertel Ehemaliges Press- und Hammerwerk Ost - heute Ikea Parkhaus"
    result = clean_text("\n".join([trail, "Essen-Westviertel", caption, BODY]))
    assert result.headline == "Essen-Westviertel"
    # A caption that starts with the headline is not its dek.
    assert result.standfirst is None
    # Not adjacent, a short last item is a section's name: the heading stays.
    text = "\n".join(
        [
            "Home",
            "News",
            "Home > Politics > Energy-Crisis",
            "Politics",
            "Energy-Crisis",
            "Industrial power price: no end to the debate",
            "October 31, 2023",
            BODY,
        ]
    )
    assert _clean(text) == "Industrial power price: no end to the debate"


def test_a_sentence_that_ends_in_an_emoji_is_the_lede_not_a_dek() -> None:
    # jeongdongtheater.com: "... left their reviews of the show on KLOOK! 🙂" is a
    # sentence of the post; an emoji after its "!" made it read as an unpunctuated dek.
    lede = (
        "Visitors who booked their tickets through KLOOK came to the theatre to watch "
        "the show and have left their reviews of it on KLOOK! 🙂"
    )
    result = clean_text("\n".join(["More Reviews from KLOOK Visitors!", lede, BODY]))
    assert result.standfirst is None
    assert result.paragraphs[0] == lede
    from cleanarticle.features import without_symbols

    assert without_symbols("on KLOOK! 🙂") == "on KLOOK!"
    assert without_symbols("Thanks 👍🏽") == "Thanks"
    assert without_symbols("no symbol here") == "no symbol here"


def test_a_two_word_heading_over_an_authors_byline_is_the_headline() -> None:
    # piratenpartei-hessen: categories, the heading, "von <author>", the date. Over
    # a byline that names the author the line is no author's name, so two words do.
    text = "\n".join(
        ["News General", "Solidarity = Neighbourliness", "by Martina Smith", "March 31, 2020", BODY]
    )
    assert _clean(text) == "Solidarity = Neighbourliness"


def test_a_lede_that_restates_the_title_stays_in_the_body() -> None:
    # Breitbart: the heading, its share counts, the byline, then a first sentence
    # that restates the heading in 21 words. It is the article's lede, not a heading.
    lede = (
        "Snopes fact checker and staff writer David Emery posted to Twitter asking "
        "if there were “any un-angry Trump supporters?”"
    )
    text = "\n".join(
        [
            "'Neutral' Snopes Fact-Checker David Emery: 'Are There Any Un-Angry Trump Supporters?'",
            "6366",
            "12",
            "by Lucas Nolan 22 Dec 2016 651",
            "22 Dec, 2016 22 Dec, 2016",
            "SIGN UP FOR OUR NEWSLETTER",
            lede,
            BODY,
            "SIGN UP FOR OUR NEWSLETTER",
        ]
    )
    result = clean_text(text)
    assert lede in result.paragraphs
    assert result.headline is not None and result.headline.startswith("'Neutral'")
    check_invariants(text, result)


def test_a_heading_cut_at_a_glue_like_join_is_the_headline_whole() -> None:
    # medialepfade.de, sibenlab.blogspot.com: the segmenter cuts "MedienpädagogIn"
    # and "SibenLab" as it cuts "AdvertisementThe"; the rules leave both halves, so
    # the line is one heading again, and one removal.
    for heading in ("MedienpädagogIn in München gesucht", "SibenLab privacy policy"):
        text = "\n".join([heading, "by Danilo Dietsch", BODY])
        result = clean_text(text)
        check_invariants(text, result)
        assert result.headline == heading
        assert [r.text for r in result.removals if r.rule == "headline"] == [heading]
        assert heading not in result.body


def test_a_repeat_of_the_headline_under_it_is_no_standfirst() -> None:
    # changelog.blog: the heading, a section label, the heading again.
    heading = "Interim report: Jan Kegel on the tops and flops of the transformation"
    text = "\n".join([heading, "Feature", heading, BODY])
    result = clean_text(text)
    check_invariants(text, result)
    assert result.headline == heading
    assert result.standfirst is None
    assert heading not in result.body


def test_a_line_with_a_timestamp_is_no_headline() -> None:
    # moritz-meyer.net: the author's name glued to an ISO timestamp and an
    # English date with an ordinal, over the heading.
    assert cleanarticle.headline._FULL_DATE_RE.search("MoritzMeyer 2019-01-07T17:27:31+02:00")
    assert cleanarticle.headline._FULL_DATE_RE.search("Juni 19th, 2018 | Social Media")
    assert not cleanarticle.headline._title_like("MoritzMeyer 2019-01-07T17:27:31+02:00 Juni")


def test_a_long_blog_name_repeated_over_the_menus_is_the_site_not_the_headline() -> None:
    # creeny.wordpress.com: "<post> | <blog name>" where the blog's name is too
    # long for a site name (six words, a comma); the page repeats it at the top and
    # the post's title right over the post.
    blog = "Das Leben, der Meister und ich…"
    text = "\n".join(
        [
            "Nebelsuppe. | Das Leben, der Meister und ich...",
            blog,
            "Startseite",
            "Impressum",
            "Jan 24",
            "Nebelsuppe.",
            "Veröffentlicht am Fr, 24. Januar 2020, 18:18 von Creeny",
            BODY,
        ]
    )
    result = clean_text(text)
    check_invariants(text, result)
    assert result.headline == "Nebelsuppe."
    assert blog not in result.body
