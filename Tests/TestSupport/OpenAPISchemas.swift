import Foundation
import Yams

/// The schemas of the server's API document (`Server/Sources/PromptServer/openapi.yaml`), so that root-package
/// tests can check a report the libraries write against what the server promises: the server decodes the
/// library's JSON into types generated from this document and answers 500 when a field is not in it.
///
/// Hand-written, because no JSON Schema validator for Swift is installed here; it checks only the keywords that
/// document uses for its results: `type` (a name or a list), `required`, `properties`, `additionalProperties: false`,
/// `items`, `enum` and `$ref` to `#/components/schemas/`. A null in an optional field counts as absent, as the
/// server's decoder reads it.
public struct OpenAPISchemas {
    let schemas: [String: Any]

    /// The server's document.
    public static func server() throws -> OpenAPISchemas {
        let path = PackagePaths.file("Server/Sources/PromptServer/openapi.yaml")
        return try OpenAPISchemas(yaml: String(contentsOfFile: path, encoding: .utf8))
    }

    /// A document's `components.schemas`.
    public init(yaml: String) throws {
        let document = try Yams.load(yaml: yaml) as? [String: Any]
        guard let schemas = (document?["components"] as? [String: Any])?["schemas"] as? [String: Any] else {
            throw TestSupportError(message: "the document has no components.schemas")
        }
        self.schemas = schemas
    }

    /// The named schema's `properties` names.
    public func propertyNames(_ name: String) -> Set<String> {
        Set(((schemas[name] as? [String: Any])?["properties"] as? [String: Any] ?? [:]).keys)
    }

    /// Where `json` (one JSON text) does not match the named schema, one line each; empty when it matches.
    public func problems(_ json: String, schema name: String) -> [String] {
        let value: Any
        do { value = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]) } catch {
            return ["not JSON: \(error)"]
        }
        return problems(value, ["$ref": "#/components/schemas/\(name)"], at: "$")
    }

    private func problems(_ value: Any, _ schema: [String: Any], at path: String) -> [String] {
        if let ref = schema["$ref"] as? String {
            let name = String(ref.split(separator: "/").last ?? "")
            guard let resolved = schemas[name] as? [String: Any] else { return ["\(path): unknown schema \(ref)"] }
            return problems(value, resolved, at: path)
        }
        let types = (schema["type"] as? [String]) ?? (schema["type"] as? String).map { [$0] } ?? []
        if !types.isEmpty, !types.contains(where: { Self.matches(value, type: $0) }) {
            return ["\(path): \(Self.describe(value)) where the document says \(types.joined(separator: " or "))"]
        }
        if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { "\($0)" == "\(value)" }) {
            return ["\(path): \(value) is not one of \(allowed)"]
        }
        var found: [String] = []
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for key in (schema["required"] as? [String] ?? []) where object[key] == nil {
                found.append("\(path): required field \"\(key)\" is missing")
            }
            let required = Set(schema["required"] as? [String] ?? [])
            for key in object.keys.sorted() {
                // The server decodes null in an optional field as absent (the command line prints null there).
                if object[key] is NSNull, !required.contains(key), properties[key] != nil { continue }
                if let property = properties[key] as? [String: Any] {
                    found += problems(object[key] as Any, property, at: "\(path).\(key)")
                } else if let additional = schema["additionalProperties"] as? [String: Any] {
                    found += problems(object[key] as Any, additional, at: "\(path).\(key)")
                } else if schema["additionalProperties"] as? Bool == false {
                    found.append("\(path): field \"\(key)\" is not in the document (additionalProperties is false)")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (i, item) in array.enumerated() { found += problems(item, items, at: "\(path)[\(i)]") }
        }
        return found
    }

    private static func isBool(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c" || type(of: value) == Bool.self
    }

    private static func matches(_ value: Any, type: String) -> Bool {
        switch type {
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "null": return value is NSNull
        case "boolean": return isBool(value)
        case "integer":
            guard !isBool(value), let number = value as? NSNumber else { return false }
            return number.doubleValue.rounded() == number.doubleValue
        case "number": return !isBool(value) && value is NSNumber
        default: return true
        }
    }

    private static func describe(_ value: Any) -> String {
        isBool(value) ? "a boolean" : value is NSNumber ? "a number" : value is String ? "a string"
            : value is NSNull ? "null" : value is [Any] ? "an array" : value is [String: Any] ? "an object" : "\(value)"
    }
}
