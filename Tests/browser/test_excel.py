"""The data template as Excel sees it: read back with openpyxl, filled in, saved by openpyxl and uploaded again."""
import io
import json
import urllib.error
import urllib.request

from openpyxl import load_workbook

from conftest import OUTPUT, TOKENS

OBLIGATION = "bao-cao-6-thang-2024"


def call(server, method, path, data=None):
    request = urllib.request.Request(server + path, data=data, method=method,
                                     headers={"Authorization": "Bearer " + TOKENS["halong"]})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


def test_template_round_trip_through_openpyxl(server):
    status, body, headers = call(server, "GET", f"/api/v1/data/{OBLIGATION}/193/xlsx?period=2024-H1")
    assert status == 200, body
    assert "filename*=UTF-8''" in headers["Content-Disposition"]
    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / "mau-so-lieu-ha-long.xlsx").write_bytes(body)

    book = load_workbook(io.BytesIO(body))
    sheet = book["Số liệu"]
    assert sheet["B1"].value == OBLIGATION and sheet["B2"].value == "2024-H1"
    assert sheet["C2"].value == "6 tháng đầu năm 2024"
    assert [c.value for c in sheet[4]][:4] == ["Mã đơn vị báo cáo", "Đơn vị báo cáo", "Mã chỉ tiêu", "Chỉ tiêu"]
    assert sheet.freeze_panes == "A5"
    assert sheet["D5"].font.name == "Times New Roman"
    assert sheet.column_dimensions["D"].width >= 50
    # Codes kept for the upload but hidden; the visible columns before the yellow input fit one screen.
    assert all(sheet.column_dimensions[c].hidden for c in "ACE")
    assert not any(sheet.column_dimensions[c].hidden for c in "BDFGHI")
    assert sum(sheet.column_dimensions[c].width for c in "BDFG") <= 120
    lines = {(row[0].value, row[2].value): row[7] for row in sheet.iter_rows(min_row=5)}
    communes = sorted({reporter for reporter, _ in lines})
    assert len(communes) == 33 and all(len(code) == 5 and code.isdigit() for code in communes)
    assert "Phường Hà Khánh" in {row[1].value for row in sheet.iter_rows(min_row=5)}

    first = communes[0]
    lines[(first, "tong_so_ho")].value = 1_500_000
    lines[(first, "ho_nuoc_sach_qcvn")].value = 1_234_567
    filled = io.BytesIO()
    book.save(filled)
    status, body, _ = call(server, "PUT", f"/api/v1/data/{OBLIGATION}/193/xlsx?period=2024-H1", filled.getvalue())
    assert status == 200, body.decode()

    status, body, _ = call(server, "GET", f"/api/v1/data/{OBLIGATION}/193/xlsx?period=2024-H1")
    again = load_workbook(io.BytesIO(body))["Số liệu"]
    stored = {(row[0].value, row[2].value): row[7] for row in again.iter_rows(min_row=5)}
    cell = stored[(first, "tong_so_ho")]
    assert cell.value == 1_500_000 and isinstance(cell.value, int) and cell.number_format == "#,##0"

    # A text in a number column: refused, the cell named, nothing stored.
    lines[(first, "tong_so_ho")].value = "nhiều hộ"
    bad = io.BytesIO()
    book.save(bad)
    status, body, _ = call(server, "PUT", f"/api/v1/data/{OBLIGATION}/193/xlsx?period=2024-H1", bad.getvalue())
    assert status == 400
    issues = json.loads(body)["issues"]
    assert len(issues) == 1 and issues[0]["cell"] == lines[(first, "tong_so_ho")].coordinate
    status, body, _ = call(server, "GET", f"/api/v1/data/{OBLIGATION}/{first}?period=2024-H1")
    values = {v["element"]: v["value"] for v in json.loads(body)["values"]}
    assert values == {"tong_so_ho": 1_500_000, "ho_nuoc_sach_qcvn": 1_234_567}
