import Foundation
import TiendoCore

/// Reads sections I–V by what their headings say: purposes, targets ("MỤC TIÊU"), tasks ("NHIỆM VỤ"), funding
/// ("KINH PHÍ", "NGUỒN VỐN") and organisation ("TỔ CHỨC THỰC HIỆN"), whatever their Roman numeral.
struct SectionReader {
    // Regex literals are compiled each time they are evaluated: the ones run per paragraph are built once.
    /// "3. Text".
    nonisolated(unsafe) static let numberedPattern = /^(\d{1,2})\.\s+(.+)$/
    /// "(3) Text".
    nonisolated(unsafe) static let parenthesisedPattern = /^\((\d{1,2})\)\s*(.+)$/

    var state: ReadState
    let assignees: AssigneeParser
    let plan: Plan
    let sourceFootnotes: [PlanSource.Footnote]
    /// One marker pattern per footnote, for every target and paragraph read.
    let markers: [TargetReader.Marker]

    typealias Paragraph = PlanSource.Paragraph

    init(state: ReadState, assignees: AssigneeParser, plan: Plan, footnotes: [PlanSource.Footnote]) {
        self.state = state
        self.assignees = assignees
        self.plan = plan
        self.sourceFootnotes = footnotes
        self.markers = footnotes.map { TargetReader.Marker($0.number) }
    }

    mutating func read(_ section: PlanReader.Section, into document: inout PlanDocument) {
        let code = RomanNumeral.string(section.number)
        let title = section.title.uppercased()
        state.link(code, [section.heading.line])
        if title.contains("MỤC TIÊU") {
            readTargets(section, code: code, into: &document)
        } else if title.contains("NHIỆM VỤ") || title.contains("GIẢI PHÁP") {
            readTasks(section, code: code, into: &document)
        } else {
            let clauses = readClauses(section, code: code)
            document.clauses += clauses.map(\.clause)
            if title.contains("KINH PHÍ") || title.contains("NGUỒN VỐN") { document.funding += funding(clauses.map(\.clause)) }
            if title.contains("TỔ CHỨC THỰC HIỆN") { readOrganisation(clauses, into: &document) }
        }
    }

    /// A clause with the line of its heading and of each of its paragraphs, in order.
    struct LinedClause {
        var clause: Clause
        var headingLine: Int?
        var lines: [Int]

        var paragraphs: Zip2Sequence<[String], [Int]> { zip(clause.paragraphs, lines) }
    }

    /// "1. text" starts clause "I.1"; a short first line ending without a full stop is its heading; "- " bullets
    /// are its paragraphs. What comes before the first number is the section's own clause.
    mutating func readClauses(_ section: PlanReader.Section, code: String) -> [LinedClause] {
        var clauses = [LinedClause(clause: Clause(code: code, heading: section.title, paragraphs: []), headingLine: section.heading.line, lines: [])]
        for p in section.body {
            if let (n, text) = Self.numbered(p.text) {
                let isHeading = text.hasSuffix(":") || (!text.hasSuffix(".") && text.count <= 80 && !text.contains("; "))
                clauses.append(LinedClause(clause: Clause(code: "\(code).\(n)", heading: isHeading ? text : nil, paragraphs: isHeading ? [] : [text]),
                                           headingLine: isHeading ? p.line : nil, lines: isHeading ? [] : [p.line]))
            } else {
                clauses[clauses.count - 1].clause.paragraphs.append(p.text.dropPrefix("- ") ?? p.text)
                clauses[clauses.count - 1].lines.append(p.line)
            }
        }
        // The closing sentence ("… triển khai thực hiện./.") stands apart from the last numbered clause.
        if clauses.count > 1, clauses[clauses.count - 1].clause.paragraphs.count > 1,
           let last = clauses[clauses.count - 1].clause.paragraphs.last, last.hasSuffix("./.") {
            clauses[clauses.count - 1].clause.paragraphs.removeLast()
            let line = clauses[clauses.count - 1].lines.removeLast()
            clauses.append(LinedClause(clause: Clause(code: "\(code).closing", paragraphs: [last]), headingLine: nil, lines: [line]))
        }
        // The section's heading line is linked by `read`; a numbered clause links its own heading.
        for c in clauses {
            let lines = (c.clause.code == code ? [] : [c.headingLine].compactMap { $0 }) + c.lines
            if !lines.isEmpty { state.link(c.clause.code, lines) }
        }
        return clauses
    }

    // MARK: Targets

