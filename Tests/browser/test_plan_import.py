"""The seed plan as a Word file, made here with python-docx the way plans are circulated: the header and the
signature as paragraphs, every "1." and "(1)" as Word's automatic numbering (numbering.xml, not in the text), the
appendix as a real table. `tiendo plan import --dry-run --format json` must read it as it reads the seed text."""
import copy
import json
import os
import re
import subprocess
import tempfile
import time
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from conftest import BINARY, OUTPUT, ROOT

SEED = ROOT.parent / "shared" / "seed" / "KH-54-UBND-2024-QuangNinh.txt"
COMPARED = ["targets", "taskGroups", "appendix", "appendixGroups", "reportObligations", "legalDocuments"]


def run(*args, env):
    return subprocess.run([BINARY, *args], env=env, check=True, capture_output=True, text=True).stdout


def numbering(document):
    """Two list styles in numbering.xml: "1." and "(1)"."""
    part = document.part.numbering_part.element
    for abstract_id, text in ((901, "%1."), (902, "(%1)")):
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(abstract_id))
        level = OxmlElement("w:lvl")
        level.set(qn("w:ilvl"), "0")
        for tag, value in (("w:start", "1"), ("w:numFmt", "decimal"), ("w:lvlText", text)):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            level.append(child)
        abstract.append(level)
        part.insert(0, abstract)
    return part


def new_list(part, abstract_id, counter=[1000]):
    """A list instance that starts again at 1 (each group's tasks are numbered from (1))."""
    counter[0] += 1
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(counter[0]))
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), str(abstract_id))
    num.append(ref)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    num.append(override)
    part.append(num)
    return counter[0]


def numbered(paragraph, num_id):
    properties = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    level = OxmlElement("w:ilvl")
    level.set(qn("w:val"), "0")
    ident = OxmlElement("w:numId")
    ident.set(qn("w:val"), str(num_id))
    num_pr.append(level)
    num_pr.append(ident)
    properties.append(num_pr)


