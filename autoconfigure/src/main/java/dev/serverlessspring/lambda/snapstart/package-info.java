/**
 * SnapStart support: priming of the application before the snapshot and hooks around
 * checkpoint and restore.
 */
@NullMarked
package dev.serverlessspring.lambda.snapstart;

import org.jspecify.annotations.NullMarked;
