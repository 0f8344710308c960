package io.github.oauthsignin.tokens;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.security.oauth2.client.JdbcOAuth2AuthorizedClientService.OAuth2AuthorizedClientHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.util.StringUtils;

/**
 * How Spring Security's {@code JdbcOAuth2AuthorizedClientService} writes and reads the rows of
 * {@code oauth2_authorized_client}, its own table, with the token values encrypted ({@link TokenCipher}) and the
 * times as {@code timestamp with time zone}; the rest as Spring writes it (scopes joined by commas). A row whose
 * token no configured key can read, or whose provider is no longer configured, reads as no authorized client.
 */
final class EncryptedAuthorizedClientRows implements RowMapper<OAuth2AuthorizedClient> {

	private static final Logger logger = LoggerFactory.getLogger(EncryptedAuthorizedClientRows.class);

	private final TokenCipher cipher;

	private final ClientRegistrationRepository registrations;

	EncryptedAuthorizedClientRows(TokenCipher cipher, ClientRegistrationRepository registrations) {
		this.cipher = cipher;
		this.registrations = registrations;
	}

	/** Where an OAuth 2 token is stored, bound into its encryption. */
	static String context(String registrationId, String principalName, String column) {
		return "oauth2_authorized_client|" + registrationId + "|" + principalName + "|" + column;
	}

	/** The row's parameters in Spring's order, the token values encrypted. */
	List<SqlParameterValue> parameters(OAuth2AuthorizedClientHolder holder) {
		OAuth2AuthorizedClient client = holder.getAuthorizedClient();
		String registrationId = client.getClientRegistration().getRegistrationId();
		String principalName = holder.getPrincipal().getName();
		OAuth2AccessToken accessToken = client.getAccessToken();
		OAuth2RefreshToken refreshToken = client.getRefreshToken();
		List<SqlParameterValue> parameters = new ArrayList<>();
		parameters.add(new SqlParameterValue(Types.VARCHAR, registrationId));
		parameters.add(new SqlParameterValue(Types.VARCHAR, principalName));
		parameters.add(new SqlParameterValue(Types.VARCHAR, accessToken.getTokenType().getValue()));
		parameters.add(new SqlParameterValue(Types.BLOB, this.cipher.encrypt(accessToken.getTokenValue(),
				context(registrationId, principalName, "access_token_value"))));
		parameters.add(time(accessToken.getIssuedAt()));
		parameters.add(time(accessToken.getExpiresAt()));
		parameters.add(new SqlParameterValue(Types.VARCHAR,
				StringUtils.collectionToDelimitedString(accessToken.getScopes(), ",")));
		parameters.add(new SqlParameterValue(Types.BLOB, (refreshToken != null) ? this.cipher
			.encrypt(refreshToken.getTokenValue(), context(registrationId, principalName, "refresh_token_value"))
				: null));
		parameters.add(time((refreshToken != null) ? refreshToken.getIssuedAt() : null));
		return parameters;
	}

	@Override
	public OAuth2AuthorizedClient mapRow(ResultSet row, int rowNumber) throws SQLException {
		String registrationId = row.getString("client_registration_id");
		String principalName = row.getString("principal_name");
		ClientRegistration registration = this.registrations.findByRegistrationId(registrationId);
		if (registration == null) {
			return null;
		}
		try {
			OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
					this.cipher.decrypt(row.getBytes("access_token_value"),
							context(registrationId, principalName, "access_token_value")),
					instant(row, "access_token_issued_at"), instant(row, "access_token_expires_at"),
					Set.copyOf(StringUtils.commaDelimitedListToSet(row.getString("access_token_scopes"))));
			byte[] refresh = row.getBytes("refresh_token_value");
			OAuth2RefreshToken refreshToken = (refresh != null) ? new OAuth2RefreshToken(
					this.cipher.decrypt(refresh, context(registrationId, principalName, "refresh_token_value")),
					instant(row, "refresh_token_issued_at")) : null;
			return new OAuth2AuthorizedClient(registration, principalName, accessToken, refreshToken);
		}
		catch (UnreadableTokenException ex) {
			logger.warn("The kept {} token of user {} is not used: {}", registrationId, principalName,
					ex.getMessage());
			return null;
		}
	}

	private static SqlParameterValue time(Instant instant) {
		return new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE,
				(instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null);
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
		return (time != null) ? time.toInstant() : null;
	}

}
