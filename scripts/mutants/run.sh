#!/usr/bin/env bash
# Applies each mutant of issue 28 to a scratch copy of the committed tree (git archive HEAD into
# a temporary directory; the worktree and ~/.m2 are left alone) and runs the tests that must
# catch it, with -Djwim.requireOracles=true so that a missing tool fails instead of skipping.
# A mutant is KILLED when those tests fail, SURVIVED when they pass; the script exits non-zero
# if any survives or if a mutation no longer applies (the code it edits moved).
#   scripts/mutants/run.sh [NAME_REGEX]      e.g. scripts/mutants/run.sh 'times'
# Needs what the named tests need: wimlib-imagex, mkntfs/ntfs-3g (root, /dev/fuse), mtools,
# losetup; about 10 minutes on 2 cores.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
only=${1:-.}
scratch=$(mktemp -d /tmp/jwim-mutants.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
git -C "$root" archive HEAD | tar -x -C "$scratch"
echo "scratch copy of $(git -C "$root" rev-parse --short HEAD) in $scratch"

# name | file | exact text (one line) | replacement | module | tests that must fail (+-separated)
mutants=(
"whole-second capture times|capture/src/main/java/org/jwim/capture/source/NtfsSource.java|.times(f.creationTime(), f.lastAccessTime(), f.lastWriteTime())|.times(f.creationTime() / 10_000_000 * 10_000_000, f.lastAccessTime() / 10_000_000 * 10_000_000, f.lastWriteTime() / 10_000_000 * 10_000_000)|cli|NtfsFidelityTest"
"whole-second applied times|capture/src/main/java/org/jwim/capture/apply/NtfsVolumeTarget.java|return new NtfsMeta(inode.attributes(), inode.creationTime(), inode.lastWriteTime(), inode.lastWriteTime(),|return new NtfsMeta(inode.attributes(), inode.creationTime() / 10_000_000 * 10_000_000, inode.lastWriteTime() / 10_000_000 * 10_000_000, inode.lastWriteTime() / 10_000_000 * 10_000_000,|cli|NtfsVolumeTargetRoundTripTest#smallFixtureRoundTripsAtOtherGeometries"
"directory-reparse count revert (15316a1)|wim-core/src/main/java/org/jwim/wim/write/ImageStats.java|if (in.hasChildren()) {|if (in.isDirectory()) {|cli|CliTest#captureInfoDirApplyExtractVerify+WimlibOracleTest#jwimWimIsReadByWimlib"
"no short names (FAT capture)|capture/src/main/java/org/jwim/capture/source/FatSource.java|d.shortName(e.shortName());|d.shortName(\"\");|cli|VolumeCaptureCliTest"
"no short names (NTFS capture)|capture/src/main/java/org/jwim/capture/source/NtfsSource.java|new Dentry(e.name(), in).shortName(e.shortName());|new Dentry(e.name(), in);|cli|NtfsFidelityTest"
"mounted-directory wipe made a dry run|capture/src/main/java/org/jwim/capture/DiskApply.java|DirectoryWipe.wipe(pair.directory(), p, dryRun)|DirectoryWipe.wipe(pair.directory(), p, true)|cli|ApplyMountedNtfsTest"
)

status=0
for m in "${mutants[@]}"; do
  IFS='|' read -r name file old new module tests <<<"$m"
  [[ "$name" =~ $only ]] || continue
  echo
  echo "=== $name: $file"
  cp "$scratch/$file" "$scratch/$file.orig"
  if ! python3 - "$scratch/$file" "$old" "$new" <<'PY'
import sys
path, old, new = sys.argv[1:4]
s = open(path, encoding="utf-8").read()
if s.count(old) != 1:
    sys.exit("the text to mutate occurs %d times" % s.count(old))
open(path, "w", encoding="utf-8").write(s.replace(old, new))
PY
  then
    echo "MUTATION DOES NOT APPLY: $name"
    status=1
    continue
  fi
  log="$scratch/$(echo "$name" | tr -c 'a-zA-Z0-9\n' '-').log"
  (cd "$scratch" && nice -n 10 mvn -q -o -B -pl "$module" -am test -Djwim.requireOracles=true \
      -Dtest="${tests//+/,}" -Dsurefire.failIfNoSpecifiedTests=false) >"$log" 2>&1
  rc=$?
  failed=$(grep -E '^\[ERROR\]   [A-Za-z]+Test\.' "$log" | sed 's/^\[ERROR\]   //' | cut -c1-160 | head -3)
  if [ $rc -ne 0 ] && [ -n "$failed" ]; then
    echo "KILLED by:"
    echo "$failed" | sed 's/^/  /'
  elif [ $rc -ne 0 ]; then
    echo "BUILD FAILED (not a test failure):"
    tail -20 "$log"
    status=1
  else
    echo "SURVIVED: $tests pass with the mutant"
    status=1
  fi
  mv "$scratch/$file.orig" "$scratch/$file"
done
exit $status
