package dev.serverlessspring.lambda.event;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Whether bytes are well-formed UTF-8, as JSON text must be (RFC 8259). Jackson's byte
 * parser decodes some ill-formed sequences instead of refusing them: the overlong
 * {@code 0xC0 0xAF} becomes {@code /}, a classic way past a check that looked at the
 * bytes. The JDK's decoder, used here, refuses overlong forms, surrogates and code points
 * above U+10FFFF.
 */
public final class Utf8Validator {

	/** Decoded characters are discarded; the buffer only has to hold a surrogate pair. */
	private static final int CHUNK = 1024;

	private Utf8Validator() {
	}

	/**
	 * Tell whether the bytes are well-formed UTF-8.
	 * @param bytes the bytes
	 * @return {@code true} when every sequence is well-formed
	 */
	public static boolean isValid(byte[] bytes) {
		int start = 0;
		// Most events are ASCII: nothing to decode.
		while (start < bytes.length && bytes[start] >= 0) {
			start++;
		}
		if (start == bytes.length) {
			return true;
		}
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
		CharBuffer out = CharBuffer.allocate(CHUNK);
		while (true) {
			CoderResult result = decoder.decode(in, out, true);
			if (result.isError()) {
				return false;
			}
			if (result.isUnderflow()) {
				return !decoder.flush(out).isError();
			}
			out.clear();
		}
	}

}
