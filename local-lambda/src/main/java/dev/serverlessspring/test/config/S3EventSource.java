package dev.serverlessspring.test.config;

import java.util.List;

/**
 * An {@code s3} event of a function in {@code serverless.yml}: the bucket's event
 * notification that invokes the function with an S3 event.
 *
 * @param function the function's key in {@code functions}
 * @param bucket the bucket's name
 * @param events the event types, such as {@code s3:ObjectCreated:*} ({@code event},
 * default {@code s3:ObjectCreated:*})
 * @param prefix the keys' prefix ({@code rules: [{prefix: ...}]}), or empty
 * @param suffix the keys' suffix ({@code rules: [{suffix: ...}]}), or empty
 * @param existing whether the bucket is declared elsewhere ({@code existing: true}); else
 * the framework creates it, and so does the local S3
 */
public record S3EventSource(String function, String bucket, List<String> events, String prefix, String suffix,
		boolean existing) {

	public S3EventSource {
		events = List.copyOf(events);
	}

	/**
	 * Return whether an event notification is for this source, as S3 matches a
	 * notification configuration: an event type equal to one of {@link #events()} or
	 * under one ending in {@code *}, and a key with the prefix and the suffix.
	 * @param bucket the record's bucket
	 * @param eventName the record's {@code eventName}, such as {@code ObjectCreated:Put}
	 * @param key the object's key
	 * @return whether the function gets it
	 */
	public boolean matches(String bucket, String eventName, String key) {
		if (!this.bucket.equals(bucket) || !key.startsWith(this.prefix) || !key.endsWith(this.suffix)) {
			return false;
		}
		String type = "s3:" + eventName;
		return this.events.stream()
			.anyMatch((event) -> event.endsWith("*") ? type.startsWith(event.substring(0, event.length() - 1))
					: event.equals(type));
	}

}
