package dev.serverlessspring.example.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.serverlessspring.lambda.http.HttpEvent;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generated hostile and broken events: malformed and truncated JSON, wrong types, deep
 * nesting, events at and over Lambda's 6 MB limit, invalid UTF-8, missing and extra
 * fields, null events and event shapes the function does not expect.
 */
final class HostileEvents {

	/** A valid event of the {@code quote} function. */
	static final String VALID_QUOTE = "{\"sku\":\"BOOK-1\",\"quantity\":3}";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Lambda's limit for a synchronous invocation's event. */
	static final int LAMBDA_MAX_EVENT_BYTES = 6_291_456;

	private HostileEvents() {
	}

	/**
	 * Cases for a function taking a JSON object ({@code QuoteRequest}).
	 * @return the cases
	 */
	static List<Case> forObjectInput() {
		List<Case> cases = new ArrayList<>();
		// Truncated: every proper prefix of a valid event, the empty event included.
		for (int length = 0; length < VALID_QUOTE.length(); length++) {
			cases.add(Case.of("truncated to " + length, VALID_QUOTE.substring(0, length), Expect.INVALID_EVENT));
		}
		// Malformed.
		for (String malformed : List.of("{sku:\"BOOK-1\",\"quantity\":3}", "{'sku':'BOOK-1','quantity':3}",
				"{\"sku\":\"BOOK-1\",\"quantity\":3,}", "{\"sku\" \"BOOK-1\"}", "}{", "nul", "tru", "{\"quantity\":03}",
				"{\"quantity\":NaN}", "/* comment */ {\"sku\":\"BOOK-1\",\"quantity\":3}",
				"{\"sku\":\"BOOK-1\u0000\",\"quantity\":3}", "{\"sku\":\"\\x41\",\"quantity\":3}",
				"{\"sku\":\"BOOK-1\",\"quantity\":-}", "{\"sku\":\"BOOK-1\" \"quantity\":3}", "\"unterminated")) {
			cases.add(Case.of("malformed " + malformed.replace("\u0000", "\\u0000"), malformed, Expect.INVALID_EVENT));
		}
		cases.add(Case.of("trailing token", VALID_QUOTE + "}", Expect.ANSWERED));
		cases.add(Case.of("two documents", VALID_QUOTE + VALID_QUOTE, Expect.ANSWERED));
		// Wrong types.
		for (String wrong : List.of("{\"sku\":\"BOOK-1\",\"quantity\":\"three\"}",
				"{\"sku\":[\"BOOK-1\"],\"quantity\":3}", "{\"sku\":{\"id\":1},\"quantity\":3}",
				"{\"sku\":\"BOOK-1\",\"quantity\":99999999999}", "{\"sku\":\"BOOK-1\",\"quantity\":{}}",
				"{\"sku\":\"BOOK-1\",\"quantity\":[3]}")) {
			cases.add(Case.of("wrong type " + wrong, wrong, Expect.INVALID_EVENT));
		}
		for (String odd : List.of("{\"sku\":1,\"quantity\":3}", "{\"sku\":\"BOOK-1\",\"quantity\":3.7}",
				"{\"sku\":\"BOOK-1\",\"quantity\":true}", "{\"sku\":\"BOOK-1\",\"quantity\":\"3\"}", "[]", "\"text\"",
				"42", "true", "[" + VALID_QUOTE + "]", "{\"sku\":\"BOOK-1\",\"quantity\":1e999999999}")) {
			cases.add(Case.of("odd type " + odd, odd, Expect.ANSWERED));
		}
		// Deep nesting: at the limit, over it, and far over it without an end.
		cases.add(Case.of("nested 200 deep", "{\"sku\":\"BOOK-1\",\"quantity\":3,\"extra\":" + nested(200) + "}",
				Expect.SUCCESS));
		cases.add(Case.of("nested 257 deep", nested(257), Expect.INVALID_EVENT));
		cases.add(Case.of("nested 1000 deep in an extra field",
				"{\"sku\":\"BOOK-1\",\"quantity\":3,\"extra\":" + nested(1000) + "}", Expect.INVALID_EVENT));
		cases.add(Case.of("100000 open brackets", "[".repeat(100_000), Expect.INVALID_EVENT));
		cases.add(Case.of("100000 open objects", "{\"a\":".repeat(100_000), Expect.INVALID_EVENT));
		// Numbers.
		cases.add(Case.of("300-digit quantity", "{\"sku\":\"BOOK-1\",\"quantity\":" + "9".repeat(300) + "}",
				Expect.INVALID_EVENT));
		cases.add(Case.of("300-digit fraction", "{\"sku\":\"BOOK-1\",\"quantity\":3,\"x\":0." + "1".repeat(300) + "}",
				Expect.INVALID_EVENT));
		// Size: just under Lambda's limit is read; over it (which Lambda's Invoke API
		// refuses) is refused here too.
		cases.add(new Case("6 MB string in an extra field", padded(LAMBDA_MAX_EVENT_BYTES), Expect.SUCCESS));
		cases.add(new Case("6 MB of numbers in an extra field", numbers(LAMBDA_MAX_EVENT_BYTES), Expect.SUCCESS));
		cases.add(new Case("7 MB string in an extra field", padded(7 * 1024 * 1024), Expect.INVALID_EVENT));
		// Invalid UTF-8.
		cases.add(new Case("invalid UTF-8 continuation", utf8WithBytes(0xC3, 0x28), Expect.INVALID_EVENT));
		// Jackson alone would decode the overlong 0xC0 0xAF as '/': refused before it
		// reads the event.
		cases.add(new Case("overlong UTF-8", utf8WithBytes(0xC0, 0xAF), Expect.INVALID_EVENT));
		cases.add(new Case("lone 0xFF byte", utf8WithBytes(0xFF), Expect.INVALID_EVENT));
		cases.add(new Case("UTF-8 cut mid-character", withBytes("{\"sku\":\"", 0xE2, 0x82), Expect.INVALID_EVENT));
		cases.add(new Case("UTF-16 event", VALID_QUOTE.getBytes(StandardCharsets.UTF_16), Expect.ANSWERED));
		cases.add(Case.of("byte order mark", "\uFEFF" + VALID_QUOTE, Expect.ANSWERED));
		// Missing, extra and null fields; null events.
		cases.add(Case.of("empty object", "{}", Expect.ERROR));
		cases.add(Case.of("missing quantity", "{\"sku\":\"BOOK-1\"}", Expect.ERROR));
		cases.add(Case.of("null sku", "{\"sku\":null,\"quantity\":3}", Expect.ERROR));
		cases.add(Case.of("extra fields", "{\"sku\":\"BOOK-1\",\"quantity\":3,\"gift\":true,\"note\":{\"a\":[1,2]}}",
				Expect.SUCCESS));
		cases
			.add(Case.of("duplicate field", "{\"sku\":\"NOPE-0\",\"sku\":\"BOOK-1\",\"quantity\":3}", Expect.ANSWERED));
		cases.add(Case.of("null event", "null", Expect.ERROR));
		cases.add(Case.of("whitespace event", " \n\t ", Expect.ERROR));
		// Event shapes the function does not expect.
		cases.add(Case
			.of("API Gateway v2 event", "{\"version\":\"2.0\",\"routeKey\":\"POST /quote\",\"rawPath\":\"/quote\","
					+ "\"headers\":{\"content-type\":\"application/json\"},\"requestContext\":{\"http\":{\"method\":\"POST\"}},"
					+ "\"body\":\"eyJza3UiOiJCT09LLTEifQ==\",\"isBase64Encoded\":true}", Expect.ANSWERED));
		cases.add(Case.of("records of an unknown source",
				"{\"Records\":[{\"eventSource\":\"aws:unknown\",\"body\":\"x\"}]}", Expect.ANSWERED));
		cases.add(Case.of("SQS record with a broken body",
				"{\"Records\":[{\"messageId\":\"m-1\",\"eventSource\":\"aws:sqs\"," + "\"body\":\"{not json\"}]}",
				Expect.ANSWERED));
		cases.add(Case.of("SQS records that are null", "{\"Records\":[null,{\"eventSource\":\"aws:sqs\"}]}",
				Expect.ANSWERED));
		cases.add(Case.of("Records not an array", "{\"Records\":\"everything\"}", Expect.ANSWERED));
		cases.add(Case.of("empty Records", "{\"Records\":[]}", Expect.ANSWERED));
		return cases;
	}

