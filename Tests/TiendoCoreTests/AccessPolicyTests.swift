import Testing
@testable import TiendoCore

/// Who may report for whom: role AND scope AND assignment, decided without a database.
@Suite struct AccessPolicyTests {
    let plan = try! SeedData.plan()
    let directory = try! SeedData.directory()

    func decide(_ grants: [RoleGrant], task: String, reporter: String) -> Result<Assignment.Role, AppError> {
        let assignments = plan.sectionTasks.first { $0.code == task }?.assignments ?? plan.appendix.first { $0.code == task }!.assignments
        let agency = directory.reporter(named: reporter, on: plan.plan.issuedOn)!
        return Policy.reportingRole(Principal(username: "u", grants: grants), for: agency, assignments: assignments,
                                    taskCode: task, directory: directory, on: plan.plan.issuedOn)
    }

    @Test func agencyOfficerReportsOnItsOwnTasksOnly() throws {
        let gtvt = [RoleGrant(role: .agencyOfficer, scope: "Sở Giao thông vận tải")]
        #expect(try decide(gtvt, task: "III.4.(1)", reporter: "Sở Giao thông vận tải").get() == .lead)
        #expect(try decide(gtvt, task: "PL.18", reporter: "Sở Giao thông vận tải").get() == .lead)
        // Through "Các sở, ngành liên quan" it helps with row 9.
        #expect(try decide(gtvt, task: "PL.9", reporter: "Sở Giao thông vận tải").get() == .coordinating)
        // Another agency's task, or speaking for another agency: refused.
        #expect(throws: AppError.self) { try decide(gtvt, task: "III.2.(1)", reporter: "Sở Giao thông vận tải").get() }
        #expect(throws: AppError.self) { try decide(gtvt, task: "III.2.(1)", reporter: "Sở Nông nghiệp và Phát triển nông thôn").get() }
    }

    @Test func districtOfficerReportsForItsUnitIndividuallyOrThroughTheCollective() throws {
        let haLong = [RoleGrant(role: .districtOfficer, scope: "193")]
        #expect(try decide(haLong, task: "III.4.(2)", reporter: "193").get() == .lead)
        #expect(try decide(haLong, task: "PL.20", reporter: "UBND thành phố Hạ Long").get() == .lead)
        // Only Sở Giao thông vận tải leads III.4.(1): guessing the code does not help.
        #expect(throws: AppError.self) { try decide(haLong, task: "III.4.(1)", reporter: "193").get() }
        #expect(throws: AppError.self) { try decide(haLong, task: "III.4.(1)", reporter: "Sở Giao thông vận tải").get() }
        // Another district on a task both are assigned to.
        #expect(throws: AppError.self) { try decide(haLong, task: "III.4.(2)", reporter: "198").get() }
        // Row 20 names six districts; Bình Liêu is not one of them.
        #expect(throws: AppError.self) { try decide([RoleGrant(role: .districtOfficer, scope: "198")], task: "PL.20", reporter: "198").get() }
    }

    @Test func communeOfficerAndOtherRoles() throws {
        #expect(try decide([RoleGrant(role: .communeOfficer, scope: "06649")], task: "III.10.(6)", reporter: "06649").get() == .lead)
        #expect(throws: AppError.self) { try decide([RoleGrant(role: .communeOfficer, scope: "06649")], task: "III.4.(2)", reporter: "06649").get() }
        #expect(try decide([RoleGrant(role: .coordinator)], task: "III.4.(1)", reporter: "Sở Giao thông vận tải").get() == .lead)
        #expect(throws: AppError.self) { try decide([RoleGrant(role: .admin)], task: "III.4.(1)", reporter: "Sở Giao thông vận tải").get() }
        #expect(throws: AppError.self) { try decide([RoleGrant(role: .viewer)], task: "III.4.(1)", reporter: "Sở Giao thông vận tải").get() }
    }

