package dev.framegate.engine.internal;

import dev.framegate.api.PluginLog;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** A plugin's log on java.util.logging: logger {@code dev.framegate.plugin.<name>}, lines tagged with the connection. */
final class JulPluginLog implements PluginLog {

  private final Logger logger;
  private final String prefix;

  JulPluginLog(String pluginName, String connectionId) {
    this.logger = Logger.getLogger("dev.framegate.plugin." + pluginName);
    this.prefix = "[" + connectionId + "] ";
  }

  @Override
  public void debug(String message, Object... args) {
    log(Level.FINE, message, args);
  }

  @Override
  public void info(String message, Object... args) {
    log(Level.INFO, message, args);
  }

  @Override
  public void warn(String message, Object... args) {
    log(Level.WARNING, message, args);
  }

  @Override
  public void error(String message, Object... args) {
    log(Level.SEVERE, message, args);
  }

  private void log(Level level, String message, Object... args) {
    if (!logger.isLoggable(level)) {
      return;
    }
    StringBuilder text = new StringBuilder(prefix);
    int used = 0;
    String template = String.valueOf(message);
    int from = 0;
    while (true) {
      int at = template.indexOf("{}", from);
      if (at < 0 || args == null || used >= args.length) {
        text.append(template, from, template.length());
        break;
      }
      text.append(template, from, at).append(args[used++]);
      from = at + 2;
    }
    LogRecord record = new LogRecord(level, text.toString());
    record.setLoggerName(logger.getName());
    if (args != null && args.length > used && args[args.length - 1] instanceof Throwable t) {
      record.setThrown(t);
    }
    logger.log(record);
  }
}
