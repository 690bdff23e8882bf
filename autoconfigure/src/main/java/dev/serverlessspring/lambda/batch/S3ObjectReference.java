package dev.serverlessspring.lambda.batch;

import org.jspecify.annotations.Nullable;

/**
 * The object an S3 event notification is about: what a function bound to an {@code s3:}
 * event takes ({@code Consumer<S3ObjectReference>}). A function may take a type of its
 * own with some of these property names instead.
 *
 * @param bucket the bucket name
 * @param key the object key, URL-decoded (S3 sends it form-encoded: {@code my+file.txt})
 * @param size the size in bytes, or {@code null} for events without one (deletions)
 * @param eTag the entity tag
 * @param versionId the version id in versioned buckets
 */
public record S3ObjectReference(@Nullable String bucket, @Nullable String key, @Nullable Long size,
		@Nullable String eTag, @Nullable String versionId) {
}
