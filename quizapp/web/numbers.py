"""Numbers as pages show them: `{{ attempt.percent|percent }}` → 66.7 %, 100 %, – for none;
`{{ attempt.score|points }}` → 1.33, 4 (one rule for every page, `core.readable`). CSV exports
keep raw numbers."""

from flask import Flask

from quizapp.core.readable import readable_percent, readable_points


def init_numbers(app: Flask) -> None:
    app.add_template_filter(readable_percent, "percent")
    app.add_template_filter(readable_points, "points")
