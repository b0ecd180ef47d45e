"""Building a quiz from the settings a teacher chose (the quiz form, a backup).

Views and CLI commands call this and commit; it never commits.
"""

from quizapp.models import Quiz, Topic


def apply_quiz(quiz: Quiz, settings: dict, topics: dict[str, Topic]) -> None:
    """Copy checked quiz settings (see forms.quizzes.QuizForm.settings) onto `quiz`."""
    for name in (
        "title",
        "description",
        "kinds",
        "difficulties",
        "question_count",
        "shuffle",
        "feedback_mode",
        "time_limit_minutes",
        "max_attempts",
        "opens_at",
        "closes_at",
        "is_published",
    ):
        setattr(quiz, name, settings[name])
    if "release_mode" in settings:  # backups made before it existed leave it as it is
        quiz.release_mode = settings["release_mode"]
    quiz.topics = [topics[slug] for slug in settings["topics"] if slug in topics]
    quiz.topic_quotas = {slug: count for slug, count in settings["quotas"]}
