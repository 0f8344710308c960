package io.github.oauthsignin.availability;

import java.io.IOException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

import io.github.oauthsignin.signin.LogText;

/**
 * Turns "the database cannot be reached" into a 503 "temporarily unavailable" page instead of a 500.
 * <p>
 * It sits in front of everything, Spring Session's filter included, because with sessions in the database even
 * reading the session cookie needs it. The pool's connection timeout bounds how long a page waits; when the
 * database comes back, the pool reconnects and pages work again without a restart.
 */
class DatabaseOutageFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseOutageFilter.class);

	private static final String RETRY_AFTER_SECONDS = "30";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException ex) {
			if (!isDatabaseOutage(ex)) {
				throw ex;
			}
			logger.warn("Database unavailable, answered 503 to {} {}: {}", request.getMethod(),
					request.getRequestURI(), LogText.oneLine(rootMessage(ex)));
			if (!response.isCommitted()) {
				response.resetBuffer();
				response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
				response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			}
		}
	}

	static boolean isDatabaseOutage(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof CannotGetJdbcConnectionException || cause instanceof CannotCreateTransactionException
					|| cause instanceof DataAccessResourceFailureException
					|| cause instanceof SQLTransientConnectionException) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
