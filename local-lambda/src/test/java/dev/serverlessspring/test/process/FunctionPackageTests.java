package dev.serverlessspring.test.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link FunctionPackage} and the clear errors around a missing package.
 */
class FunctionPackageTests {

	@TempDir
	Path directory;

	@Test
	void startsWithLambdasDefaults() {
		FunctionPackage functionPackage = FunctionPackage.of(this.directory);
		assertThat(functionPackage.runtime()).isEqualTo("java21");
		assertThat(functionPackage.memorySize()).isEqualTo(128);
		assertThat(functionPackage.timeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(functionPackage.region()).isEqualTo("us-east-1");
		assertThat(functionPackage.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:012345678912:function:function");
		assertThat(functionPackage.isCustomRuntime()).isFalse();
	}

	@Test
	void isImmutable() {
		FunctionPackage base = FunctionPackage.of(this.directory).environment("A", "1");
		FunctionPackage derived = base.environment("B", "2").functionName("other");
		assertThat(base.environment()).containsOnlyKeys("A");
		assertThat(base.functionName()).isEqualTo("function");
		assertThat(derived.environment()).containsOnlyKeys("A", "B");
	}

	@Test
	void presetsTheInvocationWithTheFunctionsTimeoutAndArn() {
		FunctionPackage functionPackage = FunctionPackage.of(this.directory)
			.functionName("orders")
			.timeout(Duration.ofSeconds(9));
		var request = functionPackage.invocation(new byte[0]).build();
		assertThat(request.timeout()).isEqualTo(Duration.ofSeconds(9));
		assertThat(request.invokedFunctionArn()).endsWith(":function:orders");
	}

	@Test
	void findsTheOnePackageMatchingAGlob() throws Exception {
		Path zip = Files.createFile(this.directory.resolve("app-1.0-aws.zip"));
		assertThat(FunctionPackage.find(this.directory, "app-*-aws.zip").source()).isEqualTo(zip);
	}

	@Test
	void saysToBuildAMissingPackage() {
		assertThatIllegalStateException().isThrownBy(() -> FunctionPackage.find(this.directory, "app-*-aws.zip"))
			.withMessageContaining("No deployment package app-*-aws.zip in " + this.directory)
			.withMessageContaining("mvn package");
		FunctionPackage missing = FunctionPackage.of(this.directory.resolve("gone.zip")).handler("a.B::handle");
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(missing)) {
			assertThatIllegalStateException().isThrownBy(function::start)
				.withMessageContaining("No deployment package at " + this.directory.resolve("gone.zip"));
		}
	}

	@Test
	void refusesAmbiguousPackages() throws Exception {
		Files.createFile(this.directory.resolve("app-1.0-aws.zip"));
		Files.createFile(this.directory.resolve("app-2.0-aws.zip"));
		assertThatIllegalStateException().isThrownBy(() -> FunctionPackage.find(this.directory, "app-*-aws.zip"))
			.withMessageContaining("Several packages");
	}

	@Test
	void refusesAHandlerlessManagedRuntimeAndABootstraplessCustomOne() {
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(FunctionPackage.of(this.directory))) {
			assertThatIllegalStateException().isThrownBy(function::start).withMessageContaining("No handler set");
		}
		FunctionPackage custom = FunctionPackage.of(this.directory).runtime("provided.al2023");
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(custom)) {
			assertThatIllegalStateException().isThrownBy(function::start)
				.withMessageContaining("needs an executable bootstrap");
		}
	}

	@Test
	void refusesSettingsLambdaWouldRefuse() {
		FunctionPackage functionPackage = FunctionPackage.of(this.directory);
		assertThatIllegalArgumentException().isThrownBy(() -> functionPackage.memorySize(64));
		assertThatIllegalArgumentException().isThrownBy(() -> functionPackage.timeout(Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> functionPackage.runtime("nodejs20.x"));
		assertThatIllegalArgumentException().isThrownBy(() -> functionPackage.handler(" "));
	}

}
