import Foundation
import Testing
import TiendoStore
import TiendoTestSupport

/// `tiendo households summarize` and `import` as a user runs them: the spec's CSV on stdout, errors naming the line,
/// the exit code tools can check, and an import that replaces a year.
@Suite struct HouseholdCLITests {
    let cli = CLITests()
    static let header = "household_id,commune_code,area,members,ethnic_minority,weight,income_wages,income_agriculture,income_forestry,"
        + "income_fishery,income_business,income_transfers,income_other,d_employment,d_dependents,d_nutrition,d_health_insurance,"
        + "d_adult_education,d_child_schooling,d_housing_quality,d_housing_area,d_water,d_sanitation,d_telecom,d_information"

    func file(_ lines: [String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString).csv").path
        try Data(([Self.header] + lines).joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(arguments: TestDatabase.available)
    func summarizeThenImport(_ kind: TestDatabase) async throws {
        let zeros = Array(repeating: "0", count: 12).joined(separator: ",")
        let three = "1,1,1," + Array(repeating: "0", count: 9).joined(separator: ",")
        let path = try file(["a,06970,,4,1,,100000000,0,0,0,0,0,0,\(three)", "b,06973,rural,2,0,2.5,40000000,0,0,0,0,0,0,\(zeros)",
                             "c,06649,,3,0,1,900000000,0,0,0,0,0,0,\(zeros)"])
        try await kind.withFresh { location in
            let summary = try cli.tiendo(["households", "summarize", path, "--standard", "qn-nq13-2023"], location)
            #expect(summary.status == 0, "\(summary.stderr)")
            #expect(summary.stdout == """
                level,code,households,members,poor,near_poor,income_total
                province,22,3,9,1,1,1040000000
                district,193,1,3,0,0,900000000
                district,202,2,6,1,1,140000000
                commune,06649,1,3,0,0,900000000
                commune,06970,1,4,1,0,100000000
                commune,06973,1,2,0,1,40000000

                """)
            let full = try cli.tiendo(["households", "summarize", path, "--standard", "nd07-2021", "--format", "full"], location)
            #expect(full.stdout.split(separator: "\n").first?.hasSuffix("income_transfers,income_other") == true)
            #expect(full.stdout.contains("province,22,ethnic_minority,1,4,"))

            let bad = try file(["a,06970,,4,1,,100000000,0,0,0,0,0,0,\(three)", "a,06970,,x,1,,1,0,0,0,0,0,0,\(three)"])
            let refused = try cli.tiendo(["households", "summarize", bad, "--standard", "qn-nq13-2023"], location)
            #expect(refused.status == 2)
            #expect(refused.stdout.isEmpty)
            #expect(refused.stderr.contains("Dòng 3, cột members (\"x\")"))
            let unknown = try cli.tiendo(["households", "summarize", path, "--standard", "khong-co"], location)
            #expect(unknown.status != 0 && unknown.stderr.contains("qn-nq13-2023"))

            let imported = try cli.tiendo(["households", "import", path, "--survey", "2024", "--standard", "qn-nq13-2023"], location)
            #expect(imported.status == 0, "\(imported.stderr)")
            #expect(imported.stdout.contains("Đã nhập điều tra năm 2024: 3 hộ, 1 hộ nghèo, 1 hộ cận nghèo"))
            let refusedImport = try cli.tiendo(["households", "import", bad, "--survey", "2024", "--standard", "qn-nq13-2023"], location)
            #expect(refusedImport.status == 2)
            let wrongYear = try cli.tiendo(["households", "import", path, "--survey", "2019", "--standard", "qn-nq13-2023"], location)
            #expect(wrongYear.status != 0 && wrongYear.stderr.contains("2023–2025"))
        }
    }
}
