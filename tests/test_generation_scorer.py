"""The draft scorer (bench/draft_scorer.py): its features and its committed weights and
cross-validation table, which a fresh training run must reproduce."""

import json
import sys
from pathlib import Path

from quizapp.core.generation.entities import analyse
from quizapp.core.generation.model import Choice, Draft
from quizapp.core.generation.sentences import split

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import draft_scorer as scorer  # noqa: E402
import train_scorer as training  # noqa: E402

TEXT = (
    "Floods hit Dorvale after record rain\n\n"
    "Floods swept through the river town of Dorvale on Monday, killing 41 people, "
    "officials of the Marren Relief Agency said.\n\n"
    "The Marren Relief Agency sent 300 boats to Dorvale.\n\n"
    "However, the city had been warned in March.\n\n"
    'He said: "We did everything we could."\n\n'
    "Rain is expected to ease on Thursday.\n\n"
    "They plan to rebuild the bridge by 2027."
)


def context(text=TEXT):
    return scorer.Context(analyse(text, split(text)))


def features(prompt, family="true_false", options=(), key="True", text=TEXT):
    found = context(text)
    index = scorer.locate(found, prompt)
    return index, scorer.features(found, family, prompt, list(options), key, index)


def test_a_stored_prompt_is_traced_to_its_sentence():
    found = context()
    texts = [s.text for s in found.analysis.sentences]
    index = scorer.locate(found, "True or false? The Marren Relief Agency sent 300 boats.")
    assert texts[index].startswith("The Marren Relief Agency sent 300 boats")
    index = scorer.locate(found, "How many boats? Fill in the number: The agency sent _____ boats")
    assert texts[index].startswith("The Marren Relief Agency sent")
    assert scorer.locate(found, "Fill in the blank: _____") == 0


def test_unresolved_references_and_connectives_are_seen():
    _, however = features("True or false? However, the city had been warned in March.")
    assert however["connective"] == 1.0 and however["definite"] == 1.0
    assert however["pronoun"] == 0.0
    _, they = features("True or false? They plan to rebuild the bridge by 2027.")
    assert they["pronoun"] == 1.0 and they["connective"] == 0.0 and they["digits"] == 1.0
    _, quoted = features('Who said: "We did everything we could."?', "who_said")
    assert quoted["quote"] == 1.0


def test_position_paragraph_and_lead_overlap():
    index, lead = features("True or false? Floods swept through the river town of Dorvale.")
    assert index == 1 and lead["paragraph"] == 0.0 and lead["late"] == 0.0
    assert lead["stem_in_lead"] > 0.5 and lead["lead_overlap"] > 0
    late_index, late = features("True or false? They plan to rebuild the bridge by 2027.")
    assert late_index > index and late["paragraph"] == 0.5 and late["late"] == 1.0
    assert late["position"] == 1.0 and late["stem_in_lead"] < lead["stem_in_lead"]


def test_the_key_its_recurrence_and_options_from_the_article():
    options = ("Marren Relief Agency", "Dorvale Water Board", "Red Cross")
    _, cloze = features(
        "Fill in the blank: The _____ sent 300 boats to Dorvale.",
        "cloze",
        options,
        "Marren Relief Agency",
    )
    assert cloze["choice"] == 1.0 and cloze["key_recurs"] > 0
    assert cloze["options_in_text"] == 1 / 3 and cloze["proper_nouns"] > 0
    _, numeric = features(
        "How many people? Fill in the number: Floods killed _____ people.", "numeric", (), "41.0"
    )
    assert numeric["numeric"] == 1.0 and numeric["key_recurs"] == 0.0 and numeric["year"] == 0.0
    _, year = features("In which year? Fill in the number: by _____.", "numeric", (), "2027.0")
    assert year["year"] == 1.0


def test_probability_is_a_logistic_of_the_weighted_features():
    model = {"weights": dict.fromkeys(scorer.FEATURES, 0.0), "bias": 0.0}
    found = dict.fromkeys(scorer.FEATURES, 1.0)
    assert scorer.probability(found, model) == 0.5
    model["weights"]["quote"] = 2.0
    assert scorer.probability(found, model) > 0.85


def test_a_draft_scored_at_generation_uses_its_own_sentence():
    found = context()
    sentence = found.analysis.sentences[2]
    draft = Draft(
        "numeric", "numeric", "How many boats? Fill in the number: _____ boats.", (), 300.0, 0.0,
        sentence, "", "300", "quantity",
    )  # fmt: skip
    expected = scorer.features(found, "numeric", draft.prompt, [], "300.0", 2)
    assert scorer.chance(found, draft) == scorer.probability(expected)
    statement = Draft(
        "true_false", "true_false", "True or false? x", (Choice("True", True),), None, None,
        sentence, "", "", "statement",
    )  # fmt: skip
    assert 0.0 < scorer.chance(found, statement) < 1.0


def test_the_committed_weights_and_table_are_what_training_gives():
    weights, table = training.trained()
    assert weights == json.loads(scorer.WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert table == training.CV_TABLE.read_text(encoding="utf-8")
    assert 0.0 < weights["threshold"] < 1.0
