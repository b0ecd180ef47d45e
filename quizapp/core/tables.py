"""Sortable tables: read a sort from the query string (bad values fall back) and sort rows."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Sort:
    """The column a table is sorted by and in which direction."""

    column: str
    descending: bool = False

    def aria(self, column: str) -> str:
        """The `aria-sort` value of `column`'s header."""
        if column != self.column:
            return "none"
        return "descending" if self.descending else "ascending"

    def next_direction(self, column: str) -> str:
        """The direction a click on `column`'s header asks for: the other one if sorted by it."""
        return "asc" if column != self.column or self.descending else "desc"


def read_sort(
    column: str | None, direction: str | None, columns: Iterable[str], default: Sort
) -> Sort:
    """The sort asked for, or `default` when the column is unknown (any direction but "desc"
    is ascending)."""
    if column not in set(columns):
        return default
    return Sort(column, direction == "desc")


def sorted_rows(rows: Sequence, key: Callable[[Any], Any], descending: bool) -> list:
    """`rows` sorted by `key`; rows whose key is None come last in both directions."""
    present = [row for row in rows if key(row) is not None]
    missing = [row for row in rows if key(row) is None]
    return sorted(present, key=key, reverse=descending) + missing
