/// The word lists behind name-based classification. Each list is matched against the lower-case
/// word tokens of a slot's expression (see `NameTokens`).
enum VolatilityKeywords {
    /// Second-precision time: differs on every request.
    static let instant: Set<String> = [
        "now", "utcnow", "timestamp", "timestamps", "datetime", "time", "clock", "hour", "minute", "epoch", "ts",
    ]
    /// Calendar values: differ per day.
    static let calendar: Set<String> = [
        "date", "today", "day", "weekday", "month", "year", "tomorrow", "yesterday", "week",
    ]
    /// Unique or random values.
    static let random: Set<String> = ["uuid", "guid", "nonce", "random", "rand", "randint", "uuid4", "seed", "shuffle"]
    /// Append-only conversation state.
    static let history: Set<String> = [
        "history", "histories", "conversation", "conversations", "transcript", "dialog", "dialogue", "scratchpad",
        "scratch", "messages", "turns",
    ]
    /// Last words of a name that make it one field or measure of the thing the words before name
    /// (`conversation_title`, `history_length`), not that thing.
    static let scalarFields: Set<String> = [
        "title", "name", "slug", "label", "type", "kind", "status", "mode", "count", "length", "len", "size", "index",
    ]
    /// Retrieved or attached content.
    static let documents: Set<String> = [
        "documents", "document", "docs", "doc", "context", "contexts", "retrieved", "retrieval", "passages",
        "passage", "chunks", "chunk", "snippets", "sources", "summaries", "results", "search", "knowledge",
        "documentation", "research", "references", "evidence", "citations", "pages", "web", "news", "recall",
        "memories", "excerpts", "corpus", "rag",
    ]
    /// Content attached for a whole session (files the user works on).
    /// Data frames handed to a data-analysis agent are its session's data, like attached files.
    static let attachments: Set<String> = [
        "file", "files", "attachment", "attachments", "upload", "uploads", "uploaded", "dataframe", "dataframes", "dfs",
    ]
    /// Words that mark content as selected per query, even when it is made of files.
    static let retrievalQualifiers: Set<String> = [
        "relevant", "retrieved", "matching", "matched", "similar", "top", "selected", "found", "search", "ranked",
    ]
    /// The request itself.
    static let input: Set<String> = [
        "question", "questions", "query", "queries", "input", "inputs", "message", "prompt", "request", "ask",
        "text", "content", "task", "instruction", "instructions", "problem", "issue", "statement", "statements",
        "code", "answer", "answers", "response", "feedback", "submission", "observation", "observations",
        "assignment", "goal", "objective", "topic", "log", "logs", "diff", "patch", "error", "utterance", "article",
        "draft", "image", "media", "audio", "step", "iteration", "attempt",
    ]
    /// Who is asking.
    static let user: Set<String> = [
        "user", "username", "customer", "customers", "profile", "persona", "memory", "preferences", "preference",
        "account", "member", "membership", "first", "last", "firstname", "lastname", "fullname", "surname", "name",
        "email", "phone", "address", "city", "state", "country", "location", "age", "gender", "birthday", "timezone",
        "tz", "locale", "session", "tenant", "client", "patient", "student", "employee", "owner", "orders",
    ]
    /// Words that, leading a name, mark a deployment setting (`max_actions`, `app_name`).
    static let settingQualifiers: Set<String> = [
        "max", "min", "maximum", "minimum", "default", "app", "application", "product", "company", "brand", "bot",
        "assistant", "agent", "role", "org", "organization", "service", "platform", "site", "system", "model", "config",
        "configured", "setting", "settings", "env", "deployment", "project", "team", "tool", "tools", "output",
    ]
    /// Words that, ending a qualified name, mark a deployment setting.
    static let settingNouns: Set<String> = [
        "name", "title", "version", "url", "description", "limit", "count", "number", "types", "type", "mode",
        "schema", "format", "persona", "role", "rules", "policy", "guidelines", "language",
    ]
    /// Names that are settings on their own (tool lists are the deployment's, placed before the system
    /// prompt by providers).
    static let settingNames: Set<String> = [
        "version", "config", "settings", "schema", "output_schema", "entity_types", "language_model", "model",
        "model_name", "tools", "available_tools", "tool_descriptions", "tool_names", "tool_list",
    ]
    /// Helpers and filters whose presence makes a value a time or a random value.
    static let timeFilters: Set<String> = ["date", "strftime", "datetimeformat", "format_date", "dateformat", "moment"]
    /// Expressions that are structure, not data (first word of the expression).
    static let structuralHeads: Set<String> = [
        "role", "section", "set", "raw", "endraw", "block", "endblock", "extends", "macro", "endmacro", "import",
        "from", "comment", "endcomment", "else", "elif", "elseif", "endif", "endfor", "endeach", "endwith",
        "endunless", "endcase", "when", "assign", "capture", "endcapture", "call", "endcall", "filter",
        "endfilter", "with", "include", "render", "partial", "super", "layout", "loop",
    ]
    /// What an end tag closes (`endif`, `endfor`, `endblock`): a word is a block's end only as `end` or `end`
    /// followed by one of these, not any name that starts with it (`end_date`, `endTime`, `endpoint`).
    static let closedBlocks: Set<String> = [
        "if", "for", "each", "with", "unless", "case", "block", "macro", "call", "filter", "set", "raw", "comment",
        "capture", "autoescape", "trans", "blocktrans", "spaceless", "verbatim", "embed", "apply", "while", "switch",
        "tablerow", "paginate", "form", "javascript", "stylesheet", "style", "schema", "sandbox", "cache", "ifchanged",
        "ifequal", "ifnotequal", "localize", "language", "generation", "range", "define", "template",
    ]

    /// True for a template's end tag: `end` alone (Go templates) or `end` and what it closes (`endif`, `endfor`).
    static func isBlockEnd(_ word: String) -> Bool {
        guard word.hasPrefix("end") else { return false }
        let rest = word.dropFirst(3)
        return rest.isEmpty || closedBlocks.contains(String(rest))
    }

    /// The rounds of a conversation, which a counter counts (`round_count`, `turn_number`, `turnIndex`).
    static let conversationRounds: Set<String> = ["round", "rounds", "turn", "turns"]
    /// Words that make a name about the rounds a count of how many have been played so far.
    static let counting: Set<String> = ["count", "number", "index", "idx", "no", "played", "elapsed", "completed"]
    /// Words for messages, which a count of messages names (`message_count`, `totalMessages`).
    static let messageWords: Set<String> = ["message", "messages", "msg", "msgs"]
    /// Words that, beside a word of `messageWords`, make a name a count of the messages so far.
    static let messageCounting: Set<String> = ["count", "total", "number"]
    /// Words that, leading a name or its last member, make it a configured bound (`max_turns`,
    /// `config.minScore`, `default_limit`): a setting.
    static let boundWords: Set<String> = ["max", "min", "maximum", "minimum", "default"]
}
