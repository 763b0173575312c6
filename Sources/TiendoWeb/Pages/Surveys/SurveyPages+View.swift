import Foundation
import TiendoCore
import TiendoStore

extension SurveyPages {
    /// Renders the surveys' list with the import form, and one survey's results.
    enum View {
        static func index(_ index: Index, _ c: PageContext) -> [Markup] {
                var body: [Markup] = []
            body.append(index.surveys.isEmpty ? el("p", [], text: "Chưa có cuộc điều tra hộ nào được nhập.")
                : table(caption: "Các cuộc điều tra đã nhập", headers: ["Năm", "Chuẩn nghèo", "Số hộ", "Tệp", "Người nhập", "Lúc"], rows: index.surveys.map { s in
                    [link(SiteURL.survey(year: String(s.year)).path, String(s.year)), .text(s.standardId), .text(number(s.households)), .text(s.fileName),
                     .text(s.importedBy), .text(Format.vietnamTime(s.importedAt))]
                }))
            if index.mayImport {
                let standards = index.standards
                body.append(el("h2", [], text: "Nhập tệp điều tra hộ"))
                body.append(el("p", [], text: "Tệp CSV theo mẫu household-csv-v1 (UTF-8, một dòng một hộ), tối đa \(maxUploadBytes >> 20) MB; tệp lớn hơn nhập bằng lệnh tiendo households import. "
                                + "Tệp có lỗi thì không nhập dòng nào; nhập lại năm đã có thì thay thế cả năm."))
                body.append(el("form", [("method", "post"), ("action", SiteURL.surveys.path), ("enctype", "multipart/form-data")], [
                    c.csrfField,
                    field("Năm điều tra", name: "year", type: "number", value: String(CivilDate.today().year - 2), required: true),
                    el("div", [("class", "field")], [
                        el("label", [("for", "f-standard")], text: "Chuẩn nghèo"),
                        el("select", [("id", "f-standard"), ("name", "standard")], standards.map { s in
                            el("option", [("value", s.id), ("selected", s.id == "qn-nq13-2023" ? "selected" : nil)], text: "\(s.decision) (\(s.fromYear)–\(s.toYear))")
                        }),
                    ]),
                    el("div", [("class", "field")], [
                        el("label", [("for", "f-file")], text: "Tệp hộ (.csv hoặc .xlsx)"),
                        void("input", [("id", "f-file"), ("type", "file"), ("name", "file"), ("required", "required"), ("accept", ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]),
                    ]),
                    el("div", [("class", "field")], [
                    void("input", [("id", "f-replace"), ("type", "checkbox"), ("name", "replace"), ("value", "1")]),
                    el("label", [("for", "f-replace")], text: " Thay thế điều tra đã có của năm này (không chọn thì không bao giờ thay)"),
                ]),
                el("button", [("type", "submit")], text: "Nhập"),
                ]))
            }
            return body
        }

        static func survey(_ model: Model, _ c: PageContext) -> [Markup] {
            let survey = model.survey
            guard let province = model.province else {
                return [el("p", [], text: "Cuộc điều tra không có hộ nào.")]
            }
            let standard = model.standard
            func row(_ r: SurveyResult) -> [Markup] {
                [.text(model.name(r)), .text(number(r.households)), .text(number(r.members)), .text(number(r.poor)), .text(number(r.nearPoor)),
                 .text("\(percent(r.estimates.poorRate)) ± \(percent(r.estimates.poorRateSE))"),
                 .text("\(millions(r.estimates.incomePerCapita)) ± \(millions(r.estimates.incomePerCapitaSE))")]
            }
            let headers = ["Đơn vị", "Số hộ", "Nhân khẩu", "Hộ nghèo", "Hộ cận nghèo", "Tỷ lệ hộ nghèo (có quyền số) ± sai số chuẩn",
                           "Thu nhập bình quân (triệu đồng/người/năm) ± sai số chuẩn"]
            return [
                el("p", [], [link(SiteURL.surveys.path, "Các cuộc điều tra")]),
                el("p", [], text: "Chuẩn nghèo: \(standard?.decision ?? survey.standardId) (\(standard?.name ?? "")). Tệp \(survey.fileName), "
                    + "\(number(survey.households)) hộ, danh mục đơn vị hành chính ngày \(CivilDate(iso: survey.unitsDate)?.vietnamese ?? survey.unitsDate). "
                    + "Số hộ, nhân khẩu, hộ nghèo, cận nghèo là số đếm chính xác; tỷ lệ và thu nhập bình quân là ước lượng có quyền số."),
                table(caption: "Toàn tỉnh", headers: headers, rows: [row(province)] + (model.provinceMinority.map { [[.text("Hộ dân tộc thiểu số")] + row($0).dropFirst()] } ?? [])),
                el("h2", [], text: "Theo huyện"),
                table(caption: "Theo huyện", headers: headers, rows: model.districts.map(row)),
                el("h2", [], text: "Xã còn hộ nghèo (\(model.withPoor.count) trên \(model.communes.count) xã có số liệu)"),
                table(caption: "Xã còn hộ nghèo", headers: ["Xã", "Huyện", "Hộ nghèo", "Hộ cận nghèo", "Số hộ"], rows: model.withPoor.map { r in
                    [.text(model.name(r)), .text(model.parents[r.code] ?? ""), .text(number(r.poor)), .text(number(r.nearPoor)), .text(number(r.households))]
                }),
                el("h2", [], text: "Cơ cấu thu nhập"),
                incomeStructure(province),
                el("h2", [], text: "Theo xã"),
                table(caption: "Theo xã", headers: headers, rows: model.communes.map(row)),
            ]
        }

        static func number(_ n: Int) -> String { Format.integer(n) }

        static func percent(_ p: Double?) -> String {
            guard let p else { return "—" }
            return String(format: "%.2f", p * 100).replacingOccurrences(of: ".", with: ",") + " %"
        }

        static func millions(_ v: Double?) -> String {
            guard let v else { return "—" }
            return String(format: "%.1f", v / 1_000_000).replacingOccurrences(of: ".", with: ",")
        }

        static let sourceNames = IncomeSource.allCases.map(\.vietnamese)

        /// Each source's share of total income, as a table and as SVG bars (no script needed).
        static func incomeStructure(_ r: SurveyResult) -> Markup {
            let total = max(r.incomeBySource.reduce(0, +), 1)
            let shares = r.incomeBySource.map { Double($0) / Double(total) }
            let rows: [[Markup]] = zip(sourceNames, zip(r.incomeBySource, shares)).map { name, pair in
                [.text(name), .text(number(pair.0 / 1_000_000)), .text(percent(pair.1))]
            }
            let width = 480.0, barHeight = 22.0
            var svg = #"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Cơ cấu thu nhập theo nguồn" viewBox="0 0 \#(Int(width) + 260) \#(Int(barHeight * 7 + 10))" class="chart">"#
            for (i, share) in shares.enumerated() {
                let y = Double(i) * barHeight + 5
                let w = max(0, share) * width
                svg += #"<text x="0" y="\#(y + 15)" font-size="13">\#(Escape.attribute(sourceNames[i]))</text>"#
                svg += ##"<rect x="200" y="\##(y + 2)" width="\##(String(format: "%.1f", w))" height="\##(barHeight - 6)" fill="#2b6cb0"/>"##
                svg += #"<text x="\#(String(format: "%.1f", 206 + w))" y="\#(y + 15)" font-size="12">\#(percent(share))</text>"#
            }
            svg += "</svg>"
            return el("div", [], [
                table(caption: "Cơ cấu thu nhập toàn tỉnh", headers: ["Nguồn", "Triệu đồng", "Tỷ trọng"], rows: rows),
                .raw(svg),
            ])
        }
    }
}
