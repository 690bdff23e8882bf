#!/usr/bin/env bash
# Cold start, side by side in one run: process start to first answer (and its CPU time, init,
# first and warm invocations, peak RSS, package size) of the same uppercase function as
#   1. a framework-free RequestStreamHandler (the baseline),
#   2. Spring Cloud Function's FunctionInvoker (shaded jar, aws classifier),
#   3. Quarkus's amazon-lambda extension (a RequestHandler bean behind QuarkusStreamHandler,
#      Quarkus's own function.zip in JVM mode; the standalone module benchmarks/quarkus),
#   4. a Micronaut 4 serverless function (MicronautRequestHandler, shaded jar; the standalone
#      module benchmarks/micronaut),
#   5. serverless-spring on the managed runtime (the example app's zip, which carries Spring
#      AOT's generated code and so starts from it),
#   6. the same without AOT (SPRING_AOT_ENABLED=false: configuration-class processing),
#   7. the same, initialized for SnapStart (AWS_LAMBDA_INITIALIZATION_TYPE=snap-start): the
#      RIC runs the checkpoint hooks, which prime the function; "first invocation" is then the
#      first invocation after priming (no snapshot is taken: init includes the priming),
#   8. serverless-spring's custom runtime (provided.al2023 zip: bootstrap + own event loop),
#   8b. serverless-spring's java-runtime package (provided.al2023 zip with its own jlinked Java 25
#      runtime and a JDK AOT cache trained at build time; built where Temurin 25 is installed),
#   DynamoDB subjects, against a local DynamoDB (dynalite) holding the example's OrdersTable: the
#   example's orderSku function (one GetItem by key through the AWS SDK v2, URL connection
#   client) as
#   a. serverless-spring, with its Lambda defaults for the SDK (the default),
#   b. serverless-spring without them (SERVERLESS_SPRING_AWS_LAMBDA_DEFAULTS=false),
#   c. Spring Cloud Function's FunctionInvoker with the same client, built the same way,
#   d. serverless-spring initialized for SnapStart: priming prepares the GetItem without
#      sending it, "first invocation" is the first after priming,
#   9-10. the framework-free handler and 7 again, with in-handler timing (timed: handler): the
#      harness times the handler's own handleRequest from inside the process (InHandlerTimer),
#      without the runtime interface client and the Runtime API around it; only their
#      in-handler columns are meant to be read,
# 1-7 started by the AWS runtime interface client, all on one CPU with Lambda's JVM flags,
# on every JDK given.
#
# Usage: benchmarks/cold-start.sh [runs (default 5)] [warm invocations per run (default 200)]
# Environment: JDKS="17=/path/to/jdk 25=/path/to/jdk" (default: the JDK on PATH as "17", plus
#              Temurin 25 if installed at /usr/lib/jvm/temurin-25-jdk-amd64),
#              SKIP_BUILD=1 to reuse the last build, MAVEN_ARGS as usual.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-5}"
WARM="${2:-200}"
VERSION=0.1.0-SNAPSHOT

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
	./mvnw -q -B -ntp install -DskipTests -pl local-lambda,example-app,benchmarks/plain-handler,benchmarks/function-invoker,benchmarks/harness -am
	# Standalone (not in the reactor): Quarkus's and Micronaut's versions stay their own.
	./mvnw -q -B -ntp -f benchmarks/quarkus/pom.xml package -DskipTests
	./mvnw -q -B -ntp -f benchmarks/micronaut/pom.xml package -DskipTests
fi

