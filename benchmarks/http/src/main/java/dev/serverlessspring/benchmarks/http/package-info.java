/**
 * The HTTP round-trip benchmark: an application and a framework-free handler behind the
 * local Lambda's HTTP front.
 */
package dev.serverlessspring.benchmarks.http;
