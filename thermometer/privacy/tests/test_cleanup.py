import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from thermometer.core import pending
from thermometer.privacy import cleanup, housekeeping
from thermometer.privacy.models import PurgeRecord


class _Session(dict):
    pass


def test_uploads_abandoned_at_the_preview_go_after_a_day(scan):
    key = pending.stash(_Session(), scan, {"responses": ("antwoorden.csv", b"id;q1\n1;2\n")})
    path = f"{pending.PREFIX}/{key}/responses"
    assert default_storage.exists(path)
    assert cleanup.abandoned_uploads() == []  # a preview being looked at stays
    later = timezone.now() + datetime.timedelta(days=2)
    assert cleanup.abandoned_uploads(later) == [path]
    assert cleanup.clean(later)["uploads"] == 1
    assert not default_storage.exists(path)


def test_an_upload_left_where_earlier_versions_stashed_it_goes_too():
    path = default_storage.save(
        f"{pending.EARLIER_PREFIXES[0]}/abc/structure", ContentFile(b"<document/>")
    )
    later = timezone.now() + datetime.timedelta(days=2)
    assert cleanup.abandoned_uploads(later) == [path]


def test_a_stash_is_taken_once_and_only_by_its_scan(scan, lead):
    from thermometer.testing import factories

    session = _Session()
    key = pending.stash(session, scan, {"file": ("f.csv", b"a;b\n")}, {"period": "2024"})
    other = factories.make_scan(lead=lead, title="Andere scan")
    assert pending.take(session, other, key) is None  # and the stash is spent
    key = pending.stash(session, scan, {"file": ("f.csv", b"a;b\n")}, {"period": "2024"})
    assert pending.take(session, scan, key) == ({"file": ("f.csv", b"a;b\n")}, {"period": "2024"})
    assert pending.take(session, scan, key) is None  # a double submit finds nothing
    assert pending.take(session, scan, "../../etc") is None


def test_a_newer_report_replaces_the_older_file_of_the_same_format(
    scan, django_capture_on_commit_callbacks
):
    old = scan.reports.create(format="pdf", fingerprint="a", status="done")
    old.file.save("oud.pdf", ContentFile(b"%PDF-1.7 oud"))
    new = scan.reports.create(format="pdf", fingerprint="b", status="done")
    new.file.save("nieuw.pdf", ContentFile(b"%PDF-1.7 nieuw"))
    html = scan.reports.create(format="html", fingerprint="a", status="done")
    busy = scan.reports.create(format="pdf", fingerprint="c", status="rendering")
    assert cleanup.superseded_reports() == [old]
    with django_capture_on_commit_callbacks(execute=True):
        done = housekeeping.run()
    assert done["reports"] == 1
    assert set(scan.reports.values_list("pk", flat=True)) == {new.pk, html.pk, busy.pk}
    assert not default_storage.exists(old.file.name) and default_storage.exists(new.file.name)
    assert PurgeRecord.objects.get(reason="cleanup").counts["reports"] == 1
