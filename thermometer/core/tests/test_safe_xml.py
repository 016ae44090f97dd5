"""Every XML file the product reads goes through one parser that expands no entity:
hostile LimeSurvey and REFI-QDA files are refused at once with a Dutch reason."""

import resource
import time

import pytest

from thermometer.coding.refi import RefiError, import_codebook
from thermometer.core.safe_xml import UnsafeXML, parse
from thermometer.questionnaires.limesurvey.parse import LimeSurveyError, parse_lss

REPEATED = (
    b'<?xml version="1.0"?><!DOCTYPE document [<!ENTITY a "'
    + b"x" * 1000
    + b'">]><document><LimeSurveyDocType>Survey</LimeSurveyDocType><t>'
    + b"&a;" * 2_000_000
    + b"</t></document>"
)
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    + b"]><document>&lol9;</document>"
)
EXTERNAL = (
    b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b"<document>&x;</document>"
)


@pytest.mark.parametrize("data", [REPEATED, LAUGHS, EXTERNAL], ids=["repeated", "laughs", "xxe"])
def test_a_hostile_survey_file_is_refused_quickly_in_dutch(data):
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(LimeSurveyError, match="entiteiten"):
        parse_lss(data)
    assert time.perf_counter() - started < 2
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 100


def test_a_hostile_codebook_is_refused(scan):
    with pytest.raises(RefiError, match="entiteiten"):
        import_codebook(scan, EXTERNAL, user=scan.created_by)
    assert not scan.codes.filter(name="x").exists()


def test_ordinary_xml_still_reads_and_broken_xml_is_named():
    assert parse(b"<a><b>tekst</b></a>").findtext("b") == "tekst"
    with pytest.raises(UnsafeXML, match="geen geldige XML"):
        parse(b"<a><b></a>")
