"""What a real browser does with the app's CSP and with hostile teacher text."""

import pytest
from sqlalchemy import select

from quizapp.core.quiz_settings import SECTION_CHECK
from quizapp.models import Quiz, Topic, User, db
from quizapp.services.bank import question_from_fields

from .support import VIEWPORTS, answer_by_pointer, log_in, watch
from conftest import PASSWORD

PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(1)>"
# Colours from map.svg's own <style>: the sea, light and dark. Unstyled shapes would be black.
SEA = {"light": (0xD6, 0xE6, 0xF2), "dark": (0x10, 0x20, 0x2C)}
COUNT_COLOUR = """([r, g, b]) => {
  const img = document.querySelector('figure.map img');
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
  const context = canvas.getContext('2d');
  context.drawImage(img, 0, 0);
  const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - r) < 4 && Math.abs(data[i + 1] - g) < 4
        && Math.abs(data[i + 2] - b) < 4) count++;
  }
  return count;
}"""


def test_the_csp_listener_hears_a_refusal(browser, live_server):
    """The CSP checks of every other test rely on this listener; prove it hears a refusal."""
    context = browser.new_context(base_url=live_server.url())
    page = context.new_page()
    seen = watch(page)
    page.goto("/")
    with pytest.raises(Exception, match="Content Security Policy"):
        page.add_script_tag(content="document.title = 'injected'")
    assert page.title() != "injected"
    context.close()
    assert seen.csp


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_map_svg_keeps_its_own_colours_under_the_csp(open_page, scheme):
    page = open_page("laptop", scheme)
    page.goto("/learn/map")
    image = page.locator("figure.map img")
    image.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('figure.map img').complete")
    assert image.evaluate("img => img.naturalWidth") > 0
    other = "dark" if scheme == "light" else "light"
    sea_here, sea_other = (page.evaluate(COUNT_COLOUR, list(SEA[s])) for s in (scheme, other))
    assert sea_here > 10_000 and sea_other == 0, (sea_here, sea_other)


def _hostile_quiz(app) -> None:
    with app.app_context():
        teacher = db.session.scalar(select(User).where(User.role == "teacher"))
        topic = Topic(
            slug="escaping",
            title=f"Escaping {PAYLOAD}",
            summary=PAYLOAD,
            body=f"Plain words. {{: #plain }}\n\n{PAYLOAD}\n\n[link](javascript:alert(1))",
            position=99,
        )
        fields = {
            "kind": "single",
            "prompt": f"Pick one {PAYLOAD}",
            "explanation": PAYLOAD,
            "anchor": "plain",
            "choices": [{"text": PAYLOAD, "correct": True}, {"text": f"no {PAYLOAD}"}],
            "use": "check",  # a section check draws only questions marked for checks
        }
        question = question_from_fields(fields, topic, status="published")
        question.created_by_id = teacher.id
        quiz = Quiz(
            slug="check-escaping",
            title=f"Escaping {PAYLOAD}",
            description=PAYLOAD,
            question_count=1,
            is_published=True,
            feedback_mode="immediate",
            purpose=SECTION_CHECK,
        )
        quiz.topics = [topic]
        db.session.add_all([topic, question, quiz])
        db.session.commit()


def test_teacher_text_with_script_fires_no_dialog_for_a_student(app, open_page, make_user):
    _hostile_quiz(app)
    page = open_page("laptop")
    dialogs = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message))
    log_in(page, make_user(), PASSWORD)
    for url in ("/", "/learn", "/learn/escaping", "/quizzes"):
        page.goto(url)
        assert page.locator("main img[src=x], main script, main a[href^=javascript]").count() == 0
    page.goto("/learn/escaping")
    with page.expect_navigation():
        page.get_by_role("link", name="Start the check").click()
    assert PAYLOAD in page.locator("h1").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Start or continue").click()
    assert PAYLOAD in page.locator("legend.prompt").inner_text()
    answer_by_pointer(page)
    assert PAYLOAD in page.locator(".feedback").inner_text()
    page.goto(page.url.rsplit("/q/", 1)[0] + "/finish")
    with page.expect_navigation():
        page.get_by_role("button", name="Submit and see my result").click()
    assert PAYLOAD in page.locator(".review").inner_text()
    page.goto("/history")
    assert dialogs == []


def test_map_svg_opened_on_its_own_keeps_its_colours(browser, live_server):
    context = browser.new_context(base_url=live_server.url(), viewport=VIEWPORTS["phone"])
    page = context.new_page()
    seen = watch(page)
    page.goto("/static/img/map.svg")
    fill = page.evaluate("() => getComputedStyle(document.querySelector('.sea')).fill")
    context.close()
    assert not seen.csp and fill != "rgb(0, 0, 0)", (fill, seen.csp)
