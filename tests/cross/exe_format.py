#!/usr/bin/env python3
"""Prints the container format, CPU and kind of an executable from its header:
Mach-O (magic, cputype, filetype) or PE (MZ, PE signature, machine, characteristics).
Used by the cross-target file tests to check outputs that cannot run here."""
import struct
import sys

data = open(sys.argv[1], "rb").read(4096)
if data[:4] in (b"\xcf\xfa\xed\xfe",):
    cputype, _, filetype = struct.unpack_from("<iii", data, 4)
    cpu = {0x01000007: "x86_64", 0x0100000C: "arm64"}.get(cputype, hex(cputype))
    kind = {2: "executable"}.get(filetype, "filetype %d" % filetype)
    print("Mach-O 64-bit %s %s" % (cpu, kind))
elif data[:2] == b"MZ":
    off = struct.unpack_from("<I", data, 0x3C)[0]
    if data[off:off + 4] != b"PE\0\0":
        sys.exit("MZ header without a PE signature")
    machine, _, _, _, _, _, chars = struct.unpack_from("<HHIIIHH", data, off + 4)
    cpu = {0x8664: "x86-64", 0xAA64: "arm64"}.get(machine, hex(machine))
    print("PE %s %s" % (cpu, "executable" if chars & 0x2 else "not executable"))
else:
    sys.exit("unknown executable format: %r" % data[:4])
