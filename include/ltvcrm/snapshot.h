/**
 * @file snapshot.h
 * @brief Ledger snapshots: a ledger saved to a versioned binary file (or memory buffer) and
 * opened again in a fraction of the time a CSV load takes.
 *
 * A snapshot holds the ledger exactly as it answers queries: the customer ids in first-seen
 * order, their hash table, every customer's events grouped and in canonical order, and the
 * running totals. Opening one maps the file read-only and points the ledger into the mapping,
 * so nothing is parsed, sorted or copied; every section is checked against its checksum and
 * its structure before the ledger is handed out (or, opened with ::LTV_OPEN_CHECK_ON_USE,
 * before its first use). The format is specified in `docs/snapshot-format.md`.
 *
 * An opened ledger is an ordinary ledger: it can be queried, segmented, merged, have events
 * added (the nightly increment) and be saved again. The first change copies the customer
 * arrays out of the mapping; the file itself is never written.
 *
 * Files are written crash-safe: to a temporary file in the destination's directory, flushed
 * with `fsync`, then renamed over the destination (which replaces a symbolic link there
 * rather than writing through it), and the directory is flushed. A reader sees the old
 * snapshot or the new one, never a mix.
 */
#ifndef LTVCRM_SNAPSHOT_H
#define LTVCRM_SNAPSHOT_H

#include "common.h"
#include "ledger.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The eight bytes every snapshot starts with. */
#define LTV_SNAPSHOT_MAGIC "\x89LTVSNAP"
/** Length of ::LTV_SNAPSHOT_MAGIC in bytes. */
#define LTV_SNAPSHOT_MAGIC_LEN 8
/** The newest format version this library reads: 2, which ltv_ledger_save_increment()
 * writes (a base and its increments); ltv_ledger_save() writes version 1, which every 1.x reads. */
#define LTV_SNAPSHOT_FORMAT_VERSION 2

/**
 * @brief What a snapshot file holds, filled by ltv_snapshot_info().
 * Fields are only ever added at the end; pass `sizeof` of your copy.
 */
typedef struct ltv_snapshot_info {
    uint32_t format_version; /**< Format version of the file. */
    uint32_t sections;       /**< Sections in the file's table. */
    uint64_t file_bytes;     /**< Size of the file. */
    uint64_t customers;      /**< Customers in the ledger. */
    uint64_t events;         /**< Events of every kind. */
    uint64_t orders;         /**< Events of kind order. */
    int64_t revenue;         /**< Sum of every amount, refunds deducted, in minor units. */
    int32_t first_day;       /**< Day of the first event, ::LTV_NO_DAY if none. */
    int32_t last_day;        /**< Day of the last event, ::LTV_NO_DAY if none. */
    uint64_t increments;     /**< Increments after the base (format version 2), else 0. */
    uint64_t commit;         /**< Sequence number of the newest commit (version 2: the base is 1), else 0. */
} ltv_snapshot_info;

/** How ltv_ledger_save_increment() saved a ledger (its `out_how`). */
typedef enum ltv_snapshot_save_how {
    LTV_SNAPSHOT_UNCHANGED = 0, /**< The file held the ledger already: nothing was written. */
    LTV_SNAPSHOT_INCREMENT = 1, /**< What was new went into an increment after the file's end, then was committed. */
    LTV_SNAPSHOT_REWRITTEN = 2, /**< The whole ledger was written as a new base (the ledger did not come from that file). */
    LTV_SNAPSHOT_COMPACTED = 3  /**< The whole ledger was written as a new base because the increments outgrew it. */
} ltv_snapshot_save_how;

/**
 * @brief Saves a ledger to a snapshot file, crash-safe (temporary file, fsync, rename).
 *
 * Prepares the ledger first (as any query does). The destination is replaced atomically;
 * on failure it is left as it was and the temporary file is removed; a symlink at path is
 * replaced, not written through (the library's one file writer, as ltv_matrix_save_file()
 * and ltv_planner_save()).
 *
 * @param ledger the ledger; not modified except for its internal layout.
 * @param path destination file; its directory must be writable.
 * @return ::LTV_OK, ::LTV_EINVAL (NULL), ::LTV_EIO (the message names the path and the system
 *         error), ::LTV_ENOMEM.
 * @note Thread safety: like a query; other threads may read the ledger meanwhile.
 */
