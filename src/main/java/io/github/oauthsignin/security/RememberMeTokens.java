package io.github.oauthsignin.security;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.springframework.security.web.authentication.rememberme.JdbcTokenRepositoryImpl;
import org.springframework.security.web.authentication.rememberme.PersistentRememberMeToken;

/**
 * The "Keep me signed in" tokens ({@code persistent_logins}, username = user id): Spring Security's JDBC repository,
 * with the provider each token was made through ({@code provider}, null for tokens made before it was recorded), so
 * that disconnecting a provider ends the tokens made through it, and the sign-ins they make say their way in.
 */
public class RememberMeTokens extends JdbcTokenRepositoryImpl {

	/** Stores a new token made at a sign-in through this provider. */
	void createNewToken(PersistentRememberMeToken token, String provider) {
		getJdbcTemplate().update(
				"insert into persistent_logins (username, series, token, last_used, provider) values (?, ?, ?, ?, ?)",
				token.getUsername(), token.getSeries(), token.getTokenValue(), new Timestamp(token.getDate().getTime()),
				provider);
	}

	/** Whose token this series is, and the provider it was made through. */
	Optional<Owner> ownerOf(String series) {
		List<Owner> owners = getJdbcTemplate().query(
				"select username, provider from persistent_logins where series = ?",
				(row, index) -> new Owner(row.getString(1), row.getString(2)), series);
		return owners.stream().findFirst();
	}

	/** Removes the person's tokens made through this provider, and those whose provider is unknown. */
	void removeUserTokensThrough(String username, String provider) {
		getJdbcTemplate().update(
				"delete from persistent_logins where username = ? and (provider = ? or provider is null)", username,
				provider);
	}

	/**
	 * Whose a token is.
	 * @param username the user id
	 * @param provider the provider it was made through, or null when unknown
	 */
	record Owner(String username, String provider) {
	}

}
