import Foundation
import Testing
import TiendoCore

/// Quảng Ninh's map from 01/07/2025 (NQ 1679/NQ-UBTVQH15): 54 units under the province, built from the list and the
/// crosswalk as data, and 2024 figures read in it honestly.
@Suite struct Map2025Tests {
    let registry: AdminUnitRegistry
    let july = CivilDate(year: 2025, month: 7, day: 1)!
    let december2024 = CivilDate(year: 2024, month: 12, day: 1)!

    init() throws { registry = try SeedData.units() }

    @Test func fiftyFourUnitsUnderTheProvinceAndNoDistricts() {
        let units = registry.units(at: july).filter { $0.level == .commune }
        #expect(units.count == 54)
        #expect(Dictionary(grouping: units, by: \.kind).mapValues(\.count) == ["Phường": 30, "Xã": 22, "Đặc khu": 2])
        #expect(units.allSatisfy { $0.parentCode == "22" })
        #expect(registry.units(at: july, level: .district).isEmpty)
        // The districts end the day before: on 30/06/2025 all 13 are in force.
        #expect(registry.units(at: july.adding(days: -1), level: .district).count == 13)
        #expect(registry.units(at: july, level: .province).count == 1)
    }

    @Test func aCodeIsAUnitOnlyWithItsDate() {
        #expect(registry.unit(code: "06652", at: december2024)?.name == "Phường Hà Phong")
        #expect(registry.unit(code: "06652", at: july)?.name == "Phường Hà Tu")
        #expect(registry.unit(code: "06994", at: december2024)?.name == "Thị trấn Cái Rồng")
        #expect(registry.unit(code: "06994", at: july)?.name == "Đặc khu Vân Đồn")
        // A name kept under a new code: Xã Kỳ Thượng was 07033, is 06979; 07033 means nothing from 01/07/2025.
        let kyThuong = registry.unit(code: "07033", at: december2024)!
        #expect(kyThuong.name == "Xã Kỳ Thượng" && registry.unit(code: "07033", at: july) == nil)
        #expect(registry.counterparts(of: kyThuong, at: july).map { "\($0.code) \($0.name)" } == ["06979 Xã Kỳ Thượng"])
        // Every unit of the old map ends on 01/07/2025, even one whose code and name carry on: a new version begins.
        let old = registry.units(at: december2024).filter { $0.level != .province }
        #expect(old.allSatisfy { $0.validTo == july })
        #expect(registry.units(at: july).filter { $0.level == .commune }.allSatisfy { $0.validFrom == july })
    }

    @Test func twelveUnitsWereSplitAndTheTwoCongHoaNeverMix() {
        let old = registry.units(at: december2024).filter { $0.level == .commune }
        let split = old.filter { unit in registry.links(from: registry.unit(code: unit.code, at: december2024)!).contains { $0.kind == .split } }
        #expect(split.count == 12)
        let haKhau = registry.unit(code: "06655", at: december2024)!
        #expect(registry.counterparts(of: haKhau, at: july).map(\.name) == ["Phường Việt Hưng", "Phường Tuần Châu"])
        // Xã Cộng Hòa (Cẩm Phả, merged into Hải Hòa in 2024) and Phường Cộng Hòa (Quảng Yên) go to different places.
        let xa = registry.versions(of: "06799").first!, phuong = registry.unit(code: "07150", at: december2024)!
        #expect(xa.name == "Xã Cộng Hòa" && phuong.name == "Phường Cộng Hòa")
        #expect(registry.counterparts(of: phuong, at: july).map(\.name) == ["Phường Hiệp Hòa"])
        #expect(!registry.counterparts(of: xa, at: july).map(\.name).contains("Phường Hiệp Hòa"))
    }

    @Test func aFigureOfAUnitMergedWholeCountsExactlyForItsSuccessor() {
        // Xã Lương Mông (2024-02), into Xã Lương Minh (2024-11), into Xã Lương Minh of 2025 with Xã Đồng Sơn.
        let luongMong = registry.versions(of: "06985").first!, dongSon = registry.unit(code: "07036", at: december2024)!
        let reading = MapReading.read([(luongMong, 120), (dongSon, 80)], in: july, registry: registry)
        #expect(reading.units.map(\.unit.name) == ["Xã Lương Minh"])
        #expect(reading.units.first?.exact == 200 && reading.units.first?.isEstimate == false)
        #expect(reading.unallocated.isEmpty && reading.total == 200)
    }

