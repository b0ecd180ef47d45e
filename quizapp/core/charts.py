"""Server-rendered SVG charts: plain markup, styled by classes in style.css (the CSP allows no
inline styles or scripts), with a <title> and <desc> for screen readers."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape

from quizapp.core.readable import readable_percent

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40
GRID = (0, 25, 50, 75, 100)


@dataclass(frozen=True)
class ChartPoint:
    when: datetime
    percent: float
    label: str  # what was scored, e.g. the quiz title


def _date(when: datetime) -> str:
    return when.strftime("%d %b %Y").lstrip("0")


def describe_scores(points: Sequence[ChartPoint]) -> str:
    """One sentence that says what the chart shows, for its <desc> and for the page."""
    if not points:
        return "No submitted attempts yet."
    scores = [p.percent for p in points]
    count = f"{len(points)} score{'s' if len(points) != 1 else ''}"
    return (
        f"{count} from {_date(points[0].when)} to {_date(points[-1].when)}. "
        f"Lowest {readable_percent(min(scores))}, highest {readable_percent(max(scores))}, "
        f"latest {readable_percent(scores[-1])}."
    )


def _x(index: int, count: int) -> float:
    inner = WIDTH - LEFT - RIGHT
    if count == 1:
        return LEFT + inner / 2
    return round(LEFT + inner * index / (count - 1), 1)


def _y(percent: float) -> float:
    inner = HEIGHT - TOP - BOTTOM
    clamped = min(max(percent, 0.0), 100.0)
    return round(TOP + inner * (1 - clamped / 100), 1)


def _grid() -> list[str]:
    lines = []
    for value in GRID:
        y = _y(value)
        lines.append(
            f'<line class="chart-grid" x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}"/>'
            f'<text class="chart-label" x="{LEFT - 6}" y="{y + 4}" text-anchor="end">'
            f"{readable_percent(value)}</text>"
        )
    return lines


def _x_labels(points: Sequence[ChartPoint]) -> list[str]:
    y = HEIGHT - BOTTOM + 22
    first = f'<text class="chart-label" x="{LEFT}" y="{y}">{_date(points[0].when)}</text>'
    if len(points) == 1:
        return [first]
    last = (
        f'<text class="chart-label" x="{WIDTH - RIGHT}" y="{y}" text-anchor="end">'
        f"{_date(points[-1].when)}</text>"
    )
    return [first, last]


def _series(points: Sequence[ChartPoint]) -> list[str]:
    coords = [(_x(i, len(points)), _y(p.percent)) for i, p in enumerate(points)]
    parts = []
    if len(coords) > 1:
        path = " ".join(f"{x},{y}" for x, y in coords)
        parts.append(f'<polyline class="chart-line" points="{path}"/>')
    for (x, y), point in zip(coords, points, strict=True):
        tip = escape(f"{_date(point.when)}, {point.label}: {readable_percent(point.percent)}")
        parts.append(
            f'<circle class="chart-point" cx="{x}" cy="{y}" r="5"><title>{tip}</title></circle>'
        )
    return parts


def score_chart(points: Sequence[ChartPoint], title: str, id_prefix: str = "chart") -> str:
    """A line chart of percentages (0–100) in time order, as an SVG string."""
    prefix = escape(id_prefix)
    body = _grid()
    if points:
        body += _x_labels(points) + _series(points)
    else:
        body.append(
            f'<text class="chart-empty" x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle">'
            "No scores yet</text>"
        )
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{prefix}-title {prefix}-desc">'
        f'<title id="{prefix}-title">{escape(title)}</title>'
        f'<desc id="{prefix}-desc">{escape(describe_scores(points))}</desc>'
        + "".join(body)
        + "</svg>"
    )
