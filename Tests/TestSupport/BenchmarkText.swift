/// A benchmark text of about 2,000 tokens, written for this project (ours to ship): varied prose with numbers,
/// names, punctuation, a list, a little JSON and code, and some non-ASCII, for tokenizer throughput and counts.
public enum BenchmarkText {
    /// The text (one string, paragraphs separated by blank lines).
    public static let prose = """
        The Water Board of Ellisford, 1871–1964: Notes Toward a History

        When the first engineer arrived in Ellisford in the spring of 1871, the town drew its water from \
        eleven public wells, two private cisterns, and a brook that the older residents still called "the \
        Tanner's Run" although no tannery had stood on its bank for thirty years. Samuel Okafor-Reid, who had \
        trained under the harbour commissioners in Liverpool, wrote in his first report that the wells were \
        "adequate in number, doubtful in depth, and disgraceful in situation": three of them sat within forty \
        yards of a livery stable, and one was shared, by long custom, between a bakery and a dye works.

        His proposal was modest. He asked the council for £4,200 to build a settling pond on the high ground \
        east of the church, a cast-iron main of nine inches running down Mill Street, and twenty-six standpipes \
        at corners where the wells had been. The council voted him £2,750, told him to begin with the main, \
        and appointed a committee of five to "assist" him. The committee met on the first Tuesday of each \
        month in the back room of the Crown & Anchor; the minutes survive, written in three different hands, \
        and record more discussion of the price of lead than of anything else.

        Construction began on 14 August 1872. The main reached the market square by November, and the first \
        standpipe, outside the post office, was opened on 2 December before a crowd that the Ellisford Gazette \
        estimated at "upwards of six hundred souls, not counting dogs." The water, the paper admitted, came out \
        brown for the first quarter of an hour; after that it ran clear, and the mayor drank a glass of it to \
        applause. Okafor-Reid's notebook gives a drier account: flow at the standpipe 38 gallons per minute, \
        pressure adequate, sediment "as expected, given the haste."

        Over the next decade the network grew in fits. A second main, laid in 1876 along the river road, \
        served the mills; a third, in 1881, climbed the hill to the new villas on Prospect Terrace, whose \
        owners paid for it themselves and were then annoyed to discover that the Board charged them the same \
        rate as everyone else. The settling pond was enlarged twice. By 1885 the Board supplied roughly 1,900 \
        households, about four in five of the town, and had begun, cautiously, to talk about filtration.

        The typhoid summer of 1887 ended the caution. Between 9 July and 21 September the town recorded 142 \
        cases and 19 deaths, most of them in the streets below the tannery site, where the oldest wells were \
        still in use because the standpipes were a long walk uphill. Dr. Helena Marsh, the medical officer, \
        mapped every case on a sheet of tracing paper laid over the Board's plan of the mains, and the pattern \
        was hard to argue with: households on piped water fell ill at a rate of about 3 per 1,000; households \
        on the lower wells, at nearly 41 per 1,000. Her report ran to twelve pages and ended with a sentence \
        the council did not enjoy hearing read aloud: "The wells are not a convenience; they are a verdict."

        What followed was, by the standards of a small market town, a building boom. The Board borrowed \
        £18,000 at 3½ per cent, closed the lower wells by order, and built a slow sand filter of four beds, \
        each 120 feet by 60, on meadow land bought from the Pemberton estate. The filter house still stands; \
        its lintel carries the date 1890 and the Board's motto, Aqua pura, civitas sana, which a local wit \
        translated as "clean water, sane council" and which the Gazette printed, to the Board's irritation, \
        in its Christmas number.

        The records of the filter years are unusually complete, because the second engineer, Tomasz Wierzbicki, \
        kept a daily log in a format he never changed. Each entry had the date, the head of water over each \
        bed in inches, the rate of flow, the turbidity by his own scale (1 = "crystal", 5 = "soup"), and a \
        remarks column that is the most readable part of the archive. A typical week in March 1894 reads:

        • Mon. Bed 3 scraped; 2 in. of sand removed. Flow low until noon.
        • Tue. Heavy rain overnight. Turbidity 3 at intake, 1 at outlet. Good.
        • Wed. Mr. Pemberton's cattle in the meadow again. Fence mended (2nd time this month).
        • Thu. Council visit. Alderman Shaw asked whether the sand "wears out." Explained. Did not convince.
        • Fri. Nothing to remark.

        Modern readers sometimes ask whether the filters worked. The numbers say they did. Typhoid cases in \
        Ellisford fell from an average of 37 a year in the 1880s to 6 a year in the 1890s and to fewer than 2 \
        a year after 1905, when the Board added a chlorine dosing room (at a cost of £1,140, including the \
        scales). Infant mortality, which the medical officer reported separately, fell by about a third over \
        the same period, though Dr. Marsh's successor was careful to say that milk inspection and the new \
        sewers deserved a share of the credit.

        The twentieth century brought a different set of problems: not dirt, but demand. The mills converted \
        to steam turbines that wanted far more water than the old wheels; the railway built a locomotive depot \
        that wanted more still; and the town itself grew from 9,400 people in 1901 to 15,800 in 1931. The Board \
        answered with a reservoir in the Calder valley, four miles to the north, approved in 1924 after a \
        public inquiry that lasted nineteen days. The inquiry transcript is long, but one exchange is often \
        quoted. Counsel for the objecting farmers asked the engineer how he could be sure the dam would hold. \
        "I cannot be sure," he replied. "I can only be careful, and I intend to be very careful indeed."

        The Calder reservoir was filled in 1929: 410 million gallons behind an earth embankment 68 feet high, \
        with a clay core and a stone spillway. It has held for ninety-odd years. The farmers who objected were \
        compensated at rates that were, by the standards of the time, generous, and several of their families \
        went on to work for the Board; the last of them, a grandson of the chief objector, retired as its \
        reservoir keeper in 1978.

        By the 1950s, the Board's accounts had taken a form that an auditor of today would recognise. A \
        summary for the year ending 31 March 1956, reconstructed from the ledgers, looks like this:

        {"year": "1955-56", "households": 5120, "gallons_per_day": 2310000, "revenue_gbp": 61480, \
        "expenditure_gbp": 58925, "staff": 44, "complaints": {"taste": 31, "pressure": 87, "billing": 212}}

        The complaint figures are worth a second look. Taste and pressure, the subjects that had filled the \
        Gazette's letters page in the 1870s, had become minor; billing had become the Board's principal \
        source of public irritation, chiefly because the meter readers worked a four-month cycle and many \
        households received their first bill of the year in a single, unwelcome lump. A clerk named Iris \
        Fernández-Clarke proposed monthly estimated bills in 1957, with a correction each quarter; her memo \
        was filed with the note "interesting — revisit," and revisited, in the end, only in 1962.

        The Board itself did not survive much longer. The Water Act of 1963 folded it, along with three \
        neighbouring undertakings, into a regional authority, and on 1 April 1964 the last meeting of the \
        Ellisford Water Board voted its thanks to the staff, approved the transfer of its assets (valued at \
        £2,315,000), and adjourned at 4.47 p.m. The minute book ends there, with a pencilled line beneath the \
        final entry and, in the margin, a small drawing of a standpipe that nobody has ever claimed.

        A note on sources. The Board's minute books (1871–1964, 31 volumes), Okafor-Reid's notebooks (4 \
        volumes), Wierzbicki's filter logs (22 volumes), and Dr. Marsh's report of 1887 are held in the town \
        archive. Figures for population come from the census; figures for disease come from the medical \
        officer's annual reports, which changed their categories twice, so that comparisons across 1895 and \
        1911 should be read with care. Where a sum of money is given, it is the sum as recorded, not adjusted \
        for inflation. Anyone wishing to check the arithmetic is welcome to do so; a short script such as

            let perThousand = Double(cases) / Double(households) * 1_000.0
            print(String(format: "%.1f per 1,000", perThousand))

        reproduces Dr. Marsh's rates from her own tables, to within the rounding she used. The reader who \
        finds an error is asked to write to the archivist, who keeps a list, and who has promised — with what \
        the Board would have called "due caution" — to correct the next edition.
        """
}
