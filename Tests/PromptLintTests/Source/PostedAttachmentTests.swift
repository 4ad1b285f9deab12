import XCTest

@testable import PromptLint

/// A field a chat client posts beside the whole conversation (`{ messages, data } = await req.json()`) is the
/// chat's state, but what it names as this message's attachments (`data.attachments`, `data.files`) is sent
/// with that message only and cleared after it: it changes per request, so the conversation after it is lost
/// (source-holdout32, session 35). Another field of the same object keeps counting as the chat's state.
final class PostedAttachmentTests: XCTestCase {
    private func route(_ value: String) -> String {
        """
        import { openai } from '@ai-sdk/openai';
        import { streamText } from 'ai';

        export async function POST(req: Request) {
          const { messages, data } = await req.json();
          const result = streamText({
            model: openai('gpt-4o'),
            system: `You review documents for a small law firm.
        Context: ${\(value)}
        Answer in plain English. Quote the clause you rely on.`,
            messages,
          });
          return result.toDataStreamResponse();
        }
        """
    }

    private func pl001(_ value: String) throws -> [String] {
        try SourceTest.folderFindings(["app/api/chat/route.ts": route(value)])
            .filter { $0.ruleID == "PL001" }.map { "\($0.path):\($0.line)" }
    }

    func testTheMessagesAttachmentsChangePerRequest() throws {
        XCTAssertEqual(try pl001("data.attachments.map((f) => f.name).join(', ')"), ["app/api/chat/route.ts:9"])
        XCTAssertEqual(try pl001("data?.files?.length"), ["app/api/chat/route.ts:9"])
    }

    func testAnotherFieldOfThePostedDataStaysTheChatsState() throws {
        XCTAssertEqual(try pl001("data.tone"), [])
        XCTAssertEqual(try pl001("data.firmName"), [])
    }

    func testAttachmentWordsAreReadFromTheFieldsName() {
        XCTAssertTrue(SourceAnalysis.namesAttachments("uploadedFiles"))
        XCTAssertFalse(SourceAnalysis.namesAttachments("tone"))
    }
}
