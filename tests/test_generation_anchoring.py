"""Drafts that say which event they are about, and side incidents, on small invented texts:
elections dated from the dateline, unnamed occasions and areas dropped, no true/false that
only restates the headline, totals beside "N of", a small rescue count, a speaker's agency,
a compass-qualified place and a false name before the true name's acronym."""

from quizapp.core.generation import (
    QUIZ_READY,
    anchor,
    drafts,
    generate,
    relative,
    roles,
    side,
    worth,
)
from quizapp.core.generation.context import leans_back
from quizapp.core.generation.entities import analyse
from quizapp.core.generation.model import Draft, Sentence
from quizapp.core.generation.sentences import split

ELECTION = """Voters turn on the Farmers League in Norland

June 3, 2031

The Farmers League of Norland, led by Tomas Lind, lost 40 seats in the general election, the
Norland Election Commission in Vestby said.
Turnout in the vote reached 74 percent, according to the Norland Election Commission in Vestby.
"""


def prompts(text):
    return [c.prompt for c in drafts(text)]


def test_an_election_is_dated_from_the_dateline_and_dropped_without_one():
    dated = prompts(ELECTION)
    assert dated and all("general election" not in p or "2031 general election" in p for p in dated)
    assert any("the 2031 vote" in p for p in dated)
    undated = ELECTION.replace("June 3, 2031\n\n", "")
    assert not any("election" in p or "vote" in p for p in prompts(undated))


def test_an_unnamed_occasion_or_impact_needs_a_year_or_a_disaster():
    assert anchor.unnamed_occasion("Rain stopped play in the final after Lena Ruiz had scored.")
    assert anchor.unnamed_occasion("Team Orla coordinates the relief effort across Vestmark.")
    assert anchor.unnamed_occasion("The hill towns of Vestmark have been among the worst hit.")
    assert anchor.unnamed_occasion("Lena Ruiz fell for 32, leaving Orla needing 20 to win.")
    assert not anchor.unnamed_occasion("Lena Ruiz scored twice in the final of the 2031 Cup.")
    assert not anchor.unnamed_occasion("Vestmark towns were the worst hit by the floods.")
    assert not anchor.unnamed_occasion("Lena Ruiz won the Vestmark Cup in 2031 at Orla Park.")
    assert not anchor.unnamed_occasion("Orla published the final report on the Vestmark floods.")
    assert not anchor.unnamed_occasion("The Orla Party runs the military campaign in Tarn.")


SHOW = """Vestmark storm kills dozens as floods hit Orla

May 4, 2031

Floods after the storm in Vestmark killed 41 people in the town of Orla, the Vestmark Disaster
Agency said on Sunday.
More than 300 soldiers had arrived in the area by night, the Vestmark Disaster Agency said.
A storm hit the Vestmark town of Orla, killing dozens, and floods hit Orla, said Mayor Lena Ruiz.
"""


def test_a_statement_of_the_headline_alone_and_an_unnamed_area_are_not_asked():
    found = prompts(SHOW)
    assert any("41" in p for p in found)
    assert not any("in the area" in p for p in found)
    assert not any(p.startswith("True or false? A storm hit") for p in found)


def cloze(sentence, key, kind="org", family="cloze"):
    """A hand-made draft blanking `key` in `sentence`."""
    source = Sentence(0, 0, len(sentence), sentence, 0, 0)
    stem = sentence.replace(key, "_____", 1)
    return Draft(family, family, stem, (), None, None, source, "", key, kind, stem)


def test_a_figure_beside_n_of_a_small_rescue_and_a_speakers_agency_are_side_details():
    text = """Orla votes for a new council

May 4, 2031

The Green Union of Vestmark holds only 10 of Orla's 56 council seats after the vote on 3 May 2031.
A Norland rescue team on 3 May 2031 rescued at least 5 children buried in a collapsed school in
Orla, said Tomas Lind, an official.
The Green Union of Vestmark won 10 of the 56 council seats in Orla on 3 May 2031.
"""
    found = drafts(text)
    assert any("rescue" in c.prompt for c in drafts(text.replace("5 children", "500 people")))
    assert not any(c.kind == "numeric" and c.answer == 56 for c in found)
    total = "The Green Union holds only 10 of Orla's 56 council seats."
    assert worth.gives_away(cloze(total, "56", "quantity", "numeric"))
    assert not worth.gives_away(cloze(total, "10", "quantity", "numeric"))
    assert not any("children" in c.prompt for c in found)  # nor a true/false from it
    speaker = "Colonel Lena Ruiz, the director general of Vestmark's Civil Defence Office, spoke."
    assert side.side_incident(cloze(speaker, "Civil Defence Office"))
    assert not side.side_incident(cloze(speaker, "Lena Ruiz", kind="person"))
    assert not side.side_incident(
        cloze("Troops of the Civil Defence Office left.", "Civil Defence Office")
    )


