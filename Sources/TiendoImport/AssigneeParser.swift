import Foundation
import TiendoCore

/// Reads who a plan assigns work to ("Sở Y tế chủ trì phối hợp với Sở Lao động - Thương binh và Xã hội, Bảo hiểm
/// xã hội tỉnh; UBND các huyện, thị xã, thành phố") against the directory's names and aliases.
///
/// Names contain commas ("UBND các huyện, thị xã, thành phố"), so a list is not split on commas first: at each
/// place the longest known spelling is taken. Words after a name that are not a name are its note ("có liên
/// quan", "chủ trì hướng dẫn nội dung 5"). A piece that starts no known name is reported with the closest names,
/// never matched to one of them.
struct AssigneeParser {
    struct Token {
        /// The word as written.
        var word: String
        /// Lower-case, NFC, without trailing punctuation.
        var core: String
        /// The punctuation after the word (",", ";", ".", ":").
        var trail: String
    }
    struct Spelling {
        var tokens: [Token]
        var assignee: Assignee
    }
    struct Unknown: Hashable {
        var text: String
        var suggestions: [String]
    }

    let directory: AgencyDirectory
    let date: CivilDate
    private let spellings: [String: [Spelling]]
    private let canonicalNames: [String]

    init(directory: AgencyDirectory, date: CivilDate) {
        self.directory = directory
        self.date = date
        var all: [Spelling] = []
        for agency in directory.agencies {
            for name in [agency.name] + agency.aliases { all.append(Spelling(tokens: Self.tokens(name), assignee: .agency(agency))) }
        }
        for collective in directory.collectives {
            for name in [collective.name] + collective.aliases { all.append(Spelling(tokens: Self.tokens(name), assignee: .collective(collective))) }
        }
        // Committees of the units in force on the plan's date, then of any version, so an old name still reads.
        let committees = directory.units.units.filter { $0.level == .district || $0.level == .commune }
        let units = committees.filter { $0.isInForce(on: date) } + committees.filter { !$0.isInForce(on: date) }
        for unit in units {
            let committee = directory.committee(of: unit)
            all.append(Spelling(tokens: Self.tokens(unit.committeeName), assignee: .agency(committee)))
        }
        // Longest first, so "Sở Văn hóa và Thể thao" wins over a shorter spelling that starts the same way; among
        // equally long ones the order above (a unit in force before an older version).
        let ordered = all.enumerated().filter { !$0.element.tokens.isEmpty }
        self.spellings = Dictionary(grouping: ordered, by: { $0.element.tokens[0].core }).mapValues { group in
            group.sorted { ($0.element.tokens.count, -$0.offset) > ($1.element.tokens.count, -$1.offset) }.map(\.element)
        }
        self.canonicalNames = directory.agencies.map(\.name) + directory.collectives.map(\.name)
    }

    static func tokens(_ text: String) -> [Token] {
        text.precomposedStringWithCanonicalMapping.split(whereSeparator: \.isWhitespace).map { raw in
            let word = String(raw)
            let trail = String(word.reversed().prefix { ",;.:".contains($0) }.reversed())
            let core = String(word.dropLast(trail.count)).lowercased()
            return Token(word: word, core: core, trail: trail)
        }.filter { !$0.core.isEmpty || !$0.trail.isEmpty }
    }

    /// The known name starting at `i`, and how many words it takes.
    func match(_ tokens: [Token], at i: Int) -> (Spelling, Int)? {
        guard i < tokens.count, let candidates = spellings[tokens[i].core] else { return nil }
        // A name written with a capital ("Xây dựng" for Sở Xây dựng) is not read in running words ("xây dựng kế hoạch").
        let capitalised = tokens[i].word.first?.isUppercase == true
        for spelling in candidates where i + spelling.tokens.count <= tokens.count && (capitalised || spelling.tokens[0].word.first?.isUppercase != true) {
            let ok = spelling.tokens.indices.allSatisfy { k in
                let t = tokens[i + k], s = spelling.tokens[k]
                return t.core == s.core && (k == spelling.tokens.count - 1 || t.trail == s.trail)
            }
            if ok { return (spelling, spelling.tokens.count) }
        }
        return nil
    }

