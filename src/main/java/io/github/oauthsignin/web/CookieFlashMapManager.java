package io.github.oauthsignin.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
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
 * it. Its value is the flash maps (target path and parameters, expiry, attributes, which must be text) followed by
 * an HMAC-SHA256 of them with a key every instance shares ({@code SharedSecrets}): a cookie the app did not write,
 * or changed by anyone, is ignored, so nobody can put words of their own on the app's pages. It is bounded: at
 * most {@value #MAX_VALUE_LENGTH} characters and {@value #MAX_MAPS} maps; past that the oldest maps are dropped, so
 * a message is lost rather than a cookie refused by the browser.
 */
public class CookieFlashMapManager extends AbstractFlashMapManager {

	/** The cookie's name. */
	public static final String COOKIE = "FLASH";

	static final int MAX_VALUE_LENGTH = 2048;

	static final int MAX_MAPS = 3;

	private static final Logger logger = LoggerFactory.getLogger(CookieFlashMapManager.class);

	private static final String ALGORITHM = "HmacSHA256";

	private static final byte VERSION = 1;

	/** The flash maps as this request left them, once it changed them: the request's cookie is then stale. */
	private static final String CURRENT = CookieFlashMapManager.class.getName() + ".CURRENT";

	private final SecretKeySpec key;

	/** @param key the HMAC key, the same on every instance */
	public CookieFlashMapManager(byte[] key) {
		this.key = new SecretKeySpec(key.clone(), ALGORITHM);
	}

	@Override
	@SuppressWarnings("unchecked")
	protected List<FlashMap> retrieveFlashMaps(HttpServletRequest request) {
		Object current = request.getAttribute(CURRENT);
		if (current != null) {
			return (List<FlashMap>) current;
		}
		Cookie cookie = WebUtils.getCookie(request, COOKIE);
		return (cookie != null) ? read(cookie.getValue()) : null;
	}

	@Override
	protected void updateFlashMaps(List<FlashMap> flashMaps, HttpServletRequest request, HttpServletResponse response) {
		List<FlashMap> kept = new ArrayList<>(flashMaps);
		String value = write(kept);
		while (value.length() > MAX_VALUE_LENGTH || kept.size() > MAX_MAPS) {
			FlashMap dropped = kept.remove(0);
			logger.warn("A message for {} was dropped: the messages waiting for this browser exceed {} characters",
					dropped.getTargetRequestPath(), MAX_VALUE_LENGTH);
			value = write(kept);
		}
		request.setAttribute(CURRENT, kept);
		long maxAge = kept.isEmpty() ? 0 : getFlashMapTimeout();
		ResponseCookie cookie = ResponseCookie.from(COOKIE, kept.isEmpty() ? "" : value)
			.path(path(request))
			.maxAge(Duration.ofSeconds(maxAge))
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite("Lax")
			.build();
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
	}

	/** No lock: each browser's flash maps travel with its own requests, not in shared memory. */
	@Override
	protected Object getFlashMapsMutex(HttpServletRequest request) {
		return null;
	}

	/** The cookie's value for these flash maps: their bytes and their signature, each in base64url. */
	String write(List<FlashMap> flashMaps) {
		if (flashMaps.isEmpty()) {
			return "";
		}
		byte[] payload = encode(flashMaps);
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		return base64.encodeToString(payload) + "." + base64.encodeToString(sign(payload));
	}

	/** The flash maps of a cookie's value, or null when it is not one this app wrote. */
	List<FlashMap> read(String value) {
		if (value == null || value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
			return null;
		}
		int dot = value.indexOf('.');
		if (dot < 0) {
			return null;
		}
		try {
			Base64.Decoder base64 = Base64.getUrlDecoder();
			byte[] payload = base64.decode(value.substring(0, dot));
			byte[] signature = base64.decode(value.substring(dot + 1));
			if (!MessageDigest.isEqual(sign(payload), signature)) {
				return null;
			}
			return decode(payload);
		}
		catch (IllegalArgumentException | IOException ex) {
			return null;
		}
	}

	private byte[] sign(byte[] payload) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac.doFinal(payload);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ALGORITHM + " is part of every JDK", ex);
		}
	}

	private static byte[] encode(List<FlashMap> flashMaps) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(VERSION);
			out.writeByte(flashMaps.size());
			for (FlashMap flashMap : flashMaps) {
				out.writeLong(flashMap.getExpirationTime());
				out.writeBoolean(flashMap.getTargetRequestPath() != null);
				if (flashMap.getTargetRequestPath() != null) {
					out.writeUTF(flashMap.getTargetRequestPath());
				}
				List<Map.Entry<String, String>> parameters = new ArrayList<>();
				flashMap.getTargetRequestParams().forEach((name, values) -> values
					.forEach((parameterValue) -> parameters.add(Map.entry(name, String.valueOf(parameterValue)))));
				writeEntries(out, parameters);
				List<Map.Entry<String, String>> attributes = new ArrayList<>();
				flashMap.forEach((name, attribute) -> {
					if (attribute instanceof String text) {
						attributes.add(Map.entry(name, text));
					}
					else {
						logger.warn("Flash attribute {} dropped: only text travels in the message cookie", name);
					}
				});
				writeEntries(out, attributes);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static void writeEntries(DataOutputStream out, List<Map.Entry<String, String>> entries) throws IOException {
		out.writeByte(entries.size());
		for (Map.Entry<String, String> entry : entries) {
			out.writeUTF(entry.getKey());
			out.writeUTF(entry.getValue());
		}
	}

	private static List<FlashMap> decode(byte[] payload) throws IOException {
		DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
		if (in.readByte() != VERSION) {
			return null;
		}
		int count = in.readUnsignedByte();
		List<FlashMap> flashMaps = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			FlashMap flashMap = new FlashMap();
			flashMap.setExpirationTime(in.readLong());
			if (in.readBoolean()) {
				flashMap.setTargetRequestPath(in.readUTF());
			}
			int parameters = in.readUnsignedByte();
			for (int p = 0; p < parameters; p++) {
				flashMap.addTargetRequestParam(in.readUTF(), in.readUTF());
			}
			int attributes = in.readUnsignedByte();
			for (int a = 0; a < attributes; a++) {
				flashMap.put(in.readUTF(), in.readUTF());
			}
			flashMaps.add(flashMap);
		}
		return flashMaps;
	}

	private static String path(HttpServletRequest request) {
		String contextPath = request.getContextPath();
		return contextPath.isEmpty() ? "/" : contextPath;
	}

}
