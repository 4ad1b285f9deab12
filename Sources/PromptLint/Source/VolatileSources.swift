import Foundation

/// Calls whose result differs between requests, users or days, by the dotted path of the callee
/// (matched on its last components: `datetime.datetime.now` matches `datetime.now`).
enum VolatileSources {
    /// One kind of volatile source.
    struct Source {
        let volatility: SlotVolatility
        let kind: SlotKind
        /// What it reads, for messages ("the clock", "a random value").
        let what: String
    }

    private static let clock = Source(volatility: .perRequest, kind: .time, what: "reads the clock")
    private static let today = Source(volatility: .perDay, kind: .time, what: "reads today's date")
    private static let random = Source(volatility: .perRequest, kind: .identifier, what: "is random or unique")
    private static let machine = Source(volatility: .perUser, kind: .value, what: "differs per machine and user")
    private static let process = Source(volatility: .perRequest, kind: .value, what: "is a subprocess's output")
    /// The body or parameters of the incoming request.
    static let request = Source(volatility: .perRequest, kind: .value, what: "is data from the incoming request")
    private static let retrieval = Source(volatility: .perRequest, kind: .documents, what: "is what a vector search retrieves for the request")
    /// The note or file open in an editor when the message is sent (Obsidian's `workspace.getActiveFile()`).
    private static let editor = Source(volatility: .perRequest, kind: .value, what: "is the file open in the editor when the message is sent")
    /// Python's `input()`: what the user types at the terminal, new at each call (each turn of a chat loop).
    private static let typed = Source(volatility: .perRequest, kind: .value, what: "is what the user types at the terminal (`input()`)")

    /// A React text state that starts empty (`const [moment, setMoment] = useState("")`): what the user types
    /// into the page, different for each user and session.
    static let pageText = Source(volatility: .perUser, kind: .value, what: "is text the user types into the page (a React state that starts empty)")

    /// The source a `useState(initial)` call reads: `pageText` for an empty string, the state of a text field;
    /// nil for any other start (a flag, a mode, a list), whose values the page may pick from a few.
    static func source(stateHook path: String, initial: String?) -> Source? {
        path.split(separator: ".").last == "useState" && initial == "" ? pageText : nil
    }

    private static let table: [String: Source] = {
        var t: [String: Source] = [:]
        for p in ["datetime.now", "datetime.utcnow", "datetime.today", "time.time", "time.time_ns", "time.localtime",
                  "time.gmtime", "time.ctime", "time.asctime", "time.strftime", "time.monotonic", "Date.now", "new Date",
                  "performance.now", "pendulum.now", "arrow.now", "arrow.utcnow", "Timestamp.now", "timezone.now",
                  "dayjs", "moment", "DateTime.now", "datetime.datetime.now", "formatdate"] { t[p] = clock }
        for p in ["date.today", "pendulum.today"] { t[p] = today }
        for p in ["uuid.uuid4", "uuid.uuid1", "uuid.uuid7", "uuid4", "uuid1", "crypto.randomUUID", "randomUUID", "uuidv4",
                  "v4", "nanoid", "ulid", "Math.random", "os.urandom", "crypto.randomBytes", "randomBytes",
                  "shortuuid.uuid", "token_hex", "token_urlsafe"] { t[p] = random }
        for p in ["os.getcwd", "os.getcwdb", "Path.cwd", "process.cwd", "os.getlogin", "getpass.getuser",
                  "socket.gethostname", "os.getpid", "platform.node", "os.hostname", "os.homedir", "Path.home"] { t[p] = machine }
        for p in ["subprocess.run", "subprocess.check_output", "subprocess.getoutput", "subprocess.Popen", "os.popen",
                  "execSync", "execFileSync", "spawnSync", "check_output", "getoutput"] { t[p] = process }
        for p in ["workspace.getActiveFile"] { t[p] = editor }
        // Web frameworks' request bodies (Flask, Starlette/FastAPI, Django, Express/Next.js).
        for p in ["request.get_json", "request.get_data", "request.json", "req.json", "request.formData", "req.formData",
                  "request.text", "req.text"] { t[p] = request }
        // Vector-store searches (LangChain, LlamaIndex, a project's own `vectorSearch`): documents picked per question.
        for p in ["similarity_search", "asimilarity_search", "similarity_search_with_score", "similaritySearch",
                  "similaritySearchWithScore", "max_marginal_relevance_search", "maxMarginalRelevanceSearch", "vectorSearch",
                  "vector_search", "get_relevant_documents", "aget_relevant_documents", "getRelevantDocuments",
                  // The retriever's own search method, which a subclass implements and some callers call directly.
                  "_get_relevant_documents", "_aget_relevant_documents", "_getRelevantDocuments"] { t[p] = retrieval }
        return t
    }()

