package dev.serverlessspring.archetype;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The root serverless.yml, which deploys example-app (packaged earlier in the reactor),
 * packaged by osls: one function per function bean and event source, each from the
 * example's zip, invoked through its SnapStart alias.
 */
@ResourceLock(Command.REPOSITORY_ROOT)
class ExampleDeploymentIT {

	private static final Path LOGS = Path.of("target", "it").toAbsolutePath();

	private static final String APPLICATION = "dev.serverlessspring.example.ExampleApplication";

	/** The functions of the root serverless.yml, each named after the bean it runs. */
	private static final List<String> FUNCTIONS = List.of("uppercase", "quote", "orderPlaced", "paymentReceived",
			"invoiceUploaded", "orderChanged", "orderShipped", "nightlyReport");

	private static ServerlessPackage deployment;

	@BeforeAll
	static void packageTheExample() {
		Command.of(Command.ROOT, "npm", "install", "--no-audit", "--no-fund")
			.run(LOGS.resolve("example-npm-install.log"))
			.assertSuccess();
		deployment = ServerlessPackage.of(Command.ROOT, LOGS.resolve("example-serverless-package.log"));
	}

	@Test
	void everyFunctionRunsItsBeanFromTheExampleZip() throws IOException {
		for (String name : FUNCTIONS) {
			deployment.assertJavaFunction(name, name, "java21", "arm64");
			deployment.assertArtifactHoldsApplication(name, APPLICATION);
		}
		deployment.assertJavaFunction("orders", "httpRouter", "java21", "arm64");
		deployment.assertArtifactHoldsApplication("orders", APPLICATION);
	}

	@Test
	void oneFunctionRunsOnTheJavaRuntimePackage() throws IOException {
		deployment.assertJavaRuntimeFunction("uppercaseJavaRuntime", "uppercase", "x86_64",
				"POST /uppercase-java-runtime");
	}

	@Test
	void httpFunctionsAnswerHttpApiRoutes() {
		deployment.assertHttpRoutes("uppercase", "POST /uppercase");
		deployment.assertHttpRoutes("quote", "POST /quotes");
		deployment.assertHttpRoutes("orders", "POST /orders", "GET /orders/{id}", "GET /orders/{id}/receipt");
	}

	@Test
	void theQuoteFeedStreamsThroughItsFunctionUrlFromTheJavaRuntimePackage() throws IOException {
		deployment.assertJavaRuntimeFunction("quoteFeed", "quoteFeed", "x86_64");
		JsonNode url = deployment.eventSources("quoteFeed", "AWS::Lambda::Url").get(0);
		assertThat(url.path("InvokeMode").asString()).isEqualTo("RESPONSE_STREAM");
	}

	@Test
	void queueAndStreamFunctionsReportPartialBatchFailures() {
		List<JsonNode> orderPlaced = deployment.eventSources("orderPlaced", "AWS::Lambda::EventSourceMapping");
		assertThat(orderPlaced).extracting((mapping) -> mapping.path("EventSourceArn").toString())
			.containsExactlyInAnyOrder("{\"Fn::GetAtt\":[\"OrdersQueue\",\"Arn\"]}",
					"{\"Fn::GetAtt\":[\"OrdersFifoQueue\",\"Arn\"]}", "{\"Fn::GetAtt\":[\"OrdersStream\",\"Arn\"]}");
		List<JsonNode> orderChanged = deployment.eventSources("orderChanged", "AWS::Lambda::EventSourceMapping");
		assertThat(orderChanged).extracting((mapping) -> mapping.path("EventSourceArn").toString())
			.containsExactly("{\"Fn::GetAtt\":[\"OrdersTable\",\"StreamArn\"]}");
		assertThat(List.of(orderPlaced, orderChanged)).flatMap((mappings) -> mappings)
			.allSatisfy((mapping) -> assertThat(mapping.path("FunctionResponseTypes").toString())
				.isEqualTo("[\"ReportBatchItemFailures\"]"));
	}

	@Test
	void topicBucketAndEventBusFunctionsAreSubscribed() {
		assertThat(
				deployment.eventSources("paymentReceived", "AWS::SNS::Subscription").get(0).path("TopicArn").toString())
			.isEqualTo("{\"Ref\":\"PaymentsTopic\"}");
		assertThat(deployment.eventSources("invoiceUploaded", "AWS::S3::Bucket").get(0).toString())
			.contains("s3:ObjectCreated:*", ".pdf");
		assertThat(deployment.eventSources("orderShipped", "AWS::Events::Rule").get(0).path("EventPattern").toString())
			.contains("com.example.warehouse", "Order Shipped");
		assertThat(deployment.eventSources("nightlyReport", "AWS::Events::Rule")
			.get(0)
			.path("ScheduleExpression")
			.asString()).isEqualTo("cron(0 2 * * ? *)");
	}

	@Test
	void functionsRunWithTheDefaultRoleOnly() {
		deployment.assertLeastPrivilegeRole();
	}

	@Test
	void theZipIsTheOneThisBuildMadeAndThePluginPointedAt() throws IOException {
		String zip = "serverless-spring-example-" + System.getProperty("archetype.version") + "-aws.zip";
		assertThat(deployment.assertArtifactHoldsApplication("uppercase", APPLICATION))
			.isEqualTo(Command.ROOT.resolve("example-app/target/" + zip));
		// The reactor built it just before: the plugin finds it fresh and does not run
		// Maven again.
		assertThat(LOGS.resolve("example-serverless-package.log")).content()
			.contains("serverless-spring: " + zip + " is up to date, skipping the Maven build");
	}

}
