'use strict';

/**
 * An error whose message is meant for the user as it is. The plugin turns it into the
 * framework's own error class at the hook boundary, so the CLI shows it without a stack trace.
 */
class PluginError extends Error {
  constructor(message, code) {
    super(message);
    this.name = 'PluginError';
    this.code = code;
  }
}

module.exports = PluginError;
