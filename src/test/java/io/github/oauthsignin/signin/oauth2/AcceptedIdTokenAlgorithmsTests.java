package io.github.oauthsignin.signin.oauth2;

import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which algorithms an issuer's ID tokens may use, from its discovery document, and which keys can verify them. */
class AcceptedIdTokenAlgorithmsTests {

	@Test
	void ofWhenDiscoveryListsNoneAndHmacThenOnlyTheAsymmetricOnesInItsOrder() {
		IdTokenAlgorithms algorithms = IdTokenAlgorithms.of(Map.of(IdTokenAlgorithms.DISCOVERY_FIELD,
				List.of("none", "HS256", "ES256", "HS512", "EdDSA", "PS256", "ES256K", "RS256")));
		assertThat(algorithms.accepted()).containsExactly(JWSAlgorithm.ES256, JWSAlgorithm.EdDSA, JWSAlgorithm.PS256,
				JWSAlgorithm.RS256);
		assertThat(algorithms.listed()).hasSize(8);
	}

	@Test
	void ofWhenDiscoveryListsOnlyHmacThenNothingIsAccepted() {
		assertThat(IdTokenAlgorithms.of(Map.of(IdTokenAlgorithms.DISCOVERY_FIELD, List.of("HS256", "none")))
			.accepted()).isEmpty();
	}

	@Test
	void ofWhenNoDiscoveryThenRs256Alone() {
		assertThat(IdTokenAlgorithms.of(Map.of()).accepted()).containsExactly(JWSAlgorithm.RS256);
		assertThat(IdTokenAlgorithms.of(null).describeAccepted()).isEqualTo("RS256");
	}

	@Test
	void canVerifyWithWhenKeyFitsAnAcceptedAlgorithmThenTrue() throws Exception {
		IdTokenAlgorithms es256 = IdTokenAlgorithms.of(Map.of(IdTokenAlgorithms.DISCOVERY_FIELD, List.of("ES256")));
		assertThat(es256.canVerifyWith(new ECKeyGenerator(Curve.P_256).generate())).isTrue();
		assertThat(es256.canVerifyWith(new ECKeyGenerator(Curve.P_384).generate())).as("another curve").isFalse();
		assertThat(es256.canVerifyWith(new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.ENCRYPTION).generate()))
			.as("an encryption key").isFalse();
		assertThat(es256.canVerifyWith(new RSAKeyGenerator(2048).generate())).as("an RSA key").isFalse();
		IdTokenAlgorithms rsa = IdTokenAlgorithms.of(Map.of(IdTokenAlgorithms.DISCOVERY_FIELD, List.of("PS256")));
		assertThat(rsa.canVerifyWith(new RSAKeyGenerator(2048).generate())).isTrue();
		assertThat(rsa.canVerifyWith(new RSAKeyGenerator(2048).algorithm(JWSAlgorithm.RS256).generate()))
			.as("a key for another algorithm").isFalse();
		IdTokenAlgorithms edDsa = IdTokenAlgorithms.of(Map.of(IdTokenAlgorithms.DISCOVERY_FIELD, List.of("EdDSA")));
		assertThat(edDsa.canVerifyWith(new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(new byte[32])).build())).isTrue();
		assertThat(edDsa.canVerifyWith(new OctetSequenceKey.Builder(new byte[32]).build())).as("a secret").isFalse();
	}

}
