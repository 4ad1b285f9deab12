import Foundation

/// The entry point for reading template files into `PromptTemplate`s.
///
/// Reading never throws: whatever does not parse becomes a `ParseIssue` with a position, and the
/// template keeps what could be read. Formats without roles (plain text, Markdown, bare Jinja or
/// Mustache files) yield one message whose role is `.unknown`.
public enum TemplateReading {
    /// Reads a file's bytes as a template. `format` overrides detection.
    public static func read(path: String, data: Data, format: TemplateFormat? = nil) -> PromptTemplate {
        let bytes = [UInt8](data)
        if let issue = binaryIssue(bytes) {
            let text = String(decoding: bytes, as: UTF8.self)
            return PromptTemplate(
                path: path, format: format ?? .plainText, messages: [], issues: [issue], source: text)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let source = SourceText(text)
        var template = format.map { read(source, format: $0) } ?? DialectChoice.read(path: path, source: source)
        template.path = path
        return PromptCollection.split(template, path: path, source: source)
    }

    /// Reads already-decoded text as a template. `format` overrides detection.
    public static func read(path: String, text: String, format: TemplateFormat? = nil) -> PromptTemplate {
        read(path: path, data: Data(text.utf8), format: format)
    }

    /// A first guess at a file's format from its name and, for generic extensions, its content. Reading
    /// may settle on another dialect when this one does not parse (`DialectChoice`).
    public static func detectFormat(path: String, text: String) -> TemplateFormat {
        FormatDetection.detect(path: path, text: text)
    }

    static func read(_ source: SourceText, format: TemplateFormat) -> PromptTemplate {
        var template = FormatRegistry.descriptor(format).read(source)
        template.format = format
        return template
    }

    /// An issue for bytes that are not a text file: NUL bytes or invalid UTF-8.
    static func binaryIssue(_ bytes: [UInt8]) -> ParseIssue? {
        if let nul = ByteSearch.find(0, in: bytes, from: 0) {
            return ParseIssue(
                message: "binary file: NUL byte at offset \(nul)",
                position: SourceText.position(in: bytes, offset: nul))
        }
        if let bad = UTF8Validation.firstInvalidOffset(bytes) {
            return ParseIssue(
                message: "invalid UTF-8 at offset \(bad)",
                position: SourceText.position(in: bytes, offset: bad))
        }
        return nil
    }
}
