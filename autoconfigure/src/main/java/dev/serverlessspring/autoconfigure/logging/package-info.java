/**
 * Auto-configuration of logging in Lambda's formats, text or JSON, with the invocation's
 * request id.
 */
@NullMarked
package dev.serverlessspring.autoconfigure.logging;

import org.jspecify.annotations.NullMarked;
