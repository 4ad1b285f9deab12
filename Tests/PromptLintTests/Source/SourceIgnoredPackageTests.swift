import XCTest

@testable import PromptLint

/// A `.gitignore` pattern meant for a scratch folder (`brain/`) that also matches a package of the source
/// tree (`app/brain/`, with `__init__.py` in it and in `app/`): the package is still read (source-holdout13,
/// session 18). A plain folder of that name stays ignored.
final class SourceIgnoredPackageTests: XCTestCase {
    private func project(parentIsPackage: Bool) -> [String: String] {
        var files = [
            ".gitignore": "brain/\n",
            "app/brain/__init__.py": "",
            "app/brain/node.py": """
                from datetime import datetime
                from openai import OpenAI

                client = OpenAI()


                def answer(history, question):
                    system = f"Now: {datetime.now().isoformat()}\\n\(SourceTest.policy)"
                    messages = [{"role": "system", "content": system}, *history, {"role": "user", "content": question}]
                    return client.chat.completions.create(model="gpt-4o-mini", messages=messages)

                """,
        ]
        if parentIsPackage { files["app/__init__.py"] = "" }
        return files
    }

    func testAnIgnoredPackageInsideAPackageIsRead() throws {
        let findings = try SourceTest.folderFindings(project(parentIsPackage: true)).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.map(\.path), ["app/brain/node.py"])
    }

    func testAnIgnoredFolderOutsideAPackageStaysIgnored() throws {
        XCTAssertEqual(try SourceTest.folderFindings(project(parentIsPackage: false)).filter { $0.ruleID == "PL001" }.map(\.path), [])
    }
}
