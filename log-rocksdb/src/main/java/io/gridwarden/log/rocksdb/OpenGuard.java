package io.gridwarden.log.rocksdb;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps readers off a database that is being closed. RocksDB's Java handles do not: a read that started
 * on another thread while {@code close()} freed the column families ran into freed memory and took the
 * whole process down (SIGSEGV in {@code DBImpl::FailIfCfHasTs}, a tailer's page read during shutdown).
 * Every native use holds a {@link Use}; {@link #close(Runnable)} waits for those in progress, and a use
 * after that fails with a clear {@link IllegalStateException} instead.
 */
final class OpenGuard {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final String what;
    private boolean closed;

    OpenGuard(String what) {
        this.what = what;
    }

    /** Holds the database open until closed; throws if it is closed already. */
    Use use() {
        lock.readLock().lock();
        if (closed) {
            lock.readLock().unlock();
            throw new IllegalStateException(what + " is closed");
        }
        return lock.readLock()::unlock;
    }

    /** Runs {@code closer} once, after every use in progress has ended; later uses fail. */
    void close(Runnable closer) {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                closer.run();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** One use of the open database; closing it lets a waiting close go ahead. */
    @FunctionalInterface
    interface Use extends AutoCloseable {
        @Override
        void close();
    }
}
