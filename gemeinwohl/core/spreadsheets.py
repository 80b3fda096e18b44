"""Tables as files for spreadsheet programs: CSV for German Excel (UTF-8 with BOM, semicolons) and XLSX.

Every app that exports a table uses these, so that every file is guarded the
same way against formula injection: a text cell never runs as a formula.
Numbers stay numbers (in XLSX as numeric cells, in CSV with a decimal comma
when the file is written in German).
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse
from django.utils.formats import number_format
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Sheet:
    """One table of a file: a title (the sheet's name in XLSX), a header row and the rows."""

    title: str
    header: list[str]
    rows: Iterable[list]


def _starts_like_formula(value: str) -> bool:
    """Starts like a formula, also behind apostrophes: marking those too keeps a value
    such as "'=1" from losing its own apostrophe on the way back in."""
    return value.lstrip("'").startswith(FORMULA_PREFIXES)


def protect_cell(value: str) -> str:
    """Keep spreadsheet programs from running a cell as a formula (CSV injection)."""
    return "'" + value if _starts_like_formula(value) else value


def unprotect_cell(value: str) -> str:
    """Undo ``protect_cell`` on import."""
    if value.startswith("'") and _starts_like_formula(value[1:]):
        return value[1:]
    return value


def _is_number(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _csv_text(value) -> str:
    if isinstance(value, float | Decimal):
        # In the active language's notation: German Excel reads "2,5" as a number, "2.5" as a date.
        return number_format(value)
    if _is_number(value):
        return str(value)
    return protect_cell(str(value))


def csv_response(filename: str, sheets: list[Sheet]) -> HttpResponse:
    """``filename.csv`` as an attachment.

    One sheet is a plain table (the address book imports it again); several
    follow one another, each under a line with its title, a blank line between.
    """
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so that Excel reads UTF-8
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for number, sheet in enumerate(sheets):
        if len(sheets) > 1:
            if number:
                writer.writerow([])
            writer.writerow([protect_cell(sheet.title)])
        writer.writerow([protect_cell(name) for name in sheet.header])
        for row in sheet.rows:
            writer.writerow([_csv_text(value) for value in row])
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def _xlsx_cell(sheet, value) -> WriteOnlyCell:
    if _is_number(value):
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, float | Decimal):
            cell.number_format = "0.0"
        return cell
    # Control characters (pasted along with a text) are not allowed in a workbook at all.
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", str(value)))
    cell.data_type = "s"  # text, never a formula
    return cell


def _xlsx_heading(sheet, header: list[str]) -> list[WriteOnlyCell]:
    bold = Font(bold=True)
    heading = []
    for name in header:
        cell = _xlsx_cell(sheet, name)
        cell.font = bold
        heading.append(cell)
    return heading


def xlsx_response(filename: str, sheets: list[Sheet]) -> HttpResponse:
    """``filename.xlsx`` as an attachment, one worksheet per sheet."""
    workbook = Workbook(write_only=True)
    for table in sheets:
        # Excel allows 31 characters and none of []:*?/\ in a sheet's name.
        sheet = workbook.create_sheet(title=table.title.translate(str.maketrans("[]:*?/\\", "()-----"))[:31])
        sheet.append(_xlsx_heading(sheet, table.header))
        for row in table.rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