def test_a_place_with_a_compass_direction_after_it_is_not_blanked():
    sentence = "Troops opened fire at the Orla area in northern Vestmark, the army said."
    assert worth.gives_away(cloze(sentence, "Orla", "place"))
    assert not worth.gives_away(
        cloze("Troops opened fire at Orla, the army said.", "Orla", "place")
    )


def false_statement(sentence, old, new):
    source = Sentence(0, 0, len(sentence), sentence, 0, 0)
    stem = sentence.replace(old, new)
    return Draft(
        "true_false",
        "true_false",
        f"True or false? {stem}",
        (),
        None,
        None,
        source,
        "",
        f"false:{old}->{new}",
        "statement",
        stem,
        replaced=old,
    )


def test_a_false_name_before_the_true_names_acronym_is_not_offered():
    sentence = "The leader of the Orla Freedom Movement (OFM) in Tarn was arrested on 3 May 2031."
    assert worth.gives_away(false_statement(sentence, "Orla Freedom Movement", "Kessel Army"))
    assert not worth.gives_away(false_statement(sentence, "Tarn", "Vestby"))


def test_an_announcement_overnight_is_dated_and_a_time_opening_is_no_byline():
    day = (2031, 5, 4)
    assert relative.resolve("Officials announced overnight that 41 people died.", day) == (
        "Officials announced that 41 people died."
    )
    assert relative.resolve("Officials worked overnight in Orla.", day) is None
    opening = split("By late Sunday night, 300 soldiers had reached Orla in Vestmark.")
    byline = split("By Lena Ruiz")
    assert roles.weights(opening) == (1.0,)
    assert roles.weights(byline) == (0.0,)


def test_two_true_statements_may_open_a_quiz_and_then_truth_values_alternate():
    quiz = [c for c in generate(SHOW) if QUIZ_READY in c.checks and c.kind == "true_false"]
    truths = [c.choices[0].is_correct for c in quiz]
    assert abs(truths.count(True) - truths.count(False)) <= 2
    if len(truths) >= 4:
        assert abs(truths.count(True) - truths.count(False)) <= 1


QUAKE = """Death toll rises in Vestmark quake

May 4, 2031

Officials in Orla estimated that the death toll would surpass 4,000.
Rescue teams from Norland reached Orla on 4 May 2031 to search collapsed schools.
"""


def analysed_first(text):
    """The text's sentences, to show the undated text still has its figure."""
    return " ".join(s.text for s in split(text))


def test_the_headlines_disaster_names_the_earthquake_and_the_death_toll():
    found = prompts(QUAKE)
    assert any("the death toll from the 2031 earthquake would" in p for p in found)
    assert not any("the death toll would" in p for p in found)
    undated = "Death toll rises in quake\n\nOfficials in Orla estimated that the death toll would "
    undated += "surpass 4,000, Mayor Lena Ruiz of Orla said.\n"
    assert "surpass 4,000" in analysed_first(undated)
    assert not any("death toll" in p for p in prompts(undated))


def test_a_place_that_only_says_where_one_candidate_stood_is_a_side_detail():
    sentence = "The party's Orla candidate, Tomas Lind, was elected unopposed."
    assert side.side_incident(cloze(sentence, "Orla", "place"))
    assert not side.side_incident(cloze("Tomas Lind won the vote in Orla.", "Orla", "place"))


def test_an_official_figure_is_no_unnamed_official_and_a_region_is_not_blanked():
    assert leans_back("The official said 40 people died in Orla.")
    assert not leans_back("The official death toll from the Orla floods stands at about 2,000.")
    sentence = "The death toll from the floods in South Asia stands at about 2,000."
    draft = cloze(sentence, "South Asia", "place")
    assert not worth.options_alike(draft, analyse(sentence, split(sentence)))


def test_a_bare_figure_well_after_the_death_toll_is_its_total():
    text = "The official death toll from the 7 May 2031 floods in the town of Orla stands at 2,000."
    found = [m for m in analyse(text, split(text)).mentions[0] if m.kind == "quantity"]
    assert [m.subtype for m in found] == ["total"]


def numeric(sentence, key, noun, source=None):
    """A hand-made numeric draft asking for `key` in `sentence`."""
    source = source or Sentence(0, 0, len(sentence), sentence, 0, 0)
    stem = sentence.replace(key, "_____", 1)
    prompt = f"How many {noun}? Fill in the number: {stem}"
    value = float(key.replace(",", ""))
    return Draft("numeric", "numeric", prompt, (), value, 0.0, source, "", key, "quantity", stem)


