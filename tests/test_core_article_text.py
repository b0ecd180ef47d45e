"""The explainer as one plain text, with each offset traced back to its section and paragraph."""

from quizapp.core.article_text import Place, explainer_text, place_at

SECTIONS = [
    (
        "border",
        "The border",
        "## A line\n\nThe [Durand Line](/x) was drawn in 1893. {: #drawn }"
        "\n\nA paragraph without an id.",
    ),
    ("refugees", "Refugees", "Millions *fled* in 1979. {: #flight }\n\n   \n"),
]


def test_titles_and_paragraphs_become_plain_blocks():
    result = explainer_text(SECTIONS)
    assert result.text == (
        "The border\n\nA line\n\nThe Durand Line was drawn in 1893.\n\n"
        "A paragraph without an id.\n\nRefugees\n\nMillions fled in 1979."
    )


def test_every_place_starts_where_its_block_starts():
    result = explainer_text(SECTIONS)
    assert [(p.slug, p.anchor) for p in result.places] == [
        ("border", ""),
        ("border", ""),
        ("border", "drawn"),
        ("border", ""),
        ("refugees", ""),
        ("refugees", "flight"),
    ]
    for place, block in zip(result.places, result.text.split("\n\n"), strict=True):
        assert result.text[place.start :].startswith(block)


def test_an_offset_finds_the_paragraph_that_contains_it():
    result = explainer_text(SECTIONS)
    at = result.text.index("1893")
    assert place_at(result.places, at) == Place(result.text.index("The Durand"), "border", "drawn")
    assert place_at(result.places, len(result.text) - 1).anchor == "flight"
    assert place_at((Place(5, "border", "x"),), 2) is None


def test_no_sections_give_an_empty_text():
    assert explainer_text([]).text == "" and explainer_text([]).places == ()
