package io.github.oauthsignin.config;

/**
 * A setting that stops the app from starting, with the name of the setting to fix. Reported at start-up in one
 * line by {@link InvalidSettingFailureAnalyzer}.
 */
public class InvalidSettingException extends RuntimeException {

	private final String setting;

	/**
	 * @param setting the property or environment variable to fix
	 * @param problem what is wrong with it, as the end of a sentence that starts with the setting
	 */
	public InvalidSettingException(String setting, String problem) {
		super(setting + " " + problem);
		this.setting = setting;
	}

	public String getSetting() {
		return this.setting;
	}

}
