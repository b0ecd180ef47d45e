"""Teachers paste an article, review the generated questions beside it, build a quiz."""

import html
import io

import pytest
from admin_helpers import flashes, form_values
from article_helpers import TEXT, article_count, create, questions, revisions
from sqlalchemy import select

from quizapp.core.generation import MAX_CHARS
from quizapp.models import Article, Question, Quiz, User, db

from attempt_helpers import items, start
from conftest import PASSWORD_HASH, csrf_token, login, make_app, seed_tiny
from security.clients import login_csrf


def user_id(app, username: str) -> int:
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.username == username))


def test_pasted_article_gets_drafts_that_point_at_their_sentences(app, teacher):
    article_id = create(teacher)
    [revision] = revisions(app, article_id)
    assert revision.number == 1 and revision.text == TEXT
    drafts = questions(app, article_id)
    assert len(drafts) >= 10
    for question in drafts:
        assert (question.status, question.origin) == ("draft", "generated")
        assert question.article_revision_id == revision.id
        assert question.created_by_id == user_id(app, "tess")
        sentence = TEXT[question.source_start : question.source_end]
        assert sentence.strip() and "\n\n" not in sentence
        assert question.generation_checks and question.generation_score is not None
    scores = [q.generation_score for q in drafts]
    assert scores == sorted(scores, reverse=True)
    page = teacher.get(f"/admin/articles/{article_id}").text
    best = drafts[0]
    assert html.escape(best.prompt, quote=False) in page
    sentence = html.escape(TEXT[best.source_start : best.source_end], quote=False)
    assert f'<mark id="src-{best.id}">{sentence}<sup>' in page
    assert f'href="/admin/questions/{best.id}/edit"' in page


def test_a_txt_upload_works_like_pasting(app, teacher):
    response = teacher.post(
        "/admin/articles",
        data={
            "title": "Uploaded",
            "text": "",
            "upload": (io.BytesIO(("\ufeff" + TEXT).replace("\n", "\r\n").encode()), "a.txt"),
        },
    )
    assert response.status_code == 303, response.text
    article_id = int(response.headers["Location"].rsplit("/", 1)[-1])
    assert revisions(app, article_id)[0].text == TEXT  # BOM and CRLF gone: offsets match
    assert questions(app, article_id)


def test_text_is_escaped_on_the_review_page(app, teacher):
    hostile = TEXT + "\nA lone <script>alert(1) is only text here, said Qatar.\n"
    article_id = create(teacher, hostile, title="<b>bold</b>")
    page = teacher.get(f"/admin/articles/{article_id}").text
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert "<b>bold</b>" not in page


BAD_INPUT = [
    ({"text": ""}, "Paste the article text or upload a .txt file."),
    ({"text": "   \n  "}, "Paste the article text or upload a .txt file."),
    ({"text": "x" * (MAX_CHARS + 1)}, f"at most {MAX_CHARS:,} characters"),
    ({"text": "<html><body><p>Pakistan struck Kabul.</p></body></html>"}, "looks like HTML"),
    (
        {
            "text": "Der Krieg zwischen Pakistan und Afghanistan hat begonnen, sagte der Minister. "
            * 8
        },
        "does not look like English",
    ),
    ({"title": ""}, "Give the article a title."),
    ({"title": "t" * 201}, "Field cannot be longer than 200 characters."),
    ({"source_url": "javascript:alert(1)"}, "must start with https://"),
    ({"text": "", "upload": (io.BytesIO(b"\xff\xfe P\x00a\x00k"), "a.txt")}, "not UTF-8"),
    ({"text": "", "upload": (io.BytesIO(b"%PDF-1.4"), "a.pdf")}, "Upload a .txt file"),
    ({"upload": (io.BytesIO(TEXT.encode()), "a.txt")}, "not both"),
]


@pytest.mark.parametrize(("overrides", "message"), BAD_INPUT)
def test_bad_input_is_refused_with_a_message_and_saves_nothing(app, teacher, overrides, message):
    data = {"title": "An article", "source_url": "", "text": TEXT, **overrides}
    response = teacher.post("/admin/articles", data=data)
    assert response.status_code == 422
    assert html.escape(message, quote=False) in response.text
    assert article_count(app) == 0
    with app.app_context():
        assert db.session.scalar(select(Question).where(Question.origin == "generated")) is None


