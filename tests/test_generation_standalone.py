"""The stand-alone gate (core/generation/standalone.py) on invented texts: a prompt names
what it is about, places its times, asks about the story's year, does not hand over its
key (a complement, the headline's own subject, one end of a range), and a "who said" is
about a person whose quotation starts where their sentence does."""

from dataclasses import replace

import pytest

from quizapp.core.generation import QUIZ_READY, drafts, generate, standalone
from quizapp.core.generation.entities import analyse
from quizapp.core.generation.model import Choice, Draft, Sentence
from quizapp.core.generation.sentences import split

STORY = """Orla quake kills 140 in Vestmark

Vestby, 4 March 2031: An earthquake in Vestmark killed at least 140 people on Tuesday,
the Vestmark disaster agency said.

The Orla Red Cross sent 300 volunteers to Vestby, its director Ivo Brann said.
"""


def analysis(text=STORY):
    return analyse(text, split(text))


def draft(stem, family="true_false", key="true", key_kind="statement", **kw):
    """A draft of `family` whose student-facing words are `stem`."""
    sentence = Sentence(0, 0, len(stem), stem, 0, 0)
    leads = {"true_false": "True or false? ", "cloze": "Fill in the blank: "}
    prompt = kw.pop("prompt", leads.get(family, "") + stem)
    choices = kw.pop("choices", (Choice("True", True), Choice("False", False)))
    return Draft(
        family,
        "single",
        prompt,
        choices,
        kw.pop("answer", None),
        None,
        sentence,
        "",
        key,
        key_kind,
        stem=stem,
        **kw,
    )


def alone(d, text=STORY):
    return standalone.stands_alone(d, analysis(text))


@pytest.mark.parametrize(
    "stem",
    [
        "The department said 2,014 incursions were recorded in Vestmark.",
        "The mass immunization, which began on 19 February, will run until 23 March.",
        "The surprise fall saw Vestmark inflation drop to its lowest rate.",
        "The particle is named after Ivo Brann, the Orla researcher.",
    ],
)
def test_a_subject_that_is_only_a_common_noun_leans_back(stem):
    assert not alone(draft(stem))


@pytest.mark.parametrize(
    "stem",
    [
        "The leader of the Orla Red Cross is Ivo Brann.",
        "The nine members of the Vestmark Monetary Committee voted for a rise.",
        "The previously governing Conservatives fell to 121 seats in Vestmark.",
        "The storm in Vestmark destroyed more than 300 homes.",
        "The Orla Red Cross sent 300 volunteers to Vestby.",
    ],
)
def test_a_subject_that_names_itself_stands_alone(stem):
    assert alone(draft(stem))


@pytest.mark.parametrize(
    "stem",
    [
        "Police tried to keep the media away from any protests.",  # no name after "Police"
        "One death was reported on 6 February.",  # a month is no name
        "Vestmark scientists called it the hardest landing ever attempted.",
        "Ivo Brann received the same sentence for his role in the fraud.",
        "Vestby later closed its beaches to swimmers.",
        "Protests in Vestmark erupted last December over prices.",
        "Vestmark's shares rose sharply in recent months.",
        "At 8.55 pm, the Orla Party led in 164 of 230 seats.",
        "Orla minister Ivo Brann said the decline came from new patrols.",
        "In addition to their league title, they face Vestby United in the cup final.",
        "Crowds sang and danced in Vestby's main square after the Orla Party's win.",
        "Vestmark, the region's largest nation, is an outpost of democracy.",
    ],
)
def test_a_statement_that_leans_on_another_sentence_is_dropped(stem):
    assert not alone(draft(stem))


@pytest.mark.parametrize(
    "stem",
    [
        "Cabinet ministers lost their seats, but Ivo Brann kept his in Vestby.",
        "The Orla Red Cross sent 300 volunteers to Vestby, its director Ivo Brann said.",
        "Ivo Brann has been Vestmark's deputy president since 2013.",
    ],
)
def test_a_statement_that_names_its_subject_is_kept(stem):
    assert alone(draft(stem))


def test_a_count_from_a_year_before_the_story_is_background():
    numeric = dict(family="numeric", key="40", key_kind="quantity", answer=40.0, choices=())
    old = "_____ people were killed across Vestmark in the first seven months of 2029."
    compared = "The Orla Party won _____ seats compared to 52 it won in 2029."
    current = "_____ people were killed across Vestmark in 2031."
    assert not alone(draft(old, **numeric))
    assert alone(draft(compared, **numeric))
    assert alone(draft(current, **numeric))
    undated = "Title\n\nAn earthquake killed 40 people.\n"
    assert alone(draft(old, **numeric), undated)  # without a dateline the year is unknown


