/// Date formatters of another module: `formatDate(new Date())` where `formatDate(date)` in a utilities
/// module returns `${date.getDate()}/${date.getMonth() + 1}/${date.getFullYear()}` (or
/// `date.strftime("%d/%m/%Y")`). The clock is read in the caller's file, but the helper keeps only its
/// day, so the value the prompt gets changes once a day, not on every request.
extension SourceAnalysis {
    /// True when `function` (a function of this module) keeps only the date of what its parameter
    /// `parameter` receives: its returns, traced with the parameter bound to the clock, change once a day
    /// and read nothing that changes more often. False when the returns do not read the parameter.
    func keepsOnlyDate(of parameter: String, in function: Int, depth: Int) -> Bool {
        guard scopes[function].parameters.contains(parameter), !scopes[function].returns.isEmpty else { return false }
        let clock = SourceNode(kind: .call(SourceNode(kind: .name("new Date"), range: 0..<0), []), range: 0..<0)
        var bindings = Bindings()
        bindings.values[function] = [parameter: (clock, function)]
        var result = ValueTrace()
        for value in scopes[function].returns.suffix(4) {
            result.merge(trace(value, scope: function, bindings: bindings, depth: depth))
        }
        guard let v = result.volatile else { return false }
        return v.source.kind == .time && v.source.volatility == .perDay
    }

    /// The positions in `args` of the arguments a foreign helper `function` of `owner` keeps only the
    /// date of (see `keepsOnlyDate(of:in:depth:)`).
    func dateOnlyArguments(_ args: [SourceArgument], of function: Int, in owner: SourceAnalysis, depth: Int) -> Set<Int> {
        // Arguments after a spread cannot be matched to parameters.
        let bound = Array(args.prefix { !$0.spread })
        var out: Set<Int> = []
        for (parameter, value) in bound.byParameter(owner.scopes[function].parameters)
        where owner.keepsOnlyDate(of: parameter, in: function, depth: depth) {
            if let k = bound.firstIndex(where: { $0.value.range == value.range }) { out.insert(k) }
        }
        return out
    }

    /// True for an expression that reads the time zone the process runs in (`Intl.DateTimeFormat().resolvedOptions().timeZone`,
    /// `time.tzname[0]`, `get_localzone()`): a setting of the machine, the same for every request of a
    /// deployment, although its callee's name (`DateTimeFormat`) reads like a date.
    static func readsMachineTimeZone(_ expression: String) -> Bool {
        let compact = expression.filter { !$0.isWhitespace }
        return compact.hasSuffix("resolvedOptions().timeZone") || compact.hasPrefix("time.tzname")
            || compact.hasSuffix("get_localzone()") || compact.hasSuffix("get_localzone_name()")
    }

    /// Fields of JavaScript's `Intl.DateTimeFormat` options that show the time of day.
    private static let localeTimeFields: Set<String> = [
        "hour", "minute", "second", "fractionalSecondDigits", "dayPeriod", "timeStyle", "hour12", "hourCycle",
    ]
    /// Fields of the same options that show a part of the date.
    private static let localeDateFields: Set<String> = ["year", "month", "day", "weekday", "era", "dateStyle"]

    /// True when JavaScript's locale formatting arguments `(locale, options)` write out options naming a time
    /// field (`{ hour: '2-digit', minute: '2-digit' }`): `toLocaleDateString` then shows the time of day as well
    /// as the date, so its text changes every minute, not once a day.
    static func localeOptionsNameTimeField(_ args: [SourceArgument]) -> Bool {
        guard args.count == 2, case .dict(let entries) = args[1].value.unwrapped.kind else { return false }
        return entries.contains { $0.key == nil && $0.keyName.map(localeTimeFields.contains) == true }
    }

    /// True when JavaScript's locale formatting arguments `(locale, options)` show the date and no time of
    /// day: the options are an object written out whose keys are all known and name no time field. Without
    /// options `dateByDefault` decides (`Intl.DateTimeFormat` shows the date alone, `toLocaleString` the date
    /// and the time); with options but no date field, `toLocaleString` shows the date and time too, so
    /// `dateByDefault` false then asks for a date field. Options held in a variable or spread are unknown: false.
    static func localeOptionsShowOnlyDate(_ args: [SourceArgument], dateByDefault: Bool) -> Bool {
        guard args.count <= 2, !args.contains(where: { $0.spread || $0.label != nil }) else { return false }
        guard args.count == 2 else { return dateByDefault }
        guard case .dict(let entries) = args[1].value.unwrapped.kind else { return false }
        var keys: [String] = []
        for entry in entries {
            guard entry.key == nil, let key = entry.keyName else { return false }
            keys.append(key)
        }
        if keys.contains(where: localeTimeFields.contains) { return false }
        return dateByDefault || keys.contains(where: localeDateFields.contains)
    }

    /// True for `new Intl.DateTimeFormat(locale, options).format(…)` (or `formatToParts`, or a name holding the
    /// formatter: `const dayFormat = new Intl.DateTimeFormat(…)`) whose options show only the date
    /// (`localeOptionsShowOnlyDate`): the formatter keeps the day of the time it is given, so a clock passed to
    /// it changes the text once a day.
    func formatterShowsOnlyDate(base: SourceNode, method: String, scope: Int, bindings: Bindings) -> Bool {
        guard ["format", "formatToParts"].contains(method) else { return false }
        let formatter = throughNames(base, scope: scope, bindings: bindings, unwrapping: true, steps: 1).node
        guard case .call(let constructor, let args) = formatter.kind, let path = constructor.dottedPath,
            ["new Intl.DateTimeFormat", "Intl.DateTimeFormat"].contains(path)
        else { return false }
        return Self.localeOptionsShowOnlyDate(args, dateByDefault: true)
    }
}
