# Shared by the side-by-side scripts (source it after cd to the repository root).

jar=$PWD/cli/target/jwim.jar
bench=$PWD/bench/target/benchmarks.jar
# The jwim command. JAVA picks the runtime and JAVA_OPTS adds JVM options, to compare runtimes
# in the same way, e.g. JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java JAVA_OPTS=-XX:AOTCache=F
# shellcheck disable=SC2206 # JAVA_OPTS is split into words on purpose
jwim=("${JAVA:-java}" ${JAVA_OPTS:-} -jar "$jar")

# needs TOOL...: the side-by-side comparisons need wimlib-imagex and GNU time, and built jars
needs() {
  command -v wimlib-imagex >/dev/null || { echo "wimlib-imagex is missing (apt-get install wimtools)" >&2; exit 1; }
  [ -x /usr/bin/time ] || { echo "GNU time is missing (apt-get install time)" >&2; exit 1; }
  for t in "$@"; do
    command -v "$t" >/dev/null || { echo "$t is missing" >&2; exit 1; }
  done
  [ -f "$jar" ] && [ -f "$bench" ] || mvn -q -DskipTests package
}

# median of the numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# ntfs_image IMG IMG_MIB DATA_MIB MNT: an NTFS image (mkntfs) of IMG_MIB MiB holding DATA_MIB
# MiB of generated files, written through an ntfs-3g mount at MNT (needs root)
ntfs_image() {
  truncate -s "$2M" "$1"
  mkntfs -q -F -Q "$1" >/dev/null 2>&1
  ntfs-3g "$1" "$4"
  java -cp "$bench" org.jwim.bench.SampleTrees "$4/data" "$3"
  umount "$4"
}