	/**
	 * Cases for a function taking text ({@code String}): it reads any bytes, so most are
	 * answered; the point is that nothing breaks the environment.
	 * @return the cases
	 */
	static List<Case> forTextInput() {
		List<Case> cases = new ArrayList<>();
		cases.add(new Case("invalid UTF-8", utf8WithBytes(0xC3, 0x28, 0xFF), Expect.SUCCESS));
		cases.add(Case.of("unterminated JSON string", "\"abc", Expect.SUCCESS));
		cases.add(Case.of("JSON string with a lone surrogate escape", "\"\\ud800\"", Expect.ANSWERED));
		cases.add(Case.of("JSON string with a bad escape", "\"\\x\"", Expect.SUCCESS));
		cases.add(Case.of("null event", "null", Expect.ANSWERED));
		cases.add(Case.of("empty event", "", Expect.ANSWERED));
		cases.add(Case.of("100000 open brackets", "[".repeat(100_000), Expect.SUCCESS));
		cases.add(new Case("6 MB JSON string", jsonString(6_000_000), Expect.SUCCESS));
		// The answer is as large as the event: over the 6 MB response limit, Lambda's own
		// error.
		cases.add(new Case("7 MB JSON string", jsonString(7 * 1024 * 1024), Expect.ERROR));
		return cases;
	}

