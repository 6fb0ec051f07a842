package io.winback.testsupport;

/** One way of running the shared test broker: in this JVM or in a container. */
interface BrokerBackend {

  String kind();

  String bootstrapServers();

  void stop();
}
