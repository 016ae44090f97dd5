"""REFI-QDA projects built the way QualCoder, ATLAS.ti and MAXQDA write them (fictional
text), for the import tests. Each mimics its tool's habits that depart from the plain
schema: folder and file name spelling, CRLF text, inline text, braces in GUIDs, short
colours, missing attributes, PDF representations, empty <Sets/>.
"""

import io
import zipfile

INTERVIEW = (
    "Interview wijkteam (fictief)\r\n\r\n"
    "Wij willen dat inwoners zelf de regie houden over hun onder-\r\n"
    "steuning. De wachttijd voor hulp is nu te lang.\r\n\r\n"
    "Het wijkteam werkt samen met de huisarts en de school.\r\n"
)
REGIE = "zelf de regie houden over hun onder-\r\nsteuning"
OVER_TWO = "te lang.\r\n\r\nHet wijkteam"

HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'
NS = 'xmlns="urn:QDA-XML:project:1.0"'


def archive(qde: str, files: dict, *, qde_name="project.qde", folder="Sources") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr(qde_name, qde.encode("utf-8"))
        for name, data in files.items():
            zipped.writestr(f"{folder}/{name}", data)
    return out.getvalue()


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def qualcoder() -> bytes:
    """QualCoder 3: lower-case sources folder, CRLF text, two coders on one span, a code
    memo by NoteRef, variables it writes and a scan cannot keep."""
    a, b = span(INTERVIEW, REGIE)
    c, d = span(INTERVIEW, OVER_TWO)
    qde = f"""{HEAD}<Project {NS} name="Wijkteam" origin="QualCoder 3.5">
 <Users><User guid="11111111-1111-4111-8111-111111111111" name="Anna de Vries"/>
  <User guid="22222222-2222-4222-8222-222222222222" name="Bram Jansen"/></Users>
 <CodeBook><Codes>
  <Code guid="AAAAAAAA-0000-4000-8000-000000000001" name="Regie" isCodable="true" color="#1f5fa6">
   <Description>Inwoners houden zelf de regie</Description>
   <NoteRef targetGUID="CCCCCCCC-0000-4000-8000-000000000001"/>
   <Code guid="AAAAAAAA-0000-4000-8000-000000000002" name="Eigen kracht" isCodable="true"
    color="#6b3fa0"/>
  </Code>
  <Code guid="AAAAAAAA-0000-4000-8000-000000000003" name="Wachttijd" isCodable="true"
   color="#9a4d00"/>
 </Codes></CodeBook>
 <Variables><Variable guid="DDDDDDDD-0000-4000-8000-000000000001" name="leeftijd"
   typeOfVariable="Integer"/></Variables>
 <Sources>
  <TextSource guid="BBBBBBBB-0000-4000-8000-000000000001" name="Interview wijkteam.txt"
   plainTextPath="internal://BBBBBBBB-0000-4000-8000-000000000001.txt">
   <PlainTextSelection guid="EEEEEEEE-0000-4000-8000-000000000001" startPosition="{a}"
    endPosition="{b}" creatingUser="11111111-1111-4111-8111-111111111111">
    <Coding guid="FFFFFFFF-0000-4000-8000-000000000001"
     creatingUser="11111111-1111-4111-8111-111111111111">
     <CodeRef targetGUID="AAAAAAAA-0000-4000-8000-000000000002"/></Coding>
   </PlainTextSelection>
   <PlainTextSelection guid="EEEEEEEE-0000-4000-8000-000000000002" startPosition="{a}"
    endPosition="{b}" creatingUser="22222222-2222-4222-8222-222222222222">
    <Coding guid="FFFFFFFF-0000-4000-8000-000000000002"
     creatingUser="22222222-2222-4222-8222-222222222222">
     <CodeRef targetGUID="AAAAAAAA-0000-4000-8000-000000000002"/></Coding>
   </PlainTextSelection>
   <PlainTextSelection guid="EEEEEEEE-0000-4000-8000-000000000003" startPosition="{c}"
    endPosition="{d}" creatingUser="22222222-2222-4222-8222-222222222222">
    <Description>Loopt over twee alinea's</Description>
    <Coding guid="FFFFFFFF-0000-4000-8000-000000000003"
     creatingUser="22222222-2222-4222-8222-222222222222">
     <CodeRef targetGUID="AAAAAAAA-0000-4000-8000-000000000003"/></Coding>
   </PlainTextSelection>
  </TextSource>
 </Sources>
 <Notes><Note guid="CCCCCCCC-0000-4000-8000-000000000001" name="Over regie"
   creatingUser="11111111-1111-4111-8111-111111111111">
   <PlainTextContent>Regie komt in elk interview terug.</PlainTextContent></Note></Notes>
 <Sets/>
</Project>"""
    files = {"BBBBBBBB-0000-4000-8000-000000000001.txt": INTERVIEW.encode("utf-8")}
    return archive(qde, files, folder="sources")


