/**
 * Start-up settings, and the filter that keeps auto-configurations a function does not
 * need out of its start-up.
 */
@NullMarked
package dev.serverlessspring.autoconfigure.startup;

import org.jspecify.annotations.NullMarked;
