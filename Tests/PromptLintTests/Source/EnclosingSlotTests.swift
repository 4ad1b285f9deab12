import XCTest

@testable import PromptLint

/// A clock read inside text the file builds elsewhere (a helper's returned `${month}/${day} ${hours}:${minutes}`,
/// a variable's template) and interpolated into the prompt (`Current time: ${formatNow()}`): the finding stays at
/// the value, and lists the prompt's slot that interpolates the text (`TemplateSlot.enclosingSite`), the line
/// to move. A send site in another module naming that slot is then folded into the builder's finding
/// (holdout36: kawamataryo/aichan-skill lambda/src/ai/prompts.ts lines 11 and 53; GustavoAl5317/ura
/// src/prompts/system.ts lines 12 and 45). Several send sites naming one slot where the builder's file has no
/// finding are one break too (holdout36: sean-sunagaku/team_4's chat and voice routes). Own text.
final class EnclosingSlotTests: XCTestCase {
    private var rules: String { Array(repeating: SourceTest.policy, count: 16).joined(separator: "\n") }

    /// A builder whose clock is written by a helper returning text, interpolated on line 12.
    private var builder: String {
        """
        const formatNow = (): string => {
          const now = new Date();
          const month = now.getMonth() + 1;
          const day = now.getDate();
          const hours = now.getHours();
          const minutes = String(now.getMinutes()).padStart(2, "0");
          return `day ${month}/${day}, time ${hours}:${minutes}`;
        };

        export const buildSystemPrompt = (): string => {
          return `You are the garden shop's assistant.
        Current time: ${formatNow()}
        \(rules)`;
        };

        """
    }

    private func sender(_ name: String) -> String {
        """
        import OpenAI from "openai";
        import { buildSystemPrompt } from "./prompts";

        const client = new OpenAI();

        export async function \(name)(history: any[]) {
          return client.chat.completions.create({
            model: "gpt-4o",
            messages: [{ role: "system", content: buildSystemPrompt() }, ...history],
          });
        }

        """
    }

