#!/bin/sh
# Regenerates wim-core/src/test/resources/org/jwim/wim/compress/lzms/lzms-seed.wim: a small
# non-solid LZMS WIM (32 KiB chunks) written by wimlib-imagex, used as seed input by the LZMS
# decoder fuzz test so that it runs without wimlib installed. Contents: English-like text,
# x86-64-like code (exercises the x86 filter), 16-bit samples and a 32-bit counter table
# (exercise delta matches), and a few tiny files.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/wim-core/src/test/resources/org/jwim/wim/compress/lzms/lzms-seed.wim"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/src"
python3 - "$tmp/src" <<'PY'
import math, random, struct, sys
d = sys.argv[1]
r = random.Random(42)
words = "the of and to in is that for it as was with be by on not he this are or his from".split()
open(f"{d}/text.txt", "w").write(" ".join(r.choice(words) for _ in range(12000)))
code = bytearray()
funcs = [r.randrange(60000) for _ in range(40)]
while len(code) < 60000:
    k = r.randrange(6)
    p = len(code)
    if k < 2:
        code += b"\xe8" + struct.pack("<i", r.choice(funcs) - (p + 5))
    elif k < 4:
        code += b"\x48\x8b\x05" + struct.pack("<i", 70000 + r.randrange(32) * 8 - (p + 7))
    elif k == 4:
        code += b"\x55\x48\x89\xe5\x48\x83\xec" + bytes([8 * r.randrange(16)])
    else:
        code += bytes([0xb8 + r.randrange(8)]) + struct.pack("<i", r.randrange(256))
open(f"{d}/code.bin", "wb").write(code)
samples = b"".join(struct.pack("<h", int(12000 * math.sin(i / 300.0)) + r.randrange(3)) for i in range(20000))
table = b"".join(struct.pack("<I", 1000 + 37 * i) for i in range(8000))
open(f"{d}/samples.bin", "wb").write(samples + table)
for n in (5, 17, 40, 99):
    open(f"{d}/tiny{n}", "w").write(" ".join(r.choice(words) for _ in range(n))[:n])
PY
wimlib-imagex capture "$tmp/src" "$tmp/seed.wim" seed --compress=lzms --chunk-size=32768 >/dev/null
cp "$tmp/seed.wim" "$out"
ls -l "$out"
