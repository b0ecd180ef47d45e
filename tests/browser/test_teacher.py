"""A teacher writes a section, one question of each kind and a quiz; a student gets them."""

import re

from .support import answer_by_pointer, log_in
from conftest import PASSWORD

PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(1)>"
SECTION = {
    "Address (slug)": "written-in-class",
    "Title": "Written in class",
    "Summary": "A section a teacher wrote during the lesson.",
    "Position": "50",
    "Text (Markdown)": "Torkham is the main crossing. {: #crossing }\n\nIt was agreed in 1893.",
}
# kind label -> the prompt and the answer fields, by their visible labels
QUESTIONS = {
    "Single choice": (
        f"Which line is the border? {PAYLOAD}",
        {"Option 1": "The Durand Line", "Option 2": "The Radcliffe Line"},
        ["Option 1 is correct"],
    ),
    "Multiple select": (
        "Which are crossings?",
        {"Option 1": "Torkham", "Option 2": "Chaman", "Option 3": "Gwadar"},
        ["Option 1 is correct", "Option 2 is correct"],
    ),
    "True or false": ("The line was agreed in 1893.", {"The statement is": "True"}, []),
    "Short answer": ("Name the main crossing.", {"Accepted answers": "Torkham"}, []),
    "Number": ("In which year was the line agreed?", {"The answer": "1893"}, []),
    "Put in order": (
        "Put these in order.",
        {"Item 1": "Durand Line", "Item 2": "Soviet invasion", "Item 3": "Open war"},
        [],
    ),
    "Matching": (
        "Match the acronym.",
        {
            "Prompt 1": "TTP",
            "Match for prompt 1": "Pakistani Taliban",
            "Prompt 2": "BLA",
            "Match for prompt 2": "Baloch separatists",
            "Prompt 3": "PoR",
            "Match for prompt 3": "Proof of Registration",
        },
        [],
    ),
}
QUIZ_TITLE = "Written in class: the quiz"


def submit(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def fill(page, fields: dict) -> None:
    for label, value in fields.items():
        field = page.get_by_label(label, exact=True)
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)


def write_section(page) -> None:
    page.goto("/admin/topics/new")
    fill(page, SECTION)
    submit(page, "Save")
    assert "Section saved." in page.locator(".flashes").inner_text()


def write_question(page, kind_label: str, prompt: str, fields: dict, ticks: list) -> None:
    page.goto("/admin/questions/new")
    with page.expect_navigation():
        page.get_by_role("link", name=kind_label, exact=True).click()
    fill(page, {"Question": prompt, **fields, "Explanation": f"Because. ({kind_label})"})
    for label in ticks:
        page.get_by_label(label, exact=True).check()
    fill(page, {"Explainer section": SECTION["Title"], "Paragraph that answers it": "crossing"})
    submit(page, "Save")
    assert re.search(r"/admin/questions/\d+$", page.url), page.locator("main").inner_text()
    preview = page.locator("section.preview")
    assert prompt in preview.locator(".prompt").inner_text()
    assert preview.locator("input, select").count() >= 1  # the controls students will get
    submit(page, "Publish")
    assert "Question published." in page.locator(".flashes").inner_text()


def build_quiz(page) -> None:
    page.goto("/admin/quizzes/new")
    fill(page, {"Title": QUIZ_TITLE, "Questions drawn from the pool": str(len(QUESTIONS))})
    page.get_by_label(SECTION["Title"], exact=True).check()
    page.get_by_label("Published: students can see it while it is open").check()
    submit(page, "Save quiz")
    assert f"The pool holds {len(QUESTIONS)} published" in page.locator(".flashes").inner_text()


def test_teacher_writes_previews_publishes_and_a_student_gets_every_question(open_page, make_user):
    page = open_page("laptop")
    log_in(page, make_user("teacher"), PASSWORD)
    write_section(page)
    for kind_label, (prompt, fields, ticks) in QUESTIONS.items():
        write_question(page, kind_label, prompt, fields, ticks)
    build_quiz(page)

    student = open_page("phone")
    log_in(student, make_user(), PASSWORD)
    with student.expect_navigation():
        student.get_by_role("link", name=QUIZ_TITLE).click()
    with student.expect_navigation():
        student.get_by_role("button", name="Start or continue").click()
    seen = []
    while "/finish" not in student.url:
        seen.append(student.locator("form.question .prompt").first.inner_text().strip())
        answer_by_pointer(student)
    assert sorted(seen) == sorted(prompt for prompt, _, _ in QUESTIONS.values())
    with student.expect_navigation():
        student.get_by_role("button", name="Submit and see my result").click()
    assert student.locator(".review > li").count() == len(QUESTIONS)
