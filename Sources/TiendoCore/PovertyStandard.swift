import Foundation

/// Urban (phường, thị trấn) or rural (xã): the poverty thresholds differ.
public enum Area: String, Hashable, Sendable, Codable, CaseIterable {
    case rural, urban

    /// Derived from the commune's type when a survey leaves the area empty.
    public init(communeType: String) {
        let type = communeType.lowercased()
        self = type.hasPrefix("phường") || type.hasPrefix("thị trấn") ? .urban : .rural
    }
}

/// Where a household stands under a standard.
public enum PovertyClass: String, Hashable, Sendable, Codable {
    case poor, nearPoor, notPoor
}

/// A multidimensional poverty standard as data: thresholds of income per person per month by area, an optional
/// average-living band, and how many of the 12 deprivations make a low-income household poor. A new standard is
/// a new entry in `poverty-standards.json`, not new code.
public struct PovertyStandard: Hashable, Sendable, Codable {
    public struct ByArea: Hashable, Sendable, Codable {
        public var rural: Int
        public var urban: Int
        public subscript(area: Area) -> Int { area == .rural ? rural : urban }
    }

    public var id: String
    public var name: String
    public var decision: String
    public var fromYear: Int
    public var toYear: Int
    /// VND per person per month; income at or below it ("từ … trở xuống") is low.
    public var threshold: ByArea
    public var averageLivingBand: ByArea?
    /// Low income and at least this many deprivations: poor; fewer: near-poor.
    public var poorDeprivations: Int
    public var note: String?

    /// Exact integer comparison: income ≤ threshold × 12 × members.
    public func classify(income: Int, members: Int, area: Area, deprivations: Int) -> PovertyClass {
        let (limit, overflow) = threshold[area].multipliedReportingOverflow(by: 12 * members)
        guard overflow || income <= limit else { return .notPoor }
        return deprivations >= poorDeprivations ? .poor : .nearPoor
    }

    /// Refuses a survey year outside the standard's period, naming both.
    public func check(year: Int) throws {
        guard (fromYear...toYear).contains(year) else {
            throw AppError.invalid("\(decision) áp dụng \(fromYear)–\(toYear), không cho năm \(year). Chọn chuẩn khác.")
        }
    }

    /// The standards shipped with Tiendo.
    public static func bundled() throws -> [PovertyStandard] {
        struct File: Decodable { var standards: [PovertyStandard] }
        guard let url = Bundle.module.url(forResource: "poverty-standards", withExtension: "json", subdirectory: "Resources") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).standards
    }

    /// The standard named `id`, or an error listing the ones there are.
    public static func named(_ id: String) throws -> PovertyStandard {
        let all = try bundled()
        guard let found = all.first(where: { $0.id == id }) else {
            throw AppError.invalid("Không có chuẩn nghèo \"\(id)\". Dùng một trong: \(all.map(\.id).joined(separator: ", ")).")
        }
        return found
    }
}
