/**
 * The goal that packages the application for Lambda.
 */
@NullMarked
package dev.serverlessspring.maven.packaging;

import org.jspecify.annotations.NullMarked;
