/**
 * The goal that installs the Serverless Framework plugin from npm.
 */
@NullMarked
package dev.serverlessspring.maven.serverless;

import org.jspecify.annotations.NullMarked;
