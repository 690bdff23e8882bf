package dev.serverlessspring.lambda.logging;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class SensitiveFieldMaskerTests {

	private final SensitiveFieldMasker masker = new SensitiveFieldMasker(SensitiveFieldMasker.DEFAULT_NAMES);

	@Test
	void masksSensitiveMembersAtAnyDepthIgnoringCaseAndPunctuation() {
		JsonNode masked = mask("{\"headers\":{\"Authorization\":\"Bearer x\",\"X-Api-Key\":\"k\",\"Accept\":\"*/*\"},"
				+ "\"multiValueHeaders\":{\"Cookie\":[\"a=1\",\"b=2\"]},\"records\":[{\"accessToken\":\"t\",\"id\":1}]}");
		assertThat(masked.at("/headers/Authorization").asString()).isEqualTo(SensitiveFieldMasker.MASK);
		assertThat(masked.at("/headers/X-Api-Key").asString()).isEqualTo(SensitiveFieldMasker.MASK);
		assertThat(masked.at("/headers/Accept").asString()).isEqualTo("*/*");
		assertThat(masked.at("/multiValueHeaders/Cookie").asString()).isEqualTo(SensitiveFieldMasker.MASK);
		assertThat(masked.at("/records/0/accessToken").asString()).isEqualTo(SensitiveFieldMasker.MASK);
		assertThat(masked.at("/records/0/id").asInt()).isEqualTo(1);
	}

	@Test
	void masksInsideStringsThatHoldJson() {
		JsonNode masked = mask("{\"body\":\"{\\\"user\\\":\\\"ada\\\",\\\"password\\\":\\\"hunter2\\\"}\"}");
		JsonNode body = JsonMapper.shared().readTree(masked.get("body").asString());
		assertThat(body.get("user").asString()).isEqualTo("ada");
		assertThat(body.get("password").asString()).isEqualTo(SensitiveFieldMasker.MASK);
	}

	@Test
	void namesAreConfigurable() {
		SensitiveFieldMasker custom = new SensitiveFieldMasker(List.of("iban"));
		String masked = custom.mask("{\"IBAN\":\"DE02\",\"password\":\"p\"}".getBytes(StandardCharsets.UTF_8));
		assertThat(masked).isEqualTo("{\"IBAN\":\"****\",\"password\":\"p\"}");
	}

	@Test
	void payloadThatIsNotJsonIsNotShown() {
		assertThat(this.masker.mask("password=hunter2".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("<16 bytes, not JSON>");
	}

	private JsonNode mask(String json) {
		return JsonMapper.shared().readTree(this.masker.mask(json.getBytes(StandardCharsets.UTF_8)));
	}

}
