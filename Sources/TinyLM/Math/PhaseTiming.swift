// Where a run's time goes, behind an environment variable: with PROMPTLINT_TIMING=1 the tools print, on standard
// error, the wall and CPU (user + system, whole process) milliseconds of each phase (model map, tokenizer, packed
// weights, trunk, output layer, ...), summed over the calls of the process, and the time since process start.
// Off (the default), every probe is one load of a constant.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Per-phase wall and CPU time of the process, kept only when `PROMPTLINT_TIMING` is set.
public final class PhaseTiming: @unchecked Sendable {
    /// Whether timing is on (`PROMPTLINT_TIMING` set to anything but 0).
    public static let enabled: Bool = {
        guard let value = ProcessInfo.processInfo.environment["PROMPTLINT_TIMING"] else { return false }
        return value != "0" && !value.isEmpty
    }()

    /// The process's timing.
    public static let shared = PhaseTiming()

    private let lock = NSLock()
    private var order: [String] = []
    private var totals: [String: (wall: Double, cpu: Double, calls: Int)] = [:]

    /// Seconds since an arbitrary origin (monotonic).
    static func wallNow() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    /// CPU seconds (user + system) of the whole process so far.
    static func cpuNow() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
    }

    /// Seconds since the process started (from /proc/self/stat on Linux; 0 elsewhere).
    static func sinceProcessStart() -> Double {
        #if os(Linux)
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // Field 22 of the file (starttime, clock ticks after boot) is the 20th after the command name.
        guard fields.count > 19, let ticks = Double(fields[19]) else { return 0 }
        var t = timespec()
        clock_gettime(CLOCK_BOOTTIME, &t)
        let uptime = Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
        return uptime - ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
        #else
        return 0
        #endif
    }

    /// Runs `body` and adds its wall and CPU time to `phase` (when timing is on).
    @inline(__always)
    public static func measure<T>(_ phase: String, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        let w0 = wallNow(), c0 = cpuNow()
        defer { shared.add(phase, wall: wallNow() - w0, cpu: cpuNow() - c0) }
        return try body()
    }

    func add(_ phase: String, wall: Double, cpu: Double) {
        lock.lock()
        defer { lock.unlock() }
        if totals[phase] == nil { order.append(phase) }
        let old = totals[phase] ?? (0, 0, 0)
        totals[phase] = (old.wall + wall, old.cpu + cpu, old.calls + 1)
    }

    /// Writes one line per phase (nested phases are included in their callers' figures) and the process's
    /// time since start to standard error, when timing is on.
    public static func report(_ label: String) {
        guard enabled else { return }
        let t = shared
        t.lock.lock()
        var lines = ""
        for phase in t.order {
            let v = t.totals[phase]!
            lines += String(format: "timing: %-28@ wall %8.1f ms  cpu %8.1f ms  calls %d\n", phase as NSString, v.wall * 1000, v.cpu * 1000, v.calls)
        }
        t.lock.unlock()
        lines += String(format: "timing: %-28@ since process start %.1f ms, process cpu %.1f ms\n", label as NSString, sinceProcessStart() * 1000, cpuNow() * 1000)
        FileHandle.standardError.write(lines.data(using: .utf8)!)
    }
}
