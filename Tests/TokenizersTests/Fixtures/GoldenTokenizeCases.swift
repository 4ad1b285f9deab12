// Source: llama.cpp via llama-cpp-python 0.3.36, from shared/golden/tokenize.json
// (gemma-3-270m-q4_k_m.gguf). Token ids are space-separated.

/// The 15 golden tokenizer cases: ids with BOS, without, and with control tokens parsed.
let goldenTokenizeCases: [GoldenTokenizeCase] = [
    GoldenTokenizeCase(
        text: "",
        withBOS: "2",
        noBOS: "",
        special: "2"),
    GoldenTokenizeCase(
        text: " ",
        withBOS: "2 236743",
        noBOS: "236743",
        special: "2 236743"),
    GoldenTokenizeCase(
        text: "Hello world",
        withBOS: "2 9259 1902",
        noBOS: "9259 1902",
        special: "2 9259 1902"),
    GoldenTokenizeCase(
        text: " Hello world",
        withBOS: "2 26352 1902",
        noBOS: "26352 1902",
        special: "2 26352 1902"),
    GoldenTokenizeCase(
        text: "  two  spaces",
        withBOS: "2 138 13498 138 35220",
        noBOS: "138 13498 138 35220",
        special: "2 138 13498 138 35220"),
    GoldenTokenizeCase(
        text: "line1\nline2\n\nline4",
        withBOS: "2 1257 236770 107 1257 236778 108 1257 236812",
        noBOS: "1257 236770 107 1257 236778 108 1257 236812",
        special: "2 1257 236770 107 1257 236778 108 1257 236812"),
    GoldenTokenizeCase(
        text: "\ttab\tseparated",
        withBOS: "2 255968 4823 255968 74010",
        noBOS: "255968 4823 255968 74010",
        special: "2 255968 4823 255968 74010"),
    GoldenTokenizeCase(
        text: "Café naïve résumé",
        withBOS: "2 160319 236859 120362 118515",
        noBOS: "160319 236859 120362 118515",
        special: "2 160319 236859 120362 118515"),
    GoldenTokenizeCase(
        text: "日本語のテキスト",
        withBOS: "2 94951 236945 95830",
        noBOS: "94951 236945 95830",
        special: "2 94951 236945 95830"),
    GoldenTokenizeCase(
        text: "emoji 🎉🚀 ok",
        withBOS: "2 67906 204906 242015 7546",
        noBOS: "67906 204906 242015 7546",
        special: "2 67906 204906 242015 7546"),
    GoldenTokenizeCase(
        text: "1234567 3.14159 2026-11-29",
        withBOS: "2 236770 236778 236800 236812 236810 236825 236832 236743 236800 236761 236770 236812 236770 236810 236819 236743 236778 236771 236778 236825 236772 236770 236770 236772 236778 236819",
        noBOS: "236770 236778 236800 236812 236810 236825 236832 236743 236800 236761 236770 236812 236770 236810 236819 236743 236778 236771 236778 236825 236772 236770 236770 236772 236778 236819",
        special: "2 236770 236778 236800 236812 236810 236825 236832 236743 236800 236761 236770 236812 236770 236810 236819 236743 236778 236771 236778 236825 236772 236770 236770 236772 236778 236819"),
    GoldenTokenizeCase(
        text: "{{ user_name }} and {date}",
        withBOS: "2 15231 2430 236779 1201 11940 532 642 1896 236783",
        noBOS: "15231 2430 236779 1201 11940 532 642 1896 236783",
        special: "2 15231 2430 236779 1201 11940 532 642 1896 236783"),
    GoldenTokenizeCase(
        text: "{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"system\"}]}",
        withBOS: "2 14937 4368 1083 623 135040 236772 236812 236748 827 623 28546 1083 78493 10639 1083 623 9731 236775 165075",
        noBOS: "14937 4368 1083 623 135040 236772 236812 236748 827 623 28546 1083 78493 10639 1083 623 9731 236775 165075",
        special: "2 14937 4368 1083 623 135040 236772 236812 236748 827 623 28546 1083 78493 10639 1083 623 9731 236775 165075"),
    GoldenTokenizeCase(
        text: "def f(x):\n    return x**2  # square",
        withBOS: "2 2063 517 236769 236781 1473 107 140 2060 1123 1018 236778 138 236865 6281",
        noBOS: "2063 517 236769 236781 1473 107 140 2060 1123 1018 236778 138 236865 6281",
        special: "2 2063 517 236769 236781 1473 107 140 2060 1123 1018 236778 138 236865 6281"),
    GoldenTokenizeCase(
        text: "<start_of_turn>user\nhi<end_of_turn>",
        withBOS: "2 236820 3041 236779 1340 236779 887 236813 2364 107 2202 236820 643 236779 1340 236779 887 236813",
        noBOS: "236820 3041 236779 1340 236779 887 236813 2364 107 2202 236820 643 236779 1340 236779 887 236813",
        special: "2 105 2364 107 2202 106"),
]
