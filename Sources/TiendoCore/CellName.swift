/// "F12" for row 12, column index 5: how a user finds a cell in Excel.
public enum CellName {
    public static func of(row: Int, column: Int) -> String { letters(column) + String(row) }

    /// "A", …, "Z", "AA" for a 0-based column index.
    public static func letters(_ column: Int) -> String {
        var n = column + 1, letters = ""
        while n > 0 {
            letters = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + letters
            n = (n - 1) / 26
        }
        return letters
    }
}

