"""Reading the data files in quizapp/content (topics, questions, quizzes, glossary, timeline…)."""

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable


@dataclass(frozen=True)
class TopicFile:
    slug: str
    title: str
    summary: str
    body: str
    position: int


def content_dir() -> Traversable:
    return resources.files("quizapp.content")


def parse_topic(text: str, position: int) -> TopicFile:
    """A topic file: a `---` header of `key: value` lines, then the Markdown body."""
    _, header, body = text.split("---", 2)
    meta = dict(
        (key.strip(), value.strip())
        for key, _, value in (line.partition(":") for line in header.strip().splitlines())
    )
    return TopicFile(meta["slug"], meta["title"], meta.get("summary", ""), body.strip(), position)


def topic_files() -> list[TopicFile]:
    folder = content_dir() / "topics"
    names = sorted(f.name for f in folder.iterdir() if f.name.endswith(".md"))
    return [
        parse_topic((folder / name).read_text(encoding="utf-8"), i)
        for i, name in enumerate(names, 1)
    ]


def _toml(name: str) -> dict:
    path = content_dir() / name
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def question_files() -> dict[str, list[dict]]:
    """Questions per topic slug, from questions/<slug>.toml."""
    folder = content_dir() / "questions"
    return {
        f.name.removesuffix(".toml"): tomllib.loads(f.read_text(encoding="utf-8")).get(
            "question", []
        )
        for f in sorted(folder.iterdir(), key=lambda f: f.name)
        if f.name.endswith(".toml")
    }


def quiz_file() -> list[dict]:
    return _toml("quizzes.toml").get("quiz", [])


@cache
def glossary() -> tuple[dict, ...]:
    return tuple(_toml("glossary.toml").get("term", []))


@cache
def timeline() -> tuple[dict, ...]:
    return tuple(_toml("timeline.toml").get("event", []))


@cache
def sources() -> tuple[dict, ...]:
    return tuple(_toml("sources.toml").get("source", []))


@cache
def map_places() -> tuple[dict, ...]:
    return tuple(_toml("map_places.toml").get("place", []))
