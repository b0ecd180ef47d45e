"""Question generation on small hand-written texts: sentences, entities, each kind, filters,
determinism and bad input."""

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.core.generation import (
    MAX_CHARS,
    QUIZ_READY,
    GenerationError,
    candidate_to_json,
    context,
    drafts,
    filters,
    generate,
    speech,
)
from quizapp.core.generation.entities import analyse
from quizapp.core.generation.model import Choice, Draft, Sentence
from quizapp.core.generation.sentences import split

NEWS = """KABUL (AP) — Pakistan launched airstrikes on Afghanistan on Friday, officials said.
U.S. President Donald Trump spoke to reporters in Washington about the strikes on Friday.
Gen. Asim Munir, Pakistan's army chief, met commanders in Rawalpindi after the attacks.
"We will defend our borders at any cost," said Khawaja Asif, Pakistan's defence minister.
The Taliban claimed they had captured 19 Pakistani military posts near the Torkham crossing.
The Baloch Liberation Army (BLA) attacked a train in Balochistan in March 2025.
More than one million refugees returned from Pakistan to Afghanistan in 2024.
Pakistan closed the Chaman crossing in Balochistan after the clashes in October.
The Tehrik-i-Taliban Pakistan (TTP) was formed in 2007 in South Waziristan.
The Taliban returned to power in Kabul in August 2021 after the American withdrawal.
Qatar and Turkey mediated a ceasefire between Pakistan and Afghanistan in October 2025.
The Durand Line was drawn in 1893 by the British diplomat Mortimer Durand and Amir Abdur Rahman.
Pakistan recognised the Taliban government in 1997, one of only three states to do so.
Saudi Arabia helped arrange the release of three Pakistani soldiers in February 2026.
Afghanistan denied that its territory was used by militants who attacked Pakistan.
"""


def texts(sentences):
    return [s.text for s in sentences]


def by_kind(candidates, kind):
    return [c for c in candidates if c.kind == kind]


# --- sentences ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "U.S. President Donald Trump spoke. He left.",
            ["U.S. President Donald Trump spoke.", "He left."],
        ),
        (
            "Gen. Asim Munir met Lt. Col. Khan. They talked.",
            ["Gen. Asim Munir met Lt. Col. Khan.", "They talked."],
        ),
        ("Troops left the U.S. The base closed.", ["Troops left the U.S.", "The base closed."]),
        (
            "“The cup of patience has overflowed.” Islamabad then struck Kabul.",
            ["“The cup of patience has overflowed.”", "Islamabad then struck Kabul."],
        ),
        (
            "“It is over. We are done,” he said. Talks ended.",
            ["“It is over. We are done,” he said.", "Talks ended."],
        ),
        (
            "Prices rose 2.5 percent in 2024. Trade fell.",
            ["Prices rose 2.5 percent in 2024.", "Trade fell."],
        ),
        (
            "The line is named after Mortimer D. Durand. It is disputed.",
            ["The line is named after Mortimer D. Durand.", "It is disputed."],
        ),
    ],
)
def test_split_survives_news_prose(text, expected):
    assert texts(split(text)) == expected


def test_split_drops_the_dateline_and_keeps_spans():
    text = "ISLAMABAD, Pakistan (AP) — Pakistan struck Kabul. Afghanistan replied."
    found = split(text)
    assert texts(found) == ["Pakistan struck Kabul.", "Afghanistan replied."]
    assert all(text[s.start : s.end] == s.text for s in found)


def test_split_treats_a_blank_line_of_spaces_as_a_paragraph_break():
    found = split(
        "Pakistan closed the border crossing at Torkham on Sunday and\n   \nAfghanistan protested."
    )
    assert [s.block for s in found] == [0, 1]


