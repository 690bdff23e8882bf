package dev.serverlessspring.test.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Resolves the Serverless Framework variables that a {@code serverless.yml} commonly
 * uses:
 * <ul>
 * <li>{@code ${self:service}}, {@code ${self:custom.x}}, any
 * {@code ${self:path.in.file}};</li>
 * <li>{@code ${sls:stage}} and {@code ${opt:stage}} (the stage asked for, else
 * {@code provider.stage}, else {@code dev}); other {@code opt:} variables take their
 * fallback;</li>
 * <li>{@code ${env:NAME}} (this process's environment);</li>
 * <li>fallbacks after a comma: {@code ${opt:stage, 'dev'}}, {@code ${env:X,
 * self:custom.x}}, numbers, and variables nested in variables.</li>
 * </ul>
 * Anything else ({@code file(...)}, {@code ssm:}, {@code cf:}, {@code aws:}, ...), or a
 * variable without value nor fallback, fails with a {@link ServerlessConfigException}
 * that names the key.
 */
final class ServerlessVariables {

	private static final int MAX_DEPTH = 10;

	private final Path file;

	private final Map<?, ?> root;

	private final @Nullable String stageOption;

	private final Function<String, @Nullable String> environment;

	private @Nullable String stage;

	ServerlessVariables(Path file, Map<?, ?> root, @Nullable String stageOption) {
		this(file, root, stageOption, System::getenv);
	}

	ServerlessVariables(Path file, Map<?, ?> root, @Nullable String stageOption,
			Function<String, @Nullable String> environment) {
		this.file = file;
		this.root = root;
		this.stageOption = stageOption;
		this.environment = environment;
	}

	/**
	 * Return the stage: the one asked for, else {@code provider.stage}, else {@code dev}.
	 * @return the stage
	 */
	String stage() {
		if (this.stage == null) {
			if (this.stageOption != null && !this.stageOption.isBlank()) {
				this.stage = this.stageOption;
			}
			else {
				this.stage = "dev"; // provisional, should provider.stage refer to
									// ${sls:stage}
				Object provider = this.root.get("provider");
				Object configured = (provider instanceof Map<?, ?> map) ? resolve("provider.stage", map.get("stage"))
						: null;
				this.stage = (configured != null) ? String.valueOf(configured) : "dev";
			}
		}
		return this.stage;
	}

	/**
	 * Resolve the variables in a value of the document.
	 * @param at the key, for error messages
	 * @param value a scalar, mapping or list
	 * @return the value with its variables resolved
	 */
	@Nullable Object resolve(String at, @Nullable Object value) {
		return resolve(at, value, 0);
	}

	private @Nullable Object resolve(String at, @Nullable Object value, int depth) {
		if (depth > MAX_DEPTH) {
			throw fail(at, "variables refer to each other in a cycle");
		}
		if (value instanceof String text) {
			return resolveText(at, text, depth);
		}
		if (value instanceof Map<?, ?> map) {
			Map<Object, Object> resolved = new java.util.LinkedHashMap<>();
			map.forEach((key, item) -> resolved.put(key, resolve(at + "." + key, item, depth)));
			return resolved;
		}
		if (value instanceof List<?> list) {
			List<Object> resolved = new ArrayList<>();
			for (int i = 0; i < list.size(); i++) {
				resolved.add(resolve(at + "[" + i + "]", list.get(i), depth));
			}
			return resolved;
		}
		return value;
	}

	private @Nullable Object resolveText(String at, String text, int depth) {
		int start = text.indexOf("${");
		if (start < 0) {
			return text;
		}
		int end = closingBrace(text, start);
		if (end < 0) {
			throw fail(at, "'" + text + "' has an unclosed ${");
		}
		Object value = expression(at, text.substring(start + 2, end), depth);
		if (start == 0 && end == text.length() - 1) {
			// A value that is one variable keeps the variable's type (number, mapping,
			// ...).
			return value;
		}
		if (value instanceof Map || value instanceof List) {
			throw fail(at, "'" + text.substring(start, end + 1) + "' is not a string and cannot be part of one");
		}
		return resolveText(at, text.substring(0, start) + value + text.substring(end + 1), depth + 1);
	}

	private static int closingBrace(String text, int start) {
		int open = 0;
		for (int i = start; i < text.length(); i++) {
			if (text.startsWith("${", i)) {
				open++;
				i++;
			}
			else if (text.charAt(i) == '}' && --open == 0) {
				return i;
			}
		}
		return -1;
	}

	// "source:address, fallback, ..." after nested variables are resolved
	private @Nullable Object expression(String at, String expression, int depth) {
		Object inner = resolveText(at, expression, depth + 1);
		String resolved = String.valueOf(inner);
		for (String candidate : splitTopLevel(resolved)) {
			Object value = source(at, candidate.strip(), depth);
			if (value != null) {
				return value;
			}
		}
		throw fail(at, "${" + expression + "} has no value" + (resolved.contains(",") ? " and no usable fallback"
				: "; add a fallback such as ${" + expression + ", 'value'}"));
	}

	private static List<String> splitTopLevel(String expression) {
		List<String> parts = new ArrayList<>();
		int from = 0;
		char quote = 0;
		for (int i = 0; i < expression.length(); i++) {
			char c = expression.charAt(i);
			if (quote != 0) {
				quote = (c == quote) ? 0 : quote;
			}
			else if (c == '\'' || c == '"') {
				quote = c;
			}
			else if (c == ',') {
				parts.add(expression.substring(from, i));
				from = i + 1;
			}
		}
		parts.add(expression.substring(from));
		return parts;
	}

	private @Nullable Object source(String at, String candidate, int depth) {
		if (candidate.length() >= 2 && (candidate.charAt(0) == '\'' || candidate.charAt(0) == '"')
				&& candidate.charAt(candidate.length() - 1) == candidate.charAt(0)) {
			return candidate.substring(1, candidate.length() - 1);
		}
		if (candidate.matches("-?\\d+(\\.\\d+)?")) {
			return candidate.contains(".") ? Double.valueOf(candidate) : Long.valueOf(candidate);
		}
		if (candidate.equals("true") || candidate.equals("false")) {
			return Boolean.valueOf(candidate);
		}
		int colon = candidate.indexOf(':');
		String source = (colon > 0) ? candidate.substring(0, colon) : candidate;
		String address = (colon > 0) ? candidate.substring(colon + 1).strip() : "";
		return switch (source) {
			case "self" -> self(at, address, depth);
			case "sls" -> switch (address) {
				case "stage" -> stage();
				default ->
					throw fail(at, "${sls:" + address + "} is not supported by the local Lambda (only sls:stage)");
			};
			case "opt" -> switch (address) {
				case "stage" -> (this.stageOption != null && !this.stageOption.isBlank()) ? this.stageOption : null;
				default -> null; // no other options are passed locally: the fallback
									// applies
			};
			case "env" -> this.environment.apply(address);
			default -> throw fail(at, "${" + candidate
					+ "} is not supported by the local Lambda; supported: self:, sls:stage, opt:stage, env:");
		};
	}

	private @Nullable Object self(String at, String address, int depth) {
		Object current = this.root;
		if (!address.isEmpty()) {
			for (String key : address.split("\\.")) {
				if (!(current instanceof Map<?, ?> map)) {
					return null;
				}
				current = map.get(key);
			}
		}
		return resolve("self:" + address, current, depth + 1);
	}

	private ServerlessConfigException fail(String at, String problem) {
		return new ServerlessConfigException(this.file + ": cannot resolve " + at + ": " + problem);
	}

}