def test_text_without_sentences_gives_an_article_with_no_questions(app, teacher):
    article_id = create(teacher, "Kabul\n\nKandahar\n\n2026")
    assert questions(app, article_id) == []
    assert (
        "No questions could be made from this text"
        in teacher.get(f"/admin/articles/{article_id}").text
    )


def test_approve_publishes_and_records_who_and_when(app, teacher):
    article_id = create(teacher)
    question = questions(app, article_id)[0]
    url = f"/admin/articles/{article_id}/questions/{question.id}/approve"
    response = teacher.post(url)
    assert response.headers["Location"].endswith(f"/admin/articles/{article_id}#q-{question.id}")
    approved = questions(app, article_id)[0]
    assert approved.status == "published" and approved.origin == "generated"
    assert approved.approved_by_id == user_id(app, "tess") and approved.approved_at
    replay = teacher.post(url)
    assert replay.status_code == 409 and "already approved" in replay.text
    assert "by tess" in teacher.get(f"/admin/articles/{article_id}").text


def test_reject_retires_and_cannot_be_replayed_or_undone_by_approve(app, teacher):
    article_id = create(teacher)
    question = questions(app, article_id)[0]
    base = f"/admin/articles/{article_id}/questions/{question.id}"
    assert teacher.post(f"{base}/reject").status_code == 303
    assert (
        questions(app, article_id)[0].id != question.id
        or questions(app, article_id)[0].status == "retired"
    )
    with app.app_context():
        assert db.session.get(Question, question.id).status == "retired"
    again = teacher.post(f"{base}/reject")
    assert again.status_code == 409 and "already rejected" in again.text
    late = teacher.post(f"{base}/approve")
    assert late.status_code == 409 and "was rejected" in late.text


def test_an_approved_question_is_retired_from_the_bank_not_rejected(app, teacher):
    article_id = create(teacher)
    question = questions(app, article_id)[0]
    base = f"/admin/articles/{article_id}/questions/{question.id}"
    teacher.post(f"{base}/approve")
    response = teacher.post(f"{base}/reject")
    assert response.status_code == 409 and "retire it from the question bank" in response.text


def test_bulk_approve_takes_the_best_n_drafts(app, teacher):
    article_id = create(teacher)
    drafts = questions(app, article_id)
    response = teacher.post(f"/admin/articles/{article_id}/approve-top", data={"count": "3"})
    assert response.headers["Location"].endswith(f"/admin/articles/{article_id}")
    after = {q.id: q.status for q in questions(app, article_id)}
    assert [after[q.id] for q in drafts[:4]] == ["published"] * 3 + ["draft"]
    assert sum(s == "published" for s in after.values()) == 3


@pytest.mark.parametrize("count", ["0", "101", "abc", ""])
def test_bulk_approve_refuses_a_tampered_count(app, teacher, count):
    article_id = create(teacher)
    response = teacher.post(f"/admin/articles/{article_id}/approve-top", data={"count": count})
    assert response.status_code == 422 and "There is a problem" in response.text
    assert all(q.status == "draft" for q in questions(app, article_id))


def test_quiz_from_the_article_uses_only_its_approved_questions(app, teacher, student):
    article_id = create(teacher)
    refused = teacher.post(f"/admin/articles/{article_id}/quiz")
    assert refused.status_code == 409 and "Approve at least one question first" in refused.text
    teacher.post(f"/admin/articles/{article_id}/approve-top", data={"count": "4"})
    response = teacher.post(f"/admin/articles/{article_id}/quiz")
    with app.app_context():
        quiz = db.session.scalar(select(Quiz).where(Quiz.article_id == article_id))
        assert not quiz.is_published and quiz.question_count == 4  # a draft: settings first
    assert response.headers["Location"].endswith(f"/admin/quizzes/{quiz.id}/edit")
    assert quiz.title in teacher.get(response.headers["Location"]).text
    assert student.post(f"/quizzes/{quiz.id}/start").status_code == 404
    with app.app_context():
        db.session.get(Quiz, quiz.id).is_published = True
        db.session.commit()
    assert teacher.post(f"/admin/articles/{article_id}/quiz").status_code == 303
    with app.app_context():
        assert len(db.session.scalars(select(Quiz).where(Quiz.article_id == article_id)).all()) == 1
        assert db.session.get(Quiz, quiz.id).is_published  # making it again does not unpublish
    approved = {q.id for q in questions(app, article_id) if q.status == "published"}
    attempt_id = start(student, quiz.id)
    assert {item.question_id for item in items(app, attempt_id)} == approved


