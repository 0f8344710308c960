package io.github.oauthsignin.user;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link SocialId} in its one text form, {@code provider$id}. */
@Converter
class SocialIdConverter implements AttributeConverter<SocialId, String> {

	@Override
	public String convertToDatabaseColumn(SocialId socialId) {
		return (socialId != null) ? socialId.toString() : null;
	}

	@Override
	public SocialId convertToEntityAttribute(String text) {
		if (text == null) {
			return null;
		}
		return SocialId.parse(text)
			.orElseThrow(() -> new IllegalStateException("A stored social id is not provider$id: '" + text + "'"));
	}

}
