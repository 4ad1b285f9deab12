import Foundation

/// Field checks shared by the operations; each failure is a 400 naming the field.
enum Validate {
    /// A text no longer than `limit` UTF-8 bytes.
    static func length(_ text: String?, field: String, limit: Int) throws {
        guard let text else { return }
        let bytes = text.utf8.count
        if bytes > limit { throw APIError.tooLong(field, bytes: bytes, limit: limit) }
    }

    /// Exactly one of two fields.
    static func exactlyOne(_ a: Bool, _ aName: String, _ b: Bool, _ bName: String) throws {
        if a && b { throw APIError.invalid(bName, "give either \(aName) or \(bName), not both") }
        if !a && !b {
            throw APIError(.badRequest, code: "missing_field", message: "\(aName): give \(aName) or \(bName)", field: aName)
        }
    }
}
