"""The import report as lines of text, for the management command (the web page shows
the same report through its template)."""

from django.utils.translation import gettext as _

from .importer import ImportReport


def summary_lines(report: ImportReport, *, preview: bool) -> list[str]:
    q = report.questionnaire
    lines = [
        _("Questionnaire: %(name)s") % {"name": q.name if q else "—"},
        (
            _("Questions read: %(read)d; would become questions of the scan: %(made)d.")
            if preview
            else _("Questions read: %(read)d; taken over as questions: %(made)d.")
        )
        % {"read": report.questions_read, "made": report.items_created},
    ]
    lines += [f"  {line}" for line in report.notes + report.skipped]
    if report.responses_read:
        lines.append(
            (
                _("Responses read: %(read)d; would be imported: %(new)d; imported before: %(old)d.")
                if preview
                else _("Responses read: %(read)d; imported: %(new)d; imported before: %(old)d.")
            )
            % {
                "read": report.responses_read,
                "new": report.responses_imported,
                "old": report.responses_duplicate,
            }
        )
    if report.not_taken_columns:
        lines.append(
            _("Columns of the survey that are not taken over: %(columns)s")
            % {"columns": ", ".join(report.not_taken_columns)}
        )
    return lines
