import Foundation
import TiendoCore

/// Reads the measurable figures of a target paragraph: a number with its unit ("87%", "100,0 triệu đồng/người/năm",
/// "04 làng") and the comparator words before it ("trên", "dưới", "khoảng", "ít nhất", "tối thiểu").
///
/// A number describing change against a past year ("tăng 26,652 … so với năm 2023") is not a target: it gives the
/// baseline when its unit is the target's. A sentence with no figure is returned as unread, never given one.
enum TargetReader {
    // Regex literals are compiled each time they are evaluated: the ones run per paragraph are built once.
    /// "Các xã không còn hộ nghèo".
    nonisolated(unsafe) static let noneLeftPattern = /(xã|thôn|bản|huyện|làng|hộ)\s+không còn\s+/
    /// "Mỗi xã có …".
    nonisolated(unsafe) static let eachPattern = /^\s*Mỗi\s+([\p{L}]+)/
    /// "(tăng 26,652 triệu đồng/người/năm so với năm 2023".
    nonisolated(unsafe) static let changePattern = /^\s*\(?\s*tăng\s+(\d+(?:,\d+)?)\s*(\S+)\s+so với năm\s+(\d{4})/

    struct Reading {
        var indicators: [Indicator]
        var unread: [String]
        var footnotes: [Int]
    }

    /// Units counted in whole things, after a number ("15 xã", "01 mô hình").
    static let countNouns = ["mô hình", "xã", "làng", "thôn", "bản", "hộ", "người", "huyện", "công trình", "trường",
                             "lớp", "km", "ha", "sản phẩm", "hợp tác xã", "doanh nghiệp", "lượt người", "cơ sở"]

    /// A number with its unit, not glued to a date, a document number or a decimal before it; built once.
    nonisolated(unsafe) static let figurePattern = try! Regex(
        "(?:^|[^\\d/.,\\-:])(\\d+(?:[.,]\\d+)?)\\s*(%|triệu đồng(?:/[\\p{L}]+)*|tỷ đồng|(?:"
        + countNouns.sorted { $0.count > $1.count }.joined(separator: "|") + ")(?![\\p{L}\\d]))")

    static func read(_ raw: String, code: String, planYear: Int, markers: [Marker]) -> Reading {
        var text = raw
        var footnotes: [Int] = []
        for m in markers {
            if let marker = m.find(in: text) {
                footnotes.append(m.number)
                text = text.replacingOccurrences(of: marker, with: String(marker.dropLast(String(m.number).count)))
            }
        }
        let dueOn = PlanReadingText.year(in: text, after: "hết năm").flatMap { CivilDate(year: $0, month: 12, day: 31) }
            ?? CivilDate(year: planYear, month: 12, day: 31)!
        var indicators: [Indicator] = []
        var unread: [String] = []
        for sentence in sentences(text) {
            var found = 0
            for clause in clauses(sentence) {
                for figure in figures(in: clause) {
                    found += 1
                    let indicatorCode = "\(code).\(indicators.count + 1)"
                    indicators.append(Indicator(code: indicatorCode, name: figure.name, unit: figure.unit, comparator: figure.comparator,
                                                targetValue: figure.value, baseline: figure.baseline, dueOn: dueOn, scope: [],
                                                sourceClause: code, quote: figure.quote))
                }
            }
            if found == 0 { unread.append(sentence) }
        }
        return Reading(indicators: indicators, unread: unread, footnotes: footnotes)
    }

    struct Figure {
        var value: ExactNumber
        var unit: String
        var comparator: TiendoCore.Comparator
        var name: String
        var quote: String
        var baseline: Baseline?
    }

    /// The figures of one clause (a stretch between semicolons).
    static func figures(in clause: String) -> [Figure] {
        var result: [Figure] = []
        // "không còn hộ nghèo": none left, a count that must be zero.
        if let m = clause.firstMatch(of: Self.noneLeftPattern) {
            result.append(Figure(value: ExactNumber(0), unit: String(m.1), comparator: .lte,
                                 name: clause.trimmingCharacters(in: .whitespaces).clipped(to: 120), quote: clause.trimmingCharacters(in: .whitespaces)))
        }
        for match in clause.matches(of: figurePattern) {
            guard let numberRange = match.output[1].range, let unitRange = match.output[2].range,
                  let value = ExactNumber(String(clause[numberRange])) else { continue }
            let before = String(clause[..<numberRange.lowerBound])
            let after = String(clause[unitRange.upperBound...])
            // A change against a past year, a multiple, or a year, not a target.
            let toComparison = after.range(of: "so với").map { after[..<$0.lowerBound] }
            let isChange = toComparison.map { $0.count < 40 && !$0.contains("(") && !$0.contains(where: \.isNumber) } ?? false
            if isChange || before.lowercased().hasSuffix("tăng ") || before.hasSuffix("năm ") { continue }
            var unit = String(clause[unitRange])
            if unit != "%", !unit.hasPrefix("triệu"), !unit.hasPrefix("tỷ"), let each = clause.firstMatch(of: Self.eachPattern) {
                unit += "/" + each.1
            }
            let comparator = comparator(before: before)
            var baseline: Baseline?
            if let change = after.firstMatch(of: Self.changePattern),
               String(change.2).hasPrefix(unit), let delta = ExactNumber(String(change.1)), let year = Int(change.3) {
                baseline = Baseline(value: ExactNumber(value.decimal - delta.decimal), year: year)
            }
            let quote = clause.trimmingCharacters(in: .whitespaces)
            let next = clause.matches(of: figurePattern).first { $0.range.lowerBound > unitRange.upperBound }?.range.lowerBound ?? clause.endIndex
            let items = enumeration(String(clause[unitRange.upperBound..<next]))
            if items.count > 1 {
                // "100% đơn vị đạt chuẩn A, chuẩn B, chuẩn C": one figure per standard, each measured on its own.
                for item in items {
                    result.append(Figure(value: value, unit: unit, comparator: comparator,
                                         name: "\(clause[numberRange])\(unit) \(item)".clipped(to: 120), quote: quote, baseline: baseline))
                }
                continue
            }
            result.append(Figure(value: value, unit: unit, comparator: comparator, name: quote.clipped(to: 120), quote: quote, baseline: baseline))
        }
        return result
    }

    /// What one figure applies to, when the words after it list several things of one kind: "đơn vị cấp xã đạt chuẩn A,
    /// chuẩn B và chuẩn C" → the subject with each "chuẩn …". Only a list whose items all begin with the same word
    /// is split; anything else (one thing, or "đất ở và đất sản xuất" under one figure) stays whole: empty result.
    static func enumeration(_ text: String) -> [String] {
        guard let verb = text.range(of: " đạt ") else { return [] }
        let subject = text[..<verb.upperBound].trimmingCharacters(in: .whitespaces)
        var parts = text[verb.upperBound...].components(separatedBy: ", ")
        guard let head = parts.first?.split(separator: " ").first.map(String.init), parts.count > 1 else { return [] }
        // The last item ends at "và": either one more of the list ("và chuẩn C") or the start of the next figure.
        if let last = parts.popLast() {
            let pieces = last.components(separatedBy: " và ")
            parts.append(pieces[0])
            if pieces.count > 1, pieces[1].hasPrefix(head + " ") { parts.append(pieces[1]) }
        }
        let items = parts.map { $0.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters)) }
        guard items.allSatisfy({ $0.hasPrefix(head + " ") }) else { return [] }
        return items.map { "\(subject) \($0)" }
    }

    /// The comparator the words just before a number give; "đạt", "phấn đấu" or nothing mean at least.
    static func comparator(before: String) -> TiendoCore.Comparator {
        let tail = before.lowercased().split(whereSeparator: \.isWhitespace).suffix(3).joined(separator: " ")
        if tail.hasSuffix("khoảng") || tail.hasSuffix("xấp xỉ") { return .about }
        if tail.hasSuffix("ít nhất") || tail.hasSuffix("tối thiểu") || tail.hasSuffix("không dưới") || tail.hasSuffix("từ") { return .gte }
        if tail.hasSuffix("không quá") || tail.hasSuffix("tối đa") || tail.hasSuffix("không vượt quá") { return .lte }
        if tail.hasSuffix("trên") || tail.hasSuffix("hơn") { return .gt }
        if tail.hasSuffix("dưới") { return .lt }
        return .gte
    }

    /// Sentences end at ". " before a capital letter; a decimal comma or "QCVN 01-1:2018" does not end one.
    static func sentences(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        let chars = Array(text)
        for (k, c) in chars.enumerated() {
            current.append(c)
            if c == ".", k + 2 < chars.count, chars[k + 1] == " ", chars[k + 2].isUppercase {
                result.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            }
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { result.append(current.trimmingCharacters(in: .whitespaces)) }
        return result
    }

    static func clauses(_ sentence: String) -> [String] {
        sentence.split(separator: ";").map(String.init)
    }

    /// How footnote `number`'s marker is glued to a word ("15 xã1", "của UBND tỉnh2"). Built once per footnote
    /// and read: compiling a pattern costs more than matching it against every paragraph.
    struct Marker {
        var number: Int
        let pattern: Regex<AnyRegexOutput>

        init(_ number: Int) {
            self.number = number
            pattern = try! Regex("(\\S+\\s)?\\p{L}*[\\p{L}\\)]\(number)(?=[\\s;,.:)]|$)")
        }

        /// The words the marker is glued to, if it marks this text.
        func find(in text: String) -> String? {
            text.firstMatch(of: pattern).map { String(text[$0.range]) }
        }
    }
}

/// Small readings of running text shared by the section and appendix readers.
enum PlanReadingText {
    // Regex literals are compiled each time they are evaluated: the ones run per paragraph are built once.
    /// A year right after a word.
    nonisolated(unsafe) static let yearPattern = /^\s*(\d{4})/

    /// The year written after the last `word` that has one: "Báo cáo 6 tháng đầu năm 2024" → 2024; a title
    /// "… NĂM 2021 … NĂM 2024" → 2024.
    static func year(in text: String, after word: String = "năm") -> Int? {
        var found: Int?
        var rest = text.startIndex..<text.endIndex
        while let r = text.range(of: word, options: .caseInsensitive, range: rest) {
            if let m = text[r.upperBound...].firstMatch(of: Self.yearPattern) { found = Int(m.1) }
            rest = r.upperBound..<text.endIndex
        }
        return found
    }
}
