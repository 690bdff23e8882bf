#!/usr/bin/env bash
# Response streaming through the local Lambda (docs/streaming.md): time to first byte through a
# local Function URL against the moment the function produced the byte, throughput of a 200 MB
# stream, and the runtime loop's heap over it. The functions run under serverless-spring's own
# Runtime API loop in a process of their own, as on a custom runtime.
#
# Usage: benchmarks/streaming.sh [runs (default 5)] [java home (default: the java on PATH)]
# Environment: SKIP_BUILD=1 to reuse the last build, MAVEN_ARGS as usual.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-5}"
JAVA_HOME_ARG="${2:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
	./mvnw -q -B -ntp install -DskipTests -pl benchmarks/streaming -am
fi
VERSION=$(./mvnw -q -B -ntp help:evaluate -Dexpression=project.version -DforceStdout -pl benchmarks/streaming)
mkdir -p benchmarks/target/streaming
java -cp "benchmarks/streaming/target/benchmark-streaming-$VERSION.jar:benchmarks/streaming/target/lib/*" \
	dev.serverlessspring.benchmarks.streaming.StreamingBenchmark benchmarks/target/streaming "$RUNS" "$JAVA_HOME_ARG" \
	| tee benchmarks/target/streaming.txt
