import XCTest

@testable import PromptLint

/// A chat template given to `create_history_aware_retriever` is its rephrase prompt: LangChain renders it with the
/// chain's input alone (`input`, `chat_history`) before retrieving anything, so a `{context}` slot there is never
/// given the documents retrieved for the request (holdout31: joseabril25/doc-compare-ai ai_core/prompt.py line 9, a
/// QA prompt reused as the rephrase prompt). The same template given to `create_stuff_documents_chain` does get
/// them, every turn, before the conversation. Own text.
final class RephrasePromptTests: XCTestCase {
    private static let prompts = """
        from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder

        ANSWER_PROMPT = ChatPromptTemplate.from_messages([
            ("system", "Answer from the passages below.\\n\\n{context}\\n\\n\(SourceTest.policy)"),
            MessagesPlaceholder(variable_name="chat_history"),
            ("user", "{input}"),
        ])
        """

    /// A module building the chains, `rephrase` as the rephrase prompt and `answer` as the documents chain's prompt.
    private func chains(rephrase: String, answer: String) -> String {
        """
        from langchain.chains import create_history_aware_retriever, create_retrieval_chain
        from langchain.chains.combine_documents import create_stuff_documents_chain
        from prompts import ANSWER_PROMPT

        def make_chain(llm, retriever, other_prompt):
            searcher = create_history_aware_retriever(llm, retriever, \(rephrase))
            answerer = create_stuff_documents_chain(llm, \(answer))
            return create_retrieval_chain(searcher, answerer)
        """
    }

    private func findings(rephrase: String, answer: String) throws -> [String] {
        try SourceTest.folderFindings(["prompts.py": Self.prompts, "chains.py": chains(rephrase: rephrase, answer: answer)])
            .filter { $0.ruleID == "PL001" }.map { "\($0.path):\($0.line)" }
    }

    func testATemplateUsedOnlyAsTheRephrasePromptHasNoRetrievedContext() throws {
        XCTAssertEqual(try findings(rephrase: "ANSWER_PROMPT", answer: "other_prompt"), [])
    }

    func testTheRephrasePromptGivenByKeywordIsRecognised() throws {
        XCTAssertEqual(try findings(rephrase: "prompt=ANSWER_PROMPT", answer: "other_prompt"), [])
    }

    func testATemplateTheDocumentsChainFillsIsStillFound() throws {
        XCTAssertEqual(try findings(rephrase: "ANSWER_PROMPT", answer: "ANSWER_PROMPT"), ["prompts.py:4"])
    }

    func testATemplateOnlyTheDocumentsChainUsesIsStillFound() throws {
        XCTAssertEqual(try findings(rephrase: "other_prompt", answer: "ANSWER_PROMPT"), ["prompts.py:4"])
    }
}
