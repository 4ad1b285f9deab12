import XCTest

@testable import PromptLint

/// Data flow in a half-written or hostile file can be cyclic (`messages = [(` left open, so later uses of
/// `messages` sit inside its own value) or branch at every step (`self.x = self.x + self.x`). Tracing it must stay
/// a handful of steps, not 2^24: the python fuzz target timed out on the first shape (CI, session 29's stop).
final class SourceTraceBoundTests: XCTestCase {
    /// The steps `trace` took reading `source` as Python, with how many slots the file's prompts hold.
    func traceSteps(_ source: String) -> (steps: Int, slots: Int) {
        let analysis = SourceAnalysis(SourceText(source), language: .python)
        let budget = analysis.traceBudget
        let template = SourceReader.read(analysis, format: .python)
        XCTAssertTrue(analysis.tracesUnderWay.isEmpty, "every trace finished")
        return (budget - analysis.traceBudget, template.slots.count)
    }

    /// The fuzzer's input, cut down to the lines that kept it slow (a list left open swallows the file).
    let unclosedList = """
                messages = [(
                messages.append(SystemMessage(co ^istory, "memories": memories})
                return self.client.mntent=x))
                messages.append(HumanMessage(content=x))
            def reply(self, text, history, memories):
                messages = self._build_messages({"input": text, "history": ^istory, "memories": memories})
                return self.client.m!essages.createBoolel="m", system=f"t={time.time()} {self.rules}", messages=history)
        """

    func testANameReadInsideItsOwnUnclosedValueIsTracedInFewSteps() {
        XCTAssertLessThan(traceSteps(unclosedList).steps, 5_000)
    }

    func testAnAttributeBuiltFromItselfTwiceIsTracedInFewSteps() {
        let source = """
            import time
            class Agent:
                def __init__(self):
                    self.rules = self.rules + self.rules + self.rules
                def step(self, history):
                    return self.client.messages.create(model="m", system=f"t={time.time()} {self.rules}", messages=history)
            """
        XCTAssertLessThan(traceSteps(source).steps, 5_000)
    }

    /// The bounds cut cycles only: a helper applied to its own result is still traced through both calls.
    func testAHelperAppliedToItsOwnResultStillReachesTheClock() throws {
        let source = """
            import time
            def stamp(text):
                return f"{text} {time.time()}"
            class Agent:
                def step(self, history):
                    system = stamp(stamp("rules"))
                    return self.client.messages.create(model="m", system=system, messages=history)
            """
        let analysis = SourceAnalysis(SourceText(source), language: .python)
        let template = SourceReader.read(analysis, format: .python)
        let slots = template.slots
        XCTAssertTrue(slots.contains { $0.provenance?.volatility == .perRequest }, "\(slots)")
    }
}
