import XCTest

@testable import PromptLint

/// Classes of construct behind the Python misses of source-holdout7 (session 13): a system prompt written as
/// many adjacent f-strings (Python's implicit concatenation), and a value read from a record the application
/// keeps per user or session, picked from a collection it starts empty by a key from the request.
final class SourceHoldout7FreshMissTests: XCTestCase {
    /// Forty adjacent f-strings of rules after a value from the request, inside a Flask handler.
    private func handler(value: String, setup: String) -> String {
        let rules = (0..<40).map { "                        f\"- Rule \($0): answer yes or no and never say the object's name. \"" }
            .joined(separator: "\n")
        return """
            from flask import Flask, request
            from openai import OpenAI

            app = Flask(__name__)
            client = OpenAI()
            sessions = {}

            @app.route("/ask", methods=["POST"])
            def ask():
            \(setup)
                question = request.json["q"]
                reply = client.chat.completions.create(
                    model="gpt-4o",
                    messages=[
                        {"role": "system",
                         "content": f"The secret object is '{\(value)}'. "
            \(rules)},
                        {"role": "user", "content": question},
                    ],
                )
                return reply.choices[0].message.content
            """
    }

    func testAValueBeforeManyAdjacentFStringsIsFound() throws {
        XCTAssertEqual(try SourceTest.findings(handler(value: "question", setup: "    pass")), ["PL001@16:49"])
    }

    func testImplicitConcatenationNestsShallowly() throws {
        let strings = (0..<128).map { "\"piece \($0) \"" }.joined(separator: " ")
        var parser = SourceParser(PythonLexer.tokens(Array(strings.utf8)), language: .python)
        let value = try XCTUnwrap(parser.expression())
        func depth(_ node: SourceNode) -> Int {
            if case .binary("+", let a, let b) = node.kind { return 1 + max(depth(a), depth(b)) }
            return 0
        }
        XCTAssertEqual(depth(value), 7)
        XCTAssertEqual(value.range, 0..<strings.utf8.count)
    }

    func testARecordPickedByARequestKeyFromARunTimeTableIsPerUser() throws {
        let setup = "    sid = request.args.get(\"sid\")\n    game = sessions[sid]"
        XCTAssertEqual(try SourceTest.findings(handler(value: "game.secret", setup: setup)), ["PL001@17:49"])
        // A table of fixed prompts picked by the request's key stays one of a few fixed texts.
        let table = handler(value: "game", setup: setup)
            .replacingOccurrences(of: "sessions = {}", with: "sessions = {\"easy\": \"a cat\", \"hard\": \"a telescope\"}")
        XCTAssertEqual(try SourceTest.findings(table), [])
    }

    func testAPromptBuiltByManyAppendsIsRenderedWhole() throws {
        let appends = (0..<30).map { "    prompt += \"Rule \($0): answer yes or no and never say the object's name in a reply.\\n\"" }
            .joined(separator: "\n")
        let text = """
            from openai import OpenAI
            client = OpenAI()

            def answer(question, user_name):
                prompt = f"You are helping {user_name}.\\n"
            \(appends)
                return client.chat.completions.create(
                    model="gpt-4o", messages=[{"role": "system", "content": prompt}, {"role": "user", "content": question}])
            """
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@5:32"])
        let texts = SourceTest.read(text).messages.flatMap(\.segments).compactMap { if case .text(let t, _) = $0 { t } else { nil } }
        XCTAssertTrue(texts.joined().contains("Rule 29: answer"))
    }

    /// A chat bot class whose chain's system text is an instance attribute set to `QA_PROMPT`, in a method with
    /// a local variable of the same name as the attribute.
    private let chatBotClass = """
        class ChatBot:
            def __init__(self):
                self.qa_prompt = QA_PROMPT

            def generate(self, question):
                qa_prompt = ChatPromptTemplate.from_messages(
                    [("system", self.qa_prompt), MessagesPlaceholder("chat_history"), ("human", "{input}")]
                )
                return qa_prompt
        """

    /// The LangChain chain with its constant in the same module.
    private var aliasedChain: String {
        """
        from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder

        QA_PROMPT = (
            "You are an expert chatbot designed to provide accurate answers.\\n"
            "Context: {context}\\n"
        )


        """ + chatBotClass
    }

    func testAnAttributeAliasingATextConstantIsReadAsThatText() throws {
        XCTAssertEqual(try SourceTest.findings(aliasedChain), ["PL001@5:15"])
        // An attribute holding a value that is not text stays a slot of its own.
        let value = aliasedChain.replacingOccurrences(of: "self.qa_prompt = QA_PROMPT", with: "self.qa_prompt = load_prompt()")
        XCTAssertEqual(try SourceTest.findings(value), [])
    }

    func testSelfAttributeIsNotTheMethodsLocalOfTheSameName() throws {
        let analysis = SourceAnalysis(SourceText(aliasedChain), language: .python)
        let use = try XCTUnwrap(aliasedChain.range(of: "self.qa_prompt),")).lowerBound.utf16Offset(in: aliasedChain)
        let generate = try XCTUnwrap(analysis.functionScope(named: "generate"))
        guard case .value(let value, _, _) = analysis.lookup("self.qa_prompt", scope: generate, before: use, bindings: Bindings()) else {
            return XCTFail("self.qa_prompt not found")
        }
        XCTAssertEqual(analysis.text(of: value), "QA_PROMPT")
        guard case .value(let local, _, _) = analysis.lookup("qa_prompt", scope: generate, before: Int.max, bindings: Bindings()) else {
            return XCTFail("qa_prompt not found")
        }
        XCTAssertTrue(analysis.text(of: local).hasPrefix("ChatPromptTemplate"))
    }

    func testAnImportedConstantBehindAnAttributeIsReportedWhereThePromptUsesIt() throws {
        let prompts = "QA_PROMPT = (\n    \"You are an expert chatbot.\\n\"\n    \"Context: {context}\\n\"\n)\n"
        let bot = "from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder\nfrom prompts import QA_PROMPT\n\n"
            + chatBotClass
        let findings = try SourceTest.folderFindings(["prompts.py": prompts, "bot.py": bot])
            .filter { $0.ruleID == "PL001" }.map { "\($0.path.split(separator: "/").last ?? ""):\($0.line)" }
        XCTAssertEqual(findings, ["bot.py:10"])
    }
}
