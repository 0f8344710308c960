package io.github.oauthsignin.signin;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Bounds every answer of every provider, in size and in time, for all calls at once: it sits on Spring Boot's HTTP
 * client (see {@code ProviderHttpConfiguration}), which every token, UserInfo, JWKS, discovery, profile and
 * OAuth 1.0a call goes through.
 * <ul>
 * <li>Size: at most {@code maxBytes} of body are read; one byte more and reading stops with a
 * {@link ProviderAnswerTooLargeException}, the rest is never fetched and the connection is closed. A
 * {@code Content-Length} above the limit fails before any byte is read. Without a {@code Content-Length} (chunked)
 * the count is the same, so no more than the limit ever reaches the heap.</li>
 * <li>Time: the whole answer, headers and body, within {@code deadline} of the request (Spring Boot's
 * {@code spring.http.clients.read-timeout}). The JDK client already closes the body at that moment; this names the
 * failure a time-out and also bounds a client that checks its read timeout per read only, so that a provider
 * dripping one byte a second is given up on.</li>
 * </ul>
 */
final class ProviderAnswerLimits implements ClientHttpRequestInterceptor {

	private final long maxBytes;

	private final Duration deadline;

	/**
	 * @param maxBytes the most bytes an answer's body may have
	 * @param deadline the longest a whole answer may take, or null for none
	 */
	ProviderAnswerLimits(long maxBytes, Duration deadline) {
		this.maxBytes = maxBytes;
		this.deadline = deadline;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		long giveUpAt = System.nanoTime() + ((this.deadline != null) ? this.deadline.toNanos() : 0);
		return new LimitedResponse(execution.execute(request, body), giveUpAt);
	}

	private final class LimitedResponse implements ClientHttpResponse {

		private final ClientHttpResponse response;

		private final long giveUpAt;

		private InputStream body;

		LimitedResponse(ClientHttpResponse response, long giveUpAt) {
			this.response = response;
			this.giveUpAt = giveUpAt;
		}

		@Override
		public HttpStatusCode getStatusCode() throws IOException {
			return this.response.getStatusCode();
		}

		@Override
		public String getStatusText() throws IOException {
			return this.response.getStatusText();
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.response.getHeaders();
		}

		@Override
		public InputStream getBody() throws IOException {
			if (this.body == null) {
				this.body = new LimitedBody(this.response.getBody(), this.response.getHeaders().getContentLength(),
						this.giveUpAt);
			}
			return this.body;
		}

		@Override
		public void close() {
			this.response.close();
		}

	}

	private final class LimitedBody extends FilterInputStream {

		private final long declaredLength;

		private final long giveUpAt;

		private long read;

		LimitedBody(InputStream body, long declaredLength, long giveUpAt) {
			super(body);
			this.declaredLength = declaredLength;
			this.giveUpAt = giveUpAt;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			int count = read(one, 0, 1);
			return (count < 0) ? -1 : (one[0] & 0xFF);
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.declaredLength > ProviderAnswerLimits.this.maxBytes) {
				throw tooLarge();
			}
			checkDeadline(null);
			// Never ask for more than one byte past the limit: that byte is enough to know the answer is too large.
			long allowed = ProviderAnswerLimits.this.maxBytes + 1 - this.read;
			int count;
			try {
				count = super.read(buffer, offset, (int) Math.min(length, allowed));
			}
			catch (IOException ex) {
				checkDeadline(ex);
				throw ex;
			}
			if (count > 0) {
				this.read += count;
				if (this.read > ProviderAnswerLimits.this.maxBytes) {
					throw tooLarge();
				}
			}
			return count;
		}

		@Override
		public long skip(long count) throws IOException {
			byte[] discarded = new byte[(int) Math.min(count, 8192)];
			int skipped = read(discarded, 0, discarded.length);
			return Math.max(skipped, 0);
		}

		@Override
		public boolean markSupported() {
			return false;
		}

		private ProviderAnswerTooLargeException tooLarge() {
			closeQuietly();
			return new ProviderAnswerTooLargeException(ProviderAnswerLimits.this.maxBytes);
		}

		/** Past the deadline, stops reading and says it was a time-out (whatever the client made of it). */
		private void checkDeadline(IOException failure) throws HttpTimeoutException {
			if (ProviderAnswerLimits.this.deadline != null && System.nanoTime() - this.giveUpAt > 0) {
				closeQuietly();
				HttpTimeoutException timeout = new HttpTimeoutException(
						"no whole answer within " + ProviderAnswerLimits.this.deadline.toMillis()
								+ " ms (spring.http.clients.read-timeout)");
				if (failure != null) {
					timeout.initCause(failure);
				}
				throw timeout;
			}
		}

		private void closeQuietly() {
			try {
				close();
			}
			catch (IOException ex) {
				// the connection is dropped either way
			}
		}

	}

}