def seed_docx(path, env):
    """The seed's body paragraphs with automatic numbering, and its appendix as a table from the transcription."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "ỦY BAN NHÂN DÂN")
    end = next(i for i, line in enumerate(lines) if line.strip() == "PHỤ LỤC")
    document = Document()
    part = numbering(document)
    lists = {}
    for line in lines[start:end]:
        text = line.replace("\u00a0", " ").strip()
        if not text:
            continue
        match = re.match(r"^(\d{1,2})\. (.+)$", text) or re.match(r"^\((\d{1,2})\) (.+)$", text)
        if match and not text.startswith("Số"):
            kind = 901 if text[0].isdigit() else 902
            if match.group(1) == "1" or kind not in lists:
                lists[kind] = new_list(part, kind)
            numbered(document.add_paragraph(match.group(2)), lists[kind])
        else:
            document.add_paragraph(text)
    for title in ["PHỤ LỤC", "PHÂN CÔNG THỰC HIỆN MỘT SỐ NHIỆM VỤ CỤ THỂ",
                  "(Kèm theo Kế hoạch số: 54/KH-UBND ngày 23/02/2024 của UBND tỉnh Quảng Ninh)"]:
        document.add_paragraph(title)
    plan = json.loads(run("plan", "export", env=env))
    table = document.add_table(rows=1, cols=5)
    for cell, text in zip(table.rows[0].cells, ["TT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian hoàn thành"]):
        cell.text = text
    groups = {g["code"]: g["title"] for g in plan["appendixGroups"]}
    current = None
    for row in plan["appendix"]:
        if row["group"] != current:
            current = row["group"]
            cells = table.add_row().cells
            cells[0].text, cells[1].text = current, groups[current]
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[4].text = str(row["number"]), row["text"], row["deadline"]["text"]
        for index, role in ((2, "lead"), (3, "coordinating")):
            paragraphs = _cell(row, role)
            cells[index].text = paragraphs[0] if paragraphs else ""
            for extra in paragraphs[1:]:
                cells[index].add_paragraph(extra)
    footnotes(document, [line.split(" ", 1)[1] for line in lines if re.match(r"^[12] [A-ZĐ]", line)])
    document.save(path)


def footnotes(document, texts):
    """word/footnotes.xml with the seed's footnotes, each referenced where the text glues its number ("15 xã1")."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    notes = "".join(f'<w:footnote w:id="{n}"><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:footnote>'
                    for n, text in enumerate(texts, start=1))
    xml = (f'<w:footnotes xmlns:w="{w}"><w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote>'
           f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p/></w:footnote>{notes}</w:footnotes>')
    part = Part(PackURI("/word/footnotes.xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    pending = list(range(1, len(texts) + 1))
    for paragraph in document.paragraphs:
        pieces, text = [], paragraph.text
        while pending:
            match = re.search(rf"(?<=[^\W\d]){pending[0]}(?=[;.,\s]|$)", text)
            if not match:
                break
            pieces.append((text[:match.start()], pending.pop(0)))
            text = text[match.end():]
        if not pieces:
            continue
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
        for before, n in pieces:
            paragraph.add_run(before)
            reference = OxmlElement("w:r")
            ref = OxmlElement("w:footnoteReference")
            ref.set(qn("w:id"), str(n))
            reference.append(ref)
            paragraph._p.append(reference)
        paragraph.add_run(text)


def _cell(row, role):
    """A lead or coordinating cell as the plan writes it: bulleted names one per paragraph, others in one line."""
    written = [a["asWritten"] for a in row["assignments"] if a["role"] == role]
    if any(a.get("unitCode") and not a["asWritten"].startswith("UBND") for a in row["assignments"] if a["role"] == role):
        return ["UBND các địa phương: " + ", ".join(written)]
    if written and written[0][:1] in "-(":
        return written
    return [", ".join(written)] if written else []


def test_the_seed_as_a_word_file_reads_as_its_text(server):
    folder = Path(tempfile.mkdtemp(prefix="tiendo-plan-import-"))
    env = dict(os.environ, DATABASE_URL=f"sqlite:{folder}/tiendo.sqlite")
    path = folder / "KH-54-UBND-2024.docx"
    seed_docx(path, env)
    (OUTPUT / "KH-54-UBND-2024-tao-boi-python-docx.docx").write_bytes(path.read_bytes())
    started = time.monotonic()
    from_docx = json.loads(run("plan", "import", str(path), "--dry-run", "--format", "json", env=env))
    seconds = time.monotonic() - started
    from_text = json.loads(run("plan", "import", str(SEED), "--dry-run", "--format", "json", env=env))
    for key in COMPARED:
        if key == "legalDocuments":
            assert [(d.get("number"), d["type"], d.get("issuedOn")) for d in from_docx[key]] == \
                   [(d.get("number"), d["type"], d.get("issuedOn")) for d in from_text[key]]
        elif key == "appendix":
            # The table's cells are rebuilt from the transcription's names, not its exact words: compare what users act on.
            fields = ("number", "group", "text", "leads", "coordinators", "deadline")
            assert [{f: r[f] for f in fields} for r in from_docx[key]] == [{f: r[f] for f in fields} for r in from_text[key]]
        else:
            assert from_docx[key] == from_text[key], key
    assert from_docx["footnotes"] == from_text["footnotes"]
    assert from_docx["plan"]["number"] == "54/KH-UBND" and from_docx["plan"]["signer"] == "Vũ Văn Diện"
    assert len(from_docx["problems"]) == len(from_text["problems"]) == 2
    # Automatic numbering: the task codes exist although "(1)" is not in the paragraphs' text.
    codes = [t["code"] for g in from_docx["taskGroups"] for t in g["tasks"]]
    assert "III.2.(3)" in codes and len(codes) == 60
    print(f"plan import (DOCX, whole process): {seconds:.2f} s")


def test_the_seed_text_saved_by_libreoffice_as_a_word_file_reads_the_same():
    """The website's text pasted into a word processor: no real table, the appendix one cell per paragraph, the
    footnotes as plain paragraphs and the site's own lines after the document."""
    folder = Path(tempfile.mkdtemp(prefix="tiendo-plan-lo-"))
    env = dict(os.environ, DATABASE_URL=f"sqlite:{folder}/tiendo.sqlite")
    text = folder / "KH-54.txt"
    text.write_bytes(SEED.read_bytes())
    subprocess.run(["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder), str(text)],
                   check=True, capture_output=True, timeout=180)
    from_docx = json.loads(run("plan", "import", str(folder / "KH-54.docx"), "--dry-run", "--format", "json", env=env))
    from_text = json.loads(run("plan", "import", str(text), "--dry-run", "--format", "json", env=env))
    # Only where each item sits differs: a Word file's lines are its paragraphs.
    assert {k: v for k, v in from_docx.items() if k not in ("sources", "problems")} == \
           {k: v for k, v in from_text.items() if k not in ("sources", "problems")}
    assert [p["message"].split(": ", 1)[1] for p in from_docx["problems"]] == \
           [p["message"].split(": ", 1)[1] for p in from_text["problems"]]
    assert len(from_docx["appendix"]) == 31 and len(from_docx["footnotes"]) == 2
