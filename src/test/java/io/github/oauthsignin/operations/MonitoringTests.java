package io.github.oauthsignin.operations;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

import io.github.oauthsignin.fake.FakeServer.Fault;
import io.github.oauthsignin.fake.FakeServer.Response;
import io.github.oauthsignin.fake.facebook.FakeFacebook;
import io.github.oauthsignin.fake.twitter.FakeTwitter;
import io.github.oauthsignin.support.SignInFlowTestSupport;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metrics on (the documented setting) and the brake on sign-in starts at 3 a minute, through the real filter
 * chain: the outcome counters and timers move, Prometheus is scraped from this machine only, and a client address
 * past its limit gets the 429 page without the provider being contacted. The proxy is named (this machine, as
 * DEPLOY shows for nginx), so its X-Forwarded-For is believed: each test comes from client addresses of its own, and
 * no test spends another's allowance.
 */
@TestPropertySource(properties = { "signin.brake.starts-per-minute=3", "management.prometheus.metrics.export.enabled=true",
		"server.forward-headers-strategy=native",
		"server.tomcat.remoteip.internal-proxies=127[.]0[.]0[.]1|0:0:0:0:0:0:0:1" })
class MonitoringTests extends SignInFlowTestSupport {

	private static final String TOO_MANY = "Your network has started more sign-ins in the last minute than we allow. "
			+ "Please wait a minute, then try again.";

	private static final AtomicInteger addresses = new AtomicInteger(10);

	@Autowired
	MeterRegistry registry;

	@LocalManagementPort
	int managementPort;

	@Test
	void outcomesWhenSignInsEndEachWayThenEachCounterMoves() {
		Map<String, Double> before = Map.of("success_new", outcomes("facebook", "success_new"), "success_returning",
				outcomes("facebook", "success_returning"), "cancelled", outcomes("facebook", "cancelled"), "expired",
				outcomes("facebook", "expired"), "provider_failed", outcomes("facebook", "provider_failed"),
				"rate_limited", outcomes("facebook", "rate_limited"));

		signInAs(ownBrowser(), person("4801", "Counted Cora", null), false);
		signInAs(ownBrowser(), person("4801", "Counted Cora", null), false);
		facebook.denyNext();
		assertThat(signIn(ownBrowser(), "Facebook").message()).contains("You cancelled signing in with Facebook.");
		assertThat(ownBrowser().open("/callback/facebook?code=x&state=y").message())
			.contains("That sign-in link has expired or was not started here.");
		facebook.failNext(FakeFacebook.TOKEN, Fault.answer(Response.text(500, "down")));
		assertThat(signIn(ownBrowser(), "Facebook").message()).contains("Facebook did not answer, please try again.");
		TestBrowser hasty = ownBrowser();
		for (int start = 0; start < 4; start++) {
			hasty.press(hasty.open("/"), "Sign in with Facebook", Map.of());
		}

		before.forEach((outcome, count) -> assertThat(outcomes("facebook", outcome)).as(outcome).isEqualTo(count + 1));
	}

	@Test
	void timersWhenSignedInWithFacebookAndXThenCallbackAndEachProviderCallTimed() {
		long callbacks = timer("signin.callback", "provider", "facebook");
		long tokens = timer("signin.provider.calls", "provider", "facebook", "step", "token");
		long profiles = timer("signin.provider.calls", "provider", "facebook", "step", "profile");
		long requestTokens = timer("signin.provider.calls", "provider", "twitter", "step", "request_token");
		long xProfiles = timer("signin.provider.calls", "provider", "twitter", "step", "profile");

		signInAs(ownBrowser(), person("4802", "Timed Tom", null), false);
		twitter.nextPerson(person("4802", "Timed Tess", null));
		assertThat(signIn(ownBrowser(), "X").greeting()).contains("Hi, Timed Tess!");

		assertThat(timer("signin.callback", "provider", "facebook")).isEqualTo(callbacks + 1);
		assertThat(timer("signin.provider.calls", "provider", "facebook", "step", "token")).isEqualTo(tokens + 1);
		assertThat(timer("signin.provider.calls", "provider", "facebook", "step", "profile")).isEqualTo(profiles + 1);
		assertThat(timer("signin.provider.calls", "provider", "twitter", "step", "request_token"))
			.isEqualTo(requestTokens + 1);
		assertThat(timer("signin.provider.calls", "provider", "twitter", "step", "profile")).isEqualTo(xProfiles + 1);
	}

