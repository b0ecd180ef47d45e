"""A prompt names its subject and tests the story, not its sources or backdrop (subject.py)."""

from quizapp.core.generation import generate, kinds, subject
from quizapp.core.generation.entities import analyse
from quizapp.core.generation.model import Choice, Draft
from quizapp.core.generation.sentences import split

BLANK = "_____"


def draft(text, stem, family="true_false", index=0):
    analysis = analyse(text, split(text))
    sentence = analysis.sentences[index]
    choices = (Choice("True", True), Choice("False", False))
    made = Draft(family, "single", stem, choices, None, None, sentence, "", "", "statement", stem)
    return made, analysis


def named(text, stem, **kwargs):
    return subject.named(*draft(text, stem, **kwargs))


def test_a_vessel_or_company_never_named_in_the_prompt_is_dropped():
    text = "The ferry sank near Dhaka on Friday. The ferry carried 800 people."
    assert named(text, "The ferry carried 800 people.", index=1) is None
    text = "The ferry Orion sank near Dhaka on Friday. The ferry Orion carried 800 people."
    assert named(text, "The ferry Orion carried 800 people.", index=1) is not None


def test_the_city_is_the_one_city_the_headline_names_or_the_draft_is_dropped():
    text = "Smog closes schools\n\nSmog closed schools on Monday. Parts of the city saw haze."
    assert named(text, "Parts of the city saw haze.", index=2) is None
    text = "Lahore closes schools\n\nSmog closed schools in Lahore. Parts of the city saw haze."
    made = named(text, "Parts of the city saw haze.", index=2)
    assert made is not None and made.stem == "Parts of Lahore saw haze."


def test_an_economic_figure_takes_the_headlines_country_or_is_dropped():
    text = "Trade figures came out on Monday. The trade deficit narrowed to $40 billion."
    assert named(text, f"The trade deficit narrowed to ${BLANK} billion.", index=1) is None
    text = (
        "Chile trade gap narrows\n\nData came out in Chile. The trade deficit fell to $4 billion."
    )
    made = named(text, f"The trade deficit fell to ${BLANK} billion.", index=2)
    assert made is not None and made.stem == f"The Chile trade deficit fell to ${BLANK} billion."
    stem = f"The smaller trade deficit fell to ${BLANK} billion."
    assert named(text.replace("The trade", "The smaller trade"), stem, index=2) is None
    text = "Trade figures came out on Monday. Peru's trade deficit narrowed to $4 billion."
    assert named(text, f"Peru's trade deficit narrowed to ${BLANK} billion.", index=1)


def test_a_prompt_opening_with_a_month_needs_a_year():
    text = "Peru reported its figures in 2009. In March, Peru's exports slipped 2 percent."
    assert named(text, f"In March, Peru's exports slipped {BLANK} percent.", index=1) is None
    text = "Peru reported its figures. In March 2013, Peru's exports slipped 2 percent."
    assert named(text, f"In March 2013, Peru's exports slipped {BLANK} percent.", index=1)
    text = "Smog rose in Lima. On Nov. 30, Lima's smog was 40 times the limit."
    assert named(text, f"On Nov. 30, Lima's smog was {BLANK} times the limit.", index=1) is None


def test_a_bare_month_takes_the_datelines_year():
    text = "5 May 2013\nPeru's exports rose on Monday. Peru's imports fell in March."
    made = named(text, "Peru's imports fell in March.", index=1)
    assert made is not None and made.stem == "Peru's imports fell in March 2013."


def test_where_a_source_is_based_is_not_asked():
    text = "A bus crashed in Nepal. Kathmandu's private Sagar television station said 12 died."
    stem = f"{BLANK}'s private Sagar television station said 12 died."
    assert named(text, stem, family="cloze", index=1) is None


def test_population_revisions_and_onlookers_are_background():
    text = "Voters in Tonga chose a parliament in the country of 100,000 people."
    assert named(text, f"Voters chose a parliament in the country of {BLANK} people.") is None
    text = (
        "Trade data came out in Peru. Peru's shortfall was revised to $4 billion from $3 billion."
    )
    assert (
        named(text, "Peru's shortfall was revised to $4 billion from $3 billion.", index=1) is None
    )
    text = "Crowds gathered in Lima, watched by a line of police."
    assert named(text, "Crowds gathered in Lima, watched by a line of police.") is None


def test_no_quiz_prompt_leans_on_an_unnamed_ferry():
    text = (
        "A ferry capsized in Bangladesh on Friday, killing at least 40 people, officials said. "
        "The ferry was carrying more than 900 passengers when it sank in the Meghna river. "
        "Rescuers pulled 120 survivors from the water, the district police chief said."
    )
    assert all("the ferry" not in c.prompt.lower() for c in generate(text))


def test_a_round_count_of_tens_of_thousands_is_graded_with_a_tolerance():
    text = "Floods in Chile on Monday left 330,000 people homeless and killed 37 people."
    found = {d.answer: d.tolerance for d in kinds.numeric(analyse(text, split(text)))}
    assert found == {330_000: 5_000, 37: 0.0}
    assert kinds.round_figure(12_345) == 0.0 and kinds.round_figure(2_000_000) == 500_000