def test_a_percentage_whose_complement_stands_beside_it_gives_itself_away():
    numeric = dict(family="numeric", key="50.9", key_kind="quantity", answer=50.9, choices=())
    assert not alone(draft("Ivo Brann won _____% of votes versus 49.1% for Mara Vell.", **numeric))
    assert alone(draft("Ivo Brann won _____% of votes, up from 41.2% in 2027.", **numeric))


def test_one_end_of_a_range_is_not_a_question():
    numeric = dict(family="numeric", key="9", key_kind="quantity", answer=9.0, choices=())
    assert not alone(draft("Vestmark officials say it could take six to _____ months.", **numeric))
    assert not alone(draft("Between 60 and _____ reefs in Vestmark are bleached.", **numeric))


def test_a_cloze_on_the_headlines_own_subject_is_a_giveaway():
    options = (Choice("Vestmark", True), Choice("Norland", False), Choice("Orla", False))
    cloze = dict(family="cloze", key_kind="place", choices=options)
    stem = "An earthquake in _____ killed at least 140 people."
    assert not alone(draft(stem, key="Vestmark", **cloze))
    half = (Choice("Ivo Brann", True), Choice("Tomas J", False), Choice("Mara K", False))
    person = dict(family="cloze", key_kind="person", choices=half)
    stem = "Its director _____ said 300 volunteers went."
    assert not alone(draft(stem, key="Ivo Brann", **person))


def test_who_said_needs_a_person_and_no_negated_fragment():
    people = (Choice("Ivo Brann", True), Choice("Mara Vell", False), Choice("Tomas Lind", False))
    said = dict(family="who_said", key="Ivo Brann", key_kind="person", choices=people)
    whole = draft("We sent 300 volunteers", prompt='Who said: "We sent 300 volunteers"?', **said)
    assert alone(whole)
    fragment = replace(whole, prompt='Who said: "take ownership of the result"?')
    assert alone(fragment)
    sentence = replace(
        whole.sentence, text='Ivo Brann said he could not "take ownership of the result".'
    )
    assert not alone(replace(fragment, sentence=sentence))
    body = replace(whole, key="Central Command")
    assert not alone(body)
    reported = draft(
        "the bomber came on foot", prompt="Who said that the bomber came on foot?", **said
    )
    assert not alone(reported)


def test_the_gate_runs_inside_the_generator():
    text = STORY + (
        "\nThe department said 2,014 homes were damaged in the Vestmark quake.\n"
        "\nVestby later closed its schools for a week after the Vestmark quake.\n"
    )
    found = [c.prompt for c in drafts(text)]
    assert found, "the story still gives drafts"
    assert not [p for p in found if "The department said" in p]
    assert not [p for p in found if "later closed" in p]
    assert any("Orla Red Cross" in p for p in found)


def test_a_capitalised_byline_an_opening_nor_and_an_opening_because_are_read_as_such():
    text = STORY + (
        "\nReporting from Vestby, Orla TV's Mara Vell said officials had learnt from 2029.\n"
        "\nNor did the Orla Front disappear from Vestmark entirely after the quake.\n"
        "\nBecause Tomas Lind and Ivo Brann were tried in Vestby, they may seek parole.\n"
    )
    found = drafts(text)
    assert not [c for c in found if "Reporting from" in c.prompt]
    assert not [c for c in found if "Nor did" in c.prompt]
    assert not [c for c in found if c.key.startswith("Because")]


REPORT = """Orla quake kills 140 in Vestmark

Vestby, 4 March 2031: An earthquake in Vestmark killed at least 140 people on Tuesday,
the Vestmark disaster agency said.

The Orla Red Cross sent 300 volunteers to Vestby, its director Ivo Brann said.

Vestmark's president, Tomas Lind, declared three days of mourning in Vestby.

In 2029 a smaller earthquake in Norland killed 12 people, Norland officials said.

The Vestby football club cancelled its match against Norland City on Sunday.

Mara Vell, a Vestby shopkeeper, said 40 windows broke in her street in Vestby.
"""


def test_a_news_reports_second_half_gives_alternatives_not_quiz_questions():
    found = generate(REPORT)
    body = REPORT.split("\n\n")
    second_half = REPORT.index(body[4])  # paragraphs 4-6 of 6 (the headline is paragraph 0)
    ready = [c for c in found if QUIZ_READY in c.checks]
    assert ready, "the first half still gives a quiz"
    assert all(c.source.start < second_half for c in ready)
    assert any(c.source.start >= second_half for c in found if c not in ready)
    assert all(standalone.CHECK in c.checks for c in found)


