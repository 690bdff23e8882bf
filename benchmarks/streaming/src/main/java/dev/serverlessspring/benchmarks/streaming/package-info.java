/**
 * The response streaming benchmark: time to first byte of a streamed answer against a
 * buffered one.
 */
package dev.serverlessspring.benchmarks.streaming;
