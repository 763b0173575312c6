/// The layout of the Excel template for entering figures, shared by the writer and the reader so they never drift.
public enum DataSheet {
    public static let sheetName = "Số liệu"
    /// Rows 1–2 carry the obligation and period codes in column B; the reader checks them against the upload's target.
    public static let obligationRow = 1, periodRow = 2
    public static let headerRow = 4
    public static var firstDataRow: Int { headerRow + 1 }

    public enum Column: Int, CaseIterable, Sendable {
        case reporter, reporterName, element, elementName, unit, unitName, measure, value, comment

        public var header: String {
            switch self {
            case .reporter: "Mã đơn vị báo cáo"
            case .reporterName: "Đơn vị báo cáo"
            case .element: "Mã chỉ tiêu"
            case .elementName: "Chỉ tiêu"
            case .unit: "Mã đơn vị"
            case .unitName: "Số liệu của"
            case .measure: "Đơn vị tính"
            case .value: "Số liệu"
            case .comment: "Ghi chú (bắt buộc khi có cảnh báo)"
            }
        }

        /// Characters wide enough for Vietnamese headers and names without cutting words.
        public var width: Double {
            switch self {
            case .reporter, .unit: 12
            case .reporterName, .unitName: 24
            case .element: 24
            case .elementName: 50
            case .measure: 12
            case .value: 16
            case .comment: 40
            }
        }

        /// "H" for the value column: how errors name a cell.
        public var letter: String { CellName.letters(rawValue) }
    }

    /// One figure read from, or written to, a line of the template.
    public struct Figure: Hashable, Sendable {
        public var reporter: String
        public var element: String
        public var unitCode: String
        public var value: Int
        public var comment: String?
        /// The sheet row it came from, to name in errors.
        public var row: Int

        public init(reporter: String, element: String, unitCode: String, value: Int, comment: String?, row: Int) {
            self.reporter = reporter
            self.element = element
            self.unitCode = unitCode
            self.value = value
            self.comment = comment
            self.row = row
        }
    }
}
