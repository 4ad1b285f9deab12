import XCTest

@testable import PromptLint

/// Classes of construct behind the misses and false alarms of the source-file sets of session 9: LlamaIndex
/// chat engines and their default context prompt, LangChain.js placeholders after type arguments, message
/// lists bound to names, message builders of another module filled with this module's values, dates cut
/// from ISO timestamps, ids used as lookup keys, and example timestamps written in code.
final class SourceHoldout4MissTests: XCTestCase {
    private let policy = SourceTest.policy

    /// `path:RULE@line` for the PL001/PL002 findings of a folder.
    private func folder(_ files: [String: String]) throws -> [String] {
        try SourceTest.folderFindings(files).filter { ["PL001", "PL002"].contains($0.ruleID) }
            .map { "\($0.path):\($0.ruleID)@\($0.line)" }.sorted()
    }

    func testCondensePlusContextEngineWithoutAContextPromptUsesItsDefault() throws {
        let text = """
            from llama_index.core.chat_engine import CondensePlusContextChatEngine
            from llama_index.core.memory import ChatMemoryBuffer
            def create_chat_engine(index, llm):
                memory = ChatMemoryBuffer.from_defaults(token_limit=4500)
                return CondensePlusContextChatEngine.from_defaults(
                    index.as_retriever(), memory=memory, llm=llm, text_qa_template=qa_template)
            """
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@5:12"])
        // A condense-question engine sends no retrieved context in its system message; a memory alone is no request.
        let condense = """
            from llama_index.core.memory import ChatMemoryBuffer
            def create_chat_engine(index):
                memory = ChatMemoryBuffer.from_defaults(token_limit=4500)
                return index.as_chat_engine(chat_mode="condense_question", memory=memory)
            """
        XCTAssertEqual(try SourceTest.findings(condense), [])
    }

    func testLlamaIndexTSContextSystemPromptMethod() throws {
        let text = """
            import { ContextChatEngine, Settings } from "llamaindex";
            export async function createChatEngine(retriever) {
              return new ContextChatEngine({
                chatModel: Settings.llm,
                retriever,
                contextSystemPrompt({ context }) {
                  return `Context information is below.
                  ${context}
                  \(policy)`;
                },
              });
            }
            """
        XCTAssertEqual(try SourceTest.findings(text, path: "chat.ts"), ["PL001@8:7"])
    }

    func testLangChainJSTypeArgumentsBeforeTheMessages() throws {
        let text = """
            import { ChatPromptTemplate } from "@langchain/core/prompts";
            const SYSTEM_TEMPLATE = `\(policy)
            <context>
            {context}
            </context>
            \(policy)`;
            export async function respond(state, context) {
              const prompt = ChatPromptTemplate.fromMessages<{ context: string; messages: BaseMessage[] }>([
                ["system", SYSTEM_TEMPLATE],
                ["placeholder", "{messages}"],
              ]);
              return prompt.invoke({ context, messages: state.messages });
            }
            """
        XCTAssertEqual(try SourceTest.findings(text, path: "worker.ts").count, 1)
        // A comparison is not a list of type arguments.
        let comparison = "const ok = a < b(c) && d > e;\nconst f = (x) => x < y(z);\n"
        XCTAssertEqual(try SourceTest.findings(comparison, path: "cmp.ts"), [])
    }

    func testRetrievedContextAppendedBeforeTheHistoryOfANamedList() throws {
        let text = """
            from langchain_core.messages import SystemMessage
            def generate(state, llm):
                system_msg = SystemMessage(content="\(policy)")
                messages = [system_msg] + list(state["examples"])
                context_text = "\\n".join(doc.page_content for doc in state["context"])
                messages.append(SystemMessage(content=f"Relevant Product Info:\\n{context_text}"))
                messages.extend(state["messages"][-8:])
                return llm.invoke(messages)
            """
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@6:69"])
    }

