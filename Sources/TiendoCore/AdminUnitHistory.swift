import Foundation

/// A unit as one official list shows it, before versions are worked out.
public struct AdminUnitRow: Hashable, Sendable {
    public var code: String
    public var name: String
    public var kind: String
    public var level: AdminLevel
    public var parentCode: String?

    public init(code: String, name: String, kind: String, level: AdminLevel, parentCode: String?) {
        self.code = code
        self.name = name
        self.kind = kind
        self.level = level
        self.parentCode = parentCode
    }
}

/// An official list of units in force on a date.
public struct AdminUnitSnapshot: Sendable {
    public var inForceOn: CivilDate
    public var rows: [AdminUnitRow]

    public init(inForceOn: CivilDate, rows: [AdminUnitRow]) {
        self.inForceOn = inForceOn
        self.rows = rows
    }

    /// Reads the statistics office's CSV (../shared/data/quangninh_dvhc_*.csv layouts): districts and their communes
    /// (`district_code,…,commune_type`), or, in a two-level map (from 01/07/2025), communes directly under the province
    /// (`commune_code,commune_name,commune_type`). The province itself is not in the file and is added from `province`.
    public static func parseCSV(_ text: String, inForceOn: CivilDate, province: AdminUnitRow, file: String) throws -> AdminUnitSnapshot {
        var lines = text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).map(String.init)
        let twoTier = ["district_code", "district_name", "district_type", "commune_code", "commune_name", "commune_type"]
        let communesOnly = ["commune_code", "commune_name", "commune_type"]
        guard let header = lines.first?.replacingOccurrences(of: "\u{FEFF}", with: "") else {
            throw AdminUnitError.malformed(file: file, line: 1, message: "tệp rỗng")
        }
        let columns = header.split(separator: ",").map(AdminUnitSnapshot.cell)
        guard columns == twoTier || columns == communesOnly else {
            throw AdminUnitError.malformed(file: file, line: 1, message: "dòng tiêu đề phải là \(twoTier.joined(separator: ",")) hoặc \(communesOnly.joined(separator: ","))")
        }
        lines.removeFirst()
        var rows = [province]
        var districts: Set<String> = [], codes: Set<String> = []
        for (offset, line) in lines.enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { cell -> String in
                let text = AdminUnitSnapshot.cell(cell)
                // Names are compared composed (NFC) however they were typed; ASCII (codes) needs no composing.
                return text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCanonicalMapping
            }
            guard cells.count == columns.count, !cells.contains(where: \.isEmpty) else {
                throw AdminUnitError.malformed(file: file, line: offset + 2, message: "cần đủ \(columns.count) cột không rỗng")
            }
            let commune = Array(cells.suffix(3))
            guard codes.insert(commune[0]).inserted else {
                throw AdminUnitError.malformed(file: file, line: offset + 2, message: "mã \(commune[0]) đã có ở dòng trước")
            }
            var parent = province.code
            if columns == twoTier {
                if districts.insert(cells[0]).inserted {
                    rows.append(AdminUnitRow(code: cells[0], name: cells[1], kind: cells[2], level: .district, parentCode: province.code))
                }
                parent = cells[0]
            }
            rows.append(AdminUnitRow(code: commune[0], name: commune[1], kind: commune[2], level: .commune, parentCode: parent))
        }
        return AdminUnitSnapshot(inForceOn: inForceOn, rows: rows)
    }

    /// A cell without the spaces around it. Every command reads the maps when it starts: Foundation's trimming (through
    /// NSString) was most of that time.
    static func cell(_ raw: Substring) -> String {
        var cell = raw
        while cell.first?.isWhitespace == true { cell.removeFirst() }
        while cell.last?.isWhitespace == true { cell.removeLast() }
        return String(cell)
    }
}

/// A decision that changed the map between two lists.
public struct AdminUnitChange: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case merge, rename, reclassify, transfer
        /// The unit ceases to exist with no successor of its own level (districts on 2025-07-01).
        case abolish
    }
    public var effectiveOn: CivilDate
    public var decision: String?
    public var kind: Kind
    public var from: [String]
    /// The code of the unit that continues; nil for `abolish`.
    public var into: String?
    public var note: String?
}

public enum AdminUnitError: Error, Equatable, CustomStringConvertible {
    case malformed(file: String, line: Int, message: String)
    case unexplainedDisappearance(code: String, name: String, on: CivilDate)
    case unknownCode(code: String, change: String)

    public var description: String {
        switch self {
        case let .malformed(file, line, message):
            "\(file), dòng \(line): \(message)"
        case let .unexplainedDisappearance(code, name, date):
            "Đơn vị \(code) (\(name)) không còn trong danh mục ngày \(date.vietnamese) nhưng không có thay đổi nào nói nó đi đâu: thêm một mục \"changes\" có \"from\": [\"\(code)\"]."
        case let .unknownCode(code, change):
            "Thay đổi \"\(change)\" nêu mã \(code) không có trong danh mục: sửa mã trong mục \"changes\"."
        }
    }
}

