package dev.serverlessspring.test.local;

import java.nio.file.Files;
import java.util.Objects;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.ResponseStreamConsumer;
import dev.serverlessspring.test.config.FunctionConfig;
import dev.serverlessspring.test.process.FunctionPackage;
import dev.serverlessspring.test.process.ManagedRuntimeProcess;
import dev.serverlessspring.test.runtime.InvocationRequest;
import org.jspecify.annotations.Nullable;

/**
 * A function run from its deployment package in a runtime process of its own, as Lambda's
 * managed runtime does (see {@link ManagedRuntimeProcess}).
 */
final class OutOfProcessFunction implements LocalFunction {

	private final FunctionConfig config;

	private final ManagedRuntimeProcess process;

	OutOfProcessFunction(FunctionConfig config) {
		if (config.artifact() == null) {
			throw new IllegalStateException("Function '" + config.name()
					+ "' has no package.artifact in serverless.yml: out-of-process mode runs the deployment zip");
		}
		if (!Files.exists(config.artifact())) {
			throw new IllegalStateException("The deployment package of function '" + config.name() + "' is missing: "
					+ config.artifact() + " (build it first, for example with mvn package)");
		}
		this.config = config;
		this.process = new ManagedRuntimeProcess(packageOf(config));
	}

	static FunctionPackage packageOf(FunctionConfig config) {
		return FunctionPackage
			.of(Objects.requireNonNull(config.artifact(),
					() -> "Function '" + config.name() + "' has no package.artifact in serverless.yml"))
			.functionName(config.deployedName())
			.handler(config.handler())
			.runtime(config.runtime())
			.environment(config.environment())
			.timeout(config.timeout())
			.memorySize(config.memorySize())
			.region(config.region());
	}

	@Override
	public FunctionConfig config() {
		return this.config;
	}

	FunctionPackage functionPackage() {
		return this.process.functionPackage();
	}

	@Override
	public InvocationResult invoke(InvocationRequest request) {
		return this.process.invoke(request);
	}

	@Override
	public InvocationResult invoke(InvocationRequest request, @Nullable ResponseStreamConsumer consumer) {
		return this.process.invoke(request, consumer);
	}

	/**
	 * Start the runtime process ahead of the first invocation.
	 */
	void start() {
		this.process.start();
	}

	@Override
	public void close() {
		this.process.close();
	}

}
