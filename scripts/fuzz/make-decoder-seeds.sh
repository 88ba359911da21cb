#!/usr/bin/env bash
# Regenerates the seed corpora of the decoder fuzz targets (DecompressorFuzzTest#{xpress,lzx,
# lzms,lz4,zstd}) from real chunks: jwim's own compressors over varied data, and for LZMS the
# chunks wimlib wrote into lzms-seed.wim (scripts/make-lzms-seed-wim.sh). Deterministic: a
# rerun changes the seeds only when a compressor's output changes. Nothing is installed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
cp=$(mktemp)
trap 'rm -f "$cp"' EXIT
mvn -q -o -B -pl wim-core test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$cp"
java -cp "wim-core/target/test-classes:wim-core/target/classes:$(cat "$cp")" \
  org.jwim.wim.fuzz.DecoderSeedsTest wim-core/src/test/resources/org/jwim/wim/fuzz/DecompressorFuzzTestInputs
