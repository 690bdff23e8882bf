package dev.serverlessspring.autoconfigure.json;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on the JSON events the application's Jackson mapper reads, so that a hostile or
 * broken event fails fast with a clear error instead of exhausting the function's memory
 * or stack. The defaults fit what Lambda can deliver: a synchronous invocation's event is
 * at most 6 MB (6,291,456 bytes).
 */
@ConfigurationProperties(LambdaJsonProperties.PREFIX)
public class LambdaJsonProperties {

	/**
	 * The prefix of these properties.
	 */
	public static final String PREFIX = "serverless.spring.json";

	/** The largest event Lambda delivers: the 6 MB limit of a synchronous invocation. */
	static final int LAMBDA_MAX_EVENT_BYTES = 6_291_456;

	/**
	 * How deeply arrays and objects may nest. Lambda's own events nest fewer than ten
	 * levels (a DynamoDB attribute map takes two per level of the item); deeper input is
	 * refused before deserializers recurse into it.
	 */
	private int maxNestingDepth = 256;

	/**
	 * The longest JSON document, in bytes; -1 for no limit. Nothing larger can reach a
	 * function through Lambda.
	 */
	private long maxDocumentLength = LAMBDA_MAX_EVENT_BYTES;

	/**
	 * The longest string value, in characters: an event's whole size, so that a request
	 * body as large as Lambda allows (base64 included) is still read.
	 */
	private int maxStringLength = LAMBDA_MAX_EVENT_BYTES;

	/**
	 * The most digits of a number. Parsing a huge number into a BigInteger or BigDecimal
	 * takes time that grows faster than its length.
	 */
	private int maxNumberLength = 256;

	public int getMaxNestingDepth() {
		return this.maxNestingDepth;
	}

	public void setMaxNestingDepth(int maxNestingDepth) {
		this.maxNestingDepth = maxNestingDepth;
	}

	public long getMaxDocumentLength() {
		return this.maxDocumentLength;
	}

	public void setMaxDocumentLength(long maxDocumentLength) {
		this.maxDocumentLength = maxDocumentLength;
	}

	public int getMaxStringLength() {
		return this.maxStringLength;
	}

	public void setMaxStringLength(int maxStringLength) {
		this.maxStringLength = maxStringLength;
	}

	public int getMaxNumberLength() {
		return this.maxNumberLength;
	}

	public void setMaxNumberLength(int maxNumberLength) {
		this.maxNumberLength = maxNumberLength;
	}

}
