import TiendoCore

/// Where each household-csv-v1 column is in a row, so a row can be read in one fixed order.
struct Columns {
    var id = 0, commune = 0, area = 0, members = 0, ethnicMinority = 0, weight = 0
    /// The column of each income source and each deprivation, in `HouseholdRecord`'s order.
    let incomes: UnsafeMutablePointer<Int>, deprivations: UnsafeMutablePointer<Int>

    init(_ roles: [Header.Role]) {
        incomes = .allocate(capacity: HouseholdRecord.incomeSources.count)
        deprivations = .allocate(capacity: HouseholdRecord.deprivationColumns.count)
        for (k, role) in roles.enumerated() {
            switch role {
            case .id: id = k
            case .commune: commune = k
            case .area: area = k
            case .members: members = k
            case .ethnicMinority: ethnicMinority = k
            case .weight: weight = k
            case let .income(source): incomes[source] = k
            case let .deprivation(index): deprivations[index] = k
            case .ignored: break
            }
        }
    }

    func free() {
        incomes.deallocate()
        deprivations.deallocate()
    }
}

extension Worker {
    /// A row's household when every field is right, read in a fixed order (id, commune, area, members, minority,
    /// weight, the incomes, the deprivations) with no choice made per column; nil at the first problem, and `record`
    /// then goes through the row column by column to name each one. Its checks are `record`'s, no fewer.
    ///
    /// Going column by column, a decision on each column's role came before every field: with random answers in
    /// the deprivation columns, that loop mispredicted more than it parsed.
    @inline(__always)
    func quick(_ bytes: UnsafeMutableBufferPointer<UInt8>, _ fields: Fields) -> (HouseholdRecord, commune: Int, idHash: UInt64)? {
        let c = columns
        let id = fields.range(c.id)
        guard !id.isEmpty else { return nil }
        let (hash, control) = Self.idHash(bytes, id)
        guard control < 0, let commune = communes.lookup(bytes, fields.range(c.commune)) else { return nil }
        let areaField = fields.range(c.area)
        let area: Area
        switch areaField.count {
        case 0: area = communes.areas[commune]
        case 5 where Self.word(bytes, areaField.lowerBound) == Self.urban: area = .urban
        case 5 where Self.word(bytes, areaField.lowerBound) == Self.rural: area = .rural
        default: return nil
        }
        guard let members = Self.integer(bytes, fields.range(c.members)), members >= 1,
              let minority = Self.bit(bytes, fields.range(c.ethnicMinority)) else { return nil }
        var weight = 1.0
        let weightField = fields.range(c.weight)
        if !weightField.isEmpty {
            guard let w = Self.decimal(bytes, weightField), w > 0 else { return nil }
            weight = w
        }
        var incomes = (0, 0, 0, 0, 0, 0, 0)
        let incomesRead = withUnsafeMutableBytes(of: &incomes) { raw -> Bool in
            let values = raw.bindMemory(to: Int.self)
            for source in 0..<values.count {
                guard let value = Self.integer(bytes, fields.range(c.incomes[source])) else { return false }
                values[source] = value
            }
            return true
        }
        guard incomesRead else { return nil }
        // Sums and flags computed for every column, and one test at the end whether each was a single 0 or 1.
        var deprivations = 0, flags = 0, wrong = 0
        for index in 0..<HouseholdRecord.deprivationColumns.count {
            let field = fields.range(c.deprivations[index])
            let bit = Int(bytes[field.lowerBound]) &- 48     // an empty field's first byte is its comma: wrong anyway
            wrong |= (field.count ^ 1) | (bit & ~1)
            deprivations &+= bit
            flags |= (bit & 1) << index
        }
        guard wrong == 0 else { return nil }
        return (HouseholdRecord(area: area, members: members, ethnicMinority: minority == 1, weight: weight, incomes: incomes,
                                deprivations: deprivations, deprivationFlags: flags), commune, hash)
    }
}
