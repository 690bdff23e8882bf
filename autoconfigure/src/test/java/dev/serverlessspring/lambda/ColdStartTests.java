package dev.serverlessspring.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class ColdStartTests {

	@Test
	void onlyTheFirstInvocationIsColdAndAskingTwiceAgrees() {
		ColdStart coldStart = new ColdStart(false);
		assertThat(coldStart.isColdStart(context("a"))).isTrue();
		assertThat(coldStart.isColdStart(context("a"))).isTrue();
		assertThat(coldStart.isColdStart(context("b"))).isFalse();
	}

	@Test
	void provisionedConcurrencyHasNoColdStart() {
		assertThat(new ColdStart(true).isColdStart(context("a"))).isFalse();
	}

	private static Context context(String requestId) {
		Context context = mock(Context.class);
		given(context.getAwsRequestId()).willReturn(requestId);
		return context;
	}

}
