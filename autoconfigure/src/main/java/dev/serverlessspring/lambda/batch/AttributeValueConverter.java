package dev.serverlessspring.lambda.batch;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

import dev.serverlessspring.lambda.invoke.InvalidEventException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a DynamoDB item in the attribute-value form of stream records
 * ({@code {"Id":{"N":"101"},"Tags":{"SS":["a"]}}}) into plain JSON
 * ({@code {"Id":101,"Tags":["a"]}}), which reads into an ordinary Java type.
 * <p>
 * Numbers keep their exact value (integers as integers, others as {@code BigDecimal});
 * sets become arrays; binary values stay base64 strings, as Jackson reads them into
 * {@code byte[]}. The AWS SDK's {@code EnhancedDocument} does the same but would put the
 * SDK (its DynamoDB model, HTTP and auth SPIs) on every function's classpath, for a
 * transformation of a dozen lines over the JSON tree already parsed.
 */
public final class AttributeValueConverter {

	private final JsonNodeFactory nodes;

	public AttributeValueConverter(JsonNodeFactory nodes) {
		this.nodes = nodes;
	}

	/**
	 * Convert an item (a map of attribute names to attribute values).
	 * @param item the item in attribute-value form
	 * @return the item as a plain JSON object
	 * @throws InvalidEventException when an attribute value has an unknown form
	 */
	public ObjectNode toJson(JsonNode item) {
		ObjectNode object = this.nodes.objectNode();
		for (Map.Entry<String, JsonNode> attribute : item.properties()) {
			object.set(attribute.getKey(), value(attribute.getKey(), attribute.getValue()));
		}
		return object;
	}

	private JsonNode value(String name, JsonNode attributeValue) {
		if (attributeValue == null || !attributeValue.isObject() || attributeValue.size() != 1) {
			throw unknown(name);
		}
		Map.Entry<String, JsonNode> typed = attributeValue.properties().iterator().next();
		JsonNode value = typed.getValue();
		return switch (typed.getKey()) {
			case "S", "B" -> this.nodes.stringNode(value.asString());
			case "N" -> number(value.asString());
			case "BOOL" -> this.nodes.booleanNode(value.asBoolean());
			case "NULL" -> this.nodes.nullNode();
			case "M" -> toJson(value);
			case "L" -> list(name, value);
			case "SS", "BS" -> set(value, false);
			case "NS" -> set(value, true);
			default -> throw unknown(name);
		};
	}

	private ArrayNode list(String name, JsonNode values) {
		ArrayNode array = this.nodes.arrayNode();
		for (JsonNode element : values) {
			array.add(value(name, element));
		}
		return array;
	}

	private ArrayNode set(JsonNode values, boolean numbers) {
		ArrayNode array = this.nodes.arrayNode();
		for (JsonNode element : values) {
			array.add(numbers ? number(element.asString()) : this.nodes.stringNode(element.asString()));
		}
		return array;
	}

	private JsonNode number(String text) {
		try {
			BigDecimal number = new BigDecimal(text);
			if (number.scale() <= 0 || number.stripTrailingZeros().scale() <= 0) {
				BigInteger integer = number.toBigIntegerExact();
				// Smallest fitting type, as Jackson reads integers from JSON text.
				if (integer.bitLength() < 32) {
					return this.nodes.numberNode(integer.intValue());
				}
				return (integer.bitLength() < 64) ? this.nodes.numberNode(integer.longValue())
						: this.nodes.numberNode(integer);
			}
			return this.nodes.numberNode(number);
		}
		catch (NumberFormatException | ArithmeticException ex) {
			throw new InvalidEventException("A DynamoDB number attribute is not a number", ex);
		}
	}

	private static InvalidEventException unknown(String name) {
		return new InvalidEventException("DynamoDB attribute '" + name + "' is not in attribute-value form", null);
	}

}
