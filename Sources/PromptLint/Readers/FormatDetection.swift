/// Chooses a template format from a file name and its content.
enum FormatDetection {
    static func detect(path: String, text: String) -> TemplateFormat {
        let name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        let ext = name.split(separator: ".").count > 1 ? String(name.split(separator: ".").last!) : ""
        switch ext {
        case "md", "markdown": return .markdown
        default: return .plainText
        }
    }
}
