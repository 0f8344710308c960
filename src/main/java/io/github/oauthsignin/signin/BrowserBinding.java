package io.github.oauthsignin.signin;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

import io.github.oauthsignin.web.AppCookies;

/**
 * Binds a started sign-in to the browser that started it, without a session: a random value (256 bits) in a cookie,
 * {@value #COOKIE}, set when a sign-in or a connection starts. The callback finds an attempt only when it carries the
 * same cookie, so a callback URL carried to another browser (the attacker's answer sent to a victim: login CSRF)
 * finds nothing.
 * <p>
 * The cookie is {@code HttpOnly} (no script reads it), {@code SameSite=Lax} (it comes back with the provider's
 * top-level redirect to the callback, which is a GET, but not with a cross-site POST), {@code Secure} when the app is
 * served over HTTPS (directly or behind a trusted proxy), on the whole site, and lives as long as an attempt
 * ({@code signin.pending.timeout}). A provider that answers with a cross-site POST (Apple's {@code form_post}) reaches
 * it by answering that POST with a 303 to a GET of the callback, which carries the cookie.
 */
@Component
public class BrowserBinding {

	/** The cookie's name. */
	public static final String COOKIE = "SIGNIN_ATTEMPTS";

	private static final int BYTES = 32;

	private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_-]{43}");

	private final SecureRandom random = new SecureRandom();

	private final Duration lifetime;

	BrowserBinding(SignInProperties properties) {
		this.lifetime = properties.pending().timeout();
	}

	/** The binding this request's browser carries, if it carries a well-formed one. */
	public Optional<String> of(HttpServletRequest request) {
		Cookie cookie = WebUtils.getCookie(request, COOKIE);
		return Optional.ofNullable(cookie).map(Cookie::getValue).filter((value) -> VALUE.matcher(value).matches());
	}

	/**
	 * The browser's binding, made now when it has none, and (re)set in the response so that it lives as long as the
	 * attempt about to start.
	 */
	String bind(HttpServletRequest request, HttpServletResponse response) {
		String value = of(request).orElseGet(this::newValue);
		setCookie(request, response, value, this.lifetime);
		return value;
	}

	/** Tells the browser to drop its binding (it signed out, and has no attempt left to finish). */
	void unbind(HttpServletRequest request, HttpServletResponse response) {
		setCookie(request, response, "", Duration.ZERO);
	}

	private static void setCookie(HttpServletRequest request, HttpServletResponse response, String value,
			Duration maxAge) {
		String contextPath = request.getContextPath();
		AppCookies.set(request, response, COOKIE, value, contextPath.isEmpty() ? "/" : contextPath, maxAge);
	}

	private String newValue() {
		byte[] bytes = new byte[BYTES];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
