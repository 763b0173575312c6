import Testing
@testable import TiendoCore

/// The admin-unit map changes during 2024; data must be readable in any version of it.
@Suite struct AdminUnitTests {
    let units = try! SeedData.units()
    let june = CivilDate(year: 2024, month: 6, day: 1)!
    let december = CivilDate(year: 2024, month: 12, day: 1)!

    @Test func countsBeforeAndAfterTheMergers() {
        #expect(units.units(at: june, level: .commune).count == 177)
        #expect(units.units(at: december, level: .commune).count == 171)
        #expect(units.units(at: june, level: .district).count == 13)
        #expect(units.units(at: december, level: .district).count == 13)
        #expect(units.units(at: june, level: .province).map(\.code) == ["22"])
        #expect(units.units(at: CivilDate(year: 2024, month: 10, day: 31)!, level: .commune).count == 177)
        #expect(units.units(at: CivilDate(year: 2024, month: 11, day: 1)!, level: .commune).count == 171)
    }

    @Test func kindsAfterTheMergers() {
        let communes = units.units(at: december, level: .commune)
        #expect(communes.filter { $0.kind == "Phường" }.count == 73)
        #expect(communes.filter { $0.kind == "Xã" }.count == 91)
        #expect(communes.filter { $0.kind == "Thị trấn" }.count == 7)
        #expect(units.unit(code: "205", at: december)?.name == "Thành phố Đông Triều")
        #expect(units.unit(code: "205", at: june)?.name == "Thị xã Đông Triều")
    }

    @Test func luongMongBecomesLuongMinh() throws {
        let before = try #require(units.unit(code: "06985", at: june))
        let after = try #require(units.unit(code: "06985", at: december))
        #expect(before.name == "Xã Lương Mông")
        #expect(after.name == "Xã Lương Minh")
        #expect(units.successors(of: before) == [after])
        #expect(units.counterparts(of: before, at: december) == [after])
        let predecessors = units.predecessors(of: after).map(\.name).sorted()
        #expect(predecessors == ["Xã Lương Mông", "Xã Minh Cầm"])
        // The third version is the Xã Lương Minh of 01/07/2025, which also took in Xã Đồng Sơn.
        #expect(units.versions(of: "06985").map(\.name) == ["Xã Lương Mông", "Xã Lương Minh", "Xã Lương Minh"])
    }

    @Test func abolishedUnitsLeadToTheirSuccessors() throws {
        for (gone, into) in [("06682", "Phường Trần Hưng Đạo"), ("06718", "Phường Trần Phú"), ("06802", "Xã Hải Hòa"),
                             ("06991", "Xã Lương Minh"), ("07072", "Phường Đức Chính"), ("07087", "Xã Việt Dân")] {
            let unit = try #require(units.unit(code: gone, at: june))
            #expect(units.unit(code: gone, at: december) == nil)
            #expect(units.counterparts(of: unit, at: december).map(\.name) == [into], "\(gone)")
        }
    }

    @Test func historyIsWalkableBothWays() throws {
        let congHoa = try #require(units.unit(code: "06799", at: june))
        #expect(congHoa.name == "Xã Cộng Hòa")
        let haiHoa = try #require(units.successors(of: congHoa).first)
        #expect(haiHoa.name == "Xã Hải Hòa")
        #expect(units.predecessors(of: haiHoa).contains(congHoa))
        // A unit in force on both dates is its own counterpart.
        let unchanged = try #require(units.unit(code: "06649", at: june))
        #expect(units.counterparts(of: unchanged, at: december) == [unchanged])
        // Reading the later map back: nothing precedes a unit that did not change.
        #expect(units.predecessors(of: unchanged).isEmpty)
    }

