"""Fields shared by several forms."""

from wtforms import DateTimeLocalField, FieldList

from quizapp.core.digits import plain_int
from quizapp.core.times import (
    FIRST_YEAR,
    LAST_YEAR,
    OUT_OF_RANGE,
    from_local,
    is_typeable,
    to_local,
)
from quizapp.web.times import reader_zone, reader_zone_name


class LocalDateTimeField(DateTimeLocalField):
    """A date and time the reader types in their own time zone; `data` is naive UTC, the way
    every time is stored, and a stored value is shown back in the reader's zone. A year outside
    FIRST_YEAR to LAST_YEAR is refused beside the field (the browser's picker is told too)."""

    def __init__(self, *args, render_kw=None, **kwargs):
        limits = {"min": f"{FIRST_YEAR}-01-01T00:00", "max": f"{LAST_YEAR}-12-31T23:59"}
        super().__init__(*args, render_kw=limits | (render_kw or {}), **kwargs)

    @property
    def description(self) -> str:
        return f"{self._description} Times are in your time zone, {reader_zone_name()}.".strip()

    @description.setter
    def description(self, text: str) -> None:
        self._description = text

    def _value(self) -> str:
        if self.raw_data:
            return " ".join(self.raw_data)
        if not self.data:
            return ""
        return to_local(self.data, reader_zone()).strftime(self.format[0])

    def process_formdata(self, valuelist) -> None:
        super().process_formdata(valuelist)
        if self.data is None:
            return
        if not is_typeable(self.data):
            self.data = None
            raise ValueError(OUT_OF_RANGE)
        self.data = from_local(self.data, reader_zone())


class RowList(FieldList):
    """A FieldList that reads only rows numbered in plain digits (`choices-3-text`).

    WTForms takes any name whose number passes `str.isdigit()` and gives it to `int()`, so a
    tampered `choices-²-text` or a 5,000-digit row number was a server error; such a row is
    now ignored, like any other field the form does not have."""

    def _extract_indices(self, prefix, formdata):
        offset = len(prefix) + 1
        for name in formdata:
            if name.startswith(prefix):
                index = plain_int(name[offset:].split(self._field_separator, 1)[0])
                if index is not None:
                    yield index
