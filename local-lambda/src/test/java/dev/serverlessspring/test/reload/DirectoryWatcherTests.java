package dev.serverlessspring.test.reload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A compiler's burst of writes is one change, reported once the tree is quiet.
 */
class DirectoryWatcherTests {

	@TempDir
	Path classes;

	@Test
	void aBurstOfWritesIsReportedOnceWhenTheTreeSettles() throws Exception {
		Semaphore changes = new Semaphore(0);
		try (DirectoryWatcher watcher = new DirectoryWatcher(this.classes, Duration.ofMillis(20),
				Duration.ofMillis(300), changes::release)) {
			assertThat(changes.tryAcquire(200, TimeUnit.MILLISECONDS)).as("nothing changed yet").isFalse();
			Files.createDirectories(this.classes.resolve("com/acme"));
			for (int i = 0; i < 5; i++) {
				Files.writeString(this.classes.resolve("com/acme/Type" + i + ".class"), "v1");
				Thread.sleep(50);
			}
			assertThat(changes.tryAcquire(5, TimeUnit.SECONDS)).as("the burst").isTrue();
			assertThat(changes.tryAcquire(700, TimeUnit.MILLISECONDS)).as("reported once").isFalse();

			Files.delete(this.classes.resolve("com/acme/Type0.class"));
			assertThat(changes.tryAcquire(5, TimeUnit.SECONDS)).as("a deletion").isTrue();
		}
	}

	@Test
	void aMissingDirectoryIsAnEmptyTree() {
		try (DirectoryWatcher watcher = new DirectoryWatcher(this.classes.resolve("absent"), Duration.ofSeconds(1),
				Duration.ofSeconds(1), () -> {
				})) {
			assertThat(watcher.snapshot()).isEmpty();
		}
	}

}
