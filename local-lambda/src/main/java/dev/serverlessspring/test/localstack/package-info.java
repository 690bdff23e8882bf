/**
 * Functions run on LocalStack's Lambda, where Docker is available.
 */
@NullMarked
package dev.serverlessspring.test.localstack;

import org.jspecify.annotations.NullMarked;