	@Test
	void prometheusWhenOnThenScrapedOnTheManagementPortOnlyWhateverTheHeadersSay() {
		signInAs(ownBrowser(), person("4803", "Scraped Sam", null), false);
		String prometheus = "http://localhost:" + this.managementPort + "/actuator/prometheus";

		HttpResponse<String> scrape = browser().get(prometheus);

		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("signin_outcomes_total{outcome=\"success_new\",provider=\"facebook\"}")
			.contains("signin_callback_seconds_count{provider=\"facebook\"}")
			.containsPattern("signin_callback_seconds_bucket\\{provider=\"facebook\",le=\"[0-9.]+\"\\}")
			.contains("signin_provider_calls_seconds_count{provider=\"facebook\",step=\"token\"}")
			.doesNotContain(FACEBOOK_APP_SECRET);
		assertThat(ownBrowser().get(prometheus).statusCode())
			.as("the operator port believes no forwarded header: still this machine's connection").isEqualTo(200);
		HttpResponse<String> publicPort = browser().alwaysSend("X-Forwarded-For", "127.0.0.1").get("/actuator/prometheus");
		assertThat(publicPort.statusCode()).as("on the public port").isIn(403, 404);
		assertThat(publicPort.body()).doesNotContain("signin_outcomes_total");
	}

	@Test
	void authorizeWhenForwardedForRotatesThroughTheNamedProxyThenEachVisitorHasItsOwnAllowance() {
		// The named proxy's header is believed: these are three visitors, each within its allowance.
		for (int visitor = 0; visitor < 3; visitor++) {
			TestBrowser browser = ownBrowser();
			for (int start = 0; start < 3; start++) {
				assertThat(browser.press(browser.open("/"), "Sign in with X", Map.of()).statusCode()).isEqualTo(302);
			}
		}
	}

	@Test
	void authorizeWhenPastTheLimitThen429PageAndXNotContacted() {
		int requestTokens = twitter.calls(FakeTwitter.REQUEST_TOKEN);
		TestBrowser script = ownBrowser();
		for (int start = 0; start < 3; start++) {
			assertThat(script.press(script.open("/"), "Sign in with X", Map.of()).statusCode()).isEqualTo(302);
		}

		HttpResponse<String> refused = script.press(script.open("/"), "Sign in with X", Map.of());

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).contains("60");
		TestBrowser.Page page = script.follow(refused);
		assertThat(page.document().title()).isEqualTo("Too many sign-in attempts");
		assertThat(page.html()).contains(TOO_MANY).doesNotContain("Exception");
		assertThat(page.text("h1")).contains("Too many sign-in attempts");
		assertThat(page.text(".lead")).as("the lead does not repeat the heading")
			.hasValueSatisfying((lead) -> assertThat(lead).doesNotContainIgnoringCase("too many sign-in attempts"));
		assertThat(script.press(script.open("/"), "Sign in with X", Map.of()).statusCode()).isEqualTo(429);
		assertThat(twitter.calls(FakeTwitter.REQUEST_TOKEN)).as("X contacted at most the limit").isEqualTo(
				requestTokens + 3);
		twitter.nextPerson(person("4804", "Patient Pia", null));
		assertThat(signIn(ownBrowser(), "X").greeting()).as("another address").contains("Hi, Patient Pia!");
	}

	@Test
	void connectWhenPastTheLimitThen429AndTheAccountUnchanged() {
		TestBrowser browser = ownBrowser();
		signInAs(browser, person("4805", "Linking Lena", null), false);
		long id = userId("facebook$4805");
		int requestTokens = twitter.calls(FakeTwitter.REQUEST_TOKEN);
		browser.press(browser.open("/account"), "Connect X", Map.of());
		browser.press(browser.open("/account"), "Connect X", Map.of());

		HttpResponse<String> refused = browser.press(browser.open("/account"), "Connect X", Map.of());

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(browser.follow(refused).html()).contains(TOO_MANY);
		assertThat(twitter.calls(FakeTwitter.REQUEST_TOKEN)).as("X contacted at most the limit").isEqualTo(
				requestTokens + 2);
		assertThat(this.jdbc.queryForObject("select count(*) from identities where user_id = ?", Integer.class, id))
			.isEqualTo(1);
		assertThat(userId("facebook$4805")).isEqualTo(id);
		assertThat(browser.open("/").greeting()).contains("Hi, Linking Lena!");
	}

	/** A browser from a client address no other test uses. */
	private TestBrowser ownBrowser() {
		return browser().alwaysSend("X-Forwarded-For", "198.51.100." + addresses.incrementAndGet());
	}

	private double outcomes(String provider, String outcome) {
		Counter counter = this.registry.find("signin.outcomes").tags("provider", provider, "outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private long timer(String name, String... tags) {
		Timer timer = this.registry.find(name).tags(tags).timer();
		return (timer != null) ? timer.count() : 0;
	}

}
