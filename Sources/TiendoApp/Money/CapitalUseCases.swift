import Foundation
import TiendoCore
import TiendoStore

/// Opens a capital line: Ban Dân tộc or the finance side; its holder must exist in the directory on the plan year.
public struct AddCapitalLine: Sendable {
    public var line: CapitalLine

    public init(_ line: CapitalLine) { self.line = line }

    public func run(_ app: AppContext, by caller: Caller) async throws {
        try Policy.require(caller.principal, .manageCapital)
        let id = try FreeText.check(line.id, field: "line", maxLength: 80)
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw AppError.invalid("Mã dòng vốn \"\(id.clipped(to: 40))\" chỉ gồm chữ, số và - _ . (ví dụ 2024-DA4-DTPT-NSTW-SGTVT).")
        }
        guard (2000...2100).contains(line.year) else { throw AppError.invalid("Năm kế hoạch \(line.year) không hợp lệ.") }
        if let project = line.project, !(1...10).contains(project) { throw AppError.invalid("Dự án \(project): Chương trình có Dự án 1 đến 10.") }
        guard CapitalSource.standard.contains(where: { $0.code == line.source }) else {
            throw AppError.invalid("Nguồn vốn \"\(line.source.clipped(to: 40))\" không có; dùng: \(CapitalSource.standard.map(\.code).joined(separator: ", ")).")
        }
        if case let .extended(from) = line.origin, from >= line.year {
            throw AppError.invalid("Vốn kéo dài từ năm \(from) phải từ năm trước năm kế hoạch \(line.year).")
        }
        _ = try CapitalHolders.reporter(line.holder, directory: try await app.loadedPlan().directory)
        var checked = line
        checked.id = id
        try await CapitalBook(app.db).addLine(checked, by: caller.actor)
    }
}

/// Records a decision on a line, checked against the line's figures (`CapitalRules`) in the same transaction.
public struct RecordCapitalEvent: Sendable {
    public var event: CapitalEvent

    public init(_ event: CapitalEvent) { self.event = event }

    public func run(_ app: AppContext, by caller: Caller) async throws {
        try Policy.require(caller.principal, .manageCapital)
        var event = self.event
        event.decision.number = try FreeText.check(event.decision.number, field: "decision", maxLength: 60)
        event.decision.issuer = try FreeText.check(event.decision.issuer, field: "issuer", maxLength: 200)
        event.target = try event.target.map { try FreeText.check($0, field: "target", maxLength: 80) }.flatMap(\.nilIfEmpty)
        if event.kind == .allocate, let target = event.target {
            let works = try await CapitalBook(app.db).works().map(\.code)
            let directory = try await app.loadedPlan().directory
            guard works.contains(target) || directory.units.contains(code: target) else {
                throw AppError.invalid("Phân bổ cho \"\(target.clipped(to: 40))\": không phải mã công trình hay mã đơn vị hành chính.")
            }
        }
        let checked = event
        try await CapitalBook(app.db).record(checked, by: caller.actor) { line, figures, lines in
            try CapitalRules.check(checked, line: line, figures: figures, lines: lines)
        }
    }
}

/// A month's disbursement reported by the line's holder, Ban Dân tộc or the finance side; an overrun of the plan is
/// stored only with a comment.
public struct RecordDisbursement: Sendable {
    public var month: Disbursement
    public var comment: String?

    public init(_ month: Disbursement, comment: String? = nil) { (self.month, self.comment) = (month, comment) }

    public func run(_ app: AppContext, by caller: Caller, today: CivilDate = AppClock.today()) async throws {
        let book = CapitalBook(app.db)
        let lineId = self.month.lineId
        guard let line = try await book.lines().first(where: { $0.id == lineId }) else {
            throw AppError.notFound("Không có dòng vốn mã \"\(lineId.clipped(to: 40))\".")
        }
        let holder = try CapitalHolders.reporter(line.holder, directory: try await app.loadedPlan().directory)
        try Policy.require(caller.principal, .reportDisbursement(holder: holder))
        let comment = try self.comment.map { try FreeText.check($0, field: "comment", maxLength: 2_000) }.flatMap(\.nilIfEmpty)
        var month = self.month
        month.reportedBy = caller.principal.username
        // Typed by the finance side it is the finance figure; by anyone else (the holder, Ban Dân tộc for it), the holder's.
        month.source = caller.principal.holds(.financeOfficer) ? .finance : .holder
        let checked = month
        try await book.record(checked, comment: comment, by: caller.actor) { figures, months, after in
            try CapitalRules.check(checked, figures: figures, reportedMonths: months, today: today, comment: comment, after: after)
        }
    }
}

public enum CapitalHolders {
    /// The reporter a holder is: an agency of the directory, or a unit's People's Committee read in its map.
    public static func reporter(_ holder: CapitalHolder, directory: AgencyDirectory) throws -> Reporter {
        switch holder {
        case let .agency(name):
            guard case let .agency(agency)? = directory.resolve(name) else {
                throw AppError.invalid("Chủ đầu tư \"\(name.clipped(to: 60))\" không có trong danh mục cơ quan.")
            }
            return Reporter(agency, directory: directory, on: .today())
        case let .unit(code, date):
            guard let unit = directory.units.unit(code: code, at: date), unit.level != .province else {
                throw AppError.invalid("Không có đơn vị cấp huyện hay cấp xã mã \"\(code.clipped(to: 20))\" trên bản đồ ngày \(date.vietnamese).")
            }
            return Reporter(unit, in: directory.units)
        }
    }
}