    mutating func readTargets(_ section: PlanReader.Section, code: String, into document: inout PlanDocument) {
        var intro: [String] = []
        var bullet = 0
        for p in section.body {
            let number: Int, text: String
            if let (n, t) = Self.numbered(p.text) { (number, text) = (n, t) } else if let t = p.text.dropPrefix("- ") ?? p.text.dropPrefix("+ ") {
                bullet += 1
                (number, text) = (bullet, t)
            } else if document.targets.last(where: { $0.code.hasPrefix(code + ".") }) == nil {
                intro.append(p.text)
                state.link(code, [p.line])
                continue
            } else {
                // A paragraph that continues the previous target.
                let k = document.targets.count - 1
                document.targets[k].text += " " + p.text
                state.link(document.targets[k].code, [p.line])
                continue
            }
            let targetCode = "\(code).\(number)"
            let reading = TargetReader.read(text, code: targetCode, planYear: plan.year, markers: markers)
            document.targets.append(Target(code: targetCode, number: number, text: text, indicators: reading.indicators,
                                           footnotes: reading.footnotes.isEmpty ? nil : reading.footnotes))
            state.link(targetCode, [p.line])
            for indicator in reading.indicators { state.link(indicator.code, [p.line]) }
            for sentence in reading.unread {
                state.problem(.unreadableNumber, line: p.line, item: targetCode, text: sentence,
                              "Dòng \(p.line) (\(targetCode)): \"\(sentence.clipped(to: 90))\" không có con số để đo; giữ nguyên chữ, người duyệt nhập chỉ tiêu nếu cần.")
            }
        }
        document.clauses.append(Clause(code: code, heading: section.title, paragraphs: intro))
    }

    // MARK: Tasks

    mutating func readTasks(_ section: PlanReader.Section, code: String, into document: inout PlanDocument) {
        var intro: [String] = []
        var groups: [TaskGroup] = []
        var inBlock = false
        var lastNumbers: [Int] = []
        func finishGroup(_ state: inout ReadState) {
            guard let group = groups.last else { return }
            if group.assignmentText != nil {
                for task in group.tasks where task.leads.isEmpty {
                    let line = state.sources[task.code]?.first
                    state.problem(.missingLead, line: line, item: task.code, text: task.text.clipped(to: 60),
                                  "\(task.code): khối \"Phân công chủ trì\" không giao nhiệm vụ (\(task.number)) cho ai; chọn chủ trì khi duyệt.")
                }
            }
        }
        for p in section.body {
            if let (n, title) = Self.numbered(p.text), !inBlock || !title.hasPrefix("Nhiệm vụ") {
                finishGroup(&state)
                let groupCode = "\(code).\(n)"
                groups.append(TaskGroup(code: groupCode, number: n, title: title, projects: Self.projects(in: title),
                                        subproject: Self.subproject(in: title), tasks: []))
                state.link(groupCode, [p.line])
                inBlock = false
                continue
            }
            guard !groups.isEmpty else {
                intro.append(p.text)
                state.link(code, [p.line])
                continue
            }
            let g = groups.count - 1
            if AgencyDirectory.normalise(p.text).hasPrefix("phân công") {
                inBlock = true
                groups[g].assignmentText = [p.text]
                state.link(groups[g].code, [p.line])
                continue
            }
            if inBlock {
                groups[g].assignmentText?.append(p.text)
                state.link(groups[g].code, [p.line])
                let body = p.text.dropPrefix("- ") ?? p.text.dropPrefix("+ ") ?? p.text
                var names = body
                if let colon = body.firstIndex(of: ":"), body.hasPrefix("Nhiệm vụ") {
                    lastNumbers = Self.taskNumbers(String(body[..<colon]))
                    names = String(body[body.index(after: colon)...])
                } else if !p.text.hasPrefix("+") {
                    lastNumbers = groups[g].tasks.map(\.number)
                }
                guard !names.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
                let (assignments, unknown) = assignees.read(names, role: .lead)
                state.unknown(unknown, line: p.line, item: groups[g].code)
                for n in lastNumbers {
                    guard let k = groups[g].tasks.firstIndex(where: { $0.number == n }) else {
                        state.problem(.structure, line: p.line, item: groups[g].code, text: p.text,
                                      "Dòng \(p.line): phân công cho nhiệm vụ (\(n)) nhưng mục \(groups[g].code) không có nhiệm vụ (\(n)).")
                        continue
                    }
                    for a in assignments { groups[g].tasks[k].assignments.appendOnce(a) }
                    state.link(groups[g].tasks[k].code, [p.line])
                }
                continue
            }
            if let (n, text) = Self.parenthesised(p.text) ?? Self.dashed(p.text, next: groups[g].tasks.count + 1) {
                let taskCode = "\(groups[g].code).(\(n))"
                groups[g].tasks.append(PlanTask(code: taskCode, number: n, text: text, assignments: []))
                state.link(taskCode, [p.line])
            } else if let last = groups[g].tasks.indices.last {
                groups[g].tasks[last].text += " " + p.text
                state.link(groups[g].tasks[last].code, [p.line])
            } else {
                groups[g].intro = (groups[g].intro ?? []) + [p.text]
                state.link(groups[g].code, [p.line])
            }
        }
        finishGroup(&state)
        document.clauses.append(Clause(code: code, heading: section.title, paragraphs: intro))
        document.taskGroups += groups
    }