PDF_TEXT = (
    "Beleidsplan sociaal domein (fictief). De gemeente wil dat inwoners snel passende "
    "hulp krijgen, dichtbij huis en in samenwerking met de huisarts."
)


def pdf_bytes() -> bytes:
    from weasyprint import HTML

    return HTML(
        string=f"<html><body style='font-family: DejaVu Sans'><h1>Beleidsplan</h1>"
        f"<p>{PDF_TEXT}</p></body></html>"
    ).write_pdf()


def atlas_ti() -> bytes:
    """ATLAS.ti 23: project.qde with a PDF whose representation text the tool wrote
    itself (other line breaks than the product's reading), a text-carrying and a bare
    PDF region, links and graphs, sets of codes and sources."""
    representation = "Beleidsplan\n" + PDF_TEXT.replace(", dichtbij", ",\ndichtbij")
    a, b = span(representation, "passende hulp krijgen,\ndichtbij huis")
    qde = f"""{HEAD}<Project {NS} name="Beleid" origin="ATLAS.ti for Windows 23.2.3.27778"
 creatingUserGUID="088B08AC-D5CD-4ADB-8B71-B4F3459C177F">
 <Users><User guid="088B08AC-D5CD-4ADB-8B71-B4F3459C177F" name="Onderzoeker"/></Users>
 <CodeBook><Codes>
  <Code guid="0F8A1907-7E42-4739-8610-A676B4D1B69F" name="Toegang" isCodable="true"
   color="#F00082"/>
  <Code guid="D299EFAE-5779-46DC-9827-A3D1A5D544BC" name="Samenwerking" isCodable="true"
   color="#966450"/>
 </Codes></CodeBook>
 <Sources>
  <PDFSource guid="03F134F1-AB05-46E6-8702-1D6930D7F7F0" name="Beleidsplan.pdf"
   path="internal://03F134F1-AB05-46E6-8702-1D6930D7F7F0.pdf">
   <PDFSelection guid="7B8C9A7D-1AD6-4A88-8556-50B9A35FDA19" firstX="1" firstY="1"
    secondX="9" secondY="9" page="0" creatingUser="088B08AC-D5CD-4ADB-8B71-B4F3459C177F">
    <Representation guid="03EFB0D3-6805-4253-BD99-F226E7E84EA4">
     <PlainTextContent>in samenwerking met de huisarts</PlainTextContent></Representation>
    <Coding guid="D918B908-05D4-4DF6-B300-371298F05768"
     creatingUser="088B08AC-D5CD-4ADB-8B71-B4F3459C177F">
     <CodeRef targetGUID="D299EFAE-5779-46DC-9827-A3D1A5D544BC"/></Coding>
   </PDFSelection>
   <PDFSelection guid="7C046D16-1B6D-4814-A260-3A7BD5FC6A51" firstX="1" firstY="1"
    secondX="9" secondY="9" page="0"/>
   <Representation guid="B09E8D25-66A6-4D7E-A884-3E1A11A40E7C"
    plainTextPath="internal://B09E8D25-66A6-4D7E-A884-3E1A11A40E7C.txt">
    <PlainTextSelection guid="4191294A-E287-4510-95B0-69BCE4638E56" startPosition="{a}"
     endPosition="{b}" creatingUser="088B08AC-D5CD-4ADB-8B71-B4F3459C177F">
     <Coding guid="445A6AEC-1400-4502-919D-0867832FF211"
      creatingUser="088B08AC-D5CD-4ADB-8B71-B4F3459C177F">
      <CodeRef targetGUID="0F8A1907-7E42-4739-8610-A676B4D1B69F"/></Coding>
     <NoteRef targetGUID="E41BE463-FDF3-4ED0-B668-119C53D8D687"/>
    </PlainTextSelection>
   </Representation>
  </PDFSource>
 </Sources>
 <Notes><Note guid="E41BE463-FDF3-4ED0-B668-119C53D8D687" name="Toegang in het plan">
  <PlainTextContent>Snel en dichtbij: de kern.</PlainTextContent></Note></Notes>
 <Links><Link guid="7B56978E-9D9F-4D47-B4EC-436E2F6B8BE5" name="Memo-Quotation Relation"
  direction="OneWay" originGUID="E41BE463-FDF3-4ED0-B668-119C53D8D687"
  targetGUID="4191294A-E287-4510-95B0-69BCE4638E56"/></Links>
 <Sets><Set guid="CDCD293A-EB42-47EC-A42E-828EEEFED047" name="PDFs">
  <MemberSource targetGUID="03F134F1-AB05-46E6-8702-1D6930D7F7F0"/></Set>
  <Set guid="2324B638-D629-4970-B2E8-8B5BFD0A8D6B" name="Alle codes">
  <MemberCode targetGUID="0F8A1907-7E42-4739-8610-A676B4D1B69F"/>
  <MemberCode targetGUID="D299EFAE-5779-46DC-9827-A3D1A5D544BC"/></Set></Sets>
</Project>"""
    files = {
        "03F134F1-AB05-46E6-8702-1D6930D7F7F0.pdf": pdf_bytes(),
        "B09E8D25-66A6-4D7E-A884-3E1A11A40E7C.txt": representation.encode("utf-8"),
    }
    return archive(qde, files)