def changed_text() -> str:
    """TEXT with a paragraph added before everything and the refugees sentence changed."""
    return "A new first paragraph moves every sentence further down the page.\n\n" + TEXT.replace(
        "More than one million", "About 1.5 million"
    )


def test_a_revision_remaps_unchanged_sentences_and_flags_changed_ones(app, teacher):
    article_id = create(teacher)
    teacher.post(f"/admin/articles/{article_id}/approve-top", data={"count": "40"})
    before = {q.id: q for q in questions(app, article_id)}
    response = teacher.post(f"/admin/articles/{article_id}/revise", data={"text": changed_text()})
    assert response.headers["Location"].endswith(f"/admin/articles/{article_id}")
    old, new = revisions(app, article_id)
    assert (old.number, new.number) == (1, 2) and new.text == changed_text()
    after = {q.id: q for q in questions(app, article_id)}
    flagged = [q for q in after.values() if q.needs_review]
    assert flagged and all(
        "million Afghan refugees" in TEXT[before[q.id].source_start : before[q.id].source_end]
        for q in flagged
    )
    for question in after.values():
        assert question.article_revision_id == new.id
        if question.id in before and not question.needs_review:
            old_q = before[question.id]
            assert question.source_start > old_q.source_start
            assert (
                new.text[question.source_start : question.source_end]
                == TEXT[old_q.source_start : old_q.source_end]
            )
    assert "needs review: its sentence changed" in teacher.get(f"/admin/articles/{article_id}").text


def test_flagged_questions_stay_out_of_the_quiz_until_approved_again(app, teacher, student):
    article_id = create(teacher)
    teacher.post(f"/admin/articles/{article_id}/approve-top", data={"count": "40"})
    teacher.post(f"/admin/articles/{article_id}/quiz")
    teacher.post(f"/admin/articles/{article_id}/revise", data={"text": changed_text()})
    flagged = [q for q in questions(app, article_id) if q.needs_review]
    with app.app_context():
        quiz = db.session.scalar(select(Quiz).where(Quiz.article_id == article_id))
        quiz.question_count, quiz.is_published, quiz_id = 40, True, quiz.id
        db.session.commit()
    drawn = {item.question_id for item in items(app, start(student, quiz_id))}
    assert drawn and not drawn & {q.id for q in flagged}
    base = f"/admin/articles/{article_id}/questions/{flagged[0].id}"
    assert teacher.post(f"{base}/approve").status_code == 303
    review = next(q for q in questions(app, article_id) if q.id == flagged[0].id)
    assert not review.needs_review and review.status == "published"


def test_a_revision_replaces_untouched_drafts_and_keeps_rejected_ones_out(app, teacher):
    article_id = create(teacher)
    first = questions(app, article_id)
    teacher.post(f"/admin/articles/{article_id}/questions/{first[0].id}/reject")
    teacher.post(f"/admin/articles/{article_id}/revise", data={"text": changed_text()})
    after = questions(app, article_id)
    prompts = [q.prompt for q in after]
    assert prompts.count(first[0].prompt) == 1  # the rejected one, not a fresh draft of it
    assert next(q for q in after if q.prompt == first[0].prompt).status == "retired"
    new = revisions(app, article_id)[-1]
    assert after and all(q.article_revision_id == new.id for q in after)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Paste the article text or upload a .txt file."),
        ("x" * (MAX_CHARS + 1), "at most"),
        ("<div><p>markup</p></div>", "looks like HTML"),
    ],
)
def test_a_bad_revision_is_refused_and_keeps_the_old_text(app, teacher, text, message):
    article_id = create(teacher)
    response = teacher.post(f"/admin/articles/{article_id}/revise", data={"text": text})
    assert response.status_code == 422 and message in response.text
    assert len(revisions(app, article_id)) == 1


