import TiendoCore
import TiendoImport

extension CapitalEntryPage {
    /// The four forms, each usable without JavaScript, every field labelled; amounts in whole đồng.
    enum View {
        static func form(_ target: Form, _ c: PageContext, multipart: Bool = false, _ fields: [Markup], button: String) -> Markup {
            el("form", [("method", "post"), ("action", SiteURL.capitalForm(target).path), ("class", "update"),
                        ("enctype", multipart ? "multipart/form-data" : nil)],
               [c.csrfField] + fields + [el("button", [("type", "submit")], text: c.t(button))])
        }

        static func textarea(_ label: String, name: String, value: String?, _ c: PageContext) -> Markup {
            el("div", [("class", "field")], [
                el("label", [("for", "f-\(name)")], text: c.t(label)),
                el("textarea", [("id", "f-\(name)"), ("name", name), ("rows", "2")], text: value ?? ""),
            ])
        }

        static func month(_ t: Typed, lines: [(value: String, label: String)], today: CivilDate, _ c: PageContext) -> [Markup] {
            [
                el("h2", [("id", "giai-ngan")], text: c.t("Ghi giải ngân tháng")),
                el("p", [("class", "muted")], text: c.t("Số giải ngân và giá trị khối lượng trong tháng (không phải lũy kế), bằng đồng. Mỗi dòng vốn một lần mỗi tháng; khi lũy kế vượt kế hoạch vốn cần ghi chú lý do.")),
                form(.month, c, [
                    select(c.t("Dòng vốn"), name: "line", options: lines, selected: t.line),
                    field(c.t("Tháng"), name: "month", type: "month", value: t.month ?? today.monthCode, required: true),
                    field(c.t("Giải ngân trong tháng (đồng)"), name: "disbursed", value: t.disbursed, required: true, attributes: [("inputmode", "numeric")]),
                    field(c.t("Giá trị khối lượng thực hiện trong tháng (đồng)"), name: "workDone", value: t.workDone, attributes: [("inputmode", "numeric")]),
                    textarea("Ghi chú", name: "comment", value: t.comment, c),
                ], button: "Ghi giải ngân"),
            ]
        }