    private func prefixFindings(_ files: [String: String]) throws -> [Finding] {
        try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }
    }

    func testAValueInAHelpersTextListsThePromptSlotThatInterpolatesIt() throws {
        let found = try prefixFindings(["prompts.ts": builder])
        XCTAssertEqual(found.map { "\($0.path)@\($0.line)" }, ["prompts.ts@7"], "\(found.map(\.message))")
        XCTAssertTrue(found.first?.related.contains { $0.path == nil && $0.line == 12 } == true, "\(found.map(\.related))")
    }

    /// A variable's template in a branch (`greeting = name ? `${hello}, ${name}!` : …`), then that variable in a
    /// longer template, then in the prompt: the outermost slot, the prompt's, is the one listed.
    func testTheOutermostSlotIsListedForNestedTemplates() throws {
        let text = """
            export function buildSystemPrompt(): string {
              const stamp = new Date().toISOString();
              const opening = `Good day! It is ${stamp}.`;
              const intro = `${opening} This is the garden shop.`;
              return `You answer the phone for the garden shop.
            First sentence: "${intro}"
            \(rules)`;
            }

            """
        let found = try prefixFindings(["prompts.ts": text])
        XCTAssertEqual(found.count, 1, "\(found.map(\.message))")
        let lines = found.first?.related.filter { $0.path == nil }.map(\.line) ?? []
        XCTAssertTrue(lines.contains(6), "\(found.map(\.related))")
        XCTAssertFalse(lines.contains(4), "the inner template is not the prompt's slot: \(found.map(\.related))")
    }

    /// Near miss: a value written in the prompt's own text lists no second place for itself.
    func testAValueWrittenAtThePromptsSlotListsNoOtherPlace() throws {
        let text = """
            export const buildSystemPrompt = (): string => {
              return `You are the garden shop's assistant.
            Current time: ${new Date().toISOString()}
            \(rules)`;
            };

            """
        let found = try prefixFindings(["prompts.ts": text])
        XCTAssertEqual(found.map { "\($0.path)@\($0.line)" }, ["prompts.ts@3"], "\(found.map(\.message))")
        XCTAssertEqual(found.first?.related.filter { $0.path == nil }.map(\.line) ?? [], [], "\(found.map(\.related))")
    }

    /// The send site names the prompt's slot (line 12); the builder's finding lists it: one break, one finding.
    func testASendSiteNamingTheSlotIsFoldedIntoTheBuildersFinding() throws {
        let found = try prefixFindings(["prompts.ts": builder, "generate.ts": sender("reply")])
        XCTAssertEqual(found.map { "\($0.path)@\($0.line)" }, ["prompts.ts@7"], "\(found.map(\.message))")
        XCTAssertEqual(found.first?.related.filter { $0.path == "generate.ts" }.map(\.line), [9], "\(found.map(\.related))")
    }

    /// A short builder prompt (no finding of its own) sent before the conversation from two routes: both send
    /// sites name the same slot, one break, reported once at the first, listing the second.
    func testSendSitesNamingOneSlotAreOneFinding() throws {
        let short = """
            import { currentTime } from "./clock";

            export function buildSystemPrompt(): string {
              const now = currentTime();
              return `You are the car assistant. It is ${now.fullDate} ${now.time}. Answer briefly.`;
            }

            """
        let clock = """
            export function currentTime() {
              const d = new Date();
              return { fullDate: d.toLocaleDateString("ja-JP"), time: d.toLocaleTimeString("ja-JP") };
            }

            """
        let found = try prefixFindings(["clock.ts": clock, "prompts.ts": short, "chat.ts": sender("chat"), "voice.ts": sender("voice")])
        XCTAssertEqual(found.count, 1, "\(found.map { "\($0.path)@\($0.line): \($0.message)" })")
        let sends = (found.first.map { [$0.path] } ?? []) + (found.first?.related.compactMap(\.path) ?? [])
        XCTAssertTrue(sends.contains("chat.ts") && sends.contains("voice.ts"), "\(found.map(\.related))")
    }

    /// Near miss: two builders, each with its own clock, sent from two routes are two breaks.
    func testSendSitesOfTwoBuildersStayApart() throws {
        let short = { (name: String) in
            """
            export function \(name)(): string {
              const now = new Date().toLocaleString();
              return `You are the car assistant. It is ${now}. Answer briefly.`;
            }

            """
        }
        let voice = sender("voice").replacingOccurrences(of: "buildSystemPrompt", with: "buildVoicePrompt")
            .replacingOccurrences(of: "./prompts", with: "./voicePrompts")
        let found = try prefixFindings([
            "prompts.ts": short("buildSystemPrompt"), "voicePrompts.ts": short("buildVoicePrompt"),
            "chat.ts": sender("chat"), "voice.ts": voice,
        ])
        XCTAssertEqual(found.count, 2, "\(found.map { "\($0.path)@\($0.line): \($0.message)" })")
    }

    /// A clock passed in an object to a builder of another module that destructures it and formats a LangChain
    /// template with it (`buildBaseMessages({ currentDateTime })`, the builder's `PromptTemplate.fromTemplate('…Today is
    /// {currentDateTime}…').format({ currentDateTime })`): the send site's finding names the template's `{currentDateTime}`
    /// (holdout36: kris-hamade/project-b-r0 src/openai/gpt.js line 50 and src/services/langchain/prompt.js line 7).
    func testAnObjectPassedToADestructuringBuilderNamesTheTemplatesPlaceholder() throws {
        let found = try prefixFindings(["prompt.js": destructuringBuilder(placeholder: true), "gpt.js": objectCaller])
        XCTAssertEqual(found.map { "\($0.path)@\($0.line)" }, ["gpt.js@8"], "\(found.map(\.message))")
        XCTAssertEqual(found.first?.related.filter { $0.path == "prompt.js" }.map(\.line), [4], "\(found.map(\.related))")
    }

    /// Near miss: the builder's template does not write the value it is given; the finding names no place there.
    func testABuilderThatDoesNotWriteTheValueIsNotNamed() throws {
        let found = try prefixFindings(["prompt.js": destructuringBuilder(placeholder: false), "gpt.js": objectCaller])
        XCTAssertTrue(found.allSatisfy { f in !f.related.contains { $0.path == "prompt.js" } }, "\(found.map(\.related))")
    }

    private func destructuringBuilder(placeholder: Bool) -> String {
        let slot = placeholder ? "Today is {currentDateTime}." : "Use the date the user gives."
        return """
            const { PromptTemplate } = require("@langchain/core/prompts");

            async function buildBaseMessages({ currentDateTime, personaText }) {
              const dateTpl = PromptTemplate.fromTemplate('You are the dungeon master of a Discord server. \(slot) Never use your training date.');
              const dateContent = await dateTpl.format({ currentDateTime });
              const messages = [{ role: "system", content: dateContent }, { role: "system", content: personaText }];
              return messages;
            }

            module.exports = { buildBaseMessages };

            """
    }

    private var objectCaller: String {
        """
        const OpenAI = require("openai");
        const moment = require("moment");
        const { buildBaseMessages } = require("./prompt");
        const client = new OpenAI();

        async function reply(persona, chatHistory, prompt) {
          const currentDateTime = moment().format("MMMM D, YYYY [at] h:mm A");
          const messages = await buildBaseMessages({ currentDateTime, personaText: persona });
          messages.push({ role: "system", content: "--START CHAT HISTORY-- " + chatHistory + " --END CHAT HISTORY--" });
          messages.push({ role: "user", content: prompt });
          return client.chat.completions.create({ model: "gpt-4o", messages });
        }

        module.exports = { reply };

        """
    }
}
