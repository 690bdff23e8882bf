package dev.serverlessspring.test.aws;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.serverlessspring.test.config.CloudFormationResource;
import dev.serverlessspring.test.config.S3EventSource;
import dev.serverlessspring.test.config.ServerlessConfig;
import org.jspecify.annotations.Nullable;

/**
 * The AWS services that a {@code serverless.yml}'s {@code resources} declare, run locally
 * without Docker, with the resources created as CloudFormation would create them (local
 * names: see {@link CloudFormationResource}): DynamoDB tables on a {@link LocalDynamoDb},
 * SQS queues on a {@link LocalSqs}, S3 buckets on a {@link LocalS3} (with the buckets
 * that functions' {@code s3} events name and the framework creates). The functions reach
 * them through the standard {@code AWS_ENDPOINT_URL_<SERVICE>} variables of
 * {@link #environment()}, which every AWS SDK and the AWS CLI honour. <pre class="code">
 * try (LocalAwsServices aws = LocalAwsServices.start(ServerlessConfig.read(Path.of("serverless.yml")))) {
 *     URI dynamoDb = aws.endpoints().get("dynamodb");
 * }
 * </pre>
 */
public final class LocalAwsServices implements AutoCloseable {

	/**
	 * The credentials local functions get, as Lambda gives each function its role's: the
	 * local services take any.
	 */
	public static final Map<String, String> CREDENTIALS = Map.of("AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY",
			"local", "AWS_SESSION_TOKEN", "local");

	private final Map<String, URI> endpoints;

	private final List<AutoCloseable> servers;

	private @Nullable LocalSqs sqs;

	private @Nullable LocalS3 s3;

	private LocalAwsServices(Map<String, URI> endpoints, List<AutoCloseable> servers) {
		this.endpoints = Collections.unmodifiableMap(endpoints);
		this.servers = servers;
	}

	/**
	 * Return services that serve nothing: for a local Lambda that starts none.
	 * @return empty services
	 */
	public static LocalAwsServices none() {
		return new LocalAwsServices(Map.of(), List.of());
	}

	/**
	 * Start the services that the configuration's resources need, and create the
	 * resources.
	 * @param config the configuration
	 * @return the running services; none when the configuration declares no resource they
	 * serve
	 * @throws IllegalStateException if a service cannot start or refuses a resource
	 */
	public static LocalAwsServices start(ServerlessConfig config) {
		try {
			return startServices(config);
		}
		catch (IllegalStateException ex) {
			throw new IllegalStateException(ex.getMessage() + "\n(The local AWS services run for the resources of "
					+ config.file() + "; without them: LocalLambda.builder().awsServices(false), "
					+ "@LocalLambdaTest(awsServices = false) or LocalLambdaCli --aws-services off.)", ex);
		}
	}