    func testMessageBuiltInAnotherModuleFromThisModulesDocuments() throws {
        let prompts = """
            from langchain_core.messages import SystemMessage
            RULES = "\(policy)"
            def get_rag_system_prompt(context: str) -> SystemMessage:
                return SystemMessage(content=(RULES + f"Context:\\n{context}"))
            """
        let executor = """
            from langchain_core.messages import BaseMessage
            from agent.prompts import get_rag_system_prompt
            async def generate(state, llm):
                docs_content = "\\n\\n".join(doc.content for doc in state["tools"])
                system_message = get_rag_system_prompt(docs_content)
                prompt: list[BaseMessage] = [system_message] + state["messages"]
                return await llm.ainvoke(prompt)
            """
        XCTAssertEqual(try folder(["agent/prompts.py": prompts, "agent/executor.py": executor]), ["agent/executor.py:PL001@5"])
    }

    func testArrowFunctionPromptOfAnotherModuleBeforeTheConversation() throws {
        let system = """
            export const getSystemPrompt = (memoriesText?: string) => {
              return `\(policy)
            ${memoriesText ? `Relevant memories: ${memoriesText}` : ""}
            \(policy)`;
            };
            """
        let route = """
            import { streamText } from "ai";
            import { getSystemPrompt } from "@/lib/prompts/system";
            export async function POST(req: Request) {
              const memoriesText = await client.search(lastUserText);
              return streamText({ model, system: getSystemPrompt(memoriesText), messages: modelMessages });
            }
            """
        XCTAssertEqual(try folder(["lib/prompts/system.ts": system, "app/api/chat/route.ts": route]), ["lib/prompts/system.ts:PL001@3"])
    }

    func testTypedMessageDictsAndDumpedMessageObjects() throws {
        let text = """
            from openai import OpenAI
            def chat_completion(client, system_prompt, chat_history, context):
                system_message = system_prompt + f"\\nContext: {context.to_text()}"
                messages = [SystemMessage(content=system_message).model_dump()] + [m.model_dump() for m in chat_history]
                return client.chat.completions.create(model="gpt-4o", messages=messages)
            """
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@3:51"])
    }

    func testNearMissesStayClean() throws {
        // The date cut from an ISO timestamp changes once a day; a short tail after it is no finding.
        let date = """
            import OpenAI from "openai";
            export function getPrompt(): string {
              const now = new Date();
              const dateStr = now.toISOString().slice(0, 10);
              return `\(policy)
            Today's date: ${dateStr}. When they say "today", use ${dateStr}.`;
            }
            """
        XCTAssertEqual(try SourceTest.findings(date, path: "prompt.ts"), [])
        // A random session id only keys the stored history.
        let session = """
            from uuid import uuid4
            from langchain_core.messages import SystemMessage
            def main(model, chat_history):
                session_id = uuid4().hex
                while True:
                    messages = [SystemMessage(content="\(policy)")] + chat_history.get_messages(session_id=session_id)
                    model.invoke(messages)
            """
        XCTAssertEqual(try SourceTest.findings(session), [])
        // A timestamp written in code as an example of a format.
        let example = """
            from openai import OpenAI
            SYSTEM_PROMPT = (
                "Messages include timestamps like [2026-04-01 14:32] for temporal context. "
                "\(policy)"
            )
            """
        XCTAssertEqual(try SourceTest.findings(example), [])
    }

    func testRequestDataNamedAsContextBeforeAShortTailIsNoFinding() throws {
        let text = """
            import { streamText } from "ai";
            export async function POST(req: Request) {
              const { prompt, vectorContext } = await req.json();
              return streamText({ model, system: `You answer from the context. Context: ${vectorContext}
                - Keep responses clear and concise. Do not hallucinate.`, prompt });
            }
            """
        XCTAssertEqual(try SourceTest.findings(text, path: "route.ts"), [])
    }

    func testAFileWritingSystemMessagesForItsOwnClientIsRead() {
        XCTAssertTrue(SourceSniff.buildsPrompts("import client\nmessages = [{\"role\": \"system\", \"content\": x}]\n"))
        XCTAssertTrue(SourceSniff.buildsPrompts("const m = { role: 'system', content: x };\n"))
        XCTAssertFalse(SourceSniff.buildsPrompts("import os\nrole = get_role(user)\n"))
    }
}
