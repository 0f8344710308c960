package io.github.oauthsignin.user;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextTruncationTests {

	@Test
	void truncateWhenShortThenUnchanged() {
		assertThat(TextTruncation.truncate("Ada", 100)).isEqualTo("Ada");
	}

	@Test
	void truncateWhenLongThenCutToWidth() {
		assertThat(TextTruncation.truncate("x".repeat(300), 100)).hasSize(100);
	}

	@Test
	void truncateWhenCutFallsInsideAnEmojiThenEmojiDroppedWhole() {
		String text = "a".repeat(99) + "🚀🚀";
		String shortened = TextTruncation.truncate(text, 100);
		assertThat(shortened).isEqualTo("a".repeat(99));
		assertThat(shortened.codePoints().allMatch(Character::isValidCodePoint)).isTrue();
		assertThat(Character.isHighSurrogate(shortened.charAt(shortened.length() - 1))).isFalse();
	}

}
