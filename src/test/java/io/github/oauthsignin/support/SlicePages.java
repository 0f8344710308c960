package io.github.oauthsignin.support;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.servlet.http.Cookie;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.context.support.WebApplicationContextUtils;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.FlashMapManager;
import org.springframework.web.util.UriComponentsBuilder;

import io.github.oauthsignin.web.PageMessages;

/** What a {@code @WebMvcTest} slice's answer shows: its page, parsed, and the message it leaves for the next page. */
public final class SlicePages {

	private SlicePages() {
	}

	/** The page of the answer, parsed. */
	public static Document page(MvcTestResult result) {
		return Jsoup.parse(new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8));
	}

	/**
	 * The message the answer left for the page it redirects to, read from its FLASH cookie by the app's own
	 * {@code FlashMapManager} as the next request would read it, if any.
	 */
	public static Optional<String> flashedMessage(MvcTestResult result) {
		String location = result.getResponse().getRedirectedUrl();
		if (location == null) {
			return Optional.empty();
		}
		MockHttpServletRequest next = new MockHttpServletRequest(result.getRequest().getServletContext(), "GET",
				UriComponentsBuilder.fromUriString(location).build().getPath());
		next.setCookies(result.getResponse().getCookies());
		FlashMapManager flashMaps = WebApplicationContextUtils
			.getRequiredWebApplicationContext(result.getRequest().getServletContext())
			.getBean(DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME, FlashMapManager.class);
		FlashMap flash = flashMaps.retrieveAndUpdate(next, new MockHttpServletResponse());
		return Optional.ofNullable(flash).map((map) -> map.get(PageMessages.ATTRIBUTE)).map(String::valueOf);
	}

	/** The cookie of this name the answer set, if any. */
	public static Optional<Cookie> cookie(MvcTestResult result, String name) {
		return Optional.ofNullable(result.getResponse().getCookie(name));
	}

}
