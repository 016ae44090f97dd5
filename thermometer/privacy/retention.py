"""How long a scan keeps personal data: its retention period (months, from the method
by default, changed in the scan's settings) counted from its start date."""

import calendar
import datetime


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` plus ``months`` calendar months; the 31st becomes the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def retention_ends(scan) -> datetime.date:
    """The day the scan's personal data is deleted or made anonymous."""
    return add_months(scan.start_date, scan.retention_months)


def due(scans, today: datetime.date) -> list:
    """The scans of ``scans`` whose retention has ended and whose data was not purged yet."""
    return [
        scan
        for scan in scans.filter(personal_data_purged_at__isnull=True)
        if retention_ends(scan) <= today
    ]