def test_split_joins_wrapped_lines_and_marks_headings():
    text = (
        "# What happened\n\nPakistan and Afghanistan fought along the border for\n"
        "several days in October. Qatar mediated.\n\n- A bullet point with a fact.\n"
    )
    found = split(text)
    assert found[0].text == "What happened" and found[0].is_heading
    assert found[1].text == (
        "Pakistan and Afghanistan fought along the border for\nseveral days in October."
    )
    assert [s.position for s in found[1:3]] == [0, 1]
    assert found[-1].text == "A bullet point with a fact."


# --- entities ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def news():
    return analyse(NEWS, split(NEWS))


def mentions(analysis, kind):
    return [m for ms in analysis.mentions for m in ms if m.kind == kind]


def test_people_with_titles_and_roles(news):
    people = {m.canonical: m for m in mentions(news, "person")}
    assert {"Donald Trump", "Asim Munir", "Khawaja Asif"} <= set(people)
    assert people["Donald Trump"].affiliation == "United States"
    assert people["Donald Trump"].subtype == "head"


def test_places_from_the_gazetteer_with_provinces_and_crossings(news):
    places = {m.canonical: m.subtype for m in mentions(news, "place")}
    assert places["Torkham"] == "crossing"
    assert places["Chaman"] == "crossing"
    assert places["Balochistan"] == "province"
    assert places["Pakistan"] == "country"
    assert places["Kabul"] == "capital"
    assert places["South Waziristan"] == "district"


def test_organisations_and_their_acronyms(news):
    orgs = {m.text: m.canonical for m in mentions(news, "org")}
    assert orgs["BLA"] == "Baloch Liberation Army"
    assert orgs["TTP"] == "Tehrik-i-Taliban Pakistan"
    assert "BLA" in news.entities["Baloch Liberation Army"].aliases


def test_dates_and_years(news):
    dates = {m.text: (m.subtype, m.date) for m in mentions(news, "date")}
    assert dates["March 2025"] == ("month_year", (2025, 3, 0))
    assert dates["1893"] == ("year", (1893, 0, 0))
    assert dates["Friday"][0] == "weekday"


def test_quantities_with_their_noun(news):
    found = {m.canonical: m for m in mentions(news, "quantity")}
    posts = found["19 Pakistani military posts"]
    assert (posts.value, posts.noun) == (19, "Pakistani military posts")
    refugees = found["one million refugees"]
    assert (refugees.value, refugees.qualifier) == (1_000_000, "more than")
    assert found["three Pakistani soldiers"].value == 3


def test_numbers_that_name_things_are_not_counted():
    text = "Phase 2 targeted card holders across the country from April."
    assert mentions(analyse(text, split(text)), "quantity") == []


def test_protagonists_are_the_two_most_named_countries(news):
    assert news.is_protagonist("Pakistan") and news.is_protagonist("Afghanistan")
    assert news.is_protagonist("Kabul")  # a capital stands for its country
    assert not news.is_protagonist("Qatar")


# --- kinds -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def found():
    return generate(NEWS, seed=3)


def test_cloze_blanks_a_name_and_offers_alike_options(found):
    cloze = [c for c in by_kind(found, "single") if c.prompt.startswith("Fill in the blank")]
    assert cloze
    for candidate in cloze:
        correct = [c.text for c in candidate.choices if c.is_correct]
        assert len(correct) == 1 and 3 <= len(candidate.choices) <= 4
        assert "_____" in candidate.prompt
        assert correct[0] not in candidate.prompt.replace("Fill in the blank: ", "")
        assert candidate.source.sentence == NEWS[candidate.source.start : candidate.source.end]


def test_cloze_never_asks_for_the_two_main_countries(found):
    keys = {c.key for c in by_kind(found, "single")}
    assert not keys & {"Pakistan", "Afghanistan", "Kabul", "Islamabad"}


def test_numeric_asks_how_many_of_the_noun(found):
    posts = next(c for c in by_kind(found, "numeric") if c.key == "19")
    assert posts.prompt.startswith("How many Pakistani military posts? Fill in the number:")
    assert (posts.answer, posts.tolerance, posts.choices) == (19, 0, ())
    assert "19" not in posts.prompt