	private static LocalAwsServices startServices(ServerlessConfig config) {
		List<CloudFormationResource> tables = resources(config, CloudFormationResource.DYNAMODB_TABLE);
		List<CloudFormationResource> queues = resources(config, CloudFormationResource.SQS_QUEUE);
		List<CloudFormationResource> buckets = new ArrayList<>(resources(config, CloudFormationResource.S3_BUCKET));
		eventBuckets(config, buckets);
		Map<String, URI> endpoints = new LinkedHashMap<>();
		List<AutoCloseable> servers = new ArrayList<>();
		LocalAwsServices services = new LocalAwsServices(endpoints, servers);
		Path directory = config.directory();
		// Side by side: each server takes a second or two to start.
		CompletableFuture<LocalSqs> sqs = queues.isEmpty() ? CompletableFuture.completedFuture(null) : CompletableFuture
			.supplyAsync(() -> LocalSqs.start(directory, queues, config.resources(), config.region()));
		try {
			if (!tables.isEmpty()) {
				LocalDynamoDb dynamoDb = LocalDynamoDb.start(directory);
				servers.add(dynamoDb);
				endpoints.put("dynamodb", dynamoDb.endpoint());
				tables.forEach(dynamoDb::createTable);
			}
			if (!buckets.isEmpty()) {
				services.s3 = LocalS3.start(directory, buckets, config.region());
				servers.add(services.s3);
				endpoints.put("s3", services.s3.endpoint());
			}
		}
		catch (RuntimeException ex) {
			sqs.thenAccept((started) -> started.close());
			services.close();
			throw ex;
		}
		try {
			services.sqs = sqs.join();
		}
		catch (CompletionException ex) {
			services.close();
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
		if (services.sqs != null) {
			servers.add(services.sqs);
			endpoints.put("sqs", services.sqs.endpoint());
		}
		return services;
	}

	// The buckets of s3 events not declared elsewhere, which the framework creates.
	private static void eventBuckets(ServerlessConfig config, List<CloudFormationResource> buckets) {
		for (S3EventSource source : config.s3EventSources()) {
			if (!source.existing() && buckets.stream().noneMatch((bucket) -> bucket.name().equals(source.bucket()))) {
				buckets.add(new CloudFormationResource("S3Bucket" + source.bucket().replaceAll("[^A-Za-z0-9]", ""),
						CloudFormationResource.S3_BUCKET, Map.of("BucketName", source.bucket()), source.bucket(),
						config.region()));
			}
		}
	}

	private static List<CloudFormationResource> resources(ServerlessConfig config, String type) {
		return config.resources().values().stream().filter((resource) -> type.equals(resource.type())).toList();
	}

	/**
	 * Return the local SQS, when the configuration declares queues.
	 * @return the SQS
	 */
	public @Nullable LocalSqs sqs() {
		return this.sqs;
	}

	/**
	 * Return the local S3, when the configuration declares buckets.
	 * @return the S3, or {@code null}
	 */
	public @Nullable LocalS3 s3() {
		return this.s3;
	}

	/**
	 * Return whether any service runs.
	 * @return {@code false} when the configuration declares no resource served locally
	 */
	public boolean isEmpty() {
		return this.endpoints.isEmpty();
	}

	/**
	 * Return the endpoints by the SDK's service id, lower case ({@code dynamodb},
	 * {@code sqs}, {@code s3}).
	 * @return the endpoints
	 */
	public Map<String, URI> endpoints() {
		return this.endpoints;
	}

	/**
	 * Return the variables that point a function's AWS SDK clients at these services:
	 * {@code AWS_ENDPOINT_URL_<SERVICE>} for each, and local credentials; with S3,
	 * {@code AWS_REQUEST_CHECKSUM_CALCULATION=when_required} (see {@link LocalS3}); none
	 * when no service runs.
	 * @return the variables
	 */
	public Map<String, String> environment() {
		if (this.endpoints.isEmpty()) {
			return Map.of();
		}
		Map<String, String> environment = new LinkedHashMap<>(CREDENTIALS);
		this.endpoints.forEach((service, endpoint) -> environment.put(endpointVariable(service), endpoint.toString()));
		if (this.s3 != null) {
			// The SDKs' and the CLI's standard setting: checksums only where an operation
			// requires one, so uploads carry none in a trailer, which the local S3 cannot
			// read.
			environment.put("AWS_REQUEST_CHECKSUM_CALCULATION", "when_required");
		}
		return environment;
	}

	/**
	 * Return the standard variable that sets one service's endpoint for the AWS SDKs and
	 * CLI.
	 * @param service the service id, such as {@code dynamodb}
	 * @return the variable, such as {@code AWS_ENDPOINT_URL_DYNAMODB}
	 */
	public static String endpointVariable(String service) {
		return "AWS_ENDPOINT_URL_" + service.toUpperCase(java.util.Locale.ROOT).replace(' ', '_').replace('-', '_');
	}

	/**
	 * Stop every service; their data is gone with them.
	 */
	@Override
	public void close() {
		for (AutoCloseable server : this.servers) {
			try {
				server.close();
			}
			catch (Exception ex) {
				// Each server is stopped whatever the others do.
			}
		}
	}

}
