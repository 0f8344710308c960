package io.github.oauthsignin.availability;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import javax.sql.DataSource;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

import io.github.oauthsignin.signin.LogSanitizer;

/**
 * Turns "the database cannot be reached" into a 503 "temporarily unavailable" page instead of a 500.
 * <p>
 * It sits in front of everything, Spring Session's filter included, because with sessions in the database even
 * reading the session cookie needs it. When a request fails with a database error, the filter asks the pool for a
 * working connection: if there is none, the database is away and the answer is 503. (Drivers and pools describe a
 * lost connection in too many ways to recognise it from the exception alone.) The pool's connection timeout
 * bounds how long a page waits; when the database comes back the pool reconnects and pages work again without a
 * restart.
 */
class DatabaseOutageFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseOutageFilter.class);

	private static final String RETRY_AFTER_SECONDS = "30";

	private static final int VALIDATION_TIMEOUT_SECONDS = 2;

	private final DataSource dataSource;

	DatabaseOutageFilter(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException ex) {
			if (!isDatabaseFailure(ex) || (!isPoolTimeout(ex) && isDatabaseReachable())) {
				throw ex;
			}
			logger.warn("Database unavailable, answered 503 to {} {}: {}", request.getMethod(),
					request.getRequestURI(), LogSanitizer.oneLine(rootMessage(ex)));
			if (!response.isCommitted()) {
				response.resetBuffer();
				response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
				response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			}
		}
	}

	/** Whether the failure came from talking to the database at all. */
	static boolean isDatabaseFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof SQLException || cause instanceof DataAccessException
					|| cause instanceof TransactionException) {
				return true;
			}
		}
		return false;
	}

	/** The pool already waited its connection timeout for a working connection: no need to ask again. */
	private static boolean isPoolTimeout(Throwable failure) {
		for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof SQLTransientConnectionException) {
				return true;
			}
		}
		return false;
	}

	private boolean isDatabaseReachable() {
		try (Connection connection = this.dataSource.getConnection()) {
			return connection.isValid(VALIDATION_TIMEOUT_SECONDS);
		}
		catch (SQLException | RuntimeException ex) {
			return false;
		}
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
