#!/usr/bin/env bash
# Builds a FAT test image with mkfs.fat + mtools (no mount, no root needed).
# usage: make-fixture.sh OUT.img [fat32|fat16|fat12]
# Exercises: deep tree, long and Unicode names, NT lower-case flags (names that differ from
# others only in case, in separate directories), 8.3 collisions (~1, ~2, ~10), empty files,
# files of exactly one cluster and one cluster + 1 byte, fragmented files (holes left by
# deletes, then a larger rewrite), a directory of 2000 entries , hidden/system/read-only
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
cp_() { mcopy -i "$out" "$@"; }

# Most of the tree is built on the host and copied in one mcopy -s call (mtools calls are
# the slow part of this script).
t="$work/tree"
mkdir -p "$t"

# Deep tree
p="$t"
for i in $(seq 1 24); do p="$p/level$i"; done
mkdir -p "$p"; gen "$p/leaf.txt" 100 7

# Long and Unicode names
mkdir "$t/Long Names"
for n in "A file name that is much longer than eight dot three.text" "Ünïcödé — 日本語.txt" \
         "Ελληνικά και κυριλλικά Кириллица.dat" "mixed.Case.Many.Dots.tar.gz" \
         " leading space and trailing dot ok" "$(printf 'x%.0s' $(seq 1 200)).bin"; do
  gen "$t/Long Names/$n" 300 11
done

# Case variants (same letters, different case) in separate directories
for d in lower upper mixed lowbase lowext; do mkdir "$t/case-$d"; done
gen "$t/case-lower/readme.txt" 50 13
gen "$t/case-upper/README.TXT" 50 13
gen "$t/case-mixed/ReadMe.Txt" 50 13
gen "$t/case-lowbase/readme.TXT" 50 13
gen "$t/case-lowext/README.txt" 50 13

# 8.3 collisions
mkdir "$t/collide"
for i in $(seq 1 12); do gen "$t/collide/LongFileName$i.txt" $((i * 10)) "$i"; done

# A directory with 2000 entries: lower-case 8.3 names (NT flags) and mixed-case names with
# an LFN but a unique 8.3 form (colliding long names make mtools quadratic: see ./collide)
mkdir "$t/many"
for i in $(seq -w 1 1000); do echo "entry $i" > "$t/many/f$i.txt"; echo "other $i" > "$t/many/Nm$i.Txt"; done

mcopy -s -i "$out" "$t"/* ::/

# Sizes around the cluster size
mmd -i "$out" ::/sizes
: > "$work/empty"; cp_ "$work/empty" ::/sizes/empty.bin
gen "$work/one" "$cs" 17; cp_ "$work/one" ::/sizes/one-cluster.bin
gen "$work/onep" $((cs + 1)) 19; cp_ "$work/onep" ::/sizes/one-cluster-plus-1.bin
gen "$work/big" 300000 23; cp_ "$work/big" ::/sizes/big.bin

# Fragmentation: one-cluster files, delete every other one, then grow a file into the holes
mmd -i "$out" ::/frag
for i in $(seq 1 16); do gen "$work/h$i" "$cs" $((100 + i)); cp_ "$work/h$i" "::/frag/hole$i"; done
for i in $(seq 2 2 16); do mdel -i "$out" "::/frag/hole$i"; done
if [ "$type" = fat32 ]; then
  # mtools allocates from the FSInfo next-free hint: point it back at the holes (offset 0x1EC)
  printf '\x02\x00\x00\x00' | dd of="$out" bs=1 seek=$((512 + 0x1EC)) conv=notrunc 2>/dev/null
fi
gen "$work/grow" $((cs * 11 + 5)) 29; cp_ -o "$work/grow" ::/frag/hole1

# Attributes
mmd -i "$out" ::/attrs ::/attrs/hiddendir
gen "$work/t" 10 31
for n in hidden system readonly all plain; do cp_ "$work/t" "::/attrs/$n.txt"; done
mattrib -i "$out" +h ::/attrs/hidden.txt
mattrib -i "$out" +s ::/attrs/system.txt
mattrib -i "$out" +r ::/attrs/readonly.txt
mattrib -i "$out" +r +h +s ::/attrs/all.txt
mattrib -i "$out" -a ::/attrs/plain.txt
mattrib -i "$out" +h ::/attrs/hiddendir
