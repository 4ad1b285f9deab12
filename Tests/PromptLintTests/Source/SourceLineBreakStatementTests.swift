import XCTest

@testable import PromptLint

/// TypeScript/JavaScript written without semicolons: a line break ends an assignment statement, so a
/// reassignment on the next line (`text = text.replace("$NOW", …)` after `text = text.replace("$NAME", …)`)
/// is a statement of its own and the value it adds is traced.
final class SourceLineBreakStatementTests: XCTestCase {
    /// A system instruction read from a file and filled by two reassignments without semicolons; the
    /// second fills `second` (an expression).
    private func source(second: String) -> String {
        """
        import { GoogleGenerativeAI } from "@google/generative-ai"
        const genAI = new GoogleGenerativeAI(process.env.KEY ?? "")
        export const sinceLast = (t: number): string => `${Math.round((Date.now() - t) / 1000)} seconds later`
        export const buildModel = async (user: { id: string, name: string }, last: number) => {
          let text = fs.readFileSync("persona.txt").toString()
          text = text.replace("$BOT", "Pip")
          text = text.replace("$SINCE", \(second))
          return genAI.getGenerativeModel({ model: "gemini-1.5-flash", systemInstruction: text })
        }
        export const reply = async (message: string, user: { id: string, name: string }) => {
          const history = await loadHistory(user.id)
          const model = await buildModel(user, await lastSeen(user.id))
          return (await model.startChat({ history }).sendMessage(message)).response.text()
        }
        """
    }

    func testAReassignmentOnTheNextLineIsTracedBeforeTheConversation() throws {
        XCTAssertEqual(try SourceTest.findingLines(source(second: "sinceLast(last)"), path: "bot.ts"), ["PL001@7"])
    }

    func testAConstantOnTheNextLineBreaksNothing() throws {
        XCTAssertEqual(try SourceTest.findingLines(source(second: "\"a while later\""), path: "bot.ts"), [])
    }

    func testALineBreakInsideAnExpressionDoesNotStartAStatement() {
        let tokens = ScriptLexer.tokens(Array("const a = b +\n  c\nd = e".utf8))
        let module = SourceModule(tokens: tokens, language: .script)
        XCTAssertEqual(module.scopes[0].assignments["d"]?.count, 1)
        XCTAssertNil(module.scopes[0].assignments["c"])
    }
}
