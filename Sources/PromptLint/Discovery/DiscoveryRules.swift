/// The names discovery recognises: folders never entered, folders and files that are never prompts by
/// default (documentation, CI, manifests, data sets, logs, fixtures), and the folder and file names
/// that are evidence of prompts. Every comparison is on lower-cased names.
public enum DiscoveryRules {
    /// Folders never entered (version control, dependencies, virtual environments, caches, build output).
    public static let neverEntered: Set<String> = [
        ".git", ".hg", ".svn", "node_modules", "bower_components", ".build", ".swiftpm", "__pycache__", ".venv",
        "venv", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", "deriveddata", "site-packages",
        "dist", "build", ".next", ".nuxt", "target", "pods", "carthage", "vendor", "third_party", "third-party",
        ".terraform", "coverage", "htmlcov", ".eggs",
    ]

    /// Folders whose files are not prompts by default, with the reason shown.
    public static let skippedFolders: [String: String] = [
        "docs": "documentation folder", "doc": "documentation folder", "documentation": "documentation folder",
        "fixtures": "test fixtures folder", "__fixtures__": "test fixtures folder", "testdata": "test data folder",
        "test_data": "test data folder", "test-data": "test data folder", "__snapshots__": "test snapshots folder",
        "snapshots": "test snapshots folder", "cassettes": "recorded HTTP cassettes folder",
        "datasets": "data set folder", "dataset": "data set folder", "logs": "logs folder", "log": "logs folder",
        "locales": "translations folder", "locale": "translations folder", "i18n": "translations folder",
        "l10n": "translations folder", "translations": "translations folder",
    ]

    /// Folders whose generic files need a prompt-like name to be read (a data folder may hold prompts,
    /// but mostly holds data).
    public static let dataFolders: Set<String> = ["data"]

    /// Folder names that are evidence that the generic text files in them are prompts.
    public static let promptFolders: Set<String> = [
        "prompts", "prompt", "templates", "prompt_templates", "prompt-templates", "prompttemplates",
        "system_prompts", "system-prompts", "prompt_library", "prompt-library",
    ]