        static func works(_ t: Typed, count: Int, today: CivilDate, _ c: PageContext) -> [Markup] {
            [
                el("h2", [("id", "cong-trinh")], text: c.t("Báo cáo tiến độ công trình bằng Excel")),
                el("p", [], [
                    link(SiteURL.capitalForm(.workTemplate).with(["thang": today.monthCode]), c.t("Tải mẫu tháng \(today.month)/\(today.year) (\(count) công trình)"), class: "button"),
                    .text(" " + c.t("Mỗi công trình một dòng: khối lượng và giải ngân trong tháng (đồng), tiến độ cả công trình (%), mặt bằng (ha), khó khăn. Dòng để trống là công trình chưa báo cáo lần này. Có một ô lỗi thì không công trình nào được ghi.")),
                ]),
                form(.workUpload, c, multipart: true, [
                    el("div", [("class", "field")], [
                        el("label", [("for", "f-workFile")], text: c.t("Tệp Excel đã điền (.xlsx)")),
                        void("input", [("id", "f-workFile"), ("type", "file"), ("name", "file"), ("required", "required"),
                                       ("accept", ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]),
                    ]),
                    field(c.t("Tháng báo cáo"), name: "workMonth", type: "month", value: t.workMonth ?? today.monthCode, required: true),
                ], button: "Nhập báo cáo công trình"),
            ]
        }

        static func upload(_ t: Typed, today: CivilDate, _ c: PageContext) -> [Markup] {
            [
                el("h2", [("id", "nhap-tep")], text: c.t("Nhập tệp giải ngân (số liệu tài chính)")),
                el("p", [], [
                    link(SiteURL.capitalForm(.template).with(["nam": String(today.year)]), c.t("Tải mẫu Excel năm \(today.year)"), class: "button"),
                    .text(" " + c.t("Cột D ghi lũy kế giải ngân đến hết tháng (đồng). Bảng của đơn vị theo mẫu \"STT | Nội dung | Kế hoạch vốn | Giải ngân | Tỷ lệ\" cũng nhập được: chọn \"Bảng khác\", ghi cột có mã dòng vốn và cột giải ngân. Tệp được kiểm tra toàn bộ; có một ô lỗi thì không dòng nào được ghi.")),
                ]),
                form(.upload, c, multipart: true, [
                    el("div", [("class", "field")], [
                        el("label", [("for", "f-file")], text: c.t("Tệp Excel (.xlsx)")),
                        void("input", [("id", "f-file"), ("type", "file"), ("name", "file"), ("required", "required"),
                                       ("accept", ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]),
                    ]),
                    field(c.t("Lũy kế đến hết tháng"), name: "cutoff", type: "month", value: t.cutoff ?? today.monthCode, required: true),
                    select(c.t("Bố cục tệp"), name: "layout", options: [("mau", c.t("Mẫu của Tiendo")), ("cot", c.t("Bảng khác (chọn cột)"))], selected: t.layout),
                    field(c.t("Cột mã dòng vốn (bảng khác)"), name: "keyColumn", value: t.keyColumn ?? "B", attributes: [("maxlength", "3")]),
                    field(c.t("Cột lũy kế giải ngân (bảng khác)"), name: "amountColumn", value: t.amountColumn ?? "D", attributes: [("maxlength", "3")]),
                    field(c.t("Dòng đầu tiên có số liệu (bảng khác)"), name: "firstRow", type: "number", value: t.firstRow ?? "2", attributes: [("min", "1")]),
                    select(c.t("Đơn vị số tiền (bảng khác)"), name: "unit", options: [("dong", c.t("đồng")), ("trieu", c.t("triệu đồng"))], selected: t.unit),
                ], button: "Nhập tệp"),
            ]
        }

        static func decision(_ t: Typed, lines: [(value: String, label: String)], today: CivilDate, _ c: PageContext) -> [Markup] {
            [
                el("h2", [("id", "quyet-dinh")], text: c.t("Ghi quyết định về vốn")),
                el("p", [("class", "muted")], text: c.t("Giao và điều chỉnh: ghi kế hoạch vốn sau quyết định (không phải phần chênh lệch). Kéo dài, phân bổ, thu hồi, điều chuyển: ghi số tiền được chuyển.")),
                lines.isEmpty ? el("p", [("class", "muted")], text: c.t("Chưa có dòng vốn; mở dòng vốn ở dưới trước."))
                    : form(.decision, c, [
                        select(c.t("Dòng vốn"), name: "decisionLine", options: lines, selected: t.decisionLine),
                        select(c.t("Loại quyết định"), name: "kind", options: CapitalEvent.Kind.allCases.map { ($0.rawValue, c.t($0.vietnamese)) }, selected: t.kind),
                        field(c.t("Số tiền (đồng)"), name: "amount", value: t.amount, required: true, attributes: [("inputmode", "numeric")]),
                        field(c.t("Số quyết định"), name: "number", value: t.number, required: true, attributes: [("placeholder", "123/QĐ-UBND")]),
                        field(c.t("Ngày quyết định"), name: "date", type: "date", value: t.date ?? today.iso, required: true),
                        field(c.t("Cơ quan ban hành"), name: "issuer", value: t.issuer ?? "UBND tỉnh", required: true),
                        field(c.t("Phân bổ cho (mã công trình hoặc đơn vị) / dòng vốn nhận điều chuyển"), name: "target", value: t.target),
                    ], button: "Ghi quyết định"),
            ]
        }

        static func line(_ t: Typed, today: CivilDate, agencies: [String], _ c: PageContext) -> [Markup] {
            [
                el("h2", [("id", "dong-von")], text: c.t("Mở dòng vốn")),
                el("p", [("class", "muted")], text: c.t("Một dòng vốn là một dự án × loại vốn × nguồn × chủ đầu tư của một năm kế hoạch; số tiền của nó chỉ đến từ các quyết định.")),
                form(.line, c, [
                    field(c.t("Mã dòng vốn"), name: "id", value: t.id, required: true, attributes: [("placeholder", "2025-DA4-DTPT-NSTW-SXD"), ("maxlength", "80")]),
                    field(c.t("Năm kế hoạch"), name: "year", type: "number", value: t.year ?? String(today.year), required: true),
                    select(c.t("Dự án"), name: "project", options: (1...10).map { (String($0), "Dự án \($0)") } + [("", c.t("Ngoài các dự án"))], selected: t.project ?? "1"),
                    field(c.t("Tiểu dự án"), name: "subproject", type: "number", value: t.subproject, attributes: [("min", "1")]),
                    select(c.t("Loại vốn"), name: "capitalType", options: [("dtpt", c.t("đầu tư phát triển")), ("su-nghiep", c.t("sự nghiệp"))], selected: t.capitalType),
                    select(c.t("Nguồn vốn"), name: "source", options: CapitalSource.standard.map { ($0.code, $0.name) }, selected: t.source),
                    field(c.t("Vốn kéo dài từ năm (để trống nếu giao trong năm)"), name: "extendedFrom", type: "number", value: t.extendedFrom),
                    field(c.t("Chủ đầu tư: tên cơ quan"), name: "holder", value: t.holder, attributes: [("list", "co-quan")]),
                    el("datalist", [("id", "co-quan")], agencies.map { el("option", [("value", $0)]) }),
                    field(c.t("… hoặc mã đơn vị hành chính"), name: "holderUnit", value: t.holderUnit, attributes: [("inputmode", "numeric")]),
                    field(c.t("Ngày bản đồ của mã đơn vị"), name: "map", type: "date", value: t.map ?? today.iso),
                ], button: "Mở dòng vốn"),
            ]
        }
    }
}
