// Telling IR input apart from anything else by content, the way every tool that
// accepts "Mochi source or IR" must: binary IR starts with its magic, IR text with
// the `mochi-ir 1` header, which may follow blank lines and `;` comment lines (the
// text grammar allows comments anywhere).

/// True when the bytes are binary IR or IR text.
public func isIRInput(_ bytes: [UInt8]) -> Bool {
    if bytes.starts(with: BinaryFormat.magic) { return true }
    var i = 0
    while i < bytes.count {
        switch bytes[i] {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
            i += 1
        case UInt8(ascii: ";"):
            while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
        default:
            return bytes[i...].starts(with: Array("mochi-ir 1".utf8))
        }
    }
    return false
}
