"""Official reports as Word, Excel and LibreOffice read them: built by `tiendo report build` from `tiendo demo load` data."""
import os
import shutil
import subprocess
import tempfile
import zipfile

import pytest
from docx import Document
from openpyxl import load_workbook

from conftest import BINARY, OUTPUT


@pytest.fixture(scope="module")
def demo():
    folder = tempfile.mkdtemp(prefix="tiendo-reports-")
    path = os.path.join(folder, "demo.sqlite")
    subprocess.run([BINARY, "demo", "load", "--path", path, "--districts", "202,198,203"], check=True, capture_output=True)
    yield {"env": dict(os.environ, DATABASE_URL=f"sqlite:{path}"), "folder": folder}
    shutil.rmtree(folder, ignore_errors=True)


def build(demo, name, *args):
    out = os.path.join(demo["folder"], name)
    # The demo's current plan is its 2025 one; the 2024 report is built from Kế hoạch 54.
    subprocess.run([BINARY, "report", "build", "--obligation", "bao-cao-nam-2024", "--period", "2024", "--plan", "kh-54-ubnd-2024", "--out", out, *args],
                   env=demo["env"], check=True, capture_output=True)
    return out


def test_provincial_report_layout(demo):
    path = build(demo, "tong-hop.docx")
    again = build(demo, "tong-hop-2.docx")
    with open(path, "rb") as a, open(again, "rb") as b:
        assert a.read() == b.read(), "the same data must give the same bytes"
    doc = Document(path)
    section = doc.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    assert 20 <= section.top_margin.mm <= 25 and 20 <= section.bottom_margin.mm <= 25
    assert 30 <= section.left_margin.mm <= 35 and 15 <= section.right_margin.mm <= 20
    assert section.different_first_page_header_footer, "no page number on page 1"
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml
    header_table = doc.tables[0]
    left, right = header_table.rows[0].cells
    assert "BAN DÂN TỘC" in left.text and "Số:" in left.text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right.text
    assert "Độc lập - Tự do - Hạnh phúc" in right.text
    motto = [r for p in right.paragraphs for r in p.runs if "Độc lập" in r.text][0]
    assert motto.bold and motto.underline
    date_runs = [r for p in right.paragraphs for r in p.runs if "Quảng Ninh, ngày" in r.text]
    assert date_runs and date_runs[0].italic
    texts = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in texts
    title = doc.paragraphs[texts.index("BÁO CÁO") + 1]
    assert title.runs[0].bold and title.alignment == 1 and "Kế hoạch số 54/KH-UBND" in title.text
    body = [p for p in doc.paragraphs if p.text.startswith("Thực hiện Kế hoạch")][0]
    assert body.alignment == 3 and body.paragraph_format.first_line_indent.cm == pytest.approx(1.0, abs=0.01)
    assert body.runs[0].font.size.pt == 14
    assert any("chưa đủ báo cáo" in t for t in texts), "a report built before everyone reported says who is missing"
    signature = [t for t in doc.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:")][0]
    assert signature.rows[0].cells[0].paragraphs[-1].text == "- Lưu: VT, …."
    assert "cantSplit" in signature.rows[0]._tr.xml, "the signature block stays on one page"
    assert "[Họ và tên người ký]" in signature.rows[0].cells[1].text
    # Tasks nobody reported on are one sentence per group, not a page of "chưa có báo cáo" each.
    assert any("nhiệm vụ chưa có báo cáo tiến độ:" in t for t in texts)
    assert not any(t.endswith("Chưa có báo cáo.") for t in texts)
    # Who reported and the sources come after the signature, as annexes; formulas in words.
    body_order = [child for child in doc.element.body.iterchildren()]
    position = {id(child): i for i, child in enumerate(body_order)}
    annex_a = [p for p in doc.paragraphs if p.text == "PHỤ LỤC A. TÌNH HÌNH GỬI BÁO CÁO"]
    annex_b = [p for p in doc.paragraphs if p.text == "PHỤ LỤC B. NGUỒN VÀ CÁCH TÍNH SỐ LIỆU"]
    assert annex_a and annex_b
    assert position[id(annex_a[0]._p)] > position[id(signature._tbl)] and position[id(annex_b[0]._p)] > position[id(signature._tbl)]
    sources = doc.tables[-1]
    assert sources.rows[0].cells[2].text.startswith("Nguồn")
    formulas = " ".join(row.cells[2].text for row in sources.rows[1:])
    assert "÷" in formulas and "_" not in formulas, formulas[:300]     # element names, not codes like thu_nhap_ho
    fonts = set()
    for element in doc.element.body.iter():
        if element.tag.endswith("}rFonts"):
            fonts.add(element.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}ascii"))
    assert fonts == {"Times New Roman"}
    with zipfile.ZipFile(path) as z:
        assert all(info.date_time == (2024, 1, 1, 0, 0, 0) for info in z.infolist())


def test_indicator_table_and_annexes(demo):
    path = build(demo, "phu-luc.xlsx", "--format", "xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["PL1 Chỉ tiêu", "PL2 Nhiệm vụ", "PL3 Báo cáo", "PL4 Vốn", "PL5 Công trình"]
    sheet = book["PL1 Chỉ tiêu"]
    assert sheet.freeze_panes == "A3"
    units = [row[0].value for row in sheet.iter_rows(min_row=3)]
    assert units[-1] == "Toàn tỉnh" and len(units) == 14
    numbers = [c for row in sheet.iter_rows(min_row=3) for c in row[1:] if c.value is not None and c.value != ""]
    assert numbers and all(isinstance(c.value, (int, float)) for c in numbers)
    tasks = book["PL2 Nhiệm vụ"]
    assert tasks.max_row - 2 == 91
    assert tasks["A3"].font.name == "Times New Roman"
    assert [c.value for c in tasks[2]][:4] == ["Mã", "Nội dung", "Chủ trì", "Phối hợp"]
    dated = [row[4] for row in tasks.iter_rows(min_row=3) if row[4].value]
    assert dated and all(c.is_date and c.number_format == "dd/mm/yyyy" for c in dated)


def test_money_section_and_annexes(demo):
    """Section IV says the year's capital in words and by Dự án; the annexes carry the same figures as numbers Excel can
    add up: the total row is the sum of its rows, each rate is disbursed over plan plus kéo dài."""
    doc = Document(build(demo, "von.docx"))
    texts = [p.text for p in doc.paragraphs]
    assert "IV. TÌNH HÌNH PHÂN BỔ, GIẢI NGÂN VỐN" in texts and "V. TÌNH HÌNH THỰC HIỆN CHẾ ĐỘ BÁO CÁO" in texts
    said = [t for t in texts if t.startswith("Tổng kế hoạch vốn năm 2024")]
    assert said and "triệu đồng (" in said[0] and "giải ngân " in said[0], said
    table = [t for t in doc.tables if t.rows[0].cells[0].text == "Dự án"][0]
    assert table.rows[-1].cells[0].text == "Tổng cộng" and "," in table.rows[-1].cells[6].text
    book = load_workbook(build(demo, "von.xlsx", "--format", "xlsx"))
    money = book["PL4 Vốn"]
    assert [c.value for c in money[2]] == ["Dự án", "Loại vốn", "Kế hoạch đầu năm", "Kế hoạch điều chỉnh", "Vốn kéo dài", "Tổng kế hoạch", "Giải ngân", "Tỷ lệ giải ngân (%)"]
    rows = [[c.value for c in row] for row in money.iter_rows(min_row=3)]
    assert len(rows) >= 3 and rows[-1][0] == "Tổng cộng"
    for column in range(2, 7):
        assert sum(r[column] for r in rows[:-1]) == pytest.approx(rows[-1][column], abs=1e-6), column
    for r in rows:
        assert r[5] == pytest.approx(r[3] + r[4], abs=1e-6) and r[7] == pytest.approx(round(r[6] / r[5] * 100, 2), abs=0.006), r
    works = book["PL5 Công trình"]
    assert [c.value for c in works[2]][:3] == ["STT", "Tên công trình, dự án", "Chủ đầu tư"]
    listed = [[c.value for c in row] for row in works.iter_rows(min_row=3)]
    assert any("Quốc lộ 279" in r[1] for r in listed)
    assert all(isinstance(r[7], (int, float)) and isinstance(r[9], (int, float)) for r in listed)
    # A district's annex holds its own and its communes' capital only.
    district = [[c.value for c in row] for row in load_workbook(build(demo, "von-202.xlsx", "--format", "xlsx", "--reporter", "202"))["PL4 Vốn"].iter_rows(min_row=3)]
    assert 0 < district[-1][5] < rows[-1][5]


def test_annexes_print_on_a4_landscape_one_page_wide_with_their_header_on_every_page(demo):
    book = load_workbook(build(demo, "in-an.xlsx", "--format", "xlsx"))
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert str(sheet.page_setup.paperSize) == "9", sheet.title          # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0, sheet.title
        assert sheet.print_title_rows in ("2:2", "$2:$2"), sheet.title     # the table header repeats on every page
    decimals = [c for row in book["PL1 Chỉ tiêu"].iter_rows(min_row=3) for c in row[1:] if isinstance(c.value, float)]
    assert all(c.number_format in ("#,##0.0", "#,##0.00", "#,##0") for c in decimals)


def test_district_report_and_libreoffice(demo):
    path = build(demo, "ba-che.docx", "--reporter", "202")
    doc = Document(path)
    assert "UBND HUYỆN BA CHẼ" in doc.tables[0].rows[0].cells[0].text
    # NĐ 30/2020: the district's own place, and its committee's signature block.
    assert "Ba Chẽ, ngày" in doc.tables[0].rows[0].cells[1].text or any("Ba Chẽ, ngày" in p.text for p in doc.paragraphs)
    signature = [t for t in doc.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:")][0].rows[0].cells[1].text
    for line in ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]:
        assert line in signature, signature
    office = shutil.which("libreoffice") or shutil.which("soffice")
    assert office, "LibreOffice is installed by scripts/test"
    provincial = build(demo, "bao-cao-tinh-nam-2024.docx")
    annex = build(demo, "phu-luc-tinh-nam-2024.xlsx", "--format", "xlsx")
    OUTPUT.mkdir(exist_ok=True)
    for source in [path, provincial, annex]:
        done = subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", demo["folder"], source],
                              capture_output=True, text=True, timeout=180)
        pdf = os.path.splitext(source)[0] + ".pdf"
        assert done.returncode == 0 and os.path.getsize(pdf) > 1000, done.stderr
    pages = os.path.join(str(OUTPUT), "bao-cao-tinh-nam-2024")
    subprocess.run(["pdftoppm", "-r", "70", "-png", os.path.splitext(provincial)[0] + ".pdf", pages], check=True)
    assert os.path.exists(pages + "-01.png") or os.path.exists(pages + "-1.png")


def review(demo, name, *args):
    out = os.path.join(demo["folder"], name)
    subprocess.run([BINARY, "report", "review", "--out", out, *args], env=demo["env"], check=True, capture_output=True)
    return out


def test_programme_review_across_years(demo):
    """The multi-year review (tổng kết) in NĐ 30's layout, and its annex by year as numbers Excel can add up."""
    path = review(demo, "tong-ket.docx", "--kind", "tong-ket")
    doc = Document(path)
    left, right = doc.tables[0].rows[0].cells
    assert "BAN DÂN TỘC" in left.text and "Số:" in left.text and "Độc lập - Tự do - Hạnh phúc" in right.text
    texts = [p.text for p in doc.paragraphs]
    title = texts[texts.index("BÁO CÁO") + 1]
    assert title.startswith("Tổng kết thực hiện Chương trình") and title.endswith("giai đoạn 2024-2025"), title
    plans = [[c.text for c in row.cells] for row in doc.tables[1].rows]
    assert plans[1][:2] == ["2024", "54/KH-UBND"] and plans[2][:2] == ["2025", "36/KH-UBND"], plans
    income = [[c.text for c in row.cells] for row in doc.tables[2].rows]
    assert [r[0] for r in income[1:]] == ["2023", "2024", "2025"] and income[1][2].endswith("(năm gốc)"), income
    assert income[3][1] == "≈ 105" and ("xã)" in income[3][2] or income[3][2] == "chưa có số liệu"), income   # the amended target
    assert any(t.startswith("Năm 2025 có ") for t in texts)
    book = load_workbook(review(demo, "tong-ket.xlsx", "--kind", "tong-ket", "--format", "xlsx"))
    assert book.sheetnames == ["Chỉ tiêu theo năm", "Kế hoạch"]
    sheet = book["Chỉ tiêu theo năm"]
    assert sheet.freeze_panes == "A4" and sheet.print_title_rows in ("2:3", "$2:$3")
    assert [c.value for c in sheet[2]][3] == "Năm 2024" and [c.value for c in sheet[2]][6] == "Năm 2025"
    results = [row[4].value for row in sheet.iter_rows(min_row=4)] + [row[7].value for row in sheet.iter_rows(min_row=4)]
    assert any(isinstance(v, (int, float)) for v in results)
    assert all(isinstance(v, (int, float)) or v == "chưa có số liệu" for v in results)
    office = shutil.which("libreoffice") or shutil.which("soffice")
    done = subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", demo["folder"], path], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0 and os.path.getsize(os.path.splitext(path)[0] + ".pdf") > 1000, done.stderr
