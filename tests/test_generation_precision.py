"""The precision gate: in a news-length text only numeric and true/false drafts from the
opening paragraphs reach the quiz; other drafts stay as alternatives; long texts keep every
kind. All texts here are invented."""

from quizapp.core.generation import QUIZ_READY, generate, precision

OPENING = (
    "The Republic of Veloria held a general election on 12 March 2031.",
    "The Unity Party of Prime Minister Ana Lostra won 88 of the 150 seats in parliament.",
    "The Green Alliance led by Tomas Brevik won 41 seats and the Farmers League won 21 seats.",
    "Turnout reached 71 percent, the Veloria Electoral Commission said on Monday.",
    "Ana Lostra promised to cut fuel taxes and to build 20,000 homes within two years.",
)
LATER = (
    "The Farmers League had won 17 seats in the election of 2027 under Petra Vinik.",
    "Observers from the Nordic Council said the vote in Veloria was free and orderly.",
    "Tomas Brevik said the Green Alliance would sit in opposition in the new parliament.",
)


def paragraphs(*sentences: str) -> str:
    return "\n\n".join(sentences) + "\n"


def quiz(text: str) -> list:
    return [c for c in generate(text) if QUIZ_READY in c.checks]


def test_a_news_quiz_holds_only_numbers_and_statements_from_the_opening():
    text = paragraphs(*OPENING, *LATER)
    found = quiz(text)
    assert found
    opening_end = text.index(LATER[0])
    for c in found:
        assert c.kind in ("numeric", "true_false", "ordering"), c.prompt
        if c.kind != "ordering":
            assert c.source.start < opening_end, c.prompt


def test_the_gated_drafts_stay_as_alternatives(monkeypatch):
    text = paragraphs(
        *OPENING[:2],
        "Norway and Sweden called for calm and offered to mediate between the parties.",
        *OPENING[2:],
        *LATER,
    )
    monkeypatch.setattr(precision, "NEWS_WORDS", 0)  # the gate off: every kind may enter
    ungated = [c.prompt for c in quiz(text)]
    monkeypatch.undo()
    gated = {c.prompt: QUIZ_READY in c.checks for c in generate(text)}
    dropped = [p for p in ungated if not gated.get(p, True)]
    assert dropped  # something the gate keeps out of the quiz...
    assert all(p in gated for p in ungated)  # ...is still offered as an alternative


def test_a_later_paragraph_never_reaches_a_news_quiz():
    padding = [
        f"Paragraph {n} of the report on the Veloria vote adds nothing new." for n in range(5)
    ]
    text = paragraphs(*padding, OPENING[1], OPENING[2])
    assert quiz(text) == []


def test_a_text_of_one_block_counts_its_opening_in_sentences():
    text = " ".join(OPENING + LATER)
    assert quiz(text)
    last = text.index(LATER[-1])
    assert all(c.source.start < last for c in quiz(text) if c.kind != "ordering")


def test_only_news_length_texts_are_gated():
    assert precision.is_news(" ".join(["word"] * precision.NEWS_WORDS))
    assert not precision.is_news(" ".join(["word"] * (precision.NEWS_WORDS + 1)))


def test_paragraphs_are_counted_by_blank_lines():
    text = "One.\n\nTwo.\n \nThree.\nStill three."
    assert [
        precision.paragraph_index(text, text.index(w)) for w in ("One", "Two", "Three", "Still")
    ] == [
        0,
        1,
        2,
        2,
    ]


def test_without_blank_lines_each_line_is_a_paragraph():
    text = "One.\nTwo.\nThree."
    assert [precision.paragraph_index(text, text.index(w)) for w in ("One", "Two", "Three")] == [
        0,
        1,
        2,
    ]
    lines = "\n".join(("Filler line about the Veloria count.",) * 5 + (OPENING[1],))
    assert not [c for c in quiz(lines) if c.kind != "ordering"]


def test_a_news_quiz_statement_names_its_subject():
    assert precision.opens_unnamed("True or false? The bomber came on foot to the gate.")
    assert precision.opens_unnamed("True or false? The island nation faces a crisis.")
    assert precision.opens_unnamed("How many seats? Fill in the number: They won _____ seats.")
    assert not precision.opens_unnamed("True or false? The Unity Party won 88 seats.")
    assert not precision.opens_unnamed("True or false? Ana Lostra won the vote.")
    unnamed = (
        "The governing coalition in Veloria won 88 of the 150 seats in parliament on 12 March 2031."
    )
    assert not [c for c in quiz(paragraphs(OPENING[0], unnamed)) if "coalition" in c.prompt]
    named = paragraphs(OPENING[0], OPENING[1])
    assert [c for c in quiz(named) if "Unity Party" in c.prompt]
