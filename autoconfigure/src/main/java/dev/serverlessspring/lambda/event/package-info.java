/**
 * The contract between an event source and the dispatcher: adapters and the event they
 * produce.
 */
@NullMarked
package dev.serverlessspring.lambda.event;

import org.jspecify.annotations.NullMarked;
