package dev.serverlessspring.test.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.aws.LocalAwsServices;
import dev.serverlessspring.test.aws.LocalSqs;
import dev.serverlessspring.test.config.CloudFormationResource;
import dev.serverlessspring.test.config.FunctionUrl;
import dev.serverlessspring.test.config.ServerlessConfigException;
import dev.serverlessspring.test.local.LocalLambda;
import dev.serverlessspring.test.reload.ClassesReloader;

/**
 * The local Lambda from the command line, as the Serverless plugin runs it: <pre>
 * java -cp &lt;test class path&gt; dev.serverlessspring.test.cli.LocalLambdaCli invoke --config serverless.yml --function NAME [--data JSON | --path FILE]
 * java -cp &lt;test class path&gt; dev.serverlessspring.test.cli.LocalLambdaCli start --config serverless.yml [--port N]
 * </pre> {@code invoke} writes the response payload to standard output and exits 0; on a
 * function error it writes Lambda's error document and exits 1; usage and configuration
 * errors exit 2 with a message on standard error. The function's own output goes to
 * standard error, so standard output holds the payload only. {@code start} prints the
 * URLs and serves until it is stopped. Both take {@code --stage S} and
 * {@code --mode in-process|out-of-process} (default: out of process when every function
 * has a {@code package.artifact}) and {@code --main-class NAME} (the application class of
 * in-process functions). {@code start
 * --watch DIR} is the dev loop: the functions run in process from the classes in
 * {@code DIR}, which the class path must not contain, and reload when they change (see
 * {@link ClassesReloader}); {@code --aws-services off} runs without the local AWS
 * services of the file's {@code resources}.
 */
public final class LocalLambdaCli {

	static final int OK = 0;

	static final int FUNCTION_ERROR = 1;

	static final int USAGE_ERROR = 2;

	private static final String USAGE = """
			Usage:
			  LocalLambdaCli invoke --config serverless.yml --function NAME [--data JSON | --path FILE] [--stage S] [--mode in-process|out-of-process] [--main-class NAME] [--aws-services on|off]
			  LocalLambdaCli start --config serverless.yml [--port N] [--invoke-port N] [--stage S] [--mode in-process|out-of-process] [--main-class NAME] [--watch CLASSES_DIR] [--aws-services on|off]""";

	private final PrintStream out;

	private final PrintStream err;

