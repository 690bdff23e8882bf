package dev.serverlessspring.test.local;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.serverlessspring.test.app.FixtureApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dev loop's reload: every function gets a new environment from the given class
 * loader, all start before the reload returns, one that fails to start is reported
 * without stopping the others, and the servers keep their ports.
 */
class LocalLambdaReloadTests {

	@TempDir
	Path directory;

	@Test
	void reloadStartsEveryFunctionAnewAndReportsThoseThatFail() throws Exception {
		Path config = Files.writeString(this.directory.resolve("serverless.yml"),
				"""
						{"service": "reload", "provider": {"name": "aws", "runtime": "java21", "environment": {"GREETING": "Hi"}},
						 "functions": {"upper": {"handler": "uppercase"}, "missing": {"handler": "noSuchBean"}}}
						""");
		try (LocalLambda lambda = LocalLambda.builder()
			.config(config)
			.mode(LocalLambda.Mode.IN_PROCESS)
			.mainClass(FixtureApplication.class.getName())
			.start()) {
			URI invokeApi = lambda.invokeEndpoint();
			URI http = lambda.httpUrl();

			Map<String, Throwable> failures = lambda.reload(getClass().getClassLoader());

			assertThat(failures).containsOnlyKeys("missing");
			assertThat(failures.get("missing")).hasMessageContaining("noSuchBean");
			assertThat(lambda.invoke("upper", "\"a\"").payloadAsString()).isEqualTo("A");
			assertThat(lambda.reload(getClass().getClassLoader())).containsOnlyKeys("missing");
			assertThat(lambda.invoke("upper", "\"b\"").payloadAsString()).isEqualTo("B");
			assertThat(lambda.invokeEndpoint()).isEqualTo(invokeApi);
			assertThat(lambda.httpUrl()).isEqualTo(http);
		}
	}

}
