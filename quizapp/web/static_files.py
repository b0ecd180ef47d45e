"""Static files under fingerprinted names, cached for a year, gzipped once, on first use.

The static folder is small (a stylesheet, a map, an icon), so the fingerprinted files are kept
in memory.

`url_for('static', filename='style.css')` gives `/static/style.<hash>.css`, where the hash is
taken from the file's bytes: a changed file gets a new URL, so browsers may keep every URL
forever (`immutable`). Plain names still work, revalidated as before. Text files (CSS, SVG, JS)
are compressed once rather than on every request; the folder is read on the first URL or
request for a static file, not at start-up (a command such as `flask --help` never reads it).
Debug mode keeps plain URLs, so an edited stylesheet shows on reload.
"""

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flask import Flask, Response, current_app, request

YEAR = 365 * 24 * 3600
COMPRESSIBLE = {".css", ".svg", ".js", ".json", ".txt"}
MIN_GZIP_BYTES = 1024


@dataclass(frozen=True)
class Fingerprinted:
    name: str  # the real file, relative to the static folder
    mimetype: str
    digest: str
    data: bytes
    gzipped: bytes | None


def init_static_files(app: Flask) -> None:
    if app.debug or not app.static_folder or not Path(app.static_folder).is_dir():
        return
    folder = Path(app.static_folder)

    @cache
    def files() -> dict[str, Fingerprinted]:
        return _scan(folder)

    @cache
    def urls() -> dict[str, str]:
        return {entry.name: url_name for url_name, entry in files().items()}

    app.extensions["quizapp.web.static_files"] = files

    def fingerprint_url(endpoint: str, values: dict) -> None:
        if endpoint == "static" and values.get("filename") in urls():
            values["filename"] = urls()[values["filename"]]

    app.url_defaults(fingerprint_url)
    app.view_functions["static"] = serve_static


def _scan(folder: Path) -> dict[str, Fingerprinted]:
    files = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()[:12]
        name = path.relative_to(folder).as_posix()
        url_name = str(Path(name).with_suffix(f".{digest}{path.suffix}").as_posix())
        gzipped = None
        if path.suffix in COMPRESSIBLE and len(data) >= MIN_GZIP_BYTES:
            gzipped = gzip.compress(data, compresslevel=9, mtime=0)
        mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
        files[url_name] = Fingerprinted(name, mimetype, digest, data, gzipped)
    return files


def serve_static(filename: str):
    """The static view: fingerprinted names get a year of caching, and gzip when accepted."""
    entry = current_app.extensions["quizapp.web.static_files"]().get(filename)
    if entry is None:
        return current_app.send_static_file(filename)
    if entry.gzipped is not None and "gzip" in request.accept_encodings:
        response = Response(entry.gzipped, mimetype=entry.mimetype)
        response.headers["Content-Encoding"] = "gzip"
        response.set_etag(entry.digest + "-gzip")
    else:
        response = Response(entry.data, mimetype=entry.mimetype)
        response.set_etag(entry.digest)
    if entry.gzipped is not None:
        response.vary.add("Accept-Encoding")
    response.cache_control.public = True
    response.cache_control.max_age = YEAR
    response.cache_control.immutable = True
    return response.make_conditional(request)