JAVA_HOME_DEFAULT="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
DEFAULT_JDKS="17=$JAVA_HOME_DEFAULT"
if [[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then DEFAULT_JDKS="$DEFAULT_JDKS 25=/usr/lib/jvm/temurin-25-jdk-amd64"; fi
JDK_ARGS=()
for jdk in ${JDKS:-$DEFAULT_JDKS}; do JDK_ARGS+=(--jdk "$jdk"); done

PLAIN=benchmarks/plain-handler/target/benchmark-plain-handler-$VERSION.jar
INVOKER=benchmarks/function-invoker/target/benchmark-function-invoker-$VERSION-aws.jar
QUARKUS=benchmarks/quarkus/target/function.zip
MICRONAUT=benchmarks/micronaut/target/benchmark-micronaut-$VERSION.jar
OURS=example-app/target/serverless-spring-example-$VERSION-aws.zip
CUSTOM=example-app/target/serverless-spring-example-$VERSION-custom-runtime.zip
JAVA_RUNTIME=example-app/target/serverless-spring-example-$VERSION-java-runtime.zip
HANDLER=dev.serverlessspring.lambda.FunctionHandler::handleRequest
UPPERCASE=SPRING_CLOUD_FUNCTION_DEFINITION=uppercase
ORDER_SKU=SPRING_CLOUD_FUNCTION_DEFINITION=orderSku
OUT=benchmarks/target/cold-start.md
# Its own Java runtime: the same on every JDK row (read it in the JDK 25 rows).
JAVA_RUNTIME_SUBJECT=()
if [[ -f "$JAVA_RUNTIME" ]]; then JAVA_RUNTIME_SUBJECT=(--subject "serverless-spring, java-runtime package|bootstrap|$JAVA_RUNTIME|$UPPERCASE"); fi
rm -rf benchmarks/target/cold-start
mkdir -p benchmarks/target

java -cp "benchmarks/harness/target/benchmark-harness-$VERSION.jar:benchmarks/harness/target/lib/*" dev.serverlessspring.benchmarks.ColdStartBenchmark \
	--ric "$PWD/benchmarks/harness/target/ric/*" --runs "$RUNS" --warm "$WARM" --work benchmarks/target/cold-start --out "$OUT" \
	--dynamodb serverless.yml \
	"${JDK_ARGS[@]}" \
	--subject "framework-free|dev.serverlessspring.benchmarks.plain.UppercaseHandler::handleRequest|$PLAIN" \
	--subject "FunctionInvoker|org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest|$INVOKER|$UPPERCASE" \
	--subject "Quarkus|io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest|$QUARKUS" \
	--subject "Micronaut|dev.serverlessspring.benchmarks.micronaut.UppercaseHandler|$MICRONAUT" \
	--subject "serverless-spring|$HANDLER|$OURS|$UPPERCASE" \
	--subject "serverless-spring, without AOT|$HANDLER|$OURS|$UPPERCASE,SPRING_AOT_ENABLED=false" \
	--subject "serverless-spring, SnapStart-primed|$HANDLER|$OURS|$UPPERCASE,AWS_LAMBDA_INITIALIZATION_TYPE=snap-start" \
	--subject "serverless-spring, custom runtime|bootstrap|$CUSTOM|$UPPERCASE" \
	"${JAVA_RUNTIME_SUBJECT[@]}" \
	--subject "DynamoDB: serverless-spring|$HANDLER|$OURS|$ORDER_SKU" \
	--subject "DynamoDB: serverless-spring, without SDK defaults|$HANDLER|$OURS|$ORDER_SKU,SERVERLESS_SPRING_AWS_LAMBDA_DEFAULTS=false" \
	--subject "DynamoDB: FunctionInvoker|org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest|$INVOKER|$ORDER_SKU" \
	--subject "DynamoDB: serverless-spring, SnapStart-primed|$HANDLER|$OURS|$ORDER_SKU,AWS_LAMBDA_INITIALIZATION_TYPE=snap-start" \
	--subject "framework-free, in-handler timing|timed:dev.serverlessspring.benchmarks.plain.UppercaseHandler::handleRequest|$PLAIN" \
	--subject "serverless-spring, SnapStart-primed, in-handler timing|timed:$HANDLER|$OURS|$UPPERCASE,AWS_LAMBDA_INITIALIZATION_TYPE=snap-start"
echo "Table written to $OUT"
