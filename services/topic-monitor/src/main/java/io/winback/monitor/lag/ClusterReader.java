package io.winback.monitor.lag;

/** Reads offsets and group commits from the cluster; throws when the broker cannot be reached. */
public interface ClusterReader {

  ClusterReading read();
}
