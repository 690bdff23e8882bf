package dev.serverlessspring.example.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of a runtime process, read from outside it: the resident set from {@code /proc}
 * and the live heap through {@code jcmd} (a full collection first, so that garbage does
 * not count).
 */
final class RuntimeMemory {

	private static final Pattern GENERATION_USED = Pattern.compile("generation\\s+total \\d+K, used (\\d+)K");

	private RuntimeMemory() {
	}

	/**
	 * Return the process's resident set size.
	 * @param pid the process
	 * @return the resident set in kB
	 */
	static long residentKb(long pid) {
		return statusKb(pid, "VmRSS:");
	}

	/**
	 * Return the process's peak resident set size.
	 * @param pid the process
	 * @return the peak resident set in kB
	 */
	static long peakResidentKb(long pid) {
		return statusKb(pid, "VmHWM:");
	}

	/**
	 * Collect the garbage of a JVM and return the heap still in use.
	 * @param pid the JVM
	 * @return the live heap in kB
	 */
	static long liveHeapKb(long pid) {
		jcmd(pid, "GC.run");
		String heapInfo = jcmd(pid, "GC.heap_info");
		Matcher matcher = GENERATION_USED.matcher(heapInfo);
		long used = 0;
		boolean found = false;
		while (matcher.find()) {
			used += Long.parseLong(matcher.group(1));
			found = true;
		}
		if (!found) {
			throw new IllegalStateException("No heap generations in jcmd's answer: " + heapInfo);
		}
		return used;
	}

	private static long statusKb(long pid, String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith(field)) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
			throw new IllegalStateException("No " + field + " in /proc/" + pid + "/status");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String jcmd(long pid, String command) {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		try {
			Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