def test_a_count_given_twice_or_a_death_toll_in_a_text_over_years_needs_a_date():
    text = (
        "Orla said its army killed 40 Norland soldiers at the border.\n\n"
        "Norland said Orla killed 12 Norland soldiers at the border."
    )
    first = analyse(text, split(text)).sentences[0].text
    draft = numeric(first, "40", "Norland soldiers")
    assert side.counted_twice(draft, analyse(text, split(text)))
    alone = text.split("\n\n")[0]
    assert not side.counted_twice(draft, analyse(alone, split(alone)))
    years = "Orla fought Norland in 2019, in 2021 and in 2024.\n\n" + alone
    over_years = analyse(years, split(years))
    draft = numeric(first, "40", "soldiers", over_years.sentences[1])
    assert side.counted_twice(draft, over_years)


def test_a_release_a_revised_toll_where_a_place_lies_and_a_head_of_government():
    freed = "Vestmark helped arrange the release of 3 Orla soldiers held in Tarn."
    assert side.side_incident(numeric(freed, "3", "Orla soldiers"))
    paid = "The Orla Fund released a $2 billion tranche to Vestmark on 3 May 2031."
    assert not side.side_incident(numeric(paid, "2", "billion US dollars"))
    revised = "A bomb in Orla killed at least 31 people; later reports said 36."
    assert worth.side_detail(numeric(revised, "31", "people"))
    located = "Tarn is in Vestmark's Kessel province, and Orla is in Norland."
    assert side.side_incident(cloze(located, "Tarn", "place"))
    visit = "The Orla Fund is in Tarn for talks with Vestmark on a loan of $2 billion."
    assert not side.side_incident(cloze(visit, "Tarn", "place"))
    leader = "In 2031, Vestmark's then Prime Minister, Lena Ruiz, welcomed the deal."
    assert worth.gives_away(cloze(leader, "Lena Ruiz", "person"))
    minister = "In 2031, Vestmark's finance minister, Lena Ruiz, welcomed the deal."
    assert not worth.gives_away(cloze(minister, "Lena Ruiz", "person"))


def test_the_peak_and_the_first_months_need_a_year():
    assert anchor.unnamed_occasion("At the peak, more than 5,000 Orlans lived in Vestmark.")
    assert anchor.unnamed_occasion("In the first twelve months alone, 900 Orlans fled.")
    assert not anchor.unnamed_occasion("In the first twelve months of 2031, 900 Orlans fled.")
    assert anchor.unnamed_occasion("The second big loser is the Orla Party, with 10 seats.")
    assert not anchor.unnamed_occasion("The Orla Party is the big loser, with 10 seats.")


def test_a_figure_after_risen_to_is_asked_and_a_range_is_not():
    rose = "The death toll in Orla has risen to 381 people, the Vestmark Disaster Agency said."
    assert [m.value for m in analyse(rose, split(rose)).mentions[0] if m.kind == "quantity"] == [
        381
    ]
    ranged = "The toll in Orla is expected to rise to between 300 and 400 people."
    assert not [m for m in analyse(ranged, split(ranged)).mentions[0] if m.kind == "quantity"]


def test_an_also_after_the_subject_is_taken_out_so_the_sentence_stands_alone():
    text = """Orla quake destroys homes

May 4, 2031

The storm in Vestmark also destroyed more than 1,200 homes in Orla, the Vestmark Disaster Agency
said on 3 May 2031.
"""
    found = prompts(text)
    assert any("The storm in Vestmark destroyed more than" in p for p in found)
    assert not any(" also " in p for p in found)
    kept = "Tomas Lind, the mayor, also said that 1,200 homes in Orla were destroyed on 3 May 2031."
    draft = cloze(kept, "Tomas Lind", "person")
    assert anchor.without_also(draft) is draft  # "also" after a clause: left as it is


def test_the_disaster_is_not_named_beside_a_blank_that_asks_for_its_place():
    event = ("2031", "quake", "Vestmark")
    sentence = "Rescue teams from Norland reached the quake in Vestmark on 3 May 2031."
    draft = cloze(sentence, "Vestmark", "place")
    assert anchor.with_event(draft, event).prompt == draft.prompt
    other = "Rescue teams from Norland reached Orla after the quake, Lena Ruiz said."
    assert (
        "the 2031 quake in Vestmark"
        in anchor.with_event(cloze(other, "Orla", "place"), event).prompt
    )


def test_the_relief_effort_is_named_after_the_headlines_disaster():
    event = ("2031", "cyclone", "Vestmark")
    sentence = (
        "Lena Ruiz sent 300 soldiers to help with the relief effort in the hardest-hit areas."
    )
    named = anchor.with_event(cloze(sentence, "Lena Ruiz", "person"), event).prompt
    assert "the relief effort after the 2031 cyclone in Vestmark in the hardest-hit" in named
    assert not anchor.unnamed_occasion(named)
    assert anchor.unnamed_occasion(sentence)
