import XCTest

@testable import PromptLint

/// A context field of a form or profile the user filled in (`intakeForm.additionalContext`) is what the user wrote
/// about themselves, kept with the user: per-user, not content retrieved for this request
/// (`SlotClassifier.isFieldOfUserRecord`). Holdout28's therapy companion had three notes calling an intake form's
/// field per-request. Retrieved context named so (`session.retrievedContext`, `profile.relevantDocs`) keeps its reading.
final class UserRecordFieldTests: XCTestCase {
    private let classifier = SlotClassifier()

    func testAContextFieldOfAUserRecordIsPerUser() {
        for name in ["intakeForm.additionalContext", "initialForm.additionalContext.length", "user_profile.background_docs",
                     "questionnaire.context"] {
            let named = classifier.nameClass(of: name)
            XCTAssertEqual(named?.volatility, .perUser, name)
            XCTAssertEqual(named?.kind, .value, name)
        }
    }

    /// One name for context built from such a record (`profileContext`, a stored profile written as text; holdout29's
    /// WhatsApp trainer) is the user's too.
    func testContextNamedForAUserRecordIsPerUser() {
        for name in ["profileContext", "user_profile_context", "state.surveyContext"] {
            XCTAssertEqual(classifier.nameClass(of: name)?.volatility, .perUser, name)
        }
    }

    /// Near misses in one name: the record after the context, a bare form, or a retrieval word keep the reading.
    func testContextBeforeTheRecordOrRetrievedStaysPerRequest() {
        for name in ["contextProfile", "formContext", "userContext", "profileSearchResults", "relevantProfileDocs"] {
            XCTAssertEqual(classifier.nameClass(of: name)?.volatility, .perRequest, name)
        }
    }

    /// Near misses: retrieved content stays per-request documents, whatever the record around it.
    func testRetrievedContextStaysPerRequest() {
        for name in ["session.retrievedContext", "profile.relevantDocs", "context.profile", "additionalContext", "formContext"] {
            XCTAssertEqual(classifier.nameClass(of: name)?.kind, .documents, name)
            XCTAssertEqual(classifier.nameClass(of: name)?.volatility, .perRequest, name)
        }
    }

    /// `Background: ${form.context}` before a short static tail and the pasted conversation: no note, as for
    /// any per-user value; retrieved context in the same place keeps its note.
    func testAFormFieldBeforeAShortTailIsNotNoted() throws {
        func prompt(_ value: String) -> String {
            let rules = Array(repeating: SourceTest.policy, count: 6).joined(separator: " ")
            return """
                import OpenAI from "openai";

                const client = new OpenAI();

                export async function observe(intakeForm: any, session: any, conversationText: string) {
                  const prompt = `Background: ${\(value)}
                \(rules)
                Conversation:
                ${conversationText}`;
                  return client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: prompt }] });
                }

                """
        }
        let linter = try LintTest.linter(LintTest.costConfiguration)
        let form = try linter.lint(text: prompt("intakeForm.additionalContext"), path: "observer.ts", format: nil).findings
        XCTAssertTrue(form.filter { $0.ruleID == "PL001" }.isEmpty, "\(form.map(\.message))")
        let retrieved = try linter.lint(text: prompt("session.retrievedContext"), path: "observer.ts", format: nil).findings
        XCTAssertEqual(retrieved.filter { $0.ruleID == "PL001" }.map(\.line), [6], "\(retrieved.map(\.message))")
    }
}
