import Foundation

/// A problem found in submitted figures: errors block submission, warnings need a kept comment.
public struct DataIssue: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Codable { case error, warning }
    public var severity: Severity
    /// "range", "ratio", "pair", "source", "districtTotal", "cumulative", "outlier".
    public var rule: String
    public var element: String
    public var unitCode: String
    public var message: String

    public init(severity: Severity, rule: String, element: String, unitCode: String, message: String) {
        self.severity = severity
        self.rule = rule
        self.element = element
        self.unitCode = unitCode
        self.message = message
    }

    public var description: String { "\(severity == .error ? "Lỗi" : "Cảnh báo") [\(unitCode) · \(element)]: \(message)" }
}

/// The checks run on a batch of figures before it may be submitted.
public enum DataValidation {
    /// Pairs that must satisfy numerator ≤ denominator, taken from the ratio definitions (a rate above 100% is a typo).
    public static func boundedPairs(_ definitions: [IndicatorDefinition]) -> [(part: String, whole: String)] {
        definitions.compactMap { definition in
            guard case let .ratio(numerator, denominator, factor) = definition.formula, factor.numerator == 100, factor.denominator == 1 else {
                return nil
            }
            return (numerator, denominator)
        }
    }

    /// Checks `batch` (one reporter, one period) against the rules; `history` holds earlier values for outliers,
    /// `communeTotals` the sums of a district's communes for the same elements, `yearValues` the year's values
    /// of the same units when `batch` is a part of the year.
    public static func check(_ batch: [DataValue], elements: [String: DataElement], definitions: [IndicatorDefinition],
                             history: [DataValue] = [], communeTotals: [String: Int] = [:],
                             yearValues: [DataValue] = []) -> [DataIssue] {
        var issues: [DataIssue] = []
        let byKey = Dictionary(batch.map { ("\($0.unitCode)|\($0.element)", $0) }, uniquingKeysWith: { _, last in last })
        for value in batch {
            guard let element = elements[value.element] else {
                issues.append(DataIssue(severity: .error, rule: "element", element: value.element, unitCode: value.unitCode,
                                        message: "Chỉ tiêu dữ liệu \"\(value.element)\" không có trong biểu mẫu."))
                continue
            }
            if value.value > element.maximum {
                issues.append(DataIssue(severity: .error, rule: "range", element: value.element, unitCode: value.unitCode,
                                        message: "\(element.name) vượt quá giới hạn hợp lý \(ExactNumber(Decimal(element.maximum)).vietnamese) \(element.unit) (nhận được \(value.value))."))
            }
            if value.value < 0 {
                issues.append(DataIssue(severity: .error, rule: "range", element: value.element, unitCode: value.unitCode,
                                        message: "\(element.name) không thể âm (nhận được \(value.value))."))
            }
            if element.unit.contains("0/1") && !(0...1).contains(value.value) {
                issues.append(DataIssue(severity: .error, rule: "range", element: value.element, unitCode: value.unitCode,
                                        message: "\(element.name) chỉ nhận 0 hoặc 1 (nhận được \(value.value))."))
            }
            if let total = communeTotals[value.element], total != value.value {
                issues.append(DataIssue(severity: .warning, rule: "districtTotal", element: value.element, unitCode: value.unitCode,
                                        message: "Tổng của huyện (\(value.value)) khác tổng các xã (\(total)); ghi rõ lý do."))
            }
            if element.temporal == .flow, value.period.kind != .year,
               let whole = yearValues.first(where: { $0.element == value.element && $0.unitCode == value.unitCode && $0.period.covers(value.period) }),
               value.value > whole.value {
                issues.append(DataIssue(severity: .error, rule: "cumulative", element: value.element, unitCode: value.unitCode,
                                        message: "Số lũy kế \(value.period.label) (\(value.value)) lớn hơn số cả năm (\(whole.value))."))
            }
            let past = history.filter { $0.element == value.element && $0.unitCode == value.unitCode && $0.period < value.period }
                .sorted { $0.period < $1.period }.suffix(4).map(\.value)
            if past.count >= 2, let reference = past.sorted()[past.count / 2] as Int?, reference > 0,
               value.value > reference * 3 || value.value * 3 < reference {
                issues.append(DataIssue(severity: .warning, rule: "outlier", element: value.element, unitCode: value.unitCode,
                                        message: "\(value.value) khác xa các kỳ trước (trung vị \(reference)); kiểm tra lại hoặc ghi lý do."))
            }
        }
        // A rate needs both its terms from the same unit: a numerator alone would be summed against other units'
        // denominators (a coverage rate of 191 %).
        var seenPairs = Set<String>()
        for definition in definitions {
            // Only where one reporter enters both: a rate whose terms come from different reporters is paired in the roll-up.
            guard case let .ratio(numerator, denominator, _) = definition.formula, let n = elements[numerator], let d = elements[denominator],
                  n.source == d.source, seenPairs.insert(numerator + "|" + denominator).inserted else { continue }
            for value in batch where value.element == numerator && byKey["\(value.unitCode)|\(denominator)"] == nil {
                issues.append(DataIssue(severity: .error, rule: "pair", element: denominator, unitCode: value.unitCode,
                                        message: "Có \(elements[numerator]?.name ?? numerator) nhưng thiếu \(elements[denominator]?.name ?? denominator); "
                                            + "nhập cả hai để tính tỷ lệ."))
            }
        }
        for (part, whole) in boundedPairs(definitions) {
            for value in batch where value.element == part {
                if let total = byKey["\(value.unitCode)|\(whole)"], value.value > total.value {
                    issues.append(DataIssue(severity: .error, rule: "ratio", element: part, unitCode: value.unitCode,
                                            message: "\(elements[part]?.name ?? part) (\(value.value)) lớn hơn \(elements[whole]?.name ?? whole) (\(total.value))."))
                }
            }
        }
        return issues
    }
}

