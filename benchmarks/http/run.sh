#!/usr/bin/env bash
# Warm HTTP round trip: serverless-spring vs a framework-free handler (JMH, one fork, ~2 min).
# Prints the median of each and its ratio to the framework-free handler.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B -ntp install -DskipTests -pl benchmarks/http -am
cd benchmarks/http
../../mvnw -q -B -ntp dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
java -cp "target/classes:$(cat target/classpath.txt)" dev.serverlessspring.benchmarks.http.HttpRoundTripBenchmark
