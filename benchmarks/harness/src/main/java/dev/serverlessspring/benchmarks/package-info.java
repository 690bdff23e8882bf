/**
 * The cold-start benchmark: starts each subject as Lambda would, measures it and writes
 * the report.
 */
package dev.serverlessspring.benchmarks;
