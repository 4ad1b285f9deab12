import XCTest

@testable import PromptLint

/// Classes of construct behind the TypeScript/JavaScript misses of source-holdout12 (session 17).
final class SourceHoldout12ScriptMissTests: XCTestCase {
    /// An AI SDK call in a chat agent's handler whose system text is given as `instructions` (the name
    /// newer AI SDK releases use), lines joined, ending with `tail`; then `rest` (the stored conversation or
    /// a one-off prompt).
    private func chatAgent(tail: String, rest: String) -> String {
        """
        import { streamText, convertToModelMessages } from "ai";

        export class Support extends ChatAgent {
          async onChatMessage() {
            const result = streamText({
              model: this.model,
              instructions: [
                "You answer questions about the billing API.",
                "Use the lookup tool before you quote a price.",
                \(tail)
              ].join("\\n"),
              \(rest),
            });
            return result.toResponse();
          }
        }
        """
    }

    func testAClockEndingAIStreamTextInstructionsBeforeTheStoredConversationIsFound() throws {
        let clock = "`The time is ${new Date().toISOString()}.`"
        let broken = chatAgent(tail: clock, rest: "messages: await convertToModelMessages(this.messages)")
        let line = (broken.components(separatedBy: "\n").firstIndex { $0.contains("The time is") } ?? 0) + 1
        XCTAssertEqual(try SourceTest.findingLines(broken, path: "agent.ts"), ["PL001@\(line)"])
        // Near miss: the same short instructions sent with one prompt and no conversation cost nothing.
        let oneOff = chatAgent(tail: clock, rest: "prompt: this.question")
        XCTAssertEqual(try SourceTest.findingLines(oneOff, path: "agent.ts"), [])
    }
}

/// The tool preprompt and the system-message prefix of source-holdout12 (session 17).
final class SourceHoldout12PrefixTests: XCTestCase {
    /// A function named as a preprompt returning lines joined, with the clock on the second line and long
    /// rules after it (`withClock`), or without the clock.
    private func preprompt(withClock: Bool) -> String {
        """
        export function buildHelpPreprompt(tools: Tool[]): string {
          const now = new Date();
          const stamp = now.toLocaleString("en-US", { hour: "2-digit", minute: "2-digit" });
          return [
            `Tools you can call: ${tools.map((t) => t.name).join(", ")}.`,
            \(withClock ? "`The time is ${stamp}.`" : "`Answer in English.`"),
            `\(SourceTest.longRules)`,
          ].join(" ");
        }
        """
    }

    func testAClockInAPrepromptBeforeLongRulesIsReportedAtTheClock() throws {
        let broken = preprompt(withClock: true)
        let line = (broken.components(separatedBy: "\n").firstIndex { $0.contains("The time is") } ?? 0) + 1
        XCTAssertEqual(try SourceTest.findingLines(broken, path: "prompt.ts"), ["PL001@\(line)"])
        // Near miss: only the tool names (fixed per deployment, read on their name) before the rules.
        let linter = try LintTest.linter()
        let clean = linter.lint(text: preprompt(withClock: false), path: "prompt.ts", format: nil).findings.filter { $0.ruleID == "PL001" }
        XCTAssertTrue(clean.allSatisfy { $0.severity == .info }, "\(clean)")
    }

    /// A helper that puts `header` in front of the system message (or, `role`, another message) of the list
    /// it is given.
    private func injector(role: String) -> String {
        """
        export function withHeader(model: string, messages: Message[]) {
          const headerPrompt = `
        Model: ${model}
        Now: ${new Date().toISOString()}

        `;
          return messages.map((m) => {
            if (m.role === '\(role)') {
              m = { ...m };
              m.content = headerPrompt + m.content;
            }
            return m;
          });
        }
        """
    }

    func testAClockPutInFrontOfTheSystemMessageOfAPassedListIsFound() throws {
        let broken = injector(role: "system")
        let line = (broken.components(separatedBy: "\n").firstIndex { $0.contains("Now: ") } ?? 0) + 1
        XCTAssertEqual(try SourceTest.findingLines(broken, path: "models.ts"), ["PL001@\(line)"])
        // Near miss: the same header put in front of a tool message is not the cached system prefix.
        XCTAssertEqual(try SourceTest.findingLines(injector(role: "tool"), path: "models.ts"), [])
    }
}
