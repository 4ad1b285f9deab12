/// The template formats promptlint reads.
public enum TemplateFormat: String, Sendable, CaseIterable, Codable {
    case plainText = "text"
    case markdown
    case jinja
    case mustache
    case handlebars
    case fstring
    case dotprompt
    case prompty
    case poml
    case semanticKernelYAML = "semantic-kernel-yaml"
    case semanticKernelPrompt = "semantic-kernel"
    case promptfoo
    case langchainHub = "langchain-hub"
    case openAIRequest = "openai-request"
    case anthropicRequest = "anthropic-request"
    /// A YAML or JSON data file whose fields hold prompts (agent configs, task lists, prompt libraries).
    case promptFields = "prompt-fields"
    /// A Go `text/template` file (`{{ .Field }}`, `{{ range }}`), recognised by its content.
    case goTemplate = "go-template"
    /// A coding agent's command file (Claude Code slash commands: Markdown in a `commands` folder with
    /// `$ARGUMENTS`, `$1`..`$9` and `` !`cmd` `` substituted per invocation), recognised by path and content.
    case agentCommand = "agent-command"
    /// A coding agent's subagent or custom-agent definition (Claude Code and Copilot Markdown agents with
    /// `name`/`description` front matter in an `agents` folder, Codex TOML agents with
    /// `developer_instructions`, Copilot `*.instructions.md` files): instructions sent verbatim, with no
    /// placeholders.
    case agentDefinition = "agent-definition"
    /// A VS Code Copilot prompt file (`*.prompt.md`): front matter, then a prompt in which only the editor's
    /// `${input:x}`, `${selection}`, `${file}`... variables are placeholders.
    case copilotPrompt = "copilot-prompt"
    /// A GitHub agentic workflow (gh-aw): a Markdown file in `.github/workflows` with `on:` front matter,
    /// whose body is an agent's prompt with `${{ … }}` expressions substituted at each run.
    case agenticWorkflow = "gh-aw-workflow"
    /// A Gemini CLI custom command: a TOML file whose `prompt` string is the user's turn, with `{{args}}`,
    /// `!{shell command}` and `@{file}` substituted at each invocation.
    case geminiCommand = "gemini-command"
    /// A Spring AI StringTemplate prompt file (`.st`): `{name}` placeholders (StringTemplate with `{`/`}`
    /// delimiters), `{if(x)}…{endif}`, `\{` for a literal brace.
    case springTemplate = "spring-st"
    /// Python source: prompts built in code and sent by SDK calls.
    case python
    /// TypeScript or JavaScript source (`.ts .tsx .js .jsx .mjs .cjs`).
    case typescript
    /// A Jupyter notebook (`.ipynb`): its Python code cells read as one Python module (`NotebookSource`).
    case notebook = "jupyter"

    /// True for program source (Python, TypeScript/JavaScript, notebooks), whose prompts come from the
    /// source analysis rather than from a template's text.
    public var isSourceCode: Bool { self == .python || self == .typescript || self == .notebook }
}

extension TemplateFormat {
    /// True for a recorded request body (OpenAI or Anthropic JSON): what an application sent, not a template.
    public var isRequestBody: Bool { self == .openAIRequest || self == .anthropicRequest }
}

/// Who speaks a message. `tools` holds tool definitions, which providers place before the system prompt.
public enum MessageRole: String, Sendable, Codable, CaseIterable {
    case tools, system, developer, user, assistant, tool, unknown
}

/// What a slot's value depends on, from most to least stable. Decides whether a slot breaks a cache prefix.
public enum SlotVolatility: String, Sendable, Codable, CaseIterable, Comparable {
    /// The same for every request of a deployment (a product name, a configured constant).
    case constant
    /// Changes once a day or so (today's date).
    case perDay = "per-day"
    /// Differs per user or session (user name, profile, memory).
    case perUser = "per-user"
    /// Differs on every request (the question, retrieved documents, history, timestamps, ids).
    case perRequest = "per-request"
    /// Nothing known; treated as per-request by rules unless configured.
    case unknown

    private var rank: Int {
        switch self {
        case .constant: return 0
        case .perDay: return 1
        case .perUser: return 2
        case .perRequest: return 3
        case .unknown: return 4
        }
    }

    /// Orders from stable to volatile.
    public static func < (a: SlotVolatility, b: SlotVolatility) -> Bool { a.rank < b.rank }
}

