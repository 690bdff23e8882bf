package ${package};

/**
 * The answer of the {@code hello} function.
 *
 * @param message the greeting
 */
public record Greeting(String message) {
}
