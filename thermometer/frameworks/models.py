import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import Direction, ItemStatus, Level


class FrameworkItem(models.Model):
    """A value, transformation, result or criterion of the council's steering framework,
    proposed from the documents, in a work session or by the adviser."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    scan = models.ForeignKey("scans.Scan", on_delete=models.CASCADE, related_name="framework")
    level = models.CharField(max_length=15, choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    text = models.CharField(_("text"), max_length=300)
    description = models.TextField(_("explanation or examples"), blank=True)
    status = models.CharField(
        max_length=10, choices=ItemStatus.choices, default=ItemStatus.PROPOSED
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged"
    )
    # Where it came from: a quote of an adopted document, or a session device.
    quote = models.TextField(blank=True)
    source_title = models.CharField(max_length=300, blank=True)
    session = models.ForeignKey(
        "live.LiveSession", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    device = models.ForeignKey(
        "live.LiveParticipant", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    order = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.text


class ItemVote(models.Model):
    item = models.ForeignKey(FrameworkItem, on_delete=models.CASCADE, related_name="votes")
    device = models.ForeignKey("live.LiveParticipant", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "device"], name="one_dot_per_item_and_device")
        ]

    def __str__(self):
        return f"dot {self.device_id} on {self.item_id}"


class Indicator(models.Model):
    """How a criterion is measured: definition, unit, source, norm and frequency."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    criterion = models.ForeignKey(
        FrameworkItem, on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(_("definition"))
    unit = models.CharField(_("unit"), max_length=50)
    source = models.CharField(_("data source"), max_length=30)
    norm = models.DecimalField(_("norm"), max_digits=14, decimal_places=3, null=True, blank=True)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    frequency = models.CharField(_("frequency"), max_length=15)
    # For CBS open data: the StatLine table and measure key.
    cbs_table = models.CharField(_("CBS table"), max_length=20, blank=True)
    cbs_measure = models.CharField(_("CBS measure"), max_length=80, blank=True)
    cbs_region_dimension = models.CharField(max_length=30, blank=True, default="RegioS")
    # Most tables have a "Perioden" dimension; a table of one year (like the Kerncijfers
    # wijken en buurten) has none, and then ``cbs_period`` says which period it is.
    cbs_period_dimension = models.CharField(max_length=30, blank=True, default="Perioden")
    cbs_period = models.CharField(max_length=10, blank=True)
    # For source "finances": which of the scan's financial series (finances.series.KEYS).
    finance_series = models.CharField(_("financial figure"), max_length=30, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.name


class Measurement(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    period = models.CharField(_("period"), max_length=10)  # canonical code: 2025, 2025-Q3, …
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    note = models.CharField(_("note"), max_length=300, blank=True)
    origin = models.CharField(max_length=10)  # typed, import, cbs
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"], name="one_measurement_per_period"
            )
        ]

    def __str__(self):
        return f"{self.indicator_id} {self.period}: {self.value}"


class Decision(models.Model):
    """The council's decision on the framework."""

    scan = models.OneToOneField("scans.Scan", on_delete=models.CASCADE, related_name="decision")
    decided_on = models.DateField(_("decided on"))
    reference = models.CharField(_("decision reference"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def __str__(self):
        return f"{self.scan_id} {self.decided_on}"


class PeerValue(models.Model):
    """The value of another municipality for one of the scan's indicators, from a national
    file, for comparison beside the scan's own measurements."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="peer_values")
    municipality_code = models.CharField(_("CBS code"), max_length=6)
    municipality_name = models.CharField(_("municipality"), max_length=100)
    period = models.CharField(_("period"), max_length=10)  # canonical code, as Measurement
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    note = models.CharField(_("note"), max_length=300, blank=True)
    source = models.CharField(_("source file"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["period", "municipality_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "municipality_code", "period"],
                name="one_peer_value_per_municipality_and_period",
            )
        ]

    def __str__(self):
        return f"{self.indicator_id} {self.municipality_code} {self.period}: {self.value}"
