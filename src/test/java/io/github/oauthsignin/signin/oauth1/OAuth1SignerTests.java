package io.github.oauthsignin.signin.oauth1;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.oauthsignin.signin.oauth1.OAuth1Signer.Parameter;
import io.github.oauthsignin.signin.oauth1.OAuth1Signer.Token;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link OAuth1Signer}. The published examples (RFC 5849 and Twitter's own) are the only trustworthy
 * reference: a signer that merely agrees with itself can still be rejected by the server, so every vector is
 * reproduced byte for byte.
 */
class OAuth1SignerTests {

	private static final String ENCODED = "(?:[A-Za-z0-9._~-]|%[0-9A-F]{2})";

	private static final String HEADER_PARAMETER = ENCODED + "+=\"" + ENCODED + "*\"";

	// RFC 5849 section 1.2 consumer ("printer.example.com")
	private static final String RFC_CONSUMER_KEY = "dpf43f3p2l4k3l03";

	private static final String RFC_CONSUMER_SECRET = "kd94hf93k423kf44";

	// Twitter "Creating a signature" example
	private static final String TWITTER_CONSUMER_KEY = "xvz1evFS4wEEPTGEFPHBog";

	private static final String TWITTER_CONSUMER_SECRET = "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw";

	private static final Token TWITTER_TOKEN = new Token("370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
			"LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE");

	private static final String TWITTER_NONCE = "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg";

	private static final long TWITTER_TIMESTAMP = 1318622958L;

	private static final String TWITTER_STATUS = "Hello Ladies + Gentlemen, a signed OAuth request!";

	// X "Log in with X" request token example
	private static final String X_CONSUMER_KEY = "cChZNFj6T5R0TigYB9yd1w";

	private static final String X_CONSUMER_SECRET = "L8qq9PZyRg6ieKGEKhZolGC0vJWLw8iEJ88DRdyOg";

	// percentEncode

	@Test
	void percentEncodeWhenUnreservedThenUnchanged() {
		String unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
		assertThat(OAuth1Signer.percentEncode(unreserved)).isEqualTo(unreserved);
	}

	@Test
	void percentEncodeWhenSpaceThenPercent20NotPlus() {
		assertThat(OAuth1Signer.percentEncode("a b")).isEqualTo("a%20b");
	}

	@Test
	void percentEncodeWhenPlusThenPercent2B() {
		assertThat(OAuth1Signer.percentEncode("a+b")).isEqualTo("a%2Bb");
	}

	@Test
	void percentEncodeWhenCharactersUrlEncoderLeavesAloneThenEncoded() {
		assertThat(OAuth1Signer.percentEncode("*")).isEqualTo("%2A");
		assertThat(OAuth1Signer.percentEncode("'")).isEqualTo("%27");
		assertThat(OAuth1Signer.percentEncode("!()")).isEqualTo("%21%28%29");
	}

	@Test
	void percentEncodeWhenReservedThenUpperCaseHex() {
		assertThat(OAuth1Signer.percentEncode(":/?#[]@&=,;$%\""))
			.isEqualTo("%3A%2F%3F%23%5B%5D%40%26%3D%2C%3B%24%25%22");
	}

	@Test
	void percentEncodeWhenNonAsciiThenUtf8Bytes() {
		assertThat(OAuth1Signer.percentEncode("é")).isEqualTo("%C3%A9");
		assertThat(OAuth1Signer.percentEncode("\u20AC")).isEqualTo("%E2%82%AC");
		// U+1F600, a surrogate pair in Java, is one code point of four UTF-8 bytes
		assertThat(OAuth1Signer.percentEncode("\uD83D\uDE00")).isEqualTo("%F0%9F%98%80");
	}

	@Test
	void percentEncodeWhenEmptyThenEmpty() {
		assertThat(OAuth1Signer.percentEncode("")).isEmpty();
	}

	// baseStringUri

	@Test
	void baseStringUriWhenDefaultPortThenDropped() {
		assertThat(OAuth1Signer.baseStringUri(URI.create("http://example.com:80/r"))).isEqualTo("http://example.com/r");
		assertThat(OAuth1Signer.baseStringUri(URI.create("https://example.com:443/r")))
			.isEqualTo("https://example.com/r");
	}

	@Test
	void baseStringUriWhenOtherPortThenKept() {
		assertThat(OAuth1Signer.baseStringUri(URI.create("http://127.0.0.1:8089/oauth/request_token")))
			.isEqualTo("http://127.0.0.1:8089/oauth/request_token");
		assertThat(OAuth1Signer.baseStringUri(URI.create("https://example.com:80/r")))
			.isEqualTo("https://example.com:80/r");
		assertThat(OAuth1Signer.baseStringUri(URI.create("http://example.com:443/r")))
			.isEqualTo("http://example.com:443/r");
	}

	@Test
	void baseStringUriWhenRfc5849Example3_4_1_2ThenMatches() {
		assertThat(OAuth1Signer.baseStringUri(URI.create("HTTP://EXAMPLE.COM:80/r%20v/X?id=123")))
			.isEqualTo("http://example.com/r%20v/X");
		assertThat(OAuth1Signer.baseStringUri(URI.create("https://www.example.net:8080/?q=1")))
			.isEqualTo("https://www.example.net:8080/");
	}

	@Test
	void baseStringUriWhenQueryFragmentAndUserInfoThenDropped() {
		assertThat(OAuth1Signer.baseStringUri(URI.create("https://user:pw@Api.X.com/1.1/a.json?x=1&y=2#top")))
			.isEqualTo("https://api.x.com/1.1/a.json");
	}

	@Test
	void baseStringUriWhenEmptyPathThenSlash() {
		assertThat(OAuth1Signer.baseStringUri(URI.create("https://example.com"))).isEqualTo("https://example.com/");
		assertThat(OAuth1Signer.baseStringUri(URI.create("https://example.com?a=b"))).isEqualTo("https://example.com/");
	}

	@Test
	void baseStringUriWhenPathHasUpperCaseThenPathKeptAsSent() {
		assertThat(OAuth1Signer.baseStringUri(URI.create("https://example.com/Path/%7Euser")))
			.isEqualTo("https://example.com/Path/%7Euser");
	}

	@Test
	void baseStringUriWhenRelativeThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> OAuth1Signer.baseStringUri(URI.create("/oauth/token")));
	}

	// queryParameters and formParameters

	@Test
	void queryParametersWhenRawQueryThenDecodedAsForm() {
		URI uri = URI.create("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b&p=1+2&flag");
		assertThat(OAuth1Signer.queryParameters(uri)).containsExactly(new Parameter("b5", "=%3D"),
				new Parameter("a3", "a"), new Parameter("c@", ""), new Parameter("a2", "r b"),
				new Parameter("p", "1 2"), new Parameter("flag", ""));
	}

	@Test
	void queryParametersWhenEncodedAmpersandInValueThenNotSplit() {
		URI uri = URI.create("https://example.com/?q=a%26b%3Dc");
		assertThat(OAuth1Signer.queryParameters(uri)).containsExactly(new Parameter("q", "a&b=c"));
	}

	@Test
	void queryParametersWhenNoQueryThenEmpty() {
		assertThat(OAuth1Signer.queryParameters(URI.create("https://example.com/path"))).isEmpty();
	}

	@Test
	void formParametersWhenRfc5849BodyThenPlusIsSpaceAndBareNameIsEmpty() {
		assertThat(OAuth1Signer.formParameters("c2&a3=2+q")).containsExactly(new Parameter("c2", ""),
				new Parameter("a3", "2 q"));
	}

	@Test
	void formParametersWhenUtf8AndEmptyPairsThenDecodedAndSkipped() {
		assertThat(OAuth1Signer.formParameters("name=%C3%A9t%C3%A9&&x="))
			.containsExactly(new Parameter("name", "été"), new Parameter("x", ""));
	}

	@Test
	void formParametersWhenEmptyOrNullThenEmpty() {
		assertThat(OAuth1Signer.formParameters("")).isEmpty();
		assertThat(OAuth1Signer.formParameters(null)).isEmpty();
	}

	// normalizedParameters

	@Test
	void normalizedParametersWhenEqualNamesThenSortedByValue() {
		List<Parameter> parameters = List.of(new Parameter("a", "z"), new Parameter("a", "b"),
				new Parameter("a", "m"));
		assertThat(OAuth1Signer.normalizedParameters(parameters)).isEqualTo("a=b&a=m&a=z");
	}

	@Test
	void normalizedParametersWhenEmptyValueThenEqualsSignKept() {
		assertThat(OAuth1Signer.normalizedParameters(List.of(new Parameter("b", "1"), new Parameter("a", ""))))
			.isEqualTo("a=&b=1");
	}

	@Test
	void normalizedParametersWhenEncodingChangesOrderThenSortedAfterEncoding() {
		// The order is that of the encoded strings: "a%20b" < "a%2Bb" < "a-b", and "é" (as "%C3%A9") sorts
		// before every letter, where unencoded it would sort after "z".
		List<Parameter> parameters = List.of(new Parameter("k", "a-b"), new Parameter("k", "a+b"),
				new Parameter("k", "a b"), new Parameter("é", "1"), new Parameter("z", "1"));
		assertThat(OAuth1Signer.normalizedParameters(parameters)).isEqualTo("%C3%A9=1&k=a%20b&k=a%2Bb&k=a-b&z=1");
	}

	@Test
	void normalizedParametersWhenNoParametersThenEmpty() {
		assertThat(OAuth1Signer.normalizedParameters(List.of())).isEmpty();
	}

	// signature

	@Test
	void signatureWhenNoTokenSecretThenKeyStillEndsWithAmpersand() {
		String baseString = "POST&https%3A%2F%2Fexample.com%2F&a%3Db";
		assertThat(OAuth1Signer.signature(baseString, "secret", ""))
			.isEqualTo(OAuth1Signer.signature(baseString, "secret", null))
			.isNotEqualTo(hmacWithKey(baseString, "secret"));
	}

	@Test
	void signatureWhenSecretsNeedEncodingThenKeyIsEncoded() {
		String baseString = "GET&http%3A%2F%2Fexample.com%2F&";
		// "a&b" must become "a%26b", otherwise the key would be ambiguous with consumer "a", token "b&c".
		assertThat(OAuth1Signer.signature(baseString, "a&b", "c"))
			.isNotEqualTo(OAuth1Signer.signature(baseString, "a", "b&c"));
	}

	// RFC 5849 vectors (no oauth_version), through the building blocks

	/**
	 * RFC 5849 section 3.4.1. The signature printed in the RFC, {@code bYT5CMsGcbgUdFHObYMEfcx6bsw=}, is a known
	 * erratum: it does not follow from the RFC's own base string and secrets. The value that does, and that other
	 * implementations also get, is {@code r6/TJjbCOr97/+UU0NsvSne7s5g=}.
	 */
	@Test
	void signatureWhenRfc5849Example3_4_1ThenMatchesCorrectedValue() {
		URI uri = URI.create("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
		List<Parameter> parameters = new ArrayList<>(OAuth1Signer.queryParameters(uri));
		parameters.add(new Parameter("oauth_consumer_key", "9djdj82h48djs9d2"));
		parameters.add(new Parameter("oauth_token", "kkk9d7dh3k39sjv7"));
		parameters.add(new Parameter("oauth_signature_method", "HMAC-SHA1"));
		parameters.add(new Parameter("oauth_timestamp", "137131201"));
		parameters.add(new Parameter("oauth_nonce", "7d8f3e4a"));
		parameters.addAll(OAuth1Signer.formParameters("c2&a3=2+q"));

		assertThat(OAuth1Signer.normalizedParameters(parameters))
			.isEqualTo("a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2"
					+ "&oauth_nonce=7d8f3e4a&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201"
					+ "&oauth_token=kkk9d7dh3k39sjv7");
		String baseString = OAuth1Signer.signatureBaseString("post", uri, parameters);
		assertThat(baseString).isEqualTo("POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q"
				+ "%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2"
				+ "%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201"
				+ "%26oauth_token%3Dkkk9d7dh3k39sjv7");
		String signature = OAuth1Signer.signature(baseString, "j49sk3j29djd", "dh893hdasih9");
		assertThat(signature).isEqualTo("r6/TJjbCOr97/+UU0NsvSne7s5g=").isNotEqualTo("bYT5CMsGcbgUdFHObYMEfcx6bsw=");
	}

	@Test
	void signatureWhenRfc5849Example1_2RequestTokenThenMatches() {
		URI uri = URI.create("https://photos.example.net/initiate");
		List<Parameter> parameters = List.of(new Parameter("oauth_consumer_key", RFC_CONSUMER_KEY),
				new Parameter("oauth_signature_method", "HMAC-SHA1"), new Parameter("oauth_timestamp", "137131200"),
				new Parameter("oauth_nonce", "wIjqoS"),
				new Parameter("oauth_callback", "http://printer.example.com/ready"));
		String baseString = OAuth1Signer.signatureBaseString("POST", uri, parameters);
		assertThat(baseString).isEqualTo("POST&https%3A%2F%2Fphotos.example.net%2Finitiate"
				+ "&oauth_callback%3Dhttp%253A%252F%252Fprinter.example.com%252Fready"
				+ "%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DwIjqoS"
				+ "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131200");
		assertThat(OAuth1Signer.signature(baseString, RFC_CONSUMER_SECRET, ""))
			.isEqualTo("74KNZJeDHnMBp0EMJ9ZHt/XKycU=");
	}

	@Test
	void signatureWhenRfc5849Example1_2AccessTokenThenMatches() {
		URI uri = URI.create("https://photos.example.net/token");
		List<Parameter> parameters = List.of(new Parameter("oauth_consumer_key", RFC_CONSUMER_KEY),
				new Parameter("oauth_token", "hh5s93j4hdidpola"), new Parameter("oauth_signature_method", "HMAC-SHA1"),
				new Parameter("oauth_timestamp", "137131201"), new Parameter("oauth_nonce", "walatlh"),
				new Parameter("oauth_verifier", "hfdp7dh39dks9884"));
		String baseString = OAuth1Signer.signatureBaseString("POST", uri, parameters);
		assertThat(OAuth1Signer.signature(baseString, RFC_CONSUMER_SECRET, "hdhd0244k9j7ao03"))
			.isEqualTo("gKgrFCywp7rO0OXSjdot/IHF7IU=");
	}

	@Test
	void signatureWhenRfc5849Example1_2ResourceThenMatches() {
		URI uri = URI.create("http://photos.example.net/photos?file=vacation.jpg&size=original");
		List<Parameter> parameters = new ArrayList<>(OAuth1Signer.queryParameters(uri));
		parameters.add(new Parameter("oauth_consumer_key", RFC_CONSUMER_KEY));
		parameters.add(new Parameter("oauth_token", "nnch734d00sl2jdk"));
		parameters.add(new Parameter("oauth_signature_method", "HMAC-SHA1"));
		parameters.add(new Parameter("oauth_timestamp", "137131202"));
		parameters.add(new Parameter("oauth_nonce", "chapoH"));
		String baseString = OAuth1Signer.signatureBaseString("GET", uri, parameters);
		assertThat(baseString).isEqualTo("GET&http%3A%2F%2Fphotos.example.net%2Fphotos"
				+ "&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH"
				+ "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202"
				+ "%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal");
		assertThat(OAuth1Signer.signature(baseString, RFC_CONSUMER_SECRET, "pfkkdhi9sl3r4s00"))
			.isEqualTo("MdpQcU8iPSUjWoN/UDMsK2sui9I=");
	}

	// Twitter / X vectors (with oauth_version=1.0)

	@Test
	void signatureBaseStringWhenTwitterCreatingASignatureExampleThenMatches() {
		URI uri = URI.create("https://api.twitter.com/1.1/statuses/update.json?include_entities=true");
		List<Parameter> parameters = new ArrayList<>(OAuth1Signer.queryParameters(uri));
		parameters.add(new Parameter("oauth_consumer_key", TWITTER_CONSUMER_KEY));
		parameters.add(new Parameter("oauth_nonce", TWITTER_NONCE));
		parameters.add(new Parameter("oauth_signature_method", "HMAC-SHA1"));
		parameters.add(new Parameter("oauth_timestamp", Long.toString(TWITTER_TIMESTAMP)));
		parameters.add(new Parameter("oauth_token", TWITTER_TOKEN.value()));
		parameters.add(new Parameter("oauth_version", "1.0"));
		parameters.addAll(OAuth1Signer.formParameters(
				"status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21"));
		assertThat(parameters).contains(new Parameter("status", TWITTER_STATUS));

		String baseString = OAuth1Signer.signatureBaseString("POST", uri, parameters);
		assertThat(baseString).isEqualTo("POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json"
				+ "&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog"
				+ "%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1"
				+ "%26oauth_timestamp%3D1318622958"
				+ "%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0"
				+ "%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth"
				+ "%2520request%2521");
		assertThat(OAuth1Signer.signature(baseString, TWITTER_CONSUMER_SECRET, TWITTER_TOKEN.secret()))
			.isEqualTo("hCtSmYh+iHYCEqBWrE7C7hYmtUk=");
	}

	@Test
	void authorizationHeaderWhenTwitterCreatingASignatureExampleThenSignatureMatches() {
		OAuth1Signer signer = new OAuth1Signer(TWITTER_CONSUMER_KEY, TWITTER_CONSUMER_SECRET,
				fixedClock(TWITTER_TIMESTAMP), () -> TWITTER_NONCE);
		String header = signer.authorizationHeader("POST",
				URI.create("https://api.twitter.com/1.1/statuses/update.json?include_entities=true"),
				List.of(new Parameter("status", TWITTER_STATUS)), TWITTER_TOKEN, Map.of());

		Map<String, String> parameters = parseHeader(header);
		assertThat(parameters).containsExactlyInAnyOrderEntriesOf(Map.of("oauth_consumer_key", TWITTER_CONSUMER_KEY,
				"oauth_nonce", TWITTER_NONCE, "oauth_signature", "hCtSmYh+iHYCEqBWrE7C7hYmtUk=",
				"oauth_signature_method", "HMAC-SHA1", "oauth_timestamp", "1318622958", "oauth_token",
				TWITTER_TOKEN.value(), "oauth_version", "1.0"));
		assertThat(header).isEqualTo("OAuth oauth_consumer_key=\"xvz1evFS4wEEPTGEFPHBog\", "
				+ "oauth_nonce=\"kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg\", "
				+ "oauth_signature=\"hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D\", oauth_signature_method=\"HMAC-SHA1\", "
				+ "oauth_timestamp=\"1318622958\", "
				+ "oauth_token=\"370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb\", oauth_version=\"1.0\"");
	}

	@Test
	void authorizationHeaderWhenTwitterExampleOnApiXComThenSignatureMatches() {
		OAuth1Signer signer = new OAuth1Signer(TWITTER_CONSUMER_KEY, TWITTER_CONSUMER_SECRET,
				fixedClock(TWITTER_TIMESTAMP), () -> TWITTER_NONCE);
		String header = signer.authorizationHeader("POST",
				URI.create("https://api.x.com/1.1/statuses/update.json?include_entities=true"),
				List.of(new Parameter("status", TWITTER_STATUS)), TWITTER_TOKEN, Map.of());

		assertThat(parseHeader(header)).containsEntry("oauth_signature", "Ls93hJiZbQ3akF3HF3x1Bz8/zU4=");
		assertThat(header).contains("oauth_signature=\"Ls93hJiZbQ3akF3HF3x1Bz8%2FzU4%3D\"");
	}

	@Test
	void authorizationHeaderWhenLogInWithXRequestTokenExampleThenSignatureMatches() {
		OAuth1Signer signer = new OAuth1Signer(X_CONSUMER_KEY, X_CONSUMER_SECRET, fixedClock(1318467427L),
				() -> "ea9ec8429b68d6b77cd5600adbbb0456");
		String header = signer.authorizationHeader("POST", URI.create("https://api.twitter.com/oauth/request_token"),
				List.of(), null, Map.of("oauth_callback", "http://localhost/sign-in-with-twitter/"));

		Map<String, String> parameters = parseHeader(header);
		assertThat(parameters).containsExactlyInAnyOrderEntriesOf(Map.of("oauth_callback",
				"http://localhost/sign-in-with-twitter/", "oauth_consumer_key", X_CONSUMER_KEY, "oauth_nonce",
				"ea9ec8429b68d6b77cd5600adbbb0456", "oauth_signature", "F1Li3tvehgcraF8DMJ7OyxO4w9Y=",
				"oauth_signature_method", "HMAC-SHA1", "oauth_timestamp", "1318467427", "oauth_version", "1.0"));
		assertThat(header).contains("oauth_callback=\"http%3A%2F%2Flocalhost%2Fsign-in-with-twitter%2F\"")
			.contains("oauth_signature=\"F1Li3tvehgcraF8DMJ7OyxO4w9Y%3D\"")
			.doesNotContain("oauth_token");
	}

	// authorizationHeader behaviour

	@Test
	void authorizationHeaderWhenUriHasQueryThenQueryParametersAreSigned() {
		URI uri = URI
			.create("https://api.x.com/1.1/account/verify_credentials.json?include_email=true&skip_status=true");
		Token token = new Token("access-token", "access-secret");
		OAuth1Signer signer = new OAuth1Signer("key", "secret", fixedClock(1700000000L), () -> "nonce123");
		Map<String, String> header = parseHeader(signer.authorizationHeader("GET", uri, List.of(), token, Map.of()));

		List<Parameter> oauth = List.of(new Parameter("oauth_consumer_key", "key"),
				new Parameter("oauth_nonce", "nonce123"), new Parameter("oauth_signature_method", "HMAC-SHA1"),
				new Parameter("oauth_timestamp", "1700000000"), new Parameter("oauth_token", "access-token"),
				new Parameter("oauth_version", "1.0"));
		List<Parameter> withQuery = new ArrayList<>(oauth);
		withQuery.add(new Parameter("include_email", "true"));
		withQuery.add(new Parameter("skip_status", "true"));
		String signedBase = OAuth1Signer.signatureBaseString("GET", uri, withQuery);
		assertThat(signedBase).contains("include_email%3Dtrue").contains("skip_status%3Dtrue");
		assertThat(header.get("oauth_signature"))
			.isEqualTo(OAuth1Signer.signature(signedBase, "secret", "access-secret"))
			.isNotEqualTo(OAuth1Signer.signature(OAuth1Signer.signatureBaseString("GET", uri, oauth), "secret",
					"access-secret"));
		assertThat(header).doesNotContainKeys("include_email", "skip_status");
	}

	@Test
	void authorizationHeaderWhenVerifierThenSignedAndSent() {
		URI uri = URI.create("https://api.x.com/oauth/access_token");
		Token requestToken = new Token("request-token", "request-secret");
		OAuth1Signer signer = new OAuth1Signer("key", "secret", fixedClock(1700000000L), () -> "n");
		Map<String, String> header = parseHeader(
				signer.authorizationHeader("POST", uri, List.of(), requestToken, Map.of("oauth_verifier", "v 1")));

		assertThat(header).containsEntry("oauth_verifier", "v 1").containsEntry("oauth_token", "request-token");
		List<Parameter> expected = List.of(new Parameter("oauth_consumer_key", "key"),
				new Parameter("oauth_nonce", "n"), new Parameter("oauth_signature_method", "HMAC-SHA1"),
				new Parameter("oauth_timestamp", "1700000000"), new Parameter("oauth_token", "request-token"),
				new Parameter("oauth_verifier", "v 1"), new Parameter("oauth_version", "1.0"));
		String baseString = OAuth1Signer.signatureBaseString("POST", uri, expected);
		assertThat(header.get("oauth_signature"))
			.isEqualTo(OAuth1Signer.signature(baseString, "secret", "request-secret"));
	}

	@Test
	void authorizationHeaderWhenProductionConstructorThenFreshNonceAndCurrentTimestamp() {
		OAuth1Signer signer = new OAuth1Signer("key", "secret");
		URI uri = URI.create("https://api.x.com/oauth/request_token");
		Map<String, String> first = parseHeader(signer.authorizationHeader("POST", uri, List.of(), null, Map.of()));
		Map<String, String> second = parseHeader(signer.authorizationHeader("POST", uri, List.of(), null, Map.of()));

		assertThat(first.get("oauth_nonce")).matches("[A-Za-z0-9]{32,}").isNotEqualTo(second.get("oauth_nonce"));
		assertThat(first.get("oauth_signature")).isNotEqualTo(second.get("oauth_signature"));
		long now = Instant.now().getEpochSecond();
		assertThat(Long.parseLong(first.get("oauth_timestamp"))).isCloseTo(now, within(5L));
		assertThat(Long.parseLong(second.get("oauth_timestamp"))).isCloseTo(now, within(5L));
	}

	@Test
	void authorizationHeaderThenNeverContainsSecrets() {
		String consumerSecret = "consumer-SECRET-value";
		String tokenSecret = "token-SECRET-value";
		OAuth1Signer signer = new OAuth1Signer("key", consumerSecret);
		String header = signer.authorizationHeader("POST", URI.create("https://api.x.com/oauth/access_token"),
				List.of(new Parameter("a", "b")), new Token("token", tokenSecret), Map.of("oauth_verifier", "v"));

		assertThat(header).doesNotContain(consumerSecret)
			.doesNotContain(tokenSecret)
			.doesNotContain(OAuth1Signer.percentEncode(consumerSecret))
			.doesNotContain(OAuth1Signer.percentEncode(tokenSecret))
			.doesNotContain("SECRET");
		assertThat(parseHeader(header)).doesNotContainKey("a");
	}

	@Test
	void authorizationHeaderWhenCalledTwiceThenNonceSupplierCalledEachTime() {
		List<String> nonces = new ArrayList<>(List.of("first", "second"));
		OAuth1Signer signer = new OAuth1Signer("key", "secret", fixedClock(1L), () -> nonces.remove(0));
		URI uri = URI.create("https://example.com/");
		assertThat(parseHeader(signer.authorizationHeader("GET", uri, List.of(), null, Map.of())))
			.containsEntry("oauth_nonce", "first");
		assertThat(parseHeader(signer.authorizationHeader("GET", uri, List.of(), null, Map.of())))
			.containsEntry("oauth_nonce", "second");
	}

	@Test
	void authorizationHeaderWhenExtraParameterClashesOrIsNotOAuthThenRejected() {
		OAuth1Signer signer = new OAuth1Signer("key", "secret", fixedClock(1L), () -> "n");
		URI uri = URI.create("https://example.com/");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> signer.authorizationHeader("GET", uri, List.of(), null, Map.of("oauth_nonce", "x")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> signer.authorizationHeader("GET", uri, List.of(), null, Map.of("oauth_signature", "x")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> signer.authorizationHeader("GET", uri, List.of(), null, Map.of("realm", "x")));
	}

	@Test
	void tokenToStringThenHidesSecret() {
		assertThat(new Token("public", "private-secret")).hasToString("Token[value=public, secret=<hidden>]");
	}

	private static Clock fixedClock(long epochSecond) {
		return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
	}

	/**
	 * Parses {@code OAuth k="v", k="v"}, checking the shape on the way: every name and value percent-encoded
	 * (upper-case hex), every value quoted, and no name twice.
	 */
	private static Map<String, String> parseHeader(String header) {
		assertThat(header).startsWith("OAuth ");
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String part : header.substring("OAuth ".length()).split(", ")) {
			assertThat(part).matches(HEADER_PARAMETER);
			int equals = part.indexOf('=');
			String name = URLDecoder.decode(part.substring(0, equals), StandardCharsets.UTF_8);
			String value = URLDecoder.decode(part.substring(equals + 2, part.length() - 1), StandardCharsets.UTF_8);
			assertThat(parameters.put(name, value)).as("%s appears once", name).isNull();
		}
		return parameters;
	}

	private static String hmacWithKey(String baseString, String key) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
