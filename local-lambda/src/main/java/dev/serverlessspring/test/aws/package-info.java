/**
 * Local stand-ins of AWS services (DynamoDB, SQS) started as processes for functions
 * under test.
 */
@NullMarked
package dev.serverlessspring.test.aws;

import org.jspecify.annotations.NullMarked;
