import XCTest

@testable import PromptLint

/// A member of an object named for the conversation (`conversationState.previousExchanges`, declared a number; the
/// user's mood; the session's start time) is one field of it, not its turns: no conversation follows a value before
/// it. The conversation's own turns (`conversationState.messages`) still do.
final class ConversationMemberTests: XCTestCase {
    /// A companion prompt with the goal first, then `fields` of the conversation state, then short guidelines.
    private func companion(_ fields: String) -> String {
        """
        interface ConversationState {
          previousExchanges: number;
          userMood?: string;
          startTime: string;
          messages: string[];
        }

        export function buildPrompt(goalContext: GoalContext, conversationState: ConversationState) {
          const systemPrompt = `You are a companion helping with the goal: ${goalContext.title}.
        \(fields)
        Keep answers short and encouraging.`;
          return systemPrompt;
        }
        """
    }

    func testFieldsOfTheConversationStateStaySilent() throws {
        let fields = """
        - Previous exchanges: ${conversationState.previousExchanges}
        - Mood: ${conversationState.userMood}
        - Started: ${new Date(conversationState.startTime).toLocaleTimeString()}
        """
        XCTAssertEqual(try SourceTest.findingLines(companion(fields), path: "chat.ts"), [])
    }

    func testTheConversationsTurnsAfterTheGoalAreReported() throws {
        let fields = "- Conversation so far: ${conversationState.messages.join(\"\\n\")}"
        XCTAssertEqual(try SourceTest.findingLines(companion(fields), path: "chat.ts"), ["PL001@9"])
    }
}