def test_numeric_tolerance_follows_an_approximate_qualifier():
    text = "Officials said about 400 passengers were on the train that was seized in Balochistan."
    [candidate] = by_kind(drafts(text), "numeric")
    assert (candidate.answer, candidate.tolerance) == (400, 40)


def test_who_said_names_the_speaker_with_other_people_as_options(news):
    [quote] = speech.who_said(news, 0, {})
    assert quote.prompt == 'Who said: "We will defend our borders at any cost"?'
    assert [c.text for c in quote.choices if c.is_correct] == ["Khawaja Asif"]
    assert len(quote.choices) == 4
    assert all(c.text not in quote.prompt for c in quote.choices)
    assert "named just before" not in quote.explanation


def test_one_question_per_key_and_sentence(found):
    # The quotation's sentence also names the speaker: the cloze on it comes first, so the
    # who-said question on the same key and sentence is dropped as a duplicate.
    pairs = [(c.kind, c.key, c.source.start) for c in found]
    assert len(pairs) == len(set(pairs))


def test_who_said_follows_he_back_to_the_last_person_named():
    text = (
        "Pakistan's defence minister, Khawaja Asif, spoke in Islamabad on Friday. "
        "“Now it is open war between us and you,” he wrote in a message to Afghan leaders."
    )
    [quote] = [c for c in drafts(text) if c.prompt.startswith("Who said")]
    assert [c.text for c in quote.choices if c.is_correct] == ["Khawaja Asif"]
    assert "named just before" in quote.explanation


def test_true_statements_are_verbatim_and_false_ones_change_one_fact():
    statements = []
    for seed in range(6):
        statements += by_kind(generate(NEWS, seed=seed), "true_false")
    true = [c for c in statements if c.choices[0].is_correct]
    false = [c for c in statements if not c.choices[0].is_correct]
    assert true and false
    for candidate in true:
        assert candidate.prompt == "True or false? " + " ".join(candidate.source.sentence.split())
    for candidate in false:
        said = candidate.prompt.removeprefix("True or false? ")
        assert said != " ".join(candidate.source.sentence.split())
        old, new = candidate.key.removeprefix("false:").split("->")
        assert said == " ".join(candidate.source.sentence.replace(old, new, 1).split())


def test_a_changed_bound_is_only_moved_the_way_that_makes_it_false():
    text = "More than one million refugees returned from Pakistan to Afghanistan in 2024."
    changed = set()
    for seed in range(8):
        for candidate in by_kind(drafts(text, seed=seed), "true_false"):
            if not candidate.choices[0].is_correct and "million" in candidate.prompt:
                changed.add(candidate.prompt.split("More than ")[1].split()[0])
    assert changed and changed <= {"two", "three"}


def test_ordering_puts_dated_events_earliest_first():
    text = (
        "In 1996 the Taliban captured Kabul and declared an emirate over most of the country. "
        "In 2001 the United States invaded Afghanistan after the attacks in New York. "
        "In 2020 the United States and the Taliban signed the Doha Agreement in Qatar. "
        "In 2021 the Taliban returned to power in Kabul as American troops left the country."
    )
    [order] = [c for c in by_kind(generate(text), "ordering") if QUIZ_READY in c.checks]
    assert [c.text.split()[1] for c in order.choices] == ["Taliban", "United", "United", "Taliban"]
    assert order.key == "1996|2001|2020|2021"
    assert (order.source.start, order.source.end) == (0, len(text))


def test_ordering_needs_enough_dated_events():
    assert (
        by_kind(generate("In 1996 the Taliban captured Kabul and declared an emirate."), "ordering")
        == []
    )


def test_extra_distractors_come_after_the_texts_own():
    text = (
        "Pakistan closed the Kharlachi crossing on 13 October after clashes with Afghan forces "
        "along the border in Kurram district."
    )
    extra = {"place": ["Wagah", "Sust", "Sust"]}
    [cloze] = [c for c in drafts(text, extra_distractors=extra) if c.key == "Kharlachi"]
    assert {"Wagah", "Sust"} <= {c.text for c in cloze.choices}