    /// Options that make a `query`/`search` call a nearest-neighbour search of a vector store (Pinecone
    /// `index.query({ vector, topK })`, Chroma `collection.query(query_texts=…, n_results=…)`, Qdrant
    /// `client.search(query_vector=…, limit=…)`): what it returns is picked per question.
    private static let vectorSearchOptions: Set<String> = [
        "topK", "top_k", "n_results", "nResults", "query_vector", "queryVector", "query_embeddings", "queryEmbeddings",
        "query_texts", "queryTexts",
    ]

    /// The source a `query`/`search` method call reads when its options (the keys of its first argument
    /// object, or its keyword labels) are a vector search's.
    static func source(searchMethod method: String, options: [String]) -> Source? {
        guard ["query", "search"].contains(method), options.contains(where: vectorSearchOptions.contains) else { return nil }
        return retrieval
    }

    /// Request data read as an attribute rather than a call.
    private static let requestMembers: [String: Source] = {
        var t: [String: Source] = [:]
        for p in ["request.json", "request.form", "request.args", "request.values", "request.data", "request.files",
                  "request.POST", "request.GET", "request.query_params", "request.path_params", "req.body", "req.query",
                  "req.params", "request.body", "ctx.request.body", "request.cookies", "req.cookies"] { t[p] = request }
        // Who sent the chat platform's incoming message (discord.js, python-telegram-bot, aiogram, Telegraf).
        for p in ["message.author", "msg.author", "interaction.user", "interaction.member", "message.member",
                  "update.effective_user", "message.from_user", "ctx.from"] { t[p] = request }
        return t
    }()

    /// The source a call of `path` reads, if volatile. `hasArguments` rules out `new Date(fixed)`.
    static func source(callee path: String, hasArguments: Bool) -> Source? {
        let parts = path.replacingOccurrences(of: "()", with: "").split(separator: ".").map(String.init)
        guard let last = parts.last else { return nil }
        // Only the bare built-in: `self.input(…)`, `st.text_input(…)` are other functions.
        if path == "input" { return typed }
        if parts.count >= 2, ["random", "secrets"].contains(parts[parts.count - 2]) { return random }
        // A retriever's search for the question (LlamaIndex `retriever.retrieve(query)`, a project's own
        // `self._retriever.aretrieve(query=…)`, LangChain's runnable `retriever.invoke(query)`); `store.retrieve(key)`
        // on anything else is a lookup by key, and `chain.invoke(…)` a model call.
        if ["retrieve", "aretrieve", "invoke", "ainvoke"].contains(last), parts.count >= 2,
            parts[parts.count - 2].lowercased().hasSuffix("retriever")
        {
            return retrieval
        }
        for k in stride(from: min(3, parts.count), through: 1, by: -1) {
            let key = parts.suffix(k).joined(separator: ".")
            if let hit = table[key] {
                // `email.utils.formatdate(ts)` formats the time it is given; without one (or `timeval=None`), now.
                if (key == "new Date" || key == "formatdate") && hasArguments { return nil }
                if k == 1 && ["v4", "moment", "dayjs"].contains(last) && parts.count > 1 { return nil }
                return hit
            }
        }
        return nil
    }

