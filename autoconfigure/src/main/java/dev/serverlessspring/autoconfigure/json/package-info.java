/**
 * Auto-configuration of the JSON mapper that reads events and writes responses.
 */
@NullMarked
package dev.serverlessspring.autoconfigure.json;

import org.jspecify.annotations.NullMarked;
