/// Another system's template syntax that a Markdown prompt shows in its code examples: `{{ }}` or `{% %}` inside a
/// quoted string of a fenced code block (`"value_template": "{{ now().weekday() < 5 }}"` in a smart-home
/// automation, `when: '{{ item.enabled }}'` in an Ansible task, `"${{ github.sha }}"` in a workflow). The model is
/// shown them to write such configuration; nothing renders them in the prompt, so they are text, and they are no
/// evidence that the file is a Jinja template. A placeholder alone on a line of a fence (`{{ diff }}` wrapped in a
/// code block) is not quoted, and stays the file's.
enum ForeignTemplateExamples {
    /// The byte ranges of the quoted strings inside fenced code blocks that hold `{{` or `{%`, in order. A fence may
    /// be indented any amount (examples under a list item are); a quote runs to its closing quote on the same line.
    static func spans(_ bytes: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var fence: (byte: UInt8, count: Int)?
        var start = 0
        while start < bytes.count {
            let end = ByteSearch.find(0x0A, in: bytes, from: start) ?? bytes.count
            if let marker = MarkerScanner.fenceMarker(bytes, start, maxIndent: end - start) {
                if let open = fence {
                    if marker.byte == open.byte && marker.count >= open.count && marker.bare { fence = nil }
                } else {
                    fence = (marker.byte, marker.count)
                }
            } else if fence != nil {
                out += quotedTemplates(bytes, start..<end)
            }
            start = end + 1
        }
        return out
    }

    /// The quoted strings of one line that hold template syntax.
    private static func quotedTemplates(_ bytes: [UInt8], _ line: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var opened: (quote: UInt8, at: Int)?
        var j = line.lowerBound
        while j < line.upperBound {
            let b = bytes[j]
            if let o = opened {
                if b == UInt8(ascii: "\\") {
                    j += 1
                } else if b == o.quote {
                    if holdsTemplate(bytes, o.at..<j) { out.append(o.at..<(j + 1)) }
                    opened = nil
                }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                opened = (b, j)
            }
            j += 1
        }
        return out
    }

    private static func holdsTemplate(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        var k = range.lowerBound
        while k + 1 < range.upperBound {
            if bytes[k] == UInt8(ascii: "{"), bytes[k + 1] == UInt8(ascii: "{") || bytes[k + 1] == UInt8(ascii: "%") { return true }
            k += 1
        }
        return false
    }
}