/// A dynamic part of a template: an expression whose value is filled in at request time.
public struct TemplateSlot: Sendable, Hashable, Codable {
    /// The expression as written inside its delimiters, trimmed (`user.name | upper`, `$input`, `question`).
    public var expression: String
    /// The variable the expression reads first (`user`, `input`, `question`), if any.
    public var variable: String?
    /// Filters or helpers applied (`upper`, `date`, `tojson`).
    public var filters: [String]
    /// The slot's full source text including delimiters (`{{ user.name }}`).
    public var source: String
    /// Where the slot starts.
    public var position: SourcePosition
    /// True when the slot is a loop (`{% for %}`, `{{#each}}`) whose body repeats per item.
    public var isLoop: Bool
    /// True when the slot is a condition (`{% if %}`, `{{#if}}`) that selects static text.
    public var isConditional: Bool
    /// True when the slot pulls in another file (include, partial) whose content is unknown here.
    public var isInclude: Bool
    /// What the reader established about the value from evidence in the file itself (a constant set in
    /// the same file, data flow from `datetime.now()` or a request parameter in source code), with the
    /// reason. It wins over guesses from the name; configuration still wins over it.
    public var provenance: SlotClass?
    /// For a loop over a collection the file itself sets (a YAML/JSON list beside the prompt), how many
    /// items it holds: the body renders that many times. Nil when unknown (see `LoopLength`).
    public var iterations: Int?
    /// For a value passed to a prompt defined in another file (a `str.format` constant filled at a call
    /// here), where that prompt's slot is: the line to move when the value breaks the prefix.
    public var promptSite: RelatedLocation?
    /// For a value inlined from an included partial, where that partial writes it (its own file and line): a
    /// finding at the include lists it. The same for content a retrieval helper of another module writes into
    /// the text it returns (`SourceAnalysis.retrievedTextEntry`). Unlike `promptSite` it does not fold the finding into the partial's own
    /// (each including prompt is its own request).
    public var partialSite: RelatedLocation?
    /// For a value inside text the code builds elsewhere in the same file and interpolates into the prompt (a
    /// variable's template, a helper's returned string: `${formatDateTime()}`), the prompt's slot where that text
    /// enters (`${formatDateTime()}`'s line): a finding at the inner value lists it, the line to move.
    public var enclosingSite: RelatedLocation?

    /// Creates a slot.
    public init(
        expression: String, variable: String? = nil, filters: [String] = [], source: String,
        position: SourcePosition, isLoop: Bool = false, isConditional: Bool = false, isInclude: Bool = false,
        provenance: SlotClass? = nil
    ) {
        self.expression = expression
        self.variable = variable
        self.filters = filters
        self.source = source
        self.position = position
        self.isLoop = isLoop
        self.isConditional = isConditional
        self.isInclude = isInclude
        self.provenance = provenance
    }
}

/// One piece of a message, in order: static text or a slot.
public enum TemplateSegment: Sendable, Hashable, Codable {
    /// Literal text that is the same on every request, with where it starts.
    case text(String, SourcePosition)
    /// A dynamic slot.
    case slot(TemplateSlot)

    /// Where the segment starts.
    public var position: SourcePosition {
        switch self {
        case .text(_, let p): return p
        case .slot(let s): return s.position
        }
    }
}

/// One message of a prompt (or the whole prompt, for formats without roles).
public struct TemplateMessage: Sendable, Hashable, Codable {
    /// The speaker.
    public var role: MessageRole
    /// Text and slots in order.
    public var segments: [TemplateSegment]
    /// Where the message starts.
    public var position: SourcePosition
    /// True when the message (or its last block) carries an Anthropic `cache_control` breakpoint.
    public var hasCacheBreakpoint: Bool
    /// Which of several alternative prompts in one file the message belongs to (promptfoo text files
    /// hold prompts separated by `---` lines); 0 for files with one prompt. Each prompt is its own request.
    public var promptIndex: Int = 0

    /// Creates a message.
    public init(
        role: MessageRole, segments: [TemplateSegment], position: SourcePosition, hasCacheBreakpoint: Bool = false,
        promptIndex: Int = 0
    ) {
        self.role = role
        self.segments = segments
        self.position = position
        self.hasCacheBreakpoint = hasCacheBreakpoint
        self.promptIndex = promptIndex
    }
}

/// A problem met while reading a template: it still yields a finding, never a crash.
public struct ParseIssue: Sendable, Hashable, Codable {
    /// What went wrong, in one line.
    public var message: String
    /// Where.
    public var position: SourcePosition

    /// Creates an issue.
    public init(message: String, position: SourcePosition) {
        self.message = message
        self.position = position
    }
}

/// A template file read into the ordered messages a provider would receive.
public struct PromptTemplate: Sendable, Hashable, Codable {
    /// The file's path as given (repository-relative where possible).
    public var path: String
    /// The format it was read as.
    public var format: TemplateFormat
    /// Messages in request order (tools first when the format has them, then system, then the rest).
    public var messages: [TemplateMessage]
    /// Front-matter or file metadata (model name, declared inputs and their sample values), flattened to strings.
    public var metadata: [String: String]
    /// Sample values declared by the template itself (Prompty `sample:`, Dotprompt defaults), by variable.
    public var sampleValues: [String: String]
    /// Problems met while reading.
    public var issues: [ParseIssue]
    /// The file's text, kept for snippets and suppression comments.
    public var source: String
    /// Nil when the format is certain (configured, or unambiguous: a `.j2` file, a Dotprompt file with
    /// front matter); otherwise how it was guessed (`.prompt file without front matter, read as jinja by
    /// its content`). Parse problems of a guessed format are not errors.
    public var formatGuess: String?

    /// Creates a template.
    public init(
        path: String, format: TemplateFormat, messages: [TemplateMessage], metadata: [String: String] = [:],
        sampleValues: [String: String] = [:], issues: [ParseIssue] = [], source: String
    ) {
        self.path = path
        self.format = format
        self.messages = messages
        self.metadata = metadata
        self.sampleValues = sampleValues
        self.issues = issues
        self.source = source
    }

    /// All slots in request order.
    public var slots: [TemplateSlot] {
        messages.flatMap { m in m.segments.compactMap { if case .slot(let s) = $0 { return s } else { return nil } } }
    }
}
