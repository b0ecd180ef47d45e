"""The articles of a question-bank export: checked before a restore, like everything else.

An export carries each article (key, title, address and its revisions' text) and, for a
generated question, where it came from: the article's key, the revision's number and the span
of text. A restore matches articles by key, so restoring twice creates nothing the second time.
"""

import re
from collections.abc import Mapping

KEY = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
MAX_TEXT = 200_000  # characters in one revision, as the article form allows
MAX_REVISIONS = 100


def check_articles(rows: list, problems: list[str]) -> tuple[dict, ...]:
    """The articles of an export, checked; problems are appended in place."""
    articles = [_article(row, i, problems) for i, row in enumerate(rows, 1)]
    keys = [a["key"] for a in articles]
    if len(set(keys)) != len(keys):
        problems.append("articles: two articles share a key.")
    return tuple(articles)


def _article(row: Mapping, number: int, problems: list[str]) -> dict:
    where = f"articles[{number}]"
    article = {
        "key": row.get("key"),
        "title": row.get("title"),
        "source_url": row.get("source_url", ""),
        "revisions": row.get("revisions"),
    }
    if not isinstance(article["key"], str) or not KEY.match(article["key"]):
        problems.append(f"{where}: the key must be 1-40 letters, digits, dashes or underscores.")
    if not isinstance(article["title"], str) or not 0 < len(article["title"].strip()) <= 200:
        problems.append(f"{where}: an article needs a title of at most 200 characters.")
    if not isinstance(article["source_url"], str) or len(article["source_url"]) > 500:
        problems.append(f"{where}: source_url must be text of at most 500 characters.")
    revisions = article["revisions"]
    if not isinstance(revisions, list) or not 0 < len(revisions) <= MAX_REVISIONS:
        problems.append(f"{where}: revisions must be a list of 1 to {MAX_REVISIONS} texts.")
        article["revisions"] = []
        return article
    for revision in revisions:
        if not (
            isinstance(revision, dict)
            and isinstance(revision.get("number"), int)
            and not isinstance(revision.get("number"), bool)
            and 1 <= revision["number"] <= 10_000
            and isinstance(revision.get("text"), str)
            and 0 < len(revision["text"]) <= MAX_TEXT
        ):
            problems.append(f"{where}: each revision needs a number and a text.")
            article["revisions"] = []
            return article
    if len({r["number"] for r in revisions}) != len(revisions):
        problems.append(f"{where}: two revisions share a number.")
    return article


def check_source(
    source: object, articles: tuple[dict, ...], where: str, problems: list[str]
) -> dict | None:
    """A generated question's source (article key, revision number, span), or None."""
    if source is None:
        return None
    texts = {
        (a["key"], r["number"]): r["text"] for a in articles for r in a["revisions"] if a["key"]
    }
    text = (
        texts.get((source.get("article"), source.get("revision")))
        if isinstance(source, dict)
        else None
    )
    if text is None:
        problems.append(f"{where}: its source names no article revision in the file.")
        return None
    start, end = source.get("start"), source.get("end")
    spans = all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end))
    if not spans or not 0 <= start < end <= len(text):
        problems.append(f"{where}: its source span is not inside the article's text.")
        return None
    return {
        "article": source["article"],
        "revision": source["revision"],
        "start": start,
        "end": end,
    }
