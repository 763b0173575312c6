/// What an audit entry is about; the raw value is what the log stores.
public enum AuditEntity: String, Hashable, Sendable, Codable, CaseIterable {
    case user, role, apiToken = "api_token", setting
    case taskUpdate = "task_update", evidenceFile = "evidence_file"
    case submission, dataValue = "data_value", survey, report, indicator, reportObligation = "report_obligation", plan
    case adminUnit = "admin_unit", agency
    case capitalLine = "capital_line", capitalEvent = "capital_event", disbursement, investmentWork = "investment_work"
}

/// Which one of its entity an entry is about, in parts (obligation, reporter, period, …); the log stores the parts
/// joined by " · ", which a reader of the log sees and `init(stored:)` splits again.
public struct AuditKey: Hashable, Sendable, Codable, CustomStringConvertible {
    public static let separator = " · "
    public var parts: [String]

    public init(_ parts: String...) { self.parts = parts }

    public init(stored: String) { parts = stored.components(separatedBy: Self.separator) }

    public var stored: String { parts.joined(separator: Self.separator) }
    public var description: String { stored }
}

/// One field of one entity changed by one user: a line of the audit log before it is chained.
public struct AuditChange: Hashable, Sendable {
    public var entity: AuditEntity
    public var key: AuditKey
    public var field: String?
    public var oldValue: String?
    public var newValue: String?

    public init(_ entity: AuditEntity, _ key: AuditKey, field: String? = nil, oldValue: String? = nil, newValue: String? = nil) {
        self.entity = entity
        self.key = key
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
    }
}

/// A stored audit entry: who changed what, when, from where, chained to the one before it by hash.
public struct AuditEntry: Hashable, Sendable, Codable {
    public var seq: Int
    /// ISO 8601, UTC.
    public var at: String
    public var actor: String
    public var address: String?
    public var entity: String
    public var entityId: String
    public var field: String?
    public var oldValue: String?
    public var newValue: String?
    public var reason: String?
    public var previousHash: String
    public var hash: String

    public init(seq: Int, at: String, actor: String, address: String?, change: AuditChange, reason: String?,
                previousHash: String, hash: String = "") {
        self.init(seq: seq, at: at, actor: actor, address: address, entity: change.entity.rawValue, entityId: change.key.stored,
                  field: change.field, oldValue: change.oldValue, newValue: change.newValue, reason: reason,
                  previousHash: previousHash, hash: hash)
    }

    /// An entry as stored, whatever entity it names (a log outlives the code that wrote it).
    public init(seq: Int, at: String, actor: String, address: String?, entity: String, entityId: String, field: String?,
                oldValue: String?, newValue: String?, reason: String?, previousHash: String, hash: String) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.address = address
        self.entity = entity
        self.entityId = entityId
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
        self.reason = reason
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The entry's key, split into its parts.
    public var key: AuditKey { AuditKey(stored: entityId) }

    /// The exact text the hash covers: every field but the hash, one per line, escaped, nil distinct from "".
    public var canonical: String {
        func value(_ text: String?) -> String {
            guard let text else { return "∅" }
            return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
                .replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return ["seq=\(seq)", "at=\(value(at))", "actor=\(value(actor))", "address=\(value(address))",
                "entity=\(value(entity))", "entityId=\(value(entityId))", "field=\(value(field))",
                "old=\(value(oldValue))", "new=\(value(newValue))", "reason=\(value(reason))",
                "previous=\(previousHash)"].joined(separator: "\n")
    }
}

/// Where a hand-edited log first stops adding up.
public struct AuditBreak: Hashable, Sendable, Error, CustomStringConvertible {
    public var seq: Int
    public var reason: String
    public var description: String { "Mục nhật ký số \(seq): \(reason)" }
}

/// The hash chain over the audit log.
public enum AuditChain {
    /// The "previous hash" of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// Checks sequence numbers, links and hashes in order, and that the last entry is the recorded head.
    /// Returns the first entry that does not add up, or nil when the log is intact.
    public static func firstBreak(_ entries: [AuditEntry], head: (seq: Int, hash: String)?,
                                  hash: (String) -> String) -> AuditBreak? {
        var previous = genesis
        for (index, entry) in entries.enumerated() {
            let expectedSeq = index + 1
            if entry.seq != expectedSeq {
                return AuditBreak(seq: min(entry.seq, expectedSeq),
                                  reason: entry.seq > expectedSeq ? "mục số \(expectedSeq) đã bị xóa" : "thứ tự bị đảo hoặc trùng số")
            }
            if entry.previousHash != previous {
                return AuditBreak(seq: entry.seq, reason: "không nối với mục trước (mục trước đã bị sửa, xóa hoặc đổi chỗ)")
            }
            if hash(entry.canonical) != entry.hash {
                return AuditBreak(seq: entry.seq, reason: "nội dung đã bị sửa sau khi ghi")
            }
            previous = entry.hash
        }
        let last = entries.last.map { ($0.seq, $0.hash) } ?? (0, genesis)
        if let head, head.seq != last.0 || head.hash != last.1 {
            return AuditBreak(seq: last.0 + 1 <= head.seq ? last.0 + 1 : head.seq,
                              reason: head.seq > last.0 ? "các mục cuối (đến số \(head.seq)) đã bị xóa" : "đầu chuỗi không khớp mục cuối")
        }
        return nil
    }
}