    /// The source an attribute path reads (`request.form`, `req.body`), if volatile.
    static func source(member path: String) -> Source? {
        let parts = path.replacingOccurrences(of: "()", with: "").split(separator: ".").map(String.init)
        for k in stride(from: min(3, parts.count), through: 2, by: -1) {
            if let hit = requestMembers[parts.suffix(k).joined(separator: ".")] { return hit }
        }
        return nil
    }

    /// A record the application keeps per user or session and picks with a key from the request
    /// (`sessions[request.args["sid"]]`): the same for one user's requests, different between users.
    static let storedRecord = Source(volatility: .perUser, kind: .value,
                                     what: "is a record kept per user or session, picked by a key from the request")

    /// A field of a request body that also carries the whole conversation (`{ messages, systemPrompt }`):
    /// the client's state for the chat, posted unchanged with each of its messages.
    static let chatState = Source(
        volatility: .perUser, kind: .value,
        what: "is posted by the client beside the whole conversation, the chat's own state, the same for each of its messages")

    /// True when `source` is what a vector search retrieves for the request.
    static func isRetrieval(_ source: Source) -> Bool { source.what == retrieval.what }

    /// True when `source` is the body or parameters of the incoming request.
    static func isRequestData(_ source: Source) -> Bool { source.what == request.what }

    /// True for a value that differs per machine and user (the working directory, the home folder, the host).
    static func isMachineValue(_ source: Source) -> Bool { source.what == machine.what }

    /// Calls that take a path and give something else: what a file holds (`fs.readFileSync(p)`, `open(p)`,
    /// `Deno.readTextFile(p)`) or where a path lies relative to another (`path.relative(process.cwd(), p)`,
    /// `os.path.relpath(p)`). A path under the working directory (`join(process.cwd(), "notes.md")`) differs
    /// per machine; the text read from it, or the path relative to that directory, does not.
    static let pathConsumers: Set<String> = [
        "readFile", "readFileSync", "readTextFile", "readTextFileSync", "open", "relative", "relpath",
    ]
    /// Methods that read what a path names (`Path(os.getcwd()) / "notes.md"` then `.read_text()`).
    static let pathReaders: Set<String> = ["read_text", "read_bytes"]

    /// True for the first ten characters or fewer of an ISO timestamp (`now.toISOString().slice(0, 10)`,
    /// `.substring(0, 10)`): the date, without the time of day.
    static func cutsToDate(method: String, base: String, arguments: [String]) -> Bool {
        guard ["slice", "substring", "substr"].contains(method), arguments.count == 2, arguments[0] == "0",
            let end = Int(arguments[1]), end <= 10
        else { return false }
        // A chain written over several lines (`new Date(…)\n  .toISOString()\n  .slice(0, 10)`) is the same chain.
        let base = base.filter { !$0.isWhitespace }
        guard base.hasSuffix("toISOString()") || base.hasSuffix("toJSON()") else { return false }
        return true
    }

    /// True for the date part of an ISO timestamp taken by index: `toISOString().split("T")[0]`, or the
    /// first ten characters or fewer of `isoformat()` / `toISOString()` (`[:10]`).
    static func indexesDate(base: String, keys: [String]) -> Bool {
        guard keys.count == 1 else { return false }
        // Whitespace of any kind: a chain written over several lines (`new Date(…)\n  .toISOString()\n  .split("T")[0]`).
        let key = keys[0].filter { !$0.isWhitespace }
        let compact = base.filter { !$0.isWhitespace }.replacingOccurrences(of: "'", with: "\"")
        if key == "0", compact.hasSuffix("toISOString().split(\"T\")") || compact.hasSuffix("isoformat().split(\"T\")") { return true }
        let iso = compact.hasSuffix("isoformat()") || compact.hasSuffix("toISOString()") || compact.hasSuffix("toJSON()")
        if iso, key.hasPrefix(":") || key.hasPrefix("0:"), let end = Int(key.split(separator: ":").last ?? ""), end <= 10 { return true }
        return false
    }

