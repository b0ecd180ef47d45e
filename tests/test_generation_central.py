"""The last gate on small invented texts: a draft asks a story fact in words a student can
follow alone. No byline, commentator's opinion, passer-by, quoted rhetoric or cut
quotation; an agency credit is cut off; an epithet is read as the headline's country or
the draft dropped; a false statement changes a story fact, not a background year; a
percentage keeps its unit and its rounding."""

from quizapp.core.generation import central, drafts, generate, statement_fair
from quizapp.core.generation.entities import analyse
from quizapp.core.generation.kinds import rounding
from quizapp.core.generation.sentences import split

NEWS = """Norland defaults on its foreign debt

Vestby: Norland defaulted on its foreign debt of $42 billion on 4 March 2031, the finance
ministry of Norland said.

Finance Minister Tomas Lind said Norland would seek a loan of $3 billion from the Orla Fund.
As Mara Vell reports from Vestby, there is widespread concern at the deepening turmoil.
A former professor of economics at Vestby University, Ivo Brann, says Norland will default again.
Complaining of shortages of bread, Kessler said he had received little help from Vestby.
Kessler, a 41-year-old Vestby resident, had queued for bread since dawn.
"We want to thank the people of Norland for their patience," Lind said in a speech in Vestby.
Norland's central bank held reserves of $1.2 billion in February 2031, the Vell News Agency
reported, citing Orla Radio.
The Norland Labour Party won 38 per cent of the vote in the 2030 election in Norland.
"""


def prompts(text=NEWS):
    return [c.prompt for c in drafts(text)]


def test_the_story_sentences_still_give_drafts():
    found = prompts()
    assert any("Tomas Lind" in p or "Orla Fund" in p for p in found)
    assert any("per cent of the vote" in p for p in found)


def test_no_draft_from_a_byline_a_commentator_or_a_passer_by():
    found = prompts()
    assert not any("reports from" in p for p in found)
    assert not any("professor" in p or "Ivo Brann" in p for p in found)
    assert not any("Complaining" in p for p in found)


def test_a_speaker_with_an_office_is_not_a_passer_by():
    text = NEWS + "\nComplaining of slow talks, Lind said Norland had paid $2 billion since 2029.\n"
    assert any("Complaining of slow talks" in p for p in prompts(text))


def test_no_true_false_of_quoted_rhetoric():
    assert not any("We want to thank" in p for p in prompts())


def test_an_agency_credit_is_cut_off_and_the_fact_kept():
    found = [p for p in prompts() if "reserves of" in p]
    assert found
    assert not any("reported" in p or "citing" in p for p in found)
    assert any(p.endswith("in February 2031.") for p in found)


ISLAND = """Portugal defaults on its foreign debt

Lisbon: Portugal defaulted on its foreign debt of $42 billion on 4 March 2031, the finance
ministry said.

The island nation fell into a deep recession in May 2031, seventy years after its
independence in 1961.
"""


def test_an_epithet_is_read_as_the_headline_country():
    found = [p for p in prompts(ISLAND) if "deep recession" in p]
    assert found and all("Portugal fell" in p for p in found)
    headless = ISLAND.replace("Portugal defaults on its foreign debt\n\n", "")
    assert not any("deep recession" in p for p in prompts(headless))


def test_an_epithet_no_headline_country_resolves_is_dropped():
    analysis = analyse(NEWS, split(NEWS))
    assert central.unresolved("The island nation is facing the worst crisis.", analysis)
    assert central.unresolved("The South Asian nation's debt was due, it added.", analysis)
    assert central.unresolved("Within two hours of touchdown, the capsule was dry.", analysis)
    assert central.unresolved("Those are going to be a treasure for years.", analysis)
    assert central.unresolved("Tomas Lind estimated that 40,000 people were affected.", analysis)
    assert central.unresolved("About six weeks later, Orla troops entered the base.", analysis)
    assert central.unresolved("The first great wave began in 1979 in Vestby.", analysis)
    assert central.unresolved("The status of the Himalayan region was set in 1949.", analysis)
    assert central.unresolved("The flare-up follows talks mediated by Portugal.", analysis)
    assert not central.unresolved("Tomas Lind said 40,000 people in the region had fled.", analysis)
    assert not central.unresolved("Tomas Lind said the country would pay $3 billion.", analysis)
    assert not central.unresolved("The capital of Norland is Vestby.", analysis)


def test_a_false_statement_does_not_change_a_background_year():
    keys = [
        c.key for c in drafts(ISLAND) if c.kind == "true_false" and "deep recession" in c.prompt
    ]
    assert keys and all(not k.startswith("false:1961") for k in keys)


