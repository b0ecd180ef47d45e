"""Regression on the labelled development set: the top 20 quiz-ready candidates of the seed
article and of the explainer may not pass the rubric less often than recorded in
tests/data/generation_labels.json (see quizapp/core/generation/labels.py)."""

import json
from pathlib import Path

import pytest

from quizapp.core.generation import QUIZ_READY, generate
from quizapp.core.generation.labels import CRITERIA, fingerprint, pass_rate, unlabelled
from quizapp.services import content as content_files

TOP = 20
LABELS = Path(__file__).parent / "data" / "generation_labels.json"
ARTICLE = Path(__file__).parents[2] / "shared" / "seed" / "article.txt"


def quiz(text: str) -> list:
    """The top of the quiz the generator opens its list with (alternatives follow it)."""
    return [c for c in generate(text) if QUIZ_READY in c.checks][:TOP]


@pytest.fixture(scope="module")
def dataset():
    return json.loads(LABELS.read_text(encoding="utf-8"))


def explainer() -> str:
    article_text = pytest.importorskip("quizapp.core.article_text")
    sections = [(t.slug, t.title, t.body) for t in content_files.topic_files()]
    return article_text.explainer_text(sections).text


def article() -> str:
    if not ARTICLE.is_file():
        pytest.skip(f"{ARTICLE} is not here; the article's labels cannot be checked")
    return ARTICLE.read_text(encoding="utf-8")


def how_to_label(candidates, name: str) -> str:
    entries = {
        fingerprint(c): {
            "text": name,
            "kind": c.kind,
            "prompt": c.prompt,
            "choices": [("* " if x.is_correct else "") + x.text for x in c.choices],
            "answer": c.answer,
            **dict.fromkeys(CRITERIA, "true or false?"),
            "note": "",
        }
        for c in candidates
    }
    return (
        f"{len(candidates)} of the top {TOP} candidates of the {name} have no label. Judge "
        f"each against the rubric and add it to {LABELS.name}:\n"
        + json.dumps(entries, indent=1, ensure_ascii=False)
    )


@pytest.mark.parametrize("name", ["article", "explainer"])
def test_top_candidates_pass_the_rubric_at_least_as_often_as_recorded(dataset, name):
    text = article() if name == "article" else explainer()
    top = quiz(text)
    missing = unlabelled(top, dataset["labels"])
    assert not missing, how_to_label(missing, name)
    rate = pass_rate(top, dataset["labels"])
    assert rate >= dataset["recorded"][name], (
        f"{name}: {rate:.0%} of the top {TOP} pass the rubric, down from "
        f"{dataset['recorded'][name]:.0%}"
    )


def test_every_label_judges_all_six_criteria(dataset):
    for key, label in dataset["labels"].items():
        assert all(isinstance(label[c], bool) for c in CRITERIA), key
        assert label["text"] in ("article", "explainer"), key


def test_the_labelled_set_covers_each_texts_whole_quiz(dataset):
    """Every draft of each text's quiz (up to the top 20) has a label: none is left out. The
    seed article's quiz comes from its first half (a news report's second half gives
    alternatives only); the explainer, in sections, fills its 20."""
    for name, text, least in (("explainer", explainer(), 20), ("article", article(), 4)):
        top = quiz(text)
        assert len(top) >= least and not unlabelled(top, dataset["labels"]), name


def test_pass_rate_counts_unlabelled_candidates_as_failures(dataset):
    text = explainer()
    top = generate(text, limit=2)
    labels = {fingerprint(top[0]): dict.fromkeys(CRITERIA, True)}
    assert pass_rate(top, labels) == 0.5
    assert unlabelled(top, labels) == [top[1]]
    assert pass_rate([], labels) == 0.0
