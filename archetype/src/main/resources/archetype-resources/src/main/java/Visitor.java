package ${package};

/**
 * Who asks to be greeted.
 *
 * @param name the visitor's name
 */
public record Visitor(String name) {
}
