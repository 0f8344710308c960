package io.github.oauthsignin.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Many browsers finishing at the same moment, for race tests: each on its own thread, held back until every one
 * has its task, then all released at once. Why a helper: the point of such a test is the moment of release, and a
 * thread pool, a latch and futures written out in each test hide it.
 */
public final class Simultaneously {

	private static final long PATIENCE_SECONDS = 60;

	private Simultaneously() {
	}

	/**
	 * Has every browser open its URL (typically a provider's redirect back to the app) at the same moment, following
	 * redirects to the end.
	 * @param browsers the browsers, each with its sign-in started
	 * @param urls the URL for each browser, in the same order
	 * @return the page each browser ends on, in the same order
	 */
	public static List<TestBrowser.Page> follow(List<TestBrowser> browsers, List<String> urls)
			throws InterruptedException, ExecutionException, TimeoutException {
		if (browsers.size() != urls.size()) {
			throw new IllegalArgumentException(browsers.size() + " browsers but " + urls.size() + " URLs");
		}
		ExecutorService pool = Executors.newFixedThreadPool(browsers.size());
		CountDownLatch go = new CountDownLatch(1);
		try {
			List<Future<TestBrowser.Page>> pending = new ArrayList<>();
			for (int i = 0; i < browsers.size(); i++) {
				TestBrowser browser = browsers.get(i);
				String url = urls.get(i);
				pending.add(pool.submit(() -> {
					go.await();
					return browser.follow(browser.get(url));
				}));
			}
			go.countDown();
			List<TestBrowser.Page> pages = new ArrayList<>();
			for (Future<TestBrowser.Page> page : pending) {
				pages.add(page.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
			}
			return pages;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
