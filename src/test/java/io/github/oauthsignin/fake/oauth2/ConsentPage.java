package io.github.oauthsignin.fake.oauth2;

import java.util.Map;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.FakeServer;
import io.github.oauthsignin.fake.FakeServer.Response;

/**
 * The server-rendered pages of the fake providers: the consent page, where a person picks a ready-made person,
 * may edit the name and email, then continues or cancels, and the error pages that stand in for a redirect the
 * provider refuses to make. No scripts, a strict Content-Security-Policy, labelled inputs and colours with at
 * least 4.5:1 contrast, so that the sandbox is usable with a keyboard or a screen reader and the browser tests
 * catch an app page, not a provider page, when they check accessibility.
 */
final class ConsentPage {

	/**
	 * How a flavour's pages look and what they say.
	 * @param title the page title
	 * @param brand the header text (the provider's logo, in words)
	 * @param provider the provider's name in sentences
	 * @param headline the headline, HTML (already escaped)
	 * @param headerBackground the header's colour behind white text
	 * @param accent the colour of the primary button (behind white text) and of links (on white)
	 * @param showsEmail whether the person's email can be edited (X over OAuth 2 shares none)
	 * @param showsEmailVerified whether the page offers to mark the email unverified
	 */
	record Look(String title, String brand, String provider, String headline, String headerBackground, String accent,
			boolean showsEmail, boolean showsEmailVerified) {
	}

	/**
	 * What the form holds.
	 * @param dialogId the pending request the form answers
	 * @param person the index of the ready-made person picked
	 * @param name the name as shown or edited
	 * @param email the email as shown or edited
	 * @param emailVerified whether the email counts as verified
	 */
	record Form(String dialogId, int person, String name, String email, boolean emailVerified) {
	}

	private ConsentPage() {
	}

	/**
	 * The consent page.
	 * @param action where the form posts
	 * @param pickHref the authorization request's path and query, to which {@code &person=<i>} is added to pick
	 * someone else
	 * @param problem what is wrong with the last submission, or null
	 */
	static Response render(Look look, int status, Form form, String action, String pickHref, String problem) {
		StringBuilder page = new StringBuilder(4096);
		page.append(start(look, look.title()));
		page.append("<p class=\"sandbox\">Sandbox: a fake ").append(FakeServer.html(look.provider()))
			.append(" for trying the app. Nothing is sent to ").append(FakeServer.html(look.provider()))
			.append(".</p>\n");
		page.append("<h1>").append(look.headline()).append("</h1>\n");
		if (problem != null) {
			page.append("<p class=\"problem\" id=\"problem\">Please check: ").append(FakeServer.html(problem))
				.append(".</p>\n");
		}
		page.append("<form method=\"post\" action=\"").append(FakeServer.html(action)).append("\">\n")
			.append("<input type=\"hidden\" name=\"dialog\" value=\"").append(FakeServer.html(form.dialogId()))
			.append("\">\n")
			.append("<input type=\"hidden\" name=\"person\" value=\"").append(form.person()).append("\">\n")
			.append("<label for=\"name\">Name</label>\n")
			.append("<input id=\"name\" name=\"name\" value=\"").append(FakeServer.html(form.name()))
			.append("\" autocomplete=\"name\">\n");
		if (look.showsEmail()) {
			page.append("<label for=\"email\">Email <span>(leave empty for someone without one)</span></label>\n")
				.append("<input id=\"email\" name=\"email\" value=\"").append(FakeServer.html(form.email()))
				.append("\" inputmode=\"email\" autocomplete=\"email\">\n");
		}
		if (look.showsEmailVerified()) {
			page.append("<p class=\"check\"><input type=\"checkbox\" id=\"verified\" name=\"verified\" value=\"yes\"")
				.append(form.emailVerified() ? " checked" : "")
				.append(">\n<label for=\"verified\">The email address is verified</label></p>\n");
		}
		page.append("<button id=\"continue\" class=\"primary\" type=\"submit\" name=\"choice\" value=\"continue\">")
			.append(form.name().isEmpty() ? "Continue" : "Continue as " + FakeServer.html(form.name()))
			.append("</button>\n")
			.append("<button id=\"cancel\" type=\"submit\" name=\"choice\" value=\"cancel\">Cancel</button>\n")
			.append("</form>\n");
		page.append("<h2>Sign in as someone else</h2>\n<ul class=\"people\">\n");
		for (int i = 0; i < FakePerson.READY_MADE.size(); i++) {
			FakePerson person = FakePerson.READY_MADE.get(i);
			String detail = !look.showsEmail() ? "@" + person.screenName()
					: (person.email() != null) ? person.email() : "no email";
			page.append("<li><a id=\"person-").append(i).append("\" href=\"")
				.append(FakeServer.html(pickHref + "&person=" + i)).append("\"")
				.append((i == form.person()) ? " aria-current=\"true\"" : "").append(">")
				.append(FakeServer.html(person.name())).append(" <span>").append(FakeServer.html(detail))
				.append("</span></a></li>\n");
		}
		page.append("</ul>\n").append(end());
		return respond(status, page.toString());
	}

