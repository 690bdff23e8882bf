package dev.serverlessspring.maven.dev;

import java.io.File;
import java.util.List;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The local Lambda's class path: what the functions run with on Lambda, plus the local
 * Lambda and its own dependencies; not the project's other test dependencies.
 */
class LocalLambdaJvmTests {

	@Test
	void runtimeDependenciesAndTheLocalLambdaWithItsDependencies() throws MojoFailureException {
		List<String> classPath = LocalLambdaJvm
			.dependencies(List.of(artifact("org.springframework", "spring-core", "compile", "com.acme:orders:jar:1.0"),
					artifact("org.slf4j", "slf4j-jdk14", "runtime", "com.acme:orders:jar:1.0"),
					artifact("dev.serverlessspring", "serverless-spring-test", "test", "com.acme:orders:jar:1.0"),
					artifact("com.amazonaws", "aws-lambda-java-runtime-interface-client", "test",
							"com.acme:orders:jar:1.0", "dev.serverlessspring:serverless-spring-test:jar:1.0"),
					artifact("org.junit.jupiter", "junit-jupiter", "test", "com.acme:orders:jar:1.0")));

		assertThat(classPath).extracting((jar) -> new File(jar).getName())
			.containsExactly("spring-core.jar", "slf4j-jdk14.jar", "serverless-spring-test.jar",
					"aws-lambda-java-runtime-interface-client.jar");
	}

	@Test
	void withoutTheLocalLambdaTheMessageSaysWhatToAdd() {
		assertThatExceptionOfType(MojoFailureException.class)
			.isThrownBy(() -> LocalLambdaJvm.dependencies(
					List.of(artifact("org.springframework", "spring-core", "compile", "com.acme:orders:jar:1.0"))))
			.withMessageContaining("<artifactId>serverless-spring-test</artifactId><scope>test</scope>");
	}

	private static Artifact artifact(String groupId, String artifactId, String scope, String... trail) {
		DefaultArtifactHandler handler = new DefaultArtifactHandler("jar");
		handler.setAddedToClasspath(true);
		DefaultArtifact artifact = new DefaultArtifact(groupId, artifactId, "1.0", scope, "jar", null, handler);
		artifact.setFile(new File("/repository/" + artifactId + ".jar"));
		List<String> path = new java.util.ArrayList<>(List.of(trail));
		path.add(groupId + ":" + artifactId + ":jar:1.0");
		artifact.setDependencyTrail(path);
		return artifact;
	}

}
