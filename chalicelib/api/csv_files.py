"""CSV as spreadsheet programs read it safely: UTF-8 with a byte order mark, formula-looking cells as text."""

import csv
import io
from collections.abc import Iterable, Sequence

# A cell that starts like a formula is run by spreadsheets; a leading apostrophe keeps it text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_BYTE_ORDER_MARK = "\ufeff"  # so that spreadsheet programs read the file as UTF-8
CSV_TYPE = "text/csv; charset=utf-8"


def csv_text(columns: Sequence[str], rows: Iterable[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({name: _as_text(value) for name, value in row.items()} for row in rows)
    return _BYTE_ORDER_MARK + buffer.getvalue()


def _as_text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value
