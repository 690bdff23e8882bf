/**
 * The command line of the local Lambda.
 */
@NullMarked
package dev.serverlessspring.test.cli;

import org.jspecify.annotations.NullMarked;
