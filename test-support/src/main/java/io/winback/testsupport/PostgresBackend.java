package io.winback.testsupport;

/** One way of running the shared test PostgreSQL: from this machine's binaries or in a container. */
interface PostgresBackend {

  String kind();

  int port();

  String jdbcUrl(String database);

  String username();

  String password();

  /** Creates an empty database the backend's user may use entirely. */
  void createDatabase(String name);

  void restart();

  void kill();

  void start();

  void stop();
}
