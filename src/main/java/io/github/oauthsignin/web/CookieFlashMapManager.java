package io.github.oauthsignin.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.AbstractFlashMapManager;
import org.springframework.web.util.WebUtils;

/**
 * Flash attributes (the message for the page a browser is sent to next) in a short-lived cookie instead of the HTTP
 * session, so that a message costs the server nothing and a visitor who is told "You cancelled signing in" owns no
 * session for it.
 * <p>
 * The cookie ({@value #COOKIE}) is {@code HttpOnly}, {@code SameSite=Lax}, {@code Secure} over HTTPS, lives as long as
 * a flash map may wait for its page ({@link #getFlashMapTimeout()}, 3 minutes), and is removed by the page that shows
 * it. Its value is the flash maps signed with a key every instance shares ({@code SharedSecrets};
 * {@link SignedFlashMaps}): a cookie the app did not write, or changed by anyone, is ignored, so nobody can put
 * words of their own on the app's pages. It is bounded: at most {@value #MAX_VALUE_LENGTH} characters and
 * {@value #MAX_MAPS} maps; past that the oldest maps are dropped, so a message is lost rather than a cookie refused
 * by the browser.
 */
public class CookieFlashMapManager extends AbstractFlashMapManager {

	/** The cookie's name. */
	public static final String COOKIE = "FLASH";

	static final int MAX_VALUE_LENGTH = 2048;

	static final int MAX_MAPS = 3;

	private static final Logger logger = LoggerFactory.getLogger(CookieFlashMapManager.class);

	/** The flash maps as this request left them, once it changed them: the request's cookie is then stale. */
	private static final String CURRENT = CookieFlashMapManager.class.getName() + ".CURRENT";

	private final SignedFlashMaps signed;

	/** @param key the HMAC key, the same on every instance */
	public CookieFlashMapManager(byte[] key) {
		this.signed = new SignedFlashMaps(key, MAX_VALUE_LENGTH);
	}

	@Override
	@SuppressWarnings("unchecked")
	protected List<FlashMap> retrieveFlashMaps(HttpServletRequest request) {
		Object current = request.getAttribute(CURRENT);
		if (current != null) {
			return (List<FlashMap>) current;
		}
		Cookie cookie = WebUtils.getCookie(request, COOKIE);
		return (cookie != null) ? this.signed.read(cookie.getValue()) : null;
	}

	@Override
	protected void updateFlashMaps(List<FlashMap> flashMaps, HttpServletRequest request, HttpServletResponse response) {
		List<FlashMap> kept = new ArrayList<>(flashMaps);
		String value = this.signed.write(kept);
		while (value.length() > MAX_VALUE_LENGTH || kept.size() > MAX_MAPS) {
			FlashMap dropped = kept.remove(0);
			logger.warn("A message for {} was dropped: the messages waiting for this browser exceed {} characters",
					dropped.getTargetRequestPath(), MAX_VALUE_LENGTH);
			value = this.signed.write(kept);
		}
		request.setAttribute(CURRENT, kept);
		long maxAge = kept.isEmpty() ? 0 : getFlashMapTimeout();
		AppCookies.set(request, response, COOKIE, kept.isEmpty() ? "" : value, path(request),
				Duration.ofSeconds(maxAge));
	}

	/** No lock: each browser's flash maps travel with its own requests, not in shared memory. */
	@Override
	protected Object getFlashMapsMutex(HttpServletRequest request) {
		return null;
	}

	private static String path(HttpServletRequest request) {
		String contextPath = request.getContextPath();
		return contextPath.isEmpty() ? "/" : contextPath;
	}

}
