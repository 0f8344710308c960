package io.github.oauthsignin.fake.oauth2;

import java.util.Map;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.FakeServer;
import io.github.oauthsignin.fake.FakeServer.Response;

/**
 * The Apple stand-in's pages: the form post that carries the answer back to the app (submitted at once by a script,
 * as Apple's is, with a button for a browser without scripts), the sandbox's consent page, and error pages.
 */
final class AppleFormPost {

	private AppleFormPost() {
	}

	/** A page that POSTs these fields to the app's redirect URI, cross-site. */
	static Response answer(String redirectUri, Map<String, String> fields) {
		String nonce = Digests.randomToken(16);
		StringBuilder page = new StringBuilder(start("Signing in…"));
		page.append("<form id=\"answer\" method=\"post\" action=\"").append(FakeServer.html(redirectUri)).append("\">\n");
		fields.forEach((name, value) -> page.append("<input type=\"hidden\" name=\"").append(FakeServer.html(name))
			.append("\" value=\"").append(FakeServer.html(value)).append("\">\n"));
		page.append("<button id=\"continue\" type=\"submit\">Continue</button>\n</form>\n")
			.append("<script nonce=\"").append(nonce).append("\">document.getElementById('answer').submit();</script>\n")
			.append(end());
		return respond(200, page.toString(), "script-src 'nonce-" + nonce + "'");
	}

	/** The sandbox's consent page: the name (Apple asks once), and the email shared or hidden behind a relay. */
	static Response consentPage(String dialog, FakePerson suggested) {
		String name = suggested.name();
		int space = name.indexOf(' ');
		String first = (space < 0) ? name : name.substring(0, space);
		String last = (space < 0) ? "" : name.substring(space + 1);
		StringBuilder page = new StringBuilder(start("Sign in with Apple ID"));
		page.append("<p class=\"sandbox\">Sandbox: a stand-in for Apple for trying the app. Nothing is sent to Apple.</p>\n")
			.append("<h1>Create your account for the app using your Apple ID</h1>\n")
			.append("<form method=\"post\" action=\"/auth/consent\">\n")
			.append("<input type=\"hidden\" name=\"dialog\" value=\"").append(FakeServer.html(dialog)).append("\">\n")
			.append(field("firstName", "First name", first, "given-name"))
			.append(field("lastName", "Last name", last, "family-name"))
			.append(field("email", "Apple ID email", suggested.email(), "email"))
			.append("<fieldset><legend>Email the app gets</legend>\n")
			.append("<p><input type=\"radio\" id=\"share\" name=\"email_choice\" value=\"share\" checked>")
			.append("<label for=\"share\">Share My Email</label></p>\n")
			.append("<p><input type=\"radio\" id=\"hide\" name=\"email_choice\" value=\"hide\">")
			.append("<label for=\"hide\">Hide My Email (a private relay address)</label></p>\n</fieldset>\n")
			.append("<button id=\"continue\" class=\"primary\" type=\"submit\" name=\"choice\" value=\"continue\">")
			.append("Continue</button>\n")
			.append("<button id=\"cancel\" type=\"submit\" name=\"choice\" value=\"cancel\">Cancel</button>\n</form>\n")
			.append(end());
		return respond(200, page.toString(), "script-src 'none'");
	}

	static Response error(int status, String error, String message) {
		return respond(status, start("Sign in with Apple ID") + "<h1 id=\"error\">" + FakeServer.html(error)
				+ "</h1>\n<p>" + FakeServer.html(message) + "</p>\n" + end(), "script-src 'none'");
	}

	private static String field(String name, String label, String value, String autocomplete) {
		return "<label for=\"" + name + "\">" + label + "</label>\n<input id=\"" + name + "\" name=\"" + name
				+ "\" value=\"" + FakeServer.html((value != null) ? value : "") + "\" autocomplete=\"" + autocomplete
				+ "\">\n";
	}

	private static Response respond(int status, String body, String scripts) {
		return new Response(status, "text/html; charset=UTF-8", Map.of("Content-Security-Policy",
				"default-src 'none'; " + scripts + "; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
				"Cache-Control", "no-store", "X-Content-Type-Options", "nosniff"), body);
	}

	private static String start(String title) {
		return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
				+ FakeServer.html(title) + "</title>\n<style>\n"
				+ "body{margin:0;font-family:-apple-system,Helvetica,Arial,sans-serif;background:#fff;color:#1d1d1f}\n"
				+ "header{background:#000;color:#fff;padding:10px 16px;font-size:20px}\n"
				+ "main{box-sizing:border-box;max-width:440px;margin:16px auto;padding:16px}\n"
				+ "h1{font-size:20px;font-weight:600}label{display:block;margin-top:12px;font-size:14px}\n"
				+ "input{box-sizing:border-box;width:100%;margin-top:4px;padding:10px;font-size:16px;"
				+ "border:1px solid #6e6e73;border-radius:8px}\n"
				+ "input[type=radio]{width:auto;margin-right:8px}fieldset p{display:flex;align-items:center}"
				+ "fieldset label{margin:0}\n"
				+ "button{display:block;width:100%;margin-top:12px;padding:10px;font-size:16px;border:0;"
				+ "border-radius:8px;background:#e8e8ed;color:#1d1d1f}button.primary{background:#0066cc;color:#fff}\n"
				+ ".sandbox{font-size:13px;color:#6e6e73}\n"
				+ "</style>\n</head>\n<body>\n<header>Apple ID</header>\n<main>\n";
	}

	private static String end() {
		return "</main>\n</body>\n</html>\n";
	}

}
