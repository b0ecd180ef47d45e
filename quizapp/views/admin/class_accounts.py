"""A teacher runs their class's accounts: one-time codes, accounts from a list of names, and
each student's extra time. Admins may do the same for any class.

A one-time code is shown once, in the response to the POST that made it, and never at a URL
that could show it again (the page is not stored: Cache-Control no-store).
"""

from flask import flash, render_template, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from quizapp.core.accommodations import Accommodation
from quizapp.forms.classes import AccommodationForm, AccountsForm
from quizapp.models import Membership, db, utcnow
from quizapp.services import account_resets as resets
from quizapp.services import classes as classroom
from quizapp.services.accommodations import set_accommodation
from quizapp.views.admin import bp
from quizapp.views.admin.classes import _class, _detail, _to_class

SENT_AGAIN = (
    "The class has changed since this page was opened: were these accounts made already? "
    "Check the list of students; to make them anyway, send the names again."
)


@bp.post("/classes/<id:class_id>/members/<id:user_id>/reset")
def reset_member_password(class_id: int, user_id: int):
    school_class = _class(class_id)
    student = resets.class_student(class_id, user_id)
    code = resets.reset_password(student, current_user, utcnow())
    db.session.commit()
    return render_template(
        "admin/classes/code.html", school_class=school_class, student=student, code=code
    )


@bp.post("/classes/<id:class_id>/accounts")
def create_accounts(class_id: int):
    school_class = _class(class_id)
    form = AccountsForm()
    if not form.validate_on_submit():
        return _detail(school_class, accounts_form=form, status=422)
    members = str(len(classroom.class_members(class_id)))
    if form.members_seen.data != members:
        form.names.errors.append(SENT_AGAIN)
        form.members_seen.data = members  # the page now shows the class as it is
        return _detail(school_class, accounts_form=form, status=409)
    cards = resets.create_accounts(class_id, form.name_list, current_user, utcnow())
    try:
        db.session.commit()
    except IntegrityError:  # someone took one of the usernames a moment ago
        db.session.rollback()
        form.names.errors.append("A username was taken meanwhile. Send the list again.")
        return _detail(school_class, accounts_form=form, status=409)
    return render_template(
        "admin/classes/cards.html",
        school_class=school_class,
        cards=cards,
        site=url_for("auth.login", _external=True),
    )


@bp.post("/classes/<id:class_id>/members/<id:user_id>/accommodation")
def set_member_accommodation(class_id: int, user_id: int):
    school_class = _class(class_id)
    student = resets.class_student(class_id, user_id)
    membership = db.session.scalar(
        select(Membership).where(Membership.class_id == class_id, Membership.user_id == user_id)
    )
    form = AccommodationForm()
    if not form.validate_on_submit():
        errors = [e for field in (form.kind, form.minutes) for e in field.errors]
        return _detail(school_class, accommodation_error=(user_id, errors), status=422)
    set_accommodation(membership, form.kind.data, form.minutes.data)
    db.session.commit()
    label = Accommodation(form.kind.data, form.minutes.data or 0).label
    flash(f"{student.username}: {label}. Attempts already started keep their time.", "success")
    return _to_class(class_id)
