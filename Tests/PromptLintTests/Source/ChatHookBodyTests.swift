import XCTest

@testable import PromptLint

/// A chat page's `useChat({ body: { … } })` posts the same fields with every message of the chat, so a
/// route reading one of them beside `messages` gets the chat's state, even when its name (`goal`) reads
/// like this message's input. A page posting to another route, or a body value read from the clock, keeps
/// the field per request (source-holdout29, session 33).
final class ChatHookBodyTests: XCTestCase {
    private let route = """
        import { openai } from '@ai-sdk/openai';
        import { streamText } from 'ai';

        export async function POST(req: Request) {
          const { messages, goal } = await req.json();
          const result = streamText({
            model: openai('gpt-4o'),
            system: `You plan workouts.
        The user's goal: ${goal}
        Give sets and repetitions for each exercise. Keep each plan to one week.
        Never give diet advice. Answer in Markdown.`,
            messages,
          });
          return result.toDataStreamResponse();
        }
        """

    private func page(_ options: String) -> String {
        """
        import { useChat } from 'ai/react';

        export default function ChatPage({ plan }) {
          const { input, handleInputChange, handleSubmit } = useChat({ \(options) });
          return <form onSubmit={handleSubmit}><input value={input} onChange={handleInputChange} /></form>;
        }
        """
    }

    private func pl001(page options: String?) throws -> [String] {
        var files = ["src/app/api/chat/route.ts": route]
        if let options { files["src/app/chat/page.tsx"] = page(options) }
        return try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }.map { "\($0.path):\($0.line)" }
    }

    func testAFieldTheChatHookPostsIsTheChatsState() throws {
        XCTAssertEqual(try pl001(page: "body: { goal: plan.goal }"), [])
        XCTAssertEqual(try pl001(page: "api: '/api/chat', body: { goal: plan.goal }"), [])
    }

    func testAFieldWithoutSuchAPageStaysPerRequest() throws {
        XCTAssertEqual(try pl001(page: nil), ["src/app/api/chat/route.ts:9"])
    }

    func testAHookForAnotherRouteOrAClockValueKeepsTheField() throws {
        XCTAssertEqual(try pl001(page: "api: '/api/plan', body: { goal: plan.goal }"), ["src/app/api/chat/route.ts:9"])
        XCTAssertEqual(try pl001(page: "body: { goal: new Date().toISOString() }"), ["src/app/api/chat/route.ts:9"])
    }

    func testARouteFileServesItsFoldersURL() {
        XCTAssertEqual(SourceAnalysis.routeURL(of: "web/src/app/(chat)/api/chat/route.ts"), "/api/chat")
        XCTAssertNil(SourceAnalysis.routeURL(of: "src/app/api/chat/handler.ts"))
    }
}