def test_a_text_in_sections_has_no_second_half():
    sections = "\n\n".join(f"## Part {i}\n\n{para}" for i, para in enumerate(REPORT.split("\n\n")))
    assert standalone.beyond_lead(analysis(sections)) == frozenset()
    assert standalone.beyond_lead(analysis(REPORT))


def test_an_opening_clause_on_a_pronoun_leans_back():
    assert not alone(draft("After it was finished, the Vestmark cabinet posed for photographs."))
    assert alone(draft("After the Vestmark quake, the Orla Red Cross sent 300 volunteers."))


def test_a_backtick_between_letters_reads_as_an_apostrophe():
    text = STORY.replace("its director Ivo Brann", "Vestmark`s director Ivo Brann")
    found = [c.prompt for c in drafts(text)]
    assert found and not [p for p in found if "`" in p]
    assert any("Vestmark’s director" in p for p in found)


def test_a_dozen_a_conversion_an_opening_in_exchange_and_a_capital_dateline():
    text = (
        "Gunmen attack army post in Vestmark\n\n"
        "VESTBY: A dozen soldiers were killed in northern Vestmark when gunmen attacked a "
        "military post near the border with Norland on 16 December 2031, President Ivo Brann "
        "said.\n\n"
        "Vestmark will pay about Rs58,000 crore or €7.8 billion for 36 Orla fighter jets.\n\n"
        "Norland released three Vestmark hostages on 17 December 2031. In exchange, Vestmark "
        "freed about 369 Norland prisoners.\n"
    )
    found = [c.prompt for c in drafts(text)]
    lead = "How many soldiers? Fill in the number: _____ soldiers were killed in northern"
    assert any(p.startswith(lead) for p in found), found
    assert not [p for p in found if "A _____" in p or "VESTBY:" in p]
    assert not [p for p in found if "or €_____" in p]
    assert not [p for p in found if "In exchange" in p]


def test_a_false_statement_does_not_move_the_year_of_a_named_event():
    text = (
        "Vestmark pledges fall short\n\n"
        "Pledges annexed to the 2029 Orla Agreement must triple by 2040, the Vestmark "
        "Environment Programme said on 4 March 2031.\n"
    )
    found = [c for c in drafts(text) if c.kind == "true_false"]
    assert found
    assert all("2029 Orla Agreement" in c.prompt for c in found)


def test_a_figure_inside_a_quotation_is_an_alternative_not_a_quiz_question():
    said = draft('"Most contracts here don\'t last _____ years," Ivo Brann said.', "numeric")
    curly = draft("Brann said “during more than _____ hours of talks, nobody left”.", "numeric")
    told = draft("Brann said the talks lasted _____ hours, “and nobody left”.", "numeric")
    assert standalone.in_quotation(said) and standalone.in_quotation(curly)
    assert not standalone.in_quotation(told)
    assert not standalone.in_quotation(draft('"Vestby was hit," 140 died.', "true_false"))

    text = (
        "Orla quake kills 140 in Vestmark\n\n"
        "An earthquake in Vestmark killed at least 140 people on Tuesday, the Vestmark "
        "disaster agency said.\n\n"
        '"We searched 35 collapsed buildings through the night," Orla Red Cross director '
        "Ivo Brann said in Vestby.\n"
    )
    found = generate(text)
    quoted = [c for c in found if c.kind == "numeric" and c.answer == 35]
    assert quoted, "the quoted figure is still a draft for the teacher"
    assert all(QUIZ_READY not in c.checks for c in quoted)
    assert standalone.beyond_lead(analysis(text)) == frozenset(), "not held for its place"


def test_a_country_outside_the_region_gets_its_own_continents_countries_as_options():
    from quizapp.core.generation import lexicon

    near = lexicon.similar_places(lexicon.place("New Zealand"))
    assert near[:2] == ["Australia", "Papua New Guinea"]
    assert not set(near) & {"Uzbekistan", "China", "Pakistan"}
    france = lexicon.similar_places(lexicon.place("France"))
    assert france[:3] == ["Germany", "Italy", "Spain"]  # neighbours, largest first
    assert "Monaco" not in france and "Andorra" not in france
    assert lexicon.similar_places(lexicon.place("Pakistan"))[:2] == ["Afghanistan", "India"]
    nairobi = lexicon.similar_places(lexicon.place("Nairobi"))
    assert nairobi[0] == "Addis Ababa" and "Kampala" in nairobi[:4]  # its neighbours' capitals
    assert not set(nairobi) & {"New Delhi", "Dushanbe", "Islamabad"}
    assert "Islamabad" in lexicon.similar_places(lexicon.place("Kabul"))[:2]