    /// True when a folder's name (lower-cased, without a leading dot) is evidence of prompts: a name of
    /// `promptFolders`, or a compound whose last word names prompts or personas (`agent-personas`,
    /// `chat_prompts`, `personas`).
    public static func isPromptFolderName(_ name: String) -> Bool {
        if promptFolders.contains(name) { return true }
        let words = name.split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == "." || $0 == " " })
        guard let last = words.last else { return false }
        return last == "personas" || (words.count > 1 && last == "prompts")
    }

    /// Folder names that hold coding-agent prompts when they sit directly in a hidden folder
    /// (`.github/agents`, `.github/chatmodes`, `.github/instructions`, `.claude/commands`, `.claude/skills`).
    public static let hiddenPromptFolders: Set<String> = ["agents", "chatmodes", "instructions", "commands", "skills"]

    /// The folder of a hidden folder (`.github/workflows`) that holds GitHub Actions workflows, among which
    /// GitHub agentic workflows (gh-aw Markdown, `AgenticWorkflowReader`) are prompts.
    public static let agenticWorkflowFolder = "workflows"

    /// The most of a container file (`DiscoveryRole.container`: a notebook) read to decide about it: the
    /// default file size limit, since a notebook's outputs (images as base64) can be large.
    static let containerReadBytes = 16 * 1024 * 1024

    /// The reason a source file naming no LLM SDK or prompt is skipped; the linter still reads such files
    /// for the helpers and template renders of the prompt files (`LintRunner.sourceProject`).
    static let sourceWithoutPromptsReason = "source file without LLM SDK imports or prompt names"
    /// Why a template whose front matter it fills in (`isFilledNote`) is not read.
    static let filledNoteReason = "note or page template (it fills in its own front matter: a document it writes, not a prompt)"
    /// Why a UI component (`SourceSniff.isUIComponent`) that imports no LLM SDK is not read.
    static let uiComponentReason = "UI component (.tsx/.jsx under components/) that imports no LLM SDK: page text, not a prompt it sends"

    /// Folders that mark a coding-agent plugin's root (Claude Code's `.claude-plugin/` with `plugin.json`).
    public static let pluginManifestFolders: Set<String> = [".claude-plugin"]

    /// Folders of a plugin's root that hold prompts: its slash commands and subagent definitions.
    public static let pluginPromptFolders: Set<String> = ["commands", "agents"]

    /// Folders of agent skills (`.claude/skills/x/SKILL.md`): entered in a hidden folder like a prompts folder,
    /// but only each skill's `SKILL.md` is a prompt (the other files are the skill's resources).
    public static let skillsFolders: Set<String> = ["skills"]

    /// Prompt folder names that are evidence for text files only.
    public static let weakPromptFolders: Set<String> = ["templates"]

    /// Test folders: a `data` folder below one is test data.
    public static let testFolders: Set<String> = ["tests", "test", "__tests__", "spec", "specs"]

    /// Folders of specifications and design documents (`spec/phase-2/`, `design/`, `rfcs/`, `adr/`): a Markdown
    /// file there documents the system, its prompts included (a worked example of a system prompt, the template
    /// quoted in a plan), while the prompts the code sends live beside the code. `spec` is also a tests folder.
    public static let specificationFolders: Set<String> = ["spec", "specs", "design", "designs", "rfcs", "adr", "adrs"]

    /// Extensions of prose documents, which in a specification folder are documents even when named like a prompt.
    static let documentExtensions: Set<String> = ["md", "markdown", "mdx", "rst", "adoc"]

    /// Why a document in a specification folder is not read.
    static let specificationDocumentReason =
        "specification or design document (Markdown in a spec or design folder documents prompts; the code sends its own)"

    /// Extensions of generic data files read only when their content holds prompts.
    public static let configExtensions: Set<String> = ["yaml", "yml", "json", "jsonc", "toml"]

    /// Extensions of data sets and logs: never read from folders (listed as skipped).
    public static let dataSetExtensions: [String: String] = [
        "jsonl": "data set (JSON Lines)", "ndjson": "data set (JSON Lines)", "csv": "data set (CSV)",
        "tsv": "data set (TSV)", "parquet": "data set (Parquet)", "log": "log file", "lock": "lockfile",
    ]

    /// Whole file names that are never prompts by default, with the reason.
    public static let skippedFileNames: [String: String] = {
        var names: [String: String] = [:]
        for n in ["package.json", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml",
                  "pnpm-workspace.yaml", "composer.json", "composer.lock", "cargo.toml", "cargo.lock", "pyproject.toml",
                  "poetry.lock", "pipfile", "pipfile.lock", "uv.lock", "gemfile.lock", "package.resolved", "go.sum",
                  "deno.json", "deno.lock", "jsconfig.json", "bun.lockb", "environment.yml", "environment.yaml",
                  "setup.cfg", "turbo.json", "lerna.json", "nx.json", "angular.json", "manifest.json", "app.json",
                  "pubspec.yaml", "pubspec.lock", "chart.yaml", "values.yaml", "project.json", "bower.json"] {
            names[n] = "manifest or lockfile"
        }
        for n in [".promptlint.yml", ".promptlint-baseline.json"] { names[n] = "promptlint's own configuration" }
        for n in ["azure-pipelines.yml", "azure-pipelines.yaml", "bitbucket-pipelines.yml", "appveyor.yml",
                  "cloudbuild.yaml", "cloudbuild.yml", "buildspec.yml", "action.yml", "action.yaml",
                  "docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml", "netlify.toml",
                  "vercel.json", "codecov.yml", "renovate.json", "dependabot.yml", "mkdocs.yml", "mkdocs.yaml",
                  "readthedocs.yml", "jenkinsfile", "skaffold.yaml", "fly.toml", "wrangler.toml", "serverless.yml",
                  "firebase.json", "tox.ini", "taskfile.yml", "makefile"] {
            names[n] = "CI, build or deployment configuration"
        }
        return names
    }()

    /// File-name stems (before the first dot, lower-cased) of documentation files.
    public static let documentationStems: Set<String> = [
        "readme", "changelog", "changes", "history", "news", "license", "licence", "copying", "notice", "contributing",
        "code_of_conduct", "code-of-conduct", "security", "support", "authors", "contributors", "maintainers",
        "codeowners", "governance", "roadmap", "upgrading", "migration", "release_notes", "release-notes", "releasing",
        "citation", "funding",
    ]

    /// The reason a generic file's name says it is not a prompt, if any.
    public static func skipReason(fileName name: String) -> String? {
        if let reason = skippedFileNames[name] { return reason }
        let stem = String(name.split(separator: ".", omittingEmptySubsequences: false).first ?? "")
        if documentationStems.contains(stem) { return "documentation file (\(stem.uppercased()))" }
        // `README_zh.md`, `PROMPT_CONFIG_README.md`: a README word anywhere in the stem (a changelog word is not
        // enough: `pr_update_changelog_prompts.toml` holds the prompts of a changelog tool).
        if stem.split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == " " }).contains("readme") {
            return "documentation file (README)"
        }
        if stem.hasPrefix("requirements") || stem.hasPrefix("constraints") { return "requirements file" }
        if stem.hasPrefix("tsconfig") || stem.hasPrefix("openapi") || stem.hasPrefix("swagger") {
            return stem.hasPrefix("tsconfig") ? "manifest or lockfile" : "API schema"
        }
        if name.hasSuffix(".schema.json") { return "JSON schema" }
        return nil
    }

    /// Words that, in an ALL-CAPS file name, make the file a note about the project (`REFACTOR_SUMMARY.md`,
    /// `ARCHITECTURE.md`, `QUICK_REFERENCE.md`, `IMPLEMENTATION_NOTES.md`), not a prompt, even in a prompts folder.
    static let documentNameWords: Set<String> = [
        "summary", "architecture", "reference", "refactor", "refactoring", "overview", "guide", "notes", "todo",
        "implementation", "migration", "changelog", "faq", "usage", "troubleshooting", "design",
    ]

    /// The reason a file named in ALL CAPS is a note about the project rather than a prompt: its name has a
    /// `documentNameWords` word and no `PROMPT`, or ends with one (`PROMPT_SYSTEM_GUIDE.md`,
    /// `PROMPTS_OVERHAUL_SUMMARY.md`: a document about the prompts, named for what it is by its last word).
    /// ALL-CAPS prompt files (`SOUL.md`, `RULES.md`, `TOOLS.md`) name no such word, a name ending in `PROMPT`
    /// names a prompt (`SUMMARY_PROMPT.md`), and lower-case names (`summary.md`, a summarising prompt) are never
    /// judged by it. Asked for text files in a prompts folder, which would otherwise be read on the folder alone.
    public static func projectNoteReason(writtenName written: String) -> String? {
        let stem = written.split(separator: ".").first.map(String.init) ?? written
        guard stem.contains(where: \.isLetter), !stem.contains(where: \.isLowercase) else { return nil }
        let words = stem.lowercased().split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == " " }).map(String.init)
        let word = stem.contains("PROMPT")
            ? words.last.flatMap { documentNameWords.contains($0) ? $0 : nil }
            : words.first(where: documentNameWords.contains)
        guard let word else { return nil }
        return "project note (ALL-CAPS name with \(word.uppercased()))"
    }

    /// The name of the file that `name` is a file manager's copy of, when it is named like one: `x copy.md`,
    /// `x copy 2.md` (macOS Finder), `x - Copy.md`, `x - Copy (2).md` (Windows Explorer), `x (1).md` (a browser's
    /// or Explorer's second download), `Copy of x.md`. The walk skips such a file only when the original sits
    /// beside it: a duplicate left in a prompts folder is not loaded by the code, which names the original.
    public static func copiedOriginal(of name: String) -> String? {
        if name.hasPrefix("Copy of "), name.count > 8 { return String(name.dropFirst(8)) }
        let dot = name.lastIndex(of: ".").flatMap { $0 == name.startIndex ? nil : $0 } ?? name.endIndex
        let stem = name[..<dot]
        let ext = name[dot...]
        for pattern in [#" copy( \d+)?$"#, #" - Copy( \(\d+\))?$"#, #" \(\d+\)$"#] {
            if let match = stem.range(of: pattern, options: .regularExpression), match.lowerBound > stem.startIndex {
                return String(stem[..<match.lowerBound]) + ext
            }
        }
        return nil
    }

    /// The name of the file that `name` is an old copy of, when it is named like one: `x-old.ts`, `x_old.py`,
    /// `x.old.md`, `x-backup.ts`, `x_bak.py`. The walk skips such a file only when the file it was copied from
    /// sits beside it: the live version the code imports, the copy kept for reference (`generate-onboarding-old.ts`
    /// beside `generate-onboarding.ts`). A file named for old things (`old.md`, `hold.ts`) has no such original.
    public static func supersededOriginal(of name: String) -> String? {
        let dot = name.lastIndex(of: ".").flatMap { $0 == name.startIndex ? nil : $0 } ?? name.endIndex
        let stem = name[..<dot]
        let ext = name[dot...]
        let pattern = #"[-_.](old|backup|bak)$"#
        guard let match = stem.range(of: pattern, options: [.regularExpression, .caseInsensitive]), match.lowerBound > stem.startIndex
        else { return nil }
        return String(stem[..<match.lowerBound]) + ext
    }

    /// True when a text file's name (as written) looks like a prompt's (YAML/JSON/TOML files need
    /// `prompt` in the name): `system_prompt.md`, `x.prompt.md`, `instructions.txt`, `persona.yaml`. An
    /// ALL-CAPS name is a document's (`RFC-EXTENSION-SYSTEM.md`, `SYSTEM_DESIGN.md`, like README and
    /// CHANGELOG): only `PROMPT` in it counts. `system` names the role the file fills only as the name's first
    /// or last word (`system.md`, `agent_system.md`, `system_message.txt`); inside a longer name it is part of a
    /// phrase (`8_memory_system_competitive_analysis.md`, `03_The_Operating_System_for_Business.txt`).
    public static func isPromptLikeName(_ written: String) -> Bool {
        let name = written.lowercased()
        if name.contains("prompt") { return true }
        let writtenStem = written.split(separator: ".").first.map(String.init) ?? written
        if writtenStem.contains(where: \.isLetter), !writtenStem.contains(where: \.isLowercase) { return false }
        let stem = name.split(separator: ".").first.map(String.init) ?? name
        let words = stem.split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == " " }).map(String.init)
        return words.contains { ["instruction", "instructions", "persona", "sysmsg"].contains($0) }
            || words.first == "system" || words.last == "system"
            || stem.hasSuffix("instructions")
    }

    /// Extensions of code, markup, media and archives: files with them are not prompt templates even in a
    /// prompts folder (unless a format claims the extension).
    public static let nonTemplateExtensions: Set<String> = [
        "html", "htm", "xhtml", "xml", "svg", "css", "scss", "sass", "less", "js", "mjs", "cjs", "jsx", "ts", "tsx",
        "vue", "svelte", "go", "rs", "lua", "rb", "java", "kt", "kts", "scala", "swift", "c", "h", "cc", "cpp", "hpp",
        "cs", "fs", "php", "pl", "sh", "bash", "zsh", "fish", "ps1", "bat", "cmd", "sql", "r", "ex", "exs", "dart",
        "png", "jpg", "jpeg", "gif", "webp", "ico", "bmp", "pdf", "zip", "gz", "tgz", "bz2", "xz", "tar", "jar", "wasm",
        "mp3", "mp4", "wav", "ogg", "mov", "woff", "woff2", "ttf", "otf", "eot", "bin", "so", "dylib", "dll", "exe",
        "pyc", "class", "o", "a", "ini", "cfg", "conf", "env", "pem", "key", "crt", "gitignore", "gitkeep", "ds_store",
        "npy", "pt", "onnx", "gguf", "safetensors", "db", "sqlite", "ejs", "erb", "haml", "pug", "jade",
        "twig", "gohtml", "prisma", "graphql", "gql", "proto", "dockerfile", "tf", "hcl",
    ]

    /// True when a file with this (lower-cased) extension, which no format claims, may be a template in a
    /// prompts folder: it has an extension, and not one of code, markup, media or archives.
    public static func mayHoldTemplate(extension ext: String) -> Bool {
        !ext.isEmpty && !nonTemplateExtensions.contains(ext) && !configExtensions.contains(ext)
            && dataSetExtensions[ext] == nil
    }

    /// True when a template's text, after any leading template statements and comments (`{% from x import y %}`),
    /// opens an HTML document (`<!DOCTYPE html>` or `<html>`): a page a web app renders, not a prompt.
    public static func isHTMLPage(_ text: String) -> Bool {
        var rest = Substring(text)
        while true {
            rest = rest.drop { $0.isWhitespace }
            guard rest.hasPrefix("{%") || rest.hasPrefix("{#") else { break }
            let closer = rest.hasPrefix("{%") ? "%}" : "#}"
            guard let close = rest.range(of: closer) else { return false }
            rest = rest[close.upperBound...]
        }
        let start = rest.prefix(15).lowercased()
        return start.hasPrefix("<!doctype html") || start.hasPrefix("<html")
    }

    /// True when a template opens with YAML front matter whose values the template fills in (`created: "{{ created }}"`,
    /// `tags: [{{ tag }}]`), at least two keys and half of them: a note or page it writes out with its metadata (an
    /// Obsidian chat note), not a prompt. A prompt's front matter (dotprompt, agent and skill files) configures it
    /// and is written as is.
    public static func isFilledNote(_ text: String) -> Bool {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(80).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard lines.first == "---" else { return false }
        lines.removeFirst()
        guard let end = lines.firstIndex(of: "---") else { return false }
        var keys = 0
        var filled = 0
        for line in lines[..<end] {
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix("#"), !line.hasPrefix("-"),
                line[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
            else { continue }
            keys += 1
            let value = line[colon...]
            if value.contains("{{") || value.contains("{%") { filled += 1 }
        }
        return filled >= 2 && filled * 2 >= keys
    }

    /// Why a source file is test code, whose prompts exercise a client rather than build the product's
    /// requests: under a `tests`/`test`/`__tests__`/`spec` folder, or named as a test (`test_x.py`,
    /// `x_test.py`, `conftest.py`, `x.test.ts`, `x.spec.js`).
    static func testCodeReason(path: String) -> String? {
        let parts = path.lowercased().split(separator: "/").map(String.init)
        if parts.dropLast().contains(where: { ["tests", "test", "__tests__", "spec", "specs"].contains($0) }) {
            return "test code (in a tests folder)"
        }
        guard let name = parts.last else { return nil }
        let stem = name.split(separator: ".").first.map(String.init) ?? name
        if name == "conftest.py" || stem.hasPrefix("test_") || stem.hasSuffix("_test")
            || name.contains(".test.") || name.contains(".spec.")
        {
            return "test code (a test file name)"
        }
        return nil
    }
}
