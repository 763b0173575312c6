import FluentKit
import Foundation
import SQLKit
import Testing
import TiendoApp
import TiendoCore
import TiendoStore
import TiendoTestSupport

/// Two writers of one submission at the same time, each through its own connection pool (two server instances):
/// an approval is never undone unseen, every state change is audited, and the loser gets a 409-kind refusal,
/// never another error.
@Suite struct RaceTests {
    static let obligation = "bao-cao-6-thang-2024"
    static let trials = 25
    let commune = Caller(principal: Principal(username: "xaa", grants: [RoleGrant(role: .communeOfficer, scope: "06970")]), address: "a")
    let district = Caller(principal: Principal(username: "bache", grants: [RoleGrant(role: .districtOfficer, scope: "202")]), address: "b")
    let figures = [EntryValue(element: "tong_so_ho", value: 1000), EntryValue(element: "ho_nuoc_sach_qcvn", value: 900)]

    /// Two pools on one database, as two instances of the server would have.
    func withTwoInstances(_ kind: TestDatabase, _ body: (AppContext, AppContext) async throws -> Void) async throws {
        try await kind.withFresh { location in
            try await OpenDatabase.with(location) { first in
                try await OpenDatabase.with(location) { second in
                    try await body(AppContext(db: first.db), AppContext(db: second.db))
                }
            }
        }
    }

    /// The state the audit log says a submission is in: its last recorded change.
    func auditedState(_ db: any Database, period: String) async throws -> String? {
        try await AuditLog.entries(on: db, entity: .submission).last { $0.entityId.hasSuffix("06970 · \(period)") }?.newValue
    }

    @Test(arguments: TestDatabase.available)
    func aSaveNeverUndoesAnApproval(_ kind: TestDatabase) async throws {
        try await withTwoInstances(kind) { one, two in
            var approvalsKept = 0, savesRefused = 0
            for trial in 0..<Self.trials {
                let period = "\(2001 + trial)-H1"
                _ = try await SaveFigures(obligation: Self.obligation, reporter: "06970", period: period, values: figures).run(one, by: commune)
                async let save: Result<Submission, any Error> = {
                    do { return .success(try await SaveFigures(obligation: Self.obligation, reporter: "06970", period: period, values: figures).run(one, by: commune)) }
                    catch { return .failure(error) }
                }()
                async let sendAndApprove: Result<Submission, any Error> = {
                    do {
                        _ = try await MoveSubmission(.submit, obligation: Self.obligation, reporter: "06970", period: period, comment: nil).run(two, by: commune)
                        return .success(try await MoveSubmission(.approve, obligation: Self.obligation, reporter: "06970", period: period, comment: nil).run(two, by: district))
                    } catch { return .failure(error) }
                }()
                let (saved, approved) = await (save, sendAndApprove)
                for case let .failure(error) in [saved.map { _ in () }, approved.map { _ in () }] {
                    guard case AppError.conflict = error else { Issue.record("trial \(trial): \(error)"); continue }
                }
                let stored = try await DataEntry(one.db).load(obligation: Self.obligation, reporter: "06970", period: period).state
                if case .success = approved {
                    #expect(stored == .districtApproved, "trial \(trial): the approval was undone")
                    approvalsKept += 1
                }
                if case .failure = saved { savesRefused += 1 }
                #expect(try await auditedState(one.db, period: period) == stored.rawValue, "trial \(trial): a state change went unaudited")
            }
            #expect(approvalsKept > 0)
            print("\(kind): \(Self.trials) save/submit+approve races, \(approvalsKept) approvals kept, \(savesRefused) saves refused with 409")
            #expect(try await AuditLog.verify(on: one.db) == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func approveAndReturnFromTwoInstancesOneWins(_ kind: TestDatabase) async throws {
        try await withTwoInstances(kind) { one, two in
            var approvals = 0, returns = 0
            for trial in 0..<Self.trials {
                let period = "\(2001 + trial)-H1"
                _ = try await SaveFigures(obligation: Self.obligation, reporter: "06970", period: period, values: figures).run(one, by: commune)
                _ = try await MoveSubmission(.submit, obligation: Self.obligation, reporter: "06970", period: period, comment: nil).run(one, by: commune)
                async let approve: Result<Submission, any Error> = {
                    do { return .success(try await MoveSubmission(.approve, obligation: Self.obligation, reporter: "06970", period: period, comment: nil).run(one, by: district)) }
                    catch { return .failure(error) }
                }()
                async let giveBack: Result<Submission, any Error> = {
                    do { return .success(try await MoveSubmission(.return, obligation: Self.obligation, reporter: "06970", period: period, comment: "Thiếu số hộ").run(two, by: district)) }
                    catch { return .failure(error) }
                }()
                let (a, r) = await (approve, giveBack)
                let stored = try await DataEntry(one.db).load(obligation: Self.obligation, reporter: "06970", period: period).state
                switch (a, r) {
                case let (.success(won), .failure(AppError.conflict(message))):
                    #expect(won.state == .districtApproved && stored == .districtApproved)
                    #expect(message.contains(SubmissionState.districtApproved.vietnamese), "the loser is told the state it lost to")
                    approvals += 1
                case let (.failure(AppError.conflict(message)), .success(won)):
                    #expect(won.state == .returned && stored == .returned)
                    #expect(message.contains(SubmissionState.returned.vietnamese))
                    returns += 1
                default:
                    Issue.record("trial \(trial): expected one winner and one 409, got \(a) and \(r)")
                }
                #expect(try await auditedState(one.db, period: period) == stored.rawValue)
            }
            print("\(kind): \(Self.trials) approve/return races, approve won \(approvals), return won \(returns), no other outcome")
        }
    }
}
