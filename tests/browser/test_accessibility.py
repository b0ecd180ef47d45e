"""axe-core on every main page, at phone and laptop size, in light and dark colours.

No violation of impact "serious" or "critical" is allowed; lesser ones are counted in the run's
summary and explained in the README. Each page is also checked for the structure axe does not
judge: one main landmark, a banner and a footer, one h1, a skip link first, links that are
underlined (not told apart by colour alone), no sideways scrolling on a phone, and every tab stop
showing a focus outline with 3:1 contrast. Screenshots go to tests/browser/artifacts/.
"""

import re

import pytest

from quizapp.models.content import KINDS

from .support import (
    SCHEMES,
    VIEWPORTS,
    answer_by_pointer,
    axe_violations,
    combo_name,
    log_in,
    run_axe,
    screenshot,
    tab_through,
)
from conftest import PASSWORD

# Tabbing through every control of every page: once per viewport and once per colour scheme.
FOCUS_COMBOS = ("laptop-light", "phone-dark")
PUBLIC_PAGES = [
    ("home", "/"),
    ("explainer", "/learn"),
    ("timeline", "/learn/timeline"),
    ("map", "/learn/map"),
    ("glossary", "/learn/glossary"),
    ("sources", "/learn/sources"),
    ("quizzes", "/quizzes"),
    ("login", "/login"),
    ("register", "/register"),
    ("not-found", "/no-such-page"),
]

# A short article in our own words for the generation pages: names, places, a year and a number.
ARTICLE = (
    "Pakistan and Afghanistan share a border of about 2,600 kilometres, the Durand Line, "
    "drawn in 1893. Afghanistan has never accepted it as an international border.\n\n"
    "Torkham, near Peshawar, and Chaman, near Quetta, are the two main crossings. Pakistan "
    "closed them in October 2025 after clashes along the border.\n\n"
    "Qatar and Turkey mediated a ceasefire that month, but talks in Istanbul ended without "
    "an agreement."
)
# Breaks the login page twice: a field loses its label, the page loses its main landmark.
BREAK_LOGIN = """() => {
  document.querySelector('label[for=username]').remove();
  const main = document.querySelector('main');
  main.replaceWith(...main.childNodes);
}"""

BACKGROUND = "() => getComputedStyle(document.documentElement).backgroundColor"
STRUCTURE = """() => {
  const problems = [];
  const count = selector => document.querySelectorAll(selector).length;
  for (const [selector, expected] of [
    ['main', 1], ['body > header', 1], ['body > footer', 1], ['h1', 1], ['nav[aria-label]', 1],
  ]) {
    if (selector === 'nav[aria-label]' ? count(selector) < expected : count(selector) !== expected)
      problems.push(`${count(selector)} × ${selector}`);
  }
  const first = document.querySelector('body a, body button, body input, body select');
  if (!first || !first.matches('a.skip-link[href="#main"]')) problems.push('no skip link first');
  if (document.documentElement.scrollWidth > innerWidth + 1) problems.push('page scrolls sideways');
  for (const link of document.querySelectorAll('main a:not(.button), footer a')) {
    if (!getComputedStyle(link).textDecorationLine.includes('underline'))
      problems.push(`link told apart by colour only: ${link.textContent.trim().slice(0, 40)}`);
  }
  return problems;
}"""


class Sweep:
    """Checks pages one after another at one size, each in light and then dark colours (switched
    in place, so every page is reached once per size), and keeps every failure."""

    def __init__(self, page, viewport: str):
        self.page, self.viewport, self.failures = page, viewport, []

    def visit(self, name: str, url: str) -> None:
        self.page.goto(url)
        self.check(name)

    def check(self, name: str) -> None:
        self.failures.extend(f"{name}: {p}" for p in self.page.evaluate(STRUCTURE))
        backgrounds = {self._check_in(name, scheme) for scheme in SCHEMES}
        self.page.emulate_media(color_scheme=SCHEMES[0])
        if len(backgrounds) < len(SCHEMES):  # else "dark" would silently check light again
            self.failures.append(f"{name}: the same background in {' and '.join(SCHEMES)}")

    def _check_in(self, name: str, scheme: str) -> str:
        """axe, the focus walk and a screenshot in one colour scheme; returns the background."""
        self.page.emulate_media(color_scheme=scheme)
        combo = combo_name(self.viewport, scheme)
        for violation in run_axe(self.page, name, combo):
            self.failures.append(
                f"{name} ({combo}): {violation['id']} ({violation['impact']}) "
                f"{violation['help']}\n    " + "\n    ".join(violation["nodes"])
            )
        if combo in FOCUS_COMBOS:
            try:
                tab_through(self.page)
            except AssertionError as error:
                self.failures.append(f"{name} ({combo}): {error}")
        screenshot(self.page, name, combo)
        return self.page.evaluate(BACKGROUND)

    def click(self, locator) -> None:
        with self.page.expect_navigation():
            locator.click()


