import Foundation

/// Where every unit of one map went in the next, as a list of (old unit → new unit, whole or part) rows: how a
/// reorganisation that redraws the whole map (NQ 1679/NQ-UBTVQH15, 01/07/2025) is given as data.
///
/// With a crosswalk, every unit of the old map ends on the effective date and every unit of the new map begins on
/// it, even one that kept its code: 27 of Quảng Ninh's 54 units of 2025 carry a code that was another unit's.
public struct AdminUnitCrosswalk: Sendable {
    public struct Row: Hashable, Sendable {
        public var oldCode: String
        public var newCode: String
        /// The whole old unit went to the new one (`true`), or only part of it (the old unit was split).
        public var whole: Bool
        /// The line of the file it came from, for errors.
        public var line: Int
    }

    /// The first day of the new map.
    public var effectiveOn: CivilDate
    public var decision: String?
    public var rows: [Row]

    public init(effectiveOn: CivilDate, decision: String?, rows: [Row]) {
        (self.effectiveOn, self.decision, self.rows) = (effectiveOn, decision, rows)
    }

    /// Reads `old_commune_code,old_commune_name,old_district_code,new_commune_code,new_commune_name,part` with `part`
    /// `full` or `partial` (../shared/data/quangninh_crosswalk_*.csv).
    public static func parseCSV(_ text: String, effectiveOn: CivilDate, decision: String?, file: String) throws -> AdminUnitCrosswalk {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        let expected = ["old_commune_code", "old_commune_name", "old_district_code", "new_commune_code", "new_commune_name", "part"]
        guard let header = lines.first?.replacingOccurrences(of: "\u{FEFF}", with: ""),
              header.split(separator: ",").map(AdminUnitSnapshot.cell) == expected else {
            throw AdminUnitError.malformed(file: file, line: 1, message: "dòng tiêu đề phải là \(expected.joined(separator: ","))")
        }
        var rows: [Row] = []
        for (offset, line) in lines.enumerated().dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(AdminUnitSnapshot.cell)
            guard cells.count == 6, !cells[0].isEmpty, !cells[3].isEmpty else {
                throw AdminUnitError.malformed(file: file, line: offset + 1, message: "cần 6 cột, có mã đơn vị cũ và mới")
            }
            guard cells[5] == "full" || cells[5] == "partial" else {
                throw AdminUnitError.malformed(file: file, line: offset + 1, message: "cột part phải là full hoặc partial, không phải \"\(cells[5])\"")
            }
            rows.append(Row(oldCode: cells[0], newCode: cells[3], whole: cells[5] == "full", line: offset + 1))
        }
        return AdminUnitCrosswalk(effectiveOn: effectiveOn, decision: decision, rows: rows)
    }

    /// Checks the crosswalk against the two maps: every old commune goes somewhere, every new unit comes from
    /// somewhere, a unit split among several is `partial` in each row and one that went whole is `full`.
    func check(old: [AdminUnit], new: [AdminUnitRow], file: String) throws {
        let oldCodes = Set(old.map(\.code)), newCodes = Set(new.map(\.code))
        for row in rows {
            guard oldCodes.contains(row.oldCode) else {
                throw AdminUnitError.malformed(file: file, line: row.line, message: "mã cũ \(row.oldCode) không có trong bản đồ trước ngày \(effectiveOn.vietnamese)")
            }
            guard newCodes.contains(row.newCode) else {
                throw AdminUnitError.malformed(file: file, line: row.line, message: "mã mới \(row.newCode) không có trong danh mục từ ngày \(effectiveOn.vietnamese)")
            }
        }
        let byOld = Dictionary(grouping: rows, by: \.oldCode)
        for (code, targets) in byOld where (targets.count > 1 && targets.contains(where: \.whole)) || (targets.count == 1 && !targets[0].whole) {
            let line = targets.map(\.line).min() ?? 0
            throw AdminUnitError.malformed(file: file, line: line, message: "đơn vị \(code) đi vào \(targets.count) đơn vị mới: mỗi dòng của nó phải là \(targets.count > 1 ? "partial" : "full")")
        }
        for unit in old where unit.level == .commune && byOld[unit.code] == nil {
            throw AdminUnitError.unexplainedDisappearance(code: unit.code, name: unit.name, on: effectiveOn)
        }
        let received = Set(rows.map(\.newCode))
        if let orphan = new.first(where: { $0.level == .commune && !received.contains($0.code) }) {
            throw AdminUnitError.malformed(file: file, line: 1, message: "đơn vị mới \(orphan.code) (\(orphan.name)) không nhận đơn vị cũ nào")
        }
    }
}
