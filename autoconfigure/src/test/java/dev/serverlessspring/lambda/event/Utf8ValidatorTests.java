package dev.serverlessspring.lambda.event;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8ValidatorTests {

	@Test
	void asciiAndWellFormedMultiByteTextIsValid() {
		assertThat(Utf8Validator.isValid(new byte[0])).isTrue();
		assertThat(Utf8Validator.isValid(bytes("{\"sku\":\"BOOK-1\"}"))).isTrue();
		assertThat(Utf8Validator.isValid(bytes("{\"name\":\"Zoë, 5 € \uD83D\uDE00\"}"))).isTrue();
		// Longer than the decoder's chunk, with multi-byte characters across its
		// boundaries.
		assertThat(Utf8Validator.isValid(bytes("é€\uD83D\uDE00".repeat(2000)))).isTrue();
	}

	@Test
	void overlongFormsAreInvalid() {
		// '/' as two and as three bytes: what Jackson decodes as '/'.
		assertThat(Utf8Validator.isValid(withBytes(0xC0, 0xAF))).isFalse();
		assertThat(Utf8Validator.isValid(withBytes(0xE0, 0x80, 0xAF))).isFalse();
		assertThat(Utf8Validator.isValid(withBytes(0xC0, 0x80))).isFalse();
	}

	@Test
	void surrogatesCodePointsAboveTheUnicodeRangeAndFiveByteFormsAreInvalid() {
		assertThat(Utf8Validator.isValid(withBytes(0xED, 0xA0, 0x80))).isFalse();
		assertThat(Utf8Validator.isValid(withBytes(0xF4, 0x90, 0x80, 0x80))).isFalse();
		assertThat(Utf8Validator.isValid(withBytes(0xF8, 0x88, 0x80, 0x80, 0x80))).isFalse();
	}

	@Test
	void brokenSequencesAreInvalid() {
		assertThat(Utf8Validator.isValid(withBytes(0xC3, 0x28))).isFalse();
		assertThat(Utf8Validator.isValid(withBytes(0xFF))).isFalse();
		assertThat(Utf8Validator.isValid(bytesThenCut("{\"price\":\"5 €", 1))).isFalse();
		assertThat(Utf8Validator.isValid(withBytes(0x80))).isFalse();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** {@code {"sku":"BOOK-1<bytes>"}}. */
	private static byte[] withBytes(int... raw) {
		byte[] prefix = bytes("{\"sku\":\"BOOK-1");
		byte[] suffix = bytes("\"}");
		byte[] event = new byte[prefix.length + raw.length + suffix.length];
		System.arraycopy(prefix, 0, event, 0, prefix.length);
		for (int i = 0; i < raw.length; i++) {
			event[prefix.length + i] = (byte) raw[i];
		}
		System.arraycopy(suffix, 0, event, prefix.length + raw.length, suffix.length);
		return event;
	}

	private static byte[] bytesThenCut(String text, int cut) {
		byte[] all = bytes(text);
		byte[] event = new byte[all.length - cut];
		System.arraycopy(all, 0, event, 0, event.length);
		return event;
	}

}
