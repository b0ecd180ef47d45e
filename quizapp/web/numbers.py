"""Numbers as pages show them: `{{ attempt.percent|percent }}` → 66.7 %, 100 %, – for none
(one rule for every page, `core.readable.readable_percent`). CSV exports keep raw numbers."""

from flask import Flask

from quizapp.core.readable import readable_percent


def init_numbers(app: Flask) -> None:
    app.add_template_filter(readable_percent, "percent")
