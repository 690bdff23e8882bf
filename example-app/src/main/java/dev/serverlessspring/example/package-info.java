/**
 * The example application: orders kept in DynamoDB behind HTTP events, order events from
 * queues and streams, a quote feed streamed as it is produced, and plain functions.
 */
package dev.serverlessspring.example;
