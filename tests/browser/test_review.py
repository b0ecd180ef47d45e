"""The review and the feedback after each question in a real browser: options marked right or
wrong, no axe-core violation at phone and laptop widths; the question form's usage fields too."""

import pytest
from sqlalchemy import select

from quizapp.models import Question, Quiz, Topic, db
from quizapp.services.bank import question_from_fields

from .support import answer_by_pointer, axe_violations, log_in, question_kind, screenshot
from conftest import PASSWORD

QUESTIONS = [
    {
        "key": "browser-review-road",
        "kind": "single",
        "prompt": "Which crossing is on the road to Kabul?",
        "choices": [
            {"text": "Torkham", "correct": True, "feedback": "Yes: the Khyber Pass road."},
            {"text": "Chaman", "feedback": "Chaman is on the road to Kandahar."},
            {"text": "Wagah", "feedback": "Wagah is on the Indian border."},
        ],
        "explanation": "Torkham is the main crossing between Peshawar and Jalalabad.",
        "use": "both",
    },
    {
        "key": "browser-review-returns",
        "kind": "numeric",
        "prompt": "About how many people went back to Afghanistan in 2023?",
        "answer": 1_000_000,
        "tolerance": 100_000,
        "explanation": "Roughly a million people, by UNHCR's count.",
    },
    {
        "key": "browser-review-leader",
        "kind": "short_text",
        "prompt": "Who has led the TTP since 2018?",
        "accepted": ["Noor Wali Mehsud", "Noor Wali Mehsood", "Mehsud"],
        "explanation": "He took over after Mullah Fazlullah was killed.",
    },
]


@pytest.fixture(scope="module")
def review_quizzes(app) -> dict[str, int]:
    """Two unpublished quizzes on three questions: feedback at the end, and after each one."""
    with app.app_context():
        topic = Topic(slug="review-browser", title="Review", summary="s", body="x {: #x }")
        topic.position = 98
        db.session.add_all(question_from_fields(q, topic, status="published") for q in QUESTIONS)
        quizzes = {
            mode: Quiz(
                slug=f"review-browser-{mode}",
                title=f"Review ({mode})",
                question_count=3,
                shuffle=False,
                feedback_mode=mode,
                topics=[topic],
            )
            for mode in ("at_end", "immediate")
        }
        db.session.add_all([topic, *quizzes.values()])
        db.session.commit()
        return {mode: quiz.id for mode, quiz in quizzes.items()}


def no_violations(page) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_the_review_marks_options_and_has_no_axe_violation(
    open_page, make_user, published, review_quizzes, axe_available, viewport
):
    page = open_page(viewport)
    log_in(page, make_user(), PASSWORD)
    with published(review_quizzes.values()):
        page.goto(f"/quizzes/{review_quizzes['immediate']}")
        with page.expect_navigation():
            page.get_by_role("button", name="Start or continue").click()
        answer_by_pointer(page)  # the first option: Torkham, right
        right = page.locator(".review-option.is-right")
        assert "Right answer · you chose this" in right.inner_text()
        assert "Yes: the Khyber Pass road." in right.inner_text()
        assert page.locator(".review-option.is-wrong").count() == 2
        no_violations(page)
        screenshot(page, "review-feedback", viewport)

        page.goto(f"/quizzes/{review_quizzes['at_end']}")
        with page.expect_navigation():
            page.get_by_role("button", name="Start or continue").click()
        for _ in QUESTIONS:
            answer_by_pointer(page)
        with page.expect_navigation():
            page.get_by_role("button", name="Submit and see my result").click()
    review = page.locator("ol.review")
    assert "1,000,000 (anything between 900,000 and 1,100,000 counts)" in review.inner_text()
    assert "Mehsood" not in review.inner_text()
    assert "Chaman is on the road to Kandahar." in review.inner_text()
    no_violations(page)
    screenshot(page, "review-result", viewport)


def test_a_huge_number_answer_wraps_on_a_phone(open_page, make_user, published, review_quizzes):
    """1e308 is a valid answer; written for people it is 309 digits with commas and no space."""
    page = open_page("phone")
    log_in(page, make_user(), PASSWORD)
    with published([review_quizzes["at_end"]]):
        page.goto(f"/quizzes/{review_quizzes['at_end']}")
        with page.expect_navigation():
            page.get_by_role("button", name="Start or continue").click()
        for _ in QUESTIONS:
            if question_kind(page) != "numeric":
                answer_by_pointer(page)
                continue
            page.locator("form.question input[name=answer]").fill("1e308")
            with page.expect_navigation():
                page.locator("form.question button[type=submit]").click()
        with page.expect_navigation():
            page.get_by_role("button", name="Submit and see my result").click()
    assert "100,000,000,000,000" in page.locator("ol.review").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0
    screenshot(page, "review-huge-number", "phone")


@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_the_question_form_and_page_have_no_axe_violation(
    app, open_page, make_user, review_quizzes, axe_available, viewport
):
    with app.app_context():
        road, leader = (
            db.session.scalar(select(Question.id).where(Question.key == key))
            for key in ("browser-review-road", "browser-review-leader")
        )
    page = open_page(viewport)
    log_in(page, make_user("admin"), PASSWORD)
    page.goto(f"/admin/questions/{road}/edit")
    page.get_by_label("Drawn into").select_option("both")
    page.get_by_label("Never on the same paper as").fill(f"{leader}, 99999")
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    assert "These question numbers do not exist: 99999." in page.locator("main").inner_text()
    no_violations(page)
    page.get_by_label("Never on the same paper as").fill(str(leader))
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    assert page.get_by_role("link", name=f"#{leader}").is_visible()
    no_violations(page)
    screenshot(page, "question-usage", viewport)
