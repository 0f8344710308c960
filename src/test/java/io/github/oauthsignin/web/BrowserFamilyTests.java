package io.github.oauthsignin.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class BrowserFamilyTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0 | Firefox on Linux
			Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0 | Edge on Windows
			Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 | Chrome on Android
			Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1 | Safari on iOS
			Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/115.0.0.0 | Opera on macOS
			Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36 | Chrome on Linux
			Java-http-client/17.0.15 | Other
			curl/8.11.1 | Other
			""")
	void ofWhenKnownUserAgentThenBrowserOnSystem(String userAgent, String family) {
		assertThat(BrowserFamily.of(userAgent)).isEqualTo(family);
	}

	@ParameterizedTest
	@CsvSource(value = { "''", "'   '" })
	void ofWhenBlankThenOther(String userAgent) {
		assertThat(BrowserFamily.of(userAgent)).isEqualTo(BrowserFamily.OTHER);
		assertThat(BrowserFamily.of(null)).isEqualTo(BrowserFamily.OTHER);
	}

}