def test_candidates_are_ranked_and_limited(found):
    scores = [c.score for c in found]
    assert scores == sorted(scores, reverse=True)
    assert len(generate(NEWS, seed=3, limit=5)) == 5
    assert generate(NEWS, seed=3, limit=0) == []


def test_json_shape():
    candidate = generate(NEWS, seed=3)[0]
    shape = json.loads(json.dumps(candidate_to_json(candidate)))
    assert set(shape) == {
        "kind",
        "prompt",
        "choices",
        "answer",
        "tolerance",
        "source",
        "score",
        "checks",
    }
    assert set(shape["source"]) == {"start", "end", "sentence"}
    numeric = next(c for c in generate(NEWS, seed=3) if c.kind == "numeric")
    assert candidate_to_json(numeric)["choices"] == []


def test_same_text_and_seed_give_the_same_list():
    assert generate(NEWS, seed=7) == generate(NEWS, seed=7)
    assert [candidate_to_json(c) for c in generate(NEWS, seed=7)] == [
        candidate_to_json(c) for c in generate(NEWS, seed=7)
    ]


def test_over_generation_counts_drafts_before_filters():
    from quizapp.core.generation import counts

    made = counts(NEWS)
    assert made.words == len(NEWS.split())
    assert sum(made.drafts.values()) / made.words * 1000 >= 20
    assert all(made.passed.get(kind, 0) <= made.drafts[kind] for kind in made.drafts)
    assert sum(made.passed.values()) >= len(generate(NEWS))


def test_who_said_needs_a_named_speaker_and_other_people():
    alone = "“We will defend our borders at any cost and never give in,” he said on Friday."
    assert not [c for c in generate(alone) if c.prompt.startswith("Who said")]
    nobody_else = (
        "Mullah Zainuddin, a cleric, spoke. “We will defend our valley at any cost "
        "and never give in,” he said on Friday."
    )
    assert not [c for c in generate(nobody_else) if c.prompt.startswith("Who said")]


def test_a_number_whose_every_change_occurs_in_the_text_is_not_swapped():
    from quizapp.core.generation import numbers

    [mention] = [
        m
        for ms in analyse(NEWS, split(NEWS)).mentions
        for m in ms
        if m.kind == "quantity" and m.value == 19
    ]
    everything = " ".join(str(n) for n in range(1, 200))
    assert numbers.altered(mention, random.Random(0), everything) is None
    assert numbers.altered(mention, random.Random(0), "") not in (None, "19")


# --- filters -----------------------------------------------------------------------------


def draft(stem, key, options, family="cloze", key_kind="person", aliases=()):
    sentence = Sentence(0, 0, len(stem), stem.replace("_____", key), 0, 0)
    choices = tuple(Choice(t, t == key) for t in [key, *options])
    return Draft(
        family,
        "single",
        stem,
        choices,
        None,
        None,
        sentence,
        "",
        key,
        key_kind,
        stem,
        frozenset({key, *aliases}),
    )


def test_key_once_in_its_sentence():
    assert filters.key_once(draft("_____ met Khan in Doha.", "Asif", ["Dar", "Naqvi"]))
    assert not filters.key_once(draft("_____ met Asif in Doha.", "Asif", ["Dar", "Naqvi"]))


def test_key_and_its_aliases_stay_out_of_the_stem():
    ok = draft(
        "The _____ attacked a train.", "BLA", ["TTP", "ISKP"], aliases=["Baloch Liberation Army"]
    )
    assert filters.key_hidden(ok, ok.aliases)
    leak = draft(
        "The _____, or Baloch Liberation Army, attacked.",
        "BLA",
        ["TTP", "ISKP"],
        aliases=["Baloch Liberation Army"],
    )
    assert not filters.key_hidden(leak, leak.aliases)
    country = draft("Troops crossed into _____ from Afghan soil.", "Afghanistan", ["Iran", "India"])
    assert not filters.key_hidden(country, country.aliases)  # the demonym gives it away


