package io.github.oauthsignin.web;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.FlashMapManager;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The one way a page tells a person what just happened: a message from {@code messages.properties}, in the reader's
 * language, left as a flash attribute for the page the browser is sent to next, shown once (a reload does not
 * repeat it) in the layout's message area. Flash attributes travel in a signed cookie
 * ({@link CookieFlashMapManager}), never in a session.
 */
@Component
public class PageMessages {

	/** The model attribute the layout shows. */
	public static final String ATTRIBUTE = "message";

	private final MessageSource messages;

	private final FlashMapManager flashMaps;

	PageMessages(MessageSource messages, FlashMapManager flashMaps) {
		this.messages = messages;
		this.flashMaps = flashMaps;
	}

	/** The text of this message in the reader's language. */
	public String text(String code, Object... arguments) {
		return this.messages.getMessage(code, arguments, LocaleContextHolder.getLocale());
	}

	/** Leaves this message for the page a controller redirects to. */
	public void flash(RedirectAttributes flash, String code, Object... arguments) {
		flash.addFlashAttribute(ATTRIBUTE, text(code, arguments));
	}

	/**
	 * Leaves this message for the page a filter (Spring Security's handlers) redirects to, outside any controller.
	 * @param targetPath the path the browser is sent to, such as {@code /}
	 */
	public void flash(HttpServletRequest request, HttpServletResponse response, String targetPath, String code,
			Object... arguments) {
		FlashMap flash = new FlashMap();
		flash.put(ATTRIBUTE, text(code, arguments));
		flash.setTargetRequestPath(request.getContextPath() + targetPath);
		this.flashMaps.saveOutputFlashMap(flash, request, response);
	}

	/** Dates and times as the reader's language writes them, in UTC, which they say: "27 November 2026 at 06:44 UTC". */
	public DateTimeFormatter readableDateTimes() {
		Locale locale = LocaleContextHolder.getLocale();
		return DateTimeFormatter.ofPattern(text("date.readable"), locale).withZone(ZoneOffset.UTC);
	}

	/** Names joined as the reader's language lists alternatives: "Facebook, GitHub or X". */
	public String alternatives(List<String> names) {
		if (names.isEmpty()) {
			return "";
		}
		String joined = names.get(names.size() - 1);
		if (names.size() > 1) {
			joined = text("list.or", String.join(text("list.separator"), names.subList(0, names.size() - 1)), joined);
		}
		return joined;
	}

}
