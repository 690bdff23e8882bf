package dev.serverlessspring.test.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import dev.serverlessspring.test.config.CloudFormationResource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A local S3 without Docker: <a href="https://github.com/20minutes/s3rver">s3rver</a>
 * (MIT, the maintained fork {@code @20minutes/s3rver} of the original {@code s3rver},
 * whose last release cannot read the {@code aws-chunked} bodies of the AWS SDK for Java's
 * uploads) on Node.js, in a process of its own bound to {@code 127.0.0.1} on a free port
 * (see {@link ServerProcess}), its objects in a temporary folder deleted when it stops.
 * It takes any credentials, as the other local services do. Its endpoint is an IP
 * address, so the AWS SDKs and the AWS CLI address buckets path-style
 * ({@code http://127.0.0.1:<port>/bucket/key}) by themselves: the SDK's S3 endpoint rules
 * never put a bucket in an IP address's host name. Uploads must carry their checksums in
 * headers, not in an {@code aws-chunked} trailer, which s3rver cannot read: clients set
 * {@code AWS_REQUEST_CHECKSUM_CALCULATION=when_required} (the functions get it from
 * {@link LocalAwsServices#environment()}) or build with
 * {@code requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)}. It tells
 * of each object created or removed as S3 event notifications do
 * ({@link #onEvent(Consumer)}). <pre class="code">
 * try (LocalS3 s3 = LocalS3.start(Path.of("."), List.of(config.resources().get("ReceiptsBucket")), "eu-west-1")) {
 *     S3Client client = S3Client.builder().endpointOverride(s3.endpoint())...
 * }
 * </pre>
 */
public final class LocalS3 implements AutoCloseable {

	/** The package run, and the version installed when the project has none. */
	static final NodePackage S3RVER = new NodePackage("@20minutes/s3rver", "4.0.4");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	private static final String EVENT_LINE = "event ";

	// Any access key: s3rver knows one account, and checks signatures only when told to.
	// Its event records name us-east-1 and a malformed ARN; S3's name the bucket's region
	// and ARN.
	private static final String LAUNCHER = """
			const S3rver = require('@20minutes/s3rver');
			const AWSAccount = require('@20minutes/s3rver/lib/models/account');
			AWSAccount.registry.get = () => AWSAccount.DUMMY_ACCOUNT;
			const buckets = JSON.parse(process.env.S3_BUCKETS);
			const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: process.env.S3_DIRECTORY,
				allowMismatchedSignatures: true, configureBuckets: buckets.map((name) => ({ name })) });
			server.on('event', (event) => {
				event.Records.forEach((record) => {
					record.awsRegion = process.env.S3_REGION;
					record.s3.bucket.arn = 'arn:aws:s3:::' + record.s3.bucket.name;
				});
				console.log('event ' + JSON.stringify(event));
			});
			server.run().then((address) => console.log('listening ' + address.port),
				(error) => { console.error(error.message); process.exit(1); });
			process.stdin.on('end', () => process.exit(0));
			process.stdin.resume();
			""";

	private final ServerProcess server;

	private final URI endpoint;

	private final Path directory;

	private final List<Consumer<JsonNode>> listeners;

	private LocalS3(ServerProcess server, Path directory, List<Consumer<JsonNode>> listeners) {
		this.server = server;
		this.endpoint = URI.create("http://127.0.0.1:" + server.port());
		this.directory = directory;
		this.listeners = listeners;
	}

	/**
	 * Start a local S3 with buckets, installing s3rver first if needed (see
	 * {@link NodePackage}).
	 * @param projectDirectory where to look for a project's own
	 * {@code node_modules/@20minutes/s3rver}
	 * @param buckets the {@code AWS::S3::Bucket} resources, created empty
	 * @param region the buckets' region, named in event notifications
	 * @return the running S3
	 * @throws IllegalArgumentException if a resource is not a bucket
	 * @throws IllegalStateException if Node.js is missing, or the server does not start
	 * or refuses a bucket (its message says why)
	 */
	public static LocalS3 start(Path projectDirectory, Collection<CloudFormationResource> buckets, String region) {
		for (CloudFormationResource bucket : buckets) {
			if (!CloudFormationResource.S3_BUCKET.equals(bucket.type())) {
				throw new IllegalArgumentException(
						bucket.logicalId() + " is a " + bucket.type() + ", not an S3 bucket");
			}
		}
		Path nodeModules = S3RVER.nodeModules(projectDirectory);
		Path directory;
		try {
			directory = Files.createTempDirectory("s3rver-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ProcessBuilder node = new ProcessBuilder("node", "-e", LAUNCHER);
		node.environment().put("NODE_PATH", nodeModules.toString());
		node.environment().put("S3_DIRECTORY", directory.toString());
		node.environment().put("S3_REGION", region);
		node.environment()
			.put("S3_BUCKETS",
					AwsJsonClient.JSON.writeValueAsString(buckets.stream().map(CloudFormationResource::name).toList()));
		List<Consumer<JsonNode>> listeners = new CopyOnWriteArrayList<>();
		try {
			ServerProcess server = ServerProcess.start("S3 (s3rver)", node, Pattern.compile("^listening (\\d+)$"),
					START_TIMEOUT, (line) -> notify(line, listeners));
			return new LocalS3(server, directory, listeners);
		}
		catch (IllegalStateException ex) {
			CachedInstall.delete(directory);
			throw new IllegalStateException(ex.getMessage() + "\n(The local S3 creates the buckets of "
					+ buckets.stream()
						.map((bucket) -> "resources.Resources." + bucket.logicalId() + " (" + bucket.name() + ")")
						.toList()
					+ ".)", ex);
		}
	}

	// On the server's output thread: a listener's failure must not stop the reading.
	private static void notify(String line, List<Consumer<JsonNode>> listeners) {
		if (!line.startsWith(EVENT_LINE)) {
			return;
		}
		JsonNode event;
		try {
			event = AwsJsonClient.JSON.readTree(line.substring(EVENT_LINE.length()));
		}
		catch (JacksonException ex) {
			return;
		}
		for (Consumer<JsonNode> listener : listeners) {
			try {
				listener.accept(event);
			}
			catch (RuntimeException ex) {
				// The listener reports its own failures; the others still hear of the
				// event.
			}
		}
	}

	/**
	 * Return the endpoint, for {@code AWS_ENDPOINT_URL_S3} or
	 * {@code S3Client.builder().endpointOverride(...)}.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public URI endpoint() {
		return this.endpoint;
	}

	/**
	 * Listen to the event notifications of every bucket: an S3 event ({@code Records} of
	 * {@code ObjectCreated:Put}, {@code ObjectCreated:Copy}, {@code ObjectCreated:Post},
	 * {@code ObjectRemoved:Delete}) for each object created or removed, as S3 sends them
	 * to Lambda. The listener runs on the thread that reads the server's output, one
	 * event after the other: it hands slow work on.
	 * @param listener given each event
	 */
	public void onEvent(Consumer<JsonNode> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Stop the server and delete its objects.
	 */
	@Override
	public void close() {
		this.server.close();
		CachedInstall.delete(this.directory);
	}

}
