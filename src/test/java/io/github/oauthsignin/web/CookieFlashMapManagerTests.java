package io.github.oauthsignin.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.FlashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flash attributes in a signed cookie: what the app wrote comes back once, on the page it was meant for; what anyone
 * else wrote or changed is ignored; the cookie stays small and never needs a session.
 */
class CookieFlashMapManagerTests {

	private static final byte[] KEY = "a key of thirty-two bytes, really".getBytes(StandardCharsets.US_ASCII);

	private final CookieFlashMapManager flashMaps = new CookieFlashMapManager(KEY);

	/** The cookie's value as the manager writes and reads it. */
	private final SignedFlashMaps signed = new SignedFlashMaps(KEY, CookieFlashMapManager.MAX_VALUE_LENGTH);

	@Test
	void messageWhenSavedThenShownOnceOnItsPageWithoutASession() {
		MockHttpServletRequest callback = new MockHttpServletRequest("GET", "/callback/facebook");
		MockHttpServletResponse redirect = new MockHttpServletResponse();
		this.flashMaps.saveOutputFlashMap(message("/", "You cancelled signing in with Facebook."), callback, redirect);
		Cookie cookie = redirect.getCookie(CookieFlashMapManager.COOKIE);
		assertThat(cookie).isNotNull();
		assertThat(redirect.getHeader("Set-Cookie")).contains("; Path=/").contains("; Max-Age=180")
			.contains("; HttpOnly").contains("; SameSite=Lax");
		assertThat(callback.getSession(false)).isNull();

		MockHttpServletRequest otherPage = withCookie("/account", cookie);
		assertThat(attributes(this.flashMaps.retrieveAndUpdate(otherPage, new MockHttpServletResponse()))).isNull();

		MockHttpServletRequest home = withCookie("/", cookie);
		MockHttpServletResponse shown = new MockHttpServletResponse();
		assertThat(attributes(this.flashMaps.retrieveAndUpdate(home, shown))).containsEntry(PageMessages.ATTRIBUTE,
				"You cancelled signing in with Facebook.");
		assertThat(shown.getCookie(CookieFlashMapManager.COOKIE).getMaxAge()).as("removed once shown").isZero();
		assertThat(home.getSession(false)).isNull();
	}

	@Test
	void messageWhenTwoLeftInOneRequestThenBothKeptAndTheShownOneNotBroughtBack() {
		MockHttpServletRequest first = new MockHttpServletRequest("GET", "/callback/facebook");
		MockHttpServletResponse firstResponse = new MockHttpServletResponse();
		this.flashMaps.saveOutputFlashMap(message("/account", "One"), first, firstResponse);
		MockHttpServletRequest account = withCookie("/account", firstResponse.getCookie(CookieFlashMapManager.COOKIE));
		MockHttpServletResponse accountResponse = new MockHttpServletResponse();
		assertThat(attributes(this.flashMaps.retrieveAndUpdate(account, accountResponse))).containsValue("One");
		this.flashMaps.saveOutputFlashMap(message("/", "Two"), account, accountResponse);
		List<String> setCookies = accountResponse.getHeaders("Set-Cookie");
		String last = setCookies.get(setCookies.size() - 1);
		List<FlashMap> left = this.signed.read(last.substring(last.indexOf('=') + 1, last.indexOf(';')));
		assertThat(left).singleElement().satisfies((flashMap) -> assertThat(attributes(flashMap)).containsValue("Two"));
	}

	@Test
	void readWhenWrittenByTheAppThenTheSameFlashMaps() {
		FlashMap written = message("/", "Zoë 🚀 did not answer, please try again.");
		written.addTargetRequestParam("next", "/account");
		written.startExpirationPeriod(180);
		List<FlashMap> read = this.signed.read(this.signed.write(List.of(written)));
		assertThat(read).singleElement().satisfies((flashMap) -> {
			assertThat(attributes(flashMap)).isEqualTo(attributes(written));
			assertThat(flashMap.getTargetRequestPath()).isEqualTo("/");
			assertThat(flashMap.getTargetRequestParams().getFirst("next")).isEqualTo("/account");
			assertThat(flashMap.getExpirationTime()).isEqualTo(written.getExpirationTime());
		});
	}

	@Test
	void readWhenForgedOrChangedThenIgnored() {
		String genuine = this.signed.write(List.of(message("/", "You have signed out.")));
		String payload = genuine.substring(0, genuine.indexOf('.'));
		String signature = genuine.substring(genuine.indexOf('.') + 1);
		String otherText = this.signed.write(List.of(message("/", "Call +1 555 0100 to restore your account.")));
		String otherPayload = otherText.substring(0, otherText.indexOf('.'));
		SignedFlashMaps otherKey = new SignedFlashMaps(new byte[32], CookieFlashMapManager.MAX_VALUE_LENGTH);

		assertThat(this.signed.read(otherPayload + "." + signature)).as("changed words").isNull();
		assertThat(this.signed.read(payload)).as("no signature").isNull();
		assertThat(this.signed.read(payload + ".")).as("empty signature").isNull();
		assertThat(this.signed.read(payload + "." + signature.substring(1))).as("cut signature").isNull();
		assertThat(otherKey.read(genuine)).as("another key").isNull();
		assertThat(this.signed.read("not base64!.@@")).isNull();
		assertThat(this.signed.read(Base64.getUrlEncoder().encodeToString(new byte[] { 9 }) + "." + signature))
			.isNull();
		assertThat(this.signed.read("x".repeat(5000))).as("too long to be ours").isNull();
	}

	@Test
	void writeWhenMoreThanFitsThenOldestDroppedAndTheCookieStaysSmall() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		MockHttpServletResponse response = new MockHttpServletResponse();
		for (int i = 0; i < 10; i++) {
			this.flashMaps.saveOutputFlashMap(message("/", "Message " + i + " " + "x".repeat(400)), request, response);
		}
		List<String> setCookies = response.getHeaders("Set-Cookie");
		String last = setCookies.get(setCookies.size() - 1);
		String value = last.substring(last.indexOf('=') + 1, last.indexOf(';'));
		assertThat(value.length()).isLessThanOrEqualTo(CookieFlashMapManager.MAX_VALUE_LENGTH);
		List<FlashMap> kept = this.signed.read(value);
		assertThat(kept).hasSizeBetween(1, CookieFlashMapManager.MAX_MAPS);
		assertThat(kept.get(kept.size() - 1).get(PageMessages.ATTRIBUTE).toString()).startsWith("Message 9 ");
	}

	@Test
	void writeWhenAnAttributeIsNotTextThenItStaysBehind() {
		FlashMap flashMap = message("/", "Text travels.");
		flashMap.put("object", new StringBuilder("objects do not"));
		assertThat(this.signed.read(this.signed.write(List.of(flashMap)))).singleElement()
			.satisfies((read) -> assertThat(attributes(read)).containsOnlyKeys(PageMessages.ATTRIBUTE));
	}

	/** A flash map as the map of attributes it is (it is comparable too, which AssertJ cannot choose between). */
	private static Map<String, Object> attributes(FlashMap flashMap) {
		return flashMap;
	}

	private static FlashMap message(String path, String text) {
		FlashMap flashMap = new FlashMap();
		flashMap.setTargetRequestPath(path);
		flashMap.put(PageMessages.ATTRIBUTE, text);
		return flashMap;
	}

	private static MockHttpServletRequest withCookie(String path, Cookie cookie) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.setCookies(new Cookie(cookie.getName(), cookie.getValue()));
		return request;
	}

}
