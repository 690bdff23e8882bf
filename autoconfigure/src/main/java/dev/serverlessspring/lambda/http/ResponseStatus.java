package dev.serverlessspring.lambda.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an exception type with the HTTP status it answers when a function serving an HTTP
 * event throws it. The response is an RFC 9457 problem whose {@code detail} is the
 * exception's message, so the message must be fit for the caller's eyes.
 * <p>
 * Exceptions can also be mapped without touching them, with
 * {@code serverless.spring.http.exception-status.[fully.qualified.Name]=404}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface ResponseStatus {

	/**
	 * The HTTP status code, such as 404.
	 * @return the status code
	 */
	int value();

}
