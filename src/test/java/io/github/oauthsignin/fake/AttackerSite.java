package io.github.oauthsignin.fake;

/**
 * Another website, at {@code http://127.0.0.1:<port>} (another site than the app's {@code localhost}, as a browser
 * counts sites), whose page has forms that post to the app: "Win a prize" starts a Facebook sign-in, "See the
 * photos" signs out. What a person who follows a link to a stranger's page may click.
 */
public final class AttackerSite extends FakeServer {

	/** The page with the forms. */
	public static final String PAGE = "page";

	private final String app;

	/** @param app the app's base URL, such as {@code http://localhost:8080} */
	public AttackerSite(String app) {
		super(0);
		this.app = app.replaceAll("/+$", "");
		route(PAGE, "/", (request) -> Response.html(200, page()));
		start();
	}

	private String page() {
		return """
				<!DOCTYPE html>
				<html lang="en"><head><meta charset="utf-8"><title>Free prizes</title></head>
				<body>
				<h1>Free prizes</h1>
				<form method="post" action="%1$s/authorize/facebook">
				<input type="hidden" name="next" value="/account">
				<button type="submit" id="prize">Win a prize</button>
				</form>
				<form method="post" action="%1$s/logout">
				<button type="submit" id="photos">See the photos</button>
				</form>
				</body></html>
				""".formatted(html(this.app));
	}

}
