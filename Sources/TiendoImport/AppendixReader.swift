import Foundation
import TiendoCore

/// Reads the appendix table: its header names the columns (STT, nội dung, chủ trì, phối hợp, thời gian); a row
/// numbered with a Roman numeral starts a group, a row numbered 1, 2, … is a task.
struct AppendixReader {
    var state: ReadState
    let assignees: AssigneeParser
    let plan: Plan

    mutating func read(_ rows: [[PlanSource.Cell]], into document: inout PlanDocument) {
        guard let header = rows.first else { return }
        let names = header.map { AgencyDirectory.normalise($0.map(\.text).joined(separator: " ")) }
        func column(_ prefixes: [String]) -> Int? { names.firstIndex { n in prefixes.contains { n.hasPrefix($0) } } }
        let task = column(["nhiệm vụ", "nội dung", "tên nhiệm vụ"]) ?? 1
        let lead = column(["chủ trì", "cơ quan chủ trì", "đơn vị chủ trì"]) ?? 2
        let coordinating = column(["phối hợp", "cơ quan phối hợp", "đơn vị phối hợp"]) ?? 3
        let due = column(["thời gian", "thời hạn"]) ?? 4
        var group = ""
        for row in rows.dropFirst() {
            let texts = row.map { $0.map(\.text).joined(separator: " ") }
            let lines = row.flatMap { $0.map(\.line) }
            guard let first = texts.first?.trimmingCharacters(in: .whitespaces), !first.isEmpty else { continue }
            if let numeral = RomanNumeral.value(first) {
                group = RomanNumeral.string(numeral)
                let title = texts.dropFirst().filter { !$0.isEmpty }.first ?? ""
                document.appendixGroups.append(AppendixGroup(code: group, title: title))
                state.link("PL.\(group)", lines)
                continue
            }
            guard let number = Int(first.trimmingCharacters(in: CharacterSet(charactersIn: "."))) else {
                state.problem(.structure, line: lines.first, item: "phụ lục", text: first,
                              "Dòng \(lines.first ?? 0): hàng của Phụ lục không bắt đầu bằng số thứ tự (\"\(first.clipped(to: 40))\"); bỏ qua hàng này.")
                continue
            }
            let code = "PL.\(number)"
            state.link(code, lines)
            guard row.count > max(task, lead, due) else {
                state.problem(.structure, line: lines.first, item: code, text: texts.joined(separator: " | "),
                              "Dòng \(lines.first ?? 0) (\(code)): hàng có \(row.count) ô, cần đủ các cột nội dung, chủ trì, phối hợp, thời gian.")
                continue
            }
            var assignments: [Assignment] = []
            var written: [String] = []
            for (index, role) in [(lead, Assignment.Role.lead), (coordinating, .coordinating)] where index < row.count {
                for p in row[index] {
                    written.append(p.text)
                    let (found, unknown) = assignees.read(p.text, role: role)
                    state.unknown(unknown, line: p.line, item: code)
                    for a in found { assignments.appendOnce(a) }
                }
            }
            if !assignments.contains(where: { $0.role == .lead }) {
                state.problem(.missingLead, line: lines.first, item: code, text: texts[task].clipped(to: 60),
                              "Dòng \(lines.first ?? 0) (\(code)): không đọc được cơ quan chủ trì; chọn khi duyệt.")
            }
            let deadlineText = texts[due].trimmingCharacters(in: .whitespaces)
            let deadline = state.deadline(deadlineText, year: plan.year, line: row[due].first?.line ?? lines.first ?? 0, item: code)
            document.appendix.append(AppendixTask(number: number, group: group, text: texts[task], assignments: assignments,
                                                  assignmentText: written, deadline: deadline, relatedTasks: []))
        }
    }
}

/// The documents a plan cites ("Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ"), each once,
/// with every item that cites it.
enum Citations {
    // Regex literals are compiled each time they are evaluated: the ones run per paragraph are built once.
    /// ", ngày 14/10/2021" after a number.
    nonisolated(unsafe) static let datePattern = /^,?\s*ngày\s+(\d{1,2}\/\d{1,2}\/\d{4})/
    /// "QCVN 01-1:2018/BYT".
    nonisolated(unsafe) static let standardPattern = /QCVN\s+[\d\-:.]+\/[A-ZĐ]+/
    /// "Luật hợp tác xã năm 2023".
    nonisolated(unsafe) static let lawPattern = /Luật\s+\p{L}[\p{L} ]{2,60}?\s+năm\s+\d{4}/

