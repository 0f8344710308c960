package io.github.oauthsignin.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class InitialsTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = { "Ada Lovelace|AL", "ada_lovelace|A", "Grace Brewster Hopper|GB",
			"Jean-Luc Picard|JP", "张伟|张", "Zoë <b>O'Brien</b> 🚀|ZO", "<script>alert(1)</script> Eve|AE",
			"<i>Ada</i>|A", "🚀 Rocket Man|RM", "'Quoted' name|QN", "🚀|?", "a < b > c|AB", "  |?" })
	void ofWhenNameThenFirstLetterOfTheFirstTwoWordsThatHaveOne(String name, String initials) {
		assertThat(Initials.of(name)).isEqualTo(initials);
	}

}