	/** A page instead of a redirect: the provider never sends the browser anywhere it cannot vouch for. */
	static Response error(Look look, int status, String title, String message) {
		return respond(status, start(look, title) + "<h1 id=\"error\">" + FakeServer.html(title) + "</h1>\n<p>"
				+ FakeServer.html(message) + "</p>\n" + end());
	}

	private static Response respond(int status, String body) {
		return new Response(status, "text/html; charset=UTF-8", Map.of("Content-Security-Policy",
				"default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; "
						+ "frame-ancestors 'none'",
				"Cache-Control", "no-store", "X-Content-Type-Options", "nosniff"), body);
	}

	private static String start(Look look, String title) {
		return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
				+ FakeServer.html(title) + "</title>\n<style>\n"
				+ "body{margin:0;font-family:Helvetica,Arial,sans-serif;background:#f0f2f5;color:#1c1e21}\n"
				+ "header{background:" + look.headerBackground() + ";color:#fff;padding:10px 16px;font-size:28px;"
				+ "font-weight:bold;letter-spacing:-1px}\n"
				+ "main{box-sizing:border-box;max-width:440px;margin:16px auto;padding:16px;background:#fff;"
				+ "border-radius:8px;box-shadow:0 1px 2px rgba(0,0,0,.2)}\n"
				+ "h1{font-size:18px;font-weight:normal;line-height:1.4}h2{font-size:15px;margin-top:24px}\n"
				+ "label{display:block;margin-top:12px;font-size:14px;font-weight:bold}label span{font-weight:normal;"
				+ "color:#65676b}\n"
				+ "input{box-sizing:border-box;width:100%;margin-top:4px;padding:10px;font-size:16px;"
				+ "border:1px solid #8a8d91;border-radius:6px}\n"
				+ ".check{display:flex;align-items:center;gap:8px;margin-top:12px}.check input{width:auto;margin:0}"
				+ ".check label{margin:0}\n"
				+ "button{box-sizing:border-box;display:block;width:100%;margin-top:12px;padding:10px;font-size:16px;"
				+ "font-weight:bold;border:0;border-radius:6px;background:#e4e6eb;color:#050505;"
				+ "overflow-wrap:anywhere}\n"
				+ "button.primary{background:" + look.accent() + ";color:#fff}\n"
				+ ".sandbox{font-size:13px;color:#65676b}.problem{color:#be4b49;font-weight:bold}\n"
				+ "ul.people{list-style:none;padding:0}ul.people li{border-top:1px solid #dadde1}\n"
				+ "ul.people a{display:block;padding:10px 0;color:" + look.accent() + ";text-decoration:none;"
				+ "overflow-wrap:anywhere}\n"
				+ "ul.people a span{display:block;font-size:13px;color:#65676b}\n"
				+ "ul.people a[aria-current]{font-weight:bold}\n"
				+ "</style>\n</head>\n<body>\n<header>" + FakeServer.html(look.brand()) + "</header>\n<main>\n";
	}

	private static String end() {
		return "</main>\n</body>\n</html>\n";
	}

}