	/**
	 * Cases for the HTTP router ({@code POST /quotes} to the {@code quote} function), in
	 * each event shape: API Gateway REST and HTTP APIs, Function URLs and ALBs.
	 * @return the cases
	 */
	static List<Case> forHttp() {
		List<Case> cases = new ArrayList<>();
		for (HttpEvent source : HttpEvent.values()) {
			String name = source.name() + " ";
			cases.add(new Case(name + "invalid base64 body", withBody(source, "%%%not base64!", true),
					Expect.CLIENT_ERROR));
			cases.add(new Case(name + "base64 body cut mid-quantum", withBody(source, "eyJza3UiOiJCT09LLTEiL", true),
					Expect.CLIENT_ERROR));
			cases.add(new Case(name + "malformed JSON body", quotes(source, "{\"sku\":"), Expect.CLIENT_ERROR));
			cases.add(new Case(name + "wrong type in body", quotes(source, "{\"sku\":\"BOOK-1\",\"quantity\":\"x\"}"),
					Expect.CLIENT_ERROR));
			cases.add(new Case(name + "body nested 1000 deep",
					quotes(source, "{\"sku\":\"BOOK-1\",\"quantity\":3,\"x\":" + nested(1000) + "}"),
					Expect.CLIENT_ERROR));
			cases.add(new Case(
					name + "invalid UTF-8 body", source.request("POST", "/quotes", "/quotes", java.util.Map.of(),
							"application/json", "{\"sku\":\"BOOK-1\u00c3\u0028\",\"quantity\":3}", true),
					Expect.CLIENT_ERROR));
			cases.add(new Case(name + "empty body", quotes(source, ""), Expect.CLIENT_ERROR));
			cases.add(new Case(name + "null body", quotes(source, null), Expect.CLIENT_ERROR));
			cases.add(new Case(name + "JSON null body", quotes(source, "null"), Expect.CLIENT_ERROR));
			cases.add(new Case(name + "5 MB body",
					quotes(source, "{\"sku\":\"BOOK-1\",\"quantity\":3,\"padding\":\"" + "x".repeat(5_000_000) + "\"}"),
					Expect.HTTP_SUCCESS));
			cases.add(new Case(name + "5 MB malformed body", quotes(source, "{\"sku\":\"" + "x".repeat(5_000_000)),
					Expect.CLIENT_ERROR));
			cases.add(new Case(name + "unknown route", source.request("POST", "/nope", "/nope", VALID_QUOTE),
					Expect.CLIENT_ERROR));
			cases.add(new Case(name + "wrong method", source.request("DELETE", "/quotes", "/quotes", VALID_QUOTE),
					Expect.CLIENT_ERROR));
		}
		return cases;
	}

