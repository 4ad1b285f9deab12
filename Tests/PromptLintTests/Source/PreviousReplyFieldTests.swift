import XCTest

@testable import PromptLint

/// A per-turn note about the previous reply (`Your last answer used the tone "…"; pick another`) that a chat
/// service writes into the system message before the history, filled from a field the handler in another file
/// sets from the model's reply after every turn (`session.lastTone = result.tone`, with `result` what the
/// service's own request returned; source-holdout33 MishaTomash/snack-english-bot): the note differs from one
/// request to the next, so the conversation after it is never read from the cache. The same field set by the
/// code (a default, a user's choice) stays quiet, and so does the note placed after the history. Own text.
final class PreviousReplyFieldTests: XCTestCase {
    /// A tutor service whose system message ends with a note on `tone` (after the history when `late`), and a
    /// handler that passes `session.lastTone` and then stores `write` in it.
    private func tutor(write: String, late: Bool = false) -> [String: String] {
        let system = "{ role: 'system', content: system + '\\n' + toneNote(lastTone) }"
        let list = late ? "...history, \(system)" : "\(system), ...history"
        let service = """
            import OpenAI from 'openai';
            const client = new OpenAI();

            const toneNote = (lastTone: string | null) =>
              lastTone ? `Your last answer used the tone "${lastTone}". Choose another tone now.` : 'Choose any tone.';

            export const tutorTurn = async (system: string, history: any[], lastTone: string | null) => {
              const response = await client.chat.completions.create({
                model: 'gpt-4o-mini',
                messages: [\(list)],
              });
              return JSON.parse(response.choices[0]?.message?.content || '{}');
            };
            """
        let handler = """
            import { tutorTurn } from './service';

            export const onText = async (session: any, text: string) => {
              session.history.push({ role: 'user', content: text });
              const result = await tutorTurn('You are a patient language tutor.', session.history, session.lastTone);
              session.lastTone = \(write);
              session.history.push({ role: 'assistant', content: result.reply });
            };
            """
        return ["service.ts": service, "handler.ts": handler]
    }

    private func lines(_ files: [String: String]) throws -> [String] {
        try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }.map { "\($0.path)@\($0.line)" }
    }

    func testANoteOnTheLastReplyBeforeTheHistoryIsReported() throws {
        XCTAssertEqual(try lines(tutor(write: "result.tone")), ["service.ts@5"])
    }

    func testTheSameFieldSetByTheCodeStaysQuiet() throws {
        XCTAssertEqual(try lines(tutor(write: "'calm'")), [])
    }

    func testTheNoteAfterTheHistoryStaysQuiet() throws {
        XCTAssertEqual(try lines(tutor(write: "result.tone", late: true)), [])
    }
}
