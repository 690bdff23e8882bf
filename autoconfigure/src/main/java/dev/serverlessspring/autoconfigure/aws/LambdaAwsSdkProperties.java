package dev.serverlessspring.autoconfigure.aws;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Lambda defaults of AWS SDK v2 clients ({@code serverless.spring.aws.*}); see
 * {@link AwsSdkEnvironmentPostProcessor} and {@link LambdaAwsSdkAutoConfiguration}.
 */
@ConfigurationProperties(LambdaAwsSdkProperties.PREFIX)
public class LambdaAwsSdkProperties {

	/** The prefix of these properties. */
	public static final String PREFIX = "serverless.spring.aws";

	/**
	 * Whether the AWS SDK's clients get serverless-spring's Lambda defaults when the
	 * application runs on Lambda: the region from AWS_REGION, the HTTP client below, and
	 * credentials and region beans from the function's environment. A default the
	 * application sets itself (a system property, a bean, a builder's setting) always
	 * wins.
	 */
	private boolean lambdaDefaults = true;

	/**
	 * The HTTP client of clients that do not name one, for every client the application
	 * builds (through the SDK's software.amazon.awssdk.http.service.impl system property,
	 * so the SDK does not scan the class path for one and picks the light one even when
	 * Apache's is there too). AUTO: the URL connection client when it is on the class
	 * path, else the AWS CRT client, else the SDK's own choice.
	 */
	private HttpClient httpClient = HttpClient.AUTO;

	public boolean isLambdaDefaults() {
		return this.lambdaDefaults;
	}

	public void setLambdaDefaults(boolean lambdaDefaults) {
		this.lambdaDefaults = lambdaDefaults;
	}

	public HttpClient getHttpClient() {
		return this.httpClient;
	}

	public void setHttpClient(HttpClient httpClient) {
		this.httpClient = httpClient;
	}

	/** The synchronous HTTP clients of the AWS SDK v2. */
	public enum HttpClient {

		/**
		 * The first of the URL connection and CRT clients on the class path, else the
		 * SDK's choice.
		 */
		AUTO(null),

		/**
		 * The JDK's HttpURLConnection: the fewest classes to load, the fastest cold
		 * start.
		 */
		URL_CONNECTION("software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService"),

		/** The AWS Common Runtime client (native code). */
		CRT("software.amazon.awssdk.http.crt.AwsCrtSdkHttpService"),

		/** Apache HttpClient 4. */
		APACHE("software.amazon.awssdk.http.apache.ApacheSdkHttpService"),

		/** Apache HttpClient 5. */
		APACHE5("software.amazon.awssdk.http.apache5.Apache5SdkHttpService"),

		/** Leave the choice to the SDK: it scans the class path. */
		SDK(null);

		private final @Nullable String service;

		HttpClient(@Nullable String service) {
			this.service = service;
		}

		/**
		 * Return the SDK's service class of this client.
		 * @return the class name, {@code null} for {@link #AUTO} and {@link #SDK}
		 */
		public @Nullable String service() {
			return this.service;
		}

	}

}
