"""Teachers' classes: create one, share its join code, assign quizzes, read the gradebook."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import delete

from quizapp.core.accommodations import KINDS, LABELS, Accommodation
from quizapp.core.classes import display_join_code
from quizapp.core.review import review_item
from quizapp.forms.classes import AccountsForm, AssignForm, ClassForm, JoinCodeForm
from quizapp.forms.data_rights import AnonymiseStudentForm, DeleteStudentForm
from quizapp.models import Assignment, Membership, SchoolClass, User, db, utcnow
from quizapp.services import classes as classroom
from quizapp.services.accommodations import class_accommodations
from quizapp.services.account_resets import reset_log
from quizapp.services.pagination import page_number
from quizapp.services.progress import attempts_page, student_progress, submitted_attempt
from quizapp.views.admin import bp
from quizapp.web.times import reader_zone

PAST_DUE = (
    "That due date has already passed: students who have not taken the quiz show as missing "
    "in the gradebook. Assign it again with a later date if that was a slip."
)


def _class(class_id: int) -> SchoolClass:
    return classroom.class_for_teacher(current_user, class_id)


def _to_class(class_id: int):
    return redirect(url_for("admin.class_detail", class_id=class_id), 303)


@bp.get("/classes")
def classes(form: ClassForm | None = None, status: int = 200):
    return render_template(
        "admin/classes/index.html",
        classes=classroom.teacher_classes(current_user),
        form=form or ClassForm(),
    ), status


@bp.post("/classes")
def create_class():
    form = ClassForm()
    if not form.validate_on_submit():
        return classes(form, 422)
    code, expires_at = classroom.fresh_join_code(utcnow(), form.valid_days.data)
    new = SchoolClass(
        name=form.name.data,
        teacher_id=current_user.id,
        join_code=code,
        join_code_expires_at=expires_at,
    )
    db.session.add(new)
    db.session.commit()
    flash(f"Class created. Its join code is {display_join_code(code)}.", "success")
    return _to_class(new.id)


def class_accounts_context(
    class_id: int, members: int, accounts_form=None, accommodation_error=None
) -> dict:
    """What the class page's students section shows besides the list of members."""
    if accounts_form is None:
        accounts_form = AccountsForm(members_seen=str(members))
    return {
        "accounts_form": accounts_form,
        "accommodations": class_accommodations(class_id),
        "no_accommodation": Accommodation(),
        "accommodation_kinds": [(k, LABELS[k]) for k in KINDS],
        "accommodation_error": accommodation_error or (None, []),
        "resets": reset_log(class_id, limit=20),
    }


def _detail(
    school_class: SchoolClass, assign_form=None, code_form=None, status: int = 200, **accounts
):
    assign_form = assign_form or AssignForm()
    assign_form.quiz.choices = classroom.assignable_quizzes()
    members = classroom.class_members(school_class.id)
    return render_template(
        "admin/classes/detail.html",
        school_class=school_class,
        code=display_join_code(school_class.join_code),
        is_expired=school_class.join_code_expires_at is not None
        and school_class.join_code_expires_at <= utcnow(),
        join_url=url_for("classes.join", code=school_class.join_code, _external=True),
        members=members,
        assignments=classroom.class_assignments(school_class.id),
        assign_form=assign_form,
        code_form=code_form or JoinCodeForm(),
        **class_accounts_context(school_class.id, len(members), **accounts),
    ), status


@bp.get("/classes/<id:class_id>")
def class_detail(class_id: int):
    return _detail(_class(class_id))


@bp.post("/classes/<id:class_id>/code")
def renew_code(class_id: int):
    school_class = _class(class_id)
    form = JoinCodeForm()
    if not form.validate_on_submit():
        return _detail(school_class, code_form=form, status=422)
    school_class.join_code, school_class.join_code_expires_at = classroom.fresh_join_code(
        utcnow(), form.valid_days.data
    )
    db.session.commit()
    flash(f"New join code: {display_join_code(school_class.join_code)}.", "success")
    return _to_class(class_id)


@bp.post("/classes/<id:class_id>/assignments")
def assign(class_id: int):
    school_class = _class(class_id)
    form = AssignForm()
    form.quiz.choices = classroom.assignable_quizzes()
    if not form.validate_on_submit():
        return _detail(school_class, assign_form=form, status=422)
    is_new = classroom.assign_quiz(class_id, form.quiz.data, form.due_at.data)
    db.session.commit()
    flash("Quiz assigned." if is_new else "Due date changed.", "success")
    if form.due_at.data is not None and form.due_at.data < utcnow():
        flash(PAST_DUE, "info")
    return _to_class(class_id)


@bp.post("/classes/<id:class_id>/assignments/<id:assignment_id>/delete")
def unassign(class_id: int, assignment_id: int):
    _class(class_id)
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None or assignment.class_id != class_id:
        abort(404)
    db.session.delete(assignment)
    db.session.commit()
    flash("Assignment removed. Attempts already made are kept.", "success")
    return _to_class(class_id)


@bp.post("/classes/<id:class_id>/members/<id:user_id>/delete")
def remove_member(class_id: int, user_id: int):
    _class(class_id)
    removed = db.session.execute(
        delete(Membership).where(Membership.class_id == class_id, Membership.user_id == user_id)
    ).rowcount
    if not removed:
        abort(404)
    db.session.commit()
    flash("Student removed from the class. Their attempts are kept.", "success")
    return _to_class(class_id)


@bp.get("/classes/<id:class_id>/gradebook")
def gradebook(class_id: int):
    school_class = _class(class_id)
    book = classroom.gradebook(class_id, utcnow())
    sort, rows = classroom.sorted_gradebook(book, request.args.get("sort"), request.args.get("dir"))
    return render_template(
        "admin/classes/gradebook.html", school_class=school_class, book=book, sort=sort, rows=rows
    )


@bp.get("/classes/<id:class_id>/students/<id:user_id>")
def class_student(class_id: int, user_id: int):
    return student_page(class_id, user_id)


@bp.get("/classes/<id:class_id>/students/<id:user_id>/attempts/<id:attempt_id>")
def class_student_attempt(class_id: int, user_id: int, attempt_id: int):
    """A student's submitted attempt as the teacher sees it: every answer beside the key."""
    school_class = _class(class_id)
    attempt = submitted_attempt(user_id, attempt_id)
    if attempt is None or not classroom.is_member(class_id, user_id):
        abort(404)
    return render_template(
        "admin/classes/attempt.html",
        school_class=school_class,
        student=db.session.get(User, user_id),
        attempt=attempt,
        rows=[(item, review_item(item.snapshot, item.response)) for item in attempt.items],
    )


def student_page(class_id: int, user_id: int, status: int = 200, **forms):
    """A student's page in a class; `forms` are the data-rights forms to show (with errors)."""
    school_class = _class(class_id)
    if not classroom.is_member(class_id, user_id):
        abort(404)
    student = db.session.get(User, user_id)
    attempts = attempts_page(
        user_id, page_number(request.args.get("page")), current_app.config["PAGE_SIZE"]
    )
    return render_template(
        "admin/classes/student.html",
        school_class=school_class,
        student=student,
        progress=student_progress(
            user_id, f"Scores of {student.username} over time", where=reader_zone()
        ),
        attempts=attempts.items,
        page=attempts.page,
        pages=attempts.pages,
        delete_form=forms.get("delete_form") or DeleteStudentForm(),
        anonymise_form=forms.get("anonymise_form") or AnonymiseStudentForm(),
    ), status
