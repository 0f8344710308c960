package io.github.oauthsignin.user;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextFitTests {

	@Test
	void shortenWhenShortThenUnchanged() {
		assertThat(TextFit.shorten("Ada", 100)).isEqualTo("Ada");
	}

	@Test
	void shortenWhenLongThenCutToWidth() {
		assertThat(TextFit.shorten("x".repeat(300), 100)).hasSize(100);
	}

	@Test
	void shortenWhenCutFallsInsideAnEmojiThenEmojiDroppedWhole() {
		String text = "a".repeat(99) + "🚀🚀";
		String shortened = TextFit.shorten(text, 100);
		assertThat(shortened).isEqualTo("a".repeat(99));
		assertThat(shortened.codePoints().allMatch(Character::isValidCodePoint)).isTrue();
		assertThat(Character.isHighSurrogate(shortened.charAt(shortened.length() - 1))).isFalse();
	}

}
