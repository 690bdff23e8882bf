/**
 * Small HTTP servers bound to the loopback interface.
 */
@NullMarked
package dev.serverlessspring.test.server;

import org.jspecify.annotations.NullMarked;
