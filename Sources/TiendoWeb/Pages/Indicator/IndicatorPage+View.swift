import Foundation
import TiendoCore

extension IndicatorPage {
    /// The indicator's figures per unit in the chosen map, the province's, and what split units reported apart.
    enum View {
        static func body(_ m: Model, _ c: PageContext) -> [Markup] {
            // An estimate is shown to one decimal; an exact count as it is.
            let number: (Decimal?) -> String = { value in
                guard var value else { return "—" }
                var rounded = Decimal()
                NSDecimalRound(&rounded, &value, 1, .plain)
                return ExactNumber(rounded).vietnamese
            }
            let value: (Decimal?) -> String = { $0.map { ExactNumber($0).vietnamese } ?? "—" }
            let mapText = "\(c.t("theo bản đồ ngày")) \(m.map.vietnamese)"
            var body: [Markup] = [
                el("p", [("class", "lead")], text: "\(m.indicator.name) (\(m.indicator.unit))"),
                el("form", [("method", "get"), ("action", SiteURL.indicator(code: m.indicator.code).bare), ("class", "filters")], [
                    c.planField,
                    select(c.t("Đọc số liệu theo bản đồ hành chính ngày"), name: Model.mapParameter,
                           options: m.maps.map { ($0.iso, $0.vietnamese) }, selected: m.map.iso),
                    el("button", [("type", "submit")], text: c.t("Xem")),
                ]),
            ]
            guard m.definition != nil else {
                return body + [el("p", [("class", "muted")], text: c.t("Chỉ tiêu này chưa có cách tính từ số liệu."))]
            }
            let headers = [c.t("Đơn vị"), c.t("Tử số"), c.t("Mẫu số"), c.t("Giá trị"), c.t("Gồm số liệu của")]
            if let p = m.province {
                body.append(el("p", [], [el("strong", [], text: "\(p.unit.name), \(m.year.label), \(mapText): \(value(p.value))"),
                                         .text(p.numerator.map { " (\(number($0))/\(number(p.denominator)))" } ?? ""),
                                         .text(m.coverage.map { "; " + c.t("dựa trên") + " \($0.vietnamese)"
                                             + (m.map > m.year.end ? " (\(c.t("bản đồ ngày")) \(m.year.end.vietnamese))" : "") } ?? "")]))
            }
            body.append(m.rows.isEmpty ? el("p", [("class", "muted")], text: c.t("Chưa có số liệu được duyệt cho năm này."))
                        : table(caption: "\(m.year.label), \(mapText)", headers: headers, rows: m.rows.map { r in
                [.text(r.unit.name), .text(number(r.numerator)), .text(number(r.denominator)),
                 r.isEstimate ? el("span", [], [.text(value(r.value) + " "), el("span", [("class", "badge s-estimate")], text: c.t("ước tính"))]) : .text(value(r.value)),
                 .text(r.from.map { "\($0.name) (\($0.code))" }.joined(separator: ", ")
                       + (r.isEstimate ? "; " + c.t("tỷ lệ phân chia") + ": " + r.shares.map { "\($0.fromKey.split(separator: "@").first ?? "") → \($0.toCode): \($0.numerator)/\($0.denominator) (\($0.source))" }.joined(separator: "; ") : ""))]
            }))
            if !m.unallocated.isEmpty {
                let total = (m.unallocated.compactMap(\.numerator).reduce(Decimal(0), +), m.unallocated.compactMap(\.denominator).reduce(Decimal(0), +))
                body.append(el("h2", [("id", "khong-phan-bo")], text: c.t("Không phân bổ được")))
                body.append(el("p", [], text: c.t("Các đơn vị dưới đây đã được chia cho nhiều đơn vị mới; chưa có tỷ lệ phân chia nên số liệu của chúng không cộng vào đơn vị nào, chỉ cộng vào tổng của tỉnh.")))
                body.append(table(caption: c.t("Không phân bổ được"), headers: [c.t("Đơn vị cũ"), c.t("Tử số"), c.t("Mẫu số"), c.t("Chia cho")],
                                  rows: m.unallocated.map { u in
                    [.text("\(u.unit.name) (\(u.unit.code))"), .text(number(u.numerator)), .text(number(u.denominator)),
                     .text(u.successors.map(\.name).joined(separator: ", "))]
                } + [[el("strong", [], text: c.t("Cộng")), .text(number(total.0)), .text(number(total.1)), .text("")]]))
            }
            return body
        }
    }
}