LTV_API int ltv_ledger_save(const ltv_ledger *ledger, const char *path);

/**
 * @brief Saves a ledger to a snapshot file by appending only what is new (format version 2).
 *
 * When the ledger was opened from the file at `path` (or last saved there by this function)
 * and the file is still at the commit the ledger knows, the customers and events added since
 * go into an increment written after the file's end; it is flushed (`fdatasync`) and then
 * committed by rewriting one of two commit slots in the header area, and flushed again. A
 * crash at any point leaves the previous commit or the new one: bytes past the commit are
 * ignored, a torn slot fails its checksum. Otherwise — a ledger from elsewhere, a version-1
 * file, another destination, or increments that would exceed a quarter of the base's bytes
 * (or 1000 increments) — the whole ledger is written as a new base, crash-safe as
 * ltv_ledger_save() writes. Either way the file then holds exactly the ledger, and the
 * ledger tracks it for the next call. Opening such a file maps the base and adds the
 * increments' customers and events (see docs/snapshot-format.md).
 *
 * @param ledger the ledger; its record of what the file holds is updated.
 * @param path the snapshot file.
 * @param out_how may be NULL; receives an ::ltv_snapshot_save_how.
 * @return ::LTV_OK, ::LTV_EINVAL (NULL), ::LTV_EIO (the message names the path, the step and the
 *         system error; the file keeps its previous commit), ::LTV_ESTATE (another writer
 *         committed to the file since the ledger read it: nothing was written), ::LTV_ENOMEM.
 * @note Thread safety: one thread at a time per ledger, with no readers; writers of the same
 *       file in other processes are serialized by an exclusive `flock`.
 */
LTV_API int ltv_ledger_save_increment(ltv_ledger *ledger, const char *path, int *out_how);

/**
 * @brief Rewrites a snapshot file as one base without increments (format version 2).
 *
 * Opens the file (every check of ltv_ledger_open()), then replaces it crash-safe with the
 * same ledger as a single base. ltv_ledger_save_increment() does this by itself when the
 * increments outgrow the base.
 *
 * @param path the snapshot file.
 * @return as ltv_ledger_open() and ltv_ledger_save().
 * @note Thread safety: safe to call from any thread; not concurrently with a writer of the file.
 */
LTV_API int ltv_snapshot_compact(const char *path);

/**
 * @brief Opens a snapshot file as a new ledger, mapping it read-only.
 *
 * Checks the header, the section table, every section's checksum and the structure of the
 * data (ids, hash table, run starts, every event and the totals) before returning. The file
 * may be renamed over or removed afterwards: the ledger keeps its mapping until freed.
 *
 * @param out receives the ledger, to free with ltv_ledger_free(); NULL on failure.
 * @param path the snapshot file.
 * @return ::LTV_OK, ::LTV_EINVAL (NULL), ::LTV_EIO (cannot open or map), ::LTV_EFORMAT (not a
 *         snapshot, truncated, a checksum mismatch, foreign byte order, a newer format
 *         version, inconsistent data: the message names the problem and the section),
 *         ::LTV_ENOMEM.
 * @note Thread safety: safe to call from any thread.
 */
LTV_API int ltv_ledger_open(ltv_ledger **out, const char *path);

/**
 * @brief Flag of ltv_ledger_open_flags(): check each part of the snapshot on its first use
 * instead of before returning. @since 1.1
 *
 * The open then checks the header, the section table and META only, and returns at once. The
 * checksums and structure of the customer ids and hash table are checked by the first call
 * that looks a customer up or adds one; those of the events by the first call that reads them.
 * ltv_segment_run() checks the events while its first pass reads them (the checks cost less
 * there than in a separate walk): opening and segmenting a large snapshot once, as a nightly
 * job does, is about a quarter faster. A damaged part is refused exactly as by
 * ltv_ledger_open(), only later: the first call that reads it and every call after it fail
 * with ::LTV_EFORMAT and the same message, and no result is computed from unchecked bytes.
 * The ledger's counts and totals (ltv_ledger_customer_count(), ltv_ledger_order_count(),
 * ltv_ledger_revenue(), ...) come from META, whose checksum the open checked. Snapshots
 * written before this flag existed, and version-2 files with increments, are partly or
 * wholly checked at the open as without it. ltv_ledger_verify() runs every remaining check.
 */
