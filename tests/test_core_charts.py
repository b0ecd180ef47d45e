"""The SVG score chart: accessible, CSP-safe markup with the right geometry."""

import re
from datetime import datetime

from quizapp.core.charts import HEIGHT, ChartPoint, describe_scores, score_chart

D1, D2, D3 = datetime(2026, 2, 3, 10), datetime(2026, 2, 10, 10), datetime(2026, 2, 21, 10)


def test_describe_scores():
    assert describe_scores([]) == "No submitted attempts yet."
    points = [ChartPoint(D1, 40, "A"), ChartPoint(D2, 100, "B"), ChartPoint(D3, 72.5, "A")]
    assert describe_scores(points) == (
        "3 scores from 3 Feb 2026 to 21 Feb 2026. "
        "Lowest 40\u00a0%, highest 100\u00a0%, latest 72.5\u00a0%."
    )
    assert describe_scores(points[:1]).startswith("1 score from")


def test_chart_is_accessible_and_has_no_inline_style_or_script():
    svg = score_chart([ChartPoint(D1, 50, "Quiz")], "My scores", id_prefix="mine")
    assert svg.startswith('<svg class="chart"') and 'role="img"' in svg
    assert 'aria-labelledby="mine-title mine-desc"' in svg
    assert '<title id="mine-title">My scores</title>' in svg and '<desc id="mine-desc">' in svg
    assert "style" not in svg and "<script" not in svg and " on" not in svg


def test_points_are_placed_left_to_right_and_by_score():
    points = [ChartPoint(D1, 0, "A"), ChartPoint(D2, 100, "B"), ChartPoint(D3, 50, "C")]
    svg = score_chart(points, "Scores")
    circles = re.findall(r'<circle class="chart-point" cx="([\d.]+)" cy="([\d.]+)"', svg)
    xs = [float(x) for x, _ in circles]
    ys = [float(y) for _, y in circles]
    assert xs == sorted(xs) and xs[0] == 48 and xs[-1] == 624
    assert ys[0] == HEIGHT - 40 and ys[1] == 16 and ys[2] == (16 + HEIGHT - 40) / 2
    assert '<polyline class="chart-line" points="48.0,220.0 336.0,16.0 624.0,118.0"/>' in svg
    assert "3 Feb 2026" in svg and "21 Feb 2026" in svg


def test_scores_outside_the_range_are_clamped():
    svg = score_chart([ChartPoint(D1, -5, "A"), ChartPoint(D2, 130, "B")], "Scores")
    assert 'cy="220.0"' in svg and 'cy="16.0"' in svg


def test_single_point_sits_in_the_middle_without_a_line():
    svg = score_chart([ChartPoint(D1, 80, "Quiz")], "Scores")
    assert 'cx="336.0"' in svg and "polyline" not in svg
    assert svg.count("3 Feb 2026</text>") == 1  # one axis label, not a first and a last


def test_labels_are_escaped():
    svg = score_chart([ChartPoint(D1, 80, '<b>"Quiz" & co</b>')], "A <title>", id_prefix='x"y')
    assert "<b>" not in svg and "&lt;b&gt;&quot;Quiz&quot; &amp; co&lt;/b&gt;" in svg
    assert "A &lt;title&gt;" in svg and 'id="x&quot;y-title"' in svg


def test_empty_chart_says_so():
    svg = score_chart([], "Scores")
    assert "No scores yet" in svg and "circle" not in svg