    @Test func grantsCheckTheirScope() throws {
        #expect(try RoleGrant.make(role: .agencyOfficer, scope: "Sở Công thương", directory: directory).scope == "Sở Công Thương")
        #expect(try RoleGrant.make(role: .districtOfficer, scope: "205", directory: directory).scope == "205")
        #expect(throws: AppError.self) { try RoleGrant.make(role: .districtOfficer, scope: "06649", directory: directory) }
        #expect(throws: AppError.self) { try RoleGrant.make(role: .communeOfficer, scope: "193", directory: directory) }
        #expect(throws: AppError.self) { try RoleGrant.make(role: .agencyOfficer, scope: nil, directory: directory) }
        #expect(throws: AppError.self) { try RoleGrant.make(role: .agencyOfficer, scope: "UBND huyện Bình Liêu", directory: directory) }
        #expect(throws: AppError.self) { try RoleGrant.make(role: .admin, scope: "193", directory: directory) }
        #expect(try RoleGrant.make(role: .viewer, scope: nil, directory: directory).scope == nil)
    }

    @Test func onlyAdminsManageUsersAndOnlyAdminsAndCoordinatorsReadTheAudit() throws {
        for role in Role.allCases {
            let principal = Principal(username: "u", grants: [RoleGrant(role: role)])
            let manages = Policy.can(principal, .manageUsers)
            let reads = Policy.can(principal, .readAudit)
            #expect(manages == (role == .admin))
            #expect(reads == (role == .admin || role == .coordinator))
        }
    }
}

/// A task's status comes from its leads, and a date can make it overdue.
@Suite struct TaskProgressTests {
    let today = CivilDate(year: 2024, month: 6, day: 1)!
    let past = CivilDate(year: 2024, month: 3, day: 31)!
    let future = CivilDate(year: 2024, month: 12, day: 31)!

    @Test(arguments: [
        ([ProgressStatus](), nil as Bool?, TaskStatus.notStarted),
        ([.done, .done], nil, .done),
        ([.done, .inProgress], nil, .inProgress),
        ([.notStarted, .notStarted], nil, .notStarted),
        ([.blocked, .blocked], nil, .blocked),
        ([.blocked, .notStarted], nil, .inProgress),
        ([.inProgress], true, .overdue),
        ([.done], true, .done),
        ([.notStarted], false, .notStarted),
    ])
    func derivation(_ leads: [ProgressStatus], _ pastDeadline: Bool?, _ expected: TaskStatus) {
        let deadline = pastDeadline.map { $0 ? past : future }
        #expect(TaskProgress.derive(leads: leads, deadline: deadline, today: today) == expected)
    }

    @Test func eachAssigneeHasItsOwnStatus() throws {
        let plan = try SeedData.plan(), directory = try SeedData.directory()
        let task = plan.sectionTasks.first { $0.code == "III.2.(3)" }!
        let update = TaskUpdate(id: 1, planId: plan.id, taskCode: task.code, reporter: "UBND thành phố Hạ Long", reporterUnitCode: "193",
                                role: .lead, status: .inProgress, progress: 30, note: "", username: "u")
        let list = TaskProgress.assignees(task.assignments, updates: [update], directory: directory, on: plan.plan.issuedOn)
        #expect(list.count == 1 + 13)
        #expect(list.first { $0.assignee == "UBND thành phố Hạ Long" }?.status == .inProgress)
        #expect(list.first { $0.assignee == "Sở Xây dựng" }?.status == .notStarted)
        #expect(list.first { $0.assignee == "UBND huyện Bình Liêu" }?.via == "UBND các huyện, thị xã, thành phố")
    }

