"""The LimeSurvey preview (the dry run) reads only: the importer's ``preview_limesurvey``
stores nothing; the upload waits in the file storage until it is confirmed."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thermometer.testing.queries import no_writes

DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "limesurvey"
COLORS = DATA / "limesurvey_core_testing" / "colors.lsa"


@pytest.mark.skipif(not COLORS.exists(), reason="shared/data/limesurvey is not present")
def test_the_preview_of_a_real_survey_writes_no_row(lead_client, scan):
    url = reverse("questionnaires:limesurvey", kwargs={"slug": scan.slug})
    upload = SimpleUploadedFile("colors.lsa", COLORS.read_bytes())
    with no_writes():
        page = lead_client.post(url, {"structure": upload, "layer": "inwoner"})
    assert "Voorbeeld: dit zou worden geïmporteerd" in page.text
    assert not scan.questionnaires.exists()
