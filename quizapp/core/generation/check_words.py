"""Each check a generated draft passes, in plain words for the teacher who reviews it."""

from collections.abc import Iterable

PLAIN_WORDS = {
    "context": "the sentence makes sense on its own",
    "not_protagonist": "the answer is not the text's main subject, which every reader would know",
    "key_once": "the answer appears only once in its sentence",
    "key_hidden": "the question does not give the answer away",
    "words_hidden": "no word of the answer's name is left in the question",
    "options_distinct": "the options are all different",
    "not_alias": "no wrong option is another name for the answer",
    "same_format": "the options look alike (names with names, years with years)",
    "enough_options": "there are enough options to choose from",
    "distractors_hidden": "no wrong option appears in the question",
    "article_agrees": "“a” or “an” before the blank does not give the answer away",
    "blank_alone": "the blank stands for a whole name",
    "quote_hides_speaker": "the quotation does not name its speaker",
    "noun_follows": "the question says what the number counts",
    "faithful": "a true statement keeps its sentence's facts; a false one changes one of them",
    "stands_alone": "the question says what it is about without the sentences around it",
    "quiz_ready": "recommended for the quiz: one question per sentence, none giving another "
    "away, and in a news report from its first half",
}


def plain_checks(names: Iterable[str]) -> list[str]:
    """The checks in plain words; a name without words (from an older version) as it is."""
    return [PLAIN_WORDS.get(name, name.replace("_", " ")) for name in names]
