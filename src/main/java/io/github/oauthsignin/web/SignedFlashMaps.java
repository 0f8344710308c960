package io.github.oauthsignin.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.servlet.FlashMap;

/**
 * Flash maps as text a cookie can carry, signed: their bytes (target path and parameters, expiry, attributes, which
 * must be text), then an HMAC-SHA256 of them, each in base64url. Reading checks the signature first, in constant
 * time: what the app did not write, or what anyone changed, reads as nothing.
 */
final class SignedFlashMaps {

	private static final Logger logger = LoggerFactory.getLogger(SignedFlashMaps.class);

	private static final String ALGORITHM = "HmacSHA256";

	private static final byte VERSION = 1;

	private final SecretKeySpec key;

	private final int maxLength;

	/**
	 * @param key the HMAC key, the same on every instance
	 * @param maxLength the longest value read; a longer one is not the app's
	 */
	SignedFlashMaps(byte[] key, int maxLength) {
		this.key = new SecretKeySpec(key.clone(), ALGORITHM);
		this.maxLength = maxLength;
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
		if (value == null || value.isEmpty() || value.length() > this.maxLength) {
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

}
