package io.github.oauthsignin.web;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The app's own small cookies (a browser's sign-in attempts, a provider's form post, a flash message): host-only,
 * {@code HttpOnly}, {@code SameSite=Lax} (never {@code None}), {@code Secure} on HTTPS. One place for those
 * attributes, so that a cookie added later cannot be made weaker by accident.
 */
public final class AppCookies {

	private AppCookies() {
	}

	/**
	 * Sets the cookie, or ends it with an empty value and {@link Duration#ZERO}.
	 * @param path the path it is sent to, with the context path
	 */
	public static void set(HttpServletRequest request, HttpServletResponse response, String name, String value,
			String path, Duration maxAge) {
		ResponseCookie cookie = ResponseCookie.from(name, value)
			.path(path)
			.maxAge(maxAge)
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite("Lax")
			.build();
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
	}

}
