package io.github.oauthsignin.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReturnPathsTests {

	@ParameterizedTest
	@ValueSource(strings = { "/", "/account", "/account?tab=data", "/a/b/c", "/caf%C3%A9" })
	void sanitizeWhenSameOriginPathThenKept(String path) {
		assertThat(ReturnPaths.sanitize(path)).isEqualTo(path);
	}

	@ParameterizedTest
	@ValueSource(strings = { "//evil.example", "/\\evil.example", "\\\\evil.example", "https://evil.example",
			"http://evil.example/account", "javascript:alert(1)", "evil.example", "account", "%2F%2Fevil.example",
			"/%2F/evil.example", "/%2Fevil.example", "/%5Cevil.example", "/%252F%252Fevil.example", "/%09/evil.example",
			"/\t/evil.example", "/ /evil.example", "/\r\n/evil.example", "///evil.example", "/%", "", "/#fragment",
			"/%25252525252F%25252525252Fevil.example" })
	void sanitizeWhenOpenRedirectAttemptThenHome(String path) {
		assertThat(ReturnPaths.sanitize(path)).isEqualTo("/");
		assertThat(ReturnPaths.isSafe(path)).isFalse();
	}

	@org.junit.jupiter.api.Test
	void sanitizeWhenOutsideLatin1ThenPercentEncodedAsUtf8AndEncodedOnesKept() {
		assertThat(ReturnPaths.sanitize("/account?x=ü")).isEqualTo("/account?x=%C3%BC");
		assertThat(ReturnPaths.sanitize("/account?x=%C3%BC")).isEqualTo("/account?x=%C3%BC");
		assertThat(ReturnPaths.sanitize("/account?x=\uD83D\uDE00")).isEqualTo("/account?x=%F0%9F%98%80");
		assertThat(ReturnPaths.sanitize("/account?x=%F0%9F%98%80")).isEqualTo("/account?x=%F0%9F%98%80");
		assertThat(ReturnPaths.sanitize("/\u0416\u20AC")).isEqualTo("/%D0%96%E2%82%AC");
	}

	@org.junit.jupiter.api.Test
	void sanitizeWhenNullOrTooLongThenHome() {
		assertThat(ReturnPaths.sanitize(null)).isEqualTo("/");
		assertThat(ReturnPaths.sanitize("/" + "a".repeat(600))).isEqualTo("/");
	}

}
