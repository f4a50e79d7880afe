// LinkError.swift: every way a mochi-link build can fail, each with the one line
// the tool prints. Usage errors (a bad flag value, an impossible combination)
// are told apart so the main exits 2 for them and 1 for everything else.

/// A failure of planning or running a build.
public struct LinkError: Error, Equatable, CustomStringConvertible, Sendable {
    public var message: String
    /// True for bad usage (exit status 2), false for a failed build (exit status 1).
    public var isUsage: Bool

    public init(_ message: String, usage: Bool = false) {
        self.message = message
        self.isUsage = usage
    }

    public var description: String { message }
}
