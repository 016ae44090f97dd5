from django.db import models


class AnalysisResult(models.Model):
    """A scan's computed analysis, kept until its inputs change (see ``services``)."""

    scan = models.OneToOneField("scans.Scan", on_delete=models.CASCADE, related_name="analysis")
    fingerprint = models.CharField(max_length=300)
    data = models.JSONField()
    computed_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"analysis of {self.scan_id}"
