package dev.framegate.runtime.config;

import dev.framegate.runtime.Route;
import dev.framegate.runtime.RouteTable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A route table whose content can be replaced while the runtime serves: each lookup reads the
 * current table, so new connections get a reloaded configuration and open ones keep theirs.
 */
public final class ReloadableRouteTable implements RouteTable {

  private volatile RouteTable current;

  /**
   * Starts with a table.
   *
   * @param initial the first table
   */
  public ReloadableRouteTable(RouteTable initial) {
    this.current = Objects.requireNonNull(initial, "initial");
  }

  /**
   * Replaces the table for connections opened from now on.
   *
   * @param next the new table
   */
  public void replace(RouteTable next) {
    this.current = Objects.requireNonNull(next, "next");
  }

  /**
   * The table in force.
   *
   * @return the current table
   */
  public RouteTable current() {
    return current;
  }

  @Override
  public Optional<Route> resolve(String path) {
    return current.resolve(path);
  }

  @Override
  public List<Route> routes() {
    return current.routes();
  }
}
