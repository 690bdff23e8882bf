package dev.serverlessspring.lambda.invoke;

import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.context.config.RoutingFunction;
import org.springframework.util.StringUtils;

/**
 * Chooses the function a Lambda handler serves: the one named by
 * {@code spring.cloud.function.definition} (which may compose, as in {@code a|b}), or the
 * application's only function when no definition is given.
 */
public class FunctionResolver {

	private final FunctionCatalog catalog;

	private final PayloadConverter converter;

	public FunctionResolver(FunctionCatalog catalog, PayloadConverter converter) {
		this.catalog = catalog;
		this.converter = converter;
	}

	/**
	 * Resolve the function to serve.
	 * @param definition the function definition, or {@code null}/empty for the only
	 * function
	 * @return the function
	 * @throws FunctionResolutionException when no single function fits, listing those
	 * there are
	 */
	public LambdaFunction resolve(@Nullable String definition) {
		Set<String> available = availableFunctions();
		String chosen = definition;
		if (!StringUtils.hasText(chosen)) {
			if (available.size() != 1) {
				throw new FunctionResolutionException((available.isEmpty() ? "No function bean found"
						: "Several functions found and none chosen")
						+ "; set spring.cloud.function.definition (environment variable SPRING_CLOUD_FUNCTION_DEFINITION)"
						+ " to one of " + available);
			}
			chosen = available.iterator().next();
		}
		chosen = chosen.strip();
		// Checked by name first: for a name it lacks, the catalog of a one-function
		// application returns that function, which would serve a mistyped definition
		// without a word.
		FunctionInvocationWrapper function = isDeclared(chosen, available) ? this.catalog.lookup(chosen) : null;
		if (function == null) {
			throw new FunctionResolutionException(
					"No function matches the definition '" + chosen + "'; available functions: " + available);
		}
		// A Flux result streams the response; a Flux input has no meaning for one event.
		if (function.isInputTypePublisher()) {
			throw new FunctionResolutionException("Function '" + chosen
					+ "' takes a Flux/Mono; a Lambda invocation takes one event, so declare its input with a plain type"
					+ " (a function may return a Flux to stream its response)");
		}
		return new LambdaFunction(chosen, function, this.converter);
	}

	// Every function of a composition (a|b) must exist; Spring Cloud Function's router
	// may be named too.
	private static boolean isDeclared(String definition, Set<String> available) {
		for (String name : definition.split("\\|")) {
			String function = name.strip();
			if (!available.contains(function) && !RoutingFunction.FUNCTION_NAME.equals(function)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Return the names of the functions the application declares.
	 * @return the sorted names, without Spring Cloud Function's own router
	 */
	public Set<String> availableFunctions() {
		Set<String> names = new TreeSet<>(this.catalog.getNames(null));
		names.remove(RoutingFunction.FUNCTION_NAME);
		return names;
	}

}
