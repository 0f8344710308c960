package io.github.oauthsignin.providers.facebook;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

import io.github.oauthsignin.account.AccountDeletion;
import io.github.oauthsignin.signin.CallbackUris;
import io.github.oauthsignin.providers.facebook.SignedRequestVerifier.InvalidSignedRequestException;
import io.github.oauthsignin.providers.facebook.SignedRequestVerifier.SignedRequest;
import io.github.oauthsignin.user.SocialId;
import io.github.oauthsignin.web.PageMessages;

/**
 * What Facebook calls on its own, server to server, with a {@code signed_request} (see
 * {@link SignedRequestVerifier}), and the status page it sends people to:
 * <ul>
 * <li>{@code POST /facebook/data-deletion}, the app's "Data Deletion Request URL": the person asked Facebook to
 * have their data deleted. Their account goes (see {@link AccountDeletion}), and the answer is the JSON Facebook
 * requires, {@code {"url": <status page>, "confirmation_code": <code>}};</li>
 * <li>{@code GET /facebook/data-deletion/{code}}: says to whoever holds the code that the deletion is done, and
 * nothing else;</li>
 * <li>{@code POST /facebook/deauthorize}, the "Deauthorize callback URL": the person removed the app on Facebook.
 * They are signed out everywhere; the account stays until they ask for it to go.</li>
 * </ul>
 * Facebook posts without a CSRF token or a session, so the security configuration exempts exactly these two
 * posts from CSRF, and nothing here opens a session. A request that does not verify is answered 400 and changes
 * nothing, and so does one that is stale, from the future, or acted on before ({@link SeenSignedRequests}). These
 * addresses exist only while Facebook sign-in is configured; otherwise they are 404.
 */
@Controller
class FacebookCallbacksController {

	static final String DATA_DELETION_PATH = FacebookPreset.DATA_DELETION_PATH;

	static final String DEAUTHORIZE_PATH = FacebookPreset.DEAUTHORIZE_PATH;

	static final String SIGNED_REQUEST = "signed_request";

	private static final Logger logger = LoggerFactory.getLogger(FacebookCallbacksController.class);

	private final ClientRegistrationRepository registrations;

	private final DataDeletionRequests deletions;

	private final AccountDeletion accounts;

	private final CallbackUris uris;

	private final PageMessages messages;

	private final SeenSignedRequests seen;

	private final TransactionTemplate transactions;

	FacebookCallbacksController(ClientRegistrationRepository registrations, DataDeletionRequests deletions,
			AccountDeletion accounts, CallbackUris uris, PageMessages messages, SeenSignedRequests seen,
			PlatformTransactionManager transactionManager) {
		this.registrations = registrations;
		this.deletions = deletions;
		this.accounts = accounts;
		this.uris = uris;
		this.messages = messages;
		this.seen = seen;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	@PostMapping(DATA_DELETION_PATH)
	@ResponseBody
	ResponseEntity<?> dataDeletion(@RequestParam(name = SIGNED_REQUEST, required = false) String signedRequest,
			HttpServletRequest request) {
		return answer("data-deletion", signedRequest, (userId) -> {
			DataDeletionRequests.Deletion deletion = this.deletions.delete(userId);
			logger.info("Facebook data-deletion request {}: {}", abbreviate(deletion.confirmationCode()),
					switch (deletion.removed()) {
						case ACCOUNT -> "identity and account deleted";
						case IDENTITY -> "identity deleted, the account keeps its other providers";
						case NOTHING -> "nobody to delete";
					});
			URI status = this.uris.publicUri(request, DATA_DELETION_PATH + "/{code}", deletion.confirmationCode());
			return new DeletionAnswer(status.toString(), deletion.confirmationCode());
		});
	}

	@PostMapping(DEAUTHORIZE_PATH)
	@ResponseBody
	ResponseEntity<?> deauthorize(@RequestParam(name = SIGNED_REQUEST, required = false) String signedRequest) {
		return answer("deauthorize", signedRequest, (userId) -> {
			boolean known = this.accounts.signOutEverywhereBySocialId(new SocialId(FacebookPreset.ID, userId));
			logger.info("Facebook deauthorize: {}", known ? "signed the person out everywhere" : "unknown person");
			return Map.of("status", "ok");
		});
	}

	@GetMapping(DATA_DELETION_PATH + "/{code}")
	String dataDeletionStatus(@PathVariable String code, Model model) {
		facebook();
		Instant completedAt = this.deletions.completedAt(code)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("code", code);
		model.addAttribute("completedAt", this.messages.readableDateTimes().format(completedAt));
		return "facebook-data-deletion";
	}

	/**
	 * Verifies the request, then does the work for its user id; a request that does not verify gets a 400 with
	 * a JSON body.
	 */
	private ResponseEntity<?> answer(String callback, String signedRequest,
			Function<String, Object> work) {
		SignedRequestVerifier verifier = new SignedRequestVerifier(facebook().getClientSecret());
		try {
			SignedRequest verified = verifier.verify(signedRequest);
			// Remembered in the transaction of the work: a request whose work fails may come again.
			// An unreachable database is answered 503 by the DatabaseOutageFilter in front of everything.
			return json(HttpStatus.OK, this.transactions.execute((status) -> {
				this.seen.admit(verified);
				return work.apply(verified.userId());
			}));
		}
		catch (InvalidSignedRequestException ex) {
			logger.warn("Facebook {} callback refused: {}", callback, ex.getMessage());
			return json(HttpStatus.BAD_REQUEST, new ErrorAnswer("invalid signed_request"));
		}
	}

	/**
	 * The {@code facebook} registration, whose app secret signs what Facebook posts.
	 * @throws ResponseStatusException 404 when Facebook sign-in is not configured: then these addresses do not
	 * exist
	 */
	private ClientRegistration facebook() {
		ClientRegistration facebook = this.registrations.findByRegistrationId(FacebookPreset.ID);
		if (facebook == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return facebook;
	}

	private static ResponseEntity<Object> json(HttpStatus status, Object body) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
	}

	/** Enough of a code to match log lines with a support request, not enough to open its page. */
	private static String abbreviate(String code) {
		return code.substring(0, 6) + "…";
	}

	/**
	 * The answer Facebook requires to a data-deletion request.
	 * @param url where the person can check the status of their request
	 * @param confirmationCode the code that names it
	 */
	record DeletionAnswer(String url, @JsonProperty("confirmation_code") String confirmationCode) {
	}

	/** @param error what was wrong, in a few words (never the request itself) */
	record ErrorAnswer(String error) {
	}

}