    /// strftime's year codes.
    static let strftimeYearCodes = ["%Y", "%y", "%G"]
    /// moment's and luxon's year codes (longest first, so `YYYY` is removed before `YY`).
    static let formatYearCodes = ["YYYY", "yyyy", "YY", "yy"]
    /// strftime's zone codes: `%z` the UTC offset, `%:z` the same with a colon (longest first), `%Z` the zone's name.
    static let zoneCodes = ["%:z", "%z", "%Z"]

    /// What a format that keeps only the year or the zone (`keepsOnlyYearOrZone`) keeps, in words for a message:
    /// "the year", "the zone" or "the year and the zone".
    static func yearOrZoneWords(format: String) -> String {
        let year = (strftimeYearCodes + formatYearCodes).contains { format.contains($0) }
        let zone = zoneCodes.contains { format.contains($0) }
        return year && zone ? "the year and the zone" : year ? "the year" : "the zone"
    }

    /// Methods and attributes that keep only the year of a time value (`getFullYear()`, `.year`,
    /// `strftime("%Y")`), or only the zone the clock is read in (`time.strftime("%z")`, the machine's UTC
    /// offset, set once per installation): the value changes once a year at most (with daylight saving, twice),
    /// far less often than any cache lives, so it is as good as a constant for the prefix.
    static func keepsOnlyYearOrZone(method: String, format: String?) -> Bool {
        switch method {
        case "getFullYear", "getUTCFullYear", "getYear", "year": return true
        case "strftime", "format", "toFormat":
            guard let format, !format.isEmpty else { return false }
            var rest = format
            for code in strftimeYearCodes + zoneCodes + formatYearCodes { rest = rest.replacingOccurrences(of: code, with: "") }
            // A strftime format's other letters are literal text (`"UTC%z"`); a moment or luxon format's are codes.
            return rest != format && !rest.contains("%") && (format.contains("%") || !rest.contains { $0.isLetter })
        default: return false
        }
    }

    /// A clock after a formatting step (`method` with `format`, as `keepsOnlyYearOrZone` and `keepsOnlyDate` read
    /// them): nil when what remains keeps only the year or the zone (as good as a constant); the same clock, at most per
    /// day, when it keeps only the date or the caller knows the step shows only the date (`showsOnlyDate`: a cut to
    /// the date, `toLocaleString` with date-only options), with `what` when given ("reads today's date"); else
    /// unchanged. The one rule for `{now:%Y}`, `time.strftime("%Y-%m-%d")` and `now.strftime(…)` / `.year`.
    static func formatted(_ source: Source, method: String, format: String?, showsOnlyDate: Bool = false, what: String? = nil) -> Source? {
        if keepsOnlyYearOrZone(method: method, format: format) { return nil }
        guard showsOnlyDate || keepsOnlyDate(method: method, format: format) else { return source }
        return Source(volatility: min(source.volatility, .perDay), kind: .time, what: what ?? source.what)
    }

    /// Methods that keep only the date of a time value (`strftime("%Y-%m-%d")`, `.date()`, `toDateString()`,
    /// Python's `weekday()` / `isoweekday()` that pick the day's name from a table).
    static func keepsOnlyDate(method: String, format: String?) -> Bool {
        switch method {
        case "date", "toDateString", "toLocaleDateString", "getFullYear", "getUTCFullYear", "getMonth", "getUTCMonth",
            "getDate", "getUTCDate", "getDay", "getUTCDay", "weekday", "isoweekday", "isocalendar":
            return true
        case "isoformat":
            // A datetime's ISO form keeps the time of day whatever its arguments (`sep`, `timespec='seconds'`
            // or `'hours'`): they are not strftime formats.
            return false
        case "strftime", "format", "toFormat":
            guard let format else { return false }
            let timeCodes = ["%H", "%I", "%M", "%S", "%f", "%X", "%c", "%T", "%p", "%s", "HH", "hh", "mm", "ss", "%r", "%R"]
            return !timeCodes.contains { format.contains($0) }
        default: return false
        }
    }
}
