package dev.serverlessspring.lambda.event;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class LambdaEventTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	@Test
	void jsonObjectIsParsedOnce() {
		LambdaEvent event = new LambdaEvent(" {\"version\":\"2.0\"}".getBytes(StandardCharsets.UTF_8), null, MAPPER);

		assertThat(event.jsonObject().get("version").asString()).isEqualTo("2.0");
		assertThat(event.jsonObject()).isSameAs(event.jsonObject());
	}

	@Test
	void eventThatIsNotAJsonObjectHasNone() {
		assertThat(new LambdaEvent("\"text\"".getBytes(StandardCharsets.UTF_8), null, MAPPER).jsonObject()).isNull();
		assertThat(new LambdaEvent("{\"cut\":".getBytes(StandardCharsets.UTF_8), null, MAPPER).jsonObject()).isNull();
		assertThat(new LambdaEvent(new byte[0], null, MAPPER).jsonObject()).isNull();
	}

	@Test
	void eventOfIllFormedUtf8HasNoJsonObjectThoughJacksonWouldDecodeIt() {
		byte[] overlong = "{\"body\":\"/orders\u00C0\u00AF\"}".getBytes(StandardCharsets.ISO_8859_1);
		assertThat(MAPPER.readTree(overlong).get("body").asString()).as("what Jackson alone makes of it")
			.isEqualTo("/orders/");

		assertThat(new LambdaEvent(overlong, null, MAPPER).jsonObject()).isNull();
	}

}
