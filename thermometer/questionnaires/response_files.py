"""A questionnaire's pseudonymised responses as a file, in each format the product offers.

The one path behind the download on the responses page and ``manage.py export_responses``.
"""

from .export import response_table, to_csv, to_xlsx

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "sav": "application/x-spss-sav",
}


def response_file(questionnaire, file_format: str) -> tuple[bytes, str]:
    """(content, content type); an unknown format gives the spreadsheet (xlsx)."""
    if file_format == "sav":
        from .spss_export import to_sav

        return to_sav(response_table(questionnaire, raw_answers=True)), FORMATS["sav"]
    table = response_table(questionnaire)
    if file_format == "csv":
        return to_csv(table), FORMATS["csv"]
    return to_xlsx(table), FORMATS["xlsx"]
