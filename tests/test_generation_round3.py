"""Drafts answerable without the article, or not testing a fact of it (knowledge.py)."""

from quizapp.core.generation import knowledge
from quizapp.core.generation.entities import analyse
from quizapp.core.generation.model import Choice, Draft
from quizapp.core.generation.numbers import quantities
from quizapp.core.generation.sentences import split

BLANK = "_____"


def draft(
    text,
    stem,
    family="true_false",
    key="",
    key_kind="statement",
    options=(),
    index=0,
    answer=None,
    prompt="",
):
    analysis = analyse(text, split(text))
    sentence = analysis.sentences[index]
    choices = tuple(Choice(o, o == key) for o in options) or (
        Choice("True", True),
        Choice("False", False),
    )
    made = Draft(
        family, "single", prompt or stem, choices, answer, None, sentence, "", key, key_kind, stem
    )
    return made, analysis


def doubtful(*args, **kwargs):
    return knowledge.doubtful(*draft(*args, **kwargs))


def test_a_foreign_head_among_famous_peers_from_the_general_list_is_a_giveaway():
    text = "Pakistan and Afghanistan met in Doha. Later Donald Trump said he wanted the base."
    options = ("Donald Trump", "Joe Biden", "Barack Obama")
    assert doubtful(
        text, 'Who said: "We want the base"?', "who_said", "Donald Trump", "person", options
    )
    # The same key offered among people the article names is fair.
    text2 = text + " Joe Biden and Barack Obama said nothing about it."
    assert not doubtful(
        text2, 'Who said: "We want the base"?', "who_said", "Donald Trump", "person", options
    )


def test_a_head_named_by_a_bare_title_beside_the_blank_is_a_giveaway():
    text = "Pakistan and Afghanistan clashed in May. Prime Minister Imran Khan spoke in Lahore."
    stem = f"Prime Minister {BLANK} spoke in Lahore."
    options = ("Imran Khan", "Nawaz Sharif", "Shehbaz Sharif")
    assert doubtful(text, stem, "cloze", "Imran Khan", "person", options, index=1)


def test_untimed_present_and_records_against_history_are_dropped():
    text = "Ruritania is facing the worst crisis since its independence in 1948."
    assert doubtful(text, text)
    talks = "The two sides have so far been unable to reach a deal on tariffs and quotas."
    assert doubtful(talks, talks)
    dated = "In May 2022 the two sides were unable to reach a deal on tariffs and quotas."
    assert not doubtful(dated, dated)


def test_a_response_without_its_cause_and_pledges_are_dropped():
    fire = "Forces from the capital returned fire with an artillery barrage."
    assert doubtful(fire, fire)
    caused = "Forces returned fire after rebels shelled the border post at Zorn."
    assert not doubtful(caused, caused)
    pledge = "The new president assured citizens that he would work hard for them."
    assert doubtful(pledge, pledge)


def test_thin_statements_framed_or_dated_only_are_dropped():
    frame = "For Murray, the old questions about the title are no more."
    assert doubtful(frame, frame)
    met = "On 26 July 1945, a grand council met in Ruritania."
    assert doubtful(met, met)
    full = "On 26 July 1945, the grand council elected Karl Zorn president of Ruritania."
    assert not doubtful(full, full)


def test_a_dangling_participle_tail_is_dropped():
    tail = "The ceremony took place in Zenda, marking a historic moment as the first leftist."
    assert doubtful(tail, tail)


def test_a_titled_blank_offered_with_people_of_another_role_is_dropped():
    text = (
        "Karl Zorn was sworn in as president of Ruritania on Monday. "
        "Chief Justice Anna Berg administered the oath to Karl Zorn, who beat Otto Brandt."
    )
    stem = f"Chief Justice {BLANK} administered the oath to Karl Zorn, who beat Otto Brandt."
    options = ("Anna Berg", "Karl Zorn", "Otto Brandt")
    assert doubtful(text, stem, "cloze", "Anna Berg", "person", options, index=1)


def test_round_hedged_years_and_recurring_background_figures_are_dropped():
    years = "The rebels kept fighting for almost 20 years."
    assert doubtful(
        years,
        f"The rebels kept fighting for almost {BLANK} years.",
        "numeric",
        "20",
        "quantity",
        answer=20.0,
        prompt=f"How many years? Fill in the number: almost {BLANK} years",
    )
    text = (
        "Bleaching hit the reef in March. Divers counted 911 reefs. Scientists were alarmed. "
        "The reef brings an annual income of 5 billion dollars."
    )
    stem = f"The reef brings an annual income of {BLANK} billion dollars."
    assert doubtful(text, stem, "numeric", "5", "quantity", answer=5.0, index=3)
    assert not doubtful(
        text, f"Divers counted {BLANK} reefs.", "numeric", "911", "quantity", answer=911.0, index=1
    )


def test_a_bare_dollar_sign_is_not_made_a_us_dollar():
    [sentence] = split("The reef earns $5 billion and the loan was US$2 billion in all.")
    found = [m.noun for m in quantities(sentence, [])]
    assert found == ["billion dollars", "billion US dollars"]


def test_a_toll_that_stands_at_a_figure_with_no_date_is_dropped():
    text = "The official death toll from the quake in Ruritania stands at about 20,000."
    stem = f"The official death toll from the quake in Ruritania stands at about {BLANK}."
    assert doubtful(text, stem, "numeric", "20,000", "quantity", answer=20000.0)


def test_an_organisations_quoted_release_is_not_a_statement_but_a_persons_quote_is():
    release = "“On 19 May 2031, rebels attacked a post in area Zorn,” the army said in a statement."
    assert doubtful(release, release)
    person = "“The outlook is dark,” trade chief Karl Zorn said in a statement on 2 May 2031."
    assert not doubtful(person, person)
