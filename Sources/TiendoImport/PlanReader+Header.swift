import Foundation
import TiendoCore

/// The plan's identity as its header block writes it.
struct PlanHeader {
    var id: String
    var plan: Plan
    var provinceName: String
}

extension ReadState {
    /// The issuer (and its parent), "Số: …", place and date, the summary line under "KẾ HOẠCH", and the
    /// "Căn cứ / Thực hiện / Theo đề nghị" paragraphs.
    mutating func readHeader(_ before: [PlanSource.Paragraph], title: PlanSource.Paragraph, rest: [PlanSource.Paragraph],
                             directory: AgencyDirectory) throws -> PlanHeader {
        let motto = before.firstIndex { $0.text.uppercased().hasPrefix("CỘNG HÒA") || $0.text.uppercased().hasPrefix("CỘNG HOÀ") } ?? before.count
        let issuerLines = before[..<motto].filter { PlanSource.isUpperCaseLine($0.text) }
        var number = ""
        var place = "", issued: CivilDate?
        for p in before {
            if let rest = p.text.dropPrefix("Số:") ?? p.text.dropPrefix("Số :") ?? p.text.dropPrefix("Số ") {
                number = rest.trimmingCharacters(in: .whitespaces)
                link("plan", [p.line])
            }
            if let (where_, date) = Self.placeAndDate(p.text) {
                (place, issued) = (where_, date)
                link("plan", [p.line])
            }
        }
        guard let issued else {
            throw PlanImportError("Không thấy ngày ban hành (dạng \"Quảng Ninh, ngày 23 tháng 02 năm 2024\") trước tiêu đề \"KẾ HOẠCH\" (dòng \(title.line)).")
        }
        if number.isEmpty {
            problem(.structure, line: title.line, item: "plan", text: "", "Không thấy số hiệu văn bản (\"Số: …/KH-…\"); nhập khi duyệt.")
        }
        link("plan", issuerLines.map(\.line) + [title.line])
        let (issuer, provinceName) = Self.issuer(issuerLines.map(\.text), directory: directory)
        // The summary line(s) under "KẾ HOẠCH", then the preamble.
        // The line under "KẾ HOẠCH" is the summary even when it starts like a preamble ("Thực hiện Kế hoạch số 54…").
        let firstPreamble = rest.dropFirst().firstIndex { p in ["Căn cứ", "Thực hiện", "Theo đề nghị", "Triển khai", "Để "].contains { p.text.hasPrefix($0) } } ?? rest.count
        let titleText = rest[..<firstPreamble].map(\.text).joined(separator: " ")
        link("plan", rest.map(\.line))
        let preamble = rest[firstPreamble...].map(\.text)
        let year = PlanReadingText.year(in: titleText) ?? issued.year
        let basis = preamble.filter { !$0.hasPrefix("Theo đề nghị") }.flatMap { Citations.numbers(in: $0) }.filter { $0 != number }
        let proposed = preamble.filter { $0.hasPrefix("Theo đề nghị") }
            .flatMap { Citations.numbers(in: $0.components(separatedBy: " ban hành ").first ?? $0) }.filter { $0 != number }
        let issuerCode = Self.issuerCode(ofOwnNumber: number)
        let plan = Plan(number: number, documentType: "Kế hoạch", issuedOn: issued, issuer: issuer, issuerCode: issuerCode,
                        place: place, signer: "", signerTitle: "", signatureBlock: [], title: titleText, year: year,
                        coordinator: "", provinceCode: directory.provinceCode, basis: basis.uniqued(), proposedBy: proposed.uniqued(),
                        preamble: preamble, recipients: [])
        return PlanHeader(id: Self.identifier(number: number, year: year, issued: issued), plan: plan, provinceName: provinceName)
    }

