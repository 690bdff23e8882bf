/**
 * JMH benchmarks of the per-invocation overhead.
 */
package dev.serverlessspring.benchmarks.jmh;