    /// The assignments a piece of text makes; `role` is the column's role (lead for "Chủ trì", coordinating for
    /// "Phối hợp"), switched to coordinating by "phối hợp với".
    func read(_ text: String, role initialRole: Assignment.Role) -> (assignments: [Assignment], unknown: [Unknown]) {
        var tokens = Self.tokens(text)
        var assignments: [Assignment] = []
        var unknown: [Unknown] = []
        var prefixNote: String?
        // "- ", "+ ", "(1)", "Cấp tỉnh:", "Đề nghị": how the line is written, not who is assigned.
        while let first = tokens.first {
            if ["-", "+", "•"].contains(first.word) { tokens.removeFirst(); continue }
            if first.core.hasPrefix("("), first.core.hasSuffix(")"), Int(first.core.dropFirst().dropLast()) != nil {
                prefixNote = "nội dung \(first.core)"
                tokens.removeFirst(); continue
            }
            if first.core == "cấp", tokens.count > 1, tokens[1].trail == ":" {
                prefixNote = "cấp \(tokens[1].core)"
                tokens.removeFirst(2); continue
            }
            if first.core == "đề", tokens.count > 1, tokens[1].core == "nghị" { tokens.removeFirst(2); continue }
            break
        }
        // "UBND các địa phương: Hạ Long, Uông Bí, …": the committees of the named places.
        if tokens.count > 4, tokens[0].core == "ubnd", tokens[1].core == "các", tokens[2].core == "địa", tokens[3].core == "phương",
           tokens[3].trail == ":" {
            let places = tokens[4...].map(\.word).joined(separator: " ").split(separator: ",")
                .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " .;")) }.filter { !$0.isEmpty }
            for place in places {
                let key = AgencyDirectory.normalise(place)
                let unit = directory.units.units(at: date).first { ($0.level == .district || $0.level == .commune) && AgencyDirectory.normalise($0.shortName) == key }
                if let unit {
                    assignments.append(Assignment(assignee: unit.committeeName, role: initialRole, asWritten: place, note: prefixNote, unitCode: unit.code))
                } else {
                    unknown.append(Unknown(text: place, suggestions: closestPlaces(place)))
                }
            }
            return (assignments, unknown)
        }
        var role = initialRole
        var i = 0
        var current: (assignee: Assignee, role: Assignment.Role, start: Int, nameEnd: Int)?
        var noteTokens: [Token] = []
        var expectingName = true
        func finish(at end: Int) {
            guard let c = current else { return }
            let written = tokens[c.start..<end].map(\.word).joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ",;. "))
            let matched = tokens[c.start..<c.nameEnd].map(\.core).joined(separator: " ")
            var notes = [prefixNote].compactMap { $0 }
            let note = noteTokens.map(\.word).joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ",;. "))
            if !note.isEmpty { notes.append(note) }
            for qualifier in ["có liên quan", "thuộc phạm vi chương trình", "thuộc chương trình"] where matched.contains(qualifier) && !note.contains(qualifier) {
                notes.append(qualifier.replacingOccurrences(of: "chương trình", with: "Chương trình"))
            }
            var assignment = Assignment(assignee: c.assignee.name, role: c.role, asWritten: written,
                                        note: notes.isEmpty ? nil : notes.joined(separator: "; "))
            if case let .agency(agency) = c.assignee { assignment.unitCode = agency.unitCode }
            assignments.appendOnce(assignment)
            current = nil
            noteTokens = []
        }
        while i < tokens.count {
            let t = tokens[i]
            if t.core == "phối", i + 1 < tokens.count, tokens[i + 1].core == "hợp" {
                // "… chủ trì phối hợp với X": X and what follows coordinate.
                finish(at: i)
                role = .coordinating
                i += (i + 2 < tokens.count && tokens[i + 2].core == "với") ? 3 : 2
                expectingName = true
                continue
            }
            if t.core == "chủ", i + 1 < tokens.count, tokens[i + 1].core == "trì", current != nil, noteTokens.isEmpty,
               tokens[i + 1].trail.isEmpty || tokens[i + 1].trail == "." {
                // "Sở Y tế chủ trì" / "… chủ trì." is the name's role written out, not a note.
                i += 2
                expectingName = tokens[i - 1].trail.isEmpty ? false : true
                continue
            }
            if t.core == "và", current != nil || !assignments.isEmpty, match(tokens, at: i + 1) != nil {
                finish(at: i)
                i += 1
                expectingName = true
                continue
            }
            if let (spelling, length) = match(tokens, at: i), expectingName || current == nil {
                finish(at: i)
                current = (spelling.assignee, role, i, i + length)
                i += length
                expectingName = !tokens[i - 1].trail.isEmpty && tokens[i - 1].trail != "."
                continue
            }
            if current != nil, !expectingName || !noteTokens.isEmpty {
                // Words after a name: its note, up to the next piece that starts a known name.
                noteTokens.append(t)
                if !t.trail.isEmpty, t.trail != "." { expectingName = true }
                i += 1
                continue
            }
            // A piece that starts no known name: up to the next comma or semicolon.
            finish(at: i)
            var end = i
            while end < tokens.count {
                // The piece ends at punctuation, or where a known name starts ("… và UBND các huyện").
                if end > i, match(tokens, at: end) != nil || (tokens[end].core == "và" && match(tokens, at: end + 1) != nil) { break }
                let trail = tokens[end].trail
                end += 1
                if trail.contains(",") || trail.contains(";") || (trail == "." && end == tokens.count) { break }
            }
            let piece = tokens[i..<end].map(\.word).joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ",;. "))
            if !piece.isEmpty { unknown.append(Unknown(text: piece, suggestions: closest(piece))) }
            i = end
            expectingName = true
        }
        finish(at: tokens.count)
        return (assignments, unknown)
    }

    /// The three known names nearest in spelling: offered to the reviewer, never chosen for them.
    func closest(_ text: String) -> [String] {
        Self.nearest(text, among: canonicalNames)
    }

    func closestPlaces(_ text: String) -> [String] {
        let places = directory.units.units(at: date).filter { $0.level == .district || $0.level == .commune }.map(\.shortName)
        return Self.nearest(text, among: places)
    }

    static func nearest(_ text: String, among names: [String]) -> [String] {
        let key = AgencyDirectory.normalise(text)
        var scored: [(name: String, distance: Int)] = []
        for name in names { scored.append((name, distance(key, AgencyDirectory.normalise(name)))) }
        scored.sort { (a: (name: String, distance: Int), b: (name: String, distance: Int)) -> Bool in
            a.distance == b.distance ? a.name < b.name : a.distance < b.distance
        }
        return scored.prefix(3).map(\.name)
    }

    /// Edit distance between two short names.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var row = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = row
        }
        return previous[b.count]
    }
}

extension Array where Element == Assignment {
    /// Adds an assignment unless the same assignee already holds the same role (a name written twice in one block).
    mutating func appendOnce(_ assignment: Assignment) {
        guard !contains(where: { $0.assignee == assignment.assignee && $0.role == assignment.role && $0.unitCode == assignment.unitCode }) else { return }
        append(assignment)
    }
}