extension DataValidation {
    /// Figures given for a unit of another level than their element's (a commune's value for a district-level
    /// element, a district's for a commune-level one), or for a unit the map does not know: the roll-up would count
    /// them in the wrong place or not at all. The forms refuse them by their source rule; this is the same check
    /// for files of figures (`tiendo rollup`).
    public static func levelIssues(_ values: [DataValue], elements: [String: DataElement], units: AdminUnitRegistry) -> [DataIssue] {
        // A file repeats each unit and day many times (every element, every month): each is looked up once,
        // keyed without building a string per figure.
        struct Key: Hashable { var code: String; var day: Int }
        var levels: [Key: AdminUnit?] = [:]
        var issues: [DataIssue] = []
        for value in values {
            guard let element = elements[value.element] else {
                issues.append(DataIssue(severity: .error, rule: "element", element: value.element, unitCode: value.unitCode,
                                        message: "Chỉ tiêu dữ liệu \"\(value.element)\" không có trong danh mục."))
                continue
            }
            let key = Key(code: value.unitCode, day: value.period.end.dayNumber)
            let unit: AdminUnit?
            if let known = levels[key] { unit = known } else {
                unit = units.unit(code: value.unitCode, asOf: value.period.end)
                levels[key] = unit
            }
            guard let unit else {
                issues.append(DataIssue(severity: .error, rule: "unit", element: value.element, unitCode: value.unitCode,
                                        message: "Mã đơn vị \(value.unitCode) không có trên bản đồ hành chính (kỳ \(value.period.code))."))
                continue
            }
            if unit.level != element.level {
                issues.append(DataIssue(severity: .error, rule: "level", element: value.element, unitCode: value.unitCode,
                                        message: "\(unit.name) (cấp \(unit.level.vietnamese)), kỳ \(value.period.code): \(element.name) "
                                            + "chỉ nhập cho đơn vị cấp \(element.level.vietnamese)."))
            }
        }
        return issues
    }
}
