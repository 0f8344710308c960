package io.github.oauthsignin.production;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.oauthsignin.fake.FakeServer;
import io.github.oauthsignin.fake.FakeServer.Fault;
import io.github.oauthsignin.fake.facebook.FakeFacebook;
import io.github.oauthsignin.fake.oauth2.FakeOAuth2Provider;
import io.github.oauthsignin.fake.twitter.FakeTwitter;
import io.github.oauthsignin.support.SignInFlowTestSupport;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer of a provider is bounded (signin.http.max-answer-size, 1 MiB by default, and the read timeout, 2 s
 * here, as the deadline of a whole answer): a 50 MB token, UserInfo, emails or OAuth 1.0a answer, with or without
 * a Content-Length, and an answer dripped a byte at a time, each end on the usual "did not answer" page with one log
 * line naming the provider and the limit, never the body, and the app goes on signing people in. The issuer's
 * discovery and keys: {@code ProviderAnswerLimitsOnDiscoveryTests}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProviderAnswerLimitsTests extends SignInFlowTestSupport {

	private static final long FIFTY_MB = 50L * 1024 * 1024;

	private static final String TOO_LARGE = "an answer larger than the limit of 1048576 bytes (signin.http.max-answer-size)";

	private static final String TOO_SLOW = "no whole answer within the read timeout (spring.http.clients.read-timeout)";

	@Test
	void tokenWhenFiftyMegabytesWithContentLengthThenDidNotAnswerAndNeverRead(CapturedOutput output) {
		facebook.failNext(FakeFacebook.TOKEN, Fault.oversize(FIFTY_MB, true));
		assertDidNotAnswer("Facebook", "facebook", output, TOO_LARGE);
		assertNotDelivered(facebook);
	}

	@Test
	void tokenWhenFiftyMegabytesChunkedThenDidNotAnswerAndReadingStopped(CapturedOutput output) {
		github.failNext(FakeOAuth2Provider.TOKEN, Fault.oversize(FIFTY_MB, false));
		assertDidNotAnswer("GitHub", "github", output, TOO_LARGE);
		assertNotDelivered(github);
	}

	@Test
	void tokenWhenDrippedAByteAtATimeThenGivenUpOnAtTheDeadline(CapturedOutput output) {
		long started = System.nanoTime();
		facebook.failNext(FakeFacebook.TOKEN, Fault.drip(Duration.ofMillis(100), 600));
		assertDidNotAnswer("Facebook", "facebook", output, TOO_SLOW);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a minute's drip given up on")
			.isLessThan(Duration.ofSeconds(20));
	}

	@Test
	void userInfoWhenFiftyMegabytesChunkedThenDidNotAnswer(CapturedOutput output) {
		forge.failNext(FakeOAuth2Provider.USER_INFO, Fault.oversize(FIFTY_MB, false));
		assertDidNotAnswer("Forge", "forge", output, TOO_LARGE);
		assertNotDelivered(forge);
	}

	@Test
	void userInfoWhenDrippedThenGivenUpOn(CapturedOutput output) {
		google.failNext(FakeOAuth2Provider.USER_INFO, Fault.drip(Duration.ofMillis(100), 600));
		assertDidNotAnswer("Google", "google", output, TOO_SLOW);
	}

	@Test
	void facebookProfileWhenFiftyMegabytesThenDidNotAnswer(CapturedOutput output) {
		facebook.failNext(FakeFacebook.ME, Fault.oversize(FIFTY_MB, true));
		assertDidNotAnswer("Facebook", "facebook", output, TOO_LARGE);
	}

	@Test
	void gitHubEmailsWhenFiftyMegabytesThenDidNotAnswer(CapturedOutput output) {
		github.failNext(FakeOAuth2Provider.EMAILS, Fault.oversize(FIFTY_MB, false));
		assertDidNotAnswer("GitHub", "github", output, TOO_LARGE);
	}

	@Test
	void oauth1RequestTokenWhenFiftyMegabytesThenDidNotAnswer(CapturedOutput output) {
		twitter.failNext(FakeTwitter.REQUEST_TOKEN, Fault.oversize(FIFTY_MB, false));
		assertDidNotAnswer("X", "twitter", output, TOO_LARGE);
		assertNotDelivered(twitter);
	}

	@Test
	void oauth1ProfileWhenDrippedThenGivenUpOn(CapturedOutput output) {
		twitter.failNext(FakeTwitter.VERIFY_CREDENTIALS, Fault.drip(Duration.ofMillis(100), 600));
		assertDidNotAnswer("X", "twitter", output, TOO_SLOW);
	}

	@Test
	void answerWhenJustUnderTheLimitThenStillRead() {
		// The limit is on the answer's size, not on reading: an answer that fits is read whole (here one that is not
		// a token answer, so the sign-in fails for that reason, not the size).
		facebook.failNext(FakeFacebook.TOKEN, Fault.oversize(1024 * 1024, true));
		TestBrowser.Page page = signIn(browser(), "Facebook");
		assertThat(page.message()).contains("Facebook did not answer, please try again.");
		assertThat(facebook.streamedBytes()).isEqualTo(1024 * 1024);
	}

	private void assertDidNotAnswer(String name, String id, CapturedOutput output, String why) {
		TestBrowser.Page page = signIn(browser(), name);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.uri().getPath()).isEqualTo("/");
		assertThat(page.message()).contains(name + " did not answer, please try again.");
		assertThat(page.greeting()).isEmpty();
		List<String> lines = output.getOut().lines().filter((line) -> line.contains("Sign-in with " + id + " failed")).toList();
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0)).contains(why).hasSizeLessThan(400);
		assertThat(signIn(browser(), name).greeting()).as("the next sign-in works").isPresent();
	}

	/** The fake could not hand over its 50 MB: the app stopped reading (the rest sits at most in socket buffers). */
	private static void assertNotDelivered(FakeServer fake) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (fake.streamedBytes() < 0 && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(fake.streamedBytes()).isBetween(0L, FIFTY_MB / 2);
	}

}
