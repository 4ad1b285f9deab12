/// Small English word lists used by segmentation and priors.
enum Lexicon {
    /// Function words: the first to go when compressing.
    static let stopwords: Set<String> = [
        "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "into", "onto", "upon", "about",
        "as", "and", "or", "but", "so", "yet", "if", "then", "than", "that", "this", "these", "those", "which",
        "who", "whom", "whose", "what", "when", "where", "why", "how", "is", "are", "was", "were", "be", "been",
        "being", "am", "do", "does", "did", "has", "have", "had", "having", "it", "its", "it's", "he", "she", "they",
        "them", "their", "his", "her", "hers", "him", "we", "us", "our", "you", "your", "i", "me", "my", "there",
        "here", "also", "very", "just", "such", "both", "each", "some", "any", "all", "can", "could", "would",
        "should", "will", "shall", "may", "might", "must", "only", "own", "same", "too", "over",
        "under", "again", "further", "once", "during", "before", "after", "above", "below", "between", "through",
        "while", "because", "until", "against", "among", "within", "without", "along", "across", "however",
        "although", "though", "since", "via", "per", "other", "another", "more", "most", "many", "much", "well",
        "even", "still", "often", "up", "down", "out", "off", "now", "one's", "itself", "themselves", "himself",
        "herself", "whether", "whereas", "thus", "therefore", "hence", "moreover", "furthermore",
    ]

    /// Spoken fillers and backchannels (transcripts, chat logs): dropped with the function words.
    static let fillers: Set<String> = [
        "yeah", "yep", "yup", "okay", "ok", "um", "umm", "uh", "uhm", "er", "erm", "mm", "mmm", "mm-hmm", "mhm", "hmm",
        "uh-huh", "oh", "ah", "eh", "huh", "alright",
    ]

    /// Words ending in -ly that are nouns or adjectives of time and kind, not adverbs.
    static let notAdverbs: Set<String> = [
        "family", "assembly", "monopoly", "anomaly", "rally", "belly", "jelly", "early", "daily", "weekly", "monthly",
        "yearly", "quarterly", "hourly", "nightly", "friendly", "elderly", "lovely", "lonely", "costly", "likely",
        "unlikely", "deadly", "orderly", "holy", "italy",
    ]

    /// Negations: dropping one reverses the meaning, so they are kept first.
    static let negations: Set<String> = [
        "not", "no", "never", "nor", "none", "nothing", "nobody", "neither", "without", "cannot", "can't", "don't",
        "doesn't", "didn't", "won't", "wouldn't", "shouldn't", "isn't", "aren't", "wasn't", "weren't", "mustn't",
        "couldn't", "haven't", "hasn't", "hadn't", "except", "unless", "only",
    ]

    /// Words joining the parts of a name ("University of Chicago", "Ludwig van Beethoven").
    static let nameConnectors: Set<String> = ["of", "de", "du", "da", "la", "le", "von", "van", "der", "den", "del", "di", "&", "the"]

    /// Numbers written as words.
    static let numerals: Set<String> = ordinals.union([
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
        "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion", "trillion", "half",
        "dozen", "twice", "thrice", "hundreds", "thousands", "millions", "billions",
    ])

    /// Ordinals written as words (they rank, they do not count or date).
    static let ordinals: Set<String> = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]

    /// Month names and abbreviations.
    static let months: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]

    /// Words that belong with a number before them.
    static let units: Set<String> = [
        "%", "percent", "per", "cent", "million", "billion", "trillion", "thousand", "hundred", "dozen", "km", "m",
        "cm", "mm", "kg", "g", "mg", "lb", "lbs", "oz", "mi", "miles", "mile", "feet", "foot", "ft", "inches", "inch",
        "meters", "metres", "meter", "metre", "kilometres", "kilometers", "km2", "sq", "square", "acres", "hectares",
        "tons", "tonnes", "ton", "gallons", "liters", "litres", "ml", "l", "years", "year", "months", "month", "weeks",
        "week", "days", "day", "hours", "hour", "minutes", "minute", "seconds", "second", "s", "ms", "h", "min",
        "am", "pm", "a.m.", "p.m.", "bc", "ad", "bce", "ce", "°c", "°f", "°", "degrees", "dollars", "dollar", "euros",
        "euro", "pounds", "usd", "eur", "gbp", "people", "times", "x", "gb", "mb", "kb", "tb", "ghz", "mhz", "hz",
        "kw", "mw", "gw", "v", "w", "mph", "km/h", "points", "votes", "seats", "items", "tokens", "cents",
        "centuries", "century", "pages", "members", "students", "residents", "inhabitants", "soldiers", "troops",
    ]

    /// Abbreviations whose final period does not end a sentence.
    static let abbreviations: Set<String> = [
        "mr.", "mrs.", "ms.", "dr.", "st.", "jr.", "sr.", "vs.", "etc.", "e.g.", "i.e.", "u.s.", "u.k.", "inc.",
        "ltd.", "co.", "no.", "fig.", "prof.", "gen.", "col.", "lt.", "sgt.", "capt.", "rev.", "mt.", "ft.", "approx.",
        "vol.", "ca.", "cf.", "al.", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec.",
    ]
}

/// Place names that follow a town after a comma ("Tulsa, Oklahoma", "Orangeville, Ontario, Canada"), by level: a
/// name joins the one before it when its level is higher (a state after a town, a country after a state), so
/// "Texas, Oklahoma" in a list of states stays two names.
enum PlaceLexicon {
    /// US states, Canadian provinces and territories, Australian states, UK nations (lowercased).
    static let regions: Set<String> = [
        "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
        "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine",
        "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska",
        "nevada", "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio",
        "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas",
        "utah", "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming", "d.c", "dc",
        "ontario", "quebec", "british columbia", "alberta", "manitoba", "saskatchewan", "nova scotia",
        "new brunswick", "newfoundland", "prince edward island", "yukon", "nunavut", "northwest territories",
        "new south wales", "victoria", "queensland", "tasmania", "western australia", "south australia",
        "england", "scotland", "wales", "northern ireland",
    ]

    /// Countries (lowercased, common English names).
    static let countries: Set<String> = [
        "afghanistan", "albania", "algeria", "argentina", "armenia", "australia", "austria", "bangladesh", "belgium",
        "bolivia", "brazil", "bulgaria", "cambodia", "canada", "chile", "china", "colombia", "croatia", "cuba",
        "cyprus", "czech republic", "denmark", "egypt", "estonia", "ethiopia", "finland", "france", "germany",
        "ghana", "greece", "hungary", "iceland", "india", "indonesia", "iran", "iraq", "ireland", "israel", "italy",
        "jamaica", "japan", "jordan", "kenya", "latvia", "lebanon", "lithuania", "malaysia", "mexico", "morocco",
        "nepal", "netherlands", "new zealand", "nigeria", "norway", "pakistan", "peru", "philippines", "poland",
        "portugal", "romania", "russia", "saudi arabia", "serbia", "singapore", "slovakia", "slovenia",
        "south africa", "south korea", "spain", "sri lanka", "sweden", "switzerland", "syria", "taiwan", "thailand",
        "turkey", "ukraine", "united kingdom", "uk", "united states", "usa", "u.s", "vietnam", "venezuela",
    ]

    /// 2 for a country, 1 for a region, 0 for anything else (a town).
    static func level(_ name: String) -> Int {
        if countries.contains(name) { return 2 }
        return regions.contains(name) ? 1 : 0
    }
}
