"""The plain peer: the Flask tutorial's flaskr, its index page served to a logged-in user.

Taken at bench time from Flask's own source distribution (the version installed here) into the
bench's temporary folder, never kept in this repository; seeded with one user and 20 posts, and
served by `loadgen.serve` under the same gunicorn settings as quizapp and the floor.
"""

import subprocess
import sys
import tarfile
from importlib import metadata
from pathlib import Path

import requests

PASSWORD = "flaskr bench password"
POSTS = 20
SEED = f"""
from werkzeug.security import generate_password_hash
from flaskr import create_app
from flaskr.db import get_db, init_db

app = create_app()
with app.app_context():
    init_db()
    db = get_db()
    db.execute("INSERT INTO user (username, password) VALUES (?, ?)",
               ("teacher", generate_password_hash({PASSWORD!r})))
    body = "A paragraph of a post about the border, the talks and the refugees. " * 8
    for n in range({POSTS}):
        db.execute("INSERT INTO post (title, body, author_id) VALUES (?, ?, 1)",
                   (f"Post number {{n}}", body))
    db.commit()
"""


def fetch_tutorial(folder: Path) -> Path:
    """examples/tutorial from Flask's sdist (the installed version), unpacked under `folder`."""
    version = metadata.version("flask")
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-binary", ":all:",
         "--no-deps", f"flask=={version}", "-d", str(folder)],
        stderr=subprocess.DEVNULL,
        check=True,
    )  # fmt: skip
    archive = next(folder.glob("flask-*.tar.gz"))
    with tarfile.open(archive) as tar:
        members = [m for m in tar.getmembers() if "/examples/tutorial/" in m.name]
        tar.extractall(folder, members=members, filter="data")
    tutorial = next(folder.glob("flask-*/examples/tutorial"))
    subprocess.run([sys.executable, "-c", SEED], cwd=tutorial, check=True)
    return tutorial


def login_cookie(base: str) -> str:
    """The session cookie of the seeded user, logged in through flaskr's own form."""
    response = requests.post(
        base + "/auth/login",
        data={"username": "teacher", "password": PASSWORD},
        allow_redirects=False,
        timeout=10,
    )
    if response.status_code != 302:
        raise SystemExit(f"flaskr login failed: {response.status_code}")
    index = requests.get(base + "/", cookies=response.cookies, timeout=10)
    if "Log Out" not in index.text or index.text.count('<article class="post">') != POSTS:
        raise SystemExit("flaskr's index does not show the logged-in user and its 20 posts")
    return f"session={response.cookies['session']}"
