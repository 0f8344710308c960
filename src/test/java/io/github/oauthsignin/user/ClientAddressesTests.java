package io.github.oauthsignin.user;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressesTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "0:0:0:0:0:0:0:1|::1", "0:0:0:0:0:0:0:0|::",
			"2001:0DB8:0000:0000:0000:0000:0000:0001|2001:db8::1", "2001:db8:0:0:1:0:0:1|2001:db8::1:0:0:1",
			"2001:db8:0:1:1:1:1:1|2001:db8:0:1:1:1:1:1", "fe80:0:0:0:0:0:0:1%eth0|fe80::1%eth0",
			"203.0.113.7|203.0.113.7", "::ffff:203.0.113.7|203.0.113.7", "not-an-address|not-an-address" })
	void compressedWhenAddressThenRfc5952(String given, String shown) {
		assertThat(ClientAddresses.compressed(given)).isEqualTo(shown);
	}

	@Test
	void signInOriginWhenTomcatReportsLoopbackUncompressedThenKeptCompressed() {
		assertThat(new SignInOrigin("0:0:0:0:0:0:0:1", null, null).clientAddress()).isEqualTo("::1");
		assertThat(ClientAddresses.compressed(null)).isNull();
	}

}
