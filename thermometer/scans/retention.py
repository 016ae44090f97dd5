"""How long a scan keeps personal data: its retention period (months, from the method
by default, changed in the scan's settings) counted from its start date. The purge when
it ends is the privacy app's (``privacy.housekeeping``)."""

import datetime

from thermometer.core.periods import add_months


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
