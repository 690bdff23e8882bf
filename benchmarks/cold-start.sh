#!/usr/bin/env bash
# Cold start, side by side in one run: process start to first answer (and init, first and warm
# invocations, peak RSS, package size) of the same uppercase function as
#   1. a framework-free RequestStreamHandler (the baseline),
#   2. Spring Cloud Function's FunctionInvoker (shaded jar, aws classifier),
#   3. serverless-spring (the example app's zip),
# each started by the AWS runtime interface client on one CPU with Lambda's JVM flags.
#
# Usage: benchmarks/cold-start.sh [runs (default 5)] [warm invocations per run (default 200)]
# Environment: JDKS="17=/path/to/jdk 25=/path/to/jdk" (default: the JDK on PATH as "17"),
#              SKIP_BUILD=1 to reuse the last build, MAVEN_ARGS as usual.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-5}"
WARM="${2:-200}"
VERSION=0.1.0-SNAPSHOT

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
	./mvnw -q -B -ntp install -DskipTests -pl example-app,benchmarks/plain-handler,benchmarks/function-invoker,benchmarks/harness -am
fi

JAVA_HOME_DEFAULT="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
JDK_ARGS=()
for jdk in ${JDKS:-17=$JAVA_HOME_DEFAULT}; do JDK_ARGS+=(--jdk "$jdk"); done

PLAIN=benchmarks/plain-handler/target/benchmark-plain-handler-$VERSION.jar
INVOKER=benchmarks/function-invoker/target/benchmark-function-invoker-$VERSION-aws.jar
OURS=example-app/target/serverless-spring-example-$VERSION-aws.zip
OUT=benchmarks/target/cold-start.md
rm -rf benchmarks/target/cold-start

java -cp "benchmarks/harness/target/benchmark-harness-$VERSION.jar:benchmarks/harness/target/lib/*" dev.serverlessspring.benchmarks.ColdStartBenchmark \
	--ric "$PWD/benchmarks/harness/target/ric/*" --runs "$RUNS" --warm "$WARM" --work benchmarks/target/cold-start --out "$OUT" \
	"${JDK_ARGS[@]}" \
	--subject "framework-free|dev.serverlessspring.benchmarks.plain.UppercaseHandler::handleRequest|$PLAIN" \
	--subject "FunctionInvoker|org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest|$INVOKER" \
	--subject "serverless-spring|dev.serverlessspring.lambda.FunctionHandler::handleRequest|$OURS|SPRING_CLOUD_FUNCTION_DEFINITION=uppercase"
echo "Table written to $OUT"
