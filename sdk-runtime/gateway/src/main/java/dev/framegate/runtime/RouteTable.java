package dev.framegate.runtime;

import java.util.List;
import java.util.Optional;

/**
 * The routes in force. The transport looks a route up once per new connection, so a reload (a new
 * table) reaches new connections while open ones keep the chain they started with (rule P2).
 */
public interface RouteTable {

  /**
   * The route serving a client path.
   *
   * @param path the request path, without the query
   * @return the route, or empty when none matches (the client gets 404)
   */
  Optional<Route> resolve(String path);

  /**
   * All routes, for the listener set-up and the admin endpoint.
   *
   * @return the routes
   */
  List<Route> routes();
}
