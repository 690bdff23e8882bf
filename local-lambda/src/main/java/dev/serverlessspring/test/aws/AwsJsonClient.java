package dev.serverlessspring.test.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The AWS JSON protocol, as the local services speak it: a {@code POST} of a JSON
 * document naming its operation in {@code X-Amz-Target}. The local services want a
 * signature's presence, not its validity.
 */
final class AwsJsonClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final URI endpoint;

	private final String targetPrefix;

	private final HttpClient httpClient = HttpClient.newHttpClient();

	/**
	 * Create a client.
	 * @param endpoint the service's endpoint
	 * @param targetPrefix the prefix of the operations' names, such as {@code AmazonSQS.}
	 */
	AwsJsonClient(URI endpoint, String targetPrefix) {
		this.endpoint = endpoint;
		this.targetPrefix = targetPrefix;
	}

	/**
	 * Call an operation.
	 * @param operation the operation, such as {@code ReceiveMessage}
	 * @param body the request, written as JSON
	 * @return the response
	 * @throws IllegalStateException if the service answers with an error, whose document
	 * it carries
	 */
	JsonNode call(String operation, Object body) {
		HttpRequest request = HttpRequest.newBuilder(this.endpoint)
			.header("Content-Type", "application/x-amz-json-1.0")
			.header("X-Amz-Target", this.targetPrefix + operation)
			.header("X-Amz-Date", "20260101T000000Z")
			.header("Authorization",
					"AWS4-HMAC-SHA256 Credential=local/20260101/local/local/aws4_request, "
							+ "SignedHeaders=host, Signature=0")
			.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
			.build();
		try {
			HttpResponse<String> response = this.httpClient.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(
						"Failed to call " + operation + " (" + response.statusCode() + "): " + response.body());
			}
			return JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to call " + operation, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while calling " + operation, ex);
		}
	}

}