def test_an_unchanged_revision_is_not_saved(app, teacher):
    article_id = create(teacher)
    response = teacher.post(f"/admin/articles/{article_id}/revise", data={"text": TEXT})
    assert response.status_code == 303 and len(revisions(app, article_id)) == 1


def test_edit_then_approve_goes_through_the_question_form_and_back(app, teacher):
    article_id = create(teacher)
    question = next(q for q in questions(app, article_id) if q.kind == "single")
    page = teacher.get(f"/admin/questions/{question.id}/edit").text
    assert f'href="/admin/articles/{article_id}#q-{question.id}"' in page  # the way back
    data = form_values(page)
    data["prompt"] = ["Edited: " + data["prompt"][0]]
    assert teacher.post(f"/admin/questions/{question.id}/edit", data=data).status_code == 303
    preview = teacher.get(f"/admin/questions/{question.id}").text
    assert f'href="/admin/articles/{article_id}#q-{question.id}"' in preview
    teacher.post(f"/admin/articles/{article_id}/questions/{question.id}/approve")
    edited = next(q for q in questions(app, article_id) if q.id == question.id)
    assert edited.prompt.startswith("Edited: ") and edited.status == "published"
    assert edited.source_start == question.source_start  # provenance kept through the edit


def test_wrong_ids_are_404(app, teacher):
    article_id = create(teacher)
    other_id = create(teacher, title="Another")
    other_question = questions(app, other_id)[0]
    assert teacher.get("/admin/articles/999999").status_code == 404
    assert teacher.post(f"/admin/articles/{article_id}/questions/999999/approve").status_code == 404
    wrong = teacher.post(f"/admin/articles/{article_id}/questions/{other_question.id}/approve")
    assert wrong.status_code == 404
    with app.app_context():
        curated = db.session.scalar(select(Question.id).where(Question.key == "t-single"))
    assert (
        teacher.post(f"/admin/articles/{article_id}/questions/{curated}/reject").status_code == 404
    )
    assert (
        teacher.post(
            f"/admin/articles/{article_id}/questions/{other_question.id}/delete"
        ).status_code
        == 404
    )
    assert questions(app, other_id)[0].status == "draft"


def test_another_teacher_cannot_see_or_review_the_article(app, teacher, admin):
    article_id = create(teacher, title="Tess's own article")
    question = questions(app, article_id)[0]
    with app.app_context():
        db.session.add(User(username="tom", role="teacher", password_hash=PASSWORD_HASH))
        db.session.commit()
    tom = app.test_client()
    login(tom, "tom")
    assert tom.get(f"/admin/articles/{article_id}").status_code == 403
    assert (
        tom.post(f"/admin/articles/{article_id}/questions/{question.id}/approve").status_code == 403
    )
    assert "Tess&#39;s own article" not in tom.get("/admin/articles").text
    assert "Tess&#39;s own article" in admin.get("/admin/articles").text
    assert admin.get(f"/admin/articles/{article_id}").status_code == 200
    assert questions(app, article_id)[0].status == "draft"


def test_students_cannot_see_drafts_or_the_answer_key(app, teacher, student):
    article_id = create(teacher)
    question = questions(app, article_id)[0]
    for url in ("/admin/articles", f"/admin/articles/{article_id}"):
        response = student.get(url)
        assert response.status_code == 403 and question.prompt not in response.text
    for action in ("approve", "reject"):
        response = student.post(f"/admin/articles/{article_id}/questions/{question.id}/{action}")
        assert response.status_code == 403
    assert (
        student.post(f"/admin/articles/{article_id}/approve-top", data={"count": "5"}).status_code
        == 403
    )
    assert student.post("/admin/articles", data={"title": "x", "text": TEXT}).status_code == 403
    assert all(q.status == "draft" for q in questions(app, article_id))
    assert article_count(app) == 1
    quizzes = student.get("/quizzes").text
    assert question.prompt not in quizzes


