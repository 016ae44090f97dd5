"""The one way the product parses XML it is given (LimeSurvey, REFI-QDA).

No entity is expanded and no DTD or network resource is loaded; a file that declares
entities at all is refused before parsing — the files these tools write never do, and
one internal entity repeated millions of times would take a web worker's memory. The
size of what is parsed is bounded by the upload limits."""

import re

from django.utils.translation import gettext as _
from lxml import etree

DECLARES_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


class UnsafeXML(ValueError):
    """The message is Dutch and meant for the user."""


def parse(data: bytes):
    """The root element of ``data`` (lxml), or ``UnsafeXML`` with the reason."""
    if DECLARES_ENTITY.search(data):
        raise UnsafeXML(_("The file declares XML entities; for safety such a file is not read."))
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise UnsafeXML(_("The file is not valid XML (%(error)s).") % {"error": error}) from None