    /// "UBND các huyện … có liên quan" (III.6.(1)) is not every district: members count once they report, and the
    /// task is done when the named lead and those that reported are done.
    @Test func aNarrowedCollectiveIsNotWidenedToEveryone() throws {
        let plan = try SeedData.plan(), directory = try SeedData.directory()
        let task = try #require(plan.sectionTasks.first { $0.code == "III.6.(1)" })
        let update = TaskUpdate(id: 1, planId: plan.id, taskCode: task.code, reporter: "UBND thành phố Hạ Long", reporterUnitCode: "193",
                                role: .lead, status: .done, progress: 100, note: "Xong", username: "u")
        let list = TaskProgress.assignees(task.assignments, updates: [update], directory: directory, on: plan.plan.issuedOn)
        let binhLieu = try #require(list.first { $0.assignee == "UBND huyện Bình Liêu" })
        #expect(binhLieu.conditional && !binhLieu.counts)
        #expect(binhLieu.via == "UBND các huyện, thị xã, thành phố — có liên quan")
        #expect(list.first { $0.assignee == "UBND thành phố Hạ Long" }?.counts == true)
        let progress = PlanProgress.compute(plan, directory: directory, updates: [update], today: today)
        let others = list.filter { $0.role == .lead && !$0.conditional }
        #expect(progress[task.code]?.status == (others.allSatisfy { $0.assignee == "UBND thành phố Hạ Long" } ? .done : .inProgress))
        #expect(WorkCounts.of(unitCode: "193", in: progress, on: today).leads.contains(task.code))
        #expect(!WorkCounts.of(unitCode: try #require(binhLieu.unitCode), in: progress, on: today).leads.contains(task.code))
    }

    @Test func updatesAreValidated() throws {
        func update(_ status: ProgressStatus, _ progress: Int) -> TaskUpdate {
            TaskUpdate(planId: "p", taskCode: "t", reporter: "r", role: .lead, status: status, progress: progress, note: "", username: "u")
        }
        #expect(throws: TaskUpdateError.self) { try update(.inProgress, 101).validate() }
        #expect(throws: TaskUpdateError.self) { try update(.inProgress, -1).validate() }
        #expect(throws: TaskUpdateError.self) { try update(.done, 90).validate() }
        #expect(throws: TaskUpdateError.self) { try update(.notStarted, 10).validate() }
        let complete = update(.done, 100)
        #expect(throws: Never.self) { try complete.validate() }
    }
}

/// The chain catches an edited, deleted or reordered entry and names it.
@Suite struct AuditChainTests {
    /// A stand-in hash: any injective function shows the chain logic; the store uses SHA-256.
    static func hash(_ text: String) -> String { String(text.hashValue, radix: 16) + String(text.count) }

    func chain(_ n: Int) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        var previous = AuditChain.genesis
        for seq in 1...n {
            var entry = AuditEntry(seq: seq, at: "2024-01-01T00:00:00.000Z", actor: "u", address: nil,
                                   change: AuditChange(.user, AuditKey("\(seq)"), field: "f", newValue: "v\(seq)"),
                                   reason: nil, previousHash: previous)
            entry.hash = AuditChainTests.hash(entry.canonical)
            previous = entry.hash
            entries.append(entry)
        }
        return entries
    }

    func check(_ entries: [AuditEntry], head: [AuditEntry]) -> AuditBreak? {
        AuditChain.firstBreak(entries, head: head.last.map { ($0.seq, $0.hash) }, hash: AuditChainTests.hash)
    }

    @Test func intactChainPasses() throws {
        let entries = chain(20)
        #expect(check(entries, head: entries) == nil)
        #expect(AuditChain.firstBreak([], head: nil, hash: AuditChainTests.hash) == nil)
    }

    @Test(arguments: [1, 7, 20])
    func editIsNamed(_ seq: Int) {
        let original = chain(20)
        var entries = original
        entries[seq - 1].newValue = "sửa tay"
        #expect(check(entries, head: original)?.seq == seq)
    }

    @Test(arguments: [1, 7, 20])
    func deletionIsNamed(_ seq: Int) {
        let original = chain(20)
        var entries = original
        entries.remove(at: seq - 1)
        #expect(check(entries, head: original)?.seq == seq)
    }

    @Test func swapIsNamed() throws {
        let original = chain(20)
        var entries = original
        // Swap the contents of entries 5 and 6 but keep their numbers, as an UPDATE would.
        let five = entries[4], six = entries[5]
        entries[4] = six; entries[4].seq = 5
        entries[5] = five; entries[5].seq = 6
        #expect(check(entries, head: original)?.seq == 5)
    }

    @Test func canonicalTextTellsNilFromEmpty() throws {
        let a = AuditEntry(seq: 1, at: "t", actor: "u", address: nil, change: AuditChange(.user, AuditKey("1")), reason: nil, previousHash: "0")
        var b = a
        b.address = ""
        #expect(a.canonical != b.canonical)
    }
}
