#!/usr/bin/env bash
# Per-invocation overhead (JMH): one warm invocation inside the handler, framework-free against
# serverless-spring (uppercase, and the example's POJO quote function), with Lambda's JVM flags,
# pinned to one CPU. The Runtime API round trip is left out (cold-start.sh measures it).
#
# Usage: benchmarks/warm-overhead.sh [java home (default: the java on PATH)]
# Environment: SKIP_BUILD=1 to reuse the last build, MAVEN_ARGS as usual.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${1:+$1/bin/}java"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
	./mvnw -q -B -ntp install -DskipTests -pl example-app,benchmarks/plain-handler,benchmarks/jmh -am
fi
mkdir -p benchmarks/target
taskset -c 0 "$JAVA" -cp "benchmarks/jmh/target/classes:benchmarks/jmh/target/lib/*" org.openjdk.jmh.Main \
	-jvm "$(command -v "$JAVA")" -rf text -rff benchmarks/target/warm-overhead.txt InvocationOverheadBenchmark
echo "Results written to benchmarks/target/warm-overhead.txt"
