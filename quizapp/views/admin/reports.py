"""Teacher reports: item analysis per quiz, students' question reports, CSV exports."""

from flask import Response, flash, redirect, render_template, stream_with_context, url_for
from flask_login import current_user

from quizapp.models import QuestionReport, Quiz, db, utcnow
from quizapp.services import class_export
from quizapp.services import classes as classroom
from quizapp.services import reports as reporting
from quizapp.services.practice import schedule_released
from quizapp.services.release import quiz_keys_visible
from quizapp.services.release import release_answers as release
from quizapp.views.admin import bp
from quizapp.views.admin.quizzes import editable_quiz
from quizapp.web.ids import id_arg


@bp.get("/reports")
def reports():
    return render_template(
        "admin/reports/index.html",
        quizzes=reporting.quiz_overview(),
        classes=classroom.teacher_classes(current_user),
    )


@bp.get("/reports/quizzes/<id:quiz_id>")
def item_analysis(quiz_id: int):
    quiz = db.get_or_404(Quiz, quiz_id)
    class_id = id_arg("class")
    school_class = classroom.class_for_teacher(current_user, class_id) if class_id else None
    return render_template(
        "admin/reports/quiz.html",
        quiz=quiz,
        school_class=school_class,
        classes=classroom.teacher_classes(current_user),
        analysis=reporting.item_analysis(quiz.id, class_id),
        answers_out=quiz_keys_visible(quiz, utcnow()),
    )


@bp.post("/reports/quizzes/<id:quiz_id>/release")
def release_answers(quiz_id: int):
    quiz = editable_quiz(quiz_id)
    now = utcnow()
    if release(quiz, now):
        schedule_released(quiz, now)  # only attempts held back at submit, each once
        db.session.commit()
        flash("Answers released: students now see the keys in their reviews.", "success")
    else:
        flash("The answers were already released.", "info")
    return redirect(url_for("admin.item_analysis", quiz_id=quiz.id), 303)


@bp.get("/reports/questions")
def question_reports():
    return render_template("admin/reports/questions.html", reports=reporting.question_reports())


@bp.post("/reports/questions/<id:report_id>/resolve")
def resolve_report(report_id: int):
    report = db.get_or_404(QuestionReport, report_id)
    report.is_resolved = not report.is_resolved
    db.session.commit()
    flash("Report marked as dealt with." if report.is_resolved else "Report reopened.", "success")
    return redirect(url_for("admin.question_reports"), 303)


def _csv(filename: str, header: tuple, rows) -> Response:
    response = Response(
        stream_with_context(class_export.csv_lines(header, rows)), mimetype="text/csv"
    )
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.get("/classes/<id:class_id>/attempts.csv")
def export_attempts(class_id: int):
    classroom.class_for_teacher(current_user, class_id)
    rows = class_export.attempt_rows(class_id)
    return _csv(f"class-{class_id}-attempts.csv", class_export.ATTEMPT_HEADER, rows)


@bp.get("/classes/<id:class_id>/answers.csv")
def export_answers(class_id: int):
    classroom.class_for_teacher(current_user, class_id)
    rows = class_export.answer_rows(class_id)
    return _csv(f"class-{class_id}-answers.csv", class_export.ANSWER_HEADER, rows)
