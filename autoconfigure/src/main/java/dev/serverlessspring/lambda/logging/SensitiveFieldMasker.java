package dev.serverlessspring.lambda.logging;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Hides the values of sensitive members in a JSON document before it is logged: every
 * member whose name contains one of the configured names, compared without case and
 * without punctuation (so {@code apikey} matches {@code x-api-key} and {@code apiKey},
 * {@code token} matches {@code accessToken}). String values that hold JSON themselves,
 * such as the {@code body} of an API Gateway event, are masked inside too.
 */
public class SensitiveFieldMasker {

	/** What a masked value is replaced with. */
	public static final String MASK = "****";

	/** The names masked unless configured otherwise. */
	public static final List<String> DEFAULT_NAMES = List.of("authorization", "password", "passwd", "secret", "token",
			"cookie", "apikey", "credential", "signature");

	private final List<String> names;

	private final JsonMapper mapper = JsonMapper.shared();

	public SensitiveFieldMasker(Collection<String> names) {
		this.names = names.stream().map(SensitiveFieldMasker::normalize).filter((name) -> !name.isEmpty()).toList();
	}

	/**
	 * Return the payload as one line of JSON with the sensitive values masked.
	 * @param payload the event's bytes
	 * @return the masked JSON, or a note on the payload's size when it is not JSON (it
	 * could not be masked, so it is not shown)
	 */
	public String mask(byte[] payload) {
		try {
			return this.mapper.writeValueAsString(mask(this.mapper.readTree(payload)));
		}
		catch (JacksonException ex) {
			return "<" + payload.length + " bytes, not JSON>";
		}
	}

	/**
	 * Return a copy of a JSON value with the sensitive values masked.
	 * @param json the value, left unchanged
	 * @return the masked copy
	 */
	public JsonNode mask(JsonNode json) {
		if (json instanceof ObjectNode object) {
			ObjectNode masked = this.mapper.createObjectNode();
			for (Map.Entry<String, JsonNode> member : object.properties()) {
				masked.set(member.getKey(),
						isSensitive(member.getKey()) ? StringNode.valueOf(MASK) : mask(member.getValue()));
			}
			return masked;
		}
		if (json instanceof ArrayNode array) {
			ArrayNode masked = this.mapper.createArrayNode();
			for (JsonNode element : array) {
				masked.add(mask(element));
			}
			return masked;
		}
		if (json != null && json.isString() && looksLikeJson(json.asString())) {
			try {
				return StringNode.valueOf(this.mapper.writeValueAsString(mask(this.mapper.readTree(json.asString()))));
			}
			catch (JacksonException ex) {
				return json;
			}
		}
		return json;
	}

	private boolean isSensitive(String name) {
		String normalized = normalize(name);
		for (String sensitive : this.names) {
			if (normalized.contains(sensitive)) {
				return true;
			}
		}
		return false;
	}

	private static boolean looksLikeJson(String text) {
		String stripped = text.strip();
		return stripped.startsWith("{") || stripped.startsWith("[");
	}

	private static String normalize(String name) {
		StringBuilder normalized = new StringBuilder(name.length());
		for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
			if (Character.isLetterOrDigit(c)) {
				normalized.append(c);
			}
		}
		return normalized.toString();
	}

}
