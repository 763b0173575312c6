import Foundation
import TiendoCore

/// Reads the shape every Vietnamese administrative plan shares into a draft plan: the header block, the
/// "Căn cứ / Thực hiện" lines, sections I–V (purposes, targets, tasks with their assignment blocks, funding,
/// organisation with report obligations), the appendix table, footnotes, "Nơi nhận" and the signature.
public struct PlanReader {
    let directory: AgencyDirectory

    public init(directory: AgencyDirectory) { self.directory = directory }

    typealias Paragraph = PlanSource.Paragraph

    /// A section (I, II, …) with its heading and paragraphs.
    struct Section {
        var number: Int
        var heading: Paragraph
        var title: String
        var body: [Paragraph]
    }

    public func read(_ source: PlanSource) throws -> PlanDraft {
        var state = ReadState(source: source)
        // Tables other than the appendix (the header's two columns, "Nơi nhận" beside the signature) read as paragraphs.
        var paragraphs: [Paragraph] = []
        var appendix: [[PlanSource.Cell]]?
        var appendixAt = Int.max
        for block in source.blocks {
            switch block {
            case let .paragraph(p): paragraphs.append(p)
            case let .table(rows):
                if appendix == nil, let first = rows.first, PlanSource.isAppendixHeader(first.map { $0.map(\.text).joined(separator: " ") }) {
                    appendix = rows
                    appendixAt = paragraphs.count
                } else {
                    for row in rows { for cell in row { paragraphs += cell } }
                }
            }
        }
        guard let titleIndex = paragraphs.firstIndex(where: { Self.isPlanTitle($0.text) }) else {
            throw PlanImportError("Không thấy tiêu đề \"KẾ HOẠCH\" ở đầu văn bản: tệp này không phải một kế hoạch, hoặc tiêu đề nằm trong hình ảnh.")
        }
        let sectionStarts = paragraphs.indices.filter { $0 > titleIndex && Self.sectionHeading(paragraphs[$0].text) != nil }
        guard sectionStarts.count >= 2 else {
            throw PlanImportError("Không thấy các mục đánh số La Mã (I., II., III., …) sau tiêu đề \"KẾ HOẠCH\" (dòng \(paragraphs[titleIndex].line)): không đọc được nội dung kế hoạch.")
        }
        // The body ends at "Nơi nhận" or at the appendix, whichever comes first.
        let bodyEnd = min(paragraphs.indices.first { $0 > sectionStarts[0] && Self.isRecipientsHeading(paragraphs[$0].text) } ?? paragraphs.count,
                          appendixAt)
        var sections: [Section] = []
        for (k, start) in sectionStarts.enumerated() where start < bodyEnd {
            let end = min(k + 1 < sectionStarts.count ? sectionStarts[k + 1] : bodyEnd, bodyEnd)
            let (number, title) = Self.sectionHeading(paragraphs[start].text)!
            sections.append(Section(number: number, heading: paragraphs[start], title: title, body: Array(paragraphs[(start + 1)..<end])))
        }
        let header = try state.readHeader(Array(paragraphs[..<titleIndex]), title: paragraphs[titleIndex],
                                          rest: Array(paragraphs[(titleIndex + 1)..<sectionStarts[0]]), directory: directory)
        var document = PlanDocument(id: header.id, plan: header.plan, clauses: [], targets: [], taskGroups: [], appendixGroups: [],
                                    appendix: [], reportObligations: [], funding: [], footnotes: [], places: [],
                                    legalDocuments: [], inconsistencies: [])
        let assignees = AssigneeParser(directory: directory, date: header.plan.issuedOn)
        var sectionReader = SectionReader(state: state, assignees: assignees, plan: header.plan, footnotes: source.footnotes)
        for section in sections { sectionReader.read(section, into: &document) }
        state = sectionReader.state
        // After the body: "Nơi nhận" and the signature block; the appendix table's own title comes just before it.
        let tail = Array(paragraphs[min(bodyEnd, paragraphs.count)...])
        state.readClosing(tail, appendixAt: appendixAt - bodyEnd, into: &document.plan)
        if appendix == nil, !document.plan.appendixTitle.isEmpty {
            // "PHỤ LỤC" is there but no table with "Chủ trì" and "Phối hợp" columns follows: say so, never drop it quietly.
            let line = state.sources["phụ lục"]?.first
            state.problem(.structure, line: line, item: "phụ lục", text: document.plan.appendixTitle.joined(separator: " "),
                          "Dòng \(line ?? 0): có \"PHỤ LỤC\" nhưng không đọc được bảng phân công (cần các cột STT, nội dung, chủ trì, phối hợp, thời gian); nhập các dòng phụ lục khi duyệt.")
        }
        if let appendix {
            var rows = AppendixReader(state: state, assignees: assignees, plan: header.plan)
            rows.read(appendix, into: &document)
            state = rows.state
        }
        document.footnotes = sectionReader.footnotes(in: document)
        document.legalDocuments = Citations.find(in: document, provinceName: header.provinceName)
        return PlanDraft(document: document, lines: source.lines, sources: state.sources, problems: state.problems)
    }

