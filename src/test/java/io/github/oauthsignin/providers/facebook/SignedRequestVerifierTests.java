package io.github.oauthsignin.providers.facebook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.oauthsignin.providers.facebook.SignedRequestVerifier.InvalidSignedRequestException;
import io.github.oauthsignin.providers.facebook.SignedRequestVerifier.SignedRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SignedRequestVerifierTests {

	/** Facebook's published example (its PHP SDK's tests): padded base64url, user_id as a JSON number. */
	static final String PUBLISHED_SECRET = "foo_app_secret";

	static final String PUBLISHED_REQUEST = "U0_O1MqqNKUt32633zAkdd2Ce-jGVgRgJeRauyx_zC8=."
			+ "eyJvYXV0aF90b2tlbiI6ImZvb190b2tlbiIsImFsZ29yaXRobSI6IkhNQUMtU0hBMjU2IiwiaXNzdWVkX2F0IjozMjEsImNvZGUiOiJm"
			+ "b29fY29kZSIsInN0YXRlIjoiZm9vX3N0YXRlIiwidXNlcl9pZCI6MTIzLCJmb28iOiJiYXIifQ==";

	private static final String SECRET = "test-secret";

	private final SignedRequestVerifier verifier = new SignedRequestVerifier(SECRET);

	@Test
	void publishedExampleThenUserIdFromANumber() {
		SignedRequest verified = new SignedRequestVerifier(PUBLISHED_SECRET).verify(PUBLISHED_REQUEST);
		assertThat(verified.userId()).isEqualTo("123");
		assertThat(verified.issuedAt()).isEqualTo(Instant.ofEpochSecond(321));
	}

	@Test
	void publishedExampleWithAnotherSecretThenRefused() {
		assertInvalid(new SignedRequestVerifier("bar_app_secret"), PUBLISHED_REQUEST);
	}

	@Test
	void unpaddedRequestThenUserIdFromAString() {
		// 64 bytes of JSON: base64 needs two padding characters, left out here as Facebook does today.
		String request = SignedRequests.sign(SECRET, "{\"issued_at\":1764221060,\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"9\"}", false);
		assertThat(request).doesNotContain("=");
		assertThat(this.verifier.verify(request).userId()).isEqualTo("9");
	}

	@Test
	void paddedRequestThenUserId() {
		String request = SignedRequests.sign(SECRET, "{\"issued_at\":1764221060,\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"9\"}", true);
		assertThat(request).contains("=");
		assertThat(this.verifier.verify(request).userId()).isEqualTo("9");
	}

	@Test
	void facebookDataDeletionPayloadThenUserId() {
		String request = SignedRequests.sign(SECRET, "{\"user_id\":\"10160000000000042\",\"algorithm\":\"HMAC-SHA256\","
				+ "\"issued_at\":1764221060,\"expires\":1764228260}", false);
		SignedRequest verified = this.verifier.verify(request);
		assertThat(verified.userId()).isEqualTo("10160000000000042");
		assertThat(verified.issuedAt()).isEqualTo(Instant.ofEpochSecond(1764221060));
		assertThat(verified.signedPayload()).isEqualTo(request.substring(request.indexOf('.') + 1));
	}

	@Test
	void algorithmInLowerCaseThenAccepted() {
		assertThat(this.verifier.verify(SignedRequests.sign(SECRET, "{\"issued_at\":1764221060,\"algorithm\":\"hmac-sha256\",\"user_id\":\"7\"}", false)).userId())
			.isEqualTo("7");
	}

	@Test
	void userIdBeyondLongThenKeptExactly() {
		assertThat(this.verifier.verify(SignedRequests.sign(SECRET, "{\"issued_at\":1764221060,\"algorithm\":\"HMAC-SHA256\",\"user_id\":123456789012345678901234567890}", false)).userId())
			.isEqualTo("123456789012345678901234567890");
	}

	@Test
	void tamperedPayloadThenRefused() {
		String request = SignedRequests.sign(SECRET, "{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"9\"}", false);
		String signature = request.substring(0, request.indexOf('.'));
		String otherPayload = SignedRequests.encode("{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"8\"}", false);
		assertInvalid(this.verifier, signature + "." + otherPayload);
	}

	@Test
	void payloadPaddingAddedAfterSigningThenRefused() {
		// The signature covers the payload as sent: padding is part of what was signed.
		String request = SignedRequests.sign(SECRET, "{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"9\"}", false);
		assertInvalid(this.verifier, request + "=");
	}

	@Test
	void tamperedSignatureThenRefused() {
		String request = SignedRequests.sign(SECRET, "{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"9\"}", false);
		int dot = request.indexOf('.');
		byte[] signature = Base64.getUrlDecoder().decode(request.substring(0, dot));
		signature[0] ^= 1;
		assertInvalid(this.verifier,
				Base64.getUrlEncoder().withoutPadding().encodeToString(signature) + request.substring(dot));
	}

	@Test
	void truncatedSignatureThenRefused() {
		String request = SignedRequests.sign(SECRET, "{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"9\"}", false);
		assertInvalid(this.verifier, request.substring(4));
	}

	@Test
	void signedWithAnotherSecretThenRefused() {
		assertInvalid(this.verifier, SignedRequests.sign("another-secret", "{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"9\"}", false));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"algorithm\":\"HMAC-SHA1\",\"user_id\":\"9\"}", "{\"algorithm\":\"none\",\"user_id\":\"9\"}",
			"{\"algorithm\":\"\",\"user_id\":\"9\"}", "{\"algorithm\":null,\"user_id\":\"9\"}",
			"{\"algorithm\":[\"HMAC-SHA256\"],\"user_id\":\"9\"}", "{\"user_id\":\"9\"}" })
	void otherOrMissingAlgorithmThenRefusedEvenWhenSigned(String payload) {
		assertInvalid(this.verifier, SignedRequests.sign(SECRET, payload, false));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"algorithm\":\"HMAC-SHA256\"}", "{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"\"}",
			"{\"algorithm\":\"HMAC-SHA256\",\"user_id\":null}", "{\"algorithm\":\"HMAC-SHA256\",\"user_id\":-1}",
			"{\"algorithm\":\"HMAC-SHA256\",\"user_id\":1.5}", "{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"12 3\"}",
			"{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"../1\"}", "{\"algorithm\":\"HMAC-SHA256\",\"user_id\":{}}",
			"{\"algorithm\":\"HMAC-SHA256\",\"user_id\":true}", "[\"HMAC-SHA256\", 9]", "\"HMAC-SHA256\"", "{not json",
			"" })
	void noUsableUserIdThenRefusedEvenWhenSigned(String payload) {
		assertInvalid(this.verifier, SignedRequests.sign(SECRET, payload, false));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"9\"}",
			"{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"9\",\"issued_at\":\"1764221060\"}",
			"{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"9\",\"issued_at\":-1}",
			"{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"9\",\"issued_at\":1764221060.5}",
			"{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"9\",\"issued_at\":null}",
			"{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"9\",\"issued_at\":99999999999999999999}" })
	void noUsableIssuedAtThenRefusedEvenWhenSigned(String payload) {
		assertInvalid(this.verifier, SignedRequests.sign(SECRET, payload, false));
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "garbage", ".", "a.", ".a", "abc.def.ghi", "no dot at all but long enough to matter",
			"!!!.???", "U0_O1Mqq NKUt.eyJ9", "U0+O1Mqq/NKU.eyJhIjoxfQ" })
	void malformedThenRefused(String request) {
		assertInvalid(this.verifier, request);
	}

	@Test
	void invalidBase64InTheSignatureThenRefused() {
		String request = SignedRequests.sign(SECRET, "{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"9\"}", false);
		assertInvalid(this.verifier, "*" + request.substring(1));
	}

	@Test
	void invalidBase64InTheSignedPayloadThenRefused() {
		// Signed, but what was signed is not base64url: never parsed.
		String payload = "eyJhbGdvcml0aG0iOiJITUFDLVNIQTI1NiIsInVzZXJfaWQiOiI5In0*";
		assertInvalid(this.verifier, SignedRequests.signature(SECRET, payload) + "." + payload);
	}

	@Test
	void wrongPaddingThenRefused() {
		// One padding character is due here, not two; signed anyway, still never decoded.
		String payload = SignedRequests.encode("{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"9\"}", false) + "==";
		assertInvalid(this.verifier, SignedRequests.signature(SECRET, payload) + "." + payload);
	}

	@Test
	void tooLongThenRefusedBeforeAnyWork() {
		String request = SignedRequests.sign(SECRET, "{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"9\",\"pad\":\""
				+ "x".repeat(SignedRequestVerifier.MAX_LENGTH) + "\"}", false);
		assertInvalid(this.verifier, request);
	}

	@Test
	void refusalNeverRepeatsTheRequest() {
		assertThatExceptionOfType(InvalidSignedRequestException.class)
			.isThrownBy(() -> this.verifier.verify("secret-looking-garbage.value"))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("secret-looking"));
	}

	@ParameterizedTest
	@NullAndEmptySource
	void emptyAppSecretThenRefusedAtStart(String secret) {
		assertThatIllegalArgumentException().isThrownBy(() -> new SignedRequestVerifier(secret));
	}

	private static void assertInvalid(SignedRequestVerifier verifier, String request) {
		assertThatExceptionOfType(InvalidSignedRequestException.class).isThrownBy(() -> verifier.verify(request));
	}

}
