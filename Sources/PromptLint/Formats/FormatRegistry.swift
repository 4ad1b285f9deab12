/// The formats promptlint knows, one descriptor each.
public enum FormatRegistry {
    /// Every descriptor, in `TemplateFormat.allCases` order.
    public static let all: [FormatDescriptor] = TemplateFormat.allCases.map(make)

    /// The descriptor of `format`.
    public static func descriptor(_ format: TemplateFormat) -> FormatDescriptor {
        all[TemplateFormat.allCases.firstIndex(of: format)!]
    }

    /// The format a lower-case file name or extension names, if any descriptor claims it.
    static func format(fileName: String, extension ext: String) -> TemplateFormat? {
        if let named = all.first(where: { $0.fileNames.contains(fileName) }) { return named.format }
        return all.first { $0.extensions.contains(ext) }?.format
    }

    /// The formats that claim files by place and content, in the order they are asked: the more specific
    /// first (a subagent in a `commands` folder is a subagent; a skill is claimed by exactly one).
    static let claimOrder: [TemplateFormat] = [
        .agenticWorkflow, .agentDefinition, .geminiCommand, .copilotPrompt, .agentCommand, .goTemplate,
    ]

    /// The first format in `claimOrder` whose descriptor claims `file`, if any.
    static func claimed(_ file: FileCandidate) -> TemplateFormat? {
        claimOrder.first { descriptor($0).claims?(file) == true }
    }

