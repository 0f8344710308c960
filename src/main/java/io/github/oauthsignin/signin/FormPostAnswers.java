package io.github.oauthsignin.signin;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

import io.github.oauthsignin.config.SharedSecrets;
import io.github.oauthsignin.web.AppCookies;

/**
 * Carries a provider's answer that came by a cross-site POST ({@code response_mode=form_post}, Apple) to the GET of
 * the callback it is answered with (a 303), in a cookie, {@value #COOKIE}: the browser sends no {@code SameSite=Lax}
 * cookie with a cross-site POST, so the attempt bound to it ({@link BrowserBinding}) can only be found by that GET.
 * <p>
 * The cookie holds the answer's fields ({@link #FIELDS}, each at most {@value #MAX_FIELD_LENGTH} characters; others
 * are dropped), the provider and an expiry {@link #LIFETIME} away, sealed with AES-GCM under a key all instances
 * share ({@link SharedSecrets}): nobody can read the code in it, or make one the app takes. It is {@code HttpOnly},
 * {@code SameSite=Lax}, on the callback's path only, and read once: the GET clears it. Nothing else is kept: a
 * replayed or forged POST only reaches a callback that finds no attempt of this browser, as a forged GET would.
 */
@Component
public class FormPostAnswers {

	/** The cookie's name. */
	public static final String COOKIE = "SIGNIN_FORM_POST";

	/** The fields of a form-post answer the callback reads. */
	static final List<String> FIELDS = List.of("code", "state", "user", "error");

	static final int MAX_FIELD_LENGTH = 2048;

	static final Duration LIFETIME = Duration.ofMinutes(2);

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SharedSecrets secrets;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private volatile SecretKeySpec key;

	FormPostAnswers(SharedSecrets secrets, Clock clock) {
		this.secrets = secrets;
		this.clock = clock;
	}

	/** Seals the answer's fields into the cookie, for the GET of the callback at {@code path}. */
	void carry(String providerId, Map<String, String> answer, HttpServletRequest request,
			HttpServletResponse response) {
		StringBuilder form = new StringBuilder();
		for (String field : FIELDS) {
			String value = answer.get(field);
			if (value != null && value.length() <= MAX_FIELD_LENGTH) {
				form.append(form.isEmpty() ? "" : "&").append(field).append('=')
					.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
			}
		}
		String plain = this.clock.instant().plus(LIFETIME).getEpochSecond() + "\n" + form;
		setCookie(request, response, providerId, seal(providerId, plain), LIFETIME);
	}

	/**
	 * The answer this browser carries for this provider, if it carries a sealed, unexpired one; the cookie is cleared
	 * either way.
	 */
	Optional<Map<String, String>> take(String providerId, HttpServletRequest request, HttpServletResponse response) {
		Cookie cookie = WebUtils.getCookie(request, COOKIE);
		if (cookie == null) {
			return Optional.empty();
		}
		setCookie(request, response, providerId, "", Duration.ZERO);
		return open(providerId, cookie.getValue()).flatMap(this::unexpiredFields);
	}

	private Optional<Map<String, String>> unexpiredFields(String plain) {
		int newline = plain.indexOf('\n');
		if (newline < 0) {
			return Optional.empty();
		}
		long expiresAt;
		try {
			expiresAt = Long.parseLong(plain.substring(0, newline));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
		if (!this.clock.instant().isBefore(Instant.ofEpochSecond(expiresAt))) {
			return Optional.empty();
		}
		Map<String, String> fields = new LinkedHashMap<>();
		for (String pair : plain.substring(newline + 1).split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				fields.put(pair.substring(0, equals),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return Optional.of(fields);
	}

	private String seal(String providerId, String plain) {
		byte[] iv = new byte[IV_BYTES];
		this.random.nextBytes(iv);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(providerId.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			byte[] value = new byte[IV_BYTES + sealed.length];
			System.arraycopy(iv, 0, value, 0, IV_BYTES);
			System.arraycopy(sealed, 0, value, IV_BYTES, sealed.length);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is part of every JDK", ex);
		}
	}

	/** The plain text of a value this app sealed for this provider, or empty for anything else. */
	private Optional<String> open(String providerId, String value) {
		try {
			byte[] bytes = Base64.getUrlDecoder().decode(value);
			if (bytes.length < IV_BYTES + TAG_BITS / 8) {
				return Optional.empty();
			}
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
			cipher.updateAAD(providerId.getBytes(StandardCharsets.UTF_8));
			return Optional.of(new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES),
					StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException | GeneralSecurityException | ProviderException ex) {
			return Optional.empty();
		}
	}

	private SecretKeySpec key() {
		SecretKeySpec known = this.key;
		if (known == null) {
			known = new SecretKeySpec(this.secrets.secret("form-post-answers"), "AES");
			this.key = known;
		}
		return known;
	}

	private static void setCookie(HttpServletRequest request, HttpServletResponse response, String providerId,
			String value, Duration maxAge) {
		AppCookies.set(request, response, COOKIE, value, request.getContextPath() + "/callback/" + providerId, maxAge);
	}

}
