package dev.serverlessspring.autoconfigure.streaming;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of how streaming results ({@code Flux}, {@code Stream}) are written.
 */
@ConfigurationProperties(LambdaStreamingProperties.PREFIX)
public class LambdaStreamingProperties {

	/**
	 * The prefix of these properties.
	 */
	public static final String PREFIX = "serverless.spring.streaming";

	/**
	 * What follows each element of a stream that is written as JSON (elements that are
	 * neither String nor byte[]): a line feed gives newline-delimited JSON. Server-sent
	 * events (text/event-stream) are framed as events instead.
	 */
	private String jsonDelimiter = "\n";

	/**
	 * Whether responses to API Gateway REST API events stream. Turn it on for a function
	 * whose REST API routes transfer their responses in STREAM mode (serverless.yml:
	 * http.response.transferMode: STREAM), which the serverless-spring plugin does.
	 * Function URLs always stream; HTTP APIs and ALBs cannot, and get the whole response.
	 */
	private boolean restApi;

	public String getJsonDelimiter() {
		return this.jsonDelimiter;
	}

	public void setJsonDelimiter(String jsonDelimiter) {
		this.jsonDelimiter = jsonDelimiter;
	}

	public boolean isRestApi() {
		return this.restApi;
	}

	public void setRestApi(boolean restApi) {
		this.restApi = restApi;
	}

}
