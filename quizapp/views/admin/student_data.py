"""A student's data from their class page: export it, delete the student, or anonymise them."""

from flask import Response, abort, flash, redirect, url_for
from flask_login import current_user

from quizapp.forms.data_rights import AnonymiseStudentForm, DeleteStudentForm, confirmed
from quizapp.models import User, db
from quizapp.services import classes as classroom
from quizapp.services import data_rights
from quizapp.views.admin import bp
from quizapp.views.admin.classes import student_page


def _member(class_id: int, user_id: int) -> User:
    """The student, if they are in a class the current user teaches (admins: any); else 404."""
    classroom.class_for_teacher(current_user, class_id)
    if not classroom.is_member(class_id, user_id):
        abort(404)
    return db.get_or_404(User, user_id)


def _download(body, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.get("/classes/<id:class_id>/students/<id:user_id>/data.json")
def student_export_json(class_id: int, user_id: int):
    data = data_rights.student_data(_member(class_id, user_id))
    return _download(data_rights.as_json(data), "application/json", f"student-{user_id}.json")


@bp.get("/classes/<id:class_id>/students/<id:user_id>/data.zip")
def student_export_zip(class_id: int, user_id: int):
    data = data_rights.student_data(_member(class_id, user_id))
    return _download(data_rights.as_zip(data), "application/zip", f"student-{user_id}.zip")


def _act(class_id: int, user_id: int, form, form_name: str, action, done: str):
    """Check the typed username, then run `action` on the student: one transaction."""
    student = _member(class_id, user_id)
    field = form[f"confirm_{form_name.removesuffix('_form')}"]
    if not (form.validate_on_submit() and confirmed(field, student.username)):
        return student_page(class_id, user_id, status=422, **{form_name: form})
    try:
        action(student)
    except data_rights.DataRightsError as error:
        db.session.rollback()
        field.errors = [str(error)]
        return student_page(class_id, user_id, status=409, **{form_name: form})
    db.session.commit()
    flash(done, "success")
    return redirect(url_for("admin.class_detail", class_id=class_id), 303)


@bp.post("/classes/<id:class_id>/students/<id:user_id>/delete")
def student_delete(class_id: int, user_id: int):
    done = "Student deleted, with their attempts, answers and reports."
    form = DeleteStudentForm()
    return _act(class_id, user_id, form, "delete_form", data_rights.delete_student, done)


@bp.post("/classes/<id:class_id>/students/<id:user_id>/anonymise")
def student_anonymise(class_id: int, user_id: int):
    done = "Student anonymised: their attempts stay in the figures without their name."
    form = AnonymiseStudentForm()
    return _act(class_id, user_id, form, "anonymise_form", data_rights.anonymise_student, done)