/// Works out unit versions and successor links from consecutive official lists plus the decisions between them.
public enum AdminUnitHistory {
    /// `crosswalks` redraw the whole map on their date (each named by its file for errors); `changes` are the
    /// decisions between lists that keep most units (a merger here, a rename there).
    public static func build(snapshots: [AdminUnitSnapshot], changes: [AdminUnitChange],
                             crosswalks: [(file: String, crosswalk: AdminUnitCrosswalk)] = []) throws -> AdminUnitRegistry {
        let ordered = snapshots.sorted { $0.inForceOn < $1.inForceOn }
        guard let first = ordered.first else { return AdminUnitRegistry(units: [], links: []) }
        // Open versions by code; closed ones move to `closed`.
        var open: [String: AdminUnit] = [:]
        for row in first.rows { open[row.code] = unit(row, from: nil) }
        var closed: [AdminUnit] = []
        var links: [AdminUnitLink] = []

        for (previous, snapshot) in zip(ordered, ordered.dropFirst()) {
            if let (file, crosswalk) = crosswalks.first(where: { $0.crosswalk.effectiveOn == snapshot.inForceOn }) {
                try crosswalk.check(old: Array(open.values), new: snapshot.rows, file: file)
                let date = crosswalk.effectiveOn
                var fresh: [String: AdminUnit] = [:]
                for row in snapshot.rows where open[row.code].map({ $0.level != .province }) ?? true { fresh[row.code] = unit(row, from: date) }
                let targets = Dictionary(grouping: crosswalk.rows, by: \.oldCode)
                // Every unit of the old map ends (districts with no successor: the level is abolished); each commune
                // links to the unit(s) that received it, whole or in part.
                for (code, old) in open where old.level != .province {
                    var ended = old; ended.validTo = date
                    closed.append(ended); open[code] = nil
                    for row in targets[code] ?? [] {
                        guard let successor = fresh[row.newCode] else { continue }
                        links.append(AdminUnitLink(fromKey: ended.versionKey, toKey: successor.versionKey, kind: row.whole ? .merge : .split,
                                                   effectiveOn: date, decision: crosswalk.decision))
                    }
                }
                for (code, unit) in fresh { open[code] = unit }
                continue
            }
            let rows = Dictionary(snapshot.rows.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            let window = changes.filter { $0.effectiveOn <= snapshot.inForceOn && $0.effectiveOn > previous.inForceOn }
            for change in window {
                for code in change.from + [change.into].compactMap({ $0 }) where open[code] == nil && rows[code] == nil {
                    throw AdminUnitError.unknownCode(code: code, change: change.note ?? change.kind.rawValue)
                }
            }
            func change(mentioning code: String) -> AdminUnitChange? {
                window.first { $0.from.contains(code) || $0.into == code }
            }
            // 1. Close every version that ends here and open its replacement.
            for (code, old) in open.sorted(by: { $0.key < $1.key }) {
                let effective = change(mentioning: code)?.effectiveOn ?? snapshot.inForceOn
                if let row = rows[code] {
                    let absorbs = window.contains { $0.kind == .merge && $0.into == code }
                    guard absorbs || row.name != old.name || row.kind != old.kind || row.parentCode != old.parentCode else { continue }
                    var ended = old; ended.validTo = effective
                    let new = unit(row, from: effective)
                    closed.append(ended); open[code] = new
                    let kind: AdminUnitLink.Kind = absorbs ? .merge
                        : row.kind != old.kind ? .reclassify
                        : row.name != old.name ? .rename : .transfer
                    links.append(AdminUnitLink(fromKey: ended.versionKey, toKey: new.versionKey, kind: kind,
                                               effectiveOn: effective, decision: change(mentioning: code)?.decision,
                                               note: change(mentioning: code)?.note))
                } else {
                    guard let decided = window.first(where: { $0.from.contains(code) }) else {
                        throw AdminUnitError.unexplainedDisappearance(code: code, name: old.name, on: snapshot.inForceOn)
                    }
                    var ended = old; ended.validTo = decided.effectiveOn
                    closed.append(ended); open[code] = nil
                    if let into = decided.into, let target = rows[into] {
                        // The receiving unit gets a version starting that day (it absorbs territory), whether or
                        // not it has been processed yet; its key is known either way.
                        let successor = unit(target, from: decided.effectiveOn)
                        links.append(AdminUnitLink(fromKey: ended.versionKey, toKey: successor.versionKey, kind: .merge,
                                                   effectiveOn: decided.effectiveOn, decision: decided.decision, note: decided.note))
                    }
                }
            }
            // 2. Units that appear for the first time.
            for row in snapshot.rows where open[row.code] == nil {
                open[row.code] = unit(row, from: change(mentioning: row.code)?.effectiveOn ?? snapshot.inForceOn)
            }
        }
        return AdminUnitRegistry(units: closed + open.values, links: links)
    }

    private static func unit(_ row: AdminUnitRow, from: CivilDate?) -> AdminUnit {
        AdminUnit(code: row.code, name: row.name, kind: row.kind, level: row.level, parentCode: row.parentCode, validFrom: from)
    }
}