    @Test func reclassifiedUnitsAreLinked() throws {
        let binhKhe = try #require(units.unit(code: "07081", at: june))
        #expect(binhKhe.kind == "Xã")
        let link = try #require(units.links.first { $0.fromKey == binhKhe.versionKey })
        #expect(link.kind == .reclassify)
        #expect(link.decision == "1199/NQ-UBTVQH15")
        #expect(units.unit(versionKey: link.toKey)?.name == "Phường Bình Khê")
    }

    /// From 2025-07-01 districts are gone and communes hang off the province: a new list and
    /// its decisions are enough, with no change to the model.
    @Test func twoLevelStructureFitsWithoutSchemaChange() throws {
        let province = AdminUnitRow(code: "22", name: "Tỉnh Quảng Ninh", kind: "Tỉnh", level: .province, parentCode: nil)
        let before = AdminUnitSnapshot(inForceOn: CivilDate(year: 2025, month: 1, day: 1)!, rows: [
            province,
            AdminUnitRow(code: "193", name: "Thành phố Hạ Long", kind: "Thành phố", level: .district, parentCode: "22"),
            AdminUnitRow(code: "06700", name: "Phường Tuần Châu", kind: "Phường", level: .commune, parentCode: "193"),
            AdminUnitRow(code: "06703", name: "Phường Việt Hưng", kind: "Phường", level: .commune, parentCode: "193"),
        ])
        let after = AdminUnitSnapshot(inForceOn: CivilDate(year: 2025, month: 7, day: 1)!, rows: [
            province,
            AdminUnitRow(code: "06700", name: "Phường Tuần Châu", kind: "Phường", level: .commune, parentCode: "22"),
        ])
        let reform = CivilDate(year: 2025, month: 7, day: 1)!
        let registry = try AdminUnitHistory.build(snapshots: [before, after], changes: [
            AdminUnitChange(effectiveOn: reform, decision: "1679/NQ-UBTVQH15", kind: .abolish, from: ["193"], into: nil),
            AdminUnitChange(effectiveOn: reform, decision: "1679/NQ-UBTVQH15", kind: .merge, from: ["06700", "06703"], into: "06700"),
        ])
        #expect(registry.units(at: reform, level: .district).isEmpty)
        #expect(registry.children(of: "22", at: reform).map(\.name) == ["Phường Tuần Châu"])
        let vietHung = try #require(registry.unit(code: "06703", at: CivilDate(year: 2025, month: 3, day: 1)!))
        #expect(registry.counterparts(of: vietHung, at: reform).map(\.parentCode) == ["22"])
    }

    @Test func aDisappearanceWithoutADecisionIsAnError() {
        let province = AdminUnitRow(code: "22", name: "Tỉnh Quảng Ninh", kind: "Tỉnh", level: .province, parentCode: nil)
        let a = AdminUnitSnapshot(inForceOn: CivilDate(year: 2024, month: 1, day: 1)!, rows: [
            province, AdminUnitRow(code: "01", name: "Xã A", kind: "Xã", level: .commune, parentCode: "22")])
        let b = AdminUnitSnapshot(inForceOn: CivilDate(year: 2024, month: 6, day: 1)!, rows: [province])
        #expect(throws: AdminUnitError.unexplainedDisappearance(code: "01", name: "Xã A", on: b.inForceOn)) {
            try AdminUnitHistory.build(snapshots: [a, b], changes: [])
        }
    }

    @Test func csvErrorsNameTheLine() {
        let province = AdminUnitRow(code: "22", name: "Tỉnh Quảng Ninh", kind: "Tỉnh", level: .province, parentCode: nil)
        let text = "district_code,district_name,district_type,commune_code,commune_name,commune_type\n193,Thành phố Hạ Long,Thành phố,06649\n"
        #expect(throws: AdminUnitError.malformed(file: "x.csv", line: 2, message: "cần đủ 6 cột không rỗng")) {
            try AdminUnitSnapshot.parseCSV(text, inForceOn: CivilDate(year: 2024, month: 1, day: 1)!, province: province, file: "x.csv")
        }
    }
}