    // MARK: Funding and organisation

    func funding(_ clauses: [Clause]) -> [FundingSource] {
        clauses.filter { $0.code.contains(".") }.compactMap { clause in
            guard let text = ([clause.heading].compactMap { $0 } + clause.paragraphs).first else { return nil }
            let n = AgencyDirectory.normalise(text)
            let kind: FundingSource.Kind = n.hasPrefix("kinh phí lồng ghép") || n.hasPrefix("lồng ghép") ? .integrated
                : n.hasPrefix("vốn huy động") || n.hasPrefix("huy động") ? .mobilised : n.contains("tín dụng") && !n.contains("ngân sách") ? .credit : .stateBudget
            let capital: FundingSource.CapitalType? = n.contains("vốn sự nghiệp") || n.contains("chi thường xuyên") ? .recurrent
                : n.contains("đầu tư phát triển") ? .investment : nil
            return FundingSource(code: clause.code, name: text.clipped(to: 160), kind: kind, capitalType: capital,
                                 sourceClause: clause.code, legalDocument: Citations.numbers(in: text).first)
        }
    }

    /// Who coordinates ("Giao Ban Dân tộc chủ trì …") and the reports due ("- Báo cáo 6 tháng đầu năm 2024: Trước ngày 15/5/2024.").
    mutating func readOrganisation(_ clauses: [LinedClause], into document: inout PlanDocument) {
        for lined in clauses {
            for text in [lined.clause.heading].compactMap({ $0 }) + lined.clause.paragraphs {
                guard document.plan.coordinator.isEmpty, let giao = text.range(of: "Giao "), let lead = text.range(of: " chủ trì", range: giao.upperBound..<text.endIndex) else { continue }
                let (found, _) = assignees.read(String(text[giao.upperBound..<lead.lowerBound]), role: .lead)
                if let first = found.first { document.plan.coordinator = first.assignee }
            }
        }
        for lined in clauses {
            let clause = lined.clause
            let entries = lined.paragraphs.filter { Self.obligationParts($0.0) != nil }
            guard !entries.isEmpty else { continue }
            var reporters: [String] = [], receiver = "", via = ""
            if let (intro, introLine) = lined.paragraphs.first(where: { Self.obligationParts($0.0) == nil && $0.0.contains(" gửi ") }) {
                let subject = String(intro[..<intro.range(of: " gửi ")!.lowerBound])
                let (found, unknown) = assignees.read(subject, role: .lead)
                reporters = found.map(\.assignee).uniqued()
                state.unknown(unknown, line: introLine, item: clause.code)
                if let m = intro.firstMatch(of: /về\s+(.+?)\s*\(qua\s+(.+?)(\s+tổng hợp[^)]*)?\)/) {
                    receiver = String(m.1)
                    via = assignees.read(String(m.2), role: .lead).assignments.first?.assignee ?? String(m.2)
                } else if let m = intro.firstMatch(of: /về\s+(.+?)(\s+để|\s+tổng hợp|[:.,]|$)/) {
                    receiver = String(m.1)
                }
            }
            for (text, lineNumber) in entries {
                let (name, rest) = Self.obligationParts(text)!
                let lower = name.lowercased()
                let kind: ReportObligation.Kind = lower.contains("theo yêu cầu") ? .onRequest : lower.contains("6 tháng") || lower.contains("sáu tháng") ? .sixMonth
                    : lower.hasPrefix("kế hoạch") ? .plan : lower.contains("năm") ? .annual : .onRequest
                var deadlineText = rest.trimmingCharacters(in: CharacterSet(charactersIn: " ."))
                var note: String?
                if kind == .onRequest, let r = name.range(of: "theo yêu cầu", options: .caseInsensitive) {
                    deadlineText = "Theo yêu cầu" + name[r.upperBound...]
                    note = rest.trimmingCharacters(in: .whitespaces)
                }
                let year = PlanReadingText.year(in: name) ?? plan.year
                var id = switch kind {
                case .plan: "ke-hoach-\(year)"
                case .sixMonth: "bao-cao-6-thang-\(year)"
                case .annual: "bao-cao-nam-\(year)"
                case .onRequest: "bao-cao-theo-yeu-cau"
                }
                if document.reportObligations.contains(where: { $0.id == id }) { id += "-\(document.reportObligations.count + 1)" }
                let deadline = kind == .onRequest ? Deadline(text: deadlineText, date: nil, kind: .onRequest)
                    : state.deadline(deadlineText, year: plan.year, line: lineNumber, item: id)
                document.reportObligations.append(ReportObligation(id: id, name: name, kind: kind, reporters: reporters,
                                                                   receiver: receiver, via: via, deadline: deadline,
                                                                   sourceClause: clause.code, note: note))
                state.link(id, [lineNumber])
            }
        }
    }

    /// "Báo cáo 6 tháng đầu năm 2024: Trước ngày 15/5/2024." → (name, deadline text).
    static func obligationParts(_ text: String) -> (String, String)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let name = text[..<colon].trimmingCharacters(in: .whitespaces)
        let lower = name.lowercased()
        guard lower.hasPrefix("báo cáo") || lower.hasPrefix("kế hoạch") || lower.hasPrefix("các báo cáo"), name.count < 120 else { return nil }
        return (name, String(text[text.index(after: colon)...]))
    }

    // MARK: Footnotes

    /// Each footnote with the words its marker is glued to ("15 xã1") and the item that carries it.
    func footnotes(in document: PlanDocument) -> [Footnote] {
        var texts: [(String, String)] = document.targets.map { ($0.code, $0.text) }
        texts += document.sectionTasks.map { ($0.code, $0.text) }
        texts += document.clauses.flatMap { c in c.paragraphs.map { (c.code, $0) } }
        return zip(sourceFootnotes, markers).compactMap { note, pattern in
            for (code, text) in texts {
                if let marker = pattern.find(in: text) {
                    return Footnote(number: note.number, text: note.text, markedIn: code, marker: marker)
                }
            }
            return Footnote(number: note.number, text: note.text, markedIn: "", marker: "")
        }
    }

    // MARK: Numbering

    /// "3. Text" → (3, "Text").
    static func numbered(_ text: String) -> (Int, String)? {
        guard let m = text.firstMatch(of: Self.numberedPattern), let n = Int(m.1) else { return nil }
        return (n, String(m.2))
    }

    /// "(3) Text" → (3, "Text").
    static func parenthesised(_ text: String) -> (Int, String)? {
        guard let m = text.firstMatch(of: Self.parenthesisedPattern), let n = Int(m.1) else { return nil }
        return (n, String(m.2))
    }

    /// "- Text" as the `next` task of a group written with dashes instead of numbers.
    static func dashed(_ text: String, next: Int) -> (Int, String)? {
        guard let rest = text.dropPrefix("- ") ?? text.dropPrefix("+ ") ?? text.dropPrefix("• ") else { return nil }
        return (next, rest)
    }

    /// "Nhiệm vụ (1), (2), (3)" → [1, 2, 3]; "Nhiệm vụ (1) đến (4)" → [1, 2, 3, 4].
    static func taskNumbers(_ text: String) -> [Int] {
        let numbers = text.matches(of: /\((\d{1,2})\)/).compactMap { Int($0.1) }
        if numbers.count == 2, text.contains("đến") || text.contains(" - ") || text.contains("–") { return Array(numbers[0]...max(numbers[0], numbers[1])) }
        return numbers
    }

    /// "(Dự án 1 và Dự án 2 …)" → [1, 2]; "(Tiểu dự án 2 Dự án 9 …)" → [9].
    static func projects(in title: String) -> [Int] {
        var found: [Int] = []
        for m in title.matches(of: /(Tiểu dự án|Dự án)\s+(\d{1,2})((?:\s*(?:,|và)\s*\d{1,2})*)/) where m.1 == "Dự án" {
            found.append(Int(m.2)!)
            found += String(m.3).matches(of: /\d{1,2}/).compactMap { Int($0.0) }
        }
        return found.uniqued()
    }

    static func subproject(in title: String) -> Int? {
        title.firstMatch(of: /Tiểu dự án\s+(\d{1,2})/).flatMap { Int($0.1) }
    }
}
