import Foundation

/// Plans written for the tests in the shape of a real one.
public enum PlanFixtures {
    /// Bình Liêu district's (198) own plan implementing Kế hoạch 54: two tasks naming the province's tasks they carry out.
    public static func districtPlan(number: String = "35", extra: String = "", lead: String = "UBND xã Đồng Văn") -> Data {
        Data("""
        ỦY BAN NHÂN DÂN
        HUYỆN BÌNH LIÊU
        Số: \(number)/KH-UBND
        Bình Liêu, ngày 20 tháng 3 năm 2024
        KẾ HOẠCH
        Thực hiện Kế hoạch số 54/KH-UBND ngày 23/02/2024 của UBND tỉnh trên địa bàn huyện năm 2024
        I. MỤC ĐÍCH, YÊU CẦU
        1. Cụ thể hóa Kế hoạch số 54/KH-UBND của UBND tỉnh.
        II. MỤC TIÊU
        1. Thu nhập bình quân đầu người đạt trên 60 triệu đồng/người/năm.
        III. NHIỆM VỤ VÀ GIẢI PHÁP
        1. Phát triển du lịch cộng đồng
        (1) Xây dựng kế hoạch du lịch cộng đồng gắn với giảm nghèo (nhiệm vụ III.6.(3) Kế hoạch 54/KH-UBND).
        (2) Hỗ trợ đất sản xuất cho hộ nghèo (nhiệm vụ III.2.(2)).\(extra)
        Phân công chủ trì tham mưu, thực hiện:
        - Nhiệm vụ (1): \(lead).
        - Nhiệm vụ (2), (3): UBND xã Hoành Mô.
        IV. TỔ CHỨC THỰC HIỆN
        1. Các xã gửi báo cáo về UBND huyện:
        - Báo cáo 6 tháng đầu năm 2024: Trước ngày 10/5/2024.
        Nơi nhận:
        - Lưu: VT.
        TM. ỦY BAN NHÂN DÂN
        CHỦ TỊCH
        Nguyễn Văn An
        """.utf8)
    }
}
