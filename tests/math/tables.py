#!/usr/bin/env python3
"""The tables of the runtime's libm exist twice: as C arrays in
Sources/MochiRuntime/mochi_math.c and as passive data segments in
Sources/MochiWasm/runtime/math.wat. This script reads the C arrays and either checks
that math.wat's segments hold the same words (`check`, the default: exit 1 on any
difference) or prints the segments as math.wat should have them (`wat`).

usage: tests/math/tables.py [check|wat]
"""
import os
import re
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
C_FILE = os.path.join(ROOT, "Sources", "MochiRuntime", "mochi_math.c")
WAT_FILE = os.path.join(ROOT, "Sources", "MochiWasm", "runtime", "math.wat")

# C array -> (data segment name, element type, words per line)
TABLES = [
    ("mm_exp_tab", "$mochi_math.d.exp", "u64", 2),
    ("mm_log_tab", "$mochi_math.d.log", "u64", 2),
    ("mm_log_tab2", "$mochi_math.d.log2nd", "u64", 2),
    ("mm_log2_tab", "$mochi_math.d.log2", "u64", 2),
    ("mm_log2_tab2", "$mochi_math.d.log22nd", "u64", 2),
    ("mm_pow_tab", "$mochi_math.d.pow", "u64", 3),
    ("mm_ipio2", "$mochi_math.d.ipio2", "i32", 6),
    ("mm_pio2", "$mochi_math.d.pio2", "f64", 2),
]


def c_arrays(text):
    out = {}
    for m in re.finditer(r"static const (uint64_t|int32_t|double) (mm_\w+)\[(\d+)\] = \{(.*?)\};", text, re.S):
        ctype, name, n, body = m.group(1), m.group(2), int(m.group(3)), m.group(4)
        body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
        items = [t.strip() for t in body.split(",") if t.strip()]
        if len(items) != n:
            sys.exit("tables.py: %s has %d items, declared %d" % (name, len(items), n))
        if ctype == "double":
            vals = [struct.unpack("<Q", struct.pack("<d", float.fromhex(t)))[0] for t in items]
        else:
            vals = [int(t.rstrip("Uu"), 16) for t in items]
        out[name] = vals
    return out


def segment(seg, kind, per, vals):
    size = 4 if kind == "i32" else 8
    lines = ["(data %s" % seg]
    for i in range(0, len(vals), per):
        chunk = vals[i:i + per]
        b = b"".join(v.to_bytes(size, "little") for v in chunk)
        lines.append('  "%s"' % "".join("\\%02x" % x for x in b))
    lines[-1] += ")"
    return "\n".join(lines)


def wat_segments(arrays):
    return "\n".join(segment(seg, kind, per, arrays[name]) for name, seg, kind, per in TABLES)


def wat_words(text, seg, kind):
    m = re.search(r"\(data %s\s+((?:\"[^\"]*\"\s*)+)\)" % re.escape(seg), text)
    if not m:
        return None
    raw = b"".join(bytes(int(h, 16) for h in re.findall(r"\\([0-9a-fA-F]{2})", s))
                   for s in re.findall(r"\"([^\"]*)\"", m.group(1)))
    size = 4 if kind == "i32" else 8
    return [int.from_bytes(raw[i:i + size], "little") for i in range(0, len(raw), size)]


def main(argv):
    mode = argv[1] if len(argv) > 1 else "check"
    arrays = c_arrays(open(C_FILE).read())
    for name, _, _, _ in TABLES:
        if name not in arrays:
            sys.exit("tables.py: no array %s in %s" % (name, C_FILE))
    if mode == "wat":
        print(wat_segments(arrays))
        return 0
    if mode != "check":
        sys.exit(__doc__.strip())
    wat = open(WAT_FILE).read()
    bad = 0
    for name, seg, kind, _ in TABLES:
        words = wat_words(wat, seg, kind)
        want = [v & 0xFFFFFFFF for v in arrays[name]] if kind == "i32" else arrays[name]
        if words != want:
            print("tables.py: %s in math.wat differs from %s in mochi_math.c" % (seg, name))
            bad = 1
    if not bad:
        print("tables.py: math.wat's %d data segments equal mochi_math.c's tables" % len(TABLES))
    return bad


if __name__ == "__main__":
    sys.exit(main(sys.argv))
