package dev.serverlessspring.test.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The functions of a {@code serverless.yml}, read as the Serverless Framework would
 * deploy them: provider defaults applied, variables resolved (see
 * {@link ServerlessVariables}), and handlers that name a bean
 * ({@code handler: uppercase}) rewritten as serverless-spring's plugin does.
 * <pre class="code">
 * ServerlessConfig config = ServerlessConfig.read(Path.of("serverless.yml"), "dev");
 * FunctionConfig quote = config.function("quote");
 * </pre>
 */
public final class ServerlessConfig {

	/** The handler of serverless-spring's {@code RequestStreamHandler}. */
	public static final String FUNCTION_HANDLER = "dev.serverlessspring.lambda.FunctionHandler::handleRequest";

	/**
	 * The variable that names the function bean (or composition) a Lambda function runs.
	 */
	public static final String DEFINITION_VARIABLE = "SPRING_CLOUD_FUNCTION_DEFINITION";

	// The same rule as the Serverless plugin: a bean name, or a definition composing
	// several.
	private static final Pattern BEAN_DEFINITION = Pattern
		.compile("^[A-Za-z_$][\\w$-]*(\\s*[|,]\\s*[A-Za-z_$][\\w$-]*)*$");

	// The Serverless Framework's defaults for a function without memorySize or timeout.
	private static final int DEFAULT_MEMORY_SIZE = 1024;

	private static final int DEFAULT_TIMEOUT_SECONDS = 6;

	private final Path file;

	private final String service;

	private final String stage;

	private final String region;

	private final Map<String, FunctionConfig> functions;

	private final Map<String, CloudFormationResource> resources;

	private final List<SqsEventSource> sqsEventSources;

	private final List<S3EventSource> s3EventSources;

	private ServerlessConfig(Path file, String service, String stage, String region,
			Map<String, FunctionConfig> functions, Map<String, CloudFormationResource> resources,
			List<SqsEventSource> sqsEventSources, List<S3EventSource> s3EventSources) {
		this.file = file;
		this.service = service;
		this.stage = stage;
		this.region = region;
		this.functions = Collections.unmodifiableMap(functions);
		this.resources = Collections.unmodifiableMap(resources);
		this.sqsEventSources = List.copyOf(sqsEventSources);
		this.s3EventSources = List.copyOf(s3EventSources);
	}

	/**
	 * Read a {@code serverless.yml} for the stage it names (or {@code dev}).
	 * @param file the file
	 * @return the configuration
	 * @throws ServerlessConfigException if the file is missing or cannot be read
	 */
	public static ServerlessConfig read(Path file) {
		return read(file, null);
	}

	/**
	 * Read a {@code serverless.yml} for a stage, as {@code serverless deploy --stage}
	 * would.
	 * @param file the file
	 * @param stage the stage, or {@code null} for {@code provider.stage} or {@code dev}
	 * @return the configuration
	 * @throws ServerlessConfigException if the file is missing or cannot be read
	 */
	public static ServerlessConfig read(Path file, @Nullable String stage) {
		Path absolute = file.toAbsolutePath().normalize();
		Object document;
		try (InputStream in = Files.newInputStream(absolute)) {
			document = new Yaml(new CloudFormationYamlConstructor()).load(in);
		}
		catch (NoSuchFileException ex) {
			throw new ServerlessConfigException("No serverless.yml at " + absolute);
		}
		catch (IOException ex) {
			throw new ServerlessConfigException("Could not read " + absolute + ": " + ex.getMessage(), ex);
		}
		catch (YAMLException ex) {
			throw new ServerlessConfigException(absolute + " is not valid YAML: " + ex.getMessage(), ex);
		}
		if (!(document instanceof Map<?, ?> root)) {
			throw new ServerlessConfigException(absolute + " is not a serverless.yml: its top level is not a mapping");
		}
		return new Reader(absolute, root, stage).read();
	}