    /// "Nơi nhận" and its list, the signature block and the signer, and the appendix's own title lines.
    mutating func readClosing(_ tail: [PlanSource.Paragraph], appendixAt: Int, into plan: inout Plan) {
        var i = 0
        if i < tail.count, PlanReader.isRecipientsHeading(tail[i].text) {
            link("nơi nhận", [tail[i].line])
            // "Nơi nhận: - Ủy ban Dân tộc;" may carry its first entry on the same line.
            let sameLine = tail[i].text.split(separator: ":", maxSplits: 1).dropFirst().first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if !sameLine.isEmpty { plan.recipients.append(sameLine.dropPrefix("- ") ?? sameLine) }
            i += 1
            while i < tail.count, tail[i].text.hasPrefix("-") || tail[i].text.hasPrefix("+") {
                plan.recipients.append(String(tail[i].text.dropFirst()).trimmingCharacters(in: .whitespaces))
                link("nơi nhận", [tail[i].line])
                i += 1
            }
        }
        let signatureStarts = ["TM.", "KT.", "Q.", "TL.", "TUQ.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]
        var block: [String] = []
        while i < tail.count {
            let text = tail[i].text
            if PlanSource.isUpperCaseLine(text), signatureStarts.contains(where: { text.hasPrefix($0) }) {
                block.append(text)
                link("chữ ký", [tail[i].line])
            } else if !block.isEmpty, plan.signer.isEmpty, Self.looksLikePersonName(text) {
                plan.signer = text
                link("chữ ký", [tail[i].line])
            } else if !plan.signer.isEmpty || text.hasPrefix("PHỤ LỤC") {
                break
            }
            i += 1
        }
        plan.signatureBlock = block
        plan.signerTitle = block.filter { !$0.hasPrefix("TM.") }.map(Self.sentenceCase).joined(separator: ", ")
        // Whatever stands after the signer is the appendix's title ("PHỤ LỤC", "(Kèm theo …)"): the table is a block of its own.
        let titleLines = tail[min(i, tail.count)...]
        if titleLines.contains(where: { $0.text.uppercased().hasPrefix("PHỤ LỤC") }) {
            plan.appendixTitle = titleLines.map(\.text).filter { !$0.allSatisfy { $0 == "-" || $0 == " " } }
            link("phụ lục", titleLines.map(\.line))
        }
    }

    /// "Quảng Ninh, ngày 23 tháng 02 năm 2024" → ("Quảng Ninh", 23/02/2024).
    static func placeAndDate(_ text: String) -> (String, CivilDate)? {
        guard let match = text.firstMatch(of: /^(.+?),\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/),
              let d = Int(match.2), let m = Int(match.3), let y = Int(match.4), let date = CivilDate(year: y, month: m, day: d) else { return nil }
        return (String(match.1).trimmingCharacters(in: .whitespaces), date)
    }

    /// "ỦY BAN NHÂN DÂN / TỈNH QUẢNG NINH" → "UBND tỉnh Quảng Ninh"; "UBND TỈNH QUẢNG NINH / BAN DÂN TỘC" → the
    /// directory's "Ban Dân tộc" (the second line issues, the first is its parent).
    static func issuer(_ lines: [String], directory: AgencyDirectory) -> (String, String) {
        let province = lines.compactMap { line -> String? in
            let words = line.split(separator: " ")
            guard let k = words.firstIndex(where: { $0.uppercased() == "TỈNH" || $0.uppercased() == "THÀNH PHỐ" }) else { return nil }
            return words[(k + 1)...].map { titled(String($0)) }.joined(separator: " ")
        }.first ?? ""
        guard let last = lines.last else { return ("", province) }
        let committee = ["ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "UBND"]
        /// "HUYỆN BÌNH LIÊU" → "UBND huyện Bình Liêu".
        func committeeOf(_ place: String) -> String {
            let words = place.split(separator: " ").map(String.init)
            guard let first = words.first else { return "UBND" }
            return "UBND " + ([first.lowercased()] + words.dropFirst().map(titled)).joined(separator: " ")
        }
        if lines.count >= 2, committee.contains(lines[lines.count - 2].uppercased()) { return (committeeOf(last), province) }
        if let known = directory.resolve(last) { return (known.name, province) }
        // "ỦY BAN NHÂN DÂN XÃ …" on one line, for a unit the directory does not know.
        if let word = committee.first(where: { last.uppercased().hasPrefix($0 + " ") }) {
            return (committeeOf(String(last.dropFirst(word.count + 1))), province)
        }
        return (sentenceCase(last), province)
    }

    /// "QUẢNG" → "Quảng".
    static func titled(_ word: String) -> String { word.prefix(1).uppercased() + word.dropFirst().lowercased() }

    /// "PHÓ CHỦ TỊCH" → "Phó Chủ tịch", "KT. CHỦ TỊCH" → "KT. Chủ tịch": as titles are written in running text.
    static func sentenceCase(_ line: String) -> String {
        let words = line.split(separator: " ").map(String.init)
        return words.enumerated().map { k, w in
            if w.hasSuffix("."), w.count <= 4 { return w }
            if w.uppercased() == "CHỦ" { return "Chủ" }
            return k == 0 || (k == 1 && words[0].hasSuffix(".")) ? titled(w) : w.lowercased()
        }.joined(separator: " ")
    }

    static func looksLikePersonName(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        return (2...5).contains(words.count) && words.allSatisfy { w in w.first?.isUppercase == true && w.dropFirst().allSatisfy { $0.isLowercase } }
    }

    /// "54/KH-UBND" → "UBND": the issuing body's code written after the document type.
    static func issuerCode(ofOwnNumber number: String) -> String {
        guard let slash = number.firstIndex(of: "/") else { return "" }
        let rest = number[number.index(after: slash)...]
        return rest.split(separator: "-").dropFirst().joined(separator: "-")
    }

    /// "54/KH-UBND" of 2024 → "kh-54-ubnd-2024": ASCII, stable, readable in a URL.
    static func identifier(number: String, year: Int, issued: CivilDate) -> String {
        let parts = number.split(separator: "/")
        var ordered: [String] = ["kh", number.isEmpty ? issued.iso : number]
        if parts.count >= 2 {
            let codes: [String] = parts[1].split(separator: "-").map(String.init)
            ordered = [codes.first ?? "", String(parts[0])] + Array(codes.dropFirst())
            ordered += parts.dropFirst(2).map(String.init)
        }
        let slug = (ordered + [String(year)]).map(asciiSlug).filter { !$0.isEmpty }.joined(separator: "-")
        return slug
    }

    static func asciiSlug(_ text: String) -> String {
        let folded = text.replacingOccurrences(of: "Đ", with: "D").replacingOccurrences(of: "đ", with: "d")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX")).lowercased()
        return String(folded.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
            .split(separator: "-").joined(separator: "-")
    }
}