    /// Document types as written before a number, longest first.
    static let types = ["Chương trình hành động", "Quyết định", "Nghị quyết", "Nghị định", "Thông tư", "Chỉ thị", "Kế hoạch",
                        "Kết luận", "Công văn", "Văn bản", "Chương trình", "Thông báo", "Hướng dẫn", "Đề án"]
    /// The type a number's own code gives ("QĐ" in "1719/QĐ-TTg").
    static let typeCodes = ["QĐ": "Quyết định", "NQ": "Nghị quyết", "NĐ": "Nghị định", "TT": "Thông tư", "CT": "Chỉ thị",
                            "KH": "Kế hoạch", "KL": "Kết luận", "CTr": "Chương trình hành động", "TB": "Thông báo", "HD": "Hướng dẫn"]
    static let issuers = ["TTg": "Thủ tướng Chính phủ", "CP": "Chính phủ", "TW": "Ban Chấp hành Trung ương Đảng", "QH": "Quốc hội",
                          "BTC": "Bộ Tài chính", "BYT": "Bộ Y tế", "UBDT": "Ủy ban Dân tộc"]

    nonisolated(unsafe) static let number = /\d{1,5}(?:\/\d{4})?[\/-][A-ZĐ][A-Za-zĐđ]*(?:[-\/][A-ZĐ][A-Za-zĐđ0-9]*)+/

    static func numbers(in text: String) -> [String] {
        text.matches(of: number).map { String($0.0) }.uniqued()
    }

    static func find(in document: PlanDocument, provinceName: String) -> [LegalDocument] {
        var texts: [(String, String)] = document.plan.preamble.map { ("căn cứ", $0) }
        texts += document.clauses.flatMap { c in ([c.heading].compactMap { $0 } + c.paragraphs).map { (c.code, $0) } }
        texts += document.targets.map { ($0.code, $0.text) }
        for group in document.taskGroups {
            texts += group.tasks.map { ($0.code, $0.text) }
            texts += (group.assignmentText ?? []).map { ("\(group.code) (phân công)", $0) }
        }
        texts += document.appendix.map { ($0.code, $0.text + " " + $0.assignmentText.joined(separator: " ")) }
        var found: [LegalDocument] = []
        func add(_ d: LegalDocument, _ item: String) {
            if let k = found.firstIndex(where: { $0.reference == d.reference }) {
                if !found[k].citedIn.contains(item) { found[k].citedIn.append(item) }
                if found[k].issuedOn == nil { found[k].issuedOn = d.issuedOn }
            } else {
                found.append(d)
            }
        }
        for (item, text) in texts {
            for m in text.matches(of: number) {
                let reference = String(m.0)
                guard reference != document.plan.number else { continue }
                let before = String(text[..<m.range.lowerBound])
                let after = String(text[m.range.upperBound...])
                let written = types.first { before.hasSuffix($0 + " số ") || before.hasSuffix($0 + " ") || before.hasSuffix($0 + " số: ") }
                let (typeCode, issuerCode) = codes(of: reference)
                let type = written.map { $0 == "Công văn" ? "Văn bản" : $0 } ?? typeCodes[typeCode] ?? "Văn bản"
                let date = after.firstMatch(of: Self.datePattern).flatMap { CivilDate(vietnamese: String($0.1)) }
                add(LegalDocument(type: type, number: reference, issuedOn: date,
                                  issuer: issuerName(issuerCode, provinceName: provinceName), issuerCode: issuerCode, citedIn: [item]), item)
            }
            for m in text.matches(of: Self.standardPattern) {
                let reference = String(m.0)
                let code = String(reference.split(separator: "/").last ?? "")
                add(LegalDocument(type: "Quy chuẩn kỹ thuật quốc gia", number: reference, issuer: issuerName(code, provinceName: provinceName),
                                  issuerCode: code, citedIn: [item]), item)
            }
            for m in text.matches(of: Self.lawPattern) {
                add(LegalDocument(type: "Luật", title: String(m.0), issuer: "Quốc hội", issuerCode: "QH", citedIn: [item]), item)
            }
        }
        return found
    }

    /// "1719/QĐ-TTg" → ("QĐ", "TTg"); "06-NQ/TU" → ("NQ", "TU"); "48/BDT-KHTH" (an office letter) → ("", "BDT").
    static func codes(of reference: String) -> (String, String) {
        let parts = reference.split(whereSeparator: { $0 == "/" || $0 == "-" }).map(String.init).filter { Int($0) == nil }
        guard let first = parts.first else { return ("", "") }
        if typeCodes[first] != nil { return (first, parts.last ?? "") }
        return ("", first)
    }

    static func issuerName(_ code: String, provinceName: String) -> String {
        let province = provinceName.isEmpty ? "" : " " + provinceName
        switch code {
        case "UBND": return "UBND tỉnh" + province
        case "HĐND": return "HĐND tỉnh" + province
        case "TU": return "Tỉnh ủy" + province
        default: return issuers[code] ?? code
        }
    }
}
