import Foundation
import Testing
import TiendoCore
@testable import TiendoImport

/// Reading figures from CSV: what is kept, and errors that name the line of the whole file.
@Suite struct DataValueCSVTests {
    func read(_ text: String, keep: @escaping @Sendable (ReportingPeriod) -> Bool = { _ in true }) throws -> [DataValue] {
        var bytes = Array(text.utf8)
        return try bytes.withUnsafeMutableBufferPointer { try DataValueCSV.read(UnsafeBufferPointer($0), keep: keep) }
    }

    @Test func figuresPeriodsAndTheBOM() throws {
        let values = try read("\u{FEFF}element,unit_code,period,value\r\ntong_so_ho,06970,2024-05,1200\r\nho_ngheo,06970,2024,-3\r\n\r\nho_ngheo,06973,2024-H1,0")
        #expect(values == [DataValue(element: "tong_so_ho", unitCode: "06970", period: .month(5, 2024), value: 1200),
                           DataValue(element: "ho_ngheo", unitCode: "06970", period: .year(2024), value: -3),
                           DataValue(element: "ho_ngheo", unitCode: "06973", period: .firstHalf(2024), value: 0)])
        let kept = try read("element,unit_code,period,value\na,1,2023-12,1\na,1,2024-01,2\n", keep: { $0.start.year == 2024 })
        #expect(kept.map(\.value) == [2])
    }

    @Test func errorsNameLineAndColumn() {
        func error(_ text: String) -> String {
            do { _ = try read(text); return "" } catch { return "\(error)" }
        }
        #expect(error("element;unit_code;period;value\n").hasPrefix("Dòng 1"))
        #expect(error("element,unit_code,period,value\na,1,2024-13,5\n") == "Dòng 2, cột period: \"2024-13\" không phải kỳ báo cáo (2024, 2024-H1, 2024-Q2, 2024-05).")
        #expect(error("element,unit_code,period,value\na,1,2024-01,5\na,1,2024-02,5.5\n") == "Dòng 3, cột value: \"5.5\" không phải số nguyên.")
        #expect(error("element,unit_code,period,value\na,1,2024-01\n").hasPrefix("Dòng 2, cột : cần đúng 4 cột"))
    }

    /// A file large enough to be read in parts: the figures come back in order, and an error deep in the last part
    /// names its line in the whole file.
    @Test func aLargeFileReadInPartsKeepsOrderAndLineNumbers() throws {
        var text = "element,unit_code,period,value\n"
        for i in 0..<60_000 { text += "tong_so_ho,\(10_000 + i % 177),2024-\(String(format: "%02d", i % 12 + 1)),\(i)\n" }
        let values = try read(text)
        #expect(values.count == 60_000)
        #expect(values.map(\.value) == Array(0..<60_000))
        #expect(throws: CSVError.self) { try read(text + "tong_so_ho,1,2024-01,x\n") }
        do { _ = try read(text + "tong_so_ho,1,2024-01,x\n") } catch let error as CSVError { #expect(error.line == 60_002) }
    }
}
