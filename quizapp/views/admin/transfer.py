"""Import and export: Moodle GIFT and Moodle XML upload and download, CSV of the bank, JSON
backup and restore."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from quizapp.core.gift import GiftError
from quizapp.core.import_plan import counts, outcome_text
from quizapp.core.kinds import WITHOUT_GIFT
from quizapp.forms.questions import KIND_LABELS
from quizapp.forms.transfer import GiftExportForm, GiftImportForm, RestoreForm
from quizapp.models import Question, Topic, db, utcnow
from quizapp.services.backup import RestoreReport, backup_json, read_backup, restore
from quizapp.services.transfer import detect_format, import_questions
from quizapp.services.transfer_export import bank_csv, export_gift, export_moodle_xml
from quizapp.views.admin import bp


def _download(text: str, name: str, mimetype: str) -> Response:
    return Response(
        text, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def _topics() -> list[Topic]:
    return list(db.session.scalars(select(Topic).order_by(Topic.position, Topic.id)))


def _page(form=None, restore_form=None, outcome=None, restored=None, status: int = 200):
    export_form = GiftExportForm(formdata=None)
    export_form.set_topics(_topics())
    ordering = db.session.scalar(
        select(func.count())
        .select_from(Question)
        .where(Question.kind.in_(WITHOUT_GIFT), Question.status != "retired")
    )
    return render_template(
        "admin/gift/index.html",
        form=form or GiftImportForm(),
        restore_form=restore_form or RestoreForm(),
        outcome=outcome,
        restored=restored,
        export_form=export_form,
        ordering=ordering,
        kinds=KIND_LABELS,
        summary=_summary(outcome),
    ), status


def _summary(outcome) -> dict | None:
    if outcome is None or outcome.problems:
        return None
    return {"counts": counts(outcome.plan), "would": outcome_text(outcome.plan, done=False)}


def _skipped_note(outcome) -> str:
    lines = "; ".join(f"line {p.line}: {p.message}" for p in outcome.plan.skipped)
    return f" Skipped {len(outcome.plan.skipped)}: {lines}" if lines else ""


@bp.get("/gift")
def gift():
    return _page()


@bp.post("/gift/import")
def gift_import():
    form = GiftImportForm()
    if not form.validate_on_submit():
        return _page(form, status=422)
    upload = form.file.data
    try:
        outcome = import_questions(
            upload.read(),
            current_user.id,
            fmt=detect_format(upload.filename or ""),
            publish=form.publish.data,
            dry_run=form.dry_run.data,
            on_existing=form.on_existing.data,
            filename=upload.filename or "",
        )
    except GiftError as error:
        form.file.errors = [str(error)]
        return _page(form, status=422)
    if outcome.problems or form.dry_run.data:
        return _page(form, outcome=outcome, status=422 if outcome.problems else 200)
    db.session.commit()
    flash(outcome_text(outcome.plan, done=True) + _skipped_note(outcome), "success")
    return redirect(url_for("admin.questions", origin="imported"), 303)


@bp.get("/gift/export")
def gift_export():
    form = GiftExportForm(request.args)
    form.set_topics(_topics())
    if not form.validate():
        abort(404)
    slug = form.topic.data
    topic = db.session.scalar(select(Topic).where(Topic.slug == slug)) if slug else None
    if form.format.data == "xml":
        xml = export_moodle_xml(topic).text
        return _download(xml, f"quizapp-{slug or 'all'}.xml", "application/xml")
    return _download(export_gift(topic).text, f"quizapp-{slug or 'all'}.gift", "text/plain")


@bp.get("/questions.csv")
def questions_csv():
    return _download(bank_csv(), f"quizapp-questions-{utcnow():%Y%m%d}.csv", "text/csv")


@bp.get("/backup.json")
def backup():
    return _download(
        backup_json(), f"quizapp-question-bank-{utcnow():%Y%m%d-%H%M}.json", "application/json"
    )


@bp.post("/restore")
def restore_backup():
    if not current_user.is_admin:
        abort(403)  # a restore overwrites everyone's questions
    form = RestoreForm()
    if not form.validate_on_submit():
        return _page(restore_form=form, status=422)
    doc = read_backup(form.backup.data.read())
    report = doc if isinstance(doc, RestoreReport) else restore(doc)
    if report.problems:
        db.session.rollback()
        return _page(restore_form=form, restored=report, status=422)
    db.session.commit()
    flash(f"Question bank restored: {report.created} created, {report.updated} updated.", "success")
    return redirect(url_for("admin.gift"), 303)
