package io.github.oauthsignin.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTests {

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "203.0.113.41", "0:0:0:0:0:0:0:1", "::1", "2001:db8::47", "::ffff:192.0.2.1" })
	void parseWhenAnAddressThenKeptAsWritten(String address) {
		assertThat(ClientAddress.parse(address)).contains(address);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not-an-ip", "localhost", "example.com", "999.1.1.1", "1.2.3", "1.2.3.4, 5.6.7.8",
			"<script>", "::ffff:zz", "1.2.3.4 ", "01.2.3.4.5" })
	void parseWhenNotAnAddressThenNoneAndNothingLookedUp(String text) {
		assertThat(ClientAddress.parse(text)).isEmpty();
	}

	@org.junit.jupiter.api.Test
	void parseWhenBracketedOrNullThenWithoutBracketsOrNone() {
		assertThat(ClientAddress.parse("[::1]")).contains("::1");
		assertThat(ClientAddress.parse(null)).isEmpty();
	}

}
