/**
 * Readers of what functions log, such as metrics in CloudWatch's embedded metric format.
 */
@NullMarked
package dev.serverlessspring.test.logs;

import org.jspecify.annotations.NullMarked;