def public_pages(sweep: Sweep) -> None:
    page = sweep.page
    for name, url in PUBLIC_PAGES:
        sweep.visit(name, url)
    page.goto("/learn")
    sweep.click(page.locator("ol.cards a").first)
    sweep.check("section")
    page.goto("/quizzes")
    sweep.click(page.locator("ul.cards a").first)
    sweep.check("quiz-detail")
    page.goto("/register")
    sweep.click(page.get_by_role("button", name="Create account"))
    sweep.check("register-errors")
    page.goto("/login")
    page.get_by_label("Username").fill("nobody-here")
    page.get_by_label("Password").fill("not the password")
    sweep.click(page.get_by_role("button", name="Log in"))
    sweep.check("login-failed")


def student_pages(sweep: Sweep, username: str, kind_quizzes: dict[str, int]) -> None:
    page = sweep.page
    log_in(page, username, PASSWORD)
    for kind, quiz_id in kind_quizzes.items():
        page.goto(f"/quizzes/{quiz_id}")
        sweep.click(page.get_by_role("button", name="Start or continue"))
        if kind == "single":
            sweep.click(page.locator("form.question button[type=submit]"))  # no answer given
            sweep.check("question-error")
            page.go_back()
        sweep.check(f"question-{kind}")
        answer_by_pointer(page)
    sweep.check("confirm")
    sweep.click(page.get_by_role("button", name="Submit and see my result"))
    sweep.check("result")
    page.goto("/learn")
    sweep.click(page.locator("ol.cards a").first)
    sweep.click(page.get_by_role("link", name="Start the check"))
    sweep.click(page.get_by_role("button", name="Start or continue"))
    answer_by_pointer(page)
    sweep.check("question-feedback")
    sweep.visit("history", "/history")
    sweep.visit("password", "/account/password")
    sweep.visit("account", "/account")


def teacher_pages(sweep: Sweep, username: str) -> None:
    page = sweep.page
    log_in(page, username, PASSWORD)
    sweep.visit("admin", "/admin/")
    links = page.locator("main .cards a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    for href in hrefs:
        sweep.visit("admin-" + href.strip("/").split("/")[-1], href)
    if "/admin/articles" in hrefs:
        article_pages(sweep)
    for kind in ("single", "ordering", "matching"):
        sweep.visit(f"admin-question-{kind}", f"/admin/questions/new/{kind}")
    sweep.click(page.get_by_role("button", name="Save", exact=True))
    sweep.check("admin-question-errors")
    page.goto("/admin/questions")
    sweep.click(page.locator("main table a").first)
    sweep.check("admin-question-preview")
    sweep.visit("admin-quiz-new", "/admin/quizzes/new")
    sweep.visit("admin-topic-new", "/admin/topics/new")
    page.get_by_label("Text (Markdown)").fill("A paragraph. {: #one }\n\n* a list")
    sweep.click(page.get_by_role("button", name="Preview"))
    sweep.check("admin-topic-preview")


def article_pages(sweep: Sweep) -> None:
    """Generation: the paste form with its errors, then an article beside its draft questions."""
    page = sweep.page
    page.goto("/admin/articles")
    generate = page.get_by_role("button", name="Generate draft questions")
    sweep.click(generate)
    sweep.check("admin-articles-errors")
    page.get_by_label("Title", exact=True).fill("The border and its crossings")
    page.get_by_label("Article text", exact=True).fill(ARTICLE)
    sweep.click(generate)
    assert re.search(r"/admin/articles/\d+$", page.url), page.locator("main").inner_text()
    sweep.check("admin-article")


def test_axe_hears_a_missing_label_and_a_missing_main(open_page, axe_available):
    """The sweep's zeros mean something only if axe speaks up when a page is broken."""
    page = open_page("phone")
    page.goto("/login")
    assert not axe_violations(page)
    page.evaluate(BREAK_LOGIN)
    found = {v["id"]: v["impact"] for v in axe_violations(page)}
    assert found.get("label") == "critical", found
    assert found.get("landmark-one-main") == "moderate", found


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_main_page_has_no_serious_violations(
    open_page, make_user, kind_quizzes, published, axe_available, viewport
):
    sweeps = [Sweep(open_page(viewport), viewport) for _ in range(3)]
    public_pages(sweeps[0])
    with published(kind_quizzes.values()):
        student_pages(sweeps[1], make_user(), kind_quizzes)
    teacher_pages(sweeps[2], make_user("teacher"))
    failures = [f for sweep in sweeps for f in sweep.failures]
    assert set(kind_quizzes) == set(KINDS), f"the bank lacks {set(KINDS) - set(kind_quizzes)}"
    assert not failures, f"{len(failures)} problems:\n" + "\n".join(failures)