def test_words_of_an_organisations_name_stay_out_of_the_stem():
    org = draft(
        "The _____, a Baloch separatist group, attacked.",
        "BLA",
        ["TTP", "ISKP"],
        key_kind="org",
        aliases=["Baloch Liberation Army"],
    )
    assert not filters.key_words_hidden(org)
    assert filters.key_words_hidden(
        draft(
            "The _____ attacked.",
            "BLA",
            ["TTP", "ISKP"],
            key_kind="org",
            aliases=["Baloch Liberation Army"],
        )
    )


def test_no_option_contains_another():
    assert filters.options_distinct(draft("_____ ruled.", "Taliban", ["TTP", "BLA"]))
    assert not filters.options_distinct(draft("_____ ruled.", "Taliban", ["Afghan Taliban", "BLA"]))


def test_distractors_are_not_aliases_of_the_key():
    alias = draft(
        "The _____ struck.",
        "TTP",
        ["Tehrik-i-Taliban Pakistan", "BLA"],
        aliases=["Tehrik-i-Taliban Pakistan"],
    )
    assert not filters.not_alias(alias, alias.aliases)
    faction = draft("The _____ struck.", "Taliban", ["Haqqani network", "BLA"])
    assert not filters.not_alias(faction, faction.aliases)


@pytest.mark.parametrize(
    ("key", "option", "alike"),
    [
        ("BLA", "TTP", True),
        ("BLA", "Baloch Liberation Front", False),
        ("1996", "2001", True),
        ("1996", "Kabul", False),
        ("Kabul", "al-Qaeda", False),
        ("United States", "United Kingdom", True),
        ("United States", "Iran", False),
        ("Torkham", "Spin Boldak", True),
        ("Kabul", "Islamic State Khorasan Province", False),
    ],
)
def test_distractors_share_the_keys_format(key, option, alike):
    assert filters.same_format(key, option) is alike


def test_a_dangling_opening_needs_an_earlier_sentence():
    for text in (
        "He said the talks in Doha had failed on Friday evening.",
        "First, it claims the Taliban give the TTP a safe haven.",
        "This was the deadliest attack in Pakistan since the school massacre.",
    ):
        [sentence] = split(text)
        assert not context.has_context(sentence, ())
    [sentence] = split("Pakistan said the talks in Doha had failed on Friday evening.")
    assert context.has_context(sentence, ())


def test_a_pronoun_after_the_person_it_names_is_fine():
    text = "Khawaja Asif, the defence minister, said he had warned Kabul about the TTP."
    analysis = analyse(text, split(text))
    assert context.has_context(analysis.sentences[0], analysis.mentions[0])


def test_article_before_the_blank_agrees_with_every_option():
    assert not filters.article_agrees(
        draft("He met an _____ official.", "Iranian", ["Pakistani", "Afghan"])
    )
    assert filters.article_agrees(
        draft("He met a _____ official.", "Pakistani", ["Turkish", "Qatari"])
    )


def test_no_duplicate_key_and_sentence_pairs():
    first = draft("_____ met Dar.", "Asif", ["Naqvi", "Tarar"])
    same = draft("_____ met Dar.", "Asif", ["Bugti", "Tarar"])
    other = draft("_____ met Asif.", "Dar", ["Naqvi", "Tarar"])
    assert filters.unique([first, same, other]) == [first, other]


def test_every_candidate_lists_the_checks_it_passed(found):
    for candidate in found:
        assert candidate.checks
        if candidate.prompt.startswith("Fill in the blank"):
            assert {
                "key_once",
                "key_hidden",
                "options_distinct",
                "not_alias",
                "same_format",
                "not_protagonist",
                "context",
            } <= set(candidate.checks)


