/**
 * The framework-free handler, the cold-start benchmark's floor.
 */
package dev.serverlessspring.benchmarks.plain;
