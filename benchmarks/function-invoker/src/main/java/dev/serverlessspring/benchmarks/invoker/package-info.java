/**
 * The subject of Spring Cloud Function's own `FunctionInvoker`, the baseline the
 * cold-start benchmark measures serverless-spring against.
 */
package dev.serverlessspring.benchmarks.invoker;