	LocalLambdaCli(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	public static void main(String[] args) {
		PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
		// Whatever the function prints must not mix with the payload on standard output.
		System.setOut(System.err);
		int status = new LocalLambdaCli(stdout, System.err).run(args);
		if (status != OK || !args[0].equals("start")) {
			stdout.flush();
			System.exit(status);
		}
	}

	/**
	 * Run a command.
	 * @param args the arguments
	 * @return the exit status; {@code start} returns only when interrupted
	 */
	int run(String[] args) {
		try {
			if (args.length == 0) {
				throw new UsageException("No command");
			}
			Map<String, String> options = options(List.of(args).subList(1, args.length));
			return switch (args[0]) {
				case "invoke" -> invoke(options);
				case "start" -> start(options);
				default -> throw new UsageException("Unknown command '" + args[0] + "'");
			};
		}
		catch (UsageException ex) {
			this.err.println(ex.getMessage());
			this.err.println(USAGE);
			return USAGE_ERROR;
		}
		catch (ServerlessConfigException | IllegalArgumentException | IllegalStateException | IOException ex) {
			this.err.println("Error: " + ex.getMessage());
			return USAGE_ERROR;
		}
	}

	private int invoke(Map<String, String> options) throws IOException {
		String function = required(options, "function");
		if (options.containsKey("data") && options.containsKey("path")) {
			throw new UsageException("Give either --data or --path, not both");
		}
		byte[] event = options.containsKey("path") ? LocalLambda.readFixture(options.get("path"))
				: options.getOrDefault("data", "{}").getBytes(StandardCharsets.UTF_8);
		try (LocalLambda lambda = builder(options).start()) {
			InvocationResult result = lambda.invoke(function, event);
			this.out.print(result.payloadAsString());
			this.out.flush();
			return result.isFunctionError() ? FUNCTION_ERROR : OK;
		}
	}

	private int start(Map<String, String> options) throws IOException {
		int port = port(options, "port", 0);
		int invokePort = port(options, "invoke-port", (port != 0) ? port + 1 : 0);
		LocalLambda.Builder builder = builder(options).httpPort(port).invokePort(invokePort);
		Path watched = options.containsKey("watch") ? Path.of(options.get("watch")) : null;
		if (watched != null) {
			if ("out-of-process".equals(options.get("mode"))) {
				throw new UsageException("--watch runs the functions in process");
			}
			builder.mode(LocalLambda.Mode.IN_PROCESS);
		}
		LocalLambda lambda = builder.start();
		ClassesReloader reloader = (watched != null) ? new ClassesReloader(lambda, watched,
				LocalLambdaCli.class.getClassLoader(), options.get("main-class"), this.out) : null;
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			if (reloader != null) {
				reloader.close();
			}
			lambda.close();
			stopped.countDown();
		}, "local-lambda-shutdown"));
		printBanner(lambda, this.out);
		if (reloader != null) {
			reloader.start();
		}
		try {
			stopped.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return OK;
	}

	/**
	 * Print where a local Lambda serves, its routes and a sample {@code curl}.
	 * @param lambda the running local Lambda
	 * @param out where to print
	 */
	public static void printBanner(LocalLambda lambda, PrintStream out) {
		out.println("Local Lambda (" + lambda.mode().name().toLowerCase(Locale.ROOT).replace('_', '-') + ") for "
				+ lambda.config().file());
		out.println("  Invoke API: " + lambda.invokeEndpoint() + "/2015-03-31/functions/{name}/invocations");
		out.println("  Functions:  " + String.join(", ", lambda.config().functions().keySet()));
		out.println("  HTTP:       " + lambda.httpUrl());
		lambda.routes().forEach((route, function) -> out.println("    " + route + " -> " + function));
		lambda.functionUrls()
			.forEach((function, url) -> out.println("  Function URL: " + url + " -> " + function
					+ (streamsItsUrl(lambda, function) ? " (RESPONSE_STREAM)" : "")));
		lambda.aws()
			.endpoints()
			.forEach((service, endpoint) -> out.println("  AWS " + service + ": " + endpoint + " ("
					+ LocalAwsServices.endpointVariable(service) + " of the functions)"));
		lambda.eventSourceMappings()
			.forEach((mapping) -> out.println("    SQS " + mapping.source().queueName() + " -> "
					+ mapping.source().function() + " (batch " + mapping.source().batchSize()
					+ (mapping.source().reportBatchItemFailures() ? ", ReportBatchItemFailures)" : ")")));
		if (lambda.s3EventNotifications() != null) {
			lambda.s3EventNotifications()
				.sources()
				.forEach((source) -> out.println("    S3 " + source.bucket() + "/" + source.prefix() + "*"
						+ source.suffix() + " " + String.join(",", source.events()) + " -> " + source.function()));
		}
		String sample = lambda.config().functions().keySet().iterator().next();
		out.println("Try:");
		out.println("  curl -s -X POST " + lambda.invokeEndpoint() + "/2015-03-31/functions/" + sample
				+ "/invocations -d '\"hello\"'");
		lambda.routes()
			.keySet()
			.stream()
			.filter((route) -> !route.contains("{") && !route.startsWith("$"))
			.findFirst()
			.ifPresent((route) -> {
				String[] parts = route.split(" ");
				out.println("  curl -s -X " + (parts[0].equals("ANY") ? "GET" : parts[0]) + " " + lambda.httpUrl()
						+ parts[1] + " -H 'Content-Type: application/json' -d '\"hello\"'");
			});
		lambda.functionUrls()
			.entrySet()
			.stream()
			.filter((url) -> streamsItsUrl(lambda, url.getKey()))
			.findFirst()
			.ifPresent((url) -> out.println("  curl -N " + url.getValue()));
		URI dynamoDb = lambda.aws().endpoints().get("dynamodb");
		if (dynamoDb != null) {
			lambda.config()
				.resources()
				.values()
				.stream()
				.filter((resource) -> CloudFormationResource.DYNAMODB_TABLE.equals(resource.type()))
				.forEach((table) -> out.println("  aws dynamodb scan --table-name " + table.name() + " --endpoint-url "
						+ dynamoDb + "   (any credentials and region)"));
		}
		URI s3 = lambda.aws().endpoints().get("s3");
		if (s3 != null) {
			out.println("  aws s3 ls --endpoint-url " + s3 + "   (any credentials and region)");
		}
		// Event source mappings are only made for the queues of the local SQS.
		LocalSqs sqs = lambda.aws().sqs();
		if (sqs != null) {
			lambda.eventSourceMappings()
				.stream()
				.findFirst()
				.ifPresent((mapping) -> out
					.println("  aws sqs send-message --queue-url " + sqs.queueUrl(mapping.source().queueName())
							+ " --message-body '{}' --endpoint-url " + sqs.endpoint()));
		}
		out.flush();
	}

	private static LocalLambda.Builder builder(Map<String, String> options) {
		LocalLambda.Builder builder = LocalLambda.builder().config(Path.of(required(options, "config")));
		if (options.containsKey("stage")) {
			builder.stage(options.get("stage"));
		}
		if (options.containsKey("main-class")) {
			builder.mainClass(options.get("main-class"));
		}
		if (options.containsKey("mode")) {
			builder.mode(switch (options.get("mode")) {
				case "in-process" -> LocalLambda.Mode.IN_PROCESS;
				case "out-of-process" -> LocalLambda.Mode.OUT_OF_PROCESS;
				default -> throw new UsageException(
						"--mode is in-process or out-of-process, not '" + options.get("mode") + "'");
			});
		}
		if (options.containsKey("aws-services")) {
			builder.awsServices(switch (options.get("aws-services")) {
				case "on" -> true;
				case "off" -> false;
				default ->
					throw new UsageException("--aws-services is on or off, not '" + options.get("aws-services") + "'");
			});
		}
		return builder;
	}

	private static Map<String, String> options(List<String> args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.size(); i += 2) {
			String name = args.get(i);
			if (!name.startsWith("--") || i + 1 >= args.size()) {
				throw new UsageException("Expected --option value, got '" + name + "'");
			}
			options.put(name.substring(2), args.get(i + 1));
		}
		return options;
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null || value.isBlank()) {
			throw new UsageException("Missing --" + name);
		}
		return value;
	}

	private static int port(Map<String, String> options, String name, int defaultValue) {
		String value = options.get(name);
		if (value == null) {
			return defaultValue;
		}
		try {
			int port = Integer.parseInt(value);
			if (port < 0 || port > 65535) {
				throw new NumberFormatException();
			}
			return port;
		}
		catch (NumberFormatException ex) {
			throw new UsageException("--" + name + " must be a port number, not '" + value + "'");
		}
	}

	private static boolean streamsItsUrl(LocalLambda lambda, String function) {
		FunctionUrl url = lambda.config().function(function).url();
		return url != null && url.isStreaming();
	}

	/** A command line the CLI cannot use. */
	private static final class UsageException extends RuntimeException {

		UsageException(String message) {
			super(message);
		}

	}

}
