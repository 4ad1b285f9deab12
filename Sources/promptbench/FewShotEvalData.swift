import ArgumentParser
import Foundation
import PromptCompression

/// The example sets `promptbench fewshot-eval` measures on, read at run time from the shared evaluation data.
enum FewShotEvalData {
    struct Missing: LocalizedError {
        let path: String
        var errorDescription: String? {
            "\(path): not found; the evaluation data lives in ../shared/eval (see its README.md), or pass --data DIR"
        }
    }

    /// A named example list.
    struct ExampleSet {
        var name: String
        var examples: [FewShotExample]
    }

    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw Missing(path: path)
        }
        return text
    }

    /// The 8 chain-of-thought demonstrations of `gsm8k/prompt_hardest.txt`, split by the default delimiter.
    static func gsm8k(dataDirectory: String) throws -> ExampleSet {
        let path = dataDirectory + "/gsm8k/prompt_hardest.txt"
        let document = try FewShotDocument.parse(try read(path))
        return ExampleSet(name: "GSM8K prompt_hardest.txt (\(document.examples.count) demonstrations)", examples: document.examples)
    }

    struct Article: Decodable {
        var id: String
        var title: String
    }

    struct Question: Decodable {
        var article_id: String
        var question: String
        var answers: [String]
    }

    /// SQuAD v1.1 dev questions labelled by their article's title: `articles` articles taken evenly through
    /// `long/squad_articles.jsonl` (every 48/articles-th), all of each one's questions from
    /// `long/squad_article_qa.jsonl`, in file order. Input: the question; output: its first gold answer.
    static func squad(dataDirectory: String, articles count: Int) throws -> ExampleSet {
        let articlesPath = dataDirectory + "/long/squad_articles.jsonl"
        let questionsPath = dataDirectory + "/long/squad_article_qa.jsonl"
        let decoder = JSONDecoder()
        let articles = try lines(try read(articlesPath)).map { try decoder.decode(Article.self, from: Data($0.utf8)) }
        let questions = try lines(try read(questionsPath)).map { try decoder.decode(Question.self, from: Data($0.utf8)) }
        guard !articles.isEmpty else { throw Missing(path: articlesPath) }
        let n = min(max(2, count), articles.count)
        let stride = articles.count / n
        let chosen = (0..<n).map { articles[$0 * stride] }
        var examples: [FewShotExample] = []
        for article in chosen {
            for q in questions where q.article_id == article.id {
                examples.append(FewShotExample(input: q.question, output: q.answers.first ?? "", label: article.title))
            }
        }
        return ExampleSet(
            name: "SQuAD v1.1 dev questions labelled by article (\(examples.count) questions, \(n) articles)",
            examples: examples)
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { !$0.allSatisfy(\.isWhitespace) }
    }
}