#define LTV_OPEN_CHECK_ON_USE 1u

/**
 * @brief Opens a snapshot file as a new ledger, as ltv_ledger_open() does, with flags.
 *
 * @param out receives the ledger, to free with ltv_ledger_free(); NULL on failure.
 * @param path the snapshot file.
 * @param flags 0 (the same as ltv_ledger_open()) or ::LTV_OPEN_CHECK_ON_USE.
 * @return as ltv_ledger_open(); ::LTV_EINVAL also for an unknown flag.
 * @note Thread safety: safe to call from any thread. A ledger opened with
 * ::LTV_OPEN_CHECK_ON_USE stays safe for concurrent readers: the deferred checks run once,
 * under the ledger's own lock.
 * @since 1.1
 */
LTV_API int ltv_ledger_open_flags(ltv_ledger **out, const char *path, uint32_t flags);

/**
 * @brief Runs every check that ltv_ledger_open_flags() left for later.
 *
 * @param ledger any ledger; for one not opened with ::LTV_OPEN_CHECK_ON_USE, or checked
 * whole already, there is nothing to do.
 * @return ::LTV_OK when every part is sound; ::LTV_EFORMAT naming the section and the
 * problem (then every later call that reads the ledger fails the same way); ::LTV_EINVAL
 * (NULL).
 * @note Thread safety: like a query (safe with other readers).
 * @since 1.1
 */
LTV_API int ltv_ledger_verify(const ltv_ledger *ledger);

/**
 * @brief Saves a ledger as a snapshot into a new memory buffer (the same bytes as a file).
 *
 * @param ledger the ledger; not modified except for its internal layout.
 * @param out_data receives the buffer, owned by the caller, to free with ltv_free().
 * @param out_len receives its length in bytes.
 * @return ::LTV_OK, ::LTV_EINVAL, ::LTV_ENOMEM.
 * @note Thread safety: like a query.
 */
LTV_API int ltv_ledger_save_buffer(const ltv_ledger *ledger, void **out_data, size_t *out_len);

/**
 * @brief Opens a snapshot held in memory as a new ledger.
 *
 * The bytes are checked as ltv_ledger_open() checks a file and copied once; the caller's
 * buffer may be freed right after the call.
 *
 * @param out receives the ledger, to free with ltv_ledger_free(); NULL on failure.
 * @param data the snapshot's bytes.
 * @param len their length.
 * @return as ltv_ledger_open(), without ::LTV_EIO.
 * @note Thread safety: safe to call from any thread.
 */
LTV_API int ltv_ledger_open_buffer(ltv_ledger **out, const void *data, size_t len);

/**
 * @brief Reads a snapshot file's header and totals without opening the ledger.
 *
 * Checks the header, the section table and the metadata section's checksum (not the other
 * sections: ltv_ledger_open() does that).
 *
 * @param path the snapshot file.
 * @param out receives the information.
 * @param out_size `sizeof *out` as the caller compiled it.
 * @return ::LTV_OK, ::LTV_EINVAL, ::LTV_EIO, ::LTV_EFORMAT (as ltv_ledger_open()).
 * @note Thread safety: safe to call from any thread.
 */
LTV_API int ltv_snapshot_info_read(const char *path, ltv_snapshot_info *out, size_t out_size);

/**
 * @brief Tells whether a file starts with the snapshot magic (::LTV_SNAPSHOT_MAGIC).
 *
 * Meant for tools that accept either a CSV or a snapshot: it reads eight bytes and checks
 * nothing else.
 *
 * @param path the file.
 * @param out_is_snapshot receives 1 if it starts with the magic, else 0.
 * @return ::LTV_OK, ::LTV_EINVAL, ::LTV_EIO (cannot open or read the file).
 * @note Thread safety: safe to call from any thread.
 */
LTV_API int ltv_snapshot_detect(const char *path, int *out_is_snapshot);

#ifdef __cplusplus
}
#endif

#endif /* LTVCRM_SNAPSHOT_H */
