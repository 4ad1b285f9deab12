/// Bounds on the numbers that feed the savings arithmetic, checked when prices and traffic are loaded, so that
/// no report shows `inf` or `nan` (a price of 1e308 times a token count overflows). Both are far above any real
/// value: the dearest model lists about USD 600 per million tokens; the busiest services serve billions of
/// requests a day in all.
public enum SavingsLimits {
    /// The highest price accepted, in USD per million tokens.
    public static let maxPricePerMillion = 100_000.0
    /// The highest traffic number accepted (requests per day, output or slot tokens, templates, days a month).
    public static let maxTrafficNumber = 1e10
}
