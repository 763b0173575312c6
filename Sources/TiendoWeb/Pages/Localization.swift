import TiendoCore

/// The language of the interface. Plan text stays as the plan wrote it; the chrome around it is translated.
enum Language: String, Sendable {
    case vi, en

    /// English for the interface's own words, keyed by the Vietnamese; anything missing stays Vietnamese.
    func t(_ vietnamese: String) -> String {
        guard self == .en else { return vietnamese }
        return Language.english[vietnamese] ?? vietnamese
    }

    static let english: [String: String] = [
        "Tổng quan": "Overview", "Mục": "Item", "Kế hoạch": "Plan", "Nhiệm vụ": "Tasks", "Đơn vị": "Units", "Chỉ tiêu": "Indicators", "Hộ gia đình": "Households", "Số liệu": "Figures",
        "Quản trị": "Administration", "Đăng nhập": "Sign in", "Đăng xuất": "Sign out", "Tài khoản": "Account",
        "Tên đăng nhập": "Username", "Mật khẩu": "Password", "Mục tiêu cụ thể năm 2024": "2024 targets",
        "Chỉ tiêu, giá trị cơ sở, mục tiêu": "Indicator, baseline, target", "Cơ sở": "Baseline", "Mục tiêu": "Target",
        "Giá trị mới nhất": "Latest value", "Tình trạng": "Status", "chưa có số liệu": "no data yet",
        "Nhiệm vụ theo nhóm và tình trạng": "Tasks by group and status", "Nhóm": "Group", "Dự án": "Project",
        "Chưa triển khai": "Not started", "Đang triển khai": "In progress", "Hoàn thành": "Done",
        "Không thực hiện được": "Blocked", "Quá hạn": "Overdue", "Tổng": "Total",
        "Chế độ báo cáo": "Reporting obligations", "Báo cáo": "Report", "Hạn": "Due", "Còn lại": "Days left",
        "So sánh cấp huyện": "District comparison", "So sánh cấp xã": "Commune comparison",
        "Bản đồ hành chính ngày": "Administrative map of", "Toàn tỉnh": "Whole province", "Giá trị của": "Value of",
        "Sơ kết (Word)": "Mid-term review (Word)", "Tổng kết (Word)": "Final review (Word)", "Phụ lục theo năm (Excel)": "Annex by year (Excel)",
        "một phần số liệu của đơn vị bị chia tách không phân bổ được": "part of a split unit's figures could not be allocated",
        "vạch đứt: mục tiêu cấp tỉnh của năm.": "dashed line: the province's target for the year.", "Đơn vị hành chính": "Unit", "Chủ trì": "Leads",
        "Phối hợp": "Coordinates", "Đã cập nhật": "Updated", "Lọc": "Filter", "Cơ quan": "Agency", "Huyện": "District",
        "Tất cả": "All", "Hạn đến": "Due by", "Sắp xếp": "Sort", "Mã": "Code", "Nội dung": "Text",
        "Cập nhật tiến độ": "Report progress", "Gửi cập nhật": "Submit update", "Tỷ lệ hoàn thành (%)": "Percent done",
        "Nội dung báo cáo": "Narrative", "Báo cáo thay cho": "Reporting for", "Số văn bản minh chứng": "Evidence document number",
        "Ngày văn bản": "Document date", "Lịch sử cập nhật": "Update timeline", "Chưa có cập nhật nào.": "No updates yet.",
        "Người gửi": "Submitted by", "Thời điểm": "Time", "Nguồn": "Source", "Văn bản được trích dẫn": "Cited documents",
        "Điểm chưa thống nhất trong văn bản": "Inconsistencies in the text", "Phụ lục": "Appendix",
        "Nhật ký thay đổi": "Audit log", "Người dùng": "Users", "Vai trò": "Roles", "Mã truy cập": "API tokens",
        "Đổi mật khẩu": "Change password", "Mật khẩu hiện tại": "Current password", "Mật khẩu mới": "New password",
        "Lưu": "Save", "Trang này cần đăng nhập.": "This page requires signing in.", "Không tìm thấy trang.": "Page not found.",
        "Bỏ qua, đến nội dung chính": "Skip to main content", "Ngôn ngữ": "Language", "nhiệm vụ": "tasks",
        "Định nghĩa": "Definition", "Đơn vị tính": "Unit of measure", "Phạm vi": "Scope", "Điều khoản": "Clause",
        "Chủ trì, phối hợp": "Leads and coordinators", "Những việc chủ trì": "Leads", "Những việc phối hợp": "Coordinates",
        "Việc quá hạn": "Late", "Báo cáo phải nộp": "Reports due", "Đối tượng": "Entity", "Trường": "Field",
        "Cũ": "Old", "Mới": "New", "Lý do": "Reason", "Từ ngày": "Since", "Người thực hiện": "Actor",
        "Trạng thái": "Status", "Đã thu hồi": "Revoked", "Còn hiệu lực": "Active", "Bị khóa": "Locked",
        "Đã quá hạn": "Overdue by", "ngày": "days", "Phải nộp": "Expected", "Đúng hạn": "On time", "Muộn": "Late", "Chưa nộp": "Missing",
    ]

    func status(_ status: TaskStatus) -> String {
        guard self == .en else { return status.vietnamese }
        switch status {
        case .notStarted: return "not started"
        case .inProgress: return "in progress"
        case .done: return "done"
        case .blocked: return "blocked"
        case .overdue: return "overdue"
        }
    }

    func status(_ status: ProgressStatus) -> String {
        self.status(TaskStatus(rawValue: status.rawValue)!)
    }
}
