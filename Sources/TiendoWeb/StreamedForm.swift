import Foundation
import TiendoCore
import TiendoImport
import Vapor

/// A multipart form read as it arrives, for uploads too large to hold in memory: its one file field is written to a
/// scratch file chunk by chunk, its other fields (small) are kept as text. The route has already decided who may
/// post before the first byte is read; the size limit stops reading as soon as it is passed.
struct StreamedForm {
    /// The text fields by name (the last value of a repeated name).
    var fields: [String: String] = [:]
    /// The scratch file holding the file field's bytes; nil when the form had no file field.
    var file: URL?
    /// The name the browser gave the file.
    var fileName = ""
    var fileBytes = 0

    /// A text field is a year, a choice or a token: anything longer is not from our form.
    static let maxFieldBytes = 4096

    /// Removes the scratch file; every path out of the route calls it (a crash leaves it to `ScratchFile.removeStale`).
    func remove() {
        if let file { try? FileManager.default.removeItem(at: file) }
    }

    /// Reads `req`'s body (declared `.stream` on its route) as multipart form data, the field named `fileField`
    /// into a scratch file; throws 413 once more than `maxBytes` arrived (or were announced), 400 when the body
    /// is not such a form. On any error the scratch file is already removed.
    static func receive(_ req: Request, fileField: String, maxBytes: Int) async throws -> StreamedForm {
        let limit = maxBytes >= 1 << 20 ? "\(maxBytes >> 20) MB" : "\(maxBytes >> 10) KB"
        let tooLarge = AppError.tooLarge("Tệp quá lớn: trang này nhận tối đa \(limit). Tệp lớn hơn nhập bằng lệnh tiendo households import.")
        if let announced = req.headers.first(name: .contentLength).flatMap(Int.init), announced > maxBytes { throw tooLarge }
        guard let type = req.headers.contentType, type.type == "multipart", type.subType == "form-data",
              let boundary = type.parameters["boundary"], (1...70).contains(boundary.utf8.count) else {
            throw AppError.invalid("Biểu mẫu phải gửi dạng multipart/form-data (chọn tệp rồi bấm Nhập).")
        }
        let scratch = ScratchFile.url("upload")
        var form = StreamedForm()
        do {
            try await req.application.fileio.withFileHandle(path: scratch.path, mode: .write,
                                                           flags: .allowFileCreation(posixMode: 0o600)) { handle in
                let reader = PartReader(fileField: fileField)
                let parser = MultipartParser(boundary: boundary)
                parser.onHeader = reader.header
                parser.onBody = reader.body
                parser.onPartComplete = reader.partComplete
                var received = 0
                for try await chunk in req.body {
                    received += chunk.readableBytes
                    if received > maxBytes { throw tooLarge }
                    do { try parser.execute(chunk) } catch { throw AppError.invalid("Biểu mẫu gửi lên bị hỏng (multipart không đúng).") }
                    if let problem = reader.problem { throw problem }
                    if reader.pending.readableBytes > 0 {
                        try await req.application.fileio.write(fileHandle: handle, buffer: reader.pending)
                        reader.pending.clear()
                    }
                }
                guard reader.complete else { throw AppError.invalid("Biểu mẫu gửi lên không trọn vẹn; gửi lại.") }
                form.fields = reader.fields
                form.fileName = reader.fileName ?? ""
                form.fileBytes = reader.fileBytes
                if reader.fileName != nil { form.file = scratch }
            }
        } catch {
            try? FileManager.default.removeItem(at: scratch)
            throw error
        }
        if form.file == nil { try? FileManager.default.removeItem(at: scratch) }
        return form
    }
}

/// Collects the parts the multipart parser reports: text fields in memory, the file field's bytes in `pending`
/// until the caller writes them out.
private final class PartReader {
    let fileField: String
    var fields: [String: String] = [:]
    var fileName: String?
    var fileBytes = 0
    var pending = ByteBuffer()
    var problem: AppError?
    var complete = false

    private var name: String?
    private var isFile = false
    private var text: [UInt8] = []

    init(fileField: String) { self.fileField = fileField }

    func header(_ field: String, _ value: String) {
        guard field.lowercased() == "content-disposition" else { return }
        let disposition = HTTPHeaders([("Content-Disposition", value)]).contentDisposition
        name = disposition?.name
        isFile = name == fileField
        if isFile {
            if fileName != nil { problem = .invalid("Biểu mẫu có hai tệp; chỉ gửi một tệp.") }
            fileName = disposition?.filename ?? ""
        }
    }

    func body(_ buffer: inout ByteBuffer) {
        complete = false
        if isFile {
            fileBytes += buffer.readableBytes
            pending.writeBuffer(&buffer)
        } else if text.count + buffer.readableBytes <= StreamedForm.maxFieldBytes {
            text += buffer.readableBytesView
        } else {
            problem = .invalid("Trường \(name ?? "không tên") của biểu mẫu quá dài.")
        }
    }

    func partComplete() {
        if let name, !isFile { fields[name] = String(decoding: text, as: UTF8.self) }
        name = nil; isFile = false; text = []
        complete = true
    }
}
