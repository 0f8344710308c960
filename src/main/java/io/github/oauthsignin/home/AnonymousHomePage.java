package io.github.oauthsignin.home;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The home page as a visitor who is not signed in sees it, without a message or a page to return to: the same bytes
 * for everyone who reads one language, so it is rendered once per language (the first time it is asked for) and
 * then served from memory, with an {@code ETag}: a browser that has it gets a 304 and no body.
 * <p>
 * {@code Cache-Control: private, no-cache} keeps it out of shared caches and makes the browser ask every time
 * (with {@code If-None-Match}), so that whoever signs in meanwhile gets their own page, never this one;
 * {@code Vary: Accept-Language, Cookie} says what it depends on. The controller hands only anonymous visitors here.
 */
@Component
class AnonymousHomePage implements View {

	/** More languages than any app has texts for: the resolver only ever answers one it has. */
	private static final int MAX_LANGUAGES = 32;

	private static final String CACHE_CONTROL = "private, no-cache";

	private static final String VARY = HttpHeaders.ACCEPT_LANGUAGE + ", " + HttpHeaders.COOKIE;

	private final ThymeleafViewResolver views;

	private final Map<Locale, Rendered> pages = new ConcurrentHashMap<>();

	AnonymousHomePage(ThymeleafViewResolver views) {
		this.views = views;
	}

	@Override
	public String getContentType() {
		return "text/html;charset=UTF-8";
	}

	@Override
	public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
			throws Exception {
		Locale locale = RequestContextUtils.getLocale(request);
		Rendered page = this.pages.get(locale);
		if (page == null) {
			page = render(model, request, response, locale);
			if (this.pages.size() < MAX_LANGUAGES) {
				this.pages.putIfAbsent(locale, page);
			}
		}
		response.setHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
		response.setHeader(HttpHeaders.VARY, VARY);
		if (new ServletWebRequest(request, response).checkNotModified(page.etag())) {
			return;
		}
		response.setHeader(HttpHeaders.ETAG, page.etag());
		response.setContentType(page.contentType());
		response.setContentLength(page.body().length);
		response.getOutputStream().write(page.body());
	}

	/** The page rendered by the {@code home} template, as any other page, but into memory. */
	private Rendered render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response,
			Locale locale) throws Exception {
		View home = this.views.resolveViewName("home", locale);
		ContentCachingResponseWrapper buffer = new ContentCachingResponseWrapper(response);
		home.render(model, request, buffer);
		buffer.flushBuffer();
		byte[] body = buffer.getContentAsByteArray();
		String contentType = (buffer.getContentType() != null) ? buffer.getContentType() : getContentType();
		return new Rendered(body, etagOf(body), contentType);
	}

	private static String etagOf(byte[] body) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
			return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	private record Rendered(byte[] body, String etag, String contentType) {
	}

}