def test_no_candidate_of_the_text_breaks_a_filter_rule(found):
    pairs = [(c.key, c.source.start) for c in found if c.kind != "true_false"]
    assert len(pairs) == len(set(pairs))
    for candidate in found:
        options = [c.text for c in candidate.choices]
        assert not any(
            filters.nested(a, b) for i, a in enumerate(options) for b in options[i + 1 :]
        )
        first = candidate.prompt.split(": ", 1)[-1].split()[0].lower()
        assert first not in ("he", "she", "it", "this", "they")


def test_former_states_are_not_offered_for_later_years():
    text = (
        "The terrorist attacks of 11 September 2001 in the United States changed the war, "
        "and the Soviet Union had left Afghanistan long before. The United Kingdom and "
        "the United Arab Emirates were also named."
    )
    for candidate in generate(text):
        if candidate.key == "United States":
            assert "Soviet Union" not in {c.text for c in candidate.choices}


# --- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("x" * (MAX_CHARS + 1), "limit"),
        ("<html><body><p>Pakistan struck Kabul.</p></body></html>", "HTML"),
        (
            "Pakistan a lancé des frappes aériennes sur l'Afghanistan vendredi, et le "
            "ministre de la défense a déclaré que la patience du pays était à bout après une "
            "série d'attentats meurtriers dans les provinces frontalières du nord-ouest, "
            "selon des responsables pakistanais qui ont parlé sous couvert d'anonymat "
            "mercredi soir dans la capitale.",
            "English",
        ),
        (12, "text"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(text, message):
    with pytest.raises(GenerationError, match=message):
        generate(text)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"limit": -1}, "limit"),
        ({"limit": True}, "limit"),
        ({"limit": "5"}, "limit"),
        ({"extra_distractors": {"weapon": ["AK-47"]}}, "mapping"),
        ({"extra_distractors": ["Khan"]}, "mapping"),
        ({"extra_distractors": {"person": "Khan"}}, "list of names"),
        ({"extra_distractors": {"person": [1, 2]}}, "list of names"),
    ],
)
def test_bad_arguments_are_refused(kwargs, message):
    with pytest.raises(GenerationError, match=message):
        generate(NEWS, **kwargs)


@pytest.mark.parametrize(
    "text",
    [
        "ok",
        "1 2 3 4 5 6 7 8 9",
        "!!! ??? ...",
        "no capital letters or facts here at all.",
        "Kabul",
        "— — —\n\n###\n\n* * *",
        "Pakistan " * 500,
        "“" * 50 + "said Khan",
        "The 1990s. In 1996. By 2001. Since 2021.",
        "3,4,5,6 1.2.3 $5 10% 7–9 2024–2025",
    ],
)
def test_odd_text_gives_a_list_never_another_exception(text):
    try:
        found = generate(text)
    except GenerationError as refused:
        assert str(refused).endswith(".")
    else:
        assert isinstance(found, list)


_PIECES = [
    "Pakistan",
    "Kabul",
    "U.S.",
    "Gen.",
    "Khawaja Asif",
    "said",
    "“",
    "”",
    '"',
    "19",
    "more than",
    "one million",
    "refugees",
    "in",
    "2021",
    "March",
    "the",
    "TTP",
    "(BLA)",
    "—",
    "KABUL (AP) —",
    ".",
    ",",
    "?",
    "\n",
    "\n\n",
    "# ",
    "- ",
    "he",
    "Torkham",
    "crossing",
    "Phase",
    "3",
    "%",
    "Taliban",
    "Mr.",
    "e.g.",
    "<p>",
    "&amp;",
    "ﷺ",
    "😀",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=120), st.integers(0, 5))
def test_any_mix_of_news_pieces_gives_a_list_or_a_clear_refusal(pieces, seed):
    text = " ".join(pieces)
    try:
        found = generate(text, seed=seed)
    except GenerationError as refused:
        assert str(refused)
    else:
        for candidate in found:
            assert text[candidate.source.start : candidate.source.end] == candidate.source.sentence
