package io.github.oauthsignin.user;

import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SignInProfileTests {

	@Test
	void socialIdIsProviderDollarId() {
		SignInProfile profile = SignInProfile.of("twitter", "1456789012345678901", null, null, "zoe");
		assertThat(profile.socialId()).hasToString("twitter$1456789012345678901");
	}

	@Test
	void ofWhenFirstNicknameCandidatesBlankThenNextUsableTaken() {
		SignInProfile profile = SignInProfile.of("facebook", "1", "ada@example.com", null, "  ", null, "ada",
				"Facebook user");
		assertThat(profile.nickname()).isEqualTo("ada");
	}

	@Test
	void ofWhenNameHasControlCharactersThenRemoved() {
		SignInProfile profile = SignInProfile.of("facebook", "1", null, null, "Ada\u0000\n Love\u202Elace\t");
		assertThat(profile.nickname()).isEqualTo("Ada Lovelace");
	}

	@Test
	void ofWhenNameHasInvisibleCharactersThenRemovedBeforeStored() {
		// zero-width space, joiner, non-joiner, word joiner, byte order mark, soft hyphen, left-to-right and
		// right-to-left marks, an override, an isolate, a Hangul filler, a tag character
		SignInProfile profile = SignInProfile.of("facebook", "1", null, null,
				"a\u200Bd\u200Dm\u200Ci\u2060n\uFEFF\u00AD\u200E\u200F\u202E\u2067\u3164\uDB40\uDC41");
		assertThat(profile.nickname()).isEqualTo("admin");
		assertThat(SignInProfile.of("facebook", "1", null, null, "\u200B\u200B", "Fallback").nickname())
			.as("a name of nothing but invisible characters is no name").isEqualTo("Fallback");
	}

	@Test
	void ofWhenUsernameHasInvisibleCharactersThenRemovedBeforeStored() {
		SignInProfile profile = SignInProfile.of("twitter", "1", null, null, "Ada").withUsername("ad\u200Ba\u2066");
		assertThat(profile.username()).contains("ada");
	}

	@Test
	void ofWhenJoinersAreWhereScriptsNeedThemThenKept() {
		String technologist = "\uD83D\uDC69\u200D\uD83D\uDCBB"; // woman, zero-width joiner, laptop
		String persian = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645"; // "I want", with a non-joiner
		assertThat(SignInProfile.of("facebook", "1", null, null, technologist).nickname()).isEqualTo(technologist);
		assertThat(SignInProfile.of("facebook", "1", null, null, persian).nickname()).isEqualTo(persian);
	}

	@Test
	void ofWhenNameHasHtmlThenKeptAsText() {
		SignInProfile profile = SignInProfile.of("facebook", "1", null, null, "Zoë <b>O'Brien</b> 🚀");
		assertThat(profile.nickname()).isEqualTo("Zoë <b>O'Brien</b> 🚀");
	}

	@ParameterizedTest
	@ValueSource(strings = { "not an address", "ada", "@example.com", "ada@", "ada@example", "a b@example.com",
			"ada@@example.com" })
	void ofWhenEmailIsNotAnAddressThenDropped(String email) {
		assertThat(SignInProfile.of("facebook", "1", email, null, "Ada").email()).isEmpty();
	}

	@Test
	void ofWhenEmailValidThenKeptTrimmed() {
		assertThat(SignInProfile.of("facebook", "1", " ada@example.com ", null, "Ada").email())
			.contains("ada@example.com");
	}

	@Test
	void ofWhenEmailLongerThanSmtpAllowsThenDropped() {
		String email = "a".repeat(300) + "@" + "b".repeat(30) + ".com";
		assertThat(SignInProfile.of("facebook", "1", email, null, "Ada").email()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "javascript:alert(1)", "data:image/png;base64,AAAA", "/relative.png", "ftp://x/y.png",
			"not a url at all" })
	void ofWhenPictureIsNotAWebUrlThenDropped(String picture) {
		assertThat(SignInProfile.of("facebook", "1", null, picture, "Ada").pictureUrl()).isEmpty();
	}

	@Test
	void ofWhenPictureIsHttpsThenKept() {
		assertThat(SignInProfile.of("facebook", "1", null, "https://cdn.example/p.jpg?x=1&y=2", "Ada").pictureUrl())
			.contains(URI.create("https://cdn.example/p.jpg?x=1&y=2"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "  ", "null$", "1/../2", "a b", "<script>" })
	void ofWhenIdMissingOrNotAnIdThenRefused(String id) {
		assertThatIllegalArgumentException().isThrownBy(() -> SignInProfile.of("facebook", id, null, null, "Ada"));
	}

	@Test
	void ofWhenIdNullThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SignInProfile.of("facebook", null, null, null, "Ada"));
	}

	@Test
	void ofWhenNoNicknameAtAllThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SignInProfile.of("facebook", "1", null, null, " "));
	}

	@Test
	void localPartIsBeforeTheAtSign() {
		assertThat(SignInProfile.localPart("ada@example.com")).isEqualTo("ada");
		assertThat(SignInProfile.localPart(null)).isNull();
		assertThat(SignInProfile.localPart("@example.com")).isNull();
	}

	@Test
	void constructorKeepsOptionalsEmptyWhenAbsent() {
		SignInProfile profile = new SignInProfile("facebook", "1", "Ada", Optional.empty(), Optional.empty(),
				Optional.empty());
		assertThat(profile.email()).isEmpty();
		assertThat(profile.pictureUrl()).isEmpty();
	}

}
