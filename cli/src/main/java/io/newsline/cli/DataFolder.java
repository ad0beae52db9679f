package io.newsline.cli;

import io.newsline.common.FileTrees;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * The folder `newsline local` keeps its data in, held by one process at a time: Kafka's log
 * directory (every topic, so also the schemas, the feed state and what the duplicate index is
 * rebuilt from) and Kafka Streams' state. An exclusive lock on {@code .lock} (released by the
 * operating system when the process ends, however it ends) keeps a second process out.
 */
final class DataFolder implements AutoCloseable {
  static final String LOCK = ".lock";

  private final Path dir;
  private final FileChannel lockFile;
  private final FileLock lock;

  private DataFolder(Path dir, FileChannel lockFile, FileLock lock) {
    this.dir = dir;
    this.lockFile = lockFile;
    this.lock = lock;
  }

  /** Creates the folder when missing and locks it; fails with a message naming the holder if locked. */
  static DataFolder open(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    if (Files.exists(abs) && !Files.isDirectory(abs)) {
      throw new java.nio.file.NotDirectoryException(abs.toString());
    }
    Files.createDirectories(abs);
    FileChannel channel = FileChannel.open(abs.resolve(LOCK),
        StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // this process holds it already
    }
    if (lock == null) {
      String holder = readHolder(channel);
      channel.close();
      throw new InUseException("the data folder " + abs + " is in use by another newsline local"
          + (holder.isEmpty() ? "" : " (process " + holder + ")")
          + "; stop it first, or give this one another folder with --data DIR");
    }
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)), 0);
    channel.force(false);
    return new DataFolder(abs, channel, lock);
  }

  private static String readHolder(FileChannel channel) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(32);
    channel.read(b, 0);
    return new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip();
  }

  Path dir() {
    return dir;
  }

  /** Kafka's log directory. */
  Path kafka() {
    return dir.resolve("kafka");
  }

  /** Kafka Streams' state directory (aggregate's event store). */
  Path streams() {
    return dir.resolve("streams");
  }

  /** Whether nothing was kept here yet (a first start, or after {@link #clear()}). */
  boolean isNew() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.allMatch(f -> f.getFileName().toString().equals(LOCK));
    }
  }

  /** Deletes everything kept here (the lock stays held): the next start begins with an empty cluster. */
  void clear() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> !f.getFileName().toString().equals(LOCK)).toList()) {
        FileTrees.delete(f);
      }
    }
  }

  /** Releases the lock; the folder and its data stay. */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      lockFile.close();
    }
  }

  /** Another process holds the folder: the message says which and what to do. */
  static final class InUseException extends IOException {
    InUseException(String message) {
      super(message);
    }
  }
}
