/**
 * A function's deployment package and the process that runs it as Lambda's managed
 * runtime would.
 */
@NullMarked
package dev.serverlessspring.test.process;

import org.jspecify.annotations.NullMarked;
