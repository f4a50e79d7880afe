// Driver.swift: the two entry points the tool calls: prepare (find the compiler
// and runtime, consult the cache, plan) and run (execute a plan's jobs in order).
//
// These are the only functions with side effects: they read the environment, look
// at the cache directory, start compilers and rename the staging directory into
// the cache. Output of the compilers is collected and returned, never printed.

import Foundation

/// What the machine looks like to a build: environment variables, PATH search,
/// and where the tool itself lives (to find the runtime beside it).
public struct BuildEnvironment {
    public var variables: [String: String]
    public var locator: CompilerLocator
    public var executablePath: String?
    public var host: Target?
    /// Unique per process so concurrent builds stage the runtime in different places.
    public var stagingTag: String

    public init(variables: [String: String], locator: CompilerLocator, executablePath: String?,
                host: Target? = Target.host, stagingTag: String) {
        self.variables = variables
        self.locator = locator
        self.executablePath = executablePath
        self.host = host
        self.stagingTag = stagingTag
    }

    /// The environment of the running process.
    public static func current() -> BuildEnvironment {
        let vars = ProcessInfo.processInfo.environment
        return BuildEnvironment(variables: vars, locator: .system(path: vars["PATH"] ?? "/usr/bin:/bin"),
                                executablePath: currentExecutablePath(),
                                stagingTag: String(ProcessInfo.processInfo.processIdentifier))
    }
}

/// What running a plan did.
public struct RunReport: Sendable {
    /// Compiler diagnostics (warnings) printed by the program job when it succeeded.
    public var diagnostics: String
    /// Jobs actually run.
    public var jobsRun: Int
}

public enum Linker {
    /// Finds the compiler and runtime, checks the cache and plans the build.
    public static func prepare(_ request: LinkRequest, in env: BuildEnvironment) throws -> Plan {
        try Planner.validate(request, host: env.host)
        let compiler = try Planner.chooseCompiler(request, host: env.host, locator: env.locator)
        let runtime = try RuntimeSources.locate(environment: env.variables, executablePath: env.executablePath)
        let root = try cacheRoot(environment: env.variables)
        let key = Planner.runtimeCacheKey(request, compiler, runtime: runtime, host: env.host)
        let cached = isCompleteEntry(root + "/runtime/" + key, runtime: runtime)
        return try Planner.plan(request, compiler: compiler, runtime: runtime, cacheRoot: root, host: env.host,
                                runtimeCached: cached, stagingTag: env.stagingTag)
    }

    /// An entry is complete when it holds one object per runtime source (entries are
    /// only ever created whole, by rename).
    static func isCompleteEntry(_ dir: String, runtime: RuntimeSources) -> Bool {
        runtime.cFiles.allSatisfy { FileManager.default.fileExists(atPath: dir + "/" + Planner.objectName($0)) }
    }

    /// Runs the plan's jobs in order; the first failure stops the build and is thrown
    /// with the failing command's own first error lines.
    public static func run(_ plan: Plan, target: Target) throws -> RunReport {
        let fm = FileManager.default
        var diagnostics = ""
        var count = 0
        for job in plan.jobs {
            count += 1
            switch job.action {
            case .makeDirectory:
                do {
                    try fm.createDirectory(atPath: job.outputs[0], withIntermediateDirectories: true)
                } catch {
                    throw LinkError("cannot create \(job.outputs[0]): \(error.localizedDescription)")
                }
            case .rename:
                // A concurrent build may have published the same entry first: theirs is
                // equally good (same key, same sources), so drop ours.
                if rename(job.inputs[0], job.outputs[0]) != 0 {
                    if fm.fileExists(atPath: job.outputs[0]) {
                        try? fm.removeItem(atPath: job.inputs[0])
                    } else {
                        throw LinkError("cannot publish the runtime cache entry \(job.outputs[0]): "
                            + String(cString: strerror(errno)))
                    }
                }
            case .remove:
                for file in job.inputs { unlink(file) }
            case .run:
                let (status, output) = try runCapturing(job.executable, job.arguments, environment: job.environment)
                if status != 0 {
                    if job.role == .runtime { try? fm.removeItem(atPath: (job.outputs[0] as NSString).deletingLastPathComponent) }
                    throw failure(job, status: status, output: output, target: target)
                }
                // The runtime's own warnings are not the user's business; the program's are.
                if job.role == .program { diagnostics += output }
            }
        }
        return RunReport(diagnostics: diagnostics, jobsRun: count)
    }

    static func failure(_ job: Job, status: Int32, output: String, target: Target) -> LinkError {
        let what = job.role == .runtime
            ? "compiling the runtime (\((job.inputs[0] as NSString).lastPathComponent)) for \(target.name)"
            : "building \(job.outputs[0])"
        let lines = output.split(separator: "\n").map(String.init)
        // The linker's own line says why (`ld: cannot open output file x: Is a
        // directory`); the driver's `collect2: error: ld returned 1 exit status`
        // after it says only that it failed.
        let telling = lines.filter { !$0.contains("ld returned") && !$0.contains("warning:") }
        let firstError = telling.first { line in
                ["error", "undefined reference", "multiple definition", "cannot "].contains { line.contains($0) }
            }
            ?? telling.first { $0.contains("ld: ") || $0.contains("ld.lld: ") || $0.contains("ld64: ") }
            ?? lines.first { $0.contains("error") } ?? lines.first ?? ""
        // pip's zig runs as `python3 -m ziglang cc`: name the compiler, not the interpreter.
        let tool = job.arguments.starts(with: ["-m", "ziglang"]) ? "zig" : (job.executable as NSString).lastPathComponent
        var message = "\(what) failed (\(tool) exit \(status))"
        if !firstError.isEmpty { message += ": " + firstError.trimmingCharacters(in: .whitespaces) }
        return LinkError(message)
    }
}