	/**
	 * Find a file by walking up from a directory: {@code serverless.yml} of a
	 * multi-module build lives in the root, while tests run in the module.
	 * @param directory where to start
	 * @param name the file's relative path
	 * @return the file, if found in the directory or one of its parents
	 */
	public static Optional<Path> findUpwards(Path directory, String name) {
		for (Path current = directory.toAbsolutePath().normalize(); current != null; current = current.getParent()) {
			Path candidate = current.resolve(name);
			if (Files.isRegularFile(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	/**
	 * Return the file this configuration was read from.
	 * @return the file
	 */
	public Path file() {
		return this.file;
	}

	/**
	 * Return the folder of the file, against which the paths it names resolve.
	 * @return the folder
	 */
	public Path directory() {
		return directory(this.file);
	}

	// read() keeps the file's absolute, normalized path, which has a parent.
	private static Path directory(Path file) {
		Path directory = file.getParent();
		if (directory == null) {
			throw new ServerlessConfigException("Could not find the folder of " + file);
		}
		return directory;
	}

	/**
	 * Return the service's name.
	 * @return the service
	 */
	public String service() {
		return this.service;
	}

	/**
	 * Return the stage.
	 * @return the stage
	 */
	public String stage() {
		return this.stage;
	}

	/**
	 * Return the region.
	 * @return the region
	 */
	public String region() {
		return this.region;
	}

	/**
	 * Return the functions, in the file's order.
	 * @return the functions by their key in {@code functions}
	 */
	public Map<String, FunctionConfig> functions() {
		return this.functions;
	}

	/**
	 * Return the CloudFormation resources of {@code resources.Resources}, with their
	 * local names.
	 * @return the resources by logical id, in the file's order
	 */
	public Map<String, CloudFormationResource> resources() {
		return this.resources;
	}

	/**
	 * Return the functions' {@code sqs} events, the event source mappings of their
	 * queues.
	 * @return the event sources, in the file's order
	 */
	public List<SqsEventSource> sqsEventSources() {
		return this.sqsEventSources;
	}

	/**
	 * Return the functions' {@code s3} events, the event notifications of their buckets.
	 * @return the event sources, in the file's order
	 */
	public List<S3EventSource> s3EventSources() {
		return this.s3EventSources;
	}

	/**
	 * Return one function.
	 * @param name the function's key, or its deployed name
	 * @return the function
	 * @throws IllegalArgumentException if there is no such function
	 */
	public FunctionConfig function(String name) {
		return findFunction(name).orElseThrow(() -> new IllegalArgumentException(
				"No function '" + name + "' in " + this.file + "; functions: " + this.functions.keySet()));
	}

	/**
	 * Find a function by its key or by its deployed name.
	 * @param name the name
	 * @return the function, if any
	 */
	public Optional<FunctionConfig> findFunction(String name) {
		FunctionConfig function = this.functions.get(name);
		if (function != null) {
			return Optional.of(function);
		}
		return this.functions.values()
			.stream()
			.filter((candidate) -> candidate.deployedName().equals(name))
			.findFirst();
	}

	/** Reads one document; every error names the key it is about. */
	private static final class Reader {

		private final Path file;

		private final Map<?, ?> root;

		private final ServerlessVariables variables;

		private Map<String, CloudFormationResource> resources = Map.of();

		Reader(Path file, Map<?, ?> root, @Nullable String stage) {
			this.file = file;
			this.root = root;
			this.variables = new ServerlessVariables(file, root, stage);
		}

		ServerlessConfig read() {
			String service = requireText(this.variables.resolve("service", this.root.get("service")), "service");
			Map<?, ?> provider = map(this.root.get("provider"), "provider");
			String stage = this.variables.stage();
			String region = text(resolve("provider.region", provider.get("region")), "provider.region", "us-east-1");
			String runtime = text(resolve("provider.runtime", provider.get("runtime")), "provider.runtime", "java21");
			int memorySize = number(resolve("provider.memorySize", provider.get("memorySize")), "provider.memorySize",
					DEFAULT_MEMORY_SIZE);
			int timeout = number(resolve("provider.timeout", provider.get("timeout")), "provider.timeout",
					DEFAULT_TIMEOUT_SECONDS);
			this.resources = resources(service + "-" + stage, region);
			Map<String, String> environment = environment(provider.get("environment"), "provider.environment");
			Path artifact = artifact(this.root.get("package"), "package");
			Map<?, ?> functions = map(this.root.get("functions"), "functions");
			if (functions.isEmpty()) {
				throw new ServerlessConfigException(this.file + " declares no functions");
			}
			Map<String, FunctionConfig> result = new LinkedHashMap<>();
			List<SqsEventSource> sqsEventSources = new ArrayList<>();
			List<S3EventSource> s3EventSources = new ArrayList<>();
			functions.forEach((key, value) -> {
				String name = String.valueOf(key);
				String at = "functions." + name;
				Map<?, ?> function = map(value, at);
				String handler = requireText(resolve(at + ".handler", function.get("handler")), at + ".handler");
				Map<String, String> functionEnvironment = new LinkedHashMap<>(environment);
				if (BEAN_DEFINITION.matcher(handler).matches()) {
					// As the Serverless plugin does: the handler names a bean, our
					// handler serves it.
					functionEnvironment.put(DEFINITION_VARIABLE, handler);
					handler = FUNCTION_HANDLER;
				}
				functionEnvironment.putAll(environment(function.get("environment"), at + ".environment"));
				Path functionArtifact = artifact(function.get("package"), at + ".package");
				// functions.x.name overrides the deployed name, as in the framework.
				String deployedName = text(resolve(at + ".name", function.get("name")), at + ".name",
						service + "-" + stage + "-" + name);
				result.put(name, new FunctionConfig(name, deployedName, region, handler,
						text(resolve(at + ".runtime", function.get("runtime")), at + ".runtime", runtime),
						Duration.ofSeconds(
								number(resolve(at + ".timeout", function.get("timeout")), at + ".timeout", timeout)),
						number(resolve(at + ".memorySize", function.get("memorySize")), at + ".memorySize", memorySize),
						functionEnvironment, (functionArtifact != null) ? functionArtifact : artifact,
						httpEvents(function.get("events"), at + ".events"),
						functionUrl(resolve(at + ".url", function.get("url")), at + ".url")));
				sqsEventSources.addAll(sqsEvents(name, function.get("events"), at + ".events"));
				s3EventSources.addAll(s3Events(name, function.get("events"), at + ".events"));
			});
			return new ServerlessConfig(this.file, service, stage, region, result, this.resources, sqsEventSources,
					s3EventSources);
		}

		// resources: {Resources: {...}}, or a list of such documents, as the framework
		// merges them.
		private Map<String, CloudFormationResource> resources(String stackName, String region) {
			Object value = this.root.get("resources");
			List<?> documents = (value instanceof List<?> list) ? list : (value != null) ? List.of(value) : List.of();
			Map<String, CloudFormationResource> result = new LinkedHashMap<>();
			for (Object document : documents) {
				map(map(document, "resources").get("Resources"), "resources.Resources").forEach((key, resource) -> {
					String at = "resources.Resources." + key;
					Map<?, ?> definition = map(resource, at);
					String type = requireText(resolve(at + ".Type", definition.get("Type")), at + ".Type");
					Map<String, Object> properties = new LinkedHashMap<>();
					map(definition.get("Properties"), at + ".Properties").forEach((name, property) -> properties
						.put(String.valueOf(name), resolveLeniently(at + ".Properties." + name, property)));
					result.put(String.valueOf(key),
							CloudFormationResource.of(String.valueOf(key), type, properties, stackName, region));
				});
			}
			return result;
		}

		// Variables that only deployment resolves (${ssm:...}) stay as written: a local
		// service refuses the property if it needs it, and says which.
		private @Nullable Object resolveLeniently(String at, @Nullable Object value) {
			try {
				return resolve(at, value);
			}
			catch (ServerlessConfigException ex) {
				return value;
			}
		}

		// Ref and Fn::GetAtt of the file's own resources, with their local names and
		// ARNs.
		private @Nullable Object intrinsic(Map<?, ?> function) {
			if (function.size() != 1) {
				return null;
			}
			Object ref = function.get("Ref");
			if (ref != null) {
				CloudFormationResource resource = this.resources.get(String.valueOf(ref));
				return (resource != null) ? resource.ref() : null;
			}
			Object getAtt = function.get("Fn::GetAtt");
			List<?> parts = (getAtt instanceof List<?> list) ? list
					: (getAtt != null) ? List.of(String.valueOf(getAtt).split("\\.", 2)) : List.of();
			if (parts.size() == 2) {
				CloudFormationResource resource = this.resources.get(String.valueOf(parts.get(0)));
				return (resource != null) ? resource.attribute(String.valueOf(parts.get(1))) : null;
			}
			return null;
		}

		private @Nullable Object resolve(String at, @Nullable Object value) {
			return this.variables.resolve(at, value);
		}

		private Map<String, String> environment(@Nullable Object value, String at) {
			Map<String, String> environment = new LinkedHashMap<>();
			map(value, at).forEach((name, variable) -> {
				Object resolved = resolve(at + "." + name, variable);
				if (resolved instanceof Map<?, ?> function) {
					Object local = intrinsic(function);
					if (local == null) {
						throw new ServerlessConfigException(this.file + ": " + at + "." + name + " is " + function
								+ ": of the CloudFormation functions, only Ref and Fn::GetAtt (Arn, StreamArn, QueueName, QueueUrl, TopicName)"
								+ " of a table, queue, topic, bucket or stream in resources.Resources resolve locally");
					}
					resolved = local;
				}
				if (resolved instanceof Map || resolved instanceof List) {
					throw new ServerlessConfigException(this.file + ": " + at + "." + name
							+ " is not a plain value (CloudFormation functions such as Ref or Fn::GetAtt cannot be resolved locally)");
				}
				environment.put(String.valueOf(name), (resolved != null) ? String.valueOf(resolved) : "");
			});
			return environment;
		}

		private @Nullable Path artifact(@Nullable Object value, String at) {
			Object artifact = resolve(at + ".artifact", map(value, at).get("artifact"));
			if (artifact == null) {
				return null;
			}
			return directory(this.file).resolve(requireText(artifact, at + ".artifact")).normalize();
		}

		private List<HttpEvent> httpEvents(@Nullable Object value, String at) {
			if (value == null) {
				return List.of();
			}
			if (!(value instanceof List<?> events)) {
				throw new ServerlessConfigException(this.file + ": " + at + " must be a list");
			}
			List<HttpEvent> result = new ArrayList<>();
			for (int i = 0; i < events.size(); i++) {
				if (events.get(i) instanceof Map<?, ?> event) {
					String eventAt = at + "[" + i + "]";
					if (event.containsKey("httpApi")) {
						result.add(httpEvent(HttpEvent.Api.HTTP_API,
								resolve(eventAt + ".httpApi", event.get("httpApi")), eventAt + ".httpApi"));
					}
					if (event.containsKey("http")) {
						result.add(httpEvent(HttpEvent.Api.REST, resolve(eventAt + ".http", event.get("http")),
								eventAt + ".http"));
					}
				}
			}
			return result;
		}

		// url: true | {invokeMode: BUFFERED | RESPONSE_STREAM, cors: ..., authorizer:
		// ...}
		private @Nullable FunctionUrl functionUrl(@Nullable Object value, String at) {
			if (value == null || Boolean.FALSE.equals(value) || "false".equals(value)) {
				return null;
			}
			if (Boolean.TRUE.equals(value) || "true".equals(value)) {
				return new FunctionUrl(FunctionUrl.InvokeMode.BUFFERED);
			}
			Object mode = resolve(at + ".invokeMode", map(value, at).get("invokeMode"));
			if (mode == null) {
				return new FunctionUrl(FunctionUrl.InvokeMode.BUFFERED);
			}
			try {
				return new FunctionUrl(FunctionUrl.InvokeMode.valueOf(String.valueOf(mode).strip()));
			}
			catch (IllegalArgumentException ex) {
				throw new ServerlessConfigException(
						this.file + ": " + at + ".invokeMode must be BUFFERED or RESPONSE_STREAM, not '" + mode + "'");
			}
		}

		// sqs: arn | {arn, batchSize, maximumBatchingWindow, functionResponseType,
		// enabled}
		private List<SqsEventSource> sqsEvents(String function, @Nullable Object value, String at) {
			List<SqsEventSource> result = new ArrayList<>();
			if (!(value instanceof List<?> events)) {
				return result;
			}
			for (int i = 0; i < events.size(); i++) {
				if (events.get(i) instanceof Map<?, ?> event && event.containsKey("sqs")) {
					String eventAt = at + "[" + i + "].sqs";
					Object sqs = resolve(eventAt, event.get("sqs"));
					Map<?, ?> settings = (sqs instanceof Map<?, ?> map && !map.containsKey("Fn::GetAtt")
							&& !map.containsKey("Ref")) ? map : Map.of("arn", sqs);
					Object arn = settings.get("arn");
					if (arn instanceof Map<?, ?> intrinsic) {
						arn = intrinsic(intrinsic);
					}
					String queueArn = requireText(arn, eventAt + ".arn");
					result.add(new SqsEventSource(function, queueArn,
							number(settings.get("batchSize"), eventAt + ".batchSize", 10),
							Duration.ofSeconds(number(settings.get("maximumBatchingWindow"),
									eventAt + ".maximumBatchingWindow", 0)),
							"ReportBatchItemFailures".equals(settings.get("functionResponseType")),
							!"false".equals(String.valueOf(settings.get("enabled")))));
				}
			}
			return result;
		}

		// s3: bucket | {bucket, event, rules: [{prefix}, {suffix}], existing}
		private List<S3EventSource> s3Events(String function, @Nullable Object value, String at) {
			List<S3EventSource> result = new ArrayList<>();
			if (!(value instanceof List<?> events)) {
				return result;
			}
			for (int i = 0; i < events.size(); i++) {
				if (events.get(i) instanceof Map<?, ?> event && event.containsKey("s3")) {
					String eventAt = at + "[" + i + "].s3";
					Object s3 = resolve(eventAt, event.get("s3"));
					Map<?, ?> settings = (s3 instanceof Map<?, ?> map) ? map : Map.of("bucket", s3);
					Object bucket = settings.get("bucket");
					if (bucket instanceof Map<?, ?> intrinsic) {
						bucket = intrinsic(intrinsic);
					}
					String prefix = "";
					String suffix = "";
					Object rules = settings.get("rules");
					if (rules != null && !(rules instanceof List)) {
						throw new ServerlessConfigException(
								this.file + ": " + eventAt + ".rules must be a list, not '" + rules + "'");
					}
					for (Object rule : (rules != null) ? (List<?>) rules : List.of()) {
						Map<?, ?> ruleMap = map(rule, eventAt + ".rules");
						prefix = text(ruleMap.get("prefix"), eventAt + ".rules.prefix", prefix);
						suffix = text(ruleMap.get("suffix"), eventAt + ".rules.suffix", suffix);
					}
					result.add(new S3EventSource(function, requireText(bucket, eventAt + ".bucket"),
							List.of(text(settings.get("event"), eventAt + ".event", "s3:ObjectCreated:*")), prefix,
							suffix, Boolean.parseBoolean(String.valueOf(settings.get("existing")))));
				}
			}
			return result;
		}

		// httpApi: '*' | 'GET /path' | {method, path}; http: 'GET path' | {method, path}
		private HttpEvent httpEvent(HttpEvent.Api api, @Nullable Object value, String at) {
			if (value instanceof String text) {
				String route = text.strip();
				if (api == HttpEvent.Api.HTTP_API && route.equals("*")) {
					return new HttpEvent(api, HttpEvent.ANY, null);
				}
				String[] parts = route.split("\\s+", 2);
				if (parts.length != 2) {
					throw new ServerlessConfigException(
							this.file + ": " + at + " must be 'METHOD /path', not '" + text + "'");
				}
				return new HttpEvent(api, parts[0], parts[1]);
			}
			Map<?, ?> event = map(value, at);
			String method = text(event.get("method"), at + ".method", "*");
			Object path = event.get("path");
			if (path == null && api == HttpEvent.Api.HTTP_API && "*".equals(method)) {
				return new HttpEvent(api, HttpEvent.ANY, null);
			}
			return new HttpEvent(api, method, requireText(path, at + ".path"));
		}

		private Map<?, ?> map(@Nullable Object value, String at) {
			if (value == null) {
				return Map.of();
			}
			if (value instanceof Map<?, ?> map) {
				return map;
			}
			throw new ServerlessConfigException(this.file + ": " + at + " must be a mapping, not '" + value + "'");
		}

		private String requireText(@Nullable Object value, String at) {
			if (value == null || String.valueOf(value).isBlank()) {
				throw new ServerlessConfigException(this.file + ": " + at + " is missing");
			}
			if (value instanceof Map || value instanceof List) {
				throw new ServerlessConfigException(this.file + ": " + at + " must be a string, not '" + value + "'");
			}
			return String.valueOf(value).strip();
		}

		private String text(@Nullable Object value, String at, String defaultValue) {
			return (value != null) ? requireText(value, at) : defaultValue;
		}

		private int number(@Nullable Object value, String at, int defaultValue) {
			if (value == null) {
				return defaultValue;
			}
			try {
				return Integer.parseInt(String.valueOf(value).strip());
			}
			catch (NumberFormatException ex) {
				throw new ServerlessConfigException(
						this.file + ": " + at + " must be a whole number, not '" + value + "'");
			}
		}

	}

}