	/**
	 * A valid {@code POST /quotes} request.
	 * @param source the event shape
	 * @return the event
	 */
	static byte[] validQuoteRequest(HttpEvent source) {
		return quotes(source, VALID_QUOTE);
	}

	private static byte[] quotes(HttpEvent source, String body) {
		return source.request("POST", "/quotes", "/quotes", body);
	}

	// An event whose body is given as is, however isBase64Encoded is set.
	private static byte[] withBody(HttpEvent source, String body, boolean base64) {
		ObjectNode event = (ObjectNode) JSON.readTree(source.request("POST", "/quotes", "/quotes", VALID_QUOTE));
		event.put("body", body);
		event.put("isBase64Encoded", base64);
		return JSON.writeValueAsBytes(event);
	}

	static String nested(int depth) {
		return "[".repeat(depth) + "]".repeat(depth);
	}

	// A valid quote with an extra string field, padded to the given total size.
	private static byte[] padded(int totalBytes) {
		String head = "{\"sku\":\"BOOK-1\",\"quantity\":3,\"padding\":\"";
		String tail = "\"}";
		return (head + "x".repeat(totalBytes - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
	}

	// A valid quote with an extra array of small numbers, about the given total size.
	private static byte[] numbers(int totalBytes) {
		String head = "{\"sku\":\"BOOK-1\",\"quantity\":3,\"padding\":[1";
		String tail = "]}";
		int count = (totalBytes - head.length() - tail.length()) / 2;
		return (head + ",1".repeat(count) + tail).getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] jsonString(int length) {
		return ("\"" + "x".repeat(length - 2) + "\"").getBytes(StandardCharsets.UTF_8);
	}

	// {"sku":"BOOK-1<bytes>","quantity":3}
	private static byte[] utf8WithBytes(int... bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(withBytes("{\"sku\":\"BOOK-1", bytes));
		out.writeBytes("\",\"quantity\":3}".getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	private static byte[] withBytes(String text, int... bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
		for (int b : bytes) {
			out.write(b);
		}
		return out.toByteArray();
	}

	/** What a case must get. */
	enum Expect {

		/** A normal answer. */
		SUCCESS,

		/**
		 * {@code InvalidEventException}: the event cannot be read as the function's
		 * input.
		 */
		INVALID_EVENT,

		/** An error of any type from the function or the runtime, with a message. */
		ERROR,

		/**
		 * Either a normal answer or a clear error: the input is odd but not necessarily
		 * wrong.
		 */
		ANSWERED,

		/** An HTTP response with a 4xx status: the client's error, told to the client. */
		CLIENT_ERROR,

		/** An HTTP response with a 2xx status. */
		HTTP_SUCCESS

	}

	record Case(String name, byte[] event, Expect expect) {

		static Case of(String name, String event, Expect expect) {
			return new Case(name, event.getBytes(StandardCharsets.UTF_8), expect);
		}

		@Override
		public String toString() {
			return this.name + " (" + this.event.length + " bytes)";
		}

	}

}
