/**
 * Auto-configuration of SnapStart: priming before the snapshot and hooks around
 * checkpoint and restore.
 */
@NullMarked
package dev.serverlessspring.autoconfigure.snapstart;

import org.jspecify.annotations.NullMarked;