    private static func make(_ format: TemplateFormat) -> FormatDescriptor {
        switch format {
        case .plainText:
            return FormatDescriptor(format, extensions: ["txt", "text", "tpl"], comments: [.html], usualExtension: "txt",
                                    isCertainTemplate: false) { PlainTextReader.read($0, format: format) }
        case .markdown:
            return FormatDescriptor(format, extensions: ["md", "markdown"], comments: [.html], usualExtension: "md",
                                    isCertainTemplate: false) { PlainTextReader.read($0, format: format) }
        case .jinja:
            return FormatDescriptor(format, extensions: ["j2", "jinja", "jinja2", "njk", "nunjucks", "liquid"],
                                    comments: [.jinja, .html], usualExtension: "j2",
                                    isCertainTemplate: true) { JinjaReader.read($0, format: format) }
        case .mustache:
            return FormatDescriptor(format, extensions: ["mustache"], comments: [.handlebars, .html],
                                    usualExtension: "mustache",
                                    isCertainTemplate: true) { MustacheReader.read($0, format: format) }
        case .handlebars:
            return FormatDescriptor(format, extensions: ["hbs", "handlebars"], comments: [.handlebars, .html],
                                    usualExtension: "hbs",
                                    isCertainTemplate: true) { MustacheReader.read($0, format: format) }
        case .fstring:
            return FormatDescriptor(format, comments: [.html], usualExtension: "txt",
                                    isCertainTemplate: false) { FStringReader.read($0, format: format) }
        case .dotprompt:
            return FormatDescriptor(format, extensions: ["prompt"], comments: [.handlebars, .hash, .html],
                                    usualExtension: "prompt",
                                    isCertainTemplate: true) { DotpromptReader.read($0, format: format) }
        case .prompty:
            return FormatDescriptor(format, extensions: ["prompty"], comments: [.jinja, .hash, .html],
                                    usualExtension: "prompty",
                                    isCertainTemplate: true) { PromptyReader.read($0, format: format) }
        case .poml:
            return FormatDescriptor(format, extensions: ["poml"], comments: [.html], usualExtension: "poml",
                                    isCertainTemplate: true) { POMLReader.read($0, format: format) }
        case .semanticKernelYAML:
            return FormatDescriptor(format, comments: [.hash, .jinja, .handlebars, .html], usualExtension: "yaml",
                                    isCertainTemplate: true) { SemanticKernelReader.readYAML($0, format: format) }
        case .semanticKernelPrompt:
            return FormatDescriptor(format, fileNames: ["skprompt.txt"], comments: [.handlebars, .html],
                                    usualExtension: "txt",
                                    isCertainTemplate: true) { SemanticKernelReader.readPrompt($0, format: format) }
        case .promptfoo:
            return FormatDescriptor(format, comments: [.jinja, .html], usualExtension: "txt",
                                    isCertainTemplate: false) { source in
                TemplatedJSON.looksLikeJSON(source.bytes, from: 0)
                    ? RequestJSONReader.read(source, format: format) : PromptfooReader.read(source, format: format)
            }
        case .langchainHub:
            return FormatDescriptor(format, comments: [.hash, .jinja, .handlebars, .html], usualExtension: "json",
                                    isCertainTemplate: true) { source in
                LangChainReader.read(source, format: format, json: TemplatedJSON.looksLikeJSON(source.bytes, from: 0))
            }
        case .promptFields:
            return FormatDescriptor(format, comments: [.hash, .jinja, .handlebars, .html], usualExtension: "yaml",
                                    isCertainTemplate: false) { PromptFieldsReader.read($0, format: format) }
        case .goTemplate:
            // `{{/* promptlint ... */}}` matches the slashes syntax's block comment.
            return FormatDescriptor(format, comments: [.slashes, .html], usualExtension: "tmpl", isCertainTemplate: false,
                                    claims: GoTemplateReader.claims) { GoTemplateReader.read($0, format: format) }
        case .agentCommand:
            return FormatDescriptor(format, comments: [.html], usualExtension: "md", isCertainTemplate: false,
                                    claims: AgentCommandReader.claims) { AgentCommandReader.read($0, format: format) }
        case .agentDefinition:
            return FormatDescriptor(format, comments: [.html, .hash], usualExtension: "md", isCertainTemplate: false,
                                    claims: AgentDefinitionReader.claims) { AgentDefinitionReader.read($0, format: format) }
        case .copilotPrompt:
            return FormatDescriptor(format, comments: [.html], usualExtension: "prompt.md", isCertainTemplate: false,
                                    claims: CopilotPromptReader.claims) { CopilotPromptReader.read($0, format: format) }
        case .agenticWorkflow:
            return FormatDescriptor(format, comments: [.html], usualExtension: "md", isCertainTemplate: false,
                                    claims: AgenticWorkflowReader.claims) { AgenticWorkflowReader.read($0, format: format) }
        case .geminiCommand:
            return FormatDescriptor(format, comments: [.hash], usualExtension: "toml", isCertainTemplate: false,
                                    claims: GeminiCommandReader.claims) { GeminiCommandReader.read($0, format: format) }
        case .springTemplate:
            return FormatDescriptor(format, extensions: ["st"], comments: [.html], usualExtension: "st",
                                    isCertainTemplate: false) { SpringTemplateReader.read($0, format: format) }
        case .openAIRequest, .anthropicRequest:
            return FormatDescriptor(format, comments: [], usualExtension: "json",
                                    isCertainTemplate: true) { RequestJSONReader.read($0, format: format) }
        case .python:
            return FormatDescriptor(format, extensions: ["py", "pyi"], comments: [.hash], usualExtension: "py",
                                    isCertainTemplate: false) {
                SourceReader.read($0, language: .python, format: format)
            }
        case .typescript:
            return FormatDescriptor(format, extensions: ["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"],
                                    comments: [.slashes], usualExtension: "ts",
                                    isCertainTemplate: false) {
                SourceReader.read($0, language: .script, format: format)
            }
        case .notebook:
            // Read whole at discovery: a notebook of another language or bad JSON is skipped with its reason.
            return FormatDescriptor(format, extensions: ["ipynb"], comments: [.hash], usualExtension: "ipynb",
                                    isCertainTemplate: false, discovery: .container(verdict: { NotebookSource.verdict($0) })) { raw in
                guard case .python(let module) = NotebookSource.read(raw) else {
                    return PromptTemplate(path: "", format: format, messages: [], source: "")
                }
                return SourceReader.read(module.source(in: raw), language: .python, format: format)
            }
        }
    }
}
