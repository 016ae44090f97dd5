"""The history reads as Dutch prose: counts with the right plural, dates written out."""

from thermometer.audit.events import record


def test_a_count_of_one_reads_singular_and_a_date_is_written_out(scan, lead):
    one = record("invitations_created", user=lead, scan=scan, count=1, name="Inwoners")
    many = record("invitations_created", user=lead, scan=scan, count=12, name="Inwoners")
    noted = record("discussion_noted", user=lead, scan=scan, date="2026-11-30")
    assert "1 persoonlijke link gemaakt" in str(one)
    assert "12 persoonlijke links gemaakt" in str(many)
    assert str(noted).endswith("van 30 november 2026.")
