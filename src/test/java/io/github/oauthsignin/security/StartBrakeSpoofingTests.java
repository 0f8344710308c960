package io.github.oauthsignin.security;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import io.github.oauthsignin.fake.twitter.FakeTwitter;
import io.github.oauthsignin.support.SignInFlowTestSupport;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start brake (3 a minute here) as shipped, no proxy named: a script that rotates {@code X-Forwarded-For} on
 * every press is still one client, its connection's address, and gets no more starts than anyone.
 */
@TestPropertySource(properties = "signin.brake.starts-per-minute=3")
class StartBrakeSpoofingTests extends SignInFlowTestSupport {

	@Test
	void authorizeWhenForwardedForRotatedThenStillOneAllowanceAndXContactedAtMostTheLimit() {
		int requestTokens = twitter.calls(FakeTwitter.REQUEST_TOKEN);
		int started = 0;
		int refused = 0;
		for (int press = 0; press < 10; press++) {
			TestBrowser script = browser().alwaysSend("X-Forwarded-For", "203.0.113." + (press + 1));
			int status = script.press(script.open("/"), "Sign in with X", Map.of()).statusCode();
			if (status == 302) {
				started++;
			}
			else if (status == 429) {
				refused++;
			}
		}
		assertThat(started).isLessThanOrEqualTo(3);
		assertThat(refused).isGreaterThanOrEqualTo(7);
		assertThat(twitter.calls(FakeTwitter.REQUEST_TOKEN) - requestTokens).isLessThanOrEqualTo(3);
	}

}