MAXQDA_TEXT = "Verslag klantreis (fictief)\n\nMevrouw wacht al drie maanden op een traplift."


def maxqda() -> bytes:
    """MAXQDA 2022: GUIDs in braces, a code without isCodable, a short colour, the text
    inline, a source on disk outside the archive, Project.qde with a capital."""
    a, b = span(MAXQDA_TEXT, "wacht al drie maanden")
    qde = f"""{HEAD}<Project {NS} name="Klantreis" origin="MAXQDA 2022 (Release 22.4.1)">
 <CodeBook><Codes>
  <Code guid="{{5a1c2a0e-4d0b-4c55-9a43-5b1ad8a3c001}}" name="Wachten" color="#c00">
   <Description>Tijd tot hulp</Description></Code>
 </Codes></CodeBook>
 <Sources>
  <TextSource guid="{{5a1c2a0e-4d0b-4c55-9a43-5b1ad8a3c002}}" name="Verslag klantreis">
   <PlainTextContent>{MAXQDA_TEXT}</PlainTextContent>
   <PlainTextSelection guid="{{5a1c2a0e-4d0b-4c55-9a43-5b1ad8a3c003}}" startPosition="{a}"
    endPosition="{b}">
    <Coding guid="{{5a1c2a0e-4d0b-4c55-9a43-5b1ad8a3c004}}">
     <CodeRef targetGUID="{{5a1c2a0e-4d0b-4c55-9a43-5b1ad8a3c001}}"/></Coding>
   </PlainTextSelection>
  </TextSource>
  <TextSource guid="{{5a1c2a0e-4d0b-4c55-9a43-5b1ad8a3c005}}" name="Op schijf.docx"
   plainTextPath="relative://Op schijf.txt"/>
 </Sources>
</Project>"""
    return archive(qde, {}, qde_name="Project.qde")