    @Test func aSplitUnitIsApartUntilSharesAreGivenThenEstimated() {
        let haKhau = registry.unit(code: "06655", at: december2024)!, haPhong = registry.unit(code: "06652", at: december2024)!
        let values: [(unit: AdminUnit, value: Decimal)] = [(haKhau, 300), (haPhong, 50)]
        let apart = MapReading.read(values, in: july, registry: registry)
        #expect(apart.unallocated.map(\.unit.name) == ["Phường Hà Khẩu"] && apart.unallocatedTotal == 300)
        #expect(apart.units.map(\.unit.name) == ["Phường Hà Tu"] && apart.total == 350)

        let shares = [MapReading.Share(fromKey: haKhau.versionKey, toCode: "06661", numerator: 2, denominator: 3, source: "dân số 2024"),
                      MapReading.Share(fromKey: haKhau.versionKey, toCode: "06706", numerator: 1, denominator: 3, source: "dân số 2024")]
        let shared = MapReading.read(values, in: july, registry: registry, shares: shares)
        #expect(shared.unallocated.isEmpty)
        let vietHung = shared.units.first { $0.unit.code == "06661" }
        #expect(vietHung?.estimated == 200 && vietHung?.isEstimate == true && vietHung?.sharesUsed.map(\.source) == ["dân số 2024"])
        #expect(shared.units.first { $0.unit.code == "06652" }?.isEstimate == false)
        // The province total is the same in every map.
        #expect(shared.units.reduce(Decimal(0)) { $0 + $1.value } == 350 && shared.total == apart.total)
        // Shares that do not add up to one are not used.
        let wrong = [MapReading.Share(fromKey: haKhau.versionKey, toCode: "06661", numerator: 1, denominator: 2, source: "?"),
                     MapReading.Share(fromKey: haKhau.versionKey, toCode: "06706", numerator: 1, denominator: 3, source: "?")]
        #expect(MapReading.read(values, in: july, registry: registry, shares: wrong).unallocatedTotal == 300)
    }

    @Test func aCrosswalkThatLeavesAUnitOutIsRefusedNamingTheLine() throws {
        let text = "old_commune_code,old_commune_name,old_district_code,new_commune_code,new_commune_name,part\n06655,Hà Khẩu,193,06661,Việt Hưng,full\n06655,Hà Khẩu,193,06706,Tuần Châu,partial\n"
        let crosswalk = try AdminUnitCrosswalk.parseCSV(text, effectiveOn: july, decision: nil, file: "x.csv")
        let province = AdminUnitRow(code: "22", name: "Tỉnh Quảng Ninh", kind: "Tỉnh", level: .province, parentCode: nil)
        let before = AdminUnitSnapshot(inForceOn: december2024, rows: [province, AdminUnitRow(code: "193", name: "TP Hạ Long", kind: "Thành phố", level: .district, parentCode: "22"),
                                                                        AdminUnitRow(code: "06655", name: "Phường Hà Khẩu", kind: "Phường", level: .commune, parentCode: "193")])
        let after = AdminUnitSnapshot(inForceOn: july, rows: [province, AdminUnitRow(code: "06661", name: "Phường Việt Hưng", kind: "Phường", level: .commune, parentCode: "22"),
                                                               AdminUnitRow(code: "06706", name: "Phường Tuần Châu", kind: "Phường", level: .commune, parentCode: "22")])
        #expect(throws: AdminUnitError.malformed(file: "x.csv", line: 2, message: "đơn vị 06655 đi vào 2 đơn vị mới: mỗi dòng của nó phải là partial")) {
            _ = try AdminUnitHistory.build(snapshots: [before, after], changes: [], crosswalks: [("x.csv", crosswalk)])
        }
        #expect(throws: AdminUnitError.self) {
            _ = try AdminUnitCrosswalk.parseCSV(text.replacingOccurrences(of: "full", with: "whole"), effectiveOn: july, decision: nil, file: "x.csv")
        }
    }

    /// The 15 communes the seed plan's footnote 1 names (read in the plan's own map) each lead to units of the 2025 map:
    /// one whole successor, or for a split commune every part, never none.
    @Test func theCommunesOfFootnoteOneShowUnderTheir2025Units() throws {
        let plan = try SeedData.plan()
        let named = plan.places.filter { $0.sourceClause == "footnote 1" }
        #expect(named.count == 15)
        var seen: [String: [String]] = [:]
        for place in named {
            let unit = try #require(registry.unit(code: place.unitCode, asOf: plan.plan.issuedOn), "\(place.name)")
            #expect(unit.shortName == place.name || unit.name.hasSuffix(place.name), "\(place.name) is \(unit.name)")
            let now = registry.counterparts(of: unit, at: july)
            #expect(!now.isEmpty && now.allSatisfy { $0.level == .commune && $0.parentCode == "22" }, "\(place.name)")
            seen[place.name] = now.map(\.name)
        }
        #expect(seen["Quảng La"] == ["Xã Quảng La"])
        #expect(seen["Đồng Lâm"]?.count == 2)   // split between Phường Hoành Bồ and Xã Thống Nhất
        #expect(seen["Kỳ Thượng"] == ["Xã Kỳ Thượng"])
    }
}
