package io.newsline.query.store;

import java.util.Map;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;
import org.apache.kafka.streams.state.RocksDBConfigSetter;

/**
 * One block cache and one memtable budget for all of the query stage's stores (Kafka Streams gives
 * each store its own 50 MB cache and up to 48 MB of memtables by default), so the off-heap memory
 * of an instance is bounded by {@code query.store.memory.mb} whatever the number of events. The
 * stores hold the full timelines and articles on disk; reads that miss the cache go to disk.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {
  /** Streams config key carrying the budget in bytes. */
  public static final String MEMORY_BYTES = "newsline.query.store.memory.bytes";
  static final long DEFAULT_BYTES = 64L << 20;

  private static Cache cache;
  private static WriteBufferManager writeBuffers;

  private static synchronized void init(long bytes) {
    if (cache == null) {
      // a quarter for memtables (charged to the same cache), index and filter blocks at high priority
      cache = new LRUCache(bytes, -1, false, 0.1);
      writeBuffers = new WriteBufferManager(bytes / 4, cache);
    }
  }

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    Object v = configs.get(MEMORY_BYTES);
    long bytes = v == null ? DEFAULT_BYTES : Long.parseLong(v.toString());
    init(bytes);
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(cache);
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setWriteBufferManager(writeBuffers);
    options.setMaxWriteBufferNumber(2);
    options.setWriteBufferSize(Math.max(1L << 20, bytes / 16));
    options.setTableFormatConfig(table);
  }

  @Override
  public void close(String storeName, Options options) {
    // the cache and the write buffer manager are shared by every store: they live as long as the process
  }
}
