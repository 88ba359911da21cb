#!/usr/bin/env bash
# Builds a FAT test image with mkfs.fat + mtools (no mount, no root needed).
# usage: make-fixture.sh OUT.img [fat32|fat16|fat12]
# Exercises: deep tree, long and Unicode names, NT lower-case flags (names that differ from
# others only in case, in separate directories), 8.3 collisions (~1, ~2, ~10), empty files,
# files of exactly one cluster and one cluster + 1 byte, fragmented files (holes left by
# deletes, then a larger rewrite), a directory of 2000 entries (~4 s in all), hidden/system/read-only
# attributes, a volume label and a fixed serial number. Content is deterministic.
set -euo pipefail
out=${1:?usage: make-fixture.sh OUT.img [fat32|fat16|fat12]}
type=${2:-fat32}
case $type in
  fat32) kib=40960; bits=32; spc=1 ;;
  fat16) kib=16384; bits=16; spc=4 ;;
  fat12) kib=4000;  bits=12; spc=2 ;;
  *) echo "unknown type $type" >&2; exit 2 ;;
esac
cs=$((512 * spc))
export MTOOLS_SKIP_CHECK=1 LC_ALL=C.UTF-8
rm -f "$out"
mkfs.fat -C -F "$bits" -s "$spc" -n JWIMTEST -i 1234ABCD "$out" "$kib" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# gen FILE SIZE SEED: SIZE bytes of deterministic text
gen() { ( set +o pipefail; seq "$3" 999999999 | head -c "$2" > "$1" ); }
mm() { mmd -i "$out" "$@"; }
cp_() { mcopy -i "$out" "$@"; }

# Deep tree
p=""
for i in $(seq 1 24); do p="$p/level$i"; mm "::$p"; done
gen "$work/leaf" 100 7; cp_ "$work/leaf" "::$p/leaf.txt"

# Long and Unicode names
mm "::/Long Names"
gen "$work/a" 300 11
cp_ "$work/a" "::/Long Names/A file name that is much longer than eight dot three.text"
cp_ "$work/a" "::/Long Names/Ünïcödé — 日本語.txt"
cp_ "$work/a" "::/Long Names/Ελληνικά και κυριλλικά Кириллица.dat"
cp_ "$work/a" "::/Long Names/mixed.Case.Many.Dots.tar.gz"
cp_ "$work/a" "::/Long Names/ leading space and trailing dot ok"
cp_ "$work/a" "::/Long Names/$(printf 'x%.0s' $(seq 1 200)).bin"

# Case variants (same letters, different case) in separate directories
for d in lower upper mixed lowbase lowext; do mm "::/case-$d"; done
gen "$work/c" 50 13
cp_ "$work/c" "::/case-lower/readme.txt"
cp_ "$work/c" "::/case-upper/README.TXT"
cp_ "$work/c" "::/case-mixed/ReadMe.Txt"
cp_ "$work/c" "::/case-lowbase/readme.TXT"
cp_ "$work/c" "::/case-lowext/README.txt"

# 8.3 collisions
mm ::/collide
for i in $(seq 1 12); do gen "$work/k$i" $((i * 10)) "$i"; cp_ "$work/k$i" "::/collide/LongFileName$i.txt"; done

# Sizes around the cluster size
mm ::/sizes
: > "$work/empty"; cp_ "$work/empty" ::/sizes/empty.bin
gen "$work/one" "$cs" 17; cp_ "$work/one" ::/sizes/one-cluster.bin
gen "$work/onep" $((cs + 1)) 19; cp_ "$work/onep" ::/sizes/one-cluster-plus-1.bin
gen "$work/big" 300000 23; cp_ "$work/big" ::/sizes/big.bin

# Fragmentation: one-cluster files, delete every other one, then grow a file into the holes
mm ::/frag
for i in $(seq 1 16); do gen "$work/h$i" "$cs" $((100 + i)); cp_ "$work/h$i" "::/frag/hole$i"; done
for i in $(seq 2 2 16); do mdel -i "$out" "::/frag/hole$i"; done
if [ "$type" = fat32 ]; then
  # mtools allocates from the FSInfo next-free hint: point it back at the holes (offset 0x1EC)
  printf '\x02\x00\x00\x00' | dd of="$out" bs=1 seek=$((512 + 0x1EC)) conv=notrunc 2>/dev/null
fi
gen "$work/grow" $((cs * 11 + 5)) 29; cp_ -o "$work/grow" ::/frag/hole1

# Attributes
mm ::/attrs
gen "$work/t" 10 31
for n in hidden system readonly all plain; do cp_ "$work/t" "::/attrs/$n.txt"; done
mattrib -i "$out" +h ::/attrs/hidden.txt
mattrib -i "$out" +s ::/attrs/system.txt
mattrib -i "$out" +r ::/attrs/readonly.txt
mattrib -i "$out" +r +h +s ::/attrs/all.txt
mattrib -i "$out" -a ::/attrs/plain.txt
mm ::/attrs/hiddendir
mattrib -i "$out" +h ::/attrs/hiddendir

# A directory with 2000 entries: lower-case 8.3 names (NT flags) and mixed-case names with
# an LFN but a unique 8.3 form (colliding long names make mtools quadratic: see ::/collide)
mkdir "$work/many"
for i in $(seq -w 1 1000); do echo "entry $i" > "$work/many/f$i.txt"; echo "other $i" > "$work/many/Nm$i.Txt"; done
mm ::/many
mcopy -i "$out" "$work"/many/* ::/many/
