"""One way to page through a query, for every paginated page: the page number asked for is
clamped to the pages there are, so ?page=99999 shows the last page and ?page=0 the first."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select

from quizapp.models import db

MAX_PAGE = 10**9  # keeps LIMIT/OFFSET in range whatever number is asked for


@dataclass(frozen=True)
class Page:
    items: list[Any]
    page: int  # 1 … pages
    pages: int  # at least 1, even with nothing to show
    total: int


def page_number(text: str | None) -> int:
    """The page a `?page=` value asks for: its number (clamped later by `paginate`), or 1 when
    it is not a plain number."""
    text = (text or "").strip()
    if not (text.isascii() and text.isdigit()):
        return 1
    return MAX_PAGE if len(text) > len(str(MAX_PAGE)) else min(int(text), MAX_PAGE)


def paginate(query: Select, page: int, per_page: int) -> Page:
    """One page of `query` (a select of one entity, ordered), `page` clamped to 1 … the last.

    The rows carry the total as a window count, so a page that exists costs one query; only a
    page past the end costs a count and a second fetch."""
    page = min(max(page, 1), MAX_PAGE)
    rows = _rows(query, page, per_page)
    if rows:
        total = rows[0][1]
    else:
        total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
        if not total:
            return Page([], 1, 1, 0)
        page = _pages(total, per_page)
        rows = _rows(query, page, per_page)
    return Page([row[0] for row in rows], page, _pages(total, per_page), total)


def _rows(query: Select, page: int, per_page: int) -> list:
    paged = query.add_columns(func.count().over()).limit(per_page).offset((page - 1) * per_page)
    return list(db.session.execute(paged).all())


def _pages(total: int, per_page: int) -> int:
    return max(1, -(-total // per_page))
