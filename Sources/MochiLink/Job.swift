// Job.swift: the compile and link steps of a mochi-link build, as plain data.
//
// A Job is one step (run a program, make a directory, rename one); a Plan is the
// ordered list of them. Planning and running are kept apart so that `--print-jobs`
// shows exactly what would run, tests inspect plans without running a compiler, and
// the runner is the only code with side effects. Every job renders as one shell
// command line, so the printed plan is itself a runnable shell script.

import Foundation

/// One step of a build.
public struct Job: Equatable, Sendable {
    /// What the step does.
    public enum Action: Equatable, Sendable {
        /// Run `executable` with `arguments` (a compiler or linker).
        case run
        /// Create the directory `outputs[0]` and its parents (`mkdir -p`).
        case makeDirectory
        /// Rename `inputs[0]` to `outputs[0]` atomically (`mv -T`): publishes a cache entry.
        case rename
        /// Delete the files `inputs` (`rm -f`): intermediate objects of a wrapped build.
        case remove
    }

    /// Why the job exists: the runner treats runtime-cache steps specially (a lost
    /// publish race is not an error) and tests find jobs by role.
    public enum Role: String, Equatable, Sendable {
        case runtime
        case program
    }

    public var action: Action
    public var role: Role
    /// Absolute path of the program to run (`.run` only).
    public var executable: String
    public var arguments: [String]
    /// Files the job reads, for inspection and dependency checks.
    public var inputs: [String]
    /// Files or directories the job writes.
    public var outputs: [String]
    /// Variables added to the inherited environment, in order.
    public var environment: [(String, String)]

    public init(action: Action = .run, role: Role, executable: String = "", arguments: [String] = [],
                inputs: [String] = [], outputs: [String] = [], environment: [(String, String)] = []) {
        self.action = action
        self.role = role
        self.executable = executable
        self.arguments = arguments
        self.inputs = inputs
        self.outputs = outputs
        self.environment = environment
    }

    public static func == (a: Job, b: Job) -> Bool {
        a.action == b.action && a.role == b.role && a.executable == b.executable && a.arguments == b.arguments
            && a.inputs == b.inputs && a.outputs == b.outputs
            && a.environment.map { $0.0 + "=" + $0.1 } == b.environment.map { $0.0 + "=" + $0.1 }
    }

    /// The job as one shell command line, every word quoted when it needs to be.
    public var commandLine: String {
        switch action {
        case .run:
            let env = environment.map { shellQuote($0.0 + "=" + $0.1) }
            let words = (env.isEmpty ? [] : ["env"] + env) + [executable] + arguments
            return words.map(shellQuote).joined(separator: " ")
        case .makeDirectory:
            return "mkdir -p " + shellQuote(outputs[0])
        case .rename:
            return "mv -T " + shellQuote(inputs[0]) + " " + shellQuote(outputs[0])
        case .remove:
            return (["rm", "-f"] + inputs).map(shellQuote).joined(separator: " ")
        }
    }
}

/// An ordered list of jobs; running them in order builds the output.
public struct Plan: Equatable, Sendable {
    public var jobs: [Job]
    /// The final output file (with the target's suffix applied).
    public var output: String
    /// The runtime cache entry the program links against.
    public var runtimeCacheDirectory: String
    /// True when the runtime was already in the cache, so the plan holds no runtime jobs.
    public var runtimeCached: Bool

    public init(jobs: [Job], output: String, runtimeCacheDirectory: String, runtimeCached: Bool) {
        self.jobs = jobs
        self.output = output
        self.runtimeCacheDirectory = runtimeCacheDirectory
        self.runtimeCached = runtimeCached
    }

    /// The command lines, one per job, in order (what `--print-jobs` prints).
    public var commandLines: [String] { jobs.map(\.commandLine) }
}

/// Quotes a word for a POSIX shell: bare when it only holds characters no shell
/// interprets, else inside single quotes (a quote itself becomes '\'').
public func shellQuote(_ word: String) -> String {
    if word.isEmpty { return "''" }
    let safe = word.utf8.allSatisfy { c in
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
            || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c == UInt8(ascii: "/")
            || c == UInt8(ascii: "=") || c == UInt8(ascii: ":") || c == UInt8(ascii: ",") || c == UInt8(ascii: "+")
            || c == UInt8(ascii: "@") || c == UInt8(ascii: "%")
    }
    if safe { return word }
    return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
