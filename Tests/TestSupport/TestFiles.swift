import Foundation

/// Scratch folders and files for tests.
public enum TestFiles {
    /// A fresh folder under the system's temporary directory (symlinks resolved), removed by the caller.
    public static func temporaryDirectory(prefix: String = "promptlint-tests") throws -> String {
        let dir = NSTemporaryDirectory() + prefix + "-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return (dir as NSString).resolvingSymlinksInPath
    }

    /// Writes `text` to `dir/name`, creating folders; returns the path.
    @discardableResult
    public static func write(_ text: String, _ name: String, in dir: String) throws -> String {
        let path = dir + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The JSON object `text` parses to, or a thrown error when it is not a JSON object.
    public static func jsonObject(_ text: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw TestSupportError(message: "not a JSON object: \(text.prefix(200))")
        }
        return object
    }

    /// How many times longer `run` takes on `input(large)` than on `input(small)` (inputs made once, outside the
    /// timing): each size is run `rounds` times, interleaved, and the fastest run of each is kept (load on a shared
    /// machine only ever adds time, and then weighs on both sizes), so the ratio tells linear growth from quadratic
    /// without depending on how busy the machine is. `slack` CPU seconds are added to the smaller time so that a
    /// tiny `small` run cannot blow the ratio up.
    public static func growthRatio<Input>(
        small: Int, large: Int, rounds: Int = 3, slack: Double = 0.02,
        input: (Int) -> Input, run: (Input) -> Void
    ) -> Double {
        let inputs = (small: input(small), large: input(large))
        var best = (small: Double.infinity, large: Double.infinity)
        for _ in 0..<rounds {
            best.small = min(best.small, cpuSeconds { run(inputs.small) })
            best.large = min(best.large, cpuSeconds { run(inputs.large) })
        }
        return best.large / (best.small + slack)
    }

    /// CPU seconds this thread spends in `body` (steadier than wall time on a shared machine).
    public static func cpuSeconds(_ body: () throws -> Void) rethrows -> Double {
        func now() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
            return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
        }
        let start = now()
        try body()
        return now() - start
    }
}
