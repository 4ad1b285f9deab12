/// A place in a template file: 1-based line and column (columns count Unicode scalars), plus the UTF-8 offset.
public struct SourcePosition: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// 1-based line.
    public var line: Int
    /// 1-based column, in Unicode scalars.
    public var column: Int
    /// 0-based UTF-8 byte offset into the file.
    public var offset: Int

    /// Creates a position.
    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// The start of a file.
    public static let start = SourcePosition(line: 1, column: 1, offset: 0)

    /// Orders by offset.
    public static func < (a: SourcePosition, b: SourcePosition) -> Bool { a.offset < b.offset }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}