def test_the_flash_tells_how_many_drafts_were_made(app, teacher):
    response = teacher.post(
        "/admin/articles", follow_redirects=True, data={"title": "Strikes", "text": TEXT}
    )
    count = len(questions(app, 1))
    assert any(f"Generated {count} draft questions" in f for f in flashes(response.text))


def test_the_article_list_links_each_article(app, teacher):
    article_id = create(teacher, title="Listed article")
    page = teacher.get("/admin/articles").text
    assert f'href="/admin/articles/{article_id}">Listed article</a>' in page
    with app.app_context():
        assert db.session.get(Article, article_id).source_url == "https://example.org/strikes"


def test_every_form_on_the_article_page_carries_a_working_csrf_token(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    seed_tiny(app)
    client = app.test_client()
    assert login_csrf(client, "tess").status_code == 302
    token = csrf_token(client.get("/admin/articles").text)
    response = client.post(
        "/admin/articles", data={"title": "T", "text": TEXT, "csrf_token": token}
    )
    article_id = int(response.headers["Location"].rsplit("/", 1)[-1])
    page = client.get(f"/admin/articles/{article_id}").text
    assert page.count('name="csrf_token"') == page.count("<form")
    question = questions(app, article_id)[0]
    url = f"/admin/articles/{article_id}/questions/{question.id}/approve"
    refused = client.post(url)
    assert refused.status_code == 400 and questions(app, article_id)[0].status == "draft"
    assert client.post(url, data={"csrf_token": csrf_token(page)}).status_code == 303
    assert questions(app, article_id)[0].status == "published"


def test_publishing_a_draft_from_the_question_bank_records_the_approval(app, teacher):
    article_id = create(teacher)
    question = questions(app, article_id)[0]
    assert question.approved_by_id is None
    response = teacher.post(
        f"/admin/questions/{question.id}/status",
        data={"status": "published", "version": question.version},
    )
    assert response.status_code == 303
    with app.app_context():
        published = db.session.get(Question, question.id)
        assert published.status == "published"
        assert published.approved_by_id == user_id(app, "tess") and published.approved_at


# --- review finding 4: generation runs before the write transaction, not inside it ---------


@pytest.mark.parametrize("action", ["create", "revise"])
def test_generation_runs_before_the_first_write(app, teacher, monkeypatch, action):
    """A 187,000-character article held SQLite's write lock for 2.6 s while it was read: every
    other writer (students saving answers) waited. The generator now runs before any write."""
    from sqlalchemy import event

    from quizapp.services import articles

    writes, seen_at_generation = [], []

    def record(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            writes.append(statement)

    real_generate = articles.generate

    def generate(*args, **kwargs):
        seen_at_generation.append(len(writes))
        return real_generate(*args, **kwargs)

    article_id = create(teacher) if action == "revise" else None
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    monkeypatch.setattr(articles, "generate", generate)
    try:
        if action == "create":
            response = teacher.post("/admin/articles", data={"title": "T", "text": TEXT})
        else:
            edited = TEXT.replace("Kabul", "Kabul city", 1)
            response = teacher.post(f"/admin/articles/{article_id}/revise", data={"text": edited})
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert response.status_code == 303, response.text
    assert seen_at_generation == [0] and writes  # generated first, then written


def test_a_reports_second_half_is_saved_for_review_below_the_quiz(app, teacher):
    """The quiz of a news report comes from its first half; what it leaves out, the second
    half included, is still saved as drafts, scored below every quiz-ready one."""
    article_id = create(teacher)
    found = questions(app, article_id)
    ready = [q for q in found if "quiz_ready" in (q.generation_checks or [])]
    later = TEXT.index("Pakistan accuses the Taliban")  # the fourth of five paragraphs
    assert ready and all(q.source_start < later for q in ready)
    left = [q for q in found if q not in ready and q.source_start >= later]
    assert left, "drafts from the second half are kept for the teacher"
    assert max(q.generation_score for q in left) < min(q.generation_score for q in ready)
    page = teacher.get(f"/admin/articles/{article_id}").text
    assert "recommended for the quiz" in page
