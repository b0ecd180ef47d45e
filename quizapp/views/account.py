"""The account page: the reader's time zone (and the way to the password change).

Routes live on the auth blueprint. A browser with JavaScript guesses the zone once
(static/timezone.js) for a user who has none; a zone the user chose is never replaced.
"""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from quizapp.core.times import zone, zone_names
from quizapp.forms.auth import TimezoneForm
from quizapp.models import db
from quizapp.views.auth import bp
from quizapp.web.times import school_zone


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    form = TimezoneForm(data={"timezone": current_user.timezone or ""})
    if form.validate_on_submit():
        current_user.timezone = form.timezone.data or None
        db.session.commit()
        shown = current_user.timezone or f"the school's, {school_zone().key}"
        flash(f"Saved. Times are now shown in {shown}.", "success")
        return redirect(url_for("auth.account"), 303)
    status = 422 if form.errors else 200
    return render_template("auth/account.html", form=form, zone_names=zone_names()), status


@bp.post("/account/timezone-guess")
@login_required
def guess_timezone():
    """The browser's zone, sent once by static/timezone.js; 204 whether used or not."""
    name = request.form.get("timezone", "")
    if zone(name) is None:
        return {"error": "Not a time zone quizapp knows."}, 422
    if current_user.timezone is None:
        current_user.timezone = name
        db.session.commit()
    return "", 204
