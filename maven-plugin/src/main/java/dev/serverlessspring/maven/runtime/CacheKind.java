package dev.serverlessspring.maven.runtime;

/**
 * The two caches a JVM can write at the end of a training run and read at start-up, and
 * the options of each (both take the place of Lambda's {@code -Xshare:auto}).
 */
enum CacheKind {

	/**
	 * A JDK AOT cache (JDK 25+, JEP 483/514/515): classes loaded and linked, and method
	 * profiles.
	 */
	AOT_CACHE("app.aot", "", "-XX:AOTCacheOutput=", "-XX:AOTCache=", "JDK AOT cache"),

	/**
	 * A dynamic AppCDS archive (JDK 21 to 24), on top of the runtime's default CDS
	 * archive.
	 */
	DYNAMIC_CDS("app.jsa", "-Xshare:auto", "-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile=",
			"dynamic AppCDS archive");

	private final String fileName;

	private final String options;

	private final String trainingOption;

	private final String option;

	private final String description;

	CacheKind(String fileName, String options, String trainingOption, String option, String description) {
		this.fileName = fileName;
		this.options = options;
		this.trainingOption = trainingOption;
		this.option = option;
		this.description = description;
	}

	/**
	 * The cache's file in the task root.
	 * @return the file name
	 */
	String fileName() {
		return this.fileName;
	}

	/**
	 * The JVM options besides the one naming the cache's file, in training and at run
	 * time.
	 * @return the options, separated by spaces
	 */
	String options() {
		return this.options;
	}

	/**
	 * The JVM option that writes the cache when the JVM exits; the path follows.
	 * @return the option's name and its {@code =}
	 */
	String trainingOption() {
		return this.trainingOption;
	}

	/**
	 * The JVM option that reads the cache; the path follows.
	 * @return the option's name and its {@code =}
	 */
	String option() {
		return this.option;
	}

	String description() {
		return this.description;
	}

	CacheKind other() {
		return (this == AOT_CACHE) ? DYNAMIC_CDS : AOT_CACHE;
	}

}