    /// "KẾ HOẠCH" on its own line, as the document type under the header.
    static func isPlanTitle(_ text: String) -> Bool {
        let t = text.trimmingCharacters(in: CharacterSet(charactersIn: " .:"))
        return t.hasPrefix("K") && t.uppercased() == "KẾ HOẠCH"
    }

    static func isRecipientsHeading(_ text: String) -> Bool {
        AgencyDirectory.normalise(text).hasPrefix("nơi nhận")
    }

    /// "II. MỤC TIÊU CỤ THỂ NĂM 2024" → (2, "MỤC TIÊU CỤ THỂ NĂM 2024"); the heading is written in capitals.
    static func sectionHeading(_ text: String) -> (Int, String)? {
        guard let dot = text.firstIndex(of: "."), let n = RomanNumeral.value(String(text[..<dot])) else { return nil }
        let title = text[text.index(after: dot)...].trimmingCharacters(in: .whitespaces)
        guard PlanSource.isUpperCaseLine(title) else { return nil }
        return (n, title)
    }
}

/// What the reader gathers as it goes: where each item came from, and what it could not settle.
struct ReadState {
    let source: PlanSource
    var sources: [String: [Int]] = [:]
    var problems: [DraftProblem] = []

    init(source: PlanSource) { self.source = source }

    mutating func link(_ item: String, _ lines: [Int]) {
        sources[item, default: []].append(contentsOf: lines.filter { !(sources[item] ?? []).contains($0) })
    }

    mutating func problem(_ kind: DraftProblem.Kind, line: Int?, item: String?, text: String, _ message: String, suggestions: [String] = []) {
        problems.append(DraftProblem(kind: kind, line: line, item: item, text: text, message: message, suggestions: suggestions))
    }

    mutating func unknown(_ unknown: [AssigneeParser.Unknown], line: Int, item: String) {
        for u in unknown {
            let offer = u.suggestions.isEmpty ? "" : " Gần nhất: \(u.suggestions.joined(separator: "; "))."
            problem(.unknownAgency, line: line, item: item, text: u.text,
                    "Dòng \(line) (\(item)): \"\(u.text)\" không có trong danh bạ cơ quan.\(offer)", suggestions: u.suggestions)
        }
    }

    /// A deadline phrase read against the plan's year; one with no date is kept as text and reported.
    mutating func deadline(_ text: String, year: Int, line: Int, item: String) -> Deadline {
        let deadline = Deadline.parse(text, planYear: year)
        if deadline.date == nil, deadline.kind != .onRequest {
            problem(.unresolvedDeadline, line: line, item: item, text: text,
                    "Dòng \(line) (\(item)): thời hạn \"\(text)\" không quy được ra ngày; giữ nguyên chữ, chưa có ngày.")
        }
        return deadline
    }
}
