package dev.serverlessspring.archetype;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code serverless package} (osls, from the service's own {@code node_modules})
 * made of a {@code serverless.yml}: the CloudFormation template it would deploy and the
 * resolved service.
 */
final class ServerlessPackage {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path serviceDirectory;

	private final JsonNode template;

	private final JsonNode service;

	private final JsonNode configuration;

	private ServerlessPackage(Path serviceDirectory, JsonNode template, JsonNode service) {
		this.serviceDirectory = serviceDirectory;
		this.template = template;
		this.service = service;
		this.configuration = service.path("initialServerlessConfig");
	}

	/**
	 * Runs {@code npx --no serverless package} ({@code --no}: never fetch another
	 * Serverless Framework than the one package.json pins) and reads what it wrote to
	 * {@code .serverless/}.
	 * @param serviceDirectory the directory of serverless.yml, its tooling installed
	 * @param log where the command's output goes
	 * @return the package
	 */
	static ServerlessPackage of(Path serviceDirectory, Path log) {
		Command.of(serviceDirectory, "npx", "--no", "serverless", "package").run(log).assertSuccess();
		return written(serviceDirectory);
	}

	/**
	 * Reads what {@code serverless package} wrote to {@code .serverless/}.
	 * @param serviceDirectory the directory of serverless.yml
	 * @return the package
	 */
	static ServerlessPackage written(Path serviceDirectory) {
		Path output = serviceDirectory.resolve(".serverless");
		return new ServerlessPackage(serviceDirectory,
				read(output.resolve("cloudformation-template-update-stack.json")),
				read(output.resolve("serverless-state.json")).path("service"));
	}

	private static JsonNode read(Path file) {
		assertThat(file).exists();
		return JSON.readTree(file.toFile());
	}

	String serviceName() {
		return this.service.path("service").asString();
	}

	/**
	 * The properties of a function's {@code AWS::Lambda::Function} resource.
	 * @param name the function's name in serverless.yml
	 * @return its properties
	 */
	JsonNode function(String name) {
		return resource(logicalId(name) + "LambdaFunction").path("Properties");
	}

	JsonNode resource(String logicalId) {
		JsonNode resource = this.template.path("Resources").path(logicalId);
		assertThat(resource.isMissingNode()).as("resource %s in %s", logicalId, resourceNames()).isFalse();
		return resource;
	}

	private List<String> resourceNames() {
		return new ArrayList<>(this.template.path("Resources").propertyNames());
	}

	/**
	 * The logical id prefix osls gives a function's resources.
	 * @param name the function's name in serverless.yml
	 * @return the prefix, e.g. {@code HelloDashnative} for {@code hello-native}
	 */
	static String logicalId(String name) {
		String normalized = name.replace("-", "Dash").replace("_", "Underscore");
		return Character.toUpperCase(normalized.charAt(0)) + normalized.substring(1);
	}

	/**
	 * Asserts the settings every serverless-spring Java function has: our handler,
	 * SnapStart on published versions with events bound to the SnapStart alias, the
	 * function definition and the cold-start JVM options.
	 * @param name the function's name in serverless.yml
	 * @param definition the expected {@code SPRING_CLOUD_FUNCTION_DEFINITION}
	 * @param runtime the expected runtime
	 * @param architecture the expected architecture
	 */
	void assertJavaFunction(String name, String definition, String runtime, String architecture) {
		JsonNode function = function(name);
		assertThat(function.path("Handler").asString())
			.isEqualTo("dev.serverlessspring.lambda.FunctionHandler::handleRequest");
		assertThat(function.path("Runtime").asString()).isEqualTo(runtime);
		assertThat(function.path("Architectures").get(0).asString()).isEqualTo(architecture);
		assertThat(function.path("SnapStart").path("ApplyOn").asString()).isEqualTo("PublishedVersions");
		JsonNode environment = function.path("Environment").path("Variables");
		assertThat(environment.path("SPRING_CLOUD_FUNCTION_DEFINITION").asString()).isEqualTo(definition);
		assertThat(environment.path("JAVA_TOOL_OPTIONS").asString()).contains("-XX:+TieredCompilation",
				"-XX:TieredStopAtLevel=1");
		assertThat(resource(logicalId(name) + "SnapStartLambdaAlias").path("Type").asString())
			.isEqualTo("AWS::Lambda::Alias");
		assertThat(resource(logicalId(name) + "LogGroup").path("Properties").path("RetentionInDays").asInt())
			.isPositive();
	}

	/**
	 * Asserts a function on the java-runtime package: {@code provided.al2023} with the
	 * build machine's architecture, its own zip holding the bootstrap, the Java runtime,
	 * the application's jar and the trained AOT cache.
	 * @param name the function's name in serverless.yml
	 * @param definition the expected {@code SPRING_CLOUD_FUNCTION_DEFINITION}
	 * @param architecture the expected architecture
	 * @param routeKeys the function's HTTP API routes, none for a function without (each
	 * invokes the function itself: no SnapStart alias)
	 */
	void assertJavaRuntimeFunction(String name, String definition, String architecture, String... routeKeys)
			throws IOException {
		JsonNode function = function(name);
		assertThat(function.path("Runtime").asString()).isEqualTo("provided.al2023");
		assertThat(function.path("Architectures").get(0).asString()).isEqualTo(architecture);
		assertThat(function.path("Environment").path("Variables").path("SPRING_CLOUD_FUNCTION_DEFINITION").asString())
			.isEqualTo(definition);
		// serverless-spring's plugin pointed the function at
		// <custom.spring.module>/target/<zip>.
		String codeKey = function.path("Code").path("S3Key").asString();
		assertThat(codeKey).endsWith("-java-runtime.zip");
		Path artifact = this.serviceDirectory
			.resolve(this.service.path("custom").path("spring").path("module").asString("."))
			.resolve("target")
			.resolve(codeKey.substring(codeKey.lastIndexOf('/') + 1));
		try (ZipFile zip = new ZipFile(artifact.normalize().toFile())) {
			assertThat(zip.stream().map(ZipEntry::getName)).contains("bootstrap", "app.jar", "app.aot",
					"runtime/bin/java", "runtime/lib/modules");
		}
		String integration = "\"HttpApiIntegration" + logicalId(name) + "\"";
		assertThat(resourcesOfType("AWS::ApiGatewayV2::Route")).map((route) -> route.path("Properties"))
			.filteredOn((route) -> route.path("Target").toString().contains(integration))
			.extracting((route) -> route.path("RouteKey").asString())
			.containsExactly(routeKeys);
	}

	/**
	 * Asserts the HTTP API routes of a function and that they invoke its SnapStart alias.
	 * @param name the function's name in serverless.yml
	 * @param routeKeys e.g. {@code POST /hello}
	 */
	void assertHttpRoutes(String name, String... routeKeys) {
		assertThat(eventSources(name, "AWS::ApiGatewayV2::Integration")).hasSize(1);
		String integration = "\"HttpApiIntegration" + logicalId(name) + "\"";
		assertThat(resourcesOfType("AWS::ApiGatewayV2::Route")).map((route) -> route.path("Properties"))
			.filteredOn((route) -> route.path("Target").toString().contains(integration))
			.extracting((route) -> route.path("RouteKey").asString())
			.containsExactlyInAnyOrder(routeKeys);
	}

	/**
	 * Returns the resources of a type through which events reach a function (event source
	 * mappings, subscriptions, rules, buckets, integrations), asserting that there is one
	 * at least and that each invokes the function's SnapStart alias where it has
	 * SnapStart: events sent to the unqualified function would run it without SnapStart.
	 * @param name the function's name in serverless.yml
	 * @param type the resource type, e.g. {@code AWS::Lambda::EventSourceMapping}
	 * @return the resources' properties
	 */
	List<JsonNode> eventSources(String name, String type) {
		String function = "\"" + logicalId(name) + "LambdaFunction\"";
		List<JsonNode> sources = resourcesOfType(type).stream()
			.map((resource) -> resource.path("Properties"))
			.filter((properties) -> properties.toString().contains(function))
			.toList();
		// A function without SnapStart (a custom runtime) has no alias: its events invoke
		// it directly.
		String alias = function + ",\"Arn\"]},\"snapstart\"]";
		boolean snapStart = !function(name).path("SnapStart").isMissingNode();
		assertThat(sources).as("%s resources invoking %s", type, name).isNotEmpty().allSatisfy((source) -> {
			if (snapStart) {
				assertThat(source.toString()).contains(alias);
			}
			else {
				assertThat(source.toString()).doesNotContain("snapstart");
			}
		});
		return sources;
	}

	private List<JsonNode> resourcesOfType(String type) {
		List<JsonNode> resources = new ArrayList<>();
		this.template.path("Resources").forEach((resource) -> {
			if (resource.path("Type").asString().equals(type)) {
				resources.add(resource);
			}
		});
		return resources;
	}

	/**
	 * Asserts that functions run with the default execution role only, which names each
	 * action it allows (no wildcard action) and each resource (no {@code "*"}): the
	 * functions' own log groups and the event sources they read.
	 */
	void assertLeastPrivilegeRole() {
		JsonNode role = resource("IamRoleLambdaExecution").path("Properties");
		assertThat(role.path("ManagedPolicyArns").isMissingNode() || role.path("ManagedPolicyArns").isEmpty())
			.as("managed policies")
			.isTrue();
		List<String> actions = new ArrayList<>();
		for (JsonNode policy : role.path("Policies")) {
			for (JsonNode statement : policy.path("PolicyDocument").path("Statement")) {
				statement.path("Action").forEach((action) -> actions.add(action.asString()));
				assertThat(statement.path("Resource")).as("resources of %s", statement)
					.isNotEmpty()
					.allSatisfy((resource) -> assertThat(resource.toString()).isNotEqualTo("\"*\""));
				if (statement.path("Action").toString().contains("\"logs:")) {
					assertThat(statement.path("Resource").toString())
						.contains(":log-group:/aws/lambda/" + serviceName());
				}
			}
		}
		assertThat(actions).isNotEmpty().allSatisfy((action) -> assertThat(action).doesNotContain("*"));
		assertThat(resourcesOfType("AWS::IAM::Role")).hasSize(1);
	}

	/**
	 * Asserts that the zip a function deploys is the one the template names, that it
	 * exists, and that it holds the application's classes at its root with the
	 * Start-Class manifest entry FunctionHandler reads, and the dependencies under lib/
	 * as jars with stored entries (serverless-spring:package).
	 * @param name the function's name in serverless.yml
	 * @param applicationClass the {@code @SpringBootApplication} class
	 * @return the zip
	 */
	Path assertArtifactHoldsApplication(String name, String applicationClass) throws IOException {
		JsonNode ownArtifact = this.configuration.path("functions").path(name).path("package").path("artifact");
		JsonNode serviceArtifact = this.configuration.path("package").path("artifact");
		String codeKey = function(name).path("Code").path("S3Key").asString();
		// Without one in serverless.yml, serverless-spring's plugin set it:
		// <custom.spring.module>/target/<zip>.
		String artifact = ownArtifact.isString() ? ownArtifact.asString()
				: serviceArtifact.isString() ? serviceArtifact.asString()
						: this.service.path("custom").path("spring").path("module").asString(".") + "/target/"
								+ codeKey.substring(codeKey.lastIndexOf('/') + 1);
		Path zip = this.serviceDirectory.resolve(artifact).normalize();
		assertThat(zip).isRegularFile();
		assertThat(function(name).path("Code").path("S3Key").asString()).endsWith("/" + zip.getFileName());
		try (ZipFile file = new ZipFile(zip.toFile())) {
			assertThat(file.getEntry(applicationClass.replace('.', '/') + ".class")).as("application class")
				.isNotNull();
			assertThat(file.stream().map((entry) -> entry.getName()))
				.anyMatch((entry) -> entry.matches("lib/serverless-spring-boot-autoconfigure-.+\\.jar"));
			for (ZipEntry jar : file.stream().filter((entry) -> entry.getName().matches("lib/.+\\.jar")).toList()) {
				assertEveryEntryStored(file, jar);
			}
			try (var manifest = file.getInputStream(file.getEntry(JarFile.MANIFEST_NAME))) {
				assertThat(new Manifest(manifest).getMainAttributes().getValue("Start-Class"))
					.isEqualTo(applicationClass);
			}
		}
		return zip;
	}

	private static void assertEveryEntryStored(ZipFile zip, ZipEntry jar) throws IOException {
		try (ZipInputStream entries = new ZipInputStream(zip.getInputStream(jar))) {
			for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
				assertThat(entry.getMethod()).as(jar.getName() + "!/" + entry.getName()).isEqualTo(ZipEntry.STORED);
			}
		}
	}

}