def test_a_sentence_cut_after_a_quotation_gives_no_draft():
    text = (
        NEWS
        + "\nThe Orla Fund announced, immediately repeating the news that 40 banks had closed.\n"
    )
    assert not any("announced, immediately" in p for p in prompts(text))
    assert central._broken_quote('For me, the talks are over," said Lind in Vestby.')


def test_a_percentage_keeps_its_unit_and_a_rounding_tolerance():
    found = [c for c in generate(NEWS) if c.kind == "numeric" and "vote" in c.prompt]
    assert found
    assert all("_____ per cent of the vote" in c.prompt and c.tolerance == 0.5 for c in found)
    assert rounding("38") == 0.5 and rounding("26.4") == 0.05


def test_one_listed_example_and_a_count_of_places_are_not_asked():
    text = NEWS + (
        "\nOrla troops opened fire at several points, including the Vestby area and the Kell"
        " post in Portugal's Braga district, on 2 May 2031.\n"
        "On 3 May 2031, Orla jets struck 14 places in Norland.\n"
    )
    found = prompts(text)
    assert not any("including" in p and "_____" in p.split("including")[1] for p in found)
    assert not any(p.startswith("How many places?") for p in found)


def test_a_three_way_race_is_not_the_three_of_an_earlier_sentence():
    from quizapp.core.generation.context import leans_back

    assert not leans_back("Tomas Lind won the three-way race in Vestby on 2 May 2031.")
    assert leans_back("Tomas Lind said the three would meet in Vestby on 2 May 2031.")


def test_a_bare_surname_is_not_offered_beside_full_names():
    from quizapp.core.generation.model import Choice, Draft, Sentence

    text = 'Tomas Lind said: "We want that loan back."'
    names = ("Tomas Lind", "Ivo Brann", "Mara Vell", "Kessler")
    draft = Draft(
        "who_said",
        "single",
        'Who said: "We want that loan back."?',
        tuple(Choice(n, n == "Tomas Lind") for n in names),
        None,
        None,
        Sentence(0, 0, len(text), text, 0, 0),
        "",
        "Tomas Lind",
        "person",
    )
    kept = central._alike_names(draft)
    assert kept is not None and [c.text for c in kept.choices] == list(names[:3])
    assert central._alike_names(Draft(**{**draft.__dict__, "choices": draft.choices[::3]})) is None


HISTORY = """The long war in Vestmark

Orla troops entered Vestmark in 1979. By 1981 the war had spread to every province.
Orla troops left Vestmark in 1989, and the government they left behind collapsed in 1992.
Since 1979, Vestmark has been at war with Orla, a powerful neighbour.
In 1979 Vestmark closed its border; in 1979 Orla shut its embassy; 1979 changed it all.
On 4 May 2031, Tomas Lind of Vestmark signed a peace treaty with Orla in Kell.
"""


def _statement(analysis, start, key="true", changed=None):
    from quizapp.core.generation.model import Choice, Draft

    sentence = next(x for x in analysis.sentences if x.text.startswith(start))
    text = sentence.text if changed is None else sentence.text.replace(*changed)
    return Draft(
        "true_false",
        "true_false",
        f"True or false? {text}",
        (Choice("True", key == "true"), Choice("False", key != "true")),
        None,
        None,
        sentence,
        "",
        key,
        "statement",
        text,
    )


def test_a_false_year_keeps_the_statements_own_chronology():
    analysis = analyse(HISTORY, split(HISTORY))
    early = _statement(analysis, "Orla troops left", "false:1992->1988", ("1992", "1988"))
    late = _statement(analysis, "Orla troops left", "false:1992->1995", ("1992", "1995"))
    assert not statement_fair.fair(early, analysis)
    assert statement_fair.fair(late, analysis)


def test_the_premise_year_the_text_repeats_is_not_asked():
    analysis = analyse(HISTORY, split(HISTORY))
    assert statement_fair.premise(_statement(analysis, "Since 1979"), analysis)
    changed = _statement(analysis, "Orla troops entered", "false:1979->1985", ("1979", "1985"))
    assert statement_fair.premise(changed, analysis)
    assert not statement_fair.premise(_statement(analysis, "On 4 May 2031"), analysis)


def test_a_toll_without_a_date_in_a_text_over_years_is_not_a_statement():
    text = HISTORY + "The Vestmark Red Cross counted at least 111 civilians killed.\n"
    analysis = analyse(text, split(text))
    toll = _statement(analysis, "The Vestmark Red Cross")
    assert statement_fair.undated_toll(toll, analysis)
    assert not statement_fair.undated_toll(_statement(analysis, "On 4 May 2031"), analysis)
