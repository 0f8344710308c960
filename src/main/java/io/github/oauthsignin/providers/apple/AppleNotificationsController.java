package io.github.oauthsignin.providers.apple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

import io.github.oauthsignin.providers.apple.AppleNotifications.InvalidNotificationException;
import io.github.oauthsignin.providers.apple.AppleNotifications.Notification;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /apple/notifications}, the "Server-to-Server Notification Endpoint" registered at Apple: a JSON body
 * {@code {"payload": "<JWT>"}} ({@link AppleNotifications}). The body is read up to {@value #MAX_BODY} bytes; a
 * notification that does not verify, or a body that is none, is answered 400 and changes nothing. Apple posts
 * without a session or CSRF token: the path is exempt from both while Apple is configured, and 404 otherwise.
 */
@Controller
class AppleNotificationsController {

	static final int MAX_BODY = 16 * 1024;

	private static final Logger logger = LoggerFactory.getLogger(AppleNotificationsController.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ClientRegistrationRepository registrations;

	private final AppleNotifications notifications;

	private final TransactionTemplate transactions;

	AppleNotificationsController(ClientRegistrationRepository registrations, AppleNotifications notifications,
			PlatformTransactionManager transactionManager) {
		this.registrations = registrations;
		this.notifications = notifications;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	@PostMapping(ApplePreset.NOTIFICATIONS_PATH)
	@ResponseBody
	ResponseEntity<Map<String, String>> notification(HttpServletRequest request) throws IOException {
		ClientRegistration apple = this.registrations.findByRegistrationId(ApplePreset.ID);
		if (apple == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		try {
			Notification notification = this.notifications.verify(apple, payload(request));
			boolean acted = Boolean.TRUE.equals(
					this.transactions.execute((status) -> this.notifications.act(ApplePreset.ID, notification)));
			logger.atInfo()
				.addKeyValue("provider", ApplePreset.ID)
				.log("Apple notification {}: {}", notification.type(), acted ? "done" : "already done before");
			return json(HttpStatus.OK, Map.of("status", "ok"));
		}
		catch (InvalidNotificationException ex) {
			logger.warn("Apple notification refused: {}", ex.getMessage());
			return json(HttpStatus.BAD_REQUEST, Map.of("error", "invalid notification"));
		}
	}

	/** The {@code payload} of the JSON body, read up to {@value #MAX_BODY} bytes. */
	private static String payload(HttpServletRequest request) throws IOException {
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(MAX_BODY + 1);
		}
		if (body.length > MAX_BODY) {
			throw new InvalidNotificationException("a body larger than " + MAX_BODY + " bytes");
		}
		try {
			String payload = JSON.readTree(new String(body, StandardCharsets.UTF_8)).path("payload").asString("");
			if (payload.isBlank()) {
				throw new InvalidNotificationException("no payload");
			}
			return payload;
		}
		catch (JacksonException ex) {
			throw new InvalidNotificationException("a body that is not JSON");
		}
	}

	private static ResponseEntity<Map<String, String>> json(HttpStatus status, Map<String, String> body) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
	}

}
